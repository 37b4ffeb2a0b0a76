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
import { diffArrays, diffWordsWithSpace } from 'diff';
import { AgreementError, blocksOf } from './agreement';
import type { AgreementBlock } from './agreement';
import { describe } from './canonical';
import type { Agreement, SourceSpan } from './types';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

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
interface ClauseChangeBase {
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

// ---------------------------------------------------------------------------------------------
// Pairing
// ---------------------------------------------------------------------------------------------

/** Below this share of common words, two clauses with different ids are not the same clause. */
const MIN_SIMILARITY = 0.5;

/**
 * Above this many (removed × added) candidate pairs between two aligned blocks, only equal ids
 * pair: comparing every pair would cost seconds on a rewritten document, and a rewrite reads as
 * removed plus added anyway.
 */
const MAX_SIMILARITY_PAIRS = 250_000;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text, counted, for the Dice coefficient. */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of two word multisets: 1 for the same words, 0 for none in common. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const count of a.values()) sizeA += count;
  for (const [word, count] of b) {
    sizeB += count;
    common += Math.min(count, a.get(word) ?? 0);
  }
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
}

/** Headings pair only with headings; paragraphs and list items with each other. */
const family = (block: AgreementBlock) => (block.kind === 'heading' ? 'h' : 'b');

/**
 * Pairs the removed and added blocks of one gap between aligned blocks, writing partners into
 * `prevPartner` / `currPartner`.
 */
