/**
 * RFC 3339 date-times, as receipts store them. Internal to the core (receipts and the Kantara
 * export); not part of the package's API.
 */

// The shape accepted, as a pattern (what the hand-written reader below reads, character for
// character): /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The value of the ASCII digit at `i` of `s`, or -1 for anything else (or past its end). */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The number written by the `n` ASCII digits at `i` of `s`, or -1 when one of them is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days from 1970-01-01 to `year`-`month`-`day` in the proleptic Gregorian calendar (any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Milliseconds since the epoch of an RFC 3339 date-time (JSON Schema's `date-time`: seconds
 * required, a `Z` or `±hh:mm` offset required), or null. Checked by hand rather than trusting
 * `Date.parse`, which accepts many other shapes and rolls 30 February over into March.
 * Read character by character, with no match array, strings or `Date.parse` (a server checks
 * several per receipt): the same instants as `Date.parse` of the ECMAScript date-time string
 * with the fraction cut to milliseconds (the tests hold the two together).
 * Internal to the core (also used by the Kantara export); not part of the package's API.
 */
export function parseDateTime(value: string): number | null {
  const n = value.length;
  if (n < 20) return null;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    (value.charCodeAt(10) | 32) !== 116 || // T or t
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58
  )
    return null;
  let i = 19;
  let ms = 0;
  if (value.charCodeAt(i) === 46) {
    // .digits: the first three are the milliseconds (cut, not rounded), the rest only checked.
    i++;
    const from = i;
    while (digit(value, i) >= 0) {
      if (i - from < 3) ms = ms * 10 + digit(value, i);
      i++;
    }
    if (i === from) return null;
    for (let k = Math.min(i - from, 3); k < 3; k++) ms *= 10;
  }
  let offsetMinutes = 0;
  const zone = value.charCodeAt(i);
  if ((zone | 32) === 122) {
    // Z or z
    if (i + 1 !== n) return null;
  } else if (zone === 43 || zone === 45) {
    // ±hh:mm
    const oh = digits(value, i + 1, 2);
    const om = digits(value, i + 4, 2);
    if (oh < 0 || om < 0 || value.charCodeAt(i + 3) !== 58 || i + 6 !== n) return null;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone === 43 ? 1 : -1) * (oh * 60 + om);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    ms
  );
}

/** A UTC ISO string for a valid `Date` or date-time string, or the input itself for the checks to report. */
export function normalizeDate(value: unknown): unknown {
  let time: number | null = null;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string') time = parseDateTime(value);
  if (time === null || !Number.isFinite(time)) return value;
  const iso = new Date(time).toISOString();
  // Years outside 0000–9999 turn into ±YYYYYY, which is not an RFC 3339 date-time.
  return parseDateTime(iso) === null ? value : iso;
}
