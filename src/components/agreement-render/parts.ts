/**
 * Long documents: a rehype plugin that groups the rendered agreement's top-level blocks into
 * parts (a new one at each heading that follows text, and after PART_BLOCKS blocks), so the
 * stylesheet can give every part but the last `content-visibility: auto`. The browser then
 * skips style, layout and paint of the parts off screen; they stay in the DOM, so find in page,
 * copying, printing and screen readers still get the whole text.
 *
 * Each part carries an estimate of its height in lines (`--rcw-part-lines`), used as its
 * intrinsic size until it has been rendered once (then the browser remembers the real size), so
 * the scroll extent is close from the start. The last part is never skipped: the end marker sits
 * right after real content, so the end is reached only when the last line is on screen.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Plugin } from 'unified';

/**
 * Agreements at least this long (characters of markdown, twice the Instadesk Terms) are rendered
 * in parts; shorter ones render as before, every block laid out (there is little to skip).
 */
export const LONG_AGREEMENT_CHARS = 64 * 1024;

/** Most top-level blocks in one part (a long run without headings is still split). */
export const PART_BLOCKS = 24;
/** Characters per line assumed by the estimate (the text column is at most 72ch wide). */
const CHARS_PER_LINE = 64;

/** Characters of text under `node`. */
function textLength(node: RootContent | ElementContent): number {
  if (node.type === 'text') return node.value.length;
  if (node.type !== 'element') return 0;
  let total = 0;
  for (const child of node.children) total += textLength(child);
  return total;
}

/** Lines a block takes, roughly: wrapped text, list items on lines of their own, a gap after. */
function estimateLines(node: Element): number {
  let items = 0;
  const countItems = (el: Element) => {
    for (const child of el.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'li') items++;
      countItems(child);
    }
  };
  countItems(node);
  return Math.ceil(textLength(node) / CHARS_PER_LINE) + items + 1;
}

const isHeading = (node: Element) => /^h[1-6]$/.test(node.tagName);

/**
 * Wraps the root's blocks in parts: `<div data-agreement-part data-part-start="heading|text"
 * data-part-index="0…">`, the last with `data-part-last`.
 */
export const rehypeAgreementParts: Plugin<[], Root> = function rehypeAgreementParts() {
  return (tree: Root) => {
    const parts: Element[] = [];
    let current: Element | null = null;
    let blocks = 0;
    let lines = 0;
    let sawText = false;
    const close = () => {
      if (!current) return;
      current.properties['style'] = `--rcw-part-lines: ${Math.max(1, lines)}`;
      parts.push(current);
      current = null;
    };
    for (const node of tree.children) {
      if (node.type !== 'element') {
        // Whitespace between blocks: kept inside the part it follows.
        current?.children.push(node as ElementContent);
        continue;
      }
      const heading = isHeading(node);
      if (current && ((heading && sawText) || blocks >= PART_BLOCKS)) close();
      if (!current) {
        current = {
          type: 'element',
          tagName: 'div',
          properties: { dataAgreementPart: '', dataPartStart: heading ? 'heading' : 'text' },
          children: [],
        };
        blocks = 0;
        lines = 0;
        sawText = false;
      }
      current.children.push(node);
      blocks++;
      lines += estimateLines(node);
      if (!heading) sawText = true;
    }
    close();
    parts.forEach((part, index) => {
      part.properties['dataPartIndex'] = index;
      if (index === parts.length - 1) part.properties['dataPartLast'] = '';
    });
    tree.children = parts;
  };
};
