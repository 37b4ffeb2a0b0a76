'use client';

import { useRef, useState } from 'react';
import type { Agreement } from '../core/types';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect';
import { useLatest } from './use-latest';

export type Text = Pick<Agreement, 'id' | 'version' | 'markdown'>;

/** Whether two texts are the same text: the same id, version and markdown. */
export const sameText = (a: Text, b: Text) =>
  a.id === b.id && a.version === b.version && a.markdown === b.markdown;

/**
 * A number that changes when `agreement` becomes another text (another id, version or
 * markdown). The same text parsed again (a new object) is the same text.
 */
export function useTextGeneration(agreement: Text): number {
  // Counted while rendering (React's "adjust state when a prop changes"), compared by identity
  // first: the markdown is the same string object render after render, so this costs nothing.
  const { id, version, markdown } = agreement;
  const [text, setText] = useState({ id, version, markdown, generation: 0 });
  if (sameText(text, agreement)) return text.generation;
  const generation = text.generation + 1;
  setText({ id, version, markdown, generation });
  return generation;
}

/**
 * Calls `reset` when `key` changes, not on mount. In a layout effect, so what rendered with the
 * new key is never painted, nor answers an event, before the reset.
 */
export function useOnKeyChange(key: unknown, reset: () => void): void {
  const handled = useRef(key);
  // Declared before the effect below, so its layout effect has made it current when that runs.
  const latestReset = useLatest(reset);
  useIsomorphicLayoutEffect(() => {
    if (Object.is(handled.current, key)) return;
    handled.current = key;
    latestReset.current();
  }, [key, latestReset]);
}

/**
 * Calls `reset` when `agreement` becomes another text, not on mount: what was read, seen or
 * ticked for one text is not read, seen or ticked for another.
 */
export function useOnNewText(agreement: Text, reset: () => void): void {
  useOnKeyChange(useTextGeneration(agreement), reset);
}
