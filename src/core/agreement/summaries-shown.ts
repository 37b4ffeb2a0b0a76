/**
 * What a reader is shown of an agreement's plain-language summaries, and its hash: the value a
 * receipt's `summaries.sha256` holds and `verifyReceipt` recomputes.
 */
import { sha256Hex } from '../hash';
import type { KeyClause, ReceiptSummaries } from '../types';

/** The serialisation of the summaries shown, recorded in every receipt that has summaries. */
export const SUMMARIES_CANONICALIZATION = 'react-clickwrap/summaries-v1';

/** Which summaries are shown: the minors' variants when the guardian rule applies. */
export type SummaryVariant = ReceiptSummaries['variant'];

/** The summary text shown for a clause under `variant` (a minor sees the general one when no variant was written), or null. */
export function summaryShown(clause: Pick<KeyClause, 'summary'>, variant: SummaryVariant): string | null {
  const summary = clause.summary;
  if (!summary) return null;
  return variant === 'minor' ? (summary.minor ?? summary.general) : summary.general;
}

/**
 * The canonical serialisation (`react-clickwrap/summaries-v1`) of the summaries shown: the JSON
 * array of `[clause id, text shown]` pairs, in document order, with no whitespace; null when no
 * clause has a summary.
 */
export function canonicalSummaries(
  clauses: readonly Pick<KeyClause, 'id' | 'summary'>[],
  variant: SummaryVariant,
): string | null {
  const pairs: [string, string][] = [];
  for (const clause of clauses) {
    const text = summaryShown(clause, variant);
    if (text !== null) pairs.push([clause.id, text]);
  }
  return pairs.length === 0 ? null : JSON.stringify(pairs);
}

/** The receipt's `summaries` block for a document shown under `variant`, or null when it has none. */
export async function receiptSummaries(
  clauses: readonly Pick<KeyClause, 'id' | 'summary'>[],
  variant: SummaryVariant,
): Promise<ReceiptSummaries | null> {
  const canonical = canonicalSummaries(clauses, variant);
  if (canonical === null) return null;
  return { variant, sha256: await sha256Hex(canonical), canonicalization: SUMMARIES_CANONICALIZATION };
}
