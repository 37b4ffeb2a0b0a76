'use client';
// The birth date's state: one value ('YYYY-MM-DD' or null, controllable) and the three fields a
// person types it in, kept in step; today's date; core's decision; and what is wrong, if anything.
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import {
  AgeError,
  requiresGuardian,
  todayIn,
  type CalendarDate,
  type GuardianDecision,
  type GuardianRule,
} from '../../core/age';
import { useControllableState } from '../../internal/use-controllable-state';
import { useIsomorphicLayoutEffect } from '../../internal/use-isomorphic-layout-effect';
import { useLatest } from '../../internal/use-latest';
import {
  asciiDigits,
  checkBirthDateParts,
  joinBirthDate,
  problemFromAgeError,
  splitBirthDate,
  type BirthDatePart,
  type BirthDateParts,
  type BirthDateProblem,
} from './birth-date';

/** What useBirthDate needs from useGuardianCoSign's options. */
export interface UseBirthDateOptions {
  /** The controlled value ('YYYY-MM-DD' or null); undefined when uncontrolled. */
  value: string | null | undefined;
  /** The initial value when uncontrolled. */
  defaultValue: string | null | undefined;
  /** Called with every change of the value. */
  onChange: ((birthDate: string | null) => void) | undefined;
  /** The rule, stable by value. */
  rule: GuardianRule;
  /** The `today` option, parsed; null to take the local date in an effect. */
  fixedToday: CalendarDate | null;
  /** The zone of the local date. */
  timeZone: string | undefined;
  /** Ignore every change. */
  readOnly: boolean;
  /** The fields in the order the UI's language writes a date; a problem's parts follow it. */
  order: readonly BirthDatePart[];
}

/** The birth date's state. */
export interface UseBirthDateResult {
  /** The value, '' when null. */
  birthDate: string;
  /** Sets the value ('' or null clears it). */
  setBirthDate: (birthDate: string | null) => void;
  /** The day, month and year fields as typed. */
  parts: BirthDateParts;
  /** Sets one field (and the value, when the fields make or unmake a date). */
  setPart: (part: BirthDatePart, text: string) => void;
  /** Core's decision, null until a valid date and today are known. */
  decision: GuardianDecision | null;
  /** Core's error for a complete date. */
  ageError: AgeError | null;
  /** What is wrong now, shown or not. */
  problem: BirthDateProblem | null;
}

// The clock as a store for useSyncExternalStore: snapshots are day keys ('2025-6-1'), equal all
// day long, so reading it at every render re-renders nothing until the day changes.
const subscribeToNothing = () => () => {};

/**
 * Tells the store when the day may have changed: at the runtime's next midnight (re-armed after
 * each, so a clock change or a sleeping laptop is caught up with), or every minute for another
 * time zone. A page left open past midnight then decides on the new day before anyone accepts:
 * the decision a receipt records is the one on screen.
 */
const subscribeToDays = (timeZone: string | undefined) => (notify: () => void) => {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    const delay = timeZone === undefined ? Math.min(midnight - now.getTime() + 20, 3_600_000) : 60_000;
    timer = setTimeout(() => {
      notify();
      arm();
    }, delay);
  };
  arm();
  return () => clearTimeout(timer);
};
const serverToday = () => null;
const dayKey = (date: CalendarDate) => `${date.year}-${date.month}-${date.day}`;
function fromDayKey(key: string): CalendarDate {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** The fields and the value they were last in step with. */
interface Fields {
  parts: BirthDateParts;
  /** The value these fields stand for; when the value moves away from it, the fields follow. */
  source: string | null;
}

/** The birth date's value and fields, in step, with core's decision and what is wrong. */
export function useBirthDate(options: UseBirthDateOptions): UseBirthDateResult {
  const { rule, fixedToday, timeZone, readOnly, order } = options;
  const [value, setValue] = useControllableState<string | null>({
    prop: options.value,
    defaultProp: options.defaultValue ?? null,
    onChange: options.onChange,
    name: 'useGuardianCoSign birthDate',
  });
  const birthDate = value ?? '';

  const [fields, setFields] = useState<Fields>(() => ({ parts: splitBirthDate(value), source: value }));
  let parts = fields.parts;
  if (fields.source !== value) {
    // The value changed from outside (a controlled prop, setBirthDate, a parent refusing a
    // change): the fields show it, unless they already stand for it (typed as "3", stored "03").
    parts = joinBirthDate(fields.parts) === value && value !== null ? fields.parts : splitBirthDate(value);
    setFields({ parts, source: value });
  }

  const readOnlyRef = useLatest(readOnly);
  const valueRef = useLatest(value);
  // The fields as last rendered; advanced at once by setPart so two changes in one batch chain.
  const fieldsRef = useRef<Fields>({ parts, source: value });
  useIsomorphicLayoutEffect(() => {
    fieldsRef.current = { parts, source: value };
  });

  const setBirthDate = useCallback(
    (next: string | null) => {
      if (readOnlyRef.current) return;
      // Stored with ASCII digits, as the fields store theirs: core and receipts read 'YYYY-MM-DD'.
      setValue(next === '' || next === null ? null : asciiDigits(next));
    },
    [readOnlyRef, setValue],
  );
  const setPart = useCallback(
    (part: BirthDatePart, text: string) => {
      if (readOnlyRef.current) return;
      const nextParts = { ...fieldsRef.current.parts, [part]: text };
      const next: Fields = { parts: nextParts, source: joinBirthDate(nextParts) };
      fieldsRef.current = next;
      setFields(next);
      // A controlled parent that keeps its value sees the fields go back to it on the next
      // render (the parent decides), as with any controlled input.
      if (next.source !== valueRef.current) setValue(next.source);
    },
    [readOnlyRef, valueRef, setValue],
  );

  // Today's date is the client's clock, an outside value: read through useSyncExternalStore, the
  // server and hydration see null (the two dates could differ), and the client reads the clock
  // again at every render after that and when the day changes (subscribeToDays), so a page left
  // open past midnight decides on the new day. A day key is a stable snapshot.
  const clockless = fixedToday !== null;
  const subscribe = useMemo(
    () => (clockless ? subscribeToNothing : subscribeToDays(timeZone)),
    [clockless, timeZone],
  );
  const todayKey = useSyncExternalStore(
    subscribe,
    () => (fixedToday ? null : dayKey(todayIn(new Date(), timeZone))),
    serverToday,
  );
  const localToday = useMemo(() => (todayKey === null ? null : fromDayKey(todayKey)), [todayKey]);
  const today = fixedToday ?? localToday;

  const { decision, ageError } = useMemo(() => {
    if (birthDate.trim() === '' || !today) return { decision: null, ageError: null };
    try {
      return { decision: requiresGuardian(birthDate.trim(), rule, today), ageError: null };
    } catch (error) {
      if (error instanceof AgeError) return { decision: null, ageError: error };
      throw error;
    }
  }, [birthDate, rule, today]);

  // A value that the fields stand for was typed in them (or can be shown in them); anything
  // else came from a single 'YYYY-MM-DD' input and is judged as one.
  const fromParts = value === null || joinBirthDate(parts) === value;
  const problem = useMemo<BirthDateProblem | null>(() => {
    const found =
      value === null
        ? checkBirthDateParts(parts)
        : ageError
          ? problemFromAgeError(ageError, fromParts)
          : null;
    // Its parts in the order the fields show, so the message names them as the person sees them.
    return found && { ...found, parts: order.filter((part) => found.parts.includes(part)) };
  }, [value, parts, ageError, fromParts, order]);

  return { birthDate, setBirthDate, parts, setPart, decision, ageError, problem };
}
