/**
 * The one markdown parse of an agreement: `mdast-util-from-markdown` (the parser react-markdown
 * uses: plain CommonMark, no GFM), run on pieces of the text cut where the parser's state is
 * known, joined into one tree whose positions are those of the whole text.
 *
 * Why pieces: micromark copies its whole event list each time a list item closes, so one parse
 * costs time that grows with the square of the list items in it (1,500 items: ~0.3 s; 10,000:
 * ~3 s), and its memory grows with the text. Pieces give exactly the tree one parse would: a
 * property test in parse.test.ts compares them node by node and position by position.
 */

import type { Definition, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { closesFence, fenceAt, type Fence } from './fences';

/** A piece is cut at the first safe line after this many UTF-16 units… */
const CHUNK_SIZE = 16 * 1024;
/** …or this many lines, whichever comes first (many short lines cost more than few long ones). */
const CHUNK_LINES = 256;

/**
 * A line that, after a blank line and outside fences, always starts a new top-level block
 * whatever came before: an ATX heading, a block quote, or a paragraph opening with a letter, a
 * backslash, a number that is not a list marker, or bold text.
 */
const SAFE_AFTER_BLANK = /(?:#{1,6}(?:[ \t\n]|$)|>|\*\*[^*\s]|[\p{L}\\]|\d+(?![\d.)])|\d+[.)](?=[^ \t\n]))/uy;

/** An ATX heading at column 0: it ends every open block, even without a blank line before it. */
const HEADING = /#{1,6}(?:[ \t\n]|$)/y;

/**
 * A list item at column 0 with text after its marker (an empty item cannot interrupt a
 * paragraph): it ends every open block but a list it continues. Thematic breaks are excluded.
 */
const ITEM = /(?:([-+*])|(\d{1,9})([.)]))[ \t]+(?=\S)/y;
/** The marker of any list item, empty ones included. */
const MARKER = /(?:([-+*])|\d{1,9}([.)]))/y;
const THEMATIC_BREAK = /(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$/y;

/** How a piece starts: where, and whether it continues the list the piece before ends with. */
interface Cut {
  /** Offset of the piece's first character (a blank line, or the cut line itself). */
  start: number;
  /** Offset of the list marker the piece starts with, if it starts with a list item. */
  item: number;
  /** The list item must continue a list of the piece before (an ordered item that could be text). */
  mustContinue: boolean;
}

function isAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/** The fence a top-level line opens (up to 3 spaces, then 3 or more ` or ~), if any. */
function opensFence(text: string, start: number, end: number): Fence | null {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  return fenceAt(text, i, end);
}

/**
 * The first line after `from` where a new piece may start, once the piece from `from` holds
 * `size` units or `maxLines` lines; null if none. `from` is 0 or a cut, so no fence is open there.
 * A cut after a blank line is made at the blank line, so the piece before ends as the whole text
 * would have it end there (a list followed by a blank line is loose only if another item follows).
 * @param lazyUntil no ordered item that must continue a list is a cut before this offset.
 */
function nextCut(text: string, from: number, size: number, maxLines: number, lazyUntil: number): Cut | null {
  let lines = 0;
  let fence: Fence | null = null;
  /** Where the run of blank lines before this line starts, or -1. */
  let blankStart = -1;
  for (let lineStart = from; lineStart < text.length;) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (fence) {
      if (closesFence(text, lineStart, end, fence)) fence = null;
    } else if (end === lineStart) {
      if (blankStart === -1) blankStart = lineStart;
      lines++;
      lineStart = next;
      continue;
    } else if (
      lineStart > from &&
      (lineStart - from >= size || lines >= maxLines) &&
      // The last piece would be too small to be worth a parse of its own.
      text.length - lineStart > size / 16
    ) {
      const start = blankStart === -1 ? lineStart : blankStart;
      const item = isAt(ITEM, text, lineStart);
      if (item && !isAt(THEMATIC_BREAK, text, lineStart)) {
        // An ordered item numbered other than `1` cannot interrupt a paragraph (nor, in
        // micromark, indented code, even across blank lines): it is then text of that block,
        // unless it continues a list. Such a cut is checked once both pieces are parsed.
        const mustContinue = item[2] !== undefined && item[2] !== '1';
        if (!mustContinue || lineStart >= lazyUntil) return { start, item: lineStart, mustContinue };
      } else if (
        isAt(HEADING, text, lineStart) ||
        (blankStart !== -1 && isAt(SAFE_AFTER_BLANK, text, lineStart))
      ) {
        return { start, item: -1, mustContinue: false };
      }
    }
    if (!fence) fence = opensFence(text, lineStart, end);
    blankStart = -1;
    lines++;
    lineStart = next;
  }
  return null;
}

