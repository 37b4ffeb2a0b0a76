/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) and the small encodings a JWS needs. Both sides of
 * a signature must serialise the same value to the same bytes, whatever order a database or a
 * client put the keys in; JCS is the published answer to that.
 */
import { createHash } from 'node:crypto';

/**
 * The RFC 8785 canonical JSON of `value`: object keys sorted by UTF-16 code units, no whitespace,
 * numbers as ECMAScript writes them, strings escaped as `JSON.stringify` does.
 * @throws TypeError for what JSON cannot carry (undefined, functions, NaN, Infinity, BigInt) and
 *   for cycles, naming the path.
 */
export function canonicalJson(value: unknown): string {
  // The fastest writer is the engine's own JSON.stringify over a copy with its keys in order; the
  // fast writer keeps no paths; anything neither can write is written again by the careful one,
  // which names where (the error path only: a request body never has those).
  try {
    return JSON.stringify(sortedCopy(value, 0));
  } catch (error) {
    if (error !== UNWRITABLE && error !== INDEX_KEY) throw error;
  }
  try {
    return fast(value, 0);
  } catch (error) {
    if (error !== UNWRITABLE) throw error;
  }
  const parts: string[] = [];
  write(value, '$', parts, new Set());
  return parts.join('');
}

const UNWRITABLE = Symbol('unwritable');
// Deeper than any JSON.parse result a request may hold, shallower than a stack overflow; past
// it the careful writer takes over (and finds a cycle if that is what it is).
const FAST_DEPTH = 64;

// An object key the copy cannot hold in RFC 8785 order: one an engine may order by number ("1",
// "10") rather than by code units, or `__proto__`.
const INDEX_KEY = Symbol('index-key');

/**
 * A copy of JSON `value` whose objects have their keys inserted in RFC 8785 order, so that
 * JSON.stringify writes them in that order; it writes strings and numbers as RFC 8785 does.
 * Throws UNWRITABLE for what JSON cannot carry, INDEX_KEY for a key starting with a digit
 * (engines put integer-like keys first, in numeric order) or `__proto__`.
 */
function sortedCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw UNWRITABLE;
      return value;
    case 'object':
      break;
    default:
      throw UNWRITABLE;
  }
  if (value === null) return null;
  if (depth > FAST_DEPTH) throw UNWRITABLE;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === undefined ? null : sortedCopy(item, depth + 1);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const code = key.charCodeAt(0);
    // `out.__proto__ = …` would set the copy's prototype, not a key: the fast writer takes those.
    if ((code >= 48 && code <= 57) || key === '__proto__') throw INDEX_KEY;
    const item = record[key];
    if (item !== undefined) out[key] = sortedCopy(item, depth + 1);
  }
  return out;
}

function fast(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw UNWRITABLE;
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw UNWRITABLE;
  }
  if (value === null) return 'null';
  if (depth > FAST_DEPTH) throw UNWRITABLE;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : fast(item, depth + 1);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is exactly what RFC 8785 asks for.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${fast(item, depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

function write(value: unknown, path: string, out: string[], stack: Set<object>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot carry.`);
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value !== 'object') {
    throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot carry.`);
  }
  if (stack.has(value)) throw new TypeError(`canonicalJson: ${path} refers back to itself (a cycle).`);
  stack.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      write(item === undefined ? null : item, `${path}[${i}]`, out, stack);
    });
    out.push(']');
  } else {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly what RFC 8785 asks for.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(record[key], `${path}.${key}`, out, stack);
    });
    out.push('}');
  }
  stack.delete(value);
}

/** SHA-256 of a UTF-8 string, as lowercase hex (synchronous: chain hashing runs inside store transactions). */
export function sha256HexSync(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Bytes as unpadded base64url (RFC 7515 §2). */
export function base64url(bytes: Uint8Array | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return buffer.toString('base64url');
}

/** Unpadded base64url back to bytes; null when `text` is not base64url. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64url'));
}
