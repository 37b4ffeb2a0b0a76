/**
 * Bounded request bodies: every body is read, parsed and walked within fixed limits, so a hostile
 * request gets a clear 4xx quickly and never blocks the others.
 */

import { LISTS_OF_IDS, RECEIPT_BOUNDS, textFault } from '../core/receipt/bounds';

/** The limits on a request body. Documented defaults fit a consent receipt with several documents. */
export interface RequestLimits {
  /** Largest body, in bytes. @default 65536 */
  maxBodyBytes: number;
  /** Deepest nesting of objects and arrays. @default 12 */
  maxDepth: number;
  /** Longest string (names, labels, ids), in UTF-16 code units. @default 2000 */
  maxStringLength: number;
  /** Longest array. @default 200 */
  maxArrayLength: number;
  /**
   * Longest list of ids a reading records (`keyClausesSeen`, `changesSeen`): one per key clause
   * or changed passage of the version read, so it grows with the agreement, not with the request.
   * `createClickwrapHandler` raises it (and `maxBodyBytes` by the bytes of those lists) to the
   * most a document its catalog serves can have, unless its `limits` set them.
   * @default maxArrayLength
   */
  maxListedIds?: number;
  /** Most keys in one object. @default 64 */
  maxObjectKeys: number;
  /** Most problems listed in a 422 (the rest are counted). @default 20 */
  maxProblems: number;
}

/**
 * The default {@link RequestLimits}. The string, array and body bounds are the ones the client
 * records receipts within (core's RECEIPT_BOUNDS): useClickwrap cuts measured texts to them and
 * warns in development about any other field over them, so a consent collected fits by default.
 */
export const DEFAULT_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxBodyBytes: RECEIPT_BOUNDS.maxBodyBytes,
  maxDepth: 12,
  maxStringLength: RECEIPT_BOUNDS.maxStringLength,
  maxArrayLength: RECEIPT_BOUNDS.maxArrayLength,
  maxObjectKeys: 64,
  maxProblems: 20,
});

/** Why a body was refused: the HTTP status, a stable code and a message that says what to do. */
export interface BodyRefusal {
  /** 400, 413 or 415. */
  status: number;
  /** Stable, safe to branch on. */
  error:
    | 'unsupported-media-type'
    | 'body-too-large'
    | 'invalid-json'
    | 'too-deep'
    | 'too-long'
    | 'too-many-items'
    | 'number-out-of-range'
    | 'invalid-text';
  /** What is wrong and what to send instead. */
  message: string;
}

/** A body read and parsed within the limits, or why not. */
export type BodyResult = { ok: true; value: unknown } | ({ ok: false } & BodyRefusal);

// Stateless between calls (no `stream`), so one serves every request.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Reads `request`'s JSON body: checks the content type, the size (while reading), then the shape's bounds. */
export async function readJsonBody(request: Request, limits: RequestLimits): Promise<BodyResult> {
  const type = request.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type.trim())) {
    return {
      ok: false,
      status: 415,
      error: 'unsupported-media-type',
      message: `Send JSON with "content-type: application/json" (got ${JSON.stringify(type || 'none')}).`,
    };
  }
  const tooLarge = (): BodyResult => ({
    ok: false,
    status: 413,
    error: 'body-too-large',
    message: `The body is over ${limits.maxBodyBytes} bytes.`,
  });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return tooLarge();
  let bytes: Uint8Array;
  if (Number.isFinite(declared) && request.headers.has('content-length')) {
    // A declared length within the limit: one read (the runtime enforces the length it declared).
    bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limits.maxBodyBytes) return tooLarge();
  } else {
    const read = await readCapped(request, limits.maxBodyBytes);
    if (!read) return tooLarge();
    bytes = read;
  }
  let value: unknown;
  let text: string;
  try {
    text = UTF8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: 'invalid-json', message: 'The body is not UTF-8 JSON.' };
  }
  // A NUL or a lone surrogate can reach a parsed string only through a `\u` escape: a raw NUL is
  // not JSON, and the fatal UTF-8 decoding gives well-formed UTF-16 (it refuses an encoded
  // surrogate). A body with no `\u` at all has no string to scan for them.
  const refusal = checkBounds(value, limits, text.includes('\\u'));
  return refusal ? { ok: false, ...refusal } : { ok: true, value };
}

/** The body read in chunks, or null as soon as it passes `max` bytes (then the rest is not read). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Why `text` is not text that can be stored and shown as sent, or null: a NUL (U+0000), which
 * PostgreSQL cannot store in text, or a lone surrogate (an escape like `\ud800` alone), which is
 * no character at all. Refused on every store alike, rather than stored here and failing there.
 * Core's `textFault` finds it, so a client's receipt maker knows what is refused here.
 */
