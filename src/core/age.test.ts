import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import {
  AGE_BRACKETS,
  AgeError,
  GDPR_DIGITAL_CONSENT_AGE,
  ageBracketOf,
  ageOn,
  minimumAgeFor,
  parseCalendarDate,
  requiresGuardian,
  todayIn,
} from './age';
import type { Age, AgeErrorCode, CalendarDate, GuardianRule } from './age';

// ---------------------------------------------------------------------------------------------
// Test helpers. These deliberately use an implementation different from age.ts (UTC Date maths),
// so the reference and the code under test cannot share a bug.

const DAY_MS = 86_400_000;

function utcDay(year: number, month: number, day: number): number {
  // Date.UTC rolls month 13 over into January of the next year, which the references rely on.
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function daysInMonthRef(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isLeapRef(year: number): boolean {
  return daysInMonthRef(year, 2) === 29;
}

function fromUtcDay(n: number): CalendarDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function iso(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Whole years by comparing (month, day) tuples, with the 1 March rule for 29 February births. */
function referenceYears(birth: CalendarDate, today: CalendarDate): number {
  const leapBirthdayInCommonYear = birth.month === 2 && birth.day === 29 && !isLeapRef(today.year);
  const [month, day] = leapBirthdayInCommonYear ? [3, 1] : [birth.month, birth.day];
  const hadBirthday = today.month > month || (today.month === month && today.day >= day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Walks forward one month at a time; an anniversary on a missing day falls on the 1st of the next month. */
function referenceAge(birth: CalendarDate, today: CalendarDate): Age {
  const anniversary = (k: number): number => {
    const year = birth.year + Math.floor((birth.month - 1 + k) / 12);
    const month = ((birth.month - 1 + k) % 12) + 1;
    return birth.day <= daysInMonthRef(year, month)
      ? utcDay(year, month, birth.day)
      : utcDay(year, month + 1, 1);
  };
  const end = utcDay(today.year, today.month, today.day);
  let k = 0;
  while (anniversary(k + 1) <= end) k += 1;
  return { years: Math.floor(k / 12), months: k % 12, days: end - anniversary(k) };
}

function catchAgeError(fn: () => unknown): AgeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AgeError) return error;
    throw error;
  }
  throw new Error('expected an AgeError, but nothing was thrown');
}

function expectAgeError(fn: () => unknown, code: AgeErrorCode, message: string | RegExp): void {
  const error = catchAgeError(fn);
  expect(error.code).toBe(code);
  expect(error.name).toBe('AgeError');
  expect(error).toBeInstanceOf(Error);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

// Arbitraries: plain days plus the dates where age arithmetic usually breaks.
const MIN_YEAR = 1880;
const MAX_YEAR = 2100;
const yearArb = fc.integer({ min: MIN_YEAR, max: MAX_YEAR });
const anyDayArb = fc.integer({ min: utcDay(MIN_YEAR, 1, 1), max: utcDay(MAX_YEAR, 12, 31) }).map(fromUtcDay);
const leapDayArb = yearArb.filter(isLeapRef).map((year) => ({ year, month: 2, day: 29 }));
const endOfMonthArb = fc
  .record({ year: yearArb, month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => ({ year, month, day: daysInMonthRef(year, month) }));
const aroundLeapDayArb = fc
  .record({ year: yearArb, day: fc.constantFrom(28, 29, 30, 31, 32) })
  .map(({ year, day }) => fromUtcDay(utcDay(year, 2, day)));
const dateArb = fc.oneof(anyDayArb, leapDayArb, endOfMonthArb, aroundLeapDayArb);
const orderedPairArb = fc
  .tuple(dateArb, dateArb)
  .map(([a, b]) => (utcDay(a.year, a.month, a.day) <= utcDay(b.year, b.month, b.day) ? [a, b] : [b, a]))
  .filter(([birth, today]) => {
    const age = referenceAge(birth as CalendarDate, today as CalendarDate);
    return age.years < 150 || (age.years === 150 && age.months === 0 && age.days === 0);
  }) as fc.Arbitrary<[CalendarDate, CalendarDate]>;

// ---------------------------------------------------------------------------------------------

describe('parseCalendarDate', () => {
  it('accepts YYYY-MM-DD strings and { year, month, day } objects', () => {
    expect(parseCalendarDate('2010-06-15')).toEqual({ year: 2010, month: 6, day: 15 });
    expect(parseCalendarDate({ year: 2012, month: 2, day: 29 })).toEqual({ year: 2012, month: 2, day: 29 });
    expect(parseCalendarDate('0001-01-01')).toEqual({ year: 1, month: 1, day: 1 });
    expect(parseCalendarDate('9999-12-31')).toEqual({ year: 9999, month: 12, day: 31 });
  });

  it('returns a copy, not the caller’s object', () => {
    const input = { year: 2010, month: 6, day: 15 };
    const parsed = parseCalendarDate(input);
    expect(parsed).not.toBe(input);
    expect(parsed).toEqual(input);
  });

  it('uses the label in messages', () => {
    expectAgeError(
      () => parseCalendarDate('2010-02-30', 'Start date'),
      'impossible',
      'Start date "2010-02-30" is not a real calendar date: February 2010 has 28 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => parseCalendarDate('soon'),
      'unparsable',
      'Date "soon" is not in YYYY-MM-DD form. Pass a date as YYYY-MM-DD, e.g. "2010-06-15".',
    );
  });
});

describe('ageOn: fixed cases', () => {
  it('counts a birthday today as the new year of age', () => {
    expect(ageOn('2010-06-15', '2026-06-15')).toEqual({ years: 16, months: 0, days: 0 });
  });

  it('does not count the birthday on the day before', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toEqual({ years: 15, months: 11, days: 30 });
  });

  it('is zero on the day of birth', () => {
    expect(ageOn('2026-11-26', '2026-11-26')).toEqual({ years: 0, months: 0, days: 0 });
    expect(ageOn('2026-11-25', '2026-11-26')).toEqual({ years: 0, months: 0, days: 1 });
  });

  describe('born on 29 February', () => {
    const born = '2008-02-29';

    it('has a birthday on 29 February in leap years', () => {
      expect(ageOn(born, '2012-02-29')).toEqual({ years: 4, months: 0, days: 0 });
      expect(ageOn(born, '2012-02-28')).toEqual({ years: 3, months: 11, days: 30 });
      expect(ageOn(born, '2012-03-01')).toEqual({ years: 4, months: 0, days: 1 });
    });

    it('gains the year on 1 March in common years, not 28 February', () => {
      expect(ageOn(born, '2013-02-28')).toEqual({ years: 4, months: 11, days: 30 });
      expect(ageOn(born, '2013-03-01')).toEqual({ years: 5, months: 0, days: 0 });
      expect(ageOn(born, '2009-02-28')).toEqual({ years: 0, months: 11, days: 30 });
      expect(ageOn(born, '2009-03-01')).toEqual({ years: 1, months: 0, days: 0 });
    });

    it('turns 18 on 1 March 2026, so the guardian requirement ends that day', () => {
      expect(ageOn(born, '2026-02-28')).toEqual({ years: 17, months: 11, days: 30 });
      expect(ageOn(born, '2026-03-01')).toEqual({ years: 18, months: 0, days: 0 });
      expect(requiresGuardian(born, { kind: 'agreement' }, '2026-02-28').required).toBe(true);
      expect(requiresGuardian(born, { kind: 'agreement' }, '2026-03-01').required).toBe(false);
    });

    it('counts monthly anniversaries on the 29th', () => {
      expect(ageOn(born, '2008-03-28')).toEqual({ years: 0, months: 0, days: 28 });
      expect(ageOn(born, '2008-03-29')).toEqual({ years: 0, months: 1, days: 0 });
      expect(ageOn(born, '2009-01-29')).toEqual({ years: 0, months: 11, days: 0 });
    });

    it('follows the Gregorian century rule (2000 is leap, 2100 is not)', () => {
      expect(ageOn('1996-02-29', '2000-02-29')).toEqual({ years: 4, months: 0, days: 0 });
      expect(ageOn('2096-02-29', '2100-02-28')).toEqual({ years: 3, months: 11, days: 30 });
      expect(ageOn('2096-02-29', '2100-03-01')).toEqual({ years: 4, months: 0, days: 0 });
    });
  });

  describe('born at the end of a month', () => {
    it('moves a missing monthly anniversary to the 1st of the next month', () => {
      expect(ageOn('2010-01-31', '2010-02-28')).toEqual({ years: 0, months: 0, days: 28 });
      expect(ageOn('2010-01-31', '2010-03-01')).toEqual({ years: 0, months: 1, days: 0 });
      expect(ageOn('2010-01-31', '2010-03-30')).toEqual({ years: 0, months: 1, days: 29 });
      expect(ageOn('2010-01-31', '2010-03-31')).toEqual({ years: 0, months: 2, days: 0 });
      expect(ageOn('2010-01-31', '2010-04-30')).toEqual({ years: 0, months: 2, days: 30 });
      expect(ageOn('2010-01-31', '2010-05-01')).toEqual({ years: 0, months: 3, days: 0 });
      expect(ageOn('2012-01-31', '2012-02-29')).toEqual({ years: 0, months: 0, days: 29 });
      expect(ageOn('2010-03-31', '2010-04-30')).toEqual({ years: 0, months: 0, days: 30 });
    });

    it('keeps days increasing one by one across the short month', () => {
      const days = ['2010-02-27', '2010-02-28', '2010-03-01', '2010-03-02'].map((d) =>
        ageOn('2010-01-30', d),
      );
      expect(days).toEqual([
        { years: 0, months: 0, days: 28 },
        { years: 0, months: 0, days: 29 },
        { years: 0, months: 1, days: 0 },
        { years: 0, months: 1, days: 1 },
      ]);
    });

    it('has a yearly birthday on the 31st', () => {
      expect(ageOn('2010-08-31', '2011-08-30')).toEqual({ years: 0, months: 11, days: 30 });
      expect(ageOn('2010-08-31', '2011-08-31')).toEqual({ years: 1, months: 0, days: 0 });
    });
  });

  describe('across year boundaries', () => {
    it('handles New Year’s Eve births', () => {
      // 30 November does not exist, so the 11-month anniversary is 1 December.
      expect(ageOn('2009-12-31', '2010-11-30')).toEqual({ years: 0, months: 10, days: 30 });
      expect(ageOn('2009-12-31', '2010-12-01')).toEqual({ years: 0, months: 11, days: 0 });
      expect(ageOn('2009-12-31', '2010-12-30')).toEqual({ years: 0, months: 11, days: 29 });
      expect(ageOn('2009-12-31', '2010-12-31')).toEqual({ years: 1, months: 0, days: 0 });
      expect(ageOn('2009-12-31', '2011-01-01')).toEqual({ years: 1, months: 0, days: 1 });
    });

    it('handles New Year’s Day births', () => {
      expect(ageOn('2010-01-01', '2010-12-31')).toEqual({ years: 0, months: 11, days: 30 });
      expect(ageOn('2010-01-01', '2011-01-01')).toEqual({ years: 1, months: 0, days: 0 });
      expect(ageOn('2007-01-01', '2025-01-01')).toEqual({ years: 18, months: 0, days: 0 });
      expect(ageOn('2007-01-01', '2024-12-31')).toEqual({ years: 17, months: 11, days: 30 });
    });
  });

  it('accepts exactly 150 years, leap-day births included', () => {
    expect(ageOn('1876-03-01', '2026-03-01')).toEqual({ years: 150, months: 0, days: 0 });
    expect(ageOn('1876-02-29', '2026-03-01')).toEqual({ years: 150, months: 0, days: 0 });
  });
});

describe('ageOn: errors', () => {
  it('rejects strings that are not YYYY-MM-DD', () => {
    expectAgeError(
      () => ageOn('15/06/2010', '2026-01-01'),
      'unparsable',
      'Birth date "15/06/2010" is not in YYYY-MM-DD form. Pass a date as YYYY-MM-DD, e.g. "2010-06-15".',
    );
    for (const bad of [
      '',
      '2010-6-15',
      '20100615',
      ' 2010-06-15',
      '2010-06-15T00:00:00Z',
      '+02010-06-15',
      '2010-06-1x',
    ]) {
      expectAgeError(
        () => ageOn(bad, '2026-01-01'),
        'unparsable',
        /^Birth date ".*" is not in YYYY-MM-DD form\. Pass a date as YYYY-MM-DD/,
      );
    }
  });

  it('rejects objects that are not whole-number dates, and Date instances', () => {
    expectAgeError(
      () => ageOn({ year: 2010, month: '6', day: 15 } as unknown as CalendarDate, '2026-01-01'),
      'unparsable',
      'Birth date {"year":2010,"month":"6","day":15} is not a calendar date. Pass a date as YYYY-MM-DD, or as { year, month, day } in whole numbers with month 1-12.',
    );
    expectAgeError(
      () => ageOn({ year: 2010, month: 6.5, day: 15 }, '2026-01-01'),
      'unparsable',
      /is not a calendar date\. Pass a date as YYYY-MM-DD, or as \{ year, month, day \}/,
    );
    expectAgeError(
      () => ageOn(null as unknown as string, '2026-01-01'),
      'unparsable',
      /^Birth date null is not a calendar date\./,
    );
    expectAgeError(
      () => ageOn(20100615 as unknown as string, '2026-01-01'),
      'unparsable',
      /^Birth date 20100615 is not a calendar date\./,
    );
    expectAgeError(
      () => ageOn(new Date() as unknown as string, '2026-01-01'),
      'unparsable',
      'Birth date is a Date, which is an instant, not a calendar date. Pass a date as YYYY-MM-DD. For "today", use todayIn(date, timeZone).',
    );
  });

  it('rejects dates that do not exist, saying why', () => {
    expectAgeError(
      () => ageOn('2010-02-30', '2026-01-01'),
      'impossible',
      'Birth date "2010-02-30" is not a real calendar date: February 2010 has 28 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2011-02-29', '2026-01-01'),
      'impossible',
      'Birth date "2011-02-29" is not a real calendar date: February 2011 has 28 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2012-02-30', '2026-01-01'),
      'impossible',
      'Birth date "2012-02-30" is not a real calendar date: February 2012 has 29 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2010-04-31', '2026-01-01'),
      'impossible',
      'Birth date "2010-04-31" is not a real calendar date: April 2010 has 30 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2010-13-01', '2026-01-01'),
      'impossible',
      'Birth date "2010-13-01" is not a real calendar date: there is no month 13 (months run from 01 to 12). Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2010-00-10', '2026-01-01'),
      'impossible',
      'Birth date "2010-00-10" is not a real calendar date: there is no month 0 (months run from 01 to 12). Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2010-06-00', '2026-01-01'),
      'impossible',
      'Birth date "2010-06-00" is not a real calendar date: days of the month start at 01. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn({ year: 2010, month: 2, day: 30 }, '2026-01-01'),
      'impossible',
      'Birth date "2010-02-30" is not a real calendar date: February 2010 has 28 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('0000-01-01', '2026-01-01'),
      'impossible',
      'Birth date "0000-01-01" is out of range: years run from 0001 to 9999. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn({ year: 10000, month: 1, day: 1 }, '2026-01-01'),
      'impossible',
      'Birth date "10000-01-01" is out of range: years run from 0001 to 9999. Pass a date as YYYY-MM-DD.',
    );
  });

  it('validates today as well', () => {
    expectAgeError(
      () => ageOn('2010-01-01', '2026-02-29'),
      'impossible',
      'Today\'s date "2026-02-29" is not a real calendar date: February 2026 has 28 days. Pass a date as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('2010-01-01', 'today'),
      'unparsable',
      'Today\'s date "today" is not in YYYY-MM-DD form. Pass a date as YYYY-MM-DD, e.g. "2010-06-15".',
    );
  });

  it('rejects a birth date in the future', () => {
    expectAgeError(
      () => ageOn('2026-11-27', '2026-11-26'),
      'future',
      'Birth date "2026-11-27" is in the future: it is after today\'s date, 2026-11-26. Check the year, and pass the date of birth as YYYY-MM-DD.',
    );
    expectAgeError(
      () => ageOn('3010-01-01', { year: 2026, month: 11, day: 26 }),
      'future',
      /is in the future/,
    );
  });

  it('rejects a birth date more than 150 years ago', () => {
    expectAgeError(
      () => ageOn('1876-02-28', '2026-03-01'),
      'too-old',
      'Birth date "1876-02-28" is more than 150 years before today\'s date, 2026-03-01, which would make the person over 150 years old. Check the year, and pass the date of birth as YYYY-MM-DD.',
    );
    expectAgeError(() => ageOn('1026-11-26', '2026-11-26'), 'too-old', /over 150 years old/);
  });
});

