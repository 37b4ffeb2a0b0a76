/** The one error type of the age module, and how bad values are shown in its messages. */

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
export const MAX_AGE_YEARS = 150;

/** Shows a bad value in an error message as the caller wrote it, as far as JSON can. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
