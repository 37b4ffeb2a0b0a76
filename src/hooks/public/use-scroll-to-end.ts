'use client';
// The public name `useScrollToEnd` (see ../index.ts for why it is a function of a module of its own).
import type { UseScrollToEndOptions, UseScrollToEndResult } from '../use-scroll-to-end';
import { useScrollToEnd as useScrollToEndHook } from '../use-scroll-to-end';

/**
 * Tracks whether the reader has scrolled an agreement to its end, and how far they have got.
 * Content that fits without scrolling counts as read at once. The end is detected two ways:
 * an IntersectionObserver on the end marker (root = the scroll area) and the scroll position
 * itself; resizes and content changes re-check. Once reached, it stays reached.
 */
export function useScrollToEnd(options: UseScrollToEndOptions = {}): UseScrollToEndResult {
  return useScrollToEndHook(options);
}
