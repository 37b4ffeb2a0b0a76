'use client';

import { act, cleanup, renderHook } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useGuardianCoSign } from '../hooks/use-guardian-co-sign';
import { useControllableState } from './use-controllable-state';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function useControlled(prop: boolean | undefined, onChange: (value: boolean) => void, name = 'x') {
  return useControllableState({ prop, defaultProp: false, onChange, name });
}

describe('useControllableState', () => {
  describe('when controlled', () => {
    it('asks the parent every time and keeps the prop when the parent refuses', () => {
      const onChange = vi.fn();
      const { result } = renderHook(() => useControlled(true, onChange));
      for (let i = 1; i <= 3; i++) {
        act(() => result.current[1](false));
        expect(onChange).toHaveBeenCalledTimes(i);
        expect(onChange).toHaveBeenLastCalledWith(false);
        expect(result.current[0]).toBe(true);
      }
    });

    it('resolves an updater against the prop, not against a refused value', () => {
      const onChange = vi.fn();
      const { result } = renderHook(() =>
        useControllableState({ prop: 1, defaultProp: 0, onChange, name: 'count' }),
      );
      act(() => result.current[1]((n) => n + 1));
      act(() => result.current[1]((n) => n + 1));
      expect(onChange.mock.calls).toEqual([[2], [2]]);
      expect(result.current[0]).toBe(1);
    });

    it('follows the prop once the parent agrees, and skips no-op changes', () => {
      const onChange = vi.fn();
      const { result, rerender } = renderHook(({ prop }) => useControlled(prop, onChange), {
        initialProps: { prop: true as boolean | undefined },
      });
      act(() => result.current[1](true));
      expect(onChange).not.toHaveBeenCalled();
      act(() => result.current[1](false));
      rerender({ prop: false });
      expect(result.current[0]).toBe(false);
      act(() => result.current[1](true));
      expect(onChange.mock.calls).toEqual([[false], [true]]);
    });
  });

  describe('when uncontrolled', () => {
    it('holds its own value and reports each change once', () => {
      const onChange = vi.fn();
      const { result } = renderHook(() => useControlled(undefined, onChange));
      act(() => result.current[1](true));
      act(() => result.current[1](true));
      expect(result.current[0]).toBe(true);
      expect(onChange.mock.calls).toEqual([[true]]);
    });

    it('chains updaters given in one batch', () => {
      const onChange = vi.fn();
      const { result } = renderHook(() =>
        useControllableState({ prop: undefined, defaultProp: 0, onChange, name: 'count' }),
      );
      act(() => {
        result.current[1]((n) => n + 1);
        result.current[1]((n) => n + 1);
      });
      expect(result.current[0]).toBe(2);
      expect(onChange.mock.calls).toEqual([[1], [2]]);
    });

    it('keeps every change made between a commit and its passive effects', () => {
      // A layout effect (or an animation frame, before React has run the last commit's passive
      // effects) that changes the value: that commit's effects must not roll the value back,
      // or the next updater starts from a stale value and a change is lost (or, for the key
      // clauses, reported twice).
      const onChange = vi.fn();
      const { result } = renderHook(() => {
        const [items, setItems] = useControllableState<readonly string[]>({
          prop: undefined,
          defaultProp: [],
          onChange,
          name: 'items',
        });
        useLayoutEffect(() => {
          const next = ['a', 'b', 'c'][items.length];
          if (items.length > 0 && next) setItems((prev) => [...prev, next]);
        }, [items, setItems]);
        return [items, setItems] as const;
      });
      act(() => result.current[1]((prev) => [...prev, 'a']));
      expect(result.current[0]).toEqual(['a', 'b', 'c']);
      expect(onChange.mock.calls).toEqual([[['a']], [['a', 'b']], [['a', 'b', 'c']]]);
    });
  });

  it('warns in development when a component switches between controlled and uncontrolled', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = renderHook(({ prop }) => useControlled(prop, () => {}, 'Switcher `open`'), {
      initialProps: { prop: true as boolean | undefined },
    });
    expect(warn).not.toHaveBeenCalled();
    rerender({ prop: undefined });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('Switcher `open` is changing from controlled to uncontrolled'),
    );
  });
});

describe('useGuardianCoSign with a controlled birthDate', () => {
  it('a refused change reaches onBirthDateChange every time and the date stays', () => {
    const onBirthDateChange = vi.fn();
    const { result } = renderHook(() =>
      useGuardianCoSign({
        today: '2025-06-01',
        birthDate: '1990-04-12',
        onBirthDateChange,
      }),
    );
    for (let i = 1; i <= 3; i++) {
      act(() => result.current.setBirthDate('2010-01-15'));
      expect(onBirthDateChange).toHaveBeenCalledTimes(i);
      expect(onBirthDateChange).toHaveBeenLastCalledWith('2010-01-15');
      expect(result.current.birthDate).toBe('1990-04-12');
    }
  });
});
