// "What changed since the version you accepted": a clause-level summary from `diffAgreements`
// (react-clickwrap/core), with word-level edits of each changed clause.
import { Fragment, useMemo } from 'react';
import { diffAgreements, type Agreement } from 'react-clickwrap/core';

/** An unchanged run, shortened to the words next to the edits. */
function shorten(text: string, first: boolean, last: boolean): string {
  const keep = 60;
  if (text.length <= keep * 2) return text;
  if (first) return `… ${text.slice(-keep).replace(/^\S*\s/, '')}`;
  if (last) return `${text.slice(0, keep).replace(/\s\S*$/, '')} …`;
  return `${text.slice(0, keep).replace(/\s\S*$/, '')} … ${text.slice(-keep).replace(/^\S*\s/, '')}`;
}

export function WhatChanged({ previous, current }: { previous: Agreement; current: Agreement }) {
  const diff = useMemo(() => diffAgreements(previous, current), [previous, current]);
  const { added, removed, changed } = diff.summary;
  return (
    <section className="what-changed" aria-labelledby="what-changed-title">
      <h3 id="what-changed-title">What changed since the version you accepted</h3>
      <p>
        {changed} changed, {added} added, {removed} removed
        {diff.keyClausesChanged ? ', including terms that limit your rights (in bold in the agreement)' : ''}.
      </p>
      <ul>
        {diff.changes.map((change) => (
          <li key={`${change.kind}:${change.id}`} data-change={change.kind} data-key-clause={change.isKeyClause || undefined}>
            <strong>
              {change.kind === 'added' ? 'Added' : change.kind === 'removed' ? 'Removed' : 'Changed'}
              {change.sectionTitle ? ` in ${change.sectionTitle}` : ''}
              {change.isKeyClause ? ' (key term)' : ''}:
            </strong>{' '}
            {change.kind === 'changed' ? (
              <span>
                {change.words.map((w, i) => (
                  <Fragment key={i}>
                    {w.kind === 'equal' ? shorten(w.text, i === 0, i === change.words.length - 1) : w.kind === 'added' ? <ins>{w.text}</ins> : <del>{w.text}</del>}
                  </Fragment>
                ))}
              </span>
            ) : change.kind === 'removed' ? (
              <del>{change.text}</del>
            ) : (
              <ins>{change.text}</ins>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
