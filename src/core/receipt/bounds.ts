/**
 * What a receipt must fit to be stored: the bounds react-clickwrap/server puts on every request
 * body by default (`DEFAULT_LIMITS`, which takes them from here). One home for both sides, so
 * the client never records what the default server then refuses: measured texts are cut to fit
 * (./../presentation/fit.ts) and `receiptOverBounds` names any other field that does not fit.
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

/** One place where a receipt does not fit {@link RECEIPT_BOUNDS}. */
export interface OverBounds {
  /** Where, as a dotted path with `[index]` for arrays (`"acknowledgements[0].label"`); `""` for the whole receipt. */
  path: string;
  /** Which bound. */
  bound: 'maxStringLength' | 'maxArrayLength' | 'maxBodyBytes';
  /** The string's length, the array's items or the body's bytes. */
  size: number;
}

/** Every string, array and the whole body of `receipt` (plain JSON) that does not fit the bounds. */
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