describe('ageOn: properties', () => {
  it('agrees with a month-by-month reference and the (month, day) year count, 1880-2100', () => {
    fc.assert(
      fc.property(orderedPairArb, ([birth, today]) => {
        const age = ageOn(birth, today);
        expect(age).toEqual(referenceAge(birth, today));
        expect(age.years).toBe(referenceYears(birth, today));
        expect(age.months).toBeGreaterThanOrEqual(0);
        expect(age.months).toBeLessThan(12);
        expect(age.days).toBeGreaterThanOrEqual(0);
        expect(age.days).toBeLessThan(31);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws future / too-old exactly when the reference says so', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (birth, today) => {
        const b = utcDay(birth.year, birth.month, birth.day);
        const t = utcDay(today.year, today.month, today.day);
        if (b > t) {
          expect(catchAgeError(() => ageOn(birth, today)).code).toBe('future');
          return;
        }
        const ref = referenceAge(birth, today);
        const tooOld = ref.years > 150 || (ref.years === 150 && (ref.months > 0 || ref.days > 0));
        if (tooOld) expect(catchAgeError(() => ageOn(birth, today)).code).toBe('too-old');
        else expect(ageOn(birth, today)).toEqual(ref);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same answer for string and object input', () => {
    fc.assert(
      fc.property(orderedPairArb, ([birth, today]) => {
        const fromObjects = ageOn(birth, today);
        expect(ageOn(iso(birth), iso(today))).toEqual(fromObjects);
        expect(ageOn(iso(birth), today)).toEqual(fromObjects);
        expect(ageOn(birth, iso(today))).toEqual(fromObjects);
        expect(parseCalendarDate(iso(birth))).toEqual(birth);
      }),
    );
  });

  it('never decreases as today moves forward', () => {
    fc.assert(
      fc.property(orderedPairArb, ([birth, today]) => {
        const next = fromUtcDay(utcDay(today.year, today.month, today.day) + 1);
        const a = ageOn(birth, today);
        let b: Age;
        try {
          b = ageOn(birth, next);
        } catch (error) {
          expect((error as AgeError).code).toBe('too-old');
          return;
        }
        const key = (x: Age): number => (x.years * 12 + x.months) * 100 + x.days;
        expect(key(b)).toBeGreaterThan(key(a));
      }),
    );
  });
});

describe('todayIn', () => {
  const ZONES = [
    'Pacific/Kiritimati', // UTC+14
    'Pacific/Pago_Pago', // UTC-11
    'America/Los_Angeles',
    'Asia/Kolkata', // UTC+5:30
    'UTC',
    'Australia/Lord_Howe', // +10:30, half-hour DST
    'Asia/Kathmandu', // +5:45
    'America/St_Johns', // -3:30 with DST
    'Pacific/Chatham', // +12:45 with DST
    'Europe/London',
  ] as const;

  function viaEnCa(instant: Date, timeZone: string): CalendarDate {
    const text = new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) throw new Error(`unexpected en-CA format: ${text}`);
    return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }

  const instantArb = fc
    .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31, 23, 59, 59, 999) })
    .map((ms) => new Date(ms));
  const zoneArb = fc.constantFrom(...ZONES);

  it('gives different calendar dates at the same instant on either side of the date line', () => {
    const instant = new Date(Date.UTC(2024, 1, 29, 10, 30)); // 2024-02-29 10:30 UTC
    expect(todayIn(instant, 'UTC')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(todayIn(instant, 'Pacific/Kiritimati')).toEqual({ year: 2024, month: 3, day: 1 });
    expect(todayIn(instant, 'Pacific/Pago_Pago')).toEqual({ year: 2024, month: 2, day: 28 });
    // Born 29 Feb 2008: already 16 in Kiritimati, still 15 in Pago Pago.
    expect(ageOn('2008-02-29', todayIn(instant, 'Pacific/Kiritimati')).years).toBe(16);
    expect(ageOn('2008-02-29', todayIn(instant, 'Pacific/Pago_Pago')).years).toBe(15);
  });

  it('switches day at local midnight, including half-hour zones', () => {
    expect(todayIn(new Date(Date.UTC(2023, 11, 31, 18, 29, 59, 999)), 'Asia/Kolkata')).toEqual({
      year: 2023,
      month: 12,
      day: 31,
    });
    expect(todayIn(new Date(Date.UTC(2023, 11, 31, 18, 30)), 'Asia/Kolkata')).toEqual({
      year: 2024,
      month: 1,
      day: 1,
    });
    // Lord Howe is UTC+11 in (southern) summer.
    expect(todayIn(new Date(Date.UTC(2024, 0, 14, 12, 59, 59)), 'Australia/Lord_Howe')).toEqual({
      year: 2024,
      month: 1,
      day: 14,
    });
    expect(todayIn(new Date(Date.UTC(2024, 0, 14, 13, 0, 0)), 'Australia/Lord_Howe')).toEqual({
      year: 2024,
      month: 1,
      day: 15,
    });
  });

  it('matches Intl en-CA (YYYY-MM-DD) formatting for random instants and zones', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (instant, zone) => {
        expect(todayIn(instant, zone)).toEqual(viaEnCa(instant, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns dates ageOn accepts, and the ages agree with the string form', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, dateArb, (instant, zone, birth) => {
        const today = todayIn(instant, zone);
        const viaString = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(instant);
        let expected: Age | AgeErrorCode;
        try {
          expected = ageOn(birth, viaString);
        } catch (error) {
          expected = (error as AgeError).code;
        }
        let actual: Age | AgeErrorCode;
        try {
          actual = ageOn(birth, today);
        } catch (error) {
          actual = (error as AgeError).code;
        }
        expect(actual).toEqual(expected);
      }),
    );
  });

  describe('does not depend on the process time zone', () => {
    const originalTz = process.env.TZ;
    const PROCESS_ZONES = [
      'UTC',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'America/Los_Angeles',
      'Asia/Kolkata',
    ];

    function setProcessTz(tz: string | undefined): void {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }

    afterEach(() => setProcessTz(originalTz));

    it('the test can actually change the process time zone', () => {
      const instant = new Date(Date.UTC(2020, 0, 1));
      // Node applies a new process.env.TZ at once in the main thread of a process (Vitest's default
      // 'forks' pool), but not inside worker threads. Fail loudly rather than pass vacuously.
      const hint = "setting process.env.TZ had no effect: run this file with Vitest's 'forks' pool";
      setProcessTz('Pacific/Kiritimati');
      expect(instant.getTimezoneOffset(), hint).toBe(-14 * 60);
      setProcessTz('Pacific/Pago_Pago');
      expect(instant.getTimezoneOffset(), hint).toBe(11 * 60);
    });

    it('gives the same date and age for an explicit zone whatever TZ the process runs in', () => {
      fc.assert(
        fc.property(instantArb, zoneArb, orderedPairArb, (instant, zone, [birth]) => {
          const expectedToday = viaEnCa(instant, zone);
          const outcome = (): Age | AgeErrorCode => {
            try {
              return ageOn(birth, todayIn(instant, zone));
            } catch (error) {
              return (error as AgeError).code;
            }
          };
          const results = PROCESS_ZONES.map((tz) => {
            setProcessTz(tz);
            expect(todayIn(instant, zone)).toEqual(expectedToday);
            return outcome();
          });
          for (const result of results) expect(result).toEqual(results[0]);
        }),
        { numRuns: 200 },
      );
    });

    it('defaults to the runtime’s current local zone, following changes to it', () => {
      fc.assert(
        fc.property(instantArb, fc.constantFrom(...PROCESS_ZONES), (instant, tz) => {
          setProcessTz(tz);
          expect(todayIn(instant)).toEqual({
            year: instant.getFullYear(),
            month: instant.getMonth() + 1,
            day: instant.getDate(),
          });
          expect(todayIn(instant)).toEqual(viaEnCa(instant, tz));
        }),
        { numRuns: 200 },
      );
    });
  });

  it('rejects an invalid Date and an unknown time zone', () => {
    expectAgeError(
      () => todayIn(new Date(Number.NaN), 'UTC'),
      'unparsable',
      'todayIn needs a valid Date, got an Invalid Date. Pass new Date() for now, or new Date(timestamp) for another instant.',
    );
    expectAgeError(
      () => todayIn('2026-01-01' as unknown as Date),
      'unparsable',
      'todayIn needs a valid Date, got "2026-01-01". Pass new Date() for now, or new Date(timestamp) for another instant.',
    );
    expectAgeError(
      () => todayIn(new Date(), 'Mars/Olympus_Mons'),
      'unparsable',
      'Time zone "Mars/Olympus_Mons" is not an IANA time zone this runtime knows. Pass a name such as "Europe/Berlin" or "UTC", or leave it out to use the runtime\'s own zone.',
    );
  });
});

