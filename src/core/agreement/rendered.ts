/**
 * The markdown tree of a parsed agreement, kept for the renderer, so an agreement is parsed once:
 * by `parseAgreement`, never again by the view. Not part of `Agreement` itself, which stays plain
 * serialisable data: the tree is held beside it, by the agreement object and, for copies of it
 * (`{ ...agreement, keyClauses }`), by its text.
 */
import type { Root } from 'mdast';
import type { Agreement } from '../types';
import { parseMarkdown } from './chunks';

const byAgreement = new WeakMap<object, Root>();
/** The last few trees by their text: copies of an agreement share its text, not its identity. */
const byText = new Map<string, Root>();
const TEXTS_KEPT = 4;

/** Keeps `tree` as the tree of `agreement` (what `parseAgreement` does with the tree it walked). */
export function rememberTree(agreement: Pick<Agreement, 'markdown'>, tree: Root): void {
  byAgreement.set(agreement, tree);
  byText.delete(agreement.markdown);
  byText.set(agreement.markdown, tree);
  if (byText.size > TEXTS_KEPT) byText.delete(byText.keys().next().value as string);
}

/**
 * The tree of `agreement.markdown`, as `parseAgreement` made it. An agreement that did not come
 * from `parseAgreement` in this JavaScript realm (one that went through JSON) is parsed here,
 * once, with the same parser and the same pieces, so the tree is the same. The tree is shared:
 * callers must not change it.
 */
export function treeOf(agreement: Pick<Agreement, 'markdown'>): Root {
  const tree = byAgreement.get(agreement) ?? byText.get(agreement.markdown);
  if (tree) return tree;
  const parsed = parseMarkdown(agreement.markdown);
  rememberTree(agreement, parsed);
  return parsed;
}
