'use client';
// The public name `useKeyClauses` (see ../index.ts for why it is a function of a module of its own).
import type { Agreement } from '../../core/types';
import type { UseKeyClausesOptions, UseKeyClausesResult } from '../use-key-clauses';
import { useKeyClauses as useKeyClausesHook } from '../use-key-clauses';

/**
 * Tracks which key clauses of an agreement have been on screen. One IntersectionObserver,
 * rooted at the scroll area, watches every clause element; measurements are taken once per
 * animation frame and seen clauses are added in one state update. A clause counts as seen
 * when `visibleRatio` of it is on screen, or — when it is taller than the scroll area — when
 * it fills `visibleRatio` of the area. Seen clauses stay seen. On screen means on the person's
 * screen: in a frame, the pages around it clip it too (inside a page of another origin, which
 * the frame cannot read, a second observer on the top-level viewport says how much of each
 * clause that page shows).
 */
export function useKeyClauses(agreement: Agreement, options: UseKeyClausesOptions = {}): UseKeyClausesResult {
  return useKeyClausesHook(agreement, options);
}
