/** Calendar dates: parsing and validating them, and today's date in a time zone. */
import { AgeError, describeValue } from './errors';

/** A calendar date without a time zone, so a birth date never shifts by a day with the viewer's clock. */
export interface CalendarDate {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
}

/** Accepting 'YYYY-MM-DD' as well as objects lets form values and stored receipts be passed as they are. */
export type BirthDateInput = string | CalendarDate;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const HOW_TO_PASS = 'Pass a date as YYYY-MM-DD.';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 28-31, by the Gregorian leap-year rule. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
}

/** 'YYYY-MM-DD', for error messages. */
export function formatDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
export function dayNumber({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function isDateInstance(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

// Its documentation is on the public name, in src/core/public/age.ts.
export function parseCalendarDate(input: BirthDateInput, label = 'Date'): CalendarDate {
  let year: number;
  let month: number;
  let day: number;

  if (typeof input === 'string') {
    const match = ISO_DATE.exec(input);
    if (!match) {
      throw new AgeError(
        'unparsable',
        `${label} ${JSON.stringify(input)} is not in YYYY-MM-DD form. Pass a date as YYYY-MM-DD, e.g. "2010-06-15".`,
      );
    }
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else if (isDateInstance(input)) {
    throw new AgeError(
      'unparsable',
      `${label} is a Date, which is an instant, not a calendar date. ${HOW_TO_PASS} For "today", use todayIn(date, timeZone).`,
    );
  } else if (
    typeof input === 'object' &&
    input !== null &&
    Number.isInteger(input.year) &&
    Number.isInteger(input.month) &&
    Number.isInteger(input.day)
  ) {
    ({ year, month, day } = input);
  } else {
    throw new AgeError(
      'unparsable',
      `${label} ${describeValue(input)} is not a calendar date. Pass a date as YYYY-MM-DD, or as { year, month, day } in whole numbers with month 1-12.`,
    );
  }

  const shown = typeof input === 'string' ? JSON.stringify(input) : `"${formatDate({ year, month, day })}"`;
  if (year < 1 || year > 9999) {
    throw new AgeError(
      'impossible',
      `${label} ${shown} is out of range: years run from 0001 to 9999. ${HOW_TO_PASS}`,
    );
  }
  if (month < 1 || month > 12) {
    throw new AgeError(
      'impossible',
      `${label} ${shown} is not a real calendar date: there is no month ${month} (months run from 01 to 12). ${HOW_TO_PASS}`,
    );
  }
  const monthLength = daysInMonth(year, month);
  if (day < 1 || day > monthLength) {
    const why =
      day < 1 ? `days of the month start at 01` : `${MONTH_NAMES[month - 1]} ${year} has ${monthLength} days`;
    throw new AgeError('impossible', `${label} ${shown} is not a real calendar date: ${why}. ${HOW_TO_PASS}`);
  }
  return { year, month, day };
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function createFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
    timeZone,
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
}

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  // The runtime's own zone can change while the page is open (travel, OS settings), so it is
  // resolved on every call; named zones are fixed and worth caching.
  if (timeZone === undefined) return createFormatter(undefined);
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    try {
      formatter = createFormatter(timeZone);
    } catch {
      throw new AgeError(
        'unparsable',
        `Time zone ${describeValue(timeZone)} is not an IANA time zone this runtime knows. Pass a name such as "Europe/Berlin" or "UTC", or leave it out to use the runtime's own zone.`,
      );
    }
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

// Its documentation is on the public name, in src/core/public/age.ts.
export function todayIn(date: Date, timeZone?: string): CalendarDate {
  if (!isDateInstance(date) || Number.isNaN(date.getTime())) {
    throw new AgeError(
      'unparsable',
      `todayIn needs a valid Date, got ${isDateInstance(date) ? 'an Invalid Date' : describeValue(date)}. Pass new Date() for now, or new Date(timestamp) for another instant.`,
    );
  }
  if (timeZone !== undefined && typeof timeZone !== 'string') {
    throw new AgeError(
      'unparsable',
      `Time zone ${describeValue(timeZone)} is not a string. Pass an IANA name such as "Europe/Berlin" or "UTC", or leave it out to use the runtime's own zone.`,
    );
  }
  if (timeZone === undefined) {
    // The runtime's own zone: the Date's local fields are that calendar date (they follow the
    // same zone, and its changes), without building a formatter at each call (some 0.5 ms, and a
    // clickwrap asks at every render). Before 1583 the formatter's calendar is Julian: it decides.
    const localYear = date.getFullYear();
    if (localYear > 1583) return { year: localYear, month: date.getMonth() + 1, day: date.getDate() };
  }
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  let beforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'era') beforeCommonEra = part.value.startsWith('B');
  }
  // Astronomical numbering (1 BC = year 0) keeps the arithmetic continuous.
  return { year: beforeCommonEra ? 1 - year : year, month, day };
}
