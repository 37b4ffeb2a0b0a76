/**
 * A copy of what a person agreed to, for them to keep (download, print, email): one document's
 * canonical markdown (the receipt's agreement, or one of the additional documents agreed in the
 * same flow), exactly as hashed into the receipt, followed by the receipt as JSON.
 *
 * Framework-free and synchronous, so an app can build the same file on its server and attach it
 * to a confirmation email.
 */
import { canonicalizeAgreement } from './canonical';
import { receiptDocuments, serializeReceipt } from './receipt/serialize';
import { ReceiptError } from './receipt/types';
import type { ConsentReceipt } from './types';

/** A file: what to call it, its type, and its text. */
export interface AgreementCopy {
  /** A file name built from the document id, the version and the receipt id, e.g. `instadesk-terms-2024-05-01-<receipt id>.md`. */
  filename: string;
  /** The file's media type: `text/markdown;charset=utf-8`. */
  mimeType: string;
  /**
   * The document's canonical markdown (the exact text whose SHA-256 the receipt records for it:
   * `receipt.agreement.sha256`, or `receipt.additionalDocuments[i].sha256`), then a line
   * {@link AGREEMENT_COPY_END}, then the receipt as `serializeReceipt` writes it, in a fenced
   * `json` block under a heading.
   */
  text: string;
}

/** Options of {@link buildAgreementCopy}. */
export interface AgreementCopyOptions {
  /** The heading above the receipt, in the reader's language (one line). @default 'Consent receipt' */
  receiptHeading?: string;
}

// Its documentation is on the public name, in src/core/public/receipt-copy.ts.
export const AGREEMENT_COPY_END =
  '<!-- react-clickwrap: end of the document. Everything above this line is the exact text whose SHA-256 this receipt records for the document. -->';

/**
 * Characters kept in file names: letters and digits of any script, `.`, `_` and `-` (internal:
 * also used by ConsentSettings' copies).
 */
export function fileNamePart(value: string, fallback: string): string {
  const part = value
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    // No `..` (a path step) and no runs of dashes.
    .replace(/\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return part === '' ? fallback : part;
}

// Its documentation is on the public name, in src/core/public/receipt-copy.ts.
export function buildAgreementCopy(
  agreement: { id: string; version: string; markdown: string },
  receipt: ConsentReceipt,
  options: AgreementCopyOptions = {},
): AgreementCopy {
  if (typeof agreement !== 'object' || agreement === null || typeof agreement.markdown !== 'string') {
    throw new ReceiptError(
      'invalid-argument',
      '',
      'buildAgreementCopy(agreement, receipt) expects the document shown ({ id, version, markdown }, e.g. from parseAgreement) first.',
    );
  }
  // Checks the receipt's shape (and throws `invalid-receipt`) before anything reads it.
  const json = serializeReceipt(receipt);
  const documents = receiptDocuments(receipt);
  const index = documents.findIndex((doc) => doc.id === agreement.id);
  const recorded = documents[index];
  if (recorded === undefined) {
    const ids = documents.map((doc) => JSON.stringify(doc.id)).join(', ');
    throw new ReceiptError(
      'agreement-id-mismatch',
      'agreement.id',
      `buildAgreementCopy: the receipt lists no document ${JSON.stringify(agreement.id)}; it lists ${ids}. Pass a document the person accepted.`,
    );
  }
  if (recorded.version !== agreement.version) {
    throw new ReceiptError(
      'version-mismatch',
      index === 0 ? 'agreement.version' : `additionalDocuments[${index - 1}].version`,
      `buildAgreementCopy: the receipt is for version ${JSON.stringify(recorded.version)} of ${JSON.stringify(agreement.id)}, not ${JSON.stringify(agreement.version)}. Pass the version the person accepted.`,
    );
  }
  const markdown = canonicalizeAgreement(agreement.markdown);
  if (markdown === '') {
    throw new ReceiptError(
      'empty-agreement',
      '',
      `buildAgreementCopy: the document ${JSON.stringify(agreement.id)} has no text; pass the text the person was shown.`,
    );
  }
  const heading =
    (options.receiptHeading ?? 'Consent receipt').replace(/\s+/g, ' ').trim() || 'Consent receipt';
  // A fence longer than any run of backticks in the JSON (a label may contain some).
  const longestRun = Math.max(0, ...(json.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const text =
    `${markdown}\n${AGREEMENT_COPY_END}\n\n---\n\n## ${heading}\n\n` + `${fence}json\n${json}${fence}\n`;
  return {
    filename: `${fileNamePart(agreement.id, 'agreement')}-${fileNamePart(agreement.version, 'version')}-${fileNamePart(receipt.receiptId, 'receipt')}.md`,
    mimeType: 'text/markdown;charset=utf-8',
    text,
  };
}
