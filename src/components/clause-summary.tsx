'use client';
import { useId, useSyncExternalStore } from 'react';
import { summaryShown, type SummaryVariant } from '../core/agreement/summaries-shown';
import type { Agreement, KeyClause } from '../core/types';
import type { UseClickwrapResult } from '../hooks/use-clickwrap';
import { useClickwrapConfig, useCx } from './context';
import { agreementLanguage } from './root/language';

/**
 * Which plain-language summaries a reader is shown: the minors' variants once the guardian rule
 * applies, as `createReceipt` records them (from the receipt's `minor`).
 */
export function summaryVariantOf(cw: Pick<UseClickwrapResult, 'guardian'>): SummaryVariant {
  return cw.guardian?.required ? 'minor' : 'adult';
}

/** The text of `clause`'s summary shown under `variant`, or null when it has none. */
export function plainSummaryOf(clause: Pick<KeyClause, 'summary'>, variant: SummaryVariant): string | null {
  return summaryShown(clause, variant);
}

const summarisedByAgreement = new WeakMap<Agreement, ReadonlyMap<string, KeyClause>>();

/** The agreement's clauses that have a summary, by id (computed once per agreement). */
function summarised(agreement: Agreement): ReadonlyMap<string, KeyClause> {
  let map = summarisedByAgreement.get(agreement);
  if (!map) {
    map = new Map(agreement.keyClauses.filter((c) => c.summary).map((c) => [c.id, c]));
    summarisedByAgreement.set(agreement, map);
  }
  return map;
}

/** Whether a key clause has a plain-language summary (so most clauses render no extra part). */
export function hasPlainSummary(agreement: Agreement, clauseId: string): boolean {
  return summarised(agreement).has(clauseId);
}

/**
 * "In plain words": a key clause's author-written summary, shown beside the clause in the
 * agreement (a note, not a landmark: one per summarised clause). Follows the guardian rule through
 * the store, so the agreement is not re-rendered on every scroll frame. Renders nothing for a
 * clause without a summary.
 * @selector .rcw-clause-summary[data-variant="adult"|"minor"] .rcw-clause-summary-label .rcw-clause-summary-text
 */
export function ClausePlainSummary({ clauseId }: { clauseId: string }) {
  const { agreement, store, messages, locale } = useClickwrapConfig('AgreementView');
  const cx = useCx();
  const labelId = useId();
  const variant = useSyncExternalStore(
    store.subscribe,
    () => summaryVariantOf(store.get()),
    () => summaryVariantOf(store.get()),
  );
  const clause = summarised(agreement).get(clauseId);
  const text = clause ? plainSummaryOf(clause, variant) : null;
  if (text === null) return null;
  return (
    <aside
      role="note"
      aria-labelledby={labelId}
      className={cx('clause-summary')}
      data-variant={variant}
      // Inside the agreement's text, but its label is the clickwrap's; the summary, the author's.
      lang={locale}
    >
      <span id={labelId} className={cx('clause-summary-label')}>
        {messages.keyClausePlainSummary}
      </span>{' '}
      <span className={cx('clause-summary-text')} dir="auto" lang={agreementLanguage(agreement)}>
        {text}
      </span>
    </aside>
  );
}
