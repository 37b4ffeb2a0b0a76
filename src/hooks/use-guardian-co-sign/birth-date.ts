// Pure helpers for the birth date: the GOV.UK date-input parts (day, month, year), what is wrong
// with them, and the one sentence the person reads for each problem.
import { MAX_AGE_YEARS, type AgeError } from '../../core/age/errors';
import type { GuardianCoSignMessages } from '../../messages';
import { format } from '../../messages/format';

/** One of the three fields of the birth date. */
export type BirthDatePart = 'day' | 'month' | 'year';

/** The three fields of the birth date, as typed. */
export interface BirthDateParts {
  /** The day field, as typed. */
  day: string;
  /** The month field, as typed. */
  month: string;
  /** The year field, as typed. */
  year: string;
}

/** What is wrong with a birth date, and which fields to mark. */
export interface BirthDateProblem {
  /**
   * `required` (nothing entered), `missing` (some fields empty), `not-real` (no such date, or not
   * numbers), `year-digits` (the year is not 4 numbers), `future`, `too-old` (over 150 years ago),
   * `unparsable` (a single 'YYYY-MM-DD' input holding something else).
   */
  kind: 'required' | 'missing' | 'not-real' | 'year-digits' | 'future' | 'too-old' | 'unparsable';
  /**
   * The fields the problem is in (every field when it is about the whole date), in the order the
   * hook's `locale` shows them.
   */
  parts: readonly BirthDatePart[];
}

/** The parts in GOV.UK's order (day, month, year); the hook puts a problem's in the locale's. */
export const BIRTH_DATE_PARTS: readonly BirthDatePart[] = ['day', 'month', 'year'];

/** Three empty fields. */
export const EMPTY_PARTS: BirthDateParts = { day: '', month: '', year: '' };

const ISO_LIKE = /^\s*(\d+)\s*-\s*(\d+)\s*-\s*(\d+)\s*$/;

/** The fields for a stored value ('YYYY-MM-DD'); empty fields for null or anything else. */
export function splitBirthDate(value: string | null | undefined): BirthDateParts {
  const match = value ? ISO_LIKE.exec(value) : null;
  if (!match) return EMPTY_PARTS;
  return { year: match[1]!, month: match[2]!, day: match[3]! };
}

const DIGIT = /\p{Nd}/u;

/**
 * `text` with every decimal digit of any script as its ASCII digit: people type their dates with
 * the digits of their keyboard (Arabic-Indic ٤, Persian ۴, full-width ４ from a Chinese IME).
 * Unicode puts each script's digits 0–9 in a row of ten, zero first, so a digit's value is its
 * distance from the start of its row of digits (rows of ten may follow one another).
 */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    let start = code;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((code - start) % 10);
  });
}

/**
 * Every field's text without the spaces around or inside it (people type "1 2" or paste " 12 "),
 * its digits as ASCII digits.
 */
function trimmed(parts: BirthDateParts): BirthDateParts {
  const clean = (s: string) => asciiDigits(s.replace(/\s+/g, ''));
  return { day: clean(parts.day), month: clean(parts.month), year: clean(parts.year) };
}

/**
 * What is wrong with the fields before the date itself is looked at (empty fields, not numbers,
 * day or month out of range, a year of other than 4 numbers); null when they make a
 * 'YYYY-MM-DD' that core can check.
 */
export function checkBirthDateParts(parts: BirthDateParts): BirthDateProblem | null {
  const t = trimmed(parts);
  const empty = BIRTH_DATE_PARTS.filter((part) => t[part] === '');
  if (empty.length === 3) return { kind: 'required', parts: BIRTH_DATE_PARTS };
  if (empty.length > 0) return { kind: 'missing', parts: empty };
  const notNumbers = BIRTH_DATE_PARTS.filter((part) => !/^\d+$/.test(t[part]));
  if (notNumbers.length > 0) return { kind: 'not-real', parts: notNumbers };
  const outOfRange: BirthDatePart[] = [];
  if (Number(t.day) < 1 || Number(t.day) > 31) outOfRange.push('day');
  if (Number(t.month) < 1 || Number(t.month) > 12) outOfRange.push('month');
  if (outOfRange.length > 0) return { kind: 'not-real', parts: outOfRange };
  if (t.year.length !== 4) return { kind: 'year-digits', parts: ['year'] };
  return null;
}

/** The fields as 'YYYY-MM-DD' when they pass `checkBirthDateParts`, else null. */
export function joinBirthDate(parts: BirthDateParts): string | null {
  if (checkBirthDateParts(parts) !== null) return null;
  const t = trimmed(parts);
  const two = (s: string) => String(Number(s)).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)}`;
}

/** Core's age error for a complete date, as a problem the person can fix. */
export function problemFromAgeError(error: AgeError, fromParts: boolean): BirthDateProblem {
  switch (error.code) {
    case 'future':
      return { kind: 'future', parts: BIRTH_DATE_PARTS };
    case 'too-old':
      return { kind: 'too-old', parts: ['year'] };
    case 'impossible':
      // The fields already passed the range checks, so only the day can be past the month's end
      // (30 February), or the year out of core's range (0000).
      return { kind: 'not-real', parts: fromParts ? ['day'] : BIRTH_DATE_PARTS };
    default:
      return { kind: fromParts ? 'not-real' : 'unparsable', parts: BIRTH_DATE_PARTS };
  }
}

/**
 * The one sentence for a problem, from the messages (never core's developer wording); its numbers
 * written as `locale` writes them (٤ in Egyptian Arabic).
 */
export function birthDateMessage(
  problem: BirthDateProblem,
  m: GuardianCoSignMessages,
  locale: string,
): string {
  switch (problem.kind) {
    case 'required':
      return m.birthDateRequired;
    case 'missing': {
      const names = problem.parts.map((part) => partName(part, m));
      const parts =
        names.length === 2
          ? format(m.birthDatePartsJoin, { first: names[0]!, second: names[1]! })
          : names[0]!;
      return format(m.birthDateMissing, { parts });
    }
    case 'not-real':
      return m.birthDateNotReal;
    case 'year-digits':
      return format(m.birthDateYearDigits, { digits: 4 }, locale);
    case 'future':
      return m.birthDateFuture;
    case 'too-old':
      return format(m.birthDateTooOld, { years: MAX_AGE_YEARS }, locale);
    case 'unparsable':
      return m.birthDateUnparsable;
  }
}

function partName(part: BirthDatePart, m: GuardianCoSignMessages): string {
  return part === 'day' ? m.birthDateDay : part === 'month' ? m.birthDateMonth : m.birthDateYear;
}
