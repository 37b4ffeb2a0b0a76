// The core's public age and guardian functions (see ../index.ts for why each is a function of
// a module of its own area, not a re-export). Loads the age rules: the calendar, the age
// arithmetic, the guardian rules and the table of digital-consent ages.

import type { AgeBracket } from '../age/brackets';
import type { Age } from '../age/compute';
import { ageBracketOf as ageBracketOfPart, ageOn as ageOnPart } from '../age/compute';
import type { BirthDateInput, CalendarDate } from '../age/calendar';
import { parseCalendarDate as parseCalendarDatePart, todayIn as todayInPart } from '../age/calendar';
import type { GuardianDecision, GuardianRule } from '../age/guardian';
import {
  minimumAgeFor as minimumAgeForPart,
  requiresGuardian as requiresGuardianPart,
} from '../age/guardian';

/** Coarsens an age for receipts so they record which rules were met without revealing the birth date. */
export function ageBracketOf(age: Age): AgeBracket {
  return ageBracketOfPart(age);
}

/**
 * Computes age with calendar arithmetic only, so the answer never depends on the machine's time zone.
 *
 * @remarks Born on 29 February: each new year of age starts on 1 March in common years (UK and most
 * civil-law practice; some jurisdictions use 28 February). Likewise a monthly anniversary on a day
 * the month lacks falls on the 1st of the next month, which keeps `days` consistent with `years`.
 * Throws {@link AgeError}: `unparsable`/`impossible` for either date, `future` if the birth date is
 * after today, `too-old` if it is more than 150 years before today.
 */
export function ageOn(birthDate: BirthDateInput, today: BirthDateInput): Age {
  return ageOnPart(birthDate, today);
}

/**
 * Validates a birth date (or any calendar date) up front so a typo fails with a fixable message
 * instead of silently becoming a different day.
 *
 * @param label how the date is named in error messages.
 * @default label 'Date'
 */
export function parseCalendarDate(input: BirthDateInput, label?: string): CalendarDate {
  return parseCalendarDatePart(input, label);
}

/**
 * Gives "today" as the person in front of the form sees it, because their age changes at their
 * midnight, not the server's or UTC's.
 *
 * @param timeZone an IANA zone name such as 'Europe/Berlin'.
 * @default timeZone the runtime's local time zone
 */
export function todayIn(date: Date, timeZone?: string): CalendarDate {
  return todayInPart(date, timeZone);
}

/** Resolves a rule to its threshold on its own, so a form can say "you must be N" before asking for a birth date. */
export function minimumAgeFor(rule: GuardianRule): number {
  return minimumAgeForPart(rule);
}

/**
 * Decides whether a guardian must take part, returning the evidence (threshold, age, bracket,
 * reason) a receipt should store instead of the birth date.
 *
 * Throws {@link AgeError} for a bad rule (`invalid-rule`, `unknown-country`) or bad dates (see {@link ageOn}).
 */
export function requiresGuardian(
  birthDate: BirthDateInput,
  rule: GuardianRule,
  today: BirthDateInput,
): GuardianDecision {
  return requiresGuardianPart(birthDate, rule, today);
}
