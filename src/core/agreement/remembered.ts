/**
 * The markdown tree of a parsed agreement, kept for the renderer, so an agreement is parsed once:
 * by `parseAgreement`, never again by the view. Not part of `Agreement` itself, which stays plain
 * serialisable data: the tree is held beside it, by the agreement object and, for copies of it
 * (`{ ...agreement, keyClauses }`), by its text.
 *
 * No parser here: `deserializeAgreement` remembers the tree it read, and the view of such an
 * agreement finds it, without the markdown parser (micromark, ~17 KB gzipped) in the bundle.
 * The parse of an agreement without a tree (one copied through JSON) is `treeOf`, in rendered.ts.
 */
import type { Root } from 'mdast';
import type { Agreement } from '../types';

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
 * The tree `parseAgreement` or `deserializeAgreement` made for `agreement` (or for a copy of it,
 * by its text), if any. The tree is shared: callers must not change it.
 */
export function rememberedTree(agreement: Pick<Agreement, 'markdown'>): Root | undefined {
  return byAgreement.get(agreement) ?? byText.get(agreement.markdown);
}
