'use client';
import { Component, Suspense, type ReactNode } from 'react';
import { useClickwrapConfig } from '../root/context';
import { useCx } from '../root/helpers';
import type { OnDemand } from './loader';

interface CatchProps {
  part: OnDemand<unknown>;
  failed: (retry: () => void) => ReactNode;
  children: ReactNode;
}

/** Catches the failed load of `part` (and only that: an error rendering the loaded part goes on up). */
class CatchFailedLoad extends Component<CatchProps, { error: { value: unknown } | null }> {
  override state: { error: { value: unknown } | null } = { error: null };

  static getDerivedStateFromError(value: unknown) {
    return { error: { value } };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.part.peek() !== null) throw error.value;
    return this.props.failed(() => {
      this.props.part.retry();
      this.setState({ error: null });
    });
  }
}

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
