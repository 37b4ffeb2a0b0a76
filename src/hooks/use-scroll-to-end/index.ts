'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefCallback, UIEvent } from 'react';
import { warnOnce } from '../../internal/dev';
import { dataFlag, mergeProps, type AnyProps, type ElementProps } from '../../internal/merge-props';
import {
  coveredAt,
  inForeignFrame,
  mountAllParts,
  onViewportChange,
  paddingClientBox,
  resolveScrollBehavior,
  visibleClientBox,
} from '../../internal/scroll';
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
  /** The furthest share of the text reached, 0–1 (scrolled, or, for an area that does not scroll, on screen). */
  const furthest = useRef(0);
  /** The progress last handed to React, so unchanged values cause no render. */
  const lastProgress = useRef(0);
  /** Whether the observer last saw the end marker in the top-level viewport: false until it says; undefined with no observer. */
  const markerShown = useRef<boolean | undefined>(undefined);

  const measure = (lookAgain: () => void) => {
    const area = scrollArea;
    if (!area || latched.current) return;
    // Not rendered (display: none, detached): nothing is on screen, so nothing is read.
    if (!area.isConnected || area.getClientRects().length === 0) return;
    if (!hasContent(area, endMarker)) return;

    const { scrollTop, scrollHeight, clientHeight } = area;
    const maxScroll = scrollHeight - clientHeight;
    // The end counts once it is on screen: inside the area's part that the viewport and every
    // ancestor that clips it leave visible. Scrolled into the area's own box is not enough when
    // the area sits below a modal's scrolling column or the fold of a page (an area that does
    // not scroll, inside a page that does, has its end in its box from the start).
    const box = paddingClientBox(area);
    const onScreen = visibleClientBox(area, box);
    /** Where the text ends on screen (the line just above it), or null while it is not on screen. */
    let endY: number | null = null;
    if (onScreen) {
      if (endMarker) {
        const marker = endMarker.getBoundingClientRect();
        if (marker.top <= onScreen.bottom + threshold && marker.bottom >= onScreen.top - threshold)
          endY = marker.top;
      }
      // At zoom levels and fractional device pixel ratios, scrollTop is fractional and may stop
      // just short of scrollHeight - clientHeight (both integers): round up, allow the threshold.
      // Scrolled to its end, the area's end is its bottom edge: on screen, or not yet.
      const atEnd = Math.ceil(scrollTop) + clientHeight >= scrollHeight - threshold;
      if (endY === null && atEnd && onScreen.bottom >= box.bottom - threshold) endY = box.bottom;
    }
    // In a frame inside a page of another origin, where the frame lies in that page cannot be
    // read: the observer (whose implicit root is the top-level viewport, clipped by every frame
    // on the way) says whether the marker is on screen there. Without a marker (or an observer),
    // only the frame's own viewport is known.
    if (endY !== null && markerShown.current === false && inForeignFrame(area.ownerDocument.defaultView!))
      endY = null;
    // On screen but drawn over (a sticky bar, a banner): not seen. Nothing need move when the
    // cover goes (a banner dismissed), so look again a little later.
    const covered =
      onScreen !== null &&
      endY !== null &&
      coveredAt(
        area,
        (onScreen.left + onScreen.right) / 2,
        Math.max(onScreen.top, Math.min(endY, onScreen.bottom) - 1),
      );
    if (covered) lookAgain();
    if (endY !== null && !covered) {
      latched.current = true;
      lastProgress.current = 1;
      const at = new Date();
      setMeasuredProgress(1);
      setReachedEndAt(at);
      setReachedEnd(true);
      onReachedEndRef.current?.(at);
      return;
    }
    const share =
      maxScroll > 0
        ? scrollTop / maxScroll
        : onScreen && box.bottom > box.top
          ? (onScreen.bottom - box.top) / (box.bottom - box.top)
          : 0;
    furthest.current = Math.max(furthest.current, share);
    // Whole percent, rounded down (never "100%" before the end): sub-percent scrolling
    // does not re-render.
    const rounded = Math.min(0.99, Math.floor(furthest.current * 100 + 1e-6) / 100);
    if (rounded !== lastProgress.current) {
      lastProgress.current = rounded;
      setMeasuredProgress(rounded);
    }
  };
  const schedule = useFrameCallback(measure);

  /** Nothing read yet: measuring resumes from the area's current position. */
  const startOver = useCallback(() => {
    latched.current = false;
    furthest.current = 0;
    lastProgress.current = 0;
    setMeasuredProgress(0);
    setReachedEndAt(null);
    schedule();
  }, [schedule]);

  // A controller setting `reachedEnd` back to false (e.g. for a new version) starts over.
  const wasReached = useRef(reachedEnd);
  useEffect(() => {
    if (reachedEnd) latched.current = true;
    else if (wasReached.current) startOver();
    wasReached.current = reachedEnd;
  }, [reachedEnd, startOver]);

  // Another document: what was read of the old one is not read of this one. The marker's last
  // observation was of the old text, and the old scroll position would show the new text's
  // middle (or its end) at once: both start over, before the new text is painted.
  useOnKeyChange(options.resetKey, () => {
    wasReached.current = false;
    setReachedEnd(false);
    scrollArea?.scrollTo({ top: 0, behavior: 'instant' });
    startOver();
  });

  // Observers: the end marker coming into view, the area or its content changing size, and the
  // content changing. Each only asks for a measurement in the next frame.
  useEffect(() => {
    const area = scrollArea;
    if (!area) return;
    const cleanups: Array<() => void> = [];

    // The marker coming on screen or leaving it (the viewport as root: the browser clips by every
    // ancestor on the way), and any scroll or resize that may move the area itself (a modal's
    // column, the page): each asks for a measurement, which decides.
    if (endMarker && typeof IntersectionObserver !== 'undefined') {
      const io = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) markerShown.current = entry.isIntersecting;
          schedule();
        },
        { threshold: 0 },
      );
      markerShown.current = false;
      io.observe(endMarker);
      cleanups.push(() => {
        io.disconnect();
        markerShown.current = undefined;
      });
    }
    const win = area.ownerDocument.defaultView;
    if (win) cleanups.push(onViewportChange(win, schedule));
    if (process.env.NODE_ENV !== 'production' && !endMarker && win && inForeignFrame(win)) {
      warnOnce(
        'useScrollToEnd: the scroll area is in a frame inside a page of another origin, and has no ' +
          'end marker. Where that page shows the frame cannot be read from inside it, so the end ' +
          "counts by the frame's own viewport, even below that page's fold. Spread " +
          'getEndMarkerProps() on an empty element after the text: the end then counts only once ' +
          "it is on the person's screen.",
      );
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
    return () => {
      cleanups.forEach((cleanup) => cleanup());
    };
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
