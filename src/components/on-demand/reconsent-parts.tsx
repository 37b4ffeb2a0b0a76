'use client';
/**
 * Re-consent's notice and change summary, on demand: `../reconsent` is in the chunk of parts
 * shown later (`./later-parts`), loaded together with the diff (see `../root/reconsent-loader`), so an app without `previous`
 * never ships it. The root renders nothing until both have loaded (the Suspense boundary it puts
 * around a re-consent), so these render at once, on the server too.
 */
import { forwardRef } from 'react';
import type { ChangeSummaryProps, ReconsentNoticeProps } from '../reconsent';
import { useClickwrapConfig } from '../root/context';
import { laterParts } from './parts';

/**
 * In re-consent (`previous`): "This agreement has changed", when the new version takes effect
 * (its `effectiveDate`, as a calendar date in the UI language) and which version the person
 * accepted, and when. Renders nothing for a first consent. When every change is minor (see
 * `previous.minorChanges`), it says so and offers Continue, which goes on without a fresh assent.
 * @selector .rcw-notice[data-reading="whole"|"changes"][data-change-kind="minor"|"material"|"none"] .rcw-notice-continue
 */
export const ReconsentNotice = forwardRef<HTMLElement, ReconsentNoticeProps>(
  function ReconsentNotice(props, ref) {
    const { reconsent } = useClickwrapConfig('ReconsentNotice');
    if (!reconsent) return null;
    // Loaded with the diff, before the root rendered this (else it suspends there).
    const Part = laterParts.read().ReconsentNotice;
    return <Part ref={ref} {...props} />;
  },
);

/**
 * "What changed" (re-consent only): how many passages were changed, added and removed, whether
 * key clauses are concerned, and each change in document order. A changed or added passage is a
 * button that scrolls the agreement to it and moves focus there, marked once it has been on
 * screen; a changed one shows its words, deleted (`<del>`) and inserted (`<ins>`), each
 * announced as such. A removed clause shows its previous text and jumps to the section it was
 * removed from. Renders nothing for a first consent.
 * @selector .rcw-changes[data-complete][data-reading="whole"|"changes"] .rcw-change-item[data-change="added"|"changed"|"removed"][data-seen]
 */
export const ChangeSummary = forwardRef<HTMLElement, ChangeSummaryProps>(function ChangeSummary(props, ref) {
  const { reconsent } = useClickwrapConfig('ChangeSummary');
  if (!reconsent) return null;
  const Part = laterParts.read().ChangeSummary;
  return <Part ref={ref} {...props} />;
});
