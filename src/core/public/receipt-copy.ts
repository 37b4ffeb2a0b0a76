// The core's public functions of a receipt kept, and of the copy a person keeps of what they
// agreed to (see ../index.ts for why each is a function of a module of its area, not a
// re-export). Together because the copy is made of the receipt's JSON and its documents: loads
// the receipt's JSON and checksum and the copy, not the receipt maker.

import type { AgreementCopy, AgreementCopyOptions } from '../copy';
import {
  AGREEMENT_COPY_END as AGREEMENT_COPY_END_PART,
  buildAgreementCopy as buildAgreementCopyPart,
} from '../copy';
import {
  receiptDocuments as receiptDocumentsPart,
  receiptIntegrity as receiptIntegrityPart,
  serializeReceipt as serializeReceiptPart,
} from '../receipt/serialize';
import type { ConsentReceipt, ReceiptDocument } from '../types';

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
  return receiptIntegrityPart(receipt);
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
  return serializeReceiptPart(receipt);
}

/**
 * Every document a receipt records, alike: its `agreement` (with `reading` and `replaces`) first,
 * then its `additionalDocuments`. E.g. to find the privacy policy version a person accepted:
 * `receiptDocuments(receipt).find((d) => d.id === 'privacy-policy')?.version`.
 */
export function receiptDocuments(receipt: ConsentReceipt): ReceiptDocument[] {
  return receiptDocumentsPart(receipt);
}

/**
 * The line that ends the document in a copy (an HTML comment, so markdown viewers hide it). The
 * document is everything before the last line that is exactly this: see {@link buildAgreementCopy}.
 */
export const AGREEMENT_COPY_END = AGREEMENT_COPY_END_PART;

/**
 * Builds the copy a person keeps of a document they agreed to: its canonical markdown exactly as
 * hashed, a closing line {@link AGREEMENT_COPY_END}, and the whole receipt as JSON
 * (`serializeReceipt`). The document is any the receipt lists (`receiptDocuments`): its
 * `agreement` (then `verifyReceipt(receipt, text)` holds for the text the copy starts with) or one
 * of its `additionalDocuments`, e.g. a privacy policy accepted in the same flow (then
 * `verifyReceipt(receipt, agreementText, { additionalDocuments: { [id]: text } })` does). Build
 * one copy per document.
 *
 * To get the document back out of a copy:
 * `text.slice(0, text.lastIndexOf('\n' + AGREEMENT_COPY_END + '\n'))` (the receipt's JSON
 * cannot hold a line break, so the last such line is always this one).
 *
 * It checks that the receipt lists a document with this id and version; it does not recompute
 * the hash (that needs Web Crypto, which is asynchronous): use `verifyReceipt` for that.
 * @param agreement The document as shown, e.g. from `parseAgreement` (any line endings: the copy
 *   holds its canonical form).
 * @param receipt The receipt of the consent, from `createReceipt` or `useClickwrap`.
 * @throws ReceiptError (`agreement-id-mismatch`) when the receipt lists no document with this id
 *   (the message names those it lists); (`version-mismatch`) when it records another version of
 *   it; (`invalid-receipt`) when it is not a well-formed receipt; (`empty-agreement`) when the
 *   document has no text.
 */
export function buildAgreementCopy(
  agreement: { id: string; version: string; markdown: string },
  receipt: ConsentReceipt,
  options?: AgreementCopyOptions,
): AgreementCopy {
  return buildAgreementCopyPart(agreement, receipt, options);
}
