'use client';

import { useRef } from 'react';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect';

/**
 * A ref that always holds the latest value, so effects and observers can read the caller's
 * current callbacks without re-subscribing whenever an inline function changes identity.
 */
export function useLatest<T>(value: T): { current: T } {
  const ref = useRef(value);
  useIsomorphicLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
