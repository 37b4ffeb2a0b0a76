'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefCallback, UIEvent } from 'react';
import { dataFlag, mergeProps, type AnyProps, type ElementProps } from '../../internal/merge-props';
import { mountAllParts, resolveScrollBehavior } from '../../internal/scroll';
import { useControllableState } from '../../internal/use-controllable-state';
import { useFrameCallback } from '../../internal/use-frame-callback';
import { useLatest } from '../../internal/use-latest';
import { useOnKeyChange } from '../../internal/use-new-text';
import { enAgreementRegionLabel } from '../../messages/en-region';

/** What `useScrollToEnd` takes. */
export interface UseScrollToEndOptions {
  /** Accessible name of the scroll region. @default 'Agreement' (the catalogue's `agreementRegionLabel`) */
  label?: string;
  /** Id of an element that names the region; wins over `label`. */
  labelledBy?: string;
  /** Pixels short of the end that still count as the end (absorbs zoom and rounding). @default 4 */
  threshold?: number;
  /** Controlled: whether the end has been reached. Setting it back to `false` starts over. */
  reachedEnd?: boolean;
  /** Uncontrolled: whether the end counts as reached from the start. @default false */
  defaultReachedEnd?: boolean;
  /** Called when `reachedEnd` changes: to `true` when the end is reached, to `false` only when `resetKey` changes. */
  onReachedEndChange?: (reached: boolean) => void;
  /** Called once, with the time, when the end is first reached. */
  onReachedEnd?: (at: Date) => void;
  /** Change it when the content changes, to re-check at once (DOM observers also re-check). */
  contentKey?: unknown;
  /**
   * Change it when the area shows another document (a new version, another text): reading
   * starts over, as when a controller sets `reachedEnd` back to `false`: not reached, progress 0,
   * and the area back at its top. `useDocumentReading` and `useClickwrap` set it for their
   * agreement.
   */
  resetKey?: unknown;
}

/** Props for the scroll area: spread them on the element that scrolls (it needs `overflow: auto` and a bounded height). */
export interface ScrollAreaProps {
  /** Registers the scroll area; stable. */
  ref: RefCallback<HTMLElement>;
  /** A named landmark, so screen reader users can find the agreement. */
  role: 'region';
  /** Focusable, so keyboard users can scroll it (arrow keys, Page Down, End). */
  tabIndex: number;
  /** The region's name, from `label` (absent when `labelledBy` is given). */
  'aria-label'?: string;
  /** The id of the element naming the region, from `labelledBy`. */
  'aria-labelledby'?: string;
  /** Present once the end has been reached. @selector [data-reached-end] */
  'data-reached-end'?: '';
  /** Reading progress as a whole percentage, 0–100. @selector [data-progress] */
  'data-progress': number;
  /** Measures the scroll position (once per animation frame). */
  onScroll: (event: UIEvent<HTMLElement>) => void;
}

/** Props for the end marker: an empty element placed after the content, inside the scroll area. */
export interface EndMarkerProps {
  /** Registers the marker; stable. */
  ref: RefCallback<HTMLElement>;
  /** The marker is structure, not content. */
  'aria-hidden': true;
  /** Names the marker for styling and tests. @selector [data-clickwrap-end-marker] */
  'data-clickwrap-end-marker': '';
}

/** Options of `scrollToEnd` and `scrollToTop`. */
export interface ScrollToOptions {
  /** @default 'smooth', or 'instant' when the user prefers reduced motion */
  behavior?: ScrollBehavior;
}

/** What `useScrollToEnd` returns: whether the end was reached, progress, and prop getters. */
export interface UseScrollToEndResult {
  /** Whether the reader has reached the end (or the content fits). Once true, stays true. */
  reachedEnd: boolean;
  /** When the end was reached in this session; null before, or when it came from `defaultReachedEnd`/`reachedEnd`. */
  reachedEndAt: Date | null;
  /**
   * How far the reader has scrolled, 0–1: the furthest position reached as a share of the
   * scrollable length, in whole percent, never 1 before the end; 1 once the end is reached.
   * Updated at most once per animation frame.
   */
  progress: number;
  /** The mounted scroll area (state, so other hooks can use it as their observer root). */
  scrollArea: HTMLElement | null;
  /** Props for the element that scrolls, merged with yours (your handlers run first). */
  getScrollAreaProps: <P extends ElementProps | object = object>(
    props?: P,
  ) => ScrollAreaProps & Omit<P, keyof ScrollAreaProps>;
  /** Props for the end marker, merged with yours. */
  getEndMarkerProps: <P extends ElementProps | object = object>(
    props?: P,
  ) => EndMarkerProps & Omit<P, keyof EndMarkerProps>;
  /** Scrolls the area to its end. */
  scrollToEnd: (options?: ScrollToOptions) => void;
  /** Scrolls the area back to its start. */
  scrollToTop: (options?: ScrollToOptions) => void;
}

