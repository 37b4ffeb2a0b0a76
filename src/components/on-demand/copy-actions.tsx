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

// Its documentation is on the public name, in src/components/public-parts.ts.
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
