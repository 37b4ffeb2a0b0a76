/**
 * The markdown as the rules see it: the mdast tree, and each paragraph or heading flattened to
 * plain text in which every character remembers where it came from and whether it is bold.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Heading, Nodes, Paragraph, PhrasingContent } from 'mdast';

/** A paragraph or heading as plain text, with per-character source offsets and bold flags. */
export interface FlatText {
  /** The text a reader sees (escapes resolved, markup removed). */
  text: string;
  /** For each character of `text`, its offset in the markdown source. */
  offsets: number[];
  /** For each character of `text`, whether it is inside `**strong**`. */
  bold: boolean[];
}

/** A paragraph or heading of the agreement, in document order. */
export interface Block {
  /** The mdast node. */
  node: Paragraph | Heading;
  /** Its text. */
  flat: FlatText;
  /** The leading clause number ("2.4", "1.", "3)", "IV.") or "" when the block has none. */
  number: string;
  /** Index in `flat.text` where the wording after the clause number starts. */
  bodyStart: number;
}

/** The parsed agreement. */
export interface LintSource {
  /** The markdown text. */
  markdown: string;
  /** The mdast tree. */
  tree: Nodes;
  /** Paragraphs and headings, in document order (code, HTML and the like are left out). */
  blocks: Block[];
  /** 1-based line and column of a source offset. */
  locate: (offset: number) => { line: number; column: number };
}

/**
 * A clause number at the start of a block: dotted ("2.4", "1.2.3"), "1." / "1)" / "(1)",
 * a letter "(a)" / "a)", a lowercase Roman "(iv)", or an uppercase Roman "IV." (headings).
 */
export const NUMBER_TOKEN =
  /^(?:\d+(?:\.\d+)+\.?|\d+[.)]|\(\d+\)|\([a-z]\)|[a-z]\)|\((?:[ivx]+)\)|[IVXLC]+\.(?=\s))/;

/**
 * Default longest markdown `lintAgreement` accepts (256 KiB; the Instadesk Terms are 30 KB).
 * The markdown parser's cost grows with the square of a long list's length (about 15 s for
 * 600 KB of list items on a busy CI machine), so longer input is refused, not parsed slowly.
 */
export const MAX_LINT_LENGTH = 256 * 1024;

/** Parses `markdown` once for every rule. */
export function readSource(markdown: string): LintSource {
  const tree = fromMarkdown(markdown);
  // A trailing "Plain-language summaries" section is not the agreement's text (parseAgreement
  // cuts it off): its plain words are summaries, not clauses to hold to the bold rule.
  const summaries = tree.children.findIndex(
    (node) =>
      node.type === 'heading' &&
      /^\s*plain-language summaries\s*$/i.test(
        node.children.map((c) => ('value' in c ? c.value : '')).join(''),
      ),
  );
  if (summaries !== -1) tree.children.length = summaries;
  const lineStarts = [0];
  for (let i = 0; i < markdown.length; i++) if (markdown[i] === '\n') lineStarts.push(i + 1);
  const locate = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
  const blocks: Block[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const flat: FlatText = { text: '', offsets: [], bold: [] };
      for (const child of node.children) flatten(child, markdown, false, flat);
      const lead = /^\s*/.exec(flat.text)?.[0].length ?? 0;
      const number = NUMBER_TOKEN.exec(flat.text.slice(lead))?.[0] ?? '';
      const after = flat.text.slice(lead + number.length);
      const bodyStart = lead + number.length + (/^\s*/.exec(after)?.[0].length ?? 0);
      blocks.push({ node, flat, number, bodyStart });
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return { markdown, tree, blocks, locate };
}

function flatten(node: PhrasingContent, source: string, bold: boolean, out: FlatText): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      push(out, node.value, node.position?.start.offset, node.position?.end.offset, source, bold);
      return;
    case 'break':
      push(out, '\n', node.position?.start.offset, node.position?.end.offset, source, bold);
      return;
    case 'strong':
      for (const child of node.children) flatten(child, source, true, out);
      return;
    default:
      if ('children' in node) for (const child of node.children) flatten(child, source, bold, out);
  }
}

/**
 * Appends `value`, mapping each character to the source. A text node's value differs from its
 * source where escapes ("1\."), entities or continuation-line indentation were resolved, so each
 * character is looked for a little ahead in the source instead of assuming one-to-one.
 */
function push(
  out: FlatText,
  value: string,
  start: number | undefined,
  end: number | undefined,
  source: string,
  bold: boolean,
): void {
  let p = start ?? 0;
  const stop = end ?? source.length;
  for (const ch of value) {
    const found = source.slice(p, Math.min(stop, p + 12)).indexOf(ch);
    if (found >= 0) p += found;
    for (let k = 0; k < ch.length; k++) {
      out.text += ch[k];
      out.offsets.push(Math.min(p + k, Math.max(stop - 1, 0)));
      out.bold.push(bold);
    }
    if (found >= 0) p += ch.length;
  }
}
