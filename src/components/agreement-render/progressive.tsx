'use client';
/**
 * Agreements in parts, first render: the parts made by `rehypeAgreementParts` mount a few at a
 * time. The parts that start within the first INITIAL_LINES estimated lines (the first screens)
 * and the last one mount at once (the last, so the end marker always follows real text and the
 * end stays exact); the others hold their estimated height (`data-pending`, styled by
 * agreement.css) and mount in batches right after the first commit, in transitions that yield to
 * the reader. Server rendering and hydration render every part (the server's HTML holds the whole
 * text), and so does printing (`beforeprint`). A jump to a part not mounted yet (MOUNT_ALL_PARTS)
 * or a key pressed in the agreement mounts them all at once.
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
  type RefObject,
} from 'react';
import { flushSync } from 'react-dom';
import { MOUNT_ALL_PARTS } from '../../internal/scroll';

/**
 * Estimated lines mounted with the first render: two to three screens of the modal's agreement
 * (the estimate assumes shorter lines than the text column holds, so it runs long). Every part
 * starting before this line mounts at once.
 */
export const INITIAL_LINES = 60;
/** Parts mounted per batch after it. */
const BATCH_PARTS = 48;

/** Internal switch (not exported by the package): the bench turns it off to measure "before". */
export const progressiveSwitch = { enabled: true };

/** How many parts may be mounted (the last always is); Infinity: all. */
const PartsShown = createContext<number>(Number.POSITIVE_INFINITY);

const subscribeNothing = () => () => {};

/**
 * The number of parts to mount (besides those of the first screens and the last), growing after
 * each commit until none is pending. `enabled` false (a short agreement): all of them. `area`
 * holds the parts (a ref, read after commit: no re-render to learn it).
 */
export function useProgressiveParts(enabled: boolean, area: RefObject<HTMLElement | null>): number {
  // True while server rendering and hydrating: then every part renders, as the server's HTML has.
  const fromServer = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  // 0: only the first screens' parts (and the last) at first.
  const [limit, setLimit] = useState(0);
  const [all, setAll] = useState(false);
  // Hydrated from the server's HTML: keep everything that came with it.
  if (fromServer && !all) setAll(true);
  const everything = !enabled || all || !progressiveSwitch.enabled;

  useEffect(() => {
    const el = area.current;
    if (everything || !el) return;
    if (!el.querySelector('[data-agreement-part][data-pending]')) return;
    const timer = setTimeout(() => startTransition(() => setLimit((n) => n + BATCH_PARTS)), 0);
    return () => clearTimeout(timer);
  }, [everything, area, limit]);

  useEffect(() => {
    if (everything || typeof window === 'undefined') return;
    // Printing shows the whole agreement, and a jump needs its target in the DOM: mount the rest
    // at once, before the print layout is made or the jump looks for its target.
    const mountAll = () => flushSync(() => setAll(true));
    // So does a key pressed in the agreement, before the browser scrolls for it: End aims at the
    // real end, not at one the pending parts' estimates put elsewhere.
    const onKeyDown = (event: KeyboardEvent) => {
      const scrollArea = area.current?.parentElement;
      if (scrollArea && event.target instanceof Node && scrollArea.contains(event.target)) mountAll();
    };
    window.addEventListener('beforeprint', mountAll);
    window.document.addEventListener(MOUNT_ALL_PARTS, mountAll);
    window.document.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('beforeprint', mountAll);
      window.document.removeEventListener(MOUNT_ALL_PARTS, mountAll);
      window.document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [everything, area]);

  return everything ? Number.POSITIVE_INFINITY : limit;
}

/** Provides the number of parts to mount to the parts inside. */
export const PartsShownProvider = PartsShown.Provider;

/**
 * One part: its blocks once its turn has come (or if it is the last, or starts within the first
 * screens), else an empty box of its estimated height marked `data-pending`.
 */
export function AgreementPart({
  index,
  last,
  linesBefore,
  children,
  ...props
}: {
  index: number;
  last: boolean;
  linesBefore: number;
  children?: ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  const shown = useContext(PartsShown);
  // A part without an index or a start (none is made so) is not held back.
  const mounted = last || !(index >= shown) || !(linesBefore >= INITIAL_LINES);
  return (
    <div {...props} data-pending={mounted ? undefined : ''}>
      {mounted ? children : null}
    </div>
  );
}
