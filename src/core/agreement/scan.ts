/**
 * The linear scan that enforces the {@link AgreementLimits} before the markdown parser runs:
 * constant work per character, so a hostile input is refused in milliseconds, naming the limit
 * and where it was passed.
 */
import { AgreementError } from './errors';
import { closesFence, fenceAt, type Fence } from './fences';
import { forbiddenAt } from './invisible';
import type { AgreementLimits } from './limits';

/** Names the document in messages: `The agreement "terms" version "3"`. */
export interface ScanContext {
  /** `The agreement "…" version "…"`. */
  subject: string;
  /** Lines removed from the start by canonicalisation, so locations match the text as given. */
  lineOffset: number;
}

const TAB = 9;
const SPACE = 32;

/** Characters micromark's inline constructs start or end on. */
function isInlineMark(code: number): boolean {
  return (
    code === 42 /* * */ ||
    code === 95 /* _ */ ||
    code === 96 /* ` */ ||
    code === 91 /* [ */ ||
    code === 93 /* ] */ ||
    code === 60 /* < */ ||
    code === 38 /* & */ ||
    code === 92 /* \ */ ||
    code === 33 /* ! */
  );
}

const PUNCTUATION = /[\p{P}\p{S}]/u;

/** CommonMark's classes for flanking: 0 whitespace (or the line's edge), 1 punctuation, 2 other. */
function classOf(text: string, index: number, lineStart: number, lineEnd: number): 0 | 1 | 2 {
  if (index < lineStart || index >= lineEnd) return 0;
  const code = text.charCodeAt(index);
  if (code === SPACE || code === TAB || code === 0xa0) return 0;
  return PUNCTUATION.test(text[index] ?? '') ? 1 : 2;
}

/**
 * Throws an {@link AgreementError} for the first limit `markdown` (canonical text) exceeds, or the
 * first control or invisible character it contains (see invisible.ts). One pass, constant work
 * per character.
 */
