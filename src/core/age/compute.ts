/** Age computation: whole years, months and days between two calendar dates, and age brackets. */
import { compareDates, dayNumber, daysInMonth, formatDate, parseCalendarDate } from './calendar';
import type { BirthDateInput, CalendarDate } from './calendar';
import { AgeError, MAX_AGE_YEARS, describeValue } from './errors';
import type { AgeBracket } from './brackets';

/** An age as whole years, months and days, so a decision is never off by a rounding of fractional years. */
export interface Age {
  years: number;
  /** 0-11: whole months since the last birthday. */
  months: number;
  /** Days since the last monthly anniversary. */
  days: number;
}

/** The date `months` whole months after `birth`, moved to the 1st of the next month if that day does not exist. */
function monthAnniversary(birth: CalendarDate, months: number): CalendarDate {
  const index = birth.month - 1 + months;
  const year = birth.year + Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (birth.day <= daysInMonth(year, month)) return { year, month, day: birth.day };
  // Only the 29th-31st can overflow, and December has 31 days, so month + 1 stays within the year.
  return { year, month: month + 1, day: 1 };
}

function difference(birth: CalendarDate, today: CalendarDate): Age {
  let totalMonths = (today.year - birth.year) * 12 + (today.month - birth.month);
  let anchor = monthAnniversary(birth, totalMonths);
  if (compareDates(anchor, today) > 0) {
    totalMonths -= 1;
    anchor = monthAnniversary(birth, totalMonths);
  }
  return {
    years: Math.floor(totalMonths / 12),
    months: totalMonths % 12,
    days: dayNumber(today) - dayNumber(anchor),
  };
}

// Its documentation is on the public name, in src/core/public/age.ts.
export function ageOn(birthDate: BirthDateInput, today: BirthDateInput): Age {
  const birth = parseCalendarDate(birthDate, 'Birth date');
  const now = parseCalendarDate(today, "Today's date");
  if (compareDates(birth, now) > 0) {
    throw new AgeError(
      'future',
      `Birth date "${formatDate(birth)}" is in the future: it is after today's date, ${formatDate(now)}. Check the year, and pass the date of birth as YYYY-MM-DD.`,
    );
  }
  const age = difference(birth, now);
  if (age.years > MAX_AGE_YEARS || (age.years === MAX_AGE_YEARS && (age.months > 0 || age.days > 0))) {
    throw new AgeError(
      'too-old',
      `Birth date "${formatDate(birth)}" is more than ${MAX_AGE_YEARS} years before today's date, ${formatDate(now)}, which would make the person over ${MAX_AGE_YEARS} years old. Check the year, and pass the date of birth as YYYY-MM-DD.`,
    );
  }
  return age;
}

// Its documentation is on the public name, in src/core/public/age.ts.
export function ageBracketOf(age: Age): AgeBracket {
  const years = (age as Partial<Age> | null)?.years;
  if (typeof years !== 'number' || !Number.isInteger(years) || years < 0) {
    throw new AgeError(
      'impossible',
      `Age ${describeValue(age)} is not an age: years must be a whole number, 0 or more. Pass the result of ageOn().`,
    );
  }
  if (years < 13) return 'under-13';
  if (years === 13) return '13';
  if (years === 14) return '14';
  if (years === 15) return '15';
  if (years < 18) return '16-17';
  return '18-plus';
}
