/**
 * Ages and guardian rules for clickwrap flows.
 *
 * Framework-free: ES2022 plus `Intl` only (no React, no DOM, no Node APIs), so it runs unchanged in
 * browsers and in Node. All date arithmetic is whole-number year/month/day arithmetic on calendar
 * dates. `Date` is used in exactly one place — {@link todayIn}, which turns an instant into the
 * calendar date of a time zone through `Intl.DateTimeFormat#formatToParts`. A 'YYYY-MM-DD' string is
 * never handed to `new Date()`: that parses as UTC midnight and lands on the previous day anywhere
 * west of UTC.
 *
 * Leap-day birthdays: a person born on 29 February gains each year of age on 1 March in common
 * years (the UK rule, and the usual reading in civil-law countries). Some jurisdictions count
 * 28 February instead; this module does not, so check local law where that one day matters.
 * The same rule applies to months: an anniversary that falls on a day its month does not have
 * (the 29th-31st) is counted on the 1st of the following month, so `years`, `months` and `days`
 * always agree with one another.
 */

export { parseCalendarDate, todayIn } from './calendar';
export type { BirthDateInput, CalendarDate } from './calendar';
export { AGE_BRACKETS, type AgeBracket } from './brackets';
export { ageBracketOf, ageOn } from './compute';
export type { Age } from './compute';
export { AgeError } from './errors';
export type { AgeErrorCode } from './errors';
export { GDPR_DIGITAL_CONSENT_AGE } from './gdpr-table';
export { minimumAgeFor, requiresGuardian } from './guardian';
export type { GuardianDecision, GuardianRule } from './guardian';
