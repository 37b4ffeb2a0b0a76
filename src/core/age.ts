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

/** A calendar date without a time zone, so a birth date never shifts by a day with the viewer's clock. */
export interface CalendarDate {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
}

/** Accepting 'YYYY-MM-DD' as well as objects lets form values and stored receipts be passed as they are. */
export type BirthDateInput = string | CalendarDate;

/** The machine-readable reasons an {@link AgeError} can carry, so callers branch on a code, not on prose. */
export type AgeErrorCode =
  'unparsable' | 'impossible' | 'future' | 'too-old' | 'unknown-country' | 'invalid-rule';

/**
 * One error type for every bad input here, whose message says what is wrong and what to pass instead.
 *
 * Codes: `unparsable` (not a YYYY-MM-DD string or `{ year, month, day }` of whole numbers, not a
 * valid `Date`, or an unknown time zone), `impossible` (no such calendar date, e.g. 30 February,
 * month 13, day 0, or a year outside 1-9999), `future` (birth date after today), `too-old`
 * (birth date more than 150 years before today), `unknown-country` (GDPR rule with a country code
 * not in {@link GDPR_DIGITAL_CONSENT_AGE}), `invalid-rule` (malformed {@link GuardianRule}).
 */
export class AgeError extends Error {
  /** Stable reason for the failure, safe to branch on or to log. */
  readonly code: AgeErrorCode;
  override name = 'AgeError';

