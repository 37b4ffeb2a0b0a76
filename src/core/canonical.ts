/**
 * The canonical form of an agreement's text: what is rendered, what is hashed, and what a server
 * recomputes. Two texts that differ only in encoding accidents (a BOM, Windows line endings,
 * decomposed accents, trailing spaces) canonicalise to the same string, so they hash the same.
 *
 * Hashed = shown. `parseAgreement` accepts only text whose every word a reader can see: it
 * refuses raw HTML, images, link titles, unused link definitions, code info strings, list numbers
 * other than those shown, control characters, invisible characters that hide text or reorder it
 * (bidi overrides and isolates, tag characters, the word joiner, Hangul fillers…; see
 * agreement/invisible.ts), and text with nothing visible. What remains hashed
 * but not shown as text is only where links lead (their destinations) and how characters are
 * written (markup, escapes, character references such as `&amp;`). Words are compared as runs of
 * letters and digits (`\p{L}`, `\p{N}`), whitespace and punctuation aside: the browser test
 * `shown-text.browser.test.tsx` renders every fixture and checks the words shown equal the words
 * of its canonical text, in order. These checks refuse text; they do not change it, so the rules
 * below (and the hash) are unchanged.
 */

/**
 * The version of the canonicalisation rules, recorded in every receipt so that a receipt made
 * today can still be verified if the rules ever change.
 */
export const CANONICALIZATION_VERSION = 'react-clickwrap/canonical-v1';

/**
 * Canonicalises agreement text (rules `react-clickwrap/canonical-v1`), in this order:
 * 1. every U+FEFF is removed: a byte-order mark at the start, and the invisible (deprecated)
 *    zero-width no-break space anywhere else, which would make equal-looking texts hash apart;
 * 2. line endings CRLF and lone CR become LF;
 * 3. Unicode normalisation form NFC;
 * 4. trailing spaces and tabs are removed from every line (so a hard line break must be written
 *    as a backslash at the end of the line, which survives);
 * 5. blank lines at the start and end are removed, and the text ends with exactly one LF.
 * Whitespace inside a line is kept as written: it can be meaningful in markdown.
 * The function is idempotent: canonicalising a canonical text returns it unchanged.
 * @throws TypeError when `text` is not a string.
 */
export function canonicalizeAgreement(text: string): string {
  if (typeof text !== 'string') {
    throw new TypeError(
      `canonicalizeAgreement expects the agreement text as a string, got ${describe(text)}.`,
    );
  }
  // Served texts are almost always canonical already: a few linear scans prove it, and the text
  // is returned as it is, with no copy (hashing is then dominated by the digest, not by this).
  if (isCanonical(text)) return text;
  let t = text;
  if (t.includes('\uFEFF')) t = t.replace(/\uFEFF/g, '');
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  t = t.normalize('NFC');
  const lines = t.split('\n');
  let start = 0;
  let end = lines.length;
  for (let i = 0; i < end; i++) lines[i] = trimSpacesAndTabs(lines[i]!);
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return start === end ? '' : lines.slice(start, end).join('\n') + '\n';
}

// normalize() first runs ICU's quick check and, when the text is NFC already, returns the very
// same string: the comparison is then one pointer compare, and the whole test costs a scan.
const isNfc = (text: string) => text.normalize('NFC') === text;

/**
 * Whether `text` is its own canonical form: no U+FEFF, no CR, NFC, ends with exactly one LF, no
 * blank first line, and no line ending in a space or tab (every line ends in LF, so looking
 * before each LF finds them all). `indexOf` of one character is a vectorised scan in engines,
 * far cheaper than splitting the text into lines or a regular expression.
 */
function isCanonical(text: string): boolean {
  const n = text.length;
  if (n < 2 || text.charCodeAt(n - 1) !== 10 || text.charCodeAt(n - 2) === 10 || text.charCodeAt(0) === 10)
    return false;
  if (text.includes('\r') || text.includes('\uFEFF')) return false;
  for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', lf + 1)) {
    const before = text.charCodeAt(lf - 1);
    if (before === 32 || before === 9) return false;
  }
  return isNfc(text);
}

/** `line` without trailing spaces and tabs (a loop, not /[ \t]+$/, which is quadratic on long runs). */
function trimSpacesAndTabs(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/** A short description of an unexpected value, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
