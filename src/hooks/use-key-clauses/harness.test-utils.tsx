'use client';
import type { ReactNode } from 'react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import type { Agreement, KeyClause } from '../../core/types';
import { useScrollToEnd } from '../use-scroll-to-end';
import { useKeyClauses } from './index';
import type { UseKeyClausesOptions, UseKeyClausesResult } from './index';

/** The Instadesk terms, parsed: 45 key clauses, some nested in others. */
export const TERMS: Agreement = parseAgreement({
  id: 'instadesk-terms',
  version: '2024-05-01',
  markdown: terms,
});

/** Plain paragraphs, split at blank lines (markdown markup left as it is: enough for layout). */
function paragraphs(text: string, key: string): ReactNode[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => <p key={`${key}-${i}`}>{p}</p>);
}

/** Renders markdown[start, end), wrapping each key clause (and clauses nested in it) in its element. */
function renderRange(
  markdown: string,
  start: number,
  end: number,
  clauses: readonly KeyClause[],
  getClauseProps: UseKeyClausesResult['getClauseProps'],
): ReactNode[] {
  const out: ReactNode[] = [];
  let at = start;
  const inside = clauses.filter((c) => c.span.start >= start && c.span.end <= end);
  for (const clause of inside) {
    if (clause.span.start < at) continue; // nested in a clause already rendered
    out.push(...paragraphs(markdown.slice(at, clause.span.start), `t${at}`));
    const nested = inside.filter(
      (c) => c !== clause && c.span.start >= clause.span.start && c.span.end <= clause.span.end,
    );
    out.push(
      <div key={clause.id} {...getClauseProps(clause.id)}>
        {renderRange(markdown, clause.span.start, clause.span.end, nested, getClauseProps)}
      </div>,
    );
    at = clause.span.end;
  }
  out.push(...paragraphs(markdown.slice(at, end), `t${at}`));
  return out;
}

export interface ClausesHarnessProps {
  agreement?: Agreement;
  /** Height of the scroll area. @default 300 */
  height?: number;
  options?: UseKeyClausesOptions;
  /** Receives the hook's result after every render, for tests that call its functions. */
  onResult?: (result: UseKeyClausesResult) => void;
  /** Extra clause ids to render with getClauseProps (to test unknown ids). */
  extraClauseIds?: readonly string[];
}

/**
 * A 300px scroll area with the agreement, its key clauses rendered through getClauseProps, a
 * "Next unseen clause" button, and the hook's state as text.
 */
export function ClausesHarness({
  agreement = TERMS,
  height = 300,
  options,
  onResult,
  extraClauseIds = [],
}: ClausesHarnessProps) {
  const scroll = useScrollToEnd();
  const keyClauses = useKeyClauses(agreement, { root: scroll.scrollArea, ...options });
  onResult?.(keyClauses);
  const { markdown } = agreement;
  return (
    <div>
      <nav aria-label="Key clauses">
        {keyClauses.nextUnseen && (
          <button type="button" {...keyClauses.getClauseLinkProps(keyClauses.nextUnseen.id)}>
            Next unseen clause
          </button>
        )}
      </nav>
      <div
        {...scroll.getScrollAreaProps({
          style: { height, overflowY: 'auto', position: 'relative' },
        })}
      >
        {renderRange(markdown, 0, markdown.length, keyClauses.clauses, keyClauses.getClauseProps)}
        {extraClauseIds.map((id) => (
          <p key={id} {...keyClauses.getClauseProps(id)}>
            {id}
          </p>
        ))}
        <div {...scroll.getEndMarkerProps()} />
      </div>
      <output>{`Seen ${keyClauses.seenCount} of ${keyClauses.total}`}</output>
      <output aria-label="Seen order">{keyClauses.seenIds.join(' ')}</output>
    </div>
  );
}
