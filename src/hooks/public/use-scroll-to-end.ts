'use client';
// The public name `useScrollToEnd` (see ../index.ts for why it is a function of a module of its own).
import type { UseScrollToEndOptions, UseScrollToEndResult } from '../use-scroll-to-end';
import { useScrollToEnd as useScrollToEndHook } from '../use-scroll-to-end';

/**
 * Tracks whether the reader has scrolled an agreement to its end, and how far they have got.
 * Content that fits without scrolling counts as read at once. The end counts once it is on
 * screen: the end marker (or, without one, the area's bottom edge scrolled to) inside the
 * viewport and every ancestor that clips the area, and not under anything drawn over it (a sticky
 * bar, a banner; what lets pointer events through does not count). Scrolling, resizes, the
 * marker's IntersectionObserver and content changes re-check. Once reached, it stays reached.
 */
export function useScrollToEnd(options: UseScrollToEndOptions = {}): UseScrollToEndResult {
  return useScrollToEndHook(options);
}
