'use client';

import { useCallback, useRef, useState } from 'react';
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
 * Warns in development when a component switches between the two, which silently drops state.
 */
export function useControllableState<T>({
  prop,
  defaultProp,
  onChange,
  name,
}: UseControllableStateParams<T>): [T, (next: T | ((prev: T) => T)) => void] {
  const [uncontrolled, setUncontrolled] = useState(defaultProp);
  const isControlled = prop !== undefined;
  const wasControlled = useRef(isControlled);
  if (wasControlled.current !== isControlled) {
    warnOnce(
      `${name} is changing from ${wasControlled.current ? 'controlled' : 'uncontrolled'} to ` +
        `${isControlled ? 'controlled' : 'uncontrolled'}. Decide between a controlled value ` +
        '(pass it on every render, never undefined) and an uncontrolled default for the ' +
        "component's lifetime.",
    );
    wasControlled.current = isControlled;
  }
  const value = isControlled ? prop : uncontrolled;
  const valueRef = useLatest(value);
  const onChangeRef = useLatest(onChange);
  const setValue = useCallback(
    (next: T | ((prev: T) => T)) => {
      const resolved =
        typeof next === 'function' ? (next as (prev: T) => T)(valueRef.current) : next;
      if (Object.is(resolved, valueRef.current)) return;
      valueRef.current = resolved;
      if (!wasControlled.current) setUncontrolled(resolved);
      onChangeRef.current?.(resolved);
    },
    [valueRef, onChangeRef],
  );
  return [value, setValue];
}
