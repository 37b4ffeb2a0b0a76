/**
 * Parsing an agreement: its canonical markdown, its sections (headings) and its key clauses (the
 * paragraphs and list items it brings to the reader's attention in bold).
 *
 * Framework-free: the markdown is parsed with `mdast-util-from-markdown`, the parser react-markdown
 * uses (plain CommonMark, no GFM), so every span here is an offset into `agreement.markdown` that a
 * renderer can match against the `node.position` react-markdown hands its components.
 *
 * The tree is walked once, with an explicit stack rather than recursion: the parser builds trees
 * thousands of levels deep from inputs like `>>>>…` or `****…`, and a recursive walk (including
 * `mdast-util-to-string`, which is why it is not used here) would throw a RangeError on them.
 */

import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';
import { CANONICALIZATION_VERSION, canonicalizeAgreement, describe } from './canonical';
import type {
  Agreement,
  AgreementInput,
  AgreementSection,
  KeyClause,
  KeyClauseTag,
  SourceSpan,
} from './types';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Why an {@link AgreementError} was thrown, so callers branch on a code, not on prose. */
export type AgreementErrorCode =
  | 'invalid-input'
  | 'invalid-id'
  | 'invalid-version'
  | 'invalid-markdown'
  | 'empty-agreement'
  | 'invalid-title'
  | 'invalid-language'
  | 'invalid-effective-date'
  | 'invalid-tag-clause'
  /** `diffAgreements` was given versions of two different agreements (their ids differ). */
  | 'different-agreements';

/** One error type for every bad agreement input, whose message says what to pass instead. */
export class AgreementError extends Error {
  /** Stable reason for the failure, safe to branch on or to log. */
  readonly code: AgreementErrorCode;
  override name = 'AgreementError';

