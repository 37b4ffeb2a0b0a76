/**
 * The one walk of an agreement's markdown tree: its sections (headings), its blocks (paragraphs
 * and list items, the candidates for key clauses), and, when asked, the checks that keep what is
 * hashed equal to what is shown (no raw HTML, no images, no hidden text, something visible).
 *
 * The tree is the one `parseMarkdown` (chunks.ts) makes, the tree the view renders, so every span
 * here is an offset into `agreement.markdown` that a renderer can match against the
 * `node.position` react-markdown hands its components. It is given, never parsed here: this module
 * does not import the parser, so `deserializeAgreement` (which walks the tree it reads) does not
 * bring it into an app's bundle.
 *
 * The tree is walked with an explicit stack rather than recursion: with `limits.maxDepth` raised
 * the parser builds trees thousands of levels deep, and a recursive walk (including
 * `mdast-util-to-string`, which is why it is not used here) would throw a RangeError on them.
 */

import type { Nodes, Root } from 'mdast';
import type { AgreementSection, SourceSpan } from '../types';
import { AgreementError } from './errors';
import { forbiddenAt, referenceTo } from './invisible';

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

/** A paragraph outside list items, or a list item: a candidate key clause. */
export interface Block {
  kind: 'paragraph' | 'listItem';
  /** The enclosing list item, for nested list items. */
  parent: Block | null;
  /** Index of the section it stands in, or -1 before any heading. */
  section: number;
  /** The number an ordered list shows for this item, if any. */
  ordinal: number | null;
  span: SourceSpan;
  text: string[];
  bold: string[];
  hasStrong: boolean;
  /** The id's path below the section: "2-4", "3-1--1", "p2"; set once the walk is done. */
  path: string;
  /** How many un-numbered child items it has had, for their `p` ordinals. */
  unnumbered: number;
}

type Frame =
  | { exit: false; node: Nodes; ordinal: number | null }
  | {
      exit: true;
      node: Nodes;
      item: Block | null;
      block: Block | null;
      text: string[] | null;
    };

/** What the walk found: every heading and every block, in document order. */
export interface Walk {
  sections: AgreementSection[];
  blocks: Block[];
}

/** Turns the walk's checks on: what `parseAgreement` needs, and `blocksOf` does not. */
export interface WalkChecks {
  /** `The agreement "…" version "…"`, for messages. */
  subject: string;
  /** Lines canonicalisation removed from the start, so locations match the text as given. */
  lineOffset: number;
}

/** Collapses whitespace runs to one space and trims, as a reader sees the text. */
export function collapse(parts: readonly string[]): string {
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The slug of a heading: lowercase letters, marks and digits of any script, other runs to '-'. */
function slugify(title: string): string {
  let slug = title.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '-');
  // Long headings would make every clause id in their section long too.
  if (slug.length > 64) {
    slug = slug.slice(0, 64);
    if (/[\uD800-\uDBFF]$/.test(slug)) slug = slug.slice(0, -1);
  }
  slug = slug.replace(/^-+/, '').replace(/-+$/, '');
  return slug === '' ? 'section' : slug;
}

/** Any character a reader can see: not whitespace, not an invisible format character. */
const VISIBLE = /[^\s\p{Cf}]/u;

type RefusedCode = 'raw-html' | 'image' | 'hidden-text';

/** The error for a construct that would be hashed but not shown, located as the author wrote it. */
function refused(
  node: Nodes,
  code: RefusedCode,
  what: string,
  checks: WalkChecks | undefined,
): AgreementError {
  const line = (node.position?.start.line ?? 1) + (checks?.lineOffset ?? 0);
  const column = node.position?.start.column ?? 1;
  const subject = checks?.subject ?? 'The agreement';
  return new AgreementError(code, `${subject}, line ${line}, column ${column}: ${what}`, {
    line,
    column,
  });
}

/** Printable ASCII, tabs and line feeds only: nothing {@link forbiddenAt} refuses. */
const PLAIN = /^[\t\n\x20-\x7e]*$/;
const isPlain = (value: string) => PLAIN.test(value);

/**
 * Refuses a text whose decoded value holds a character an agreement may not contain: written as
 * a character reference, which the scan of the raw text reads as harmless ASCII. Located at the
 * reference when it is found in the text's source, else at the text's start.
 */