describe('GDPR digital-consent ages', () => {
  // Expected values, stated independently of the table (sources are cited in age.ts).
  const EXPECTED: Record<string, number> = {
    BE: 13,
    EE: 13,
    FI: 13,
    LV: 13,
    MT: 13,
    PT: 13,
    SE: 13,
    AT: 14,
    BG: 14,
    CY: 14,
    IT: 14,
    LT: 14,
    ES: 14,
    CZ: 15,
    FR: 15,
    GR: 15,
    DK: 15,
    SI: 15, // DK raised 13 -> 15 on 1 Jan 2024; SI set by ZVOP-2 (2023)
    DE: 16,
    HR: 16,
    HU: 16,
    IE: 16,
    LU: 16,
    NL: 16,
    PL: 16,
    RO: 16,
    SK: 16,
    IS: 13,
    NO: 13,
    LI: 16, // EEA
  };
  const EU_27 = [
    'AT',
    'BE',
    'BG',
    'CY',
    'CZ',
    'DE',
    'DK',
    'EE',
    'ES',
    'FI',
    'FR',
    'GR',
    'HR',
    'HU',
    'IE',
    'IT',
    'LT',
    'LU',
    'LV',
    'MT',
    'NL',
    'PL',
    'PT',
    'RO',
    'SE',
    'SI',
    'SK',
  ];

  it('covers all 27 EU member states plus IS, LI and NO, and nothing else', () => {
    expect(EU_27).toHaveLength(27);
    expect(Object.keys(GDPR_DIGITAL_CONSENT_AGE).sort()).toEqual([...EU_27, 'IS', 'LI', 'NO'].sort());
    expect(GDPR_DIGITAL_CONSENT_AGE).toEqual(EXPECTED);
    for (const age of Object.values(GDPR_DIGITAL_CONSENT_AGE)) {
      expect(age).toBeGreaterThanOrEqual(13); // GDPR Art. 8(1) floor
      expect(age).toBeLessThanOrEqual(16); // GDPR Art. 8(1) default
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(GDPR_DIGITAL_CONSENT_AGE)).toBe(true);
  });

  describe.each(Object.entries(EXPECTED))('%s', (country, age) => {
    it(`has minimum age ${age}`, () => {
      expect(minimumAgeFor({ kind: 'gdpr', country })).toBe(age);
      expect(minimumAgeFor({ kind: 'gdpr', country: country.toLowerCase() })).toBe(age);
    });

    it(`requires a guardian the day before turning ${age}, not on the birthday`, () => {
      const today = '2026-06-15';
      const rule: GuardianRule = { kind: 'gdpr', country };
      const turnsToday = `${2026 - age}-06-15`;
      const turnsTomorrow = `${2026 - age}-06-16`;
      const onBirthday = requiresGuardian(turnsToday, rule, today);
      expect(onBirthday.required).toBe(false);
      expect(onBirthday.minimumAge).toBe(age);
      expect(onBirthday.reason).toMatch(
        new RegExp(
          `^${age} or older in .+ \\(${country}\\): under GDPR Article 8, you can give consent yourself\\.$`,
        ),
      );
      const dayBefore = requiresGuardian(turnsTomorrow, rule, today);
      expect(dayBefore.required).toBe(true);
      expect(dayBefore.reason).toMatch(
        new RegExp(
          `^Under ${age} in .+ \\(${country}\\): under GDPR Article 8, a parent or legal guardian must give or approve consent for you\\.$`,
        ),
      );
    });
  });

  it('accepts codes in any case', () => {
    for (const country of ['de', 'De', 'dE', 'DE']) expect(minimumAgeFor({ kind: 'gdpr', country })).toBe(16);
    expect(minimumAgeFor({ kind: 'gdpr', country: 'si' })).toBe(15);
  });

  it('accepts EL (the EU code) for Greece as well as GR (ISO 3166)', () => {
    for (const country of ['EL', 'el', 'El', 'GR', 'gr'])
      expect(minimumAgeFor({ kind: 'gdpr', country })).toBe(15);
    expect(requiresGuardian('2012-01-01', { kind: 'gdpr', country: 'el' }, '2026-06-15').reason).toBe(
      'Under 15 in Greece (GR): under GDPR Article 8, a parent or legal guardian must give or approve consent for you.',
    );
  });

  it('rejects unknown and malformed country codes, saying how to fix it', () => {
    const list =
      'AT, BE, BG, CY, CZ, DE, DK, EE, ES, FI, FR, GR, HR, HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK, IS, LI, NO';
    expectAgeError(
      () => minimumAgeFor({ kind: 'gdpr', country: 'US' }),
      'unknown-country',
      `GDPR country "US" has no known age of digital consent: it is not an EU or EEA state in this table. Pass an ISO 3166-1 alpha-2 code of an EU or EEA state (${list}; EL is accepted for Greece), or, for another country, a rule { kind: 'custom', minimumAge, label }.`,
    );
    for (const country of ['UK', 'GB', 'CH', 'XX', 'EU']) {
      expectAgeError(() => minimumAgeFor({ kind: 'gdpr', country }), 'unknown-country', /kind: 'custom'/);
    }
    for (const country of ['', 'DEU', ' de', 'd', '12', 'ıs']) {
      expectAgeError(
        () => minimumAgeFor({ kind: 'gdpr', country }),
        'unknown-country',
        /^GDPR country ".*" is not a two-letter country code\. Pass an ISO 3166-1 alpha-2 code/,
      );
    }
    expectAgeError(
      () => minimumAgeFor({ kind: 'gdpr' } as unknown as GuardianRule),
      'unknown-country',
      /^GDPR country undefined is not a two-letter country code\./,
    );
    for (const country of ['constructor', '__proto__', 'toString']) {
      expectAgeError(() => minimumAgeFor({ kind: 'gdpr', country }), 'unknown-country', /not a two-letter/);
    }
    expectAgeError(
      () => requiresGuardian('2010-01-01', { kind: 'gdpr', country: 'US' }, '2026-01-01'),
      'unknown-country',
      /"US"/,
    );
  });
});