  constructor(code: AgreementErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** An unexpected value, shown in an error message. */
function got(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === '') return 'an empty string';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value === 'function' ? 'a function' : describe(value);
}

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

/**
 * Words that mark a clause about minors or their guardians. English only. "minor" used as an
 * adjective ("minor changes") and "parent" of a company are left out, as are "under 30 days" and
 * the like (only ages up to 21 count).
 */
const MINORS = new RegExp(
  [
    String.raw`\bminors?\b(?!\s+(?:changes?|modifications?|updates?|amendments?|revisions?|corrections?|edits?|adjustments?|versions?|errors?|defects?|issues?|bugs?)\b)`,
    String.raw`\bunder\s+(?:the\s+age\s+of|[1-9]|1\d|2[01]|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty(?:-one)?)\b`,
    String.raw`\bage\s+of\s+majority\b`,
    String.raw`\bguardian(?:s|ship)?\b`,
    String.raw`\bparents?\b(?!\s+(?:compan(?:y|ies)|entit(?:y|ies)|organi[sz]ations?|corporations?|undertakings?)\b)`,
    String.raw`\bparental\b`,
    String.raw`\bchild(?:ren)?\b`,
  ].join('|'),
  'i',
);

/** The default key-clause tagger (English only), exported so an app's `tagClause` can extend it. */
export function defaultTagClause(clause: { readonly text: string }): KeyClauseTag[] {
  return MINORS.test(clause.text) ? ['minors'] : [];
}

// ---------------------------------------------------------------------------------------------
// Chunking
// ---------------------------------------------------------------------------------------------

/**
 * micromark's container handling copies the whole event list each time a list item or block quote
 * closes, so one parse of a long document costs time quadratic in its length (5 MB of list-heavy
 * text: ~8 s instead of ~2 s). Parsing it in pieces of about this size, cut only where the parser's
 * state is known to be empty, keeps the cost linear and gives exactly the same tree.
 */
const CHUNK_SIZE = 16 * 1024;

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
const SAFE_LINE =
  /(?:#{1,6}(?:[ \t\n]|$)|>|\*\*[^*\s]|[\p{L}\\]|\d+(?![\d.)])|\d+[.)](?=[^ \t\n]))/uy;

/** Offsets at which the canonical text may be parsed separately: always starts with 0. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  if (text.length <= CHUNK_SIZE * 2 || UNCUTTABLE.test(text)) return starts;
  let from = CHUNK_SIZE;
  for (;;) {
    const blank = text.indexOf('\n\n', from);
    if (blank === -1 || text.length - blank <= CHUNK_SIZE) return starts;
    const lineStart = blank + 2;
    SAFE_LINE.lastIndex = lineStart;
    if (SAFE_LINE.test(text)) {
      starts.push(lineStart);
      from = lineStart + CHUNK_SIZE;
    } else {
      from = blank + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

/** A paragraph outside list items, or a list item: a candidate key clause. */
interface Block {
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

interface Walk {
  sections: AgreementSection[];
  blocks: Block[];
}

/** Collapses whitespace runs to one space and trims, as a reader sees the text. */
function collapse(parts: readonly string[]): string {
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

function walk(markdown: string): Walk {
  const sections: AgreementSection[] = [];
  const blocks: Block[] = [];
  const slugs = new Set<string>();
  const slugCounts = new Map<string, number>();
  /** Open headings, shallowest first: the parent of a new heading is the last one shallower. */
  const headingPath: AgreementSection[] = [];

  const starts = chunkStarts(markdown);
  let lineBase = 0;
  for (let c = 0; c < starts.length; c++) {
    const base = starts[c] ?? 0;
    const end = starts[c + 1] ?? markdown.length;
    const chunk = base === 0 && end === markdown.length ? markdown : markdown.slice(base, end);
    const spanOf = (node: Nodes): SourceSpan => {
      const position = node.position;
      if (!position || position.start.offset === undefined || position.end.offset === undefined) {
        throw new Error(`parseAgreement: the markdown parser gave a ${node.type} no position.`);
      }
      return {
        start: base + position.start.offset,
        end: base + position.end.offset,
        line: lineBase + position.start.line,
      };
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

    const stack: Frame[] = [{ exit: false, node: fromMarkdown(chunk), ordinal: null }];
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
          text?.push(node.value);
          strong?.text.push(node.value);
          continue;
        case 'break':
          text?.push(' ');
          strong?.text.push(' ');
          continue;
        case 'image':
        case 'imageReference':
          if (node.alt) {
            text?.push(node.alt);
            strong?.text.push(node.alt);
          }
          continue;
        default:
          break;
      }

      if ('children' in node) {
        const children = node.children as readonly Nodes[];
        const first = node.type === 'list' && node.ordered ? (node.start ?? 1) : null;
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          const ordinal = first === null ? null : first + i;
          if (child) stack.push({ exit: false, node: child, ordinal });
        }
      }
    }

    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lineBase++;
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

// ---------------------------------------------------------------------------------------------
// Ids and clauses
// ---------------------------------------------------------------------------------------------

/** A clause's own number, as written: "2.4", "1.This" → "1", "3)" → "3". */
const CLAUSE_NUMBER = /^(\d+(?:\.\d+)*)[.)]?(?!\d)/;

/**
 * Gives every block its plain text and its id path, and every key (bold) block its clause id.
 * The one place the id rules live: `keyClauses` and `blocksOf` both read ids from here.
 * @returns per block (in `walk.blocks` order) its plain text and, for key blocks, its id.
 */
function identify({ sections, blocks }: Walk): { texts: string[]; keyIds: (string | null)[] } {
  const texts: string[] = [];
  const keyIds: (string | null)[] = [];
  /** Un-numbered top-level blocks seen per section (index + 1, so 0 is the preamble). */
  const unnumbered = new Array<number>(sections.length + 1).fill(0);
  const idCounts = new Map<string, number>();

  for (const block of blocks) {
    const text = collapse(block.text);
    texts.push(text);
    const number = CLAUSE_NUMBER.exec(text)?.[1];
    let token: string;
    if (number !== undefined) token = number.slice(0, 32).replace(/\./g, '-');
    else if (block.ordinal !== null) token = String(block.ordinal);
    else if (block.parent) token = `p${++block.parent.unnumbered}`;
    else token = `p${(unnumbered[block.section + 1] = (unnumbered[block.section + 1] ?? 0) + 1)}`;
    block.path = block.parent ? `${block.parent.path}--${token}` : token;
    if (!block.hasStrong) {
      keyIds.push(null);
      continue;
    }

    let id = `${sections[block.section]?.id ?? 'preamble'}--${block.path}`;
    const seen = idCounts.get(id) ?? 0;
    idCounts.set(id, seen + 1);
    // '_' never occurs in slugs or tokens, so a suffixed id cannot collide with another clause's.
    if (seen > 0) id = `${id}_${seen + 1}`;
    keyIds.push(id);
  }
  return { texts, keyIds };
}

function keyClauses(
  tree: Walk,
  tagClause: (clause: Readonly<Omit<KeyClause, 'tags'>>) => readonly KeyClauseTag[],
): KeyClause[] {
  const { texts, keyIds } = identify(tree);
  const clauses: KeyClause[] = [];
  tree.blocks.forEach((block, i) => {
    const id = keyIds[i];
    if (id == null) return;
    const section = tree.sections[block.section];
    const clause = {
      id,
      text: texts[i] ?? '',
      boldText: block.bold.filter((part) => part !== '').join(' '),
      sectionId: section?.id ?? null,
      sectionTitle: section?.title ?? null,
      span: block.span,
    };
    const tags = tagClause(clause);
    if (!Array.isArray(tags)) {
      throw new AgreementError(
        'invalid-tag-clause',
        "parseAgreement: `tagClause` must return an array of tags (e.g. [] or ['minors']); " +
          `it returned ${got(tags)} for clause "${id}".`,
      );
    }
    clauses.push({ ...clause, tags: [...new Set(tags)] });
  });
  return clauses;
}

// ---------------------------------------------------------------------------------------------
// Every block (internal: for diffAgreements, not exported from the package)
// ---------------------------------------------------------------------------------------------

/** A heading, a paragraph outside list items, or a list item (its own text, nested items apart). */
export interface AgreementBlock {
  /** What kind of block it is. */
  kind: 'heading' | 'paragraph' | 'listItem';
  /**
   * A heading's id is its section's id. Any other block's id follows the key-clause rule, so a
   * key clause has exactly its `KeyClause.id`; a non-key block whose id is already taken (only
   * when two blocks of a section carry the same number) gets the next free `_2`, `_3`… suffix.
   */
  id: string;
  /** Plain text (markup removed, whitespace collapsed); a heading's is its title. */
  text: string;
  /** Whether it is a key clause (contains bold text). Headings never are. */
  isKeyClause: boolean;
  /** The section it stands in (a heading: its own section), or null before any heading. */
  sectionId: string | null;
  /** The plain text of that section's heading, or null. */
  sectionTitle: string | null;
  /** Where the block stands in the markdown (a list item's span includes its nested items). */
  span: SourceSpan;
}

/**
 * Every block of an agreement, in document order, with stable ids: what `diffAgreements`
 * compares. Re-walks `agreement.markdown` (an `Agreement` is plain data, so it carries no tree).
 */
export function blocksOf(agreement: { readonly markdown: string }): AgreementBlock[] {
  const tree = walk(agreement.markdown);
  const { texts, keyIds } = identify(tree);
  const taken = new Set<string>();
  for (const id of keyIds) if (id !== null) taken.add(id);

  const result: AgreementBlock[] = [];
  let h = 0;
  const { sections, blocks } = tree;
  blocks.forEach((block, i) => {
    // Headings and blocks are each in document order; merge them by where they start.
    for (let s = sections[h]; s && s.span.start < block.span.start; s = sections[++h]) {
      result.push(headingBlock(s));
    }
    const section = sections[block.section];
    let id = keyIds[i] ?? null;
    if (id === null) {
      const base = `${section?.id ?? 'preamble'}--${block.path}`;
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
      taken.add(id);
    }
    result.push({
      kind: block.kind,
      id,
      text: texts[i] ?? '',
      isKeyClause: keyIds[i] != null,
      sectionId: section?.id ?? null,
      sectionTitle: section?.title ?? null,
      span: block.span,
    });
  });
  for (let s = sections[h]; s; s = sections[++h]) result.push(headingBlock(s));
  return result;
}

function headingBlock(section: AgreementSection): AgreementBlock {
  const { id, title, span } = section;
  return {
    kind: 'heading',
    id,
    text: title,
    isKeyClause: false,
    sectionId: id,
    sectionTitle: title,
    span,
  };
}

// ---------------------------------------------------------------------------------------------
// parseAgreement
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function requireString(
  value: unknown,
  name: 'id' | 'version',
  code: AgreementErrorCode,
  example: string,
): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AgreementError(
      code,
      `parseAgreement: \`${name}\` must be a non-empty string, e.g. ${example}; got ${got(value)}.`,
    );
  }
  return value;
}

/**
 * Gives hooks, renderers and receipts one structure whose text, sections and clauses all come
 * from the same canonical markdown.
 * @throws AgreementError when the input is malformed or the agreement is empty.
 */
export function parseAgreement(input: AgreementInput): Agreement {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AgreementError(
      'invalid-input',
      `parseAgreement expects an object { id, version, markdown }, got ${got(input)}.`,
    );
  }
  const id = requireString(input.id, 'id', 'invalid-id', '"instadesk-terms"');
  const version = requireString(input.version, 'version', 'invalid-version', '"2024-05-01" or "3"');
  if (typeof input.markdown !== 'string') {
    throw new AgreementError(
      'invalid-markdown',
      "parseAgreement: `markdown` must be the agreement's text as a string; " +
        `got ${got(input.markdown)} for agreement "${id}" version "${version}".`,
    );
  }
  const { title, language = 'en', effectiveDate, tagClause = defaultTagClause } = input;
  if (title !== undefined && typeof title !== 'string') {
    throw new AgreementError(
      'invalid-title',
      'parseAgreement: `title` must be a string, or left out to use the first level-1 heading; ' +
        `got ${got(title)}.`,
    );
  }
  if (typeof language !== 'string' || language.trim() === '') {
    throw new AgreementError(
      'invalid-language',
      'parseAgreement: `language` must be a BCP 47 tag such as "en" or "fr-CA", or left out; ' +
        `got ${got(language)}.`,
    );
  }
  if (
    effectiveDate !== undefined &&
    (typeof effectiveDate !== 'string' || !isCalendarDate(effectiveDate))
  ) {
    throw new AgreementError(
      'invalid-effective-date',
      'parseAgreement: `effectiveDate` must be a calendar date written YYYY-MM-DD, ' +
        `e.g. "2024-05-01"; got ${got(effectiveDate)}.`,
    );
  }
  if (typeof tagClause !== 'function') {
    throw new AgreementError(
      'invalid-tag-clause',
      'parseAgreement: `tagClause` must be a function (clause) => tags, ' +
        `or left out for the English default; got ${got(tagClause)}.`,
    );
  }

