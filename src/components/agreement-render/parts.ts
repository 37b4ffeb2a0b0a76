/**
 * Agreements longer than a few screens: a rehype plugin that groups the rendered agreement's
 * top-level blocks into parts (a new one at each heading that follows text, and after
 * PART_BLOCKS blocks), so the first render mounts only the first screens' parts and the last
 * (progressive.tsx). In long documents (`skipOffscreen`, from LONG_AGREEMENT_CHARS) the
 * stylesheet also gives every part but the last `content-visibility: auto`: the browser then
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
 * Agreements at least this long (characters of markdown: some 130 estimated lines, five screens
 * of the modal's agreement) are rendered in parts, and the first render mounts only the first
 * screens' parts and the last (see progressive.tsx); the Instadesk Terms (31 KB) are. Shorter
 * ones render every block at once: there is little to hold back.
 */
export const PARTS_ABOVE_CHARS = 8 * 1024;

/**
 * Agreements at least this long (twice the Instadesk Terms) also skip the layout of parts off
 * screen (`content-visibility: auto`). Shorter ones lay out every part once mounted: their
 * sizes are then exact, so a smooth scroll (End, a jump to a clause) lands where it aimed,
 * rather than beside it as parts on its way take their real sizes in place of estimates.
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

/** Options of `rehypeAgreementParts`. */
export interface AgreementPartsOptions {
  /** Mark the parts `data-skip-offscreen`, laid out only near the screen (long documents). */
  skipOffscreen?: boolean;
}

/**
 * Wraps the root's blocks in parts: `<div data-agreement-part data-part-start="heading|text"
 * data-part-index="0…" data-part-lines-before="…">` (with `data-skip-offscreen` if asked), the
 * last with `data-part-last` (the view reads the index, the lines before and the last flag, and
 * does not put them in the DOM).
 */
export const rehypeAgreementParts: Plugin<[AgreementPartsOptions?], Root> = function rehypeAgreementParts(
  options = {},
) {
  return (tree: Root) => {
    const parts: Element[] = [];
    let current: Element | null = null;
    let blocks = 0;
    let lines = 0;
    let linesBefore = 0;
    let sawText = false;
    const close = () => {
      if (!current) return;
      current.properties['style'] = `--rcw-part-lines: ${Math.max(1, lines)}`;
      // Where the part starts, in estimated lines: the first screens mount with the first render.
      current.properties['dataPartLinesBefore'] = linesBefore;
      linesBefore += Math.max(1, lines);
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
          properties: {
            dataAgreementPart: '',
            dataPartStart: heading ? 'heading' : 'text',
            dataSkipOffscreen: options.skipOffscreen ? '' : undefined,
          },
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