describe('rules', () => {
  it('resolves the built-in thresholds', () => {
    expect(minimumAgeFor({ kind: 'agreement' })).toBe(18);
    expect(minimumAgeFor({ kind: 'coppa' })).toBe(13);
    expect(minimumAgeFor({ kind: 'custom', minimumAge: 21, label: 'the club agreement' })).toBe(21);
    expect(minimumAgeFor({ kind: 'custom', minimumAge: 1 })).toBe(1);
    expect(minimumAgeFor({ kind: 'custom', minimumAge: 150 })).toBe(150);
  });

  it('rejects malformed rules', () => {
    const fix =
      "Pass { kind: 'agreement' }, { kind: 'coppa' }, { kind: 'gdpr', country: 'DE' } or { kind: 'custom', minimumAge: 16, label: 'the club agreement' }.";
    expectAgeError(
      () => minimumAgeFor({ kind: 'custom', minimumAge: 12.5 }),
      'invalid-rule',
      `Guardian rule {"kind":"custom","minimumAge":12.5} is invalid: minimumAge must be a whole number from 1 to 150. ${fix}`,
    );
    for (const minimumAge of [0, -1, 151, Number.NaN, Number.POSITIVE_INFINITY, '16' as unknown as number]) {
      expectAgeError(
        () => minimumAgeFor({ kind: 'custom', minimumAge }),
        'invalid-rule',
        /minimumAge must be a whole number from 1 to 150/,
      );
    }
    expectAgeError(
      () => minimumAgeFor({ kind: 'custom', minimumAge: 16, label: ' ' }),
      'invalid-rule',
      `Guardian rule {"kind":"custom","minimumAge":16,"label":" "} is invalid: label, when given, must be a non-empty string. ${fix}`,
    );
    expectAgeError(
      () => minimumAgeFor({ kind: 'hipaa' } as unknown as GuardianRule),
      'invalid-rule',
      `Guardian rule {"kind":"hipaa"} is invalid: kind must be 'agreement', 'coppa', 'gdpr' or 'custom'. ${fix}`,
    );
    expectAgeError(
      () => minimumAgeFor(null as unknown as GuardianRule),
      'invalid-rule',
      `Guardian rule null is invalid: it is not an object. ${fix}`,
    );
    expectAgeError(
      () => requiresGuardian('2010-01-01', { kind: 'custom', minimumAge: 0 }, '2026-01-01'),
      'invalid-rule',
      /minimumAge/,
    );
  });
});

