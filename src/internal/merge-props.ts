'use client';

import type { HTMLAttributes, Ref, RefCallback } from 'react';

/** Any props a caller may hand to a prop getter. */
export type AnyProps = Record<string, unknown>;

/** The props of an HTML element, with its ref: what the element prop getters accept. */
export type ElementProps = HTMLAttributes<HTMLElement> & { ref?: Ref<HTMLElement> };

/** Sets a ref of any kind; returns the cleanup a callback ref gave back (React 19 style). */
function setRef<T>(ref: Ref<T> | undefined, value: T | null): void | (() => void) {
  if (typeof ref === 'function') {
    const cleanup = ref(value);
    return typeof cleanup === 'function' ? cleanup : undefined;
  }
  if (ref) (ref as { current: T | null }).current = value;
}

/**
 * One callback ref that sets all the given refs (skipping undefined ones). It returns nothing
 * and detaches on the `null` call, which React 18 and 19 both make: React 18 never calls a
 * returned cleanup (and warns about it). A given ref's own cleanup (React 19 style) is kept and
 * called on detach instead of calling that ref with `null`.
 */
export function mergeRefs<T>(...refs: Array<Ref<T> | undefined>): RefCallback<T> {
  let cleanups: Array<void | (() => void)> = [];
  const detach = () => {
    refs.forEach((ref, i) => {
      const cleanup = cleanups[i];
      if (cleanup) cleanup();
      else setRef(ref, null);
    });
    cleanups = [];
  };
  return (node) => {
    if (cleanups.length > 0) detach();
    if (node !== null) cleanups = refs.map((ref) => setRef(ref, node));
  };
}

/**
 * Calls the caller's handler first, then ours unless the caller called `preventDefault()`:
 * the caller can always veto our behaviour, and never loses theirs.
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: ((event: E) => void) | undefined,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours?.(event);
  };
}

const JOINED = new Set(['className', 'aria-describedby', 'aria-labelledby', 'aria-controls']);

/**
 * Merges the props a hook wants on an element with the caller's props, as every prop getter
 * does: the caller's plain props win; event handlers are chained (theirs first, see
 * `composeEventHandlers`); refs are merged; `style` objects are merged; class names and
 * id-list attributes (`aria-describedby`…) are joined.
 */
export function mergeProps<Ours extends AnyProps, Theirs extends AnyProps>(
  ours: Ours,
  theirs: Theirs | undefined,
): Ours & Theirs {
  if (!theirs) return ours as Ours & Theirs;
  const merged: AnyProps = { ...ours };
  for (const key of Object.keys(theirs)) {
    const a = ours[key];
    const b = theirs[key];
    if (b === undefined) continue;
    if (key === 'ref') {
      merged.ref = a ? mergeRefs(b as Ref<unknown>, a as Ref<unknown>) : b;
    } else if (/^on[A-Z]/.test(key) && typeof a === 'function' && typeof b === 'function') {
      merged[key] = composeEventHandlers(
        b as (e: { defaultPrevented: boolean }) => void,
        a as (e: { defaultPrevented: boolean }) => void,
      );
    } else if (key === 'style' && a && typeof a === 'object' && typeof b === 'object') {
      merged.style = { ...a, ...b };
    } else if (JOINED.has(key) && typeof a === 'string' && typeof b === 'string') {
      merged[key] = [a, b].filter(Boolean).join(' ') || undefined;
    } else {
      merged[key] = b;
    }
  }
  return merged as Ours & Theirs;
}

/** `data-*` boolean attributes: present and empty when true, absent when false. */
export function dataFlag(value: boolean): '' | undefined {
  return value ? '' : undefined;
}
