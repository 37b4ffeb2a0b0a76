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

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ReconsentNotice = forwardRef<HTMLElement, ReconsentNoticeProps>(
  function ReconsentNotice(props, ref) {
    const { reconsent } = useClickwrapConfig('ReconsentNotice');
    if (!reconsent) return null;
    // Loaded with the diff, before the root rendered this (else it suspends there).
    const Part = laterParts.read().ReconsentNotice;
    return <Part ref={ref} {...props} />;
  },
);

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ChangeSummary = forwardRef<HTMLElement, ChangeSummaryProps>(function ChangeSummary(props, ref) {
  const { reconsent } = useClickwrapConfig('ChangeSummary');
  if (!reconsent) return null;
  const Part = laterParts.read().ChangeSummary;
  return <Part ref={ref} {...props} />;
});