  const markdown = canonicalizeAgreement(input.markdown);
  if (markdown === '') {
    throw new AgreementError(
      'empty-agreement',
      `The agreement "${id}" version "${version}" is empty: pass its markdown text in \`markdown\`.`,
    );
  }

  const tree = walk(markdown);
  const heading = tree.sections.find((section) => section.depth === 1 && section.title !== '');
  return {
    id,
    version,
    title: title?.trim() || heading?.title || id,
    language,
    effectiveDate: effectiveDate ?? null,
    markdown,
    canonicalization: CANONICALIZATION_VERSION,
    sections: tree.sections,
    keyClauses: keyClauses(tree, tagClause),
  };
}

// ---------------------------------------------------------------------------------------------
// Lookups by offset
// ---------------------------------------------------------------------------------------------

/** Index of the last item whose span starts at or before `offset`, or -1. */
function lastStartingAtOrBefore(items: readonly { span: SourceSpan }[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if ((items[mid]?.span.start ?? Infinity) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** Per key clause, the index of the clause whose span encloses it (nested list items), or -1. */
const enclosingClauses = new WeakMap<readonly KeyClause[], Int32Array>();

function enclosingOf(clauses: readonly KeyClause[]): Int32Array {
  const cached = enclosingClauses.get(clauses);
  if (cached) return cached;
  const parents = new Int32Array(clauses.length);
  const open: KeyClause[] = [];
  const openIndex: number[] = [];
  clauses.forEach((clause, i) => {
    while (open.length > 0 && (open[open.length - 1]?.span.end ?? 0) <= clause.span.start) {
      open.pop();
      openIndex.pop();
    }
    parents[i] = openIndex[openIndex.length - 1] ?? -1;
    open.push(clause);
    openIndex.push(i);
  });
  enclosingClauses.set(clauses, parents);
  return parents;
}

/** Lets a renderer tell from a node's `position.start.offset` which key clause it belongs to. */
export function keyClauseAt(agreement: Agreement, offset: number): KeyClause | undefined {
  const clauses = agreement.keyClauses;
  let i = lastStartingAtOrBefore(clauses, offset);
  if (i === -1) return undefined;
  // Spans nest (a list item clause encloses its nested items' clauses) but never cross, so the
  // clause containing `offset`, if any, encloses the last one starting before it.
  const parents = enclosingOf(clauses);
  for (; i !== -1; i = parents[i] ?? -1) {
    const clause = clauses[i];
    if (clause && offset < clause.span.end) return clause;
  }
  return undefined;
}

/** Lets a renderer or reading tracker say which section an offset of the markdown falls in. */
export function sectionAt(agreement: Agreement, offset: number): AgreementSection | undefined {
  if (!(offset < agreement.markdown.length)) return undefined;
  return agreement.sections[lastStartingAtOrBefore(agreement.sections, offset)];
}
