/**
 * RFC 3339 date-times, as receipts store them. Internal to the core (receipts and the Kantara
 * export); not part of the package's API.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Milliseconds since the epoch of an RFC 3339 date-time (JSON Schema's `date-time`: seconds
 * required, a `Z` or `±hh:mm` offset required), or null. Checked by hand rather than trusting
 * `Date.parse`, which accepts many other shapes and rolls 30 February over into March.
 * Internal to the core (also used by the Kantara export); not part of the package's API.
 */
export function parseDateTime(value: string): number | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', frac = '', z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (!z && (Number(oh) > 23 || Number(om) > 59)) return null;
  const ms = `${frac.slice(1)}000`.slice(0, 3);
  // The ECMAScript date-time string format, whose parsing the language specifies exactly.
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${z ? 'Z' : `${sign}${oh}:${om}`}`);
  return Number.isFinite(t) ? t : null;
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