describe('requiresGuardian', () => {
  it('returns the whole decision for the agreement rule', () => {
    expect(requiresGuardian('2010-06-15', { kind: 'agreement' }, '2026-06-14')).toEqual({
      required: true,
      minimumAge: 18,
      age: { years: 15, months: 11, days: 30 },
      rule: { kind: 'agreement' },
      ageBracket: '15',
      reason: 'Under 18: the agreement requires a legal guardian to read it with you.',
    });
    expect(requiresGuardian('2008-06-15', { kind: 'agreement' }, '2026-06-15')).toMatchObject({
      required: false,
      ageBracket: '18-plus',
      reason: '18 or older: the agreement does not require a legal guardian.',
    });
  });

  it('explains COPPA decisions', () => {
    expect(requiresGuardian('2013-06-16', { kind: 'coppa' }, '2026-06-15')).toMatchObject({
      required: true,
      minimumAge: 13,
      ageBracket: 'under-13',
      reason: 'Under 13: under COPPA, a parent or legal guardian must give consent for you.',
    });
    expect(requiresGuardian('2013-06-15', { kind: 'coppa' }, '2026-06-15')).toMatchObject({
      required: false,
      ageBracket: '13',
      reason: '13 or older: COPPA does not require a parent or legal guardian to give consent for you.',
    });
  });

  it('explains GDPR decisions with the country name', () => {
    expect(requiresGuardian('2011-01-01', { kind: 'gdpr', country: 'de' }, '2026-06-15')).toMatchObject({
      required: true,
      minimumAge: 16,
      ageBracket: '15',
      reason:
        'Under 16 in Germany (DE): under GDPR Article 8, a parent or legal guardian must give or approve consent for you.',
    });
    expect(requiresGuardian('2011-01-01', { kind: 'gdpr', country: 'AT' }, '2026-06-15')).toMatchObject({
      required: false,
      minimumAge: 14,
      reason: '14 or older in Austria (AT): under GDPR Article 8, you can give consent yourself.',
    });
  });

  it('uses the custom label, or a neutral name without one', () => {
    expect(
      requiresGuardian(
        '2006-01-01',
        { kind: 'custom', minimumAge: 21, label: 'the club agreement' },
        '2026-06-15',
      ).reason,
    ).toBe('Under 21: the club agreement requires a legal guardian to read it with you.');
    expect(requiresGuardian('2000-01-01', { kind: 'custom', minimumAge: 21 }, '2026-06-15').reason).toBe(
      '21 or older: this rule does not require a legal guardian.',
    );
  });

  it('copies the rule into the decision', () => {
    const rule: GuardianRule = { kind: 'gdpr', country: 'FR' };
    const decision = requiresGuardian('2010-01-01', rule, '2026-06-15');
    expect(decision.rule).toEqual(rule);
    expect(decision.rule).not.toBe(rule);
  });

  it('never puts the birth date in the decision', () => {
    fc.assert(
      fc.property(orderedPairArb, ([birth, today]) => {
        const decision = requiresGuardian(birth, { kind: 'agreement' }, today);
        expect(JSON.stringify(decision)).not.toContain(iso(birth));
      }),
    );
  });

  it('requires a guardian exactly when the age is below the threshold', () => {
    const ruleArb: fc.Arbitrary<GuardianRule> = fc.oneof(
      fc.constant({ kind: 'agreement' } as const),
      fc.constant({ kind: 'coppa' } as const),
      fc
        .constantFrom(...Object.keys(GDPR_DIGITAL_CONSENT_AGE))
        .map((country) => ({ kind: 'gdpr', country }) as const),
      fc.integer({ min: 1, max: 150 }).map((minimumAge) => ({ kind: 'custom', minimumAge }) as const),
    );
    fc.assert(
      fc.property(orderedPairArb, ruleArb, ([birth, today], rule) => {
        const decision = requiresGuardian(birth, rule, today);
        expect(decision.required).toBe(referenceYears(birth, today) < minimumAgeFor(rule));
        expect(decision.age).toEqual(ageOn(birth, today));
        expect(decision.ageBracket).toBe(ageBracketOf(decision.age));
      }),
    );
  });
});

