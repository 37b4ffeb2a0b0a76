/**
 * Clause ids and key clauses, from the walk of a tree (every block with its id, what
 * `diffAgreements` compares, is blocks.ts). No parser here: `deserializeAgreement` uses this.
 */
import type { KeyClause, KeyClauseTag } from '../types';
import { AgreementError, got } from './errors';
import { collapse, type Walk } from './tree';

/** A clause's own number, as written: "2.4", "1.This" → "1", "3)" → "3". */
const CLAUSE_NUMBER = /^(\d+(?:\.\d+)*)[.)]?(?!\d)/;

/**
 * Gives every block its plain text and its id path, and every key (bold) block its clause id.
 * The one place the id rules live: `keyClauses` and `blocksOf` both read ids from here.
 * @returns per block (in `walk.blocks` order) its plain text and, for key blocks, its id.
 */
export function identify({ sections, blocks }: Walk): { texts: string[]; keyIds: (string | null)[] } {
  const texts: string[] = [];
  const keyIds: (string | null)[] = [];
  /** Un-numbered top-level blocks seen per section (index + 1, so 0 is the preamble). */
  const unnumbered = new Array<number>(sections.length + 1).fill(0);
  const idCounts = new Map<string, number>();

  for (const block of blocks) {
    const text = collapse(block.text);
    texts.push(text);
    const number = CLAUSE_NUMBER.exec(text)?.[1];
    let token: string;
    if (number !== undefined) token = number.slice(0, 32).replace(/\./g, '-');
    else if (block.ordinal !== null) token = String(block.ordinal);
    else if (block.parent) token = `p${++block.parent.unnumbered}`;
    else token = `p${(unnumbered[block.section + 1] = (unnumbered[block.section + 1] ?? 0) + 1)}`;
    block.path = block.parent ? `${block.parent.path}--${token}` : token;
    if (!block.hasStrong) {
      keyIds.push(null);
      continue;
    }

    let id = `${sections[block.section]?.id ?? 'preamble'}--${block.path}`;
    const seen = idCounts.get(id) ?? 0;
    idCounts.set(id, seen + 1);
    // '_' never occurs in slugs or tokens, so a suffixed id cannot collide with another clause's.
    if (seen > 0) id = `${id}_${seen + 1}`;
    keyIds.push(id);
  }
  return { texts, keyIds };
}

export function keyClauses(
  tree: Walk,
  tagClause: (clause: Readonly<Omit<KeyClause, 'tags'>>) => readonly KeyClauseTag[],
): KeyClause[] {
  const { texts, keyIds } = identify(tree);
  const clauses: KeyClause[] = [];
  tree.blocks.forEach((block, i) => {
    const id = keyIds[i];
    if (id == null) return;
    const section = tree.sections[block.section];
    const clause = {
      id,
      text: texts[i] ?? '',
      boldText: block.bold.filter((part) => part !== '').join(' '),
      sectionId: section?.id ?? null,
      sectionTitle: section?.title ?? null,
      span: block.span,
    };
    const tags = tagClause(clause);
    if (!Array.isArray(tags)) {
      throw new AgreementError(
        'invalid-tag-clause',
        "parseAgreement: `tagClause` must return an array of tags (e.g. [] or ['minors']); " +
          `it returned ${got(tags)} for clause "${id}".`,
      );
    }
    clauses.push({ ...clause, tags: [...new Set(tags)] });
  });
  return clauses;
}
