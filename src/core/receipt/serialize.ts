/**
 * Integrity, canonical content and field order: how a receipt is written down and sealed.
 */
import { sha256Hex } from '../hash';
import { isObject, show } from '../internal/problems';
import type { ConsentReceipt, ReceiptDocument } from '../types';
import { checkShape, CONTENT, ordered, RECEIPT } from './shape';
import { ReceiptError, type ReceiptProblem } from './types';

/** The exact string `integrity` hashes. */
export function canonicalContent(receipt: unknown): string {
  return JSON.stringify(ordered(receipt, CONTENT));
}

/**
 * The value of a receipt's `integrity` field: SHA-256 (lowercase hex) of the UTF-8 bytes of the
 * canonical JSON of every other field. Canonical here means: the fields of the receipt schema
 * only, in the schema's order (nested objects likewise), no whitespace, strings escaped as
 * ECMAScript's `JSON.stringify` does (`"` `\` and control characters escaped, `\u00xx` in
 * lowercase hex, lone surrogates as `\udxxx`, everything else literal), whole numbers in decimal.
 * Fields the schema does not define are ignored; `integrity` itself is never included.
 *
 * `integrity` is a checksum that detects accidental changes to a stored receipt. It is **not a
 * signature**: anyone who edits a receipt can recompute it (this function is public for that
 * reason: so can any auditor). A server holds a client to its own texts and policy with
 * `verifyReceipt`, and countersigns what it stored with `react-clickwrap/server`.
 * @throws ReceiptError (`not-an-object`) when `receipt` is not an object.
 */
export function receiptIntegrity(
  receipt: ConsentReceipt | Omit<ConsentReceipt, 'integrity'>,
): Promise<string> {
  if (!isObject(receipt)) {
    return Promise.reject(
      new ReceiptError(
        'not-an-object',
        '',
        `receiptIntegrity expects a receipt object, got ${show(receipt)}.`,
      ),
    );
  }
  return sha256Hex(canonicalContent(receipt));
}

/**
 * A receipt as pretty JSON for storage and review: the schema's fields in the schema's fixed
 * order (whatever order the object's keys are in, e.g. after a round trip through a database),
 * 2-space indent, ending with a newline, so two receipts diff cleanly line by line.
 * It does not check `integrity` or the agreement: use {@link verifyReceipt} for that.
 * @throws ReceiptError (`invalid-receipt`) when `receipt` is not a well-formed receipt: a missing,
 *   ill-typed or unknown field, which this function would otherwise drop or write unchecked.
 */
export function serializeReceipt(receipt: ConsentReceipt): string {
  if (!isObject(receipt)) {
    throw new ReceiptError(
      'invalid-receipt',
      '',
      `serializeReceipt expects a receipt object, got ${show(receipt)}.`,
    );
  }
  const problems: ReceiptProblem[] = [];
  checkShape(receipt, RECEIPT, '', 'verify', problems);
  const [first] = problems;
  if (first) {
    throw new ReceiptError(
      'invalid-receipt',
      first.path,
      `serializeReceipt: not a well-formed receipt. ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more problems, see error.problems)` : ''),
      problems,
    );
  }
  return `${JSON.stringify(ordered(receipt, RECEIPT), null, 2)}\n`;
}

/**
 * Every document a receipt records, alike: its `agreement` (with `reading` and `replaces`) first,
 * then its `additionalDocuments`. E.g. to find the privacy policy version a person accepted:
 * `receiptDocuments(receipt).find((d) => d.id === 'privacy-policy')?.version`.
 */
export function receiptDocuments(receipt: ConsentReceipt): ReceiptDocument[] {
  return [
    { ...receipt.agreement, reading: receipt.reading, replaces: receipt.replaces },
    ...receipt.additionalDocuments,
  ];
}
