'use client';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { MouseEvent, RefCallback } from 'react';
import type { Agreement } from '../../core/types';
import { warnOnce } from '../../internal/dev';
import { dataFlag, mergeProps, type AnyProps, type ElementProps } from '../../internal/merge-props';
import {
  coveredAt,
  inForeignFrame,
  mountAllParts,
  onViewportChange,
  resolveScrollBehavior,
  visibleClientBox,
} from '../../internal/scroll';
import { scrollAreaTo } from '../../internal/scroll-area-to';
import type { TopScreen } from '../../internal/top-screen';
import { useControllableState } from '../../internal/use-controllable-state';
import { useFrameCallback } from '../../internal/use-frame-callback';
import { useIsomorphicLayoutEffect } from '../../internal/use-isomorphic-layout-effect';
import { useLatest } from '../../internal/use-latest';
import { useOnNewText } from '../../internal/use-new-text';
import { useRovingList } from './roving-list';
import type {
  ClauseLinkProps,
  ClauseProps,
  ScrollToClauseOptions,
  UseKeyClausesOptions,
  UseKeyClausesResult,
} from './types';

export type {
  UseKeyClausesOptions,
  ScrollToClauseOptions,
  ClauseProps,
  ClauseLinkProps,
  UseKeyClausesResult,
} from './types';

const NO_IDS: readonly string[] = [];

/** Sub-pixel slack for zoomed layouts, where visible heights come out fractional. */
const EPSILON = 0.5;

