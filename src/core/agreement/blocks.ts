/**
 * Every block of an agreement with its id: what `diffAgreements` compares (internal, not exported
 * from the package). Apart from clauses.ts because it may parse (an agreement without a tree),
 * which `deserializeAgreement` never does.
 */
import type { AgreementSection, SourceSpan } from '../types';
import { identify } from './clauses';
import { treeOf } from './rendered';
import { walk } from './tree';

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
 * compares. Walks the tree `parseAgreement` or `deserializeAgreement` made (an `Agreement` is
 * plain data, so it carries none: see rendered.ts), parsing `agreement.markdown` only when there
 * is none.
 */
export function blocksOf(agreement: { readonly markdown: string }): AgreementBlock[] {
  const tree = walk(agreement.markdown, undefined, treeOf(agreement));
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