describe('ageBracketOf', () => {
  const at = (years: number): Age => ({ years, months: 6, days: 3 });

  it('uses the documented brackets', () => {
    expect(AGE_BRACKETS).toEqual(['under-13', '13', '14', '15', '16-17', '18-plus']);
    expect([0, 12, 13, 14, 15, 16, 17, 18, 150].map((y) => ageBracketOf(at(y)))).toEqual([
      'under-13',
      'under-13',
      '13',
      '14',
      '15',
      '16-17',
      '16-17',
      '18-plus',
      '18-plus',
    ]);
  });

  it('has an edge at every built-in threshold, so the bracket alone decides every built-in rule', () => {
    const builtIn: GuardianRule[] = [
      { kind: 'agreement' },
      { kind: 'coppa' },
      ...Object.keys(GDPR_DIGITAL_CONSENT_AGE).map((country) => ({ kind: 'gdpr', country }) as const),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }), (a, b) => {
        fc.pre(ageBracketOf(at(a)) === ageBracketOf(at(b)));
        for (const rule of builtIn) {
          const min = minimumAgeFor(rule);
          expect(a < min).toBe(b < min);
        }
      }),
    );
  });

  it('rejects something that is not an age', () => {
    expectAgeError(
      () => ageBracketOf({ years: -1, months: 0, days: 0 }),
      'impossible',
      'Age {"years":-1,"months":0,"days":0} is not an age: years must be a whole number, 0 or more. Pass the result of ageOn().',
    );
    expectAgeError(() => ageBracketOf({ years: 1.5, months: 0, days: 0 }), 'impossible', /not an age/);
    expectAgeError(() => ageBracketOf(null as unknown as Age), 'impossible', /^Age null is not an age/);
  });
});

describe('AgeError', () => {
  it('is an Error with a name and a code', () => {
    const error = new AgeError('future', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AgeError');
    expect(error.code).toBe('future');
    expect(error.message).toBe('x');
  });
});