function pairGap(
  prev: readonly AgreementBlock[],
  curr: readonly AgreementBlock[],
  removed: readonly number[],
  added: readonly number[],
  prevPartner: Int32Array,
  currPartner: Int32Array,
): void {
  if (removed.length === 0 || added.length === 0) return;
  const candidates: { r: number; a: number; score: number; sameId: boolean }[] = [];
  if (removed.length * added.length <= MAX_SIMILARITY_PAIRS) {
    const addedWords = added.map((a) => wordCounts(curr[a]?.text ?? ''));
    for (const r of removed) {
      const before = prev[r];
      if (!before) continue;
      const words = wordCounts(before.text);
      added.forEach((a, k) => {
        const after = curr[a];
        if (!after || family(after) !== family(before)) return;
        const score = similarity(words, addedWords[k] ?? new Map());
        const sameId = after.id === before.id;
        if (sameId || score >= MIN_SIMILARITY) candidates.push({ r, a, score, sameId });
      });
    }
  } else {
    const byId = new Map(added.map((a) => [curr[a]?.id, a]));
    for (const r of removed) {
      const before = prev[r];
      const a = byId.get(before?.id);
      const after = a === undefined ? undefined : curr[a];
      if (a !== undefined && before && after && family(after) === family(before)) {
        candidates.push({ r, a, score: 0, sameId: true });
      }
    }
  }
  candidates.sort(
    (x, y) => y.score - x.score || Number(y.sameId) - Number(x.sameId) || x.r - y.r || x.a - y.a,
  );
  for (const { r, a } of candidates) {
    if (prevPartner[r] !== -1 || currPartner[a] !== -1) continue;
    prevPartner[r] = a;
    currPartner[a] = r;
  }
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/**
 * The word diff of a changed clause (internal: not exported from the package). A run of replaced
 * words comes back from the diff as `-a +15 = " " -specified +days`: the space between is common
 * to both texts, so the diff keeps it, but a reader sees one phrase replaced by another. Such a
 * space, inside a replacement that already removes and adds something and goes on after it,
 * joins both sides of the replacement; spaces that then open or close both sides go back to the
 * equal text around it. The pieces still spell both texts exactly.
 */
export function wordChanges(before: string, after: string): WordChange[] {
  const parts = diffWordsWithSpace(before, after);
  const words: WordChange[] = [];
  let removed = '';
  let added = '';
  const equal = (text: string) => {
    const last = words[words.length - 1];
    if (last?.kind === 'equal') last.text += text;
    else if (text !== '') words.push({ kind: 'equal', text });
  };
  const flush = () => {
    // Spaces that open or close both sides belong with the equal words around the replacement.
    const lead = sharedSpace(removed, added, 1);
    const trail = sharedSpace(removed.slice(lead), added.slice(lead), -1);
    equal(removed.slice(0, lead));
    const gone = removed.slice(lead, removed.length - trail);
    const come = added.slice(lead, added.length - trail);
    if (gone !== '') words.push({ kind: 'removed', text: gone });
    if (come !== '') words.push({ kind: 'added', text: come });
    equal(removed.slice(removed.length - trail));
    removed = '';
    added = '';
  };
  parts.forEach((part, k) => {
    const next = parts[k + 1];
    const inReplacement = removed !== '' && added !== '' && (next?.added || next?.removed);
    if (part.added) added += part.value;
    else if (part.removed) removed += part.value;
    else if (inReplacement && !/\S/.test(part.value)) {
      removed += part.value;
      added += part.value;
    } else {
      flush();
      equal(part.value);
    }
  });
  flush();
  return words;
}

/** How many whitespace characters `a` and `b` share at their start (1) or their end (-1). */
function sharedSpace(a: string, b: string, from: 1 | -1): number {
  let n = 0;
  for (; n < a.length && n < b.length; n++) {
    const x = from === 1 ? a[n] : a[a.length - 1 - n];
    const y = from === 1 ? b[n] : b[b.length - 1 - n];
    if (x !== y || !/\s/.test(x ?? '')) break;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// diffAgreements
// ---------------------------------------------------------------------------------------------

function requireAgreement(value: unknown, name: 'previous' | 'current'): Agreement {
  const a = value as Partial<Agreement> | null;
  if (
    typeof a !== 'object' ||
    a === null ||
    typeof a.id !== 'string' ||
    typeof a.version !== 'string' ||
    typeof a.markdown !== 'string'
  ) {
    throw new AgreementError(
      'invalid-input',
      `diffAgreements(previous, current) expects two Agreements from parseAgreement; \`${name}\` is ${
        value === undefined ? 'undefined' : describe(value)
      }${typeof a === 'object' && a !== null ? ' without a string id, version and markdown' : ''}.`,
    );
  }
  return a as Agreement;
}

/** The equality key of a block for the alignment: its family, key status and text. */
const alignKey = (block: AgreementBlock) => `${family(block)}${block.isKeyClause ? 'k' : '-'}${block.text}`;

/**
 * Compares two versions of one agreement clause by clause, for re-consent: what was added,
 * removed or changed (with a word-level diff), whether any key clause is involved, and which
 * sections a reader needs to re-read. Two versions with the same canonical text (whatever their
 * version strings) have no changes; two with the same version string but different text are
 * compared all the same.
 * @param previous The version the person accepted, from `parseAgreement`.
 * @param current The version now served, from `parseAgreement`.
 * @throws AgreementError (`different-agreements`) when the two have different ids, and
 *   (`invalid-input`) when either is not an Agreement.
 */
export function diffAgreements(previous: Agreement, current: Agreement): AgreementDiff {
  requireAgreement(previous, 'previous');
  requireAgreement(current, 'current');
  if (previous.id !== current.id) {
    throw new AgreementError(
      'different-agreements',
      `diffAgreements compares two versions of one agreement: got ids ${JSON.stringify(previous.id)} and ${JSON.stringify(current.id)}.`,
    );
  }
  const result: AgreementDiff = {
    from: { id: previous.id, version: previous.version },
    to: { id: current.id, version: current.version },
    changes: [],
    keyClausesChanged: false,
    summary: { added: 0, removed: 0, changed: 0 },
    changedSectionIds: [],
  };
  if (previous.markdown === current.markdown) return result;

  const prev = blocksOf(previous);
  const curr = blocksOf(current);
  const prevPartner = new Int32Array(prev.length).fill(-1);
  const currPartner = new Int32Array(curr.length).fill(-1);

  // 1. Align equal blocks; 2. pair what lies between two aligned blocks.
  let i = 0;
  let j = 0;
  let removed: number[] = [];
  let added: number[] = [];
  for (const part of diffArrays(prev.map(alignKey), curr.map(alignKey))) {
    if (part.removed) {
      for (let k = 0; k < part.count; k++) removed.push(i++);
    } else if (part.added) {
      for (let k = 0; k < part.count; k++) added.push(j++);
    } else {
      pairGap(prev, curr, removed, added, prevPartner, currPartner);
      removed = [];
      added = [];
      for (let k = 0; k < part.count; k++) {
        prevPartner[i] = j;
        currPartner[j] = i;
        i++;
        j++;
      }
    }
  }
  pairGap(prev, curr, removed, added, prevPartner, currPartner);

  // 3. Collect the changes, each with where it stands in the current version.
  const placed: { at: number; after: number; change: ClauseChange; section: string | null }[] = [];
  curr.forEach((after, a) => {
    const r = currPartner[a] ?? -1;
    const before = r === -1 ? undefined : prev[r];
    const common = {
      id: after.id,
      blockType: after.kind,
      sectionId: after.sectionId,
      sectionTitle: after.sectionTitle,
      isKeyClause: after.isKeyClause,
    };
    if (!before) {
      const change: ClauseAdded = { kind: 'added', ...common, text: after.text, span: after.span };
      placed.push({ at: a, after: -1, change, section: after.sectionId });
      return;
    }
    const statusChanged = before.isKeyClause !== after.isKeyClause;
    if (before.text === after.text && !statusChanged) return;
    const change: ClauseChanged = {
      kind: 'changed',
      ...common,
      previousId: before.id,
      previousText: before.text,
      text: after.text,
      keyClauseStatusChanged: statusChanged,
      span: after.span,
      previousSpan: before.span,
      words: wordChanges(before.text, after.text),
    };
    placed.push({ at: a, after: -1, change, section: after.sectionId });
  });
  // A removed block stands right after the current partner of the nearest kept block before it.
  let anchor = -1;
  prev.forEach((before, r) => {
    const partner = prevPartner[r] ?? -1;
    if (partner !== -1) {
      anchor = partner;
      return;
    }
    const change: ClauseRemoved = {
      kind: 'removed',
      id: before.id,
      blockType: before.kind,
      sectionId: before.sectionId,
      sectionTitle: before.sectionTitle,
      isKeyClause: before.isKeyClause,
      text: before.text,
      previousSpan: before.span,
    };
    const section = anchor === -1 ? null : (curr[anchor]?.sectionId ?? null);
    placed.push({ at: anchor, after: r, change, section });
  });
  // Removed ones (after ≥ 0) go after the block they follow, in their previous order.
  placed.sort((x, y) => x.at - y.at || x.after - y.after);

  const sections = new Set<string>();
  for (const { change, section } of placed) {
    result.changes.push(change);
    result.summary[change.kind]++;
    if (change.isKeyClause || (change.kind === 'changed' && change.keyClauseStatusChanged)) {
      result.keyClausesChanged = true;
    }
    if (section !== null) sections.add(section);
  }
  // Document order of the current version's sections, not the order changes were met.
  for (const block of curr) {
    if (block.kind === 'heading' && sections.has(block.id)) result.changedSectionIds.push(block.id);
  }
  return result;
}
