'use client';
import { Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ClickwrapMessages } from '../../messages';
import { classNames } from '../root/class-names';
import { useClickwrapConfig } from '../root/context';
import { CatchFailedLoad } from './catch-failed-load';
import type { OnDemand } from './loader';

/** What a keyboard user lands on in a part that has just loaded. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Where a part loaded on demand renders: nothing while it loads unless given a `fallback` (it is
 * preloaded before it can be needed, or appears after what the person did), and if it cannot be loaded a message that
 * says so, in an alert, with a button that loads it again. No decision depends on the part
 * having loaded: a missing form field keeps Accept blocked, a missing copy loses no receipt.
 */
export function OnDemandPart(props: {
  part: OnDemand<unknown>;
  /** What shows while the part loads (nothing by default). */
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const { messages, unstyled } = useClickwrapConfig('OnDemandPart');
  return <LoadBoundary {...props} messages={messages} unstyled={unstyled} />;
}

/**
 * `OnDemandPart` without the clickwrap's context, for what renders above it (the provider, while
 * re-consent's diff loads): the texts and `unstyled` are given.
 * The alert and its button go when they are pressed: focus moves to a "Loading…" status in their
 * place, then into the part once it is there, so a keyboard user is never left on the page's body.
 */
export function LoadBoundary({
  part,
  fallback = null,
  messages,
  unstyled,
  lang,
  dir,
  children,
}: {
  part: OnDemand<unknown> | readonly OnDemand<unknown>[];
  fallback?: ReactNode;
  messages: Pick<ClickwrapMessages, 'partLoadFailed' | 'partLoadRetry' | 'partLoading'>;
  unstyled: boolean;
  /** The UI's language and direction, for a boundary outside the root (which says them inside). */
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
  children: ReactNode;
}) {
  const cx = (name: string, ...extra: string[]) => classNames(unstyled, name, ...extra);
  // Set by "Try again", until focus has moved into the loaded part.
  const [retried, setRetried] = useState(false);
  const focusOnMount = useCallback((el: HTMLElement | null) => el?.focus({ preventScroll: true }), []);
  const focused = useCallback(() => setRetried(false), []);
  return (
    <CatchFailedLoad
      part={part}
      failed={(retry) => (
        <LoadFailedAlert
          messages={messages}
          unstyled={unstyled}
          lang={lang}
          dir={dir}
          onRetry={() => {
            setRetried(true);
            retry();
          }}
        />
      )}
    >
      <Suspense
        fallback={
          retried ? (
            <p
              role="status"
              tabIndex={-1}
              className={cx('load-pending')}
              ref={focusOnMount}
              lang={lang}
              dir={dir}
            >
              {messages.partLoading}
            </p>
          ) : (
            fallback
          )
        }
      >
        {retried ? <FocusWhenLoaded onDone={focused} /> : null}
        {children}
      </Suspense>
    </CatchFailedLoad>
  );
}

/**
 * What says a part could not be loaded: an alert with a button that loads it again (while it does,
 * when `retrying` is given, the button says so and does nothing more).
 */
export function LoadFailedAlert({
  messages,
  unstyled,
  lang,
  dir,
  onRetry,
  retrying = false,
}: {
  messages: Pick<ClickwrapMessages, 'partLoadFailed' | 'partLoadRetry' | 'partLoading'>;
  unstyled: boolean;
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
  onRetry: () => void;
  retrying?: boolean;
}) {
  const cx = (name: string) => classNames(unstyled, name);
  return (
    <div role="alert" className={cx('load-failed')} data-load-failed="" lang={lang} dir={dir}>
      <p className={cx('load-failed-text')}>{messages.partLoadFailed}</p>
      <button
        type="button"
        className={cx('button')}
        data-variant="secondary"
        aria-disabled={retrying || undefined}
        onClick={() => {
          if (!retrying) onRetry();
        }}
      >
        {retrying ? messages.partLoading : messages.partLoadRetry}
      </button>
    </div>
  );
}

/**
 * Rendered just before the loaded part, after a retry: moves focus to the part's first control
 * (or the part itself) when focus was left nowhere (the status it was on is gone), then goes.
 */
function FocusWhenLoaded({ onDone }: { onDone: () => void }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const marker = ref.current;
    const doc = marker?.ownerDocument;
    const active = doc?.activeElement;
    if (marker && (!active || active === doc.body)) {
      const part = marker.nextElementSibling as HTMLElement | null;
      const target = part?.matches(FOCUSABLE) ? part : part?.querySelector<HTMLElement>(FOCUSABLE);
      target?.focus();
    }
    onDone();
  }, [onDone]);
  return <span ref={ref} hidden />;
}