function textProblem(text: string): string | null {
  const fault = textFault(text);
  if (fault?.kind === 'nul')
    return `holds a NUL character (U+0000, at position ${fault.index}), which cannot be stored: remove it and send the text without it.`;
  if (fault)
    return `holds a lone surrogate (\\u${fault.unit.toString(16)} at position ${fault.index}), which is not a character: send well-formed Unicode (a character outside the BMP as the character itself, or as both of its \\u escapes together).`;
  return null;
}

/** A reading's list of ids (core's LISTS_OF_IDS), bounded by `maxListedIds`. */
const isListOfIds = (key: string | number) => typeof key === 'string' && LISTS_OF_IDS.has(key);

/**
 * The first bound `value` breaks, or null. Iterative, so depth itself cannot overflow the stack.
 * `scanText: false` leaves out the scan of each string and key for what is not text
 * (`textProblem`), for a value parsed from JSON text that holds no `\u` escape (none can be there).
 */
export function checkBounds(value: unknown, limits: RequestLimits, scanText = true): BodyRefusal | null {
  // An object or array being walked, and the next of its items to visit (the last first; each
  // container's items before the next item of its parent's: the order a stack of every item
  // would give, with no record made per string or number). The dotted path of a value is
  // spelled out only for a refusal, from its key and its containers'.
  interface Frame {
    value: unknown[] | Record<string, unknown>;
    keys: string[] | null;
    next: number;
    depth: number;
    parent: Frame | null;
    key: string | number;
  }
  const step = (key: string | number) => (typeof key === 'number' ? `[${key}]` : `.${key}`);
  const pathOf = (parent: Frame | null, key: string | number): string => {
    if (!parent) return '$';
    const parts: string[] = [step(key)];
    for (let at: Frame | null = parent; at?.parent; at = at.parent) parts.push(step(at.key));
    return `$${parts.reverse().join('')}`;
  };
  const frames: Frame[] = [];
  // Checks the value at `key` of `parent` (the body itself for null); a container, once its own
  // bounds hold, is walked after.
  const visit = (
    v: unknown,
    depth: number,
    parent: Frame | null,
    key: string | number,
  ): BodyRefusal | null => {
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) {
        return {
          status: 413,
          error: 'too-long',
          message: `${pathOf(parent, key)} is ${v.length} characters long; at most ${limits.maxStringLength} are accepted.`,
        };
      }
      const problem = scanText ? textProblem(v) : null;
      if (problem)
        return { status: 400, error: 'invalid-text', message: `${pathOf(parent, key)} ${problem}` };
      return null;
    }
    if (typeof v === 'number') {
      // JSON.parse reads 1e400 as Infinity, which no JSON writer (the canonical JSON a
      // countersignature covers included) can write back: refused here, as any bound.
      if (!Number.isFinite(v)) {
        return {
          status: 400,
          error: 'number-out-of-range',
          message: `${pathOf(parent, key)} is a number too large to be represented (it reads as ${v}). Send numbers between -1.7976931348623157e308 and 1.7976931348623157e308.`,
        };
      }
      return null;
    }
    if (typeof v !== 'object' || v === null) return null;
    if (depth >= limits.maxDepth) {
      return {
        status: 400,
        error: 'too-deep',
        message: `${pathOf(parent, key)} is nested deeper than ${limits.maxDepth} levels.`,
      };
    }
    if (Array.isArray(v)) {
      const most = isListOfIds(key) ? (limits.maxListedIds ?? limits.maxArrayLength) : limits.maxArrayLength;
      if (v.length > most) {
        return {
          status: 413,
          error: 'too-many-items',
          message: `${pathOf(parent, key)} has ${v.length} items; at most ${most} are accepted.`,
        };
      }
      frames.push({ value: v as unknown[], keys: null, next: v.length - 1, depth, parent, key });
      return null;
    }
    const keys = Object.keys(v);
    if (keys.length > limits.maxObjectKeys) {
      return {
        status: 413,
        error: 'too-many-items',
        message: `${pathOf(parent, key)} has ${keys.length} keys; at most ${limits.maxObjectKeys} are accepted.`,
      };
    }
    for (const name of keys) {
      if (name.length > limits.maxStringLength) {
        return {
          status: 413,
          error: 'too-long',
          message: `A key of ${pathOf(parent, key)} is ${name.length} characters long.`,
        };
      }
      const problem = scanText ? textProblem(name) : null;
      if (problem)
        return { status: 400, error: 'invalid-text', message: `A key of ${pathOf(parent, key)} ${problem}` };
    }
    frames.push({ value: v as Record<string, unknown>, keys, next: keys.length - 1, depth, parent, key });
    return null;
  };
  let refusal = visit(value, 0, null, '');
  while (refusal === null && frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < 0) {
      frames.pop();
      continue;
    }
    const i = frame.next--;
    if (frame.keys) {
      const name = frame.keys[i]!;
      refusal = visit((frame.value as Record<string, unknown>)[name], frame.depth + 1, frame, name);
    } else {
      refusal = visit((frame.value as unknown[])[i], frame.depth + 1, frame, i);
    }
  }
  return refusal;
}
