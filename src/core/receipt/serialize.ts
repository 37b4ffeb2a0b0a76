/**
 * Integrity, canonical content and field order: how a receipt is written down and sealed.
 */
import { sha256Hex } from '../hash';
import { isObject, show } from '../internal/problems';
import type { ConsentReceipt, ReceiptDocument } from '../types';
import { checkShape, CONTENT, objectWritesAsOrdered, ordered, RECEIPT } from './shape';
import { ReceiptError, type ReceiptProblem } from './types';

/** The exact string `integrity` hashes. */
export function canonicalContent(receipt: unknown): string {
  return JSON.stringify(ordered(receipt, CONTENT));
}

/**
 * `canonicalContent`, the same string, without copying a receipt already in the spec's order (a
 * parsed one, sealed or not): that is written as it is, its trailing `integrity` taken off the
 * end. For the server, which checks every receipt it is sent; apps' bundles leave it out.
 */
export function parsedReceiptContent(receipt: unknown): string {
  if (isObject(receipt)) {
    const keys = Object.keys(receipt);
    const integrity = receipt.integrity;
    const sealed = keys[keys.length - 1] === 'integrity' && typeof integrity === 'string';
    if (objectWritesAsOrdered(receipt, CONTENT, keys, sealed ? 1 : 0)) {
      let text: string | undefined;
      try {
        text = JSON.stringify(receipt);
      } catch {
        // Thrown again below by the copy, as it always was (a cycle's message names its path).
      }
      if (text !== undefined && !sealed) return text;
      const tail = `,"integrity":${JSON.stringify(integrity)}}`;
      if (text?.endsWith(tail)) return `${text.slice(0, -tail.length)}}`;
    }
  }
  return canonicalContent(receipt);
}

// Its documentation is on the public name, in src/core/public/receipt-copy.ts.
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

// Its documentation is on the public name, in src/core/public/receipt-copy.ts.
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

// Its documentation is on the public name, in src/core/public/receipt-copy.ts.
export function receiptDocuments(receipt: ConsentReceipt): ReceiptDocument[] {
  return [
    { ...receipt.agreement, reading: receipt.reading, replaces: receipt.replaces },
    ...receipt.additionalDocuments,
  ];
}
