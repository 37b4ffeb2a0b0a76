/**
 * Small helpers every core check shares: what counts as a JSON object or as text, and how a
 * value is shown in an error message. Internal to the core; not part of the package's API.
 */
import { describe } from '../canonical';

/** A plain JSON object, as the checks see one. */
export type Json = Record<string, unknown>;

/** Whether `value` is a plain object (not an array, a Date, null…). */
export function isObject(value: unknown): value is Json {
  return Object.prototype.toString.call(value) === '[object Object]';
}

/**
 * Whether `value` is a string with at least one non-space character. A first character from `!`
 * to U+009F is none of `\s`'s spaces, which settles it for nearly every string at once (a server
 * asks this of every id and text of every receipt); any other string goes through the pattern.
 */
export const isText = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  const first = v.charCodeAt(0);
  return (first > 32 && first < 0xa0) || /\S/.test(v);
};

/** A dotted path to `key` inside `path` (`""` is the root). */
export const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A value as it should appear in a message: strings quoted and shortened. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return `the string ${quoted}`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (value === undefined) return 'undefined';
  return describe(value);
}
