/**
 * Lookups by offset: which key clause or section a position of the canonical markdown falls in.
 */
import type { Agreement, AgreementSection, KeyClause, SourceSpan } from '../types';

/** Index of the last item whose span starts at or before `offset`, or -1. */
function lastStartingAtOrBefore(items: readonly { span: SourceSpan }[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if ((items[mid]?.span.start ?? Infinity) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** Per key clause, the index of the clause whose span encloses it (nested list items), or -1. */
const enclosingClauses = new WeakMap<readonly KeyClause[], Int32Array>();

function enclosingOf(clauses: readonly KeyClause[]): Int32Array {
  const cached = enclosingClauses.get(clauses);
  if (cached) return cached;
  const parents = new Int32Array(clauses.length);
  const open: KeyClause[] = [];
  const openIndex: number[] = [];
  clauses.forEach((clause, i) => {
    while (open.length > 0 && (open[open.length - 1]?.span.end ?? 0) <= clause.span.start) {
      open.pop();
      openIndex.pop();
    }
    parents[i] = openIndex[openIndex.length - 1] ?? -1;
    open.push(clause);
    openIndex.push(i);
  });
  enclosingClauses.set(clauses, parents);
  return parents;
}

/** Lets a renderer tell from a node's `position.start.offset` which key clause it belongs to. */
export function keyClauseAt(agreement: Agreement, offset: number): KeyClause | undefined {
  const clauses = agreement.keyClauses;
  let i = lastStartingAtOrBefore(clauses, offset);
  if (i === -1) return undefined;
  // Spans nest (a list item clause encloses its nested items' clauses) but never cross, so the
  // clause containing `offset`, if any, encloses the last one starting before it.
  const parents = enclosingOf(clauses);
  for (; i !== -1; i = parents[i] ?? -1) {
    const clause = clauses[i];
    if (clause && offset < clause.span.end) return clause;
  }
  return undefined;
}

/** Lets a renderer or reading tracker say which section an offset of the markdown falls in. */
export function sectionAt(agreement: Agreement, offset: number): AgreementSection | undefined {
  if (!(offset < agreement.markdown.length)) return undefined;
  return agreement.sections[lastStartingAtOrBefore(agreement.sections, offset)];
}
