/** The shapes `diffAgreements` returns. */
import type { AgreementBlock } from '../agreement';
import type { SourceSpan } from '../types';

/** One word-level piece of a changed clause; read in order, they spell both versions. */
export interface WordChange {
  /** `equal`: in both versions; `removed`: only in the previous; `added`: only in the current. */
  kind: 'equal' | 'added' | 'removed';
  /**
   * The words, with their spaces. Joining the `equal` and `removed` pieces gives the previous
   * text exactly; the `equal` and `added` ones, the current. A removal and the addition that
   * replaces it come as two pieces in a row, `removed` first.
   */
  text: string;
}

/** What every kind of {@link ClauseChange} says. */
export interface ClauseChangeBase {
  /** The clause id: in the current version, or for `removed`, in the previous. */
  id: string;
  /** What kind of block: a heading, a paragraph, or a list item. */
  blockType: AgreementBlock['kind'];
  /**
   * The section the clause stands in (in the version `id` is from; a heading's is its own), or
   * null before any heading.
   */
  sectionId: string | null;
  /** The plain-text title of that section, or null. */
  sectionTitle: string | null;
  /** Whether it is a key (bold) clause: in the current version, or for `removed`, the previous. */
  isKeyClause: boolean;
  /**
   * `minor` only when the author marked it so (`diffAgreements`' `minorChanges`) and the marking
   * applies; every other change is `material`, the safe default that asks for fresh assent.
   */
  materiality: 'material' | 'minor';
}

/** A clause only in the current version. */
export interface ClauseAdded extends ClauseChangeBase {
  /** Discriminant: the clause is new in the current version. */
  kind: 'added';
  /** Its plain text. */
  text: string;
  /** Where it stands in the current version's canonical markdown. */
  span: SourceSpan;
}

/** A clause only in the previous version. */
export interface ClauseRemoved extends ClauseChangeBase {
  /** Discriminant: the clause is gone from the current version. */
  kind: 'removed';
  /** Its plain text, as it was. */
  text: string;
  /** Where it stood in the previous version's canonical markdown. */
  previousSpan: SourceSpan;
}

/**
 * A clause in both versions whose text or key status differs. A clause that became, or stopped
 * being, a key clause is a change even when its words are equal (then `words` is one `equal`
 * piece and `keyClauseStatusChanged` is true): what the agreement brings to the reader's
 * attention changed.
 */
export interface ClauseChanged extends ClauseChangeBase {
  /** Discriminant: the clause is in both versions, with different text or key status. */
  kind: 'changed';
  /** Its id in the previous version: not `id` when it was renumbered or its section renamed. */
  previousId: string;
  /** Its plain text in the previous version. */
  previousText: string;
  /** Its plain text in the current version. */
  text: string;
  /** True when it became or stopped being a key clause (the previous status is `!isKeyClause`). */
  keyClauseStatusChanged: boolean;
  /** Where it stands in the current version's canonical markdown. */
  span: SourceSpan;
  /** Where it stood in the previous version's canonical markdown. */
  previousSpan: SourceSpan;
  /** The word-level differences, in reading order. */
  words: WordChange[];
}

/** One clause-level difference between two versions of an agreement. */
export type ClauseChange = ClauseAdded | ClauseRemoved | ClauseChanged;

/** What changed between two versions of one agreement: the result of {@link diffAgreements}. */
export interface AgreementDiff {
  /** The previous version compared. */
  from: { id: string; version: string };
  /** The current version compared. */
  to: { id: string; version: string };
  /**
   * Every change, in the document order of the current version; a removed clause stands where it
   * was, after the clause that preceded it (and before anything added in its place).
   */
  changes: ClauseChange[];
  /**
   * True when a change touches a key clause in either version: a key clause added, removed or
   * edited, or a clause that became or stopped being one. Re-consent flows usually require
   * reading (or re-reading) the changes when this is true.
   */
  keyClausesChanged: boolean;
  /**
   * The version change as a whole: `material` when any change is (re-consent: fresh assent),
   * `minor` when every change is marked minor (a notice is enough), `none` without changes.
   */
  changeKind: 'material' | 'minor' | 'none';
  /** How many changes of each kind. */
  summary: { added: number; removed: number; changed: number };
  /**
   * Ids of the sections of the current version that contain a change (the nearest heading above
   * it; a removed clause counts for the section it was removed from, as it now stands), each once,
   * in document order: for "read only the changed sections". Changes before the first heading
   * belong to no section and appear only in `changes`.
   */
  changedSectionIds: string[];
}
