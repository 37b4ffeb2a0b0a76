/**
 * The tree of any agreement, parsed here when none is remembered (remembered.ts). This module
 * imports the markdown parser: only what may meet an agreement without a tree imports it (the
 * view, `serializeAgreement`, `blocksOf`), never `deserializeAgreement`.
 */
import type { Root } from 'mdast';
import type { Agreement } from '../types';
import { parseMarkdown } from './chunks';
import { rememberedTree, rememberTree } from './remembered';

/**
 * The tree of `agreement.markdown`, as `parseAgreement` (or `deserializeAgreement`) made it. An
 * agreement that did not come from either in this JavaScript realm (one that went through JSON)
 * is parsed here, once, with the same parser and the same pieces, so the tree is the same. The
 * tree is shared: callers must not change it.
 */
export function treeOf(agreement: Pick<Agreement, 'markdown'>): Root {
  const tree = rememberedTree(agreement);
  if (tree) return tree;
  const parsed = parseMarkdown(agreement.markdown);
  rememberTree(agreement, parsed);
  return parsed;
}
