'use client';
import { Suspense, type ReactNode } from 'react';
import { useClickwrapConfig } from '../root/context';
import { useCx } from '../root/helpers';
import { CatchFailedLoad } from './catch-failed-load';
import type { OnDemand } from './loader';

/**
 * Where a part loaded on demand renders: nothing while it loads unless given a `fallback` (it is
 * preloaded before it can be needed, or appears after what the person did), and if it cannot be loaded a message that
 * says so, in an alert, with a button that loads it again. No decision depends on the part
 * having loaded: a missing form field keeps Accept blocked, a missing copy loses no receipt.
 */
export function OnDemandPart({
  part,
  fallback = null,
  children,
}: {
  part: OnDemand<unknown>;
  /** What shows while the part loads (nothing by default). */
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const { messages } = useClickwrapConfig('OnDemandPart');
  const cx = useCx();
  return (
    <CatchFailedLoad
      part={part}
      failed={(retry) => (
        <div role="alert" className={cx('load-failed')} data-load-failed="">
          <p className={cx('load-failed-text')}>{messages.partLoadFailed}</p>
          <button type="button" className={cx('button')} data-variant="secondary" onClick={retry}>
            {messages.partLoadRetry}
          </button>
        </div>
      )}
    >
      <Suspense fallback={fallback}>{children}</Suspense>
    </CatchFailedLoad>
  );
}
