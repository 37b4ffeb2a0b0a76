'use client';
/**
 * Re-consent's diff, loaded on demand: only a clickwrap given `previous` imports this module
 * (see `root/reconsent-loader.ts`), so an app without re-consent bundles neither `diffAgreements`
 * nor the `diff` package it uses.
 */
import { diffAgreements, type MinorChangesMarking } from '../core/diff';
import type { Agreement, KeyClause } from '../core/types';
import { isMarked, type MarkedChange, type VersionComparison } from './reconsent-model';

// Loaded with the diff, so the root reads it from here and a first consent loads no model.
export { effectiveReading } from './reconsent-model';

/**
 * Compares the accepted version with the current one.
 * @throws Error naming the props when the two are not versions of one agreement.
 */
export function compareVersions(
  before: Agreement | undefined,
  agreement: Agreement,
  minorChanges: MinorChangesMarking | null = null,
): VersionComparison {
  if (!before || typeof before.markdown !== 'string') {
    throw new Error(
      'react-clickwrap: `previous.agreement` is missing. For re-consent pass the version the person ' +
        'accepted, parsed like the current one: previous={{ agreement: parseAgreement({ id, version, markdown }), ' +
        'acceptedAt, receiptId }}.',
    );
  }
  if (before.id !== agreement.id) {
    throw new Error(
      `react-clickwrap: \`previous.agreement\` is "${before.id}" but \`agreement\` is "${agreement.id}". ` +
        'Re-consent compares two versions of one agreement: pass the version of this agreement the ' +
        'person accepted, or leave `previous` out for a first consent.',
    );
  }
  const diff = diffAgreements(before, agreement, { minorChanges });
  const marked = diff.changes.filter(isMarked);
  const markedAt = new Map<number, MarkedChange>();
  const clauses: KeyClause[] = [];
  for (const change of marked) {
    markedAt.set(change.span.start, {
      id: change.id,
      kind: change.kind,
      heading: change.blockType === 'heading',
    });
    clauses.push({
      id: change.id,
      text: change.text,
      boldText: '',
      sectionId: change.sectionId,
      sectionTitle: change.sectionTitle,
      tags: [],
      span: change.span,
    });
  }
  return { diff, markedAt, tracked: { ...agreement, keyClauses: clauses } };
}
