'use client';

import { cleanup, render } from '@testing-library/react';
import { createRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mergeRefs } from './merge-props';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('mergeRefs', () => {
  it('sets every ref, returns nothing (React 18 warns about a returned function) and clears them on null', () => {
    const objectRef = createRef<HTMLDivElement>();
    const callbackRef = vi.fn();
    const merged = mergeRefs<HTMLDivElement>(objectRef, undefined, callbackRef);
    const node = document.createElement('div');

    expect(merged(node)).toBeUndefined();
    expect(objectRef.current).toBe(node);
    expect(callbackRef).toHaveBeenLastCalledWith(node);

    expect(merged(null)).toBeUndefined();
    expect(objectRef.current).toBeNull();
    expect(callbackRef).toHaveBeenLastCalledWith(null);
  });

  it('calls a given ref’s own cleanup on detach instead of calling it with null', () => {
    const cleanupRef = vi.fn();
    const withCleanup = vi.fn((_node: HTMLDivElement | null) => cleanupRef);
    const merged = mergeRefs<HTMLDivElement>(withCleanup);
    const first = document.createElement('div');
    const second = document.createElement('div');

    merged(first);
    expect(cleanupRef).not.toHaveBeenCalled();
    // Attached again without a null call in between: the first attachment is cleaned up first.
    merged(second);
    expect(cleanupRef).toHaveBeenCalledTimes(1);
    merged(null);
    expect(cleanupRef).toHaveBeenCalledTimes(2);
    expect(withCleanup.mock.calls.map(([node]) => node)).toEqual([first, second]);
  });

  it('in React, attaches on mount and runs a ref’s cleanup on unmount, with no warning', () => {
    const error = vi.spyOn(console, 'error');
    const objectRef = createRef<HTMLButtonElement>();
    const detached = vi.fn();
    function Button() {
      const [ref] = useState(() =>
        mergeRefs<HTMLButtonElement>(objectRef, (node) => (node ? detached : undefined)),
      );
      return <button ref={ref}>Agree</button>;
    }
    const { getByRole, unmount } = render(<Button />);

    expect(objectRef.current).toBe(getByRole('button', { name: 'Agree' }));
    unmount();
    expect(objectRef.current).toBeNull();
    expect(detached).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });
});
