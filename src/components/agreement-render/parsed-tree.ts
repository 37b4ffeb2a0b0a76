/**
 * Parse once: a remark plugin that hands react-markdown the tree `parseAgreement` already made
 * in place of parsing the markdown again. react-markdown stays the renderer: the tree goes
 * through remark-rehype, its `urlTransform`, `skipHtml` and the components map as parsed text
 * would.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';

/** Replaces remark-parse's parser (set before the plugins run) with one returning `tree`. */
export const remarkParsedTree: Plugin<[Root], string, Root> = function remarkParsedTree(tree) {
  this.parser = () => tree;
};