  constructor(code: AgeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Ages beyond this are almost certainly a typo in the year, so they are rejected rather than trusted. */
const MAX_AGE_YEARS = 150;

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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
}

function formatDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function dayNumber({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isDateInstance(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Validates a birth date (or any calendar date) up front so a typo fails with a fixable message
 * instead of silently becoming a different day.
 *
 * @param label how the date is named in error messages.
 * @default label 'Date'
 */
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

/**
 * Gives "today" as the person in front of the form sees it, because their age changes at their
 * midnight, not the server's or UTC's.
 *
 * @param timeZone an IANA zone name such as 'Europe/Berlin'.
 * @default timeZone the runtime's local time zone
 */
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

/**
 * Age of digital consent under GDPR Art. 8(1) by ISO 3166-1 alpha-2 code, for the 27 EU member
 * states and the EEA states IS, LI and NO (Greece is `GR`; the EU's `EL` is accepted by the rules).
 *
 * Applies where consent is the legal basis for an information society service offered directly to
 * a child; below the age, a holder of parental responsibility must give or authorise consent.
 * Verify against current national law before relying on it: states can and do change these ages.
 */
export const GDPR_DIGITAL_CONSENT_AGE: Readonly<Record<string, number>> = Object.freeze({
  // Baseline for the EU-27 except SI: European Commission, Staff Working Document SWD(2020) 115
  // final (24 June 2020, accompanying the two-year GDPR evaluation), p. 17 — the list the issue
  // quotes — cross-checked against Bird & Bird's "GDPR Tracker: Children online" (reviews dated
  // 2018-2019), DataGuidance "EU: Age of consent for children", and the national acts named below.
  // Entries marked CHANGED differ from the list because the law changed after 2020.
  AT: 14, // Datenschutzgesetz (DSG) § 4(4). Bird & Bird tracker (reviewed 05.06.2018); DataGuidance.
  BE: 13, // Act of 30 July 2018 on data protection, Art. 7. Bird & Bird tracker (08.10.2018).
  BG: 14, // Personal Data Protection Act Art. 25c, as amended SG 17/2019 (in force 2 March 2019). GDPRhub "Data Protection in Bulgaria"; Boyanov & Co.
  CY: 14, // Law 125(I)/2018, s. 8 (text on cylaw.org).
  CZ: 15, // Act No. 110/2019 Coll., § 7. Bird & Bird tracker (13.09.2018).
  DE: 16, // No derogation in the BDSG: GDPR default. Bird & Bird tracker (23.05.2018).
  // CHANGED: the issue (and the 2020 Commission list) say 13. Databeskyttelsesloven § 6(2)-(3) was
  // amended from "13 år" to "15 år" with effect from 1 January 2024 (amending act on lovguiden.dk;
  // GAP Solutions note of 7 March 2024; Justice Ministry answer to Folketinget DIU Q216, 14 Oct 2024).
  DK: 15,
  EE: 13, // Personal Data Protection Act (2019) § 8. Commission SWD(2020) 115.
  ES: 14, // Organic Law 3/2018 (LOPDGDD) Art. 7. Bird & Bird tracker (05.03.2019). A bill to raise it to 16 (BOCG 11 April 2025) was not law in the sources found.
  FI: 13, // Data Protection Act 1050/2018 § 5. Bird & Bird tracker (13.11.2018).
  FR: 15, // Loi Informatique et Libertés Art. 45 (ex 7-1). Bird & Bird tracker (11.02.2019).
  GR: 15, // Law 4624/2019 Art. 21 (activeMind.legal; text of the opengov.gr consultation). EU code: EL.
  HR: 16, // Act on the Implementation of the GDPR (OG 42/2018). Commission SWD(2020) 115.
  HU: 16, // No specific provision: GDPR default. Bird & Bird tracker (01.04.2019).
  IE: 16, // Data Protection Act 2018 s. 31. Bird & Bird tracker (07.06.2018).
  IT: 14, // Codice privacy Art. 2-quinquies (D.Lgs. 101/2018). Bird & Bird tracker (25.10.2018).
  LT: 14, // Law on Legal Protection of Personal Data as amended by Law XIII-1426 (in force 16 July 2018). Commission SWD(2020) 115; EU-REP.Global summary.
  LU: 16, // Law of 1 August 2018 keeps the GDPR default. Commission SWD(2020) 115.
  LV: 13, // Personal Data Processing Law § 33. Commission SWD(2020) 115.
  MT: 13, // Commission SWD(2020) 115.
  NL: 16, // UAVG Art. 5. Bird & Bird tracker (17.09.2018).
  PL: 16, // No derogation: GDPR default. Bird & Bird tracker (07.09.2018); UODO guidance ("under the age of 16").
  PT: 13, // Law 58/2019 Art. 16. Commission SWD(2020) 115.
  RO: 16, // Law 190/2018 keeps the GDPR default. Commission SWD(2020) 115.
  SE: 13, // Lag (2018:218) 2 kap. 4 §. Bird & Bird tracker (06.09.2018).
  // Not in the list (Slovenia had no implementing act until 2023): ZVOP-2 (Uradni list RS
  // 163/2022), in force 26 January 2023, sets 15. Karanović & Partners; Jadek & Pensa; SN-P.
  SI: 15,
  SK: 16, // Act No. 18/2018 § 15. Bird & Bird tracker (13.09.2018).
  // EEA (GDPR applies via the EEA Agreement since 20 July 2018).
  IS: 13, // Act No. 90/2018 on Data Protection (Clym and White & Case summaries).
  LI: 16, // Datenschutzgesetz 2018 (in force 1 Jan 2019) uses no lower age: GDPR default. Weakest-sourced entry (a thesis on Liechtenstein law; a secondary summary).
  NO: 13, // Personopplysningsloven (2018) § 5. A 2025 consultation proposes 15; not law in the sources found (Advokatforeningen hearing response, Oct 2025).
});

const COUNTRY_NAMES: Readonly<Record<string, string>> = Object.freeze({
  AT: 'Austria',
  BE: 'Belgium',
  BG: 'Bulgaria',
  CY: 'Cyprus',
  CZ: 'Czechia',
  DE: 'Germany',
  DK: 'Denmark',
  EE: 'Estonia',
  ES: 'Spain',
  FI: 'Finland',
  FR: 'France',
  GR: 'Greece',
  HR: 'Croatia',
  HU: 'Hungary',
  IE: 'Ireland',
  IT: 'Italy',
  LT: 'Lithuania',
  LU: 'Luxembourg',
  LV: 'Latvia',
  MT: 'Malta',
  NL: 'Netherlands',
  PL: 'Poland',
  PT: 'Portugal',
  RO: 'Romania',
  SE: 'Sweden',
  SI: 'Slovenia',
  SK: 'Slovakia',
  IS: 'Iceland',
  LI: 'Liechtenstein',
  NO: 'Norway',
});

/**
 * Which age threshold applies, named by where it comes from so receipts can say why a guardian was asked for.
 *
 * `agreement`: the agreement's own rule, under 18. `coppa`: US COPPA, under 13. `gdpr`: GDPR Art. 8
 * age of digital consent for `country` (ISO 3166-1 alpha-2, case-insensitive; `EL` = Greece).
 * `custom`: any other whole-number threshold (1-150); `label` names it in `reason` as the subject of a
 * sentence, e.g. 'the club agreement' ("Under 21: the club agreement requires a legal guardian…").
 */
export type GuardianRule =
  | { kind: 'agreement' }
  | { kind: 'coppa' }
  | { kind: 'gdpr'; country: string }
  | { kind: 'custom'; minimumAge: number; label?: string };

/** Everything a consent receipt needs to justify asking (or not asking) for a guardian, without the birth date. */
export interface GuardianDecision {
  /** True when the person is younger than `minimumAge`. */
  required: boolean;
  minimumAge: number;
  age: Age;
  rule: GuardianRule;
  /** See {@link ageBracketOf}. */
  ageBracket: string;
  /** One sentence for the person, saying which rule applied and what it means for them. */
  reason: string;
}

function resolveGdprCountry(country: unknown): string {
  const known = Object.keys(GDPR_DIGITAL_CONSENT_AGE).join(', ');
  const fix = `Pass an ISO 3166-1 alpha-2 code of an EU or EEA state (${known}; EL is accepted for Greece), or, for another country, a rule { kind: 'custom', minimumAge, label }.`;
  if (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country)) {
    throw new AgeError(
      'unknown-country',
      `GDPR country ${describeValue(country)} is not a two-letter country code. ${fix}`,
    );
  }
  const upper = country.toUpperCase();
  const code = upper === 'EL' ? 'GR' : upper;
  if (!Object.hasOwn(GDPR_DIGITAL_CONSENT_AGE, code)) {
    throw new AgeError(
      'unknown-country',
      `GDPR country "${country}" has no known age of digital consent: it is not an EU or EEA state in this table. ${fix}`,
    );
  }
  return code;
}

function invalidRule(rule: unknown, why: string): AgeError {
  return new AgeError(
    'invalid-rule',
    `Guardian rule ${describeValue(rule)} is invalid: ${why}. Pass { kind: 'agreement' }, { kind: 'coppa' }, { kind: 'gdpr', country: 'DE' } or { kind: 'custom', minimumAge: 16, label: 'the club agreement' }.`,
  );
}

/** Resolves a rule to its threshold on its own, so a form can say "you must be N" before asking for a birth date. */
export function minimumAgeFor(rule: GuardianRule): number {
  if (typeof rule !== 'object' || rule === null) throw invalidRule(rule, 'it is not an object');
  const kind: unknown = rule.kind;
  switch (kind) {
    case 'agreement':
      return 18;
    case 'coppa':
      return 13;
    case 'gdpr': {
      const code = resolveGdprCountry((rule as { country?: unknown }).country);
      return GDPR_DIGITAL_CONSENT_AGE[code] as number;
    }
    case 'custom': {
      const { minimumAge, label } = rule as { minimumAge?: unknown; label?: unknown };
      if (
        typeof minimumAge !== 'number' ||
        !Number.isInteger(minimumAge) ||
        minimumAge < 1 ||
        minimumAge > MAX_AGE_YEARS
      ) {
        throw invalidRule(rule, `minimumAge must be a whole number from 1 to ${MAX_AGE_YEARS}`);
      }
      if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) {
        throw invalidRule(rule, 'label, when given, must be a non-empty string');
      }
      return minimumAge;
    }
    default:
      throw invalidRule(rule, `kind must be 'agreement', 'coppa', 'gdpr' or 'custom'`);
  }
}

/**
 * The brackets {@link ageBracketOf} returns. Their edges are every built-in threshold (13 for COPPA;
 * 13, 14, 15 and 16 for GDPR; 18 for the agreement), so a bracket alone shows which side of any
 * built-in rule a person was on. A custom threshold that is not one of those edges is not resolved
 * by the bracket: rely on `GuardianDecision.required` for it.
 */
export const AGE_BRACKETS = ['under-13', '13', '14', '15', '16-17', '18-plus'] as const;

/** One of {@link AGE_BRACKETS}. */
export type AgeBracket = (typeof AGE_BRACKETS)[number];

/** Coarsens an age for receipts so they record which rules were met without revealing the birth date. */
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

function reasonFor(rule: GuardianRule, minimumAge: number, required: boolean): string {
  const side = required ? `Under ${minimumAge}` : `${minimumAge} or older`;
  switch (rule.kind) {
    case 'agreement':
      return required
        ? `${side}: the agreement requires a legal guardian to read it with you.`
        : `${side}: the agreement does not require a legal guardian.`;
    case 'coppa':
      return required
        ? `${side}: under COPPA, a parent or legal guardian must give consent for you.`
        : `${side}: COPPA does not require a parent or legal guardian to give consent for you.`;
    case 'gdpr': {
      const code = resolveGdprCountry(rule.country);
      const where = `${side} in ${COUNTRY_NAMES[code] ?? code} (${code})`;
      return required
        ? `${where}: under GDPR Article 8, a parent or legal guardian must give or approve consent for you.`
        : `${where}: under GDPR Article 8, you can give consent yourself.`;
    }
    case 'custom': {
      const name = rule.label ?? 'this rule';
      return required
        ? `${side}: ${name} requires a legal guardian to read it with you.`
        : `${side}: ${name} does not require a legal guardian.`;
    }
  }
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
  const minimumAge = minimumAgeFor(rule);
  const age = ageOn(birthDate, today);
  const required = age.years < minimumAge;
  return {
    required,
    minimumAge,
    age,
    rule: { ...rule },
    ageBracket: ageBracketOf(age),
    reason: reasonFor(rule, minimumAge, required),
  };
}
