/**
 * The one markdown parse of an agreement: `mdast-util-from-markdown` (the parser react-markdown
 * uses: plain CommonMark, no GFM), run on pieces of the text cut where the parser's state is
 * known to be empty, joined into one tree whose positions are those of the whole text.
 *
 * Why pieces: micromark copies its whole event list each time a list item closes, and its memory
 * grows with the text, so one parse of a long document costs more than the sum of its pieces
 * (5 MB of list-heavy text: ~8 s instead of ~2 s). Pieces give exactly the tree one parse would:
 * a property test in parse.test.ts compares them node by node.
 */

import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** A piece is cut at the first safe line after this many UTF-16 units… */
const CHUNK_SIZE = 16 * 1024;
/** …or this many lines, whichever comes first (many short lines cost more than few long ones). */
const CHUNK_LINES = 1024;

/**
 * Constructs that can reach across a blank line into a line at column 0 (fenced code, HTML blocks)
 * or that act at a distance (link reference definitions). Their presence anywhere disables cutting.
 */
const UNCUTTABLE = /^[ \t]*(?:`{3}|~{3}|<)|\]:/m;

/**
 * A line that, after a blank line and outside fences and HTML blocks, always starts a new top-level
 * block whatever came before: an ATX heading, a block quote, or a paragraph opening with a letter,
 * a backslash, a number that is not a list marker, or bold text. List markers (which continue a
 * list across blank lines), indentation and the like are excluded.
 */
const SAFE_AFTER_BLANK =
  /(?:#{1,6}(?:[ \t\n]|$)|>|\*\*[^*\s]|[\p{L}\\]|\d+(?![\d.)])|\d+[.)](?=[^ \t\n]))/uy;

/** An ATX heading at column 0: it ends every open block, even without a blank line before it. */
const HEADING = /#{1,6}(?:[ \t\n]|$)/y;

/**
 * Offsets at which the canonical text may be parsed separately: always starts with 0. A cut after
 * a blank line is made at the blank line, so that the piece before ends as the whole text would
 * have it end there (the blank line then opens the next piece).
 */
export function chunkStarts(text: string, size = CHUNK_SIZE, maxLines = CHUNK_LINES): number[] {
  const starts = [0];
  if (text.length <= size || UNCUTTABLE.test(text)) return starts;
  let pieceStart = 0;
  let lines = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    if (lineStart > pieceStart && (lineStart - pieceStart >= size || lines >= maxLines)) {
      let cut = -1;
      if (isAt(HEADING, text, lineStart)) cut = lineStart;
      else if (end === lineStart && end + 1 < text.length && isAt(SAFE_AFTER_BLANK, text, end + 1)) {
        cut = lineStart;
      }
      // The last piece would be too small to be worth a parse of its own.
      if (cut !== -1 && text.length - cut > size / 8) {
        starts.push(cut);
        pieceStart = cut;
        lines = 0;
      }
    }
    lines++;
    lineStart = end + 1;
  }
  return starts;
}

function isAt(pattern: RegExp, text: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(text);
}

/** Moves every position of `node` and its descendants by `offset` units and `lines` lines. */
function shift(root: Nodes, offset: number, lines: number): void {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const position = node.position;
    if (position) {
      position.start.line += lines;
      position.end.line += lines;
      if (position.start.offset !== undefined) position.start.offset += offset;
      if (position.end.offset !== undefined) position.end.offset += offset;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

/**
 * Parses `markdown` (canonical text) into one mdast tree, in pieces where it is long.
 * @param size the size of the pieces (smaller only in tests).
 * @param maxLines the most lines of a piece (smaller only in tests).
 */
export function parseMarkdown(markdown: string, size = CHUNK_SIZE, maxLines = CHUNK_LINES): Root {
  const starts = chunkStarts(markdown, size, maxLines);
  if (starts.length === 1) return fromMarkdown(markdown);
  const root: Root = { type: 'root', children: [] };
  let lineBase = 0;
  for (let c = 0; c < starts.length; c++) {
    const base = starts[c] ?? 0;
    const end = starts[c + 1] ?? markdown.length;
    const chunk = markdown.slice(base, end);
    const tree = fromMarkdown(chunk);
    if (base > 0) shift(tree, base, lineBase);
    for (const child of tree.children) root.children.push(child);
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lineBase++;
  }
  // As one parse gives it: from the start to just past the last character.
  const lastLineStart = markdown.lastIndexOf('\n', markdown.length - 1) + 1;
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: lineBase + 1, column: markdown.length - lastLineStart + 1, offset: markdown.length },
  };
  return root;
}
