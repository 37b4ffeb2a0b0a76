import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgreementError, parseAgreement } from './agreement';
import { diffAgreements } from './diff';
import { withFiveChanges } from './diff.fixtures';
import type { Agreement } from './types';

const TERMS = readFileSync(new URL('../../agreements/instadesk-terms.md', import.meta.url), 'utf8');

const parse = (markdown: string, version: string): Agreement =>
  parseAgreement({ id: 'instadesk-terms', version, markdown });

const v1 = parse(TERMS, '2024-05-01');
const v2 = parse(withFiveChanges(TERMS), '2024-09-01');

/** Two plain (non-key) edits only: a paragraph added and II 1.1 reworded. */
const plainOnly = parse(
  TERMS.replace(
    /^(Welcome to use this software and services!\r?\n)/m,
    '$1\nThis version replaces the terms dated 1 January 2023.\n',
  ).replace('is considered an infringement.', 'is considered an infringement of our rights.'),
  '2024-09-01',
);
const ADDED = 'instadesk-terms-and-conditions--p2';
const EDITED = '1-declaration-of-intellectual-property-rights--1-1';

const kinds = (diff: ReturnType<typeof diffAgreements>) =>
  Object.fromEntries(diff.changes.map((c) => [c.id, c.materiality]));

describe('diffAgreements: material and minor changes', () => {
  it('marks every change material when the author marks nothing (the safe default)', () => {
    const diff = diffAgreements(v1, v2);
    expect(diff.changes).toHaveLength(5);
    expect(diff.changes.every((c) => c.materiality === 'material')).toBe(true);
    expect(diff.changeKind).toBe('material');
  });

  it('says "none" when two versions have the same text', () => {
    const same = parse(TERMS, '2024-09-01');
    expect(diffAgreements(v1, same).changeKind).toBe('none');
    expect(diffAgreements(v1, same, { minorChanges: { since: '2024-05-01', ids: 'all' } }).changeKind).toBe(
      'none',
    );
  });

  it('marks the listed changes minor; the version change is minor only when every change is', () => {
    const one = diffAgreements(v1, plainOnly, { minorChanges: { since: '2024-05-01', ids: [EDITED] } });
    expect(kinds(one)).toEqual({ [ADDED]: 'material', [EDITED]: 'minor' });
    expect(one.changeKind).toBe('material');

    const both = diffAgreements(v1, plainOnly, {
      minorChanges: { since: '2024-05-01', ids: [ADDED, EDITED] },
    });
    expect(kinds(both)).toEqual({ [ADDED]: 'minor', [EDITED]: 'minor' });
    expect(both.changeKind).toBe('minor');
  });

  it('never makes a key-clause change minor under "all": only by its id, and never its status', () => {
    const diff = diffAgreements(v1, v2, { minorChanges: { since: '2024-05-01', ids: 'all' } });
    // "all" covers what the agreement does not bring to attention: the two key clauses edited in
    // their words (still key clauses) stay material, since a blanket marking could hide a rewrite.
    expect(diff.changeKind).toBe('material');
    const material = diff.changes.filter((c) => c.materiality === 'material');
    expect(material.map((c) => [c.kind, c.isKeyClause])).toEqual([
      ['changed', true],
      ['changed', true],
    ]);
    // Listed by id (a typo fixed), they may be minor: none of the five added, removed or
    // re-bolded a key clause.
    const listed = diffAgreements(v1, v2, {
      minorChanges: { since: '2024-05-01', ids: diff.changes.map((c) => c.id) },
    });
    expect(listed.changeKind).toBe('minor');
    const rebolded = parse(
      TERMS.replace('is considered an infringement.', '**is considered an infringement.**'),
      '2024-09-01',
    );
    const status = diffAgreements(v1, rebolded, { minorChanges: { since: '2024-05-01', ids: 'all' } });
    expect(status.changes.some((c) => c.kind === 'changed' && c.keyClauseStatusChanged)).toBe(true);
    expect(status.changeKind).toBe('material');
  });

  it('refuses a marking that lists a key-clause status change, saying why', () => {
    const rebolded = parse(
      TERMS.replace('1.1 ', '1.1 **').replace(
        'is considered an infringement.',
        'is considered an infringement.**',
      ),
      '2024-09-01',
    );
    const id = diffAgreements(v1, rebolded).changes.find((c) => c.kind === 'changed')?.id;
    expect(id).toBeDefined();
    expect(() =>
      diffAgreements(v1, rebolded, { minorChanges: { since: '2024-05-01', ids: [id ?? ''] } }),
    ).toThrow(/always material/);
  });

  it('applies the marking only to the version it was written against', () => {
    const skipped = diffAgreements(parse(TERMS, '2023-01-01'), plainOnly, {
      minorChanges: { since: '2024-05-01', ids: 'all' },
    });
    expect(skipped.changeKind).toBe('material');
    expect(skipped.changes.every((c) => c.materiality === 'material')).toBe(true);
  });

  it('refuses a marking that names no change, listing the changes there are', () => {
    const run = () => diffAgreements(v1, plainOnly, { minorChanges: { since: '2024-05-01', ids: ['1-1'] } });
    expect(run).toThrow(AgreementError);
    expect(run).toThrow(new RegExp(`"1-1".*The changes are: "${ADDED}", "${EDITED}"`));
  });

  it('refuses a malformed marking with what to pass', () => {
    expect(() => diffAgreements(v1, plainOnly, { minorChanges: { ids: 'all' } as never })).toThrow(
      /pass \{ since: .*ids/,
    );
    expect(() =>
      diffAgreements(v1, plainOnly, { minorChanges: { since: '2024-05-01', ids: 'some' } as never }),
    ).toThrow(AgreementError);
  });
});
