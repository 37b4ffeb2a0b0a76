/**
 * The errors of `toIso27560Record` and the small checks its input checks share.
 */
import { parseDateTime } from '../internal/datetime';

/** What an {@link Iso27560Error} is about; safe to branch on. */
export type Iso27560ErrorCode =
  /** A required option is absent or empty. */
  | 'missing-option'
  /** An option has the wrong type or format, or contradicts the receipt. */
  | 'invalid-option'
  /** The receipt (or decline) lacks a field the record is built from. */
  | 'invalid-receipt'
  /** A withdrawal event is malformed, before the consent, or withdraws what was never granted. */
  | 'invalid-event';

/** One problem found by `toIso27560Record`. */
export interface Iso27560Problem {
  /** What kind of problem; stable, safe to branch on. */
  code: Iso27560ErrorCode;
  /** Where, e.g. `"options.controller.email"` or `"options.events[0].scope"`. */
  path: string;
  /** What is wrong and what to pass instead. */
  message: string;
}

/** Thrown by `toIso27560Record`; lists every problem found, not just the first. */
export class Iso27560Error extends Error {
  override name = 'Iso27560Error';
  /** The first problem's code. */
  readonly code: Iso27560ErrorCode;
  /** The first problem's path. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: readonly Iso27560Problem[];

  constructor(problems: readonly Iso27560Problem[]) {
    const [first] = problems;
    super(
      problems.length === 1
        ? `toIso27560Record: ${first?.message ?? ''}`
        : `toIso27560Record found ${problems.length} problems:${problems.map((p) => `\n- ${p.message}`).join('')}`,
    );
    this.code = first?.code ?? 'invalid-option';
    this.path = first?.path ?? '';
    this.problems = problems;
  }
}

/** A JSON object as parsed, before it is checked. */
export type Json = Record<string, unknown>;
/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string with something visible in it. */
export const isText = (v: unknown): v is string => typeof v === 'string' && /\S/.test(v);
/** An http(s) URL. */
export const isWebUrl = (v: unknown) => typeof v === 'string' && /^https?:\/\/[^\s/?#]+\S*$/i.test(v);
/** An http(s) URL or a URN: what the record may use as an IRI. */
export const isIri = (v: unknown) =>
  isWebUrl(v) || (typeof v === 'string' && /^urn:[a-z0-9][a-z0-9-]*:\S+$/i.test(v));
/** A DPV or DPV-PD term name (the local part after the prefix), e.g. `ServiceProvision`. */
export const isTerm = (v: unknown) => typeof v === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(v);
/** Milliseconds since the epoch, or NaN. */
export const epochMs = (v: unknown) => (typeof v === 'string' ? parseDateTime(v) : null) ?? Number.NaN;

/** The schema.org `PostalAddress` fields a controller's address may have. */
export const ADDRESS_KEYS = [
  'streetAddress',
  'addressLocality',
  'addressRegion',
  'postalCode',
  'addressCountry',
];

/** The value as an error message quotes it, shortened. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string')
    return value === '' ? 'empty' : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return Array.isArray(value)
    ? value.length === 0
      ? 'an empty array'
      : 'an array'
    : typeof value === 'object'
      ? value === null
        ? 'null'
        : 'an object'
      : String(value);
}

/** Collects problems; `need` reports a field when its test fails. */
export class Problems {
  readonly list: Iso27560Problem[] = [];
  add(code: Iso27560ErrorCode, path: string, message: string) {
    this.list.push({ code, path, message });
  }
  need(
    ok: boolean,
    value: unknown,
    path: string,
    expect: string,
    kind: 'option' | 'receipt' | 'event' = 'option',
  ) {
    if (ok) return;
    const code =
      kind === 'receipt'
        ? 'invalid-receipt'
        : kind === 'event'
          ? 'invalid-event'
          : value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
            ? 'missing-option'
            : 'invalid-option';
    this.add(code, path, `${path} is ${show(value)}; pass ${expect}.`);
  }
}
