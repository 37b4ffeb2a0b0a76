/**
 * The receipt's `summaries` block: which plain-language summaries were shown with a document,
 * made by `createReceipt` and checked by `verifyReceipt` against the document's own source.
 */
import { AgreementError } from '../agreement/errors';
import { splitSummaries } from '../agreement/summaries-split';
import { receiptSummaries, type SummaryVariant } from '../agreement/summaries-shown';
import { canonicalizeAgreement } from '../canonical';
import { SHA256 } from '../internal/ids';
import { isObject, show, type Json } from '../internal/problems';
import type { KeyClause, ReceiptSummaries } from '../types';
import type { ReceiptProblem } from './types';

/**
 * Whether a source may hold a summaries section. Most do not, and then nothing is canonicalised
 * twice (a U+FEFF, which canonicalisation removes, could hide the heading from this test).
 */
function mayHaveSummaries(markdown: string): boolean {
  return /plain-language summaries/i.test(markdown) || markdown.includes('\uFEFF');
}

/** The text of a document as shown and hashed: its source without a summaries section. */
export function shownBody(markdown: string): string {
  return mayHaveSummaries(markdown) ? splitSummaries(canonicalizeAgreement(markdown)).body : markdown;
}

/** Minors are shown the minors' variants: the same rule the components follow (the guardian rule applied). */
export function variantFor(minor: unknown): SummaryVariant {
  return isObject(minor) ? 'minor' : 'adult';
}

/**
 * The clauses with their summaries: the ones given (a parsed `Agreement`'s), else those of the
 * source's summaries section, parsed. Null when the source cannot be parsed. The parser is
 * loaded only for a raw source that has a summaries section, so the hooks, which always pass a
 * parsed agreement, do not ship the markdown parser.
 */
async function clausesOf(doc: Json): Promise<readonly Pick<KeyClause, 'id' | 'summary'>[] | null> {
  if (Array.isArray(doc.keyClauses)) return doc.keyClauses as KeyClause[];
  if (
    typeof doc.markdown !== 'string' ||
    !mayHaveSummaries(doc.markdown) ||
    splitSummaries(canonicalizeAgreement(doc.markdown)).section === null
  ) {
    return [];
  }
  const { parseAgreementText: parseAgreement } = await import('../agreement/parse');
  return parseAgreement({
    id: typeof doc.id === 'string' && doc.id !== '' ? doc.id : 'document',
    version: typeof doc.version === 'string' && doc.version !== '' ? doc.version : '0',
    markdown: doc.markdown,
  }).keyClauses;
}

/** `createReceipt`: the summaries block of a shown document, or undefined when it has none. */
export async function summariesOf(doc: Json, minor: unknown): Promise<ReceiptSummaries | undefined> {
  const clauses = (await clausesOf(doc)) ?? [];
  return (await receiptSummaries(clauses, variantFor(minor))) ?? undefined;
}

/** The variant recorded must be the one the receipt's `minor` calls for. */
export function checkSummariesVariant(receipt: Json, problems: ReceiptProblem[]): void {
  const documents = [
    ['agreement', receipt.agreement],
    ...(Array.isArray(receipt.additionalDocuments) ? receipt.additionalDocuments : []).map(
      (doc: unknown, i: number) => [`additionalDocuments[${i}]`, doc],
    ),
  ] as [string, unknown][];
  const expected = variantFor(receipt.minor);
  for (const [path, doc] of documents) {
    if (!isObject(doc) || !isObject(doc.summaries)) continue;
    const variant = doc.summaries.variant;
    if ((variant === 'adult' || variant === 'minor') && variant !== expected) {
      problems.push({
        code: 'summaries-inconsistent',
        path: `${path}.summaries.variant`,
        message: `${path}.summaries.variant is ${show(variant)} but the receipt ${expected === 'minor' ? 'records a minor' : 'records no minor'}: minors are shown the minors' variants ("minor"), everyone else the general summaries ("adult").`,
      });
    }
  }
}

/**
 * `verifyReceipt`: the summaries recorded for a document against its source as served: the
 * hash of the summaries shown, or a summaries block where the source has none (or the reverse).
 */
export async function checkSummariesAgainst(
  doc: Json,
  path: string,
  markdown: string,
  problems: ReceiptProblem[],
): Promise<void> {
  let clauses: readonly Pick<KeyClause, 'id' | 'summary'>[] | null;
  try {
    clauses = await clausesOf({ id: doc.id, version: doc.version, markdown });
  } catch (error) {
    if (!(error instanceof AgreementError)) throw error;
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: `The text you passed for ${path} cannot be parsed, so its plain-language summaries are unchecked: ${error.message}`,
    });
    return;
  }
  await checkSummariesOf(doc, path, clauses ?? [], problems);
}

/**
 * `verifyReceipt`: the summaries recorded for a document against the served version's key
 * clauses (e.g. a server's parsed copy, passed with its precomputed hash).
 */
export async function checkSummariesOf(
  doc: Json,
  path: string,
  clauses: readonly Pick<KeyClause, 'id' | 'summary'>[],
  problems: ReceiptProblem[],
): Promise<void> {
  const recorded = isObject(doc.summaries) ? doc.summaries : null;
  const variant = recorded?.variant === 'minor' ? 'minor' : 'adult';
  const served = await receiptSummaries(clauses, variant);
  if (served === null && recorded === null) return;
  if (served === null || recorded === null) {
    problems.push({
      code: 'summaries-mismatch',
      path: `${path}.summaries`,
      message:
        served === null
          ? `The receipt records plain-language summaries for ${path}, but the text you passed has none: the person saw other summaries, or you passed another version.`
          : `The text you passed for ${path} has plain-language summaries, but the receipt records none: the receipt does not say which summaries the person saw.`,
    });
    return;
  }
  if (
    typeof recorded.sha256 === 'string' &&
    SHA256.test(recorded.sha256) &&
    recorded.sha256 !== served.sha256
  ) {
    problems.push({
      code: 'summaries-mismatch',
      path: `${path}.summaries.sha256`,
      message: `The receipt's hash of the ${variant} summaries of ${path} (${recorded.sha256}) does not match those of the text you passed (${served.sha256}): the person saw other summaries, or you passed another version.`,
    });
  }
}
