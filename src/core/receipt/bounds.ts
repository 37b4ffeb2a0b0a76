/**
 * What a receipt must fit to be stored: the bounds react-clickwrap/server puts on every request
 * body by default (`DEFAULT_LIMITS`, which takes them from here). One home for both sides, so
 * the client never records what the default server then refuses: measured texts are cut to fit
 * (./../presentation/fit.ts) and `receiptOverBounds` names any other field that does not fit.
 * What the server refuses as text (`textFault`) is defined here too, for the same reason.
 */

/** The default bounds of a request body that a receipt must fit. */
export const RECEIPT_BOUNDS = Object.freeze({
  /** Longest string, in UTF-16 code units (what `String.prototype.length` counts). */
  maxStringLength: 2000,
  /** Longest array. */
  maxArrayLength: 200,
  /** Largest body, in UTF-8 bytes of its JSON. */
  maxBodyBytes: 64 * 1024,
});

/**
 * The lists of ids a reading records, one per key clause seen or changed passage read: bounded
 * by the agreement served, not by {@link RECEIPT_BOUNDS}. The server raises its bounds for them
 * to the most the documents it serves can have (react-clickwrap/server's `maxListedIds`), so
 * `receiptOverBounds` leaves them, and their bytes, out.
 */
export const LISTS_OF_IDS: ReadonlySet<string> = new Set(['keyClausesSeen', 'changesSeen']);

/**
 * What the server refuses in a string as text: a NUL, or a surrogate without its other half
 * (`\ud800` alone is JSON, but not Unicode text). Global, for `replace` and `search` (which
 * keep no state); measured texts record U+FFFD for each (./../presentation/fit.ts).
 */
// eslint-disable-next-line no-control-regex -- a NUL is one of the things it finds
export const NOT_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Why the default server refuses a string as text: what is there, and where. */
export interface TextFault {
  /** A NUL (U+0000), or a surrogate without its other half. */
  kind: 'nul' | 'lone-surrogate';
  /** Its position, in UTF-16 code units. */
  index: number;
  /** The code unit. */
  unit: number;
}

/**
 * Why `text` is not text that can be stored and shown as sent, or null: a NUL (U+0000), which
 * PostgreSQL cannot store in text, or a lone surrogate (an escape like `\ud800` alone), which is
 * no character at all. react-clickwrap/server refuses either in any string (400 `invalid-text`).
 */
export function textFault(text: string): TextFault | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { kind: 'nul', index: nul, unit: 0 };
  // With no NUL, the first thing NOT_TEXT finds is a lone surrogate.
  const lone = text.search(NOT_TEXT);
  return lone >= 0 ? { kind: 'lone-surrogate', index: lone, unit: text.charCodeAt(lone) } : null;
}

/** One place where a receipt does not fit {@link RECEIPT_BOUNDS}, or holds what is not text. */
export type OverBounds =
  | {
      /** Where, as a dotted path with `[index]` for arrays (`"acknowledgements[0].label"`); `""` for the whole receipt. */
      path: string;
      /** Which bound. */
      bound: 'maxStringLength' | 'maxArrayLength' | 'maxBodyBytes';
      /** The string's length, the array's items or the body's bytes. */
      size: number;
    }
  | {
      /** Where, as above. */
      path: string;
      /** A string holding what the server refuses as text ({@link textFault}). */
      bound: 'text';
      /** What, and where in the string. */
      fault: TextFault;
    };

/**
 * Every string, array and the whole body of `receipt` (plain JSON) that does not fit the bounds,
 * and every string holding a NUL or a lone surrogate.
 */
export function receiptOverBounds(
  receipt: unknown,
  bounds: Readonly<typeof RECEIPT_BOUNDS> = RECEIPT_BOUNDS,
): OverBounds[] {
  const out: OverBounds[] = [];
  const encoder = new TextEncoder();
  let listedBytes = 0;
  const walk = (value: unknown, path: string, key: string): void => {
    if (typeof value === 'string') {
      if (value.length > bounds.maxStringLength)
        out.push({ path, bound: 'maxStringLength', size: value.length });
      const fault = textFault(value);
      if (fault) out.push({ path, bound: 'text', fault });
    } else if (Array.isArray(value)) {
      if (LISTS_OF_IDS.has(key)) listedBytes += encoder.encode(JSON.stringify(value)).byteLength;
      else if (value.length > bounds.maxArrayLength)
        out.push({ path, bound: 'maxArrayLength', size: value.length });
      value.forEach((item, i) => walk(item, `${path}[${i}]`, ''));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, item] of Object.entries(value)) walk(item, path ? `${path}.${k}` : k, k);
    }
  };
  walk(receipt, '', '');
  // The lists of ids are left out: the server's body bound grows by what they can take.
  const bytes = encoder.encode(JSON.stringify(receipt)).byteLength - listedBytes;
  if (bytes > bounds.maxBodyBytes) out.push({ path: '', bound: 'maxBodyBytes', size: bytes });
  return out;
}