export function scanAgreement(markdown: string, limits: AgreementLimits, context: ScanContext): void {
  const { subject, lineOffset } = context;
  const at = (line: number, column: number) => ({
    line: line + lineOffset,
    column,
  });
  const where = (line: number, column: number) => `line ${line + lineOffset}, column ${column}`;

  // Every UTF-16 unit is at least one UTF-8 byte: no need to scan a text this long.
  if (markdown.length > limits.maxBytes) throw tooLarge(subject, markdown, limits);

  let bytes = 0;
  let marks = 0;
  /** List items and block quotes opened so far, and the quotes open on the line before. */
  let containers = 0;
  let openQuotes = 0;
  /** The sum over lines of their depth in lists and quotes. */
  let nesting = 0;
  /**
   * Containers opened on indented or quoted lines since the last line at column 0 (which the
   * parser can start afresh from), and the sum, for each, of how many came before it.
   */
  let nested = 0;
  let crowding = 0;
  /** Whether a line opens with what may be a link definition (`[label]:`): pieces are then parsed twice. */
  let definitions = false;
  /** The `maxComplexity` score so far, in quarters (integers all along). */
  const score = (lines: number) =>
    (4 * lines + 16 * containers + 4 * nesting + 3 * marks + (bytes >> 5) + Math.floor(crowding / 16)) *
    (definitions ? 2 : 1);
  const checkComplexity = (line: number) => {
    if (score(line) <= limits.maxComplexity * 4) return;
    throw new AgreementError(
      'too-complex',
      `${subject} is too complex to parse quickly: its complexity passes the limit of ` +
        `${limits.maxComplexity.toLocaleString('en')} at line ${line + lineOffset} (each line counts 1, each ` +
        'list item or block quote 4, each level of nesting on a line 1, each inline mark ¾, every ' +
        '128 bytes 1, all twice with link definitions). Split it into several documents or use ' +
        'fewer lists, quotes and marks, or raise `limits.maxComplexity`.',
      at(line, 1),
    );
  };
  let blockMarks = 0;
  let blockLine = 1;
  /** Open emphasis delimiter characters in the current block. */
  let stars = 0;
  let underscores = 0;
  /** The top-level fenced code block we are in: its fence character and length. */
  let fence: Fence | null = null;

  let line = 0;
  for (let start = 0; start < markdown.length;) {
    line++;
    if (line > limits.maxLines) {
      throw new AgreementError(
        'too-many-lines',
        `${subject} has more than ${limits.maxLines.toLocaleString('en')} lines (the limit). ` +
          'Split it into several documents, or raise `limits.maxLines` if you serve agreements this long.',
        at(line, 1),
      );
    }
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;

    for (let i = start; i < end; i++) {
      const forbidden = forbiddenAt(markdown, i);
      if (forbidden) {
        const what = forbidden.code === 'control-character' ? 'the control character ' : '';
        throw new AgreementError(
          forbidden.code,
          `${subject} contains ${what}${forbidden.label} at ${where(line, i - start + 1)}. ${forbidden.advice}`,
          at(line, i - start + 1),
        );
      }
      bytes += utf8Length(markdown, i);
    }
    if (bytes > limits.maxBytes) throw tooLarge(subject, markdown, limits);

    const next = end + 1;
    if (end === start) {
      // A blank line ends the block: emphasis cannot continue past it, nor a quote.
      stars = underscores = blockMarks = openQuotes = 0;
      blockLine = line + 1;
      checkComplexity(line);
      start = next;
      continue;
    }

    if (fence) {
      if (closesFence(markdown, start, end, fence)) fence = null;
      checkComplexity(line);
      start = next;
      continue;
    }

    // The container prefix: block quote markers, list markers and the indentation before them.
    const first = markdown.charCodeAt(start);
    const inside = first === SPACE || first === TAB || first === 62; /* > */
    if (!inside) nested = 0;
    let i = start;
    let quotes = 0;
    let width = 0;
    let listMarker = false;
    while (i < end) {
      const from = i;
      const code = markdown.charCodeAt(i);
      if (code === SPACE) {
        width += 1;
        i++;
      } else if (code === TAB) {
        width += 4;
        i++;
      } else if (code === 62 /* > */) {
        quotes++;
        i++;
        // The one space after `>` belongs to the marker.
        if (markdown.charCodeAt(i) === SPACE) i++;
      } else {
        const marker = listMarkerLength(markdown, i, end);
        if (marker === 0) break;
        listMarker = true;
        width += marker;
        i += marker;
        containers++;
        if (inside) crowding += nested++;
      }
      const depth = quotes + Math.ceil(width / 2);
      if (depth > limits.maxDepth) {
        const column = from - start + 1;
        throw tooDeep(
          subject,
          'lists and block quotes are',
          depth,
          limits,
          where(line, column),
          at(line, column),
        );
      }
    }
    // A `>` beyond those of the line before opens a quote (an overestimate: lazy lines are not
    // followed, which only counts more).
    for (; openQuotes < quotes; openQuotes++) {
      containers++;
      crowding += nested++;
    }
    openQuotes = quotes;
    nesting += quotes + Math.ceil(width / 2);
    if (listMarker || quotes > 0 || markdown.charCodeAt(i) === 35 /* # */) {
      // A new list item, quote line or heading starts a new block for emphasis.
      stars = underscores = 0;
    }
    if (listMarker || markdown.charCodeAt(i) === 35 /* # */) {
      // The inline parser's cost is per paragraph, and a list item or a heading starts a new one.
      blockMarks = 0;
      blockLine = line;
    }

    if (!definitions && markdown.charCodeAt(i) === 91 /* [ */ && markdown.slice(i, end).includes(']:')) {
      definitions = true;
    }
    if (quotes === 0 && !listMarker && width <= 3) {
      const opened = fenceAt(markdown, i, end);
      if (opened) {
        fence = opened;
        checkComplexity(line);
        start = next;
        continue;
      }
    }

    for (; i < end; i++) {
      const code = markdown.charCodeAt(i);
      if (!isInlineMark(code)) continue;
      marks++;
      blockMarks++;
      if (marks > limits.maxInlineMarks) {
        throw tooMuchMarkup(
          subject,
          `${limits.maxInlineMarks.toLocaleString('en')} in the whole agreement`,
          '`limits.maxInlineMarks`',
          where(line, i - start + 1),
          at(line, i - start + 1),
        );
      }
      if (blockMarks > limits.maxInlineMarksPerBlock) {
        throw tooMuchMarkup(
          subject,
          `${limits.maxInlineMarksPerBlock.toLocaleString('en')} in one block (this one starts on line ${blockLine + lineOffset})`,
          '`limits.maxInlineMarksPerBlock`',
          where(line, i - start + 1),
          at(line, i - start + 1),
        );
      }
      if (code !== 42 && code !== 95) {
        if (code === 92) i++; // an escape: the next character is literal
        continue;
      }
      let run = 1;
      while (i + run < end && markdown.charCodeAt(i + run) === code) run++;
      marks += run - 1;
      blockMarks += run - 1;
      const before = classOf(markdown, i - 1, start, end);
      const after = classOf(markdown, i + run, start, end);
      const left = after !== 0 && (after === 2 || before !== 2);
      const right = before !== 0 && (before === 2 || after !== 2);
      const canOpen = code === 42 ? left : left && (!right || before === 1);
      const canClose = code === 42 ? right : right && (!left || after === 1);
      let open = code === 42 ? stars : underscores;
      if (canClose) open -= Math.min(open, run);
      if (canOpen) open += run;
      if (code === 42) stars = open;
      else underscores = open;
      if (stars + underscores > limits.maxDepth) {
        throw tooDeep(
          subject,
          'emphasis (`*`, `_`) is',
          stars + underscores,
          limits,
          where(line, i - start + 1),
          at(line, i - start + 1),
        );
      }
      i += run - 1;
    }
    checkComplexity(line);
    start = next;
  }
}

