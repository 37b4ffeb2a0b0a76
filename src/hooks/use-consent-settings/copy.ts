/**
 * A copy of a version the person accepted. With the receipt, core's `buildAgreementCopy` (the
 * text exactly as hashed, then the receipt). Without it, the text served for that version, checked
 * against the hash the server gives for it, then what the server recorded: the same file shape
 * (text, AGREEMENT_COPY_END, a summary), so the document comes back out the same way.
 */
// From their own modules, not the core's barrel: that reaches the markdown parser and the diff,
// which an app's bundler (esbuild) would then put in a settings page's first load.
import { canonicalizeAgreement } from '../../core/canonical';
import { AGREEMENT_COPY_END, buildAgreementCopy, fileNamePart } from '../../core/copy';
import { hashAgreement } from '../../core/hash';
import { receiptDocuments, serializeReceipt } from '../../core/receipt/serialize';
import type { AgreementCopy, ConsentReceipt } from '../../core/index';
import type { ClickwrapMessages } from '../../messages';
import { ConsentSettingsRequestError } from './requests';
import type { ConsentSettingsDocument, ServedVersion } from './types';

// Letters of every script are kept: an id like `شروط-الخدمة` or `服务条款` names its file.
const part = (value: string) => fileNamePart(value, 'document');

/** Builds the copy of `served` (the version `doc` accepted). */
export async function makeCopy(
  doc: ConsentSettingsDocument,
  served: ServedVersion,
  receipt: ConsentReceipt | null,
  messages: Pick<ClickwrapMessages, 'consentSettings' | 'copyReceipt' | 'copyReceiptHeading'>,
): Promise<AgreementCopy> {
  // Hashed = shown: a copy whose text is not the text hashed would prove nothing. With the
  // receipt, the text must be the one its SHA-256 names (the server's hash for the version could
  // be of an edited text as well).
  // serializeReceipt checks the receipt's shape first (and throws `invalid-receipt`).
  if (receipt) serializeReceipt(receipt);
  const sha256 = await hashAgreement(served.markdown);
  const recorded = receipt
    ? receiptDocuments(receipt).find((d) => d.id === doc.id && d.version === served.version)?.sha256
    : served.sha256;
  if (recorded !== undefined && sha256 !== recorded) {
    throw new ConsentSettingsRequestError(
      200,
      'hash-mismatch',
      receipt
        ? `The text served for ${doc.id} ${served.version} is not the text the receipt's SHA-256 names (${recorded}): no copy was made.`
        : `The text served for ${doc.id} ${served.version} does not match its SHA-256: no copy was made.`,
    );
  }
  // (A receipt that does not list this version is refused by buildAgreementCopy, by name.)
  if (receipt)
    return buildAgreementCopy({ id: doc.id, version: served.version, markdown: served.markdown }, receipt, {
      receiptHeading: messages.copyReceiptHeading,
    });
  const labels = messages.copyReceipt;
  const lines = [
    `- ${labels.agreement}: ${served.title} (${doc.id}), ${served.version}`,
    `- ${labels.sha256}: ${served.sha256}`,
    ...(doc.acceptedAt ? [`- ${labels.acceptedAt}: ${doc.acceptedAt}`] : []),
    ...(doc.acceptedReceiptId ? [`- ${labels.receiptId}: ${doc.acceptedReceiptId}`] : []),
  ];
  return {
    filename: `${part(doc.id)}-${part(served.version)}${doc.acceptedReceiptId ? `-${part(doc.acceptedReceiptId)}` : ''}.md`,
    mimeType: 'text/markdown;charset=utf-8',
    text: `${canonicalizeAgreement(served.markdown)}\n${AGREEMENT_COPY_END}\n\n---\n\n## ${messages.consentSettings.copyHeading}\n\n${lines.join('\n')}\n`,
  };
}