// Its documentation is on the public name, in src/hooks/public/use-key-clauses.ts.
export function useKeyClauses(agreement: Agreement, options: UseKeyClausesOptions = {}): UseKeyClausesResult {
  const { root } = options;
  const visibleRatio = Math.min(1, Math.max(0.01, options.visibleRatio ?? 0.5));
  const clauses = agreement.keyClauses;
  const prefix = useId();

  const onSeenChangeRef = useLatest(options.onSeenChange);
  const onClauseSeenRef = useLatest(options.onClauseSeen);
  const [seenIds, setSeenIds] = useControllableState<readonly string[]>({
    prop: options.seen,
    defaultProp: options.defaultSeen ?? NO_IDS,
    onChange: (ids) => onSeenChangeRef.current?.([...ids]),
    name: 'useKeyClauses seen',
  });

  const byId = useMemo(() => new Map(clauses.map((c) => [c.id, c])), [clauses]);
  const seenSet = useMemo(() => new Set(seenIds), [seenIds]);
  /** Clauses reported to onClauseSeen → whether the list has held them since. */
  const [reported] = useState(() => new Map<string, boolean>());
  useIsomorphicLayoutEffect(() => {
    for (const [id, held] of reported) {
      if (seenSet.has(id)) reported.set(id, true);
      else if (held) reported.delete(id);
    }
  }, [seenSet, reported]);

  /** Clause id → its element, filled by the ref callbacks of `getClauseProps`. */
  const [elements] = useState(() => new Map<string, HTMLElement>());
  /** Element → clause id, for observer entries. */
  const [idOf] = useState(() => new WeakMap<Element, string>());
  /** Stable ref callback per clause id. */
  const [refs] = useState(() => new Map<string, RefCallback<HTMLElement>>());
  /** Clauses the observer reports as at least partly inside the root. */
  const [candidates] = useState(() => new Set<string>());
  const observer = useRef<IntersectionObserver | null>(null);
  /**
   * In a frame inside a page of another origin only, where that page leaves the frame on screen
   * cannot be read: the observer of each clause's share of the top-level screen (loaded on
   * demand there only; none is known while it loads).
   */
  const topScreen = useRef<TopScreen | 'loading' | null>(null);

  const warnUnknown = (id: string, where: string) => {
    if (process.env.NODE_ENV !== 'production') {
      const known = clauses.map((c) => JSON.stringify(c.id)).join(', ');
      warnOnce(
        `useKeyClauses: ${where}(${JSON.stringify(id)}) names no key clause of agreement ` +
          `"${agreement.id}" (version ${agreement.version}). ` +
          (known ? `Its key clause ids are: ${known}.` : 'It has no key clauses.'),
      );
    }
  };

  /**
   * Whether enough of a clause is on the top-level screen too: outside a foreign frame, always
   * (the area's visible part already says so); inside one, a share surely on screen of at least
   * `visibleRatio` of the clause, or of the area's height for a clause taller than it.
   */
  const onTop = (el: Element, height: number, areaHeight: number) => {
    const top = topScreen.current;
    if (!top) return true;
    const share = top === 'loading' ? undefined : top.share(el);
    return share !== undefined && share >= visibleRatio * Math.min(1, areaHeight / height) - 1e-9;
  };

  const check = (lookAgain: () => void) => {
    if (!root || candidates.size === 0) return;
    const area = visibleClientBox(root);
    if (!area) return;
    const areaHeight = area.bottom - area.top;
    const newlySeen: string[] = [];
    let covered = false;
    for (const clause of clauses) {
      // Seen already (as last rendered): nothing to measure, nor to hit-test.
      if (!candidates.has(clause.id) || seenSet.has(clause.id)) continue;
      const el = elements.get(clause.id);
      if (!el) continue;
      const r = el.getBoundingClientRect();
      if (r.height <= 0 || r.width <= 0) continue;
      const visibleHeight = Math.min(r.bottom, area.bottom) - Math.max(r.top, area.top);
      const visibleWidth = Math.min(r.right, area.right) - Math.max(r.left, area.left);
      if (visibleHeight <= 0 || visibleWidth <= 0) continue;
      if (
        (visibleHeight >= visibleRatio * r.height - EPSILON ||
          visibleHeight >= visibleRatio * areaHeight - EPSILON) &&
        onTop(el, r.height, areaHeight)
      ) {
        // On screen, but drawn over in its middle (a sticky bar, a banner): not seen yet. Nothing
        // need move when the cover goes, so look again a little later.
        const top = Math.max(r.top, area.top);
        const left = Math.max(r.left, area.left);
        if (coveredAt(root, left + visibleWidth / 2, top + visibleHeight / 2)) covered = true;
        else newlySeen.push(clause.id);
      }
    }
    if (covered) lookAgain();
    if (newlySeen.length === 0) return;
    let added: string[] = [];
    // Resolved at once against the latest value: our own when uncontrolled, the owner's list as
    // last rendered when controlled.
    setSeenIds((prev) => {
      added = newlySeen.filter((id) => !prev.includes(id));
      return added.length ? [...prev, ...added] : prev;
    });
    // An owner applies the change only when it re-renders, and frames may check again before:
    // the change is asked again (as a controlled value should be), but a clause is reported once,
    // until the owner's list has held it and dropped it (a reset counts clauses again).
    const fresh = added.filter((id) => !reported.has(id));
    for (const id of fresh) reported.set(id, false);
    if (fresh.length && onClauseSeenRef.current) {
      const at = new Date();
      for (const id of fresh) {
        const clause = byId.get(id);
        if (clause) onClauseSeenRef.current(clause, at);
      }
    }
  };
  const schedule = useFrameCallback(check);

  const refFor = (id: string): RefCallback<HTMLElement> => {
    let ref = refs.get(id);
    if (!ref) {
      ref = (el) => {
        const previous = elements.get(id);
        if (previous === el) return;
        if (process.env.NODE_ENV !== 'production' && previous && el && previous.isConnected) {
          warnOnce(
            `useKeyClauses: key clause ${JSON.stringify(id)} is rendered by more than one ` +
              'element; only the last one is tracked. Spread getClauseProps(id) on one element.',
          );
        }
        if (previous) {
          observer.current?.unobserve(previous);
          if (typeof topScreen.current === 'object') topScreen.current?.unobserve(previous);
          idOf.delete(previous);
          candidates.delete(id);
          elements.delete(id);
        }
        if (el) {
          elements.set(id, el);
          idOf.set(el, id);
          observer.current?.observe(el);
          if (typeof topScreen.current === 'object') topScreen.current?.observe(el);
        }
      };
      refs.set(id, ref);
    }
    return ref;
  };

  useEffect(() => {
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = idOf.get(entry.target);
          if (id === undefined) continue;
          if (entry.isIntersecting) candidates.add(id);
          else candidates.delete(id);
        }
        schedule();
      },
      { root, threshold: [...new Set([0, visibleRatio, 1])] },
    );
    observer.current = io;
    for (const el of elements.values()) io.observe(el);

    const win = root.ownerDocument.defaultView;
    let top: TopScreen | null = null;
    let stopped = false;
    if (win && inForeignFrame(win)) {
      topScreen.current = 'loading';
      const load = () =>
        import('../../internal/top-screen').then(
          (m) => {
            if (stopped) return;
            // Its reports are also the only news of the page around the frame scrolling.
            top = m.topScreen(m.shareThresholds(visibleRatio), schedule);
            topScreen.current = top;
            for (const el of elements.values()) top.observe(el);
          },
          // Not loaded (offline): no clause counts as seen meanwhile; a scroll tries again.
          () => {
            if (!stopped) win.addEventListener('scroll', () => void load(), { capture: true, once: true });
          },
        );
      void load();
    }

    // Tall clauses cross no observer threshold while they fill the area, and a page scroll
    // moves the area itself: re-measure the clauses in view on any scroll or resize.
    const remeasure = () => {
      if (candidates.size > 0) schedule();
    };
    const stopListening = win ? onViewportChange(win, remeasure) : undefined;
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(remeasure) : null;
    ro?.observe(root);

    return () => {
      io.disconnect();
      observer.current = null;
      stopped = true;
      top?.disconnect();
      topScreen.current = null;
      candidates.clear();
      stopListening?.();
      ro?.disconnect();
    };
  }, [root, visibleRatio, schedule, elements, idOf, candidates]);

  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' && root === undefined && elements.size > 0) {
      warnOnce(
        'useKeyClauses has no `root`, so it cannot tell which key clauses are on screen. Pass ' +
          'the scroll area: useKeyClauses(agreement, { root: useScrollToEnd().scrollArea }).',
      );
    }
  });

  // Another agreement (id, version or text): what was seen of the old one is not seen of this
  // one, even where a clause keeps its id.
  useOnNewText(agreement, () => {
    setSeenIds(NO_IDS);
    schedule();
  });

  // A controller may reset `seen`: clauses on screen then count again without a scroll.
  useEffect(() => {
    schedule();
  }, [seenIds, schedule]);

  const domIdOf = useCallback((id: string) => `${prefix}clause-${id.replace(/\s+/g, '_')}`, [prefix]);

  const isSeen = useCallback((id: string) => seenSet.has(id), [seenSet]);

  const scrollToClause = (id: string, opts: ScrollToClauseOptions = {}) => {
    if (!byId.has(id)) {
      warnUnknown(id, 'scrollToClause');
      return;
    }
    let el = elements.get(id);
    let behavior = opts.behavior;
    if (!el && root) {
      // The clause may sit in a part of a long agreement not mounted yet: mount them, then look,
      // and go there at once (a smooth scroll through parts just mounted, whose sizes are still
      // estimates, would end beside the clause as they take their real sizes).
      mountAllParts(root);
      el = elements.get(id);
      behavior ??= 'instant';
    }
    if (!el) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          `useKeyClauses: scrollToClause(${JSON.stringify(id)}) found no element: render the ` +
            'clause with getClauseProps(id) before jumping to it.',
        );
      return;
    }
    if (root && root !== el && root.contains(el)) {
      // Only the area, brought into view first, and checked once its parts took their sizes.
      scrollAreaTo(root, el, { behavior });
    } else {
      el.scrollIntoView({ block: 'nearest', behavior: resolveScrollBehavior(el, behavior) });
    }
    if (opts.focus ?? true) el.focus({ preventScroll: true });
  };

  const getClauseProps = <P extends ElementProps | object = object>(id: string, props?: P) => {
    if (!byId.has(id)) warnUnknown(id, 'getClauseProps');
    return mergeProps(
      {
        ref: refFor(id),
        id: domIdOf(id),
        'data-key-clause': id,
        'data-seen': dataFlag(seenSet.has(id)),
        tabIndex: -1,
      },
      props as AnyProps | undefined,
    ) as ClauseProps & Omit<P, keyof ClauseProps>;
  };

  const getClauseLinkProps = <P extends ElementProps | object = object>(id: string, props?: P) => {
    if (!byId.has(id)) warnUnknown(id, 'getClauseLinkProps');
    return mergeProps(
      {
        'aria-controls': domIdOf(id),
        'data-seen': dataFlag(seenSet.has(id)),
        onClick: (event: MouseEvent<HTMLElement>) => {
          // An <a href="#…"> would otherwise also scroll the page to the clause.
          event.preventDefault();
          scrollToClause(id);
        },
      },
      props as AnyProps | undefined,
    ) as ClauseLinkProps & Omit<P, keyof ClauseLinkProps>;
  };

  const clauseIds = useMemo(() => clauses.map((c) => c.id), [clauses]);
  const roving = useRovingList(clauseIds);
  const getClauseListProps = <P extends ElementProps | object = object>(props?: P) =>
    roving.getListProps(props as AnyProps | undefined) as AnyProps & P;
  const getClauseListItemProps = <P extends ElementProps | object = object>(id: string, props?: P) =>
    getClauseLinkProps(id, roving.getItemProps(id, props as AnyProps | undefined)) as ClauseLinkProps & {
      tabIndex: number;
    } & Omit<P, keyof ClauseLinkProps | 'tabIndex'>;

  const seenCount = clauses.reduce((n, c) => n + (seenSet.has(c.id) ? 1 : 0), 0);
  const nextUnseen = clauses.find((c) => !seenSet.has(c.id)) ?? null;

  return {
    clauses,
    seenIds,
    isSeen,
    allSeen: seenCount === clauses.length,
    seenCount,
    total: clauses.length,
    nextUnseen,
    getClauseProps,
    getClauseLinkProps,
    getClauseListProps,
    getClauseListItemProps,
    clauseListTabStop: roving.activeId,
    scrollToClause,
    domIdOf,
  };
}