/** UTF-8 bytes of the UTF-16 unit at `i` (a surrogate pair counts 4 on its high half). */
function utf8Length(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) return 4;
  if (code >= 0xdc00 && code <= 0xdfff) {
    const high = text.charCodeAt(i - 1);
    return high >= 0xd800 && high <= 0xdbff ? 0 : 3;
  }
  return 3;
}

/** Length of a list marker and the one space or tab after it at `i` (`- `, `12. `), or 0. */
function listMarkerLength(text: string, i: number, end: number): number {
  const code = text.charCodeAt(i);
  let j = i;
  if (code === 45 /* - */ || code === 43 /* + */ || code === 42 /* * */) j = i + 1;
  else {
    while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === i) return 0;
    const delimiter = text.charCodeAt(j);
    if (delimiter !== 46 /* . */ && delimiter !== 41 /* ) */) return 0;
    j++;
  }
  if (j === end) return j - i;
  const after = text.charCodeAt(j);
  return after === SPACE || after === TAB ? j + 1 - i : 0;
}

function tooLarge(subject: string, markdown: string, limits: AgreementLimits): AgreementError {
  const size = new TextEncoder().encode(markdown).length;
  return new AgreementError(
    'too-large',
    `${subject} is ${kib(size)} of UTF-8 text; the limit is ${kib(limits.maxBytes)}. Split it into ` +
      'several documents, or raise `limits.maxBytes` if you serve agreements this long.',
  );
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes.toLocaleString('en')} bytes)`
    : `${(bytes / 1024).toFixed(1)} KiB (${bytes.toLocaleString('en')} bytes)`;
}

function tooDeep(
  subject: string,
  what: string,
  depth: number,
  limits: AgreementLimits,
  where: string,
  location: { line: number; column: number },
): AgreementError {
  return new AgreementError(
    'too-deep',
    `${subject}: ${what} nested ${depth} deep at ${where}; the limit is ${limits.maxDepth}. ` +
      'Flatten the nesting (a reader cannot follow it either), or raise `limits.maxDepth`.',
    location,
  );
}

function tooMuchMarkup(
  subject: string,
  limit: string,
  option: string,
  where: string,
  location: { line: number; column: number },
): AgreementError {
  return new AgreementError(
    'too-much-markup',
    `${subject} has more inline markup characters (* _ \` [ ] < & \\ !) than the limit of ${limit}, ` +
      `at ${where}. Write that text with less markup, or raise ${option}.`,
    location,
  );
}
