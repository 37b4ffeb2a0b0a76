'use client';
import { useCallback, useRef } from 'react';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect';
import { useLatest } from './use-latest';

/**
 * Returns a stable `schedule()` that runs `callback` once in the next animation frame, however
 * often it is called before then. Scroll events and observers fire many times a frame; the
 * frame measures once and sets state once. Cancelled on unmount, and a no-op before mount and
 * after it, so nothing runs on the server or against a removed tree.
 */
export function useFrameCallback(callback: () => void): () => void {
  const latest = useLatest(callback);
  const frame = useRef<number | null>(null);
  const mounted = useRef(false);
  // A layout effect, so it is in place before any passive effect can create an observer, and
  // gone before their cleanups run.
  useIsomorphicLayoutEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, []);
  return useCallback(() => {
    if (!mounted.current || frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (mounted.current) latest.current();
    });
  }, [latest]);
}
