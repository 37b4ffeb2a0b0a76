'use client';
/**
 * Re-consent's notice and change summary, on demand: `../reconsent` is in the chunk of parts
 * shown later (`./later-parts`), loaded together with the diff (see `../root/reconsent-loader`), so an app without `previous`
 * never ships it. The root renders nothing until both have loaded (the Suspense boundary it puts
 * around a re-consent), so these render at once, on the server too.
 */
import { forwardRef, useCallback, useEffect, useRef, type Ref } from 'react';
import type { ChangeSummaryProps, ReconsentNoticeProps } from '../reconsent';
import { useClickwrapConfig } from '../root/context';
import { LoadFailedAlert } from './boundary';
import { laterParts } from './parts';

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ReconsentNotice = forwardRef<HTMLElement, ReconsentNoticeProps>(
  function ReconsentNotice(props, ref) {
    const { reconsent, reconsentFailure, messages, unstyled } = useClickwrapConfig('ReconsentNotice');
    // After "Try again", focus moves from the alert's button (gone) to the notice in its place.
    const afterRetry = useRef(false);
    const own = useRef<HTMLElement | null>(null);
    const setRef = useCallback(
      (el: HTMLElement | null) => {
        own.current = el;
        if (typeof ref === 'function') ref(el);
        else if (ref) (ref as { current: HTMLElement | null }).current = el;
      },
      [ref],
    ) as Ref<HTMLElement>;
    useEffect(() => {
      const el = own.current;
      if (!reconsent || !afterRetry.current || !el) return;
      afterRetry.current = false;
      // Only where focus was left nowhere: on the page's body, or on what holds the notice (a
      // dialog takes focus itself when the focused button goes).
      const active = el.ownerDocument.activeElement;
      if (active && !active.contains(el)) return;
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus({ preventScroll: true });
    }, [reconsent]);
    if (!reconsent) {
      if (!reconsentFailure) return null;
      // Asked for after mount, re-consent's diff could not be loaded: the clickwrap stays as
      // it is, and this says so, with a button that loads it again.
      return (
        <LoadFailedAlert
          messages={messages}
          unstyled={unstyled}
          retrying={reconsentFailure.retrying}
          onRetry={() => {
            afterRetry.current = true;
            reconsentFailure.retry();
          }}
        />
      );
    }
    // Loaded with the diff, before the root rendered this (else it suspends there).
    const Part = laterParts.read().ReconsentNotice;
    return <Part ref={setRef} {...props} />;
  },
);

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ChangeSummary = forwardRef<HTMLElement, ChangeSummaryProps>(function ChangeSummary(props, ref) {
  const { reconsent } = useClickwrapConfig('ChangeSummary');
  if (!reconsent) return null;
  const Part = laterParts.read().ChangeSummary;
  return <Part ref={ref} {...props} />;
});