/**
 * What the prop getters accept: any props for the element. Typed against React's own where they
 * overlap, so `{ style: { overflowY: 'auto' } }` keeps its literal types; anything else goes too.
 */

/** Whether the area shows anything besides the end marker: an empty area is not "read". */
function hasContent(area: HTMLElement, marker: HTMLElement | null): boolean {
  for (const node of area.childNodes) {
    if (node === marker) continue;
    if (node.nodeType === 1) return true;
    if (node.nodeType === 3 && node.textContent?.trim()) return true;
  }
  return false;
}

// Its documentation is on the public name, in src/hooks/public/use-scroll-to-end.ts.
export function useScrollToEnd(options: UseScrollToEndOptions = {}): UseScrollToEndResult {
  const { label = enAgreementRegionLabel, labelledBy, threshold = 4, contentKey } = options;

  const [reachedEnd, setReachedEnd] = useControllableState({
    prop: options.reachedEnd,
    defaultProp: options.defaultReachedEnd ?? false,
    onChange: options.onReachedEndChange,
    name: 'useScrollToEnd reachedEnd',
  });
  const [reachedEndAt, setReachedEndAt] = useState<Date | null>(null);
  const [measuredProgress, setMeasuredProgress] = useState(0);
  const [scrollArea, setScrollArea] = useState<HTMLElement | null>(null);
  const [endMarker, setEndMarker] = useState<HTMLElement | null>(null);

  const onReachedEndRef = useLatest(options.onReachedEnd);
  /** True once this hook has seen (or been told of) the end: measuring stops. */
  const latched = useRef(reachedEnd);
  /** Whether the end marker is inside the scroll area's visible box, per the observer. */
  const markerVisible = useRef(false);
  /** The furthest `scrollTop` reached, in the area's own pixels. */
  const furthest = useRef(0);
  /** The progress last handed to React, so unchanged values cause no render. */
  const lastProgress = useRef(0);

  const measure = () => {
    const area = scrollArea;
    if (!area || latched.current) return;
    // Not rendered (display: none, detached): nothing is on screen, so nothing is read.
    if (!area.isConnected || area.getClientRects().length === 0) return;
    if (!hasContent(area, endMarker)) return;

    const { scrollTop, scrollHeight, clientHeight } = area;
    const maxScroll = scrollHeight - clientHeight;
    // At zoom levels and fractional device pixel ratios, scrollTop is fractional and may stop
    // just short of scrollHeight - clientHeight (both integers): round up, allow the threshold.
    const atEnd = Math.ceil(scrollTop) + clientHeight >= scrollHeight - threshold;
    if (atEnd || markerVisible.current) {
      latched.current = true;
      lastProgress.current = 1;
      const at = new Date();
      setMeasuredProgress(1);
      setReachedEndAt(at);
      setReachedEnd(true);
      onReachedEndRef.current?.(at);
      return;
    }
    furthest.current = Math.max(furthest.current, scrollTop);
    const share = maxScroll > 0 ? furthest.current / maxScroll : 0;
    // Whole percent, rounded down (never "100%" before the end): sub-percent scrolling
    // does not re-render.
    const rounded = Math.min(0.99, Math.floor(share * 100 + 1e-6) / 100);
    if (rounded !== lastProgress.current) {
      lastProgress.current = rounded;
      setMeasuredProgress(rounded);
    }
  };
  const schedule = useFrameCallback(measure);

  // A controller setting `reachedEnd` back to false (e.g. for a new version) starts over.
  const wasReached = useRef(reachedEnd);
  useEffect(() => {
    if (reachedEnd) {
      latched.current = true;
    } else if (wasReached.current) {
      latched.current = false;
      furthest.current = 0;
      lastProgress.current = 0;
      setMeasuredProgress(0);
      setReachedEndAt(null);
      schedule();
    }
    wasReached.current = reachedEnd;
  }, [reachedEnd, schedule]);

  // Another document: what was read of the old one is not read of this one. The marker's last
  // observation was of the old text, and the old scroll position would show the new text's
  // middle (or its end) at once: both start over, before the new text is painted.
  useOnKeyChange(options.resetKey, () => {
    latched.current = false;
    wasReached.current = false;
    markerVisible.current = false;
    furthest.current = 0;
    lastProgress.current = 0;
    setMeasuredProgress(0);
    setReachedEndAt(null);
    setReachedEnd(false);
    scrollArea?.scrollTo({ top: 0, behavior: 'instant' });
    schedule();
  });

  // Observers: the end marker coming into view, the area or its content changing size, and the
  // content changing. Each only asks for a measurement in the next frame.
  useEffect(() => {
    const area = scrollArea;
    if (!area) return;
    const cleanups: Array<() => void> = [];

    if (endMarker && typeof IntersectionObserver !== 'undefined') {
      const io = new IntersectionObserver(
        (entries) => {
          const last = entries[entries.length - 1];
          if (last) markerVisible.current = last.isIntersecting;
          schedule();
        },
        { root: area, rootMargin: `0px 0px ${Math.max(0, threshold)}px 0px`, threshold: 0 },
      );
      io.observe(endMarker);
      cleanups.push(() => {
        io.disconnect();
        markerVisible.current = false;
      });
    }

    let ro: ResizeObserver | null = null;
    const observeChildren = () => {
      if (!ro) return;
      ro.disconnect();
      ro.observe(area);
      for (const child of area.children) ro.observe(child);
    };
    if (typeof ResizeObserver !== 'undefined') {
      ro = new ResizeObserver(schedule);
      observeChildren();
      cleanups.push(() => ro?.disconnect());
    }

    if (typeof MutationObserver !== 'undefined') {
      const mo = new MutationObserver((records) => {
        if (records.some((r) => r.type === 'childList' && r.target === area)) observeChildren();
        schedule();
      });
      mo.observe(area, { childList: true, subtree: true, characterData: true });
      cleanups.push(() => mo.disconnect());
    }

    schedule();
    return () => cleanups.forEach((cleanup) => cleanup());
  }, [scrollArea, endMarker, threshold, schedule]);

  useEffect(() => {
    schedule();
  }, [contentKey, schedule]);

  const progress = reachedEnd ? 1 : Math.min(measuredProgress, 0.99);

  const getScrollAreaProps = <P extends ElementProps | object = object>(props?: P) =>
    mergeProps(
      {
        ref: setScrollArea as RefCallback<HTMLElement>,
        role: 'region' as const,
        tabIndex: 0,
        'aria-label': labelledBy ? undefined : label,
        'aria-labelledby': labelledBy || undefined,
        'data-reached-end': dataFlag(reachedEnd),
        'data-progress': Math.round(progress * 100),
        onScroll: schedule,
      },
      props as AnyProps | undefined,
    ) as ScrollAreaProps & Omit<P, keyof ScrollAreaProps>;

  const getEndMarkerProps = <P extends ElementProps | object = object>(props?: P) =>
    mergeProps(
      {
        ref: setEndMarker as RefCallback<HTMLElement>,
        'aria-hidden': true as const,
        'data-clickwrap-end-marker': '' as const,
      },
      props as AnyProps | undefined,
    ) as EndMarkerProps & Omit<P, keyof EndMarkerProps>;

  const scrollToEnd = useCallback(
    (opts?: ScrollToOptions) => {
      if (!scrollArea) return;
      // Parts of the text still pending hold estimated heights: mount them, so the end aimed at
      // is the real one (a no-op where nothing is pending).
      mountAllParts(scrollArea);
      scrollArea.scrollTo({
        top: scrollArea.scrollHeight,
        behavior: resolveScrollBehavior(scrollArea, opts?.behavior),
      });
    },
    [scrollArea],
  );

  const scrollToTop = useCallback(
    (opts?: ScrollToOptions) => {
      scrollArea?.scrollTo({ top: 0, behavior: resolveScrollBehavior(scrollArea, opts?.behavior) });
    },
    [scrollArea],
  );

  return {
    reachedEnd,
    reachedEndAt,
    progress,
    scrollArea,
    getScrollAreaProps,
    getEndMarkerProps,
    scrollToEnd,
    scrollToTop,
  };
}
