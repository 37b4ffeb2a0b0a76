/**
 * A second version of the default agreement for diff tests and benchmarks (`bench/` imports it).
 * Not exported from the package. Pure string edits, so it runs anywhere the core does.
 */

/** One edit `withFiveChanges` makes, and what `diffAgreements` should report for it. */
export interface FixtureEdit {
  /** What the edit does, for test names and benchmark notes. */
  label: string;
  /** The change kind expected. */
  kind: 'added' | 'removed' | 'changed';
  /** The clause id expected (in the edited version for added/changed, the original for removed). */
  id: string;
  /** Whether that clause is a key (bold) clause. */
  isKeyClause: boolean;
  /** The text replaced (a regular expression, to tolerate either line ending). */
  find: RegExp;
  replace: string;
}

/**
 * The five edits, in the document order of the result. Adding a paragraph near the top shifts
 * the ordinal ids of the preamble paragraphs after it (`…--p3` becomes `…--p4`): on purpose,
 * since a diff must not report those as changed.
 */
export const FIVE_CHANGES: readonly FixtureEdit[] = [
  {
    label: 'adds a paragraph to the preamble',
    kind: 'added',
    id: 'instadesk-terms-and-conditions--p2',
    isKeyClause: false,
    find: /^(Welcome to use this software and services!\r?\n)/m,
    replace: '$1\nThis version replaces the terms dated 1 January 2023.\n',
  },
  {
    label: 'edits II 1.1 (not a key clause)',
    kind: 'changed',
    id: '1-declaration-of-intellectual-property-rights--1-1',
    isKeyClause: false,
    find: /is considered an infringement\./,
    replace: 'is considered an infringement of our rights.',
  },
  {
    label: 'edits II 2.4 (a key clause)',
    kind: 'changed',
    id: '2-scope-of-software-licenses--2-4',
    isKeyClause: true,
    find: /we do not guarantee that the Software product/,
    replace: 'we do not warrant that the Software product',
  },
  {
    label: 'edits III 2.3 (a key clause)',
    kind: 'changed',
    id: '2-account-usage-standards--2-3',
    isKeyClause: true,
    find: /to make corrections within a specified period or/,
    replace: 'to make corrections within 15 days or',
  },
  {
    label: 'removes item 5) of V 5',
    kind: 'removed',
    id: 'v-rights-and-obligations--5--5',
    isKeyClause: false,
    find: /^ {2}- 5\\\) Lottery with prizes and gambling games;\r?\n\r?\n/m,
    replace: '',
  },
];

/**
 * The default agreement (`agreements/instadesk-terms.md`) with the five edits of
 * {@link FIVE_CHANGES}: one paragraph added, three clauses edited (two of them key clauses), one
 * list item removed.
 * @throws Error when an edit finds nothing to edit (the agreement text moved on): fix the fixture.
 */
export function withFiveChanges(markdown: string): string {
  let edited = markdown;
  for (const edit of FIVE_CHANGES) {
    if (!edit.find.test(edited)) {
      throw new Error(`withFiveChanges: "${edit.label}" found nothing to edit (${edit.find}).`);
    }
    edited = edited.replace(edit.find, edit.replace);
  }
  return edited;
}
