/**
 * Clause ids, key clauses, and every block with its id (what `diffAgreements` compares).
 */
import type { AgreementSection, KeyClause, KeyClauseTag, SourceSpan } from '../types';
import { AgreementError, got } from './errors';
import { walk, collapse, type Walk } from './tree';

/** A clause's own number, as written: "2.4", "1.This" → "1", "3)" → "3". */
const CLAUSE_NUMBER = /^(\d+(?:\.\d+)*)[.)]?(?!\d)/;

/**
 * Gives every block its plain text and its id path, and every key (bold) block its clause id.
 * The one place the id rules live: `keyClauses` and `blocksOf` both read ids from here.
 * @returns per block (in `walk.blocks` order) its plain text and, for key blocks, its id.
 */
function identify({ sections, blocks }: Walk): { texts: string[]; keyIds: (string | null)[] } {
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

// ---------------------------------------------------------------------------------------------
// Every block (internal: for diffAgreements, not exported from the package)
// ---------------------------------------------------------------------------------------------

/** A heading, a paragraph outside list items, or a list item (its own text, nested items apart). */
export interface AgreementBlock {
  /** What kind of block it is. */
  kind: 'heading' | 'paragraph' | 'listItem';
  /**
   * A heading's id is its section's id. Any other block's id follows the key-clause rule, so a
   * key clause has exactly its `KeyClause.id`; a non-key block whose id is already taken (only
   * when two blocks of a section carry the same number) gets the next free `_2`, `_3`… suffix.
   */
  id: string;
  /** Plain text (markup removed, whitespace collapsed); a heading's is its title. */
  text: string;
  /** Whether it is a key clause (contains bold text). Headings never are. */
  isKeyClause: boolean;
  /** The section it stands in (a heading: its own section), or null before any heading. */
  sectionId: string | null;
  /** The plain text of that section's heading, or null. */
  sectionTitle: string | null;
  /** Where the block stands in the markdown (a list item's span includes its nested items). */
  span: SourceSpan;
}

/**
 * Every block of an agreement, in document order, with stable ids: what `diffAgreements`
 * compares. Re-walks `agreement.markdown` (an `Agreement` is plain data, so it carries no tree).
 */
export function blocksOf(agreement: { readonly markdown: string }): AgreementBlock[] {
  const tree = walk(agreement.markdown);
  const { texts, keyIds } = identify(tree);
  const taken = new Set<string>();
  for (const id of keyIds) if (id !== null) taken.add(id);

  const result: AgreementBlock[] = [];
  let h = 0;
  const { sections, blocks } = tree;
  blocks.forEach((block, i) => {
    // Headings and blocks are each in document order; merge them by where they start.
    for (let s = sections[h]; s && s.span.start < block.span.start; s = sections[++h]) {
      result.push(headingBlock(s));
    }
    const section = sections[block.section];
    let id = keyIds[i] ?? null;
    if (id === null) {
      const base = `${section?.id ?? 'preamble'}--${block.path}`;
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
      taken.add(id);
    }
    result.push({
      kind: block.kind,
      id,
      text: texts[i] ?? '',
      isKeyClause: keyIds[i] != null,
      sectionId: section?.id ?? null,
      sectionTitle: section?.title ?? null,
      span: block.span,
    });
  });
  for (let s = sections[h]; s; s = sections[++h]) result.push(headingBlock(s));
  return result;
}

function headingBlock(section: AgreementSection): AgreementBlock {
  const { id, title, span } = section;
  return {
    kind: 'heading',
    id,
    text: title,
    isKeyClause: false,
    sectionId: id,
    sectionTitle: title,
    span,
  };
}