function refuseInvisible(node: Nodes & { value: string }, markdown: string, checks: WalkChecks): void {
  const value = node.value;
  for (let i = 0; i < value.length; i++) {
    const forbidden = forbiddenAt(value, i);
    if (!forbidden) continue;
    const from = node.position?.start.offset ?? 0;
    const source = markdown.slice(from, node.position?.end.offset ?? from);
    const reference = referenceTo(source, forbidden.codePoint);
    let line = node.position?.start.line ?? 1;
    let column = node.position?.start.column ?? 1;
    if (reference) {
      const before = source.slice(0, reference.index);
      const breaks = before.split('\n').length - 1;
      line += breaks;
      column = breaks === 0 ? column + reference.index : reference.index - before.lastIndexOf('\n');
    }
    const what = `${forbidden.code === 'control-character' ? 'the control character ' : ''}${forbidden.label}`;
    line += checks.lineOffset;
    throw new AgreementError(
      forbidden.code,
      `${checks.subject}, line ${line}, column ${column}: ` +
        (reference
          ? `the character reference \`${reference.written}\` stands for ${what}. `
          : `the text holds ${what}. `) +
        forbidden.advice,
      { line, column },
    );
  }
}

/**
 * Walks the markdown's tree once. With `checks`, also refuses (with an {@link AgreementError})
 * whatever would be hashed but not shown: raw HTML, images, link titles, unused link
 * definitions, code info strings, and an agreement with no visible character at all.
 * @param root the tree of `markdown` (`parseMarkdown`'s, or one read back by `deserializeAgreement`).
 */
