/** `diffAgreements`: aligning two versions' blocks and collecting the clause changes. */
import { diffArrays } from 'diff';
import { AgreementError, blocksOf } from '../agreement';
import type { AgreementBlock } from '../agreement';
import { describe } from '../canonical';
import type { Agreement } from '../types';
import { family, pairGap } from './match';
import type { AgreementDiff, ClauseAdded, ClauseChange, ClauseChanged, ClauseRemoved } from './types';
import { wordChanges } from './words';

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

/**
 * The author's marking of a new version's minor changes (`diffAgreements`' third argument). Kept
 * beside the text, not in it: the text is hashed as shown, and a marking is about a pair of
 * versions, not about what the reader agrees to.
 */
export interface MinorChangesMarking {
  /**
   * The version the marking was written against (the one just before the current). It applies
   * only when `previous.version` is this one: a person who skipped versions also missed changes
   * the marking never saw, so for them every change stays material.
   */
  since: string;
  /**
   * Ids of the changes marked minor (`ClauseChange.id`: the clause's id in the current version,
   * or a removed clause's id in the previous; `removed:<id>` names the removed clause when a
   * clause renumbered into its place has its id), or `'all'`: every change except a key clause's,
   * whose wording is minor only when listed by id.
   */
  ids: readonly string[] | 'all';
}

/** A key clause added or removed, or one brought to or out of attention: never minor. */
const alwaysMaterial = (change: ClauseChange) =>
  change.kind === 'changed' ? change.keyClauseStatusChanged : change.isKeyClause;

function requireMarking(value: unknown): MinorChangesMarking | null {
  if (value === undefined || value === null) return null;
  const m = value as Partial<MinorChangesMarking>;
  const idsOk = m.ids === 'all' || (Array.isArray(m.ids) && m.ids.every((id) => typeof id === 'string'));
  if (typeof m !== 'object' || typeof m.since !== 'string' || m.since.trim() === '' || !idsOk) {
    throw new AgreementError(
      'invalid-input',
      `diffAgreements' minorChanges is ${describe(value)}: pass { since: "<the version it was written against>", ids: ["<change id>", …] or "all" }, or leave it out (every change is then material).`,
    );
  }
  return m as MinorChangesMarking;
}

/**
 * The change a marking's id names: a change in the current version with that id, else a removed
 * clause with it; `removed:<id>` names the removed clause (its id may now be another clause's,
 * one renumbered into its place).
 */
function changeNamed(changes: readonly ClauseChange[], name: string): ClauseChange | undefined {
  if (name.startsWith('removed:')) {
    const id = name.slice('removed:'.length);
    return changes.find((c) => c.kind === 'removed' && c.id === id);
  }
  return changes.find((c) => c.kind !== 'removed' && c.id === name) ?? changes.find((c) => c.id === name);
}

/** Marks each change material or minor, as the author marked them (see {@link MinorChangesMarking}). */
function applyMarking(result: AgreementDiff, marking: MinorChangesMarking | null): void {
  const applies = marking !== null && marking.since === result.from.version;
  const minor = new Set<ClauseChange>();
  if (applies && marking.ids !== 'all') {
    for (const id of marking.ids) {
      const change = changeNamed(result.changes, id);
      if (!change) {
        throw new AgreementError(
          'invalid-input',
          `diffAgreements' minorChanges marks ${JSON.stringify(id)} minor, but no change between versions ${JSON.stringify(result.from.version)} and ${JSON.stringify(result.to.version)} has that id. The changes are: ${
            result.changes
              .map((c) => JSON.stringify(c.kind === 'removed' ? `removed:${c.id}` : c.id))
              .join(', ') || 'none'
          }.`,
        );
      }
      if (alwaysMaterial(change)) {
        throw new AgreementError(
          'invalid-input',
          `diffAgreements' minorChanges marks ${JSON.stringify(id)} minor, but it ${
            change.kind === 'changed'
              ? 'became or stopped being a key (bold) clause'
              : `is a key clause ${change.kind}`
          }: what the agreement brings to the reader's attention changed, so it is always material. Remove it from ids.`,
        );
      }
      minor.add(change);
    }
  }
  for (const change of result.changes) {
    // 'all' covers what is not brought to the reader's attention: a key clause's wording is minor
    // only when its id is listed (a typo fixed), never by a blanket marking (a rewrite).
    const marked = applies && (marking.ids === 'all' ? !change.isKeyClause : minor.has(change));
    change.materiality = marked && !alwaysMaterial(change) ? 'minor' : 'material';
  }
  result.changeKind =
    result.changes.length === 0
      ? 'none'
      : result.changes.some((c) => c.materiality === 'material')
        ? 'material'
        : 'minor';
}

