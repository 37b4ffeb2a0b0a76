'use client';

/**
 * What a frame inside a page of another origin can know of the top-level screen: where the frame
 * lies in that page cannot be read, but an IntersectionObserver with its implicit root (the
 * top-level viewport, clipped by every frame on the way) reports how much of a target that
 * screen shows. Loaded on demand, and only in such a frame (see `inForeignFrame`): everyone
 * else's first load does without it.
 */

/** Watches targets' shares on the top-level screen. */
export interface TopScreen {
  observe: (target: Element) => void;
  unobserve: (target: Element) => void;
  /**
   * The share of `target` surely on the top-level screen now: the largest threshold its last
   * report passed (between reports the share stays above it), or undefined before its first.
   */
  share: (target: Element) => number | undefined;
  disconnect: () => void;
}

/**
 * Thresholds at which shares are reported: 0, `extra`, and from 1 down in steps of a tenth of
 * what is left, to under 1/1000. A share is then known to within a tenth of itself.
 */
export function shareThresholds(...extra: number[]): number[] {
  const t = [0, ...extra];
  for (let x = 1; x > 0.001; x /= 1.1) t.push(x);
  return [...new Set(t)].sort((a, b) => a - b);
}

/** A {@link TopScreen} reporting at `thresholds` (ascending), calling `onReport` after each report. */
export function topScreen(thresholds: readonly number[], onReport: () => void): TopScreen {
  const shares = new WeakMap<Element, number>();
  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        let passed = 0;
        if (entry.isIntersecting) for (const t of thresholds) if (entry.intersectionRatio >= t) passed = t;
        shares.set(entry.target, passed);
      }
      onReport();
    },
    { threshold: [...thresholds] },
  );
  return {
    observe: (target) => io.observe(target),
    unobserve: (target) => {
      io.unobserve(target);
      shares.delete(target);
    },
    share: (target) => shares.get(target),
    disconnect: () => io.disconnect(),
  };
}
