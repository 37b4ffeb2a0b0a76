'use client';
/**
 * The copy actions for the layouts, on demand: download and print show only after the consent
 * is recorded, so `../copy-actions` (with `buildAgreementCopy`) is in the chunk of parts shown later, preloaded
 * once the person can accept (before they press Accept). Nothing of it is ever server-rendered:
 * a clickwrap starts undecided.
 */
import { forwardRef, useEffect } from 'react';
import type { CopyActionsProps } from '../copy-actions';
import { useClickwrapContext } from '../root/context';
import { OnDemandPart } from './boundary';
import { laterParts } from './parts';

const Loaded = forwardRef<HTMLDivElement, CopyActionsProps>(function Loaded(props, ref) {
  const Part = laterParts.read().CopyActions;
  return <Part ref={ref} {...props} />;
});

/**
 * After acceptance: "Download a copy" (a `.md` file with the agreement's canonical markdown,
 * exactly as hashed, and the receipt as JSON; see `buildAgreementCopy` in
 * `react-clickwrap/core`; with `documents`, one "Download the {title}" per document, behind one
 * "Download copies" button) and "Print" (the browser's print dialog; `styles.css` prints the whole
 * agreement, unclipped, and the receipt summary, without the controls). Renders nothing before
 * the consent is recorded. Its code loads on demand, once the person can accept.
 *
 * The receipt summary under the buttons is `hidden` on screen (the status already shows the
 * receipt id) and shown by the print stylesheet. While printing from here the root carries
 * `data-printing`, and only that clickwrap is printed, not the page around it.
 * @selector .rcw-copy .rcw-copy-menu[data-state="open"|"closed"] .rcw-receipt-summary[data-print-only] .rcw-root[data-printing]
 */
export const CopyActions = forwardRef<HTMLDivElement, CopyActionsProps>(function CopyActions(props, ref) {
  const cw = useClickwrapContext('CopyActions');
  // Once Accept would record a consent (or a receipt is on its way), the copies may be next.
  const soon = cw.canAccept || cw.status !== 'idle';
  useEffect(() => {
    if (soon) laterParts.preload();
  }, [soon]);
  if (cw.status !== 'accepted' || !cw.receipt) return null;
  return (
    <OnDemandPart part={laterParts}>
      <Loaded ref={ref} {...props} />
    </OnDemandPart>
  );
});