/** The marker that makes items belong to one list: `-`, `+`, `*`, or an ordered list's `.` or `)`. */
function markerAt(text: string, offset: number): string {
  const match = isAt(MARKER, text, offset);
  return match ? (match[1] ?? match[2] ?? '') : '';
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

/** Every link definition's label in `root` (at any depth), as written. */
function definitionLabels(root: Root): string[] {
  const labels: string[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition') labels.push((node as Definition).label ?? node.identifier);
    else if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return labels;
}

interface Piece {
  /** The piece's tree, its positions already those of the whole text. */
  tree: Root;
  /** Where the piece starts in the whole text. */
  start: number;
  /** Whether its first list continues the last list of the piece before. */
  continues: boolean;
  /** Whether blank lines separate it from the piece before. */
  blankBefore: boolean;
  /** How it starts. */
  cut: Cut;
  /** Where it ends in the whole text. */
  end: number;
}

/**
 * Parses `markdown` (canonical text) into one mdast tree, in pieces where it is long.
 * @param size the size of the pieces (smaller only in tests).
 * @param maxLines the most lines of a piece (smaller only in tests).
 */
export function parseMarkdown(markdown: string, size = CHUNK_SIZE, maxLines = CHUNK_LINES): Root {
  return parsePieces(markdown, size, maxLines).root;
}

/** {@link parseMarkdown}, also saying where the pieces start (for tests). */
export function parsePieces(
  markdown: string,
  size = CHUNK_SIZE,
  maxLines = CHUNK_LINES,
): { root: Root; starts: number[] } {
  if (nextCut(markdown, 0, size, maxLines, 0) === null) {
    return { root: fromMarkdown(markdown), starts: [0] };
  }

  // A link reference resolves against definitions anywhere in the text: parse again, after
  // every definition's label (and a blank line), each piece that could hold a reference (one
  // with a `[`), then drop those labels.
  let pieces = parseAll(markdown, size, maxLines, '', null);
  const labels = new Set(pieces.flatMap(({ tree }) => definitionLabels(tree)));
  if (labels.size > 0) {
    const appended = `${[...labels].map((label) => `[${label}]: #\n`).join('')}\n`;
    pieces = parseAll(
      markdown,
      size,
      maxLines,
      appended,
      new Map(pieces.map((piece) => [piece.start, piece])),
    );
  }

  const root: Root = { type: 'root', children: [] };
  for (const { tree, continues, blankBefore } of pieces) {
    const [first, ...rest] = tree.children;
    const last = root.children.at(-1);
    if (continues && first?.type === 'list' && last?.type === 'list') {
      // One list cut between two of its items: loose if either half is, or if a blank line
      // separates the halves.
      last.children.push(...first.children);
      last.spread = Boolean(last.spread || first.spread || blankBefore);
      if (last.position && first.position) last.position.end = first.position.end;
      root.children.push(...rest);
    } else {
      root.children.push(...tree.children);
    }
  }
  // As one parse gives it: from the start to just past the last character.
  const lastLineStart = markdown.lastIndexOf('\n') + 1;
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: {
      line: countLines(markdown, 0, markdown.length) + 1,
      column: markdown.length - lastLineStart + 1,
      offset: markdown.length,
    },
  };
  return { root, starts: pieces.map((piece) => piece.start) };
}

/** Parses every piece, each shifted to its place in the whole text. */
function parseAll(
  markdown: string,
  size: number,
  maxLines: number,
  appended: string,
  parsed: ReadonlyMap<number, Piece> | null,
): Piece[] {
  const pieces: Piece[] = [];
  let lazyUntil = 0;
  let from = 0;
  // Lines before `from`, counted on from the last piece rather than from the start.
  let counted = { offset: 0, lines: 0 };
  const linesBefore = (offset: number) => {
    if (offset < counted.offset) counted = { offset: 0, lines: 0 };
    counted = { offset, lines: counted.lines + countLines(markdown, counted.offset, offset) };
    return counted.lines;
  };
  let startCut: Cut = { start: 0, item: -1, mustContinue: false };
  while (from < markdown.length) {
    const cut = nextCut(markdown, from, size, maxLines, lazyUntil);
    const end = cut?.start ?? markdown.length;
    const before = parsed?.get(from);
    const tree =
      before && before.end === end && !markdown.slice(from, end).includes('[')
        ? before.tree
        : parsePiece(markdown, from, end, appended, linesBefore(from));
    const previous = pieces.at(-1);
    const last = previous?.tree.children.at(-1);
    const continues =
      startCut.item !== -1 &&
      last?.type === 'list' &&
      markerAt(markdown, last.position?.start.offset ?? 0) === markerAt(markdown, startCut.item);
    if (previous && startCut.mustContinue && !continues) {
      // Lazy text after all: parse again from the piece before, with no such cut until the
      // paragraph ends (a blank line), so a long paragraph is parsed again only once.
      pieces.pop();
      from = previous.start;
      const blank = markdown.indexOf('\n\n', startCut.item);
      lazyUntil = blank === -1 ? markdown.length : blank;
      startCut = previous.cut;
      continue;
    }
    pieces.push({
      tree,
      start: from,
      continues,
      blankBefore: startCut.item !== -1 && startCut.start !== startCut.item,
      cut: startCut,
      end,
    });
    if (!cut) break;
    from = cut.start;
    startCut = cut;
  }
  return pieces;
}

/**
 * One piece's tree, its positions those of the whole text. `prefix` (definitions, then a blank
 * line, after which the piece starts as a document does) is parsed first and dropped.
 */
function parsePiece(markdown: string, from: number, to: number, prefix: string, lineBase: number): Root {
  const tree = fromMarkdown(prefix + markdown.slice(from, to));
  if (prefix) {
    let appended = 0;
    while ((tree.children[appended]?.position?.start.offset ?? Infinity) < prefix.length) appended++;
    tree.children.splice(0, appended);
  }
  if (from > 0 || prefix) shift(tree, from - prefix.length, lineBase - countLines(prefix, 0, prefix.length));
  return tree;
}

/** Line feeds in `text` between `from` and `to`. */
function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