export function walk(markdown: string, checks: WalkChecks | undefined, root: Root): Walk {
  const sections: AgreementSection[] = [];
  const blocks: Block[] = [];
  const slugs = new Set<string>();
  const slugCounts = new Map<string, number>();
  /** Open headings, shallowest first: the parent of a new heading is the last one shallower. */
  const headingPath: AgreementSection[] = [];

  /** Whether any character a reader can see has been met. */
  let visible = false;
  const definitions = new Map<string, Nodes>();
  const referenced = new Set<string>();

  const spanOf = (node: Nodes): SourceSpan => {
    const position = node.position;
    if (!position || position.start.offset === undefined || position.end.offset === undefined) {
      throw new Error(`parseAgreement: the markdown parser gave a ${node.type} no position.`);
    }
    return { start: position.start.offset, end: position.end.offset, line: position.start.line };
  };

  // The innermost list item, the block receiving inline text (null in headings), and where
  // text goes: the block's text, a heading's text, or nowhere (null).
  let item: Block | null = null;
  let block: Block | null = null;
  let text: string[] | null = null;
  let strong: { node: Nodes; text: string[]; block: Block } | null = null;

  const newBlock = (
    node: Nodes & { type: Block['kind'] },
    parent: Block | null,
    ordinal: number | null,
  ): Block => {
    const created: Block = {
      kind: node.type,
      parent,
      section: sections.length - 1,
      ordinal,
      span: spanOf(node),
      text: [],
      bold: [],
      hasStrong: false,
      path: '',
      unnumbered: 0,
    };
    blocks.push(created);
    return created;
  };

  const refuse = (node: Nodes, code: RefusedCode, what: string) => refused(node, code, what, checks);

  const stack: Frame[] = [{ exit: false, node: root, ordinal: null }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const node = frame.node;
    if (frame.exit) {
      if (node.type === 'heading') addSection(node.depth, collapse(text ?? []), spanOf(node));
      if (strong?.node === node) {
        strong.block.bold.push(collapse(strong.text));
        strong = null;
      }
      item = frame.item;
      block = frame.block;
      text = frame.text;
      continue;
    }

    switch (node.type) {
      case 'heading':
        stack.push({ exit: true, node, item, block, text });
        block = null;
        text = [];
        break;
      case 'paragraph': {
        stack.push({ exit: true, node, item, block, text });
        // A paragraph inside a list item is part of the item's clause, not a clause of its own.
        block = item ?? newBlock(node, null, null);
        text = block.text;
        if (text.length > 0) text.push(' ');
        break;
      }
      case 'listItem':
        stack.push({ exit: true, node, item, block, text });
        item = newBlock(node, item, frame.ordinal);
        block = null;
        text = null;
        break;
      case 'strong':
        if (block && !strong) {
          block.hasStrong = true;
          strong = { node, text: [], block };
          stack.push({ exit: true, node, item, block, text });
        }
        break;
      case 'text':
      case 'inlineCode':
        // Raw characters were checked by the scan; a text's value also has its character
        // references decoded (`&#x202E;`), which code spans do not.
        if (checks && node.type === 'text' && !isPlain(node.value)) refuseInvisible(node, markdown, checks);
        if (!visible && VISIBLE.test(node.value)) visible = true;
        text?.push(node.value);
        strong?.text.push(node.value);
        continue;
      case 'break':
        text?.push(' ');
        strong?.text.push(' ');
        continue;
      case 'image':
      case 'imageReference':
        if (checks) {
          throw refuse(
            node,
            'image',
            'an image is not part of the text that is hashed (what it shows can change after the ' +
              'reader agrees), and its alt text is not shown. Write what it says as text, or link ' +
              'to it: `[a description](https://…)`.',
          );
        }
        continue;
      case 'html':
        if (checks) {
          throw refuse(
            node,
            'raw-html',
            `raw HTML (${JSON.stringify(node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value)}) ` +
              'is not shown to the reader, so it cannot be part of what they agree to: write it ' +
              'as markdown, or escape the `<` as `\\<` to show it as text.',
          );
        }
        continue;
      case 'code':
        if (checks && (node.lang || node.meta)) {
          throw refuse(
            node,
            'hidden-text',
            `the info string after the code fence (${JSON.stringify(`${node.lang ?? ''} ${node.meta ?? ''}`.trim())}) ` +
              'is not shown to the reader: remove it.',
          );
        }
        if (!visible && VISIBLE.test(node.value)) visible = true;
        continue;
      case 'definition':
        if (checks && node.title) {
          throw refuse(
            node,
            'hidden-text',
            `the title of the link definition [${node.label ?? node.identifier}] is not shown to ` +
              'the reader (only as a tooltip): remove it, or write it in the text.',
          );
        }
        if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
        continue;
      case 'link':
      case 'linkReference':
        if (checks && node.type === 'link' && node.title) {
          throw refuse(
            node,
            'hidden-text',
            `the link title ${JSON.stringify(node.title)} is not shown to the reader (only as a ` +
              'tooltip): remove it, or write it in the text.',
          );
        }
        if (node.type === 'linkReference') referenced.add(node.identifier);
        break;
      default:
        break;
    }

    if ('children' in node) {
      const children = node.children as readonly Nodes[];
      const first = node.type === 'list' && node.ordered ? (node.start ?? 1) : null;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        const ordinal = first === null ? null : first + i;
        if (checks && child && ordinal !== null) {
          // The number written must be the number shown: markdown numbers a list from its
          // first item, whatever the later items say.
          const offset = child.position?.start.offset ?? 0;
          const written = /^\d+/.exec(markdown.slice(offset, offset + 10))?.[0];
          if (written !== undefined && Number(written) !== ordinal) {
            throw refuse(
              child,
              'hidden-text',
              `this list item is numbered ${written} in the text, but a reader sees ${ordinal} ` +
                '(markdown numbers a list on from its first item): number the items as they are shown.',
            );
          }
        }
        if (child) stack.push({ exit: false, node: child, ordinal });
      }
    }
  }

  if (checks) {
    for (const [identifier, node] of definitions) {
      if (referenced.has(identifier)) continue;
      throw refused(
        node,
        'hidden-text',
        `the link definition [${'label' in node ? (node.label ?? identifier) : identifier}] is ` +
          'never used, so the reader never sees it: remove it.',
        checks,
      );
    }
    if (!visible) {
      throw new AgreementError(
        'no-visible-text',
        `${checks.subject} has no text a reader could see (only markup, empty headings, rules or ` +
          'invisible characters): pass the text they agree to in `markdown`.',
      );
    }
  }
  return { sections, blocks };

  function addSection(depth: number, title: string, span: SourceSpan): void {
    const base = slugify(title);
    let id = base;
    if (slugs.has(id)) {
      let n = slugCounts.get(base) ?? 1;
      do id = `${base}-${++n}`;
      while (slugs.has(id));
      slugCounts.set(base, n);
    }
    slugs.add(id);
    while (headingPath.length > 0 && (headingPath[headingPath.length - 1]?.depth ?? 0) >= depth) {
      headingPath.pop();
    }
    const section: AgreementSection = {
      id,
      title,
      depth,
      parentId: headingPath[headingPath.length - 1]?.id ?? null,
      span,
    };
    headingPath.push(section);
    sections.push(section);
  }
}