/**
 * What a block shows beyond its plain text, whitespace and italics aside: its own markdown (link
 * destinations, which words are bold, a list item's number, a heading's level), without the
 * blocks nested in it (a list item's sub-items), and the markdown before it that is no block of
 * its own (a code block, a rule, a link definition): a change there is placed on the block after
 * it. The last block also owns what follows it.
 */
function sourcesOf(markdown: string, blocks: readonly AgreementBlock[]): string[] {
  const order = blocks.map((_, i) => i).sort((x, y) => blocks[x]!.span.start - blocks[y]!.span.start);
  const cut: { start: number; end: number }[][] = blocks.map(() => []);
  const before: string[] = blocks.map(() => '');
  const open: number[] = [];
  let topEnd = 0;
  for (const i of order) {
    const { start, end } = blocks[i]!.span;
    while (open.length > 0 && blocks[open.at(-1)!]!.span.end <= start) open.pop();
    const parent = open.at(-1);
    if (parent === undefined) {
      before[i] = markdown.slice(topEnd, start);
      topEnd = Math.max(topEnd, end);
    } else {
      cut[parent]!.push({ start, end });
    }
    open.push(i);
  }
  const last = order.at(-1);
  return blocks.map((block, i) => {
    let own = '';
    let at = block.span.start;
    for (const child of cut[i]!) {
      own += markdown.slice(at, child.start);
      at = Math.max(at, child.end);
    }
    own += markdown.slice(at, block.span.end);
    const after = i === last ? markdown.slice(topEnd) : '';
    // Italics (single * or _) is emphasis, not what the agreement brings to attention: a change
    // of italics alone is not reported; bold (**) is.
    return `${before[i]}\u0000${own}\u0000${after}`
      .replace(/\s+/g, ' ')
      .replace(/(?<!\*)\*(?!\*)|\b_|_\b/g, '');
  });
}

/** The plain-language summary of each key clause, by id, as compared (general and minor variant). */
const summariesOf = (agreement: Agreement) =>
  new Map(
    agreement.keyClauses.map((c) => [
      c.id,
      c.summary ? `${c.summary.general}\u0000${c.summary.minor ?? ''}` : '',
    ]),
  );

/** The equality key of a block for the alignment: its family, key status and text. */
const alignKey = (block: AgreementBlock) => `${family(block)}${block.isKeyClause ? 'k' : '-'}${block.text}`;

// Its documentation is on the public name, in src/core/public/diff.ts.
export function diffAgreements(
  previous: Agreement,
  current: Agreement,
  options: { minorChanges?: MinorChangesMarking | null } = {},
): AgreementDiff {
  requireAgreement(previous, 'previous');
  requireAgreement(current, 'current');
  const marking = requireMarking(options?.minorChanges);
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
    changeKind: 'none',
    summary: { added: 0, removed: 0, changed: 0 },
    changedSectionIds: [],
  };
  const prevSummaries = summariesOf(previous);
  const currSummaries = summariesOf(current);
  const sameSummaries =
    prevSummaries.size === currSummaries.size &&
    [...currSummaries].every(([id, summary]) => prevSummaries.get(id) === summary);
  if (previous.markdown === current.markdown && sameSummaries) {
    applyMarking(result, marking);
    return result;
  }

  const prev = blocksOf(previous);
  const curr = blocksOf(current);
  const prevSources = sourcesOf(previous.markdown, prev);
  const currSources = sourcesOf(current.markdown, curr);
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
      materiality: 'material' as const,
    };
    if (!before) {
      const change: ClauseAdded = { kind: 'added', ...common, text: after.text, span: after.span };
      placed.push({ at: a, after: -1, change, section: after.sectionId });
      return;
    }
    const statusChanged = before.isKeyClause !== after.isKeyClause;
    // The same words may still show differently (a link's destination, the words in bold, a
    // number) or be summarised differently: the reader is shown it as changed.
    const shownTheSame =
      prevSources[r] === currSources[a] &&
      (prevSummaries.get(before.id) ?? '') === (currSummaries.get(after.id) ?? '');
    if (before.text === after.text && !statusChanged && shownTheSame) return;
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
      materiality: 'material',
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
  applyMarking(result, marking);
  return result;
}
