/**
 * What changed between two versions of an agreement, clause by clause: for re-consent notices
 * ("3 clauses changed, 1 of them a key clause") and for a view that shows only what changed.
 *
 * A "clause" here is every block a reader reads: each heading, each paragraph outside list items
 * and each list item (its own text; nested items are clauses of their own), with the ids
 * `parseAgreement` gives key clauses (`blocksOf` in agreement.ts holds the one id rule), so a key
 * clause's change carries exactly its `KeyClause.id`.
 *
 * What counts as a change is what a reader reads: the plain text (markup removed, whitespace
 * collapsed) and whether the clause is a key (bold) clause. So re-wrapping lines, CRLF line
 * endings or italics added make no change; text edited, or bold added to or removed from a whole
 * clause, does. Code blocks and raw HTML are not clauses (parseAgreement reads no text from them).
 *
 * Matching, in this order:
 * 1. blocks whose text and key status are equal are aligned in document order (a longest common
 *    subsequence, `diffArrays` from the `diff` package). This comes before ids because ids of
 *    un-numbered paragraphs are ordinals: inserting a paragraph shifts the ids of those after it,
 *    and matching by id first would report each of them as changed;
 * 2. between two aligned blocks, the versions' remaining blocks are paired by similarity of their
 *    words, most similar first, with an equal id winning a tie and always allowing a pair. So a
 *    clause edited in place, or renumbered ("2.4" became "2.3" after 2.3 was removed), is
 *    `changed`, while an unrelated paragraph is `removed` plus `added`;
 * 3. whatever is left is `removed` or `added`. A clause moved elsewhere in the document is removed
 *    where it was and added where it is (never silently matched across the document: a clause that
 *    moved to another section can mean something else there).
 * Word-level changes of a changed clause come from `diffWordsWithSpace` (the `diff` package), whose
 * pieces spell both texts exactly (`diffWords` ignores spaces and so may not: "Hello world." →
 * "Hello, world." gives `Hello` `+, ` `world.`, which misspells the old text). Its one drawback,
 * a single space kept as common between two replaced words, is undone by regrouping (see
 * `wordChanges`): "a specified period" → "15 days" reads as one removal and one addition.
 */

export { diffAgreements, type MinorChangesMarking } from './diff-agreements';
export type {
  AgreementDiff,
  ClauseAdded,
  ClauseChange,
  ClauseChanged,
  ClauseRemoved,
  WordChange,
} from './types';
export { wordChanges } from './words';
