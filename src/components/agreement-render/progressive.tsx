'use client';
/**
 * Long agreements, first render: the parts made by `rehypeAgreementParts` mount a few at a time.
 * The first INITIAL_PARTS and the last one mount at once (the last, so the end marker always
 * follows real text and the end stays exact); the others hold their estimated height
 * (`data-pending`, styled by agreement.css) and mount in batches after the first frame, in
 * transitions that yield to the reader. Server rendering and hydration render every part (the
 * server's HTML holds the whole text), and so does printing (`beforeprint`).
 */
import {
  createContext,
  startTransition,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { MOUNT_ALL_PARTS } from '../../internal/scroll';

/** Parts mounted with the first render. */
export const INITIAL_PARTS = 12;
/** Parts mounted per batch after it. */
const BATCH_PARTS = 48;

/** Internal switch (not exported by the package): the bench turns it off to measure "before". */
export const progressiveSwitch = { enabled: true };

/** How many parts may be mounted (the last always is); Infinity: all. */
const PartsShown = createContext<number>(Number.POSITIVE_INFINITY);

const subscribeNothing = () => () => {};

/**
 * The number of parts to mount, growing after each commit until none is pending. `enabled`
 * false (a short agreement): all of them. `area` is where pending parts are looked for.
 */
export function useProgressiveParts(enabled: boolean, area: HTMLElement | null): number {
  // True while server rendering and hydrating: then every part renders, as the server's HTML has.
  const fromServer = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  const [limit, setLimit] = useState(INITIAL_PARTS);
  const [all, setAll] = useState(false);
  // Hydrated from the server's HTML: keep everything that came with it.
  if (fromServer && !all) setAll(true);
  const everything = !enabled || all || !progressiveSwitch.enabled;

  useEffect(() => {
    if (everything || !area) return;
    if (!area.querySelector('[data-agreement-part][data-pending]')) return;
    const timer = setTimeout(() => startTransition(() => setLimit((n) => n + BATCH_PARTS)), 0);
    return () => clearTimeout(timer);
  }, [everything, area, limit]);

  useEffect(() => {
    if (everything || typeof window === 'undefined') return;
    // Printing shows the whole agreement, and a jump needs its target in the DOM: mount the rest
    // at once, before the print layout is made or the jump looks for its target.
    const mountAll = () => flushSync(() => setAll(true));
    window.addEventListener('beforeprint', mountAll);
    window.document.addEventListener(MOUNT_ALL_PARTS, mountAll);
    return () => {
      window.removeEventListener('beforeprint', mountAll);
      window.document.removeEventListener(MOUNT_ALL_PARTS, mountAll);
    };
  }, [everything]);

  return everything ? Number.POSITIVE_INFINITY : limit;
}

/** Provides the number of parts to mount to the parts inside. */
export const PartsShownProvider = PartsShown.Provider;

/**
 * One part: its blocks once its turn has come (or if it is the last), else an empty box of its
 * estimated height marked `data-pending`.
 */
export function AgreementPart({
  index,
  last,
  children,
  ...props
}: { index: number; last: boolean; children?: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  const shown = useContext(PartsShown);
  // A part without an index (none is made so) is not held back.
  const mounted = last || !(index >= shown);
  return (
    <div {...props} data-pending={mounted ? undefined : ''}>
      {mounted ? children : null}
    </div>
  );
}
