/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) and the small encodings a JWS needs. Both sides of
 * a signature must serialise the same value to the same bytes, whatever order a database or a
 * client put the keys in; JCS is the published answer to that.
 */
import { nodeBuiltin } from './runtime';

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
  const keys = sortKeys(Object.keys(record));
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

/**
 * `keys` sorted in place by UTF-16 code units, as `Array.prototype.sort()` sorts strings: by
 * insertion for the few keys of a receipt's objects (`sort()` allocates a work array per call,
 * and this runs for every object of every request), by `sort()` for many.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    // `<` and `>` compare strings by UTF-16 code units, as the default sort does.
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
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

/**
 * The first key that `text` (JSON that parses) names twice in one object (which I-JSON, RFC 7493,
 * and so RFC 8785, rule out: readers differ on which one counts), and its path (keys
 * compared as JSON reads them, escapes decoded); null when there is none.
 */
export function repeatedKey(text: string): { key: string; path: string } | null {
  let top = null as Open | null;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // The string's closing quote: the next quote that an even run of backslashes precedes.
      let j = i;
      let escaped: boolean;
      do {
        j = text.indexOf('"', j + 1);
        if (j < 0) return null; // not JSON: nothing to say
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        escaped = (j - 1 - k) % 2 === 1;
      } while (escaped);
      if (expectKey && top?.keys) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        top.at = key;
        if (top.keys.has(key)) return { key, path: pathOf(top) };
        top.keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      // { or [
      top = { keys: c === 0x7b ? new Set() : null, at: c === 0x7b ? '' : 0, parent: top };
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      // } or ]
      top = top?.parent ?? null;
      expectKey = false;
    } else if (c === 0x2c) {
      // ,
      if (top?.keys) expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return null;
}

/** An object or array open around a place in JSON text: its keys so far (null for an array), the key or index being read in it, and the one it is in. */
interface Open {
  keys: Set<string> | null;
  at: string | number;
  parent: Open | null;
}

/** The path of the value being read in `open`: `receipt.optionalConsents[0].granted`. */
function pathOf(open: Open): string {
  const levels: Open[] = [];
  for (let o: Open | null = open; o; o = o.parent) levels.unshift(o);
  return levels.reduce(
    (path, o) => (typeof o.at === 'number' ? `${path}[${o.at}]` : path === '' ? o.at : `${path}.${o.at}`),
    '',
  );
}

// Node's createHash where the runtime has it (several times faster than the JS below); looked
// up on first use, so importing this module needs no Node.
let nodeHash: ((text: string) => string) | null | undefined;

/** SHA-256 of a UTF-8 string, as lowercase hex (synchronous: chain hashing runs inside store transactions). */
export function sha256HexSync(text: string): string {
  if (nodeHash === undefined) {
    const createHash = nodeBuiltin('node:crypto')?.createHash;
    nodeHash = createHash ? (t) => createHash('sha256').update(t, 'utf8').digest('hex') : null;
  }
  return nodeHash ? nodeHash(text) : sha256Hex(new TextEncoder().encode(text));
}

// FIPS 180-4 SHA-256, for runtimes without Node's crypto (Web Crypto's digest is asynchronous).
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 of `bytes` in JavaScript, as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  const length = bytes.length;
  // The message, a 1 bit, zeros, and its length in bits (64-bit big-endian): whole 64-byte blocks.
  const padded = new Uint8Array((((length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0]! += a;
    h[1]! += b;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
    h[5]! += f;
    h[6]! += g;
    h[7]! += hh;
  }
  let hex = '';
  for (const word of h) hex += word.toString(16).padStart(8, '0');
  return hex;
}

// Node's Buffer where there is one (base64url in native code); elsewhere btoa/atob.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** Bytes as unpadded base64url (RFC 7515 §2). */
export function base64url(bytes: Uint8Array | string): string {
  if (NodeBuffer) {
    const buffer = typeof bytes === 'string' ? NodeBuffer.from(bytes, 'utf8') : NodeBuffer.from(bytes);
    return buffer.toString('base64url');
  }
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Unpadded base64url back to bytes; null when `text` is not base64url. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  if (NodeBuffer) return new Uint8Array(NodeBuffer.from(text, 'base64url'));
  // One character past a whole group carries no byte; Buffer ignores it, so here too.
  const whole = text.length % 4 === 1 ? text.slice(0, -1) : text;
  const binary = atob(whole.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
