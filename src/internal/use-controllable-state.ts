'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useLatest } from './use-latest';
import { warnOnce } from './dev';

export interface UseControllableStateParams<T> {
  /** The controlled value; `undefined` means uncontrolled. */
  prop: T | undefined;
  /** The initial value when uncontrolled. */
  defaultProp: T;
  /** Called with every change, controlled or not. */
  onChange?: ((value: T) => void) | undefined;
  /** The prop's name in messages, e.g. `"ClickwrapModal open"`. */
  name: string;
}

/**
 * State that a caller may control (`value` + `onValueChange`) or leave to us (`defaultValue`).
 *
 * Controlled means the parent decides: a change only calls `onChange` and the value stays the
 * prop until the parent passes a new one, so a refused change is asked again next time (as
 * Radix's `useControllableState` does). Warns in development when a component switches between
 * the two modes, which silently drops state.
 */
export function useControllableState<T>({
  prop,
  defaultProp,
  onChange,
  name,
}: UseControllableStateParams<T>): [T, (next: T | ((prev: T) => T)) => void] {
  const [uncontrolled, setUncontrolled] = useState(defaultProp);
  const isControlled = prop !== undefined;
  const value = isControlled ? prop : uncontrolled;

  // Read by the setter, which may run before the next render: the mode and the prop as last
  // rendered, never written by the setter itself (that is what swallowed refused changes).
  const controlled = useLatest(isControlled);
  const propRef = useLatest(prop);
  // Our own value, advanced at once so updaters given in one batch chain. Only the setter writes
  // it (it is the only writer of `uncontrolled` too): an effect copying the rendered value back
  // ran after changes made since that render (in a layout effect, or an animation frame before
  // React ran the commit's passive effects) and rolled them back, so the next updater started
  // from a stale value and lost a change.
  const ownRef = useRef(uncontrolled);
  const onChangeRef = useLatest(onChange);

  const modeAtMount = useRef(isControlled);
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' && modeAtMount.current !== isControlled) {
      warnOnce(
        `${name} is changing from ${modeAtMount.current ? 'controlled' : 'uncontrolled'} to ` +
          `${isControlled ? 'controlled' : 'uncontrolled'}. Decide between a controlled value ` +
          '(pass it on every render, never undefined) and an uncontrolled default for the ' +
          "component's lifetime.",
      );
      modeAtMount.current = isControlled;
    }
  }, [isControlled, name]);

  const setValue = useCallback(
    (next: T | ((prev: T) => T)) => {
      const current = controlled.current ? (propRef.current as T) : ownRef.current;
      const resolved = typeof next === 'function' ? (next as (prev: T) => T)(current) : next;
      if (Object.is(resolved, current)) return;
      if (!controlled.current) {
        ownRef.current = resolved;
        setUncontrolled(resolved);
      }
      onChangeRef.current?.(resolved);
    },
    [controlled, propRef, onChangeRef],
  );
  return [value, setValue];
}
