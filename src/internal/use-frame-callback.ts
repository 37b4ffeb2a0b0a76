'use client';
import { useState } from 'react';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect';
import { useLatest } from './use-latest';

/** How long a look at something on screen but drawn over waits before it looks again. */
export const LOOK_AGAIN_MS = 300;

/**
 * Returns a stable `schedule()` that runs `callback` once in the next animation frame, however
 * often it is called before then. Scroll events and observers fire many times a frame; the
 * frame measures once and sets state once. Cancelled on unmount, and a no-op before mount and
 * after it, so nothing runs on the server or against a removed tree.
 *
 * `callback` gets `lookAgain()`, which schedules it once more after {@link LOOK_AGAIN_MS}
 * (however often it is asked meanwhile): for a target that is on screen but drawn over (a sticky
 * bar, a cookie banner), since a cover can go away (a banner dismissed) without anything
 * scrolling or resizing.
 */
export function useFrameCallback(callback: (lookAgain: () => void) => void): () => void {
  const latest = useLatest(callback);
  const [frames] = useState(() => {
    let mounted = false;
    let frame: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (!mounted || frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        if (mounted) latest.current(lookAgain);
      });
    };
    const lookAgain = () => {
      timer ??= setTimeout(() => {
        timer = null;
        schedule();
      }, LOOK_AGAIN_MS);
    };
    const mount = () => {
      mounted = true;
      return () => {
        mounted = false;
        if (frame !== null) cancelAnimationFrame(frame);
        if (timer !== null) clearTimeout(timer);
        frame = timer = null;
      };
    };
    return { schedule, mount };
  });
  // A layout effect, so it is in place before any passive effect can create an observer, and
  // gone before their cleanups run.
  useIsomorphicLayoutEffect(frames.mount, [frames]);
  return frames.schedule;
}
