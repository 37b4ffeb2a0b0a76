/**
 * The canonical form of an agreement's text: what is rendered, what is hashed, and what a server
 * recomputes. Two texts that differ only in encoding accidents (a BOM, Windows line endings,
 * decomposed accents, trailing spaces) canonicalise to the same string, so they hash the same.
 *
 * Hashed = shown. `parseAgreement` accepts only text whose every word a reader can see: it
 * refuses raw HTML, images, link titles, unused link definitions, code info strings, list numbers
 * other than those shown, control characters, and text with nothing visible. What remains hashed
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
  const lines = text
    .replace(/\uFEFF/g, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return start === end ? '' : lines.slice(start, end).join('\n') + '\n';
}

/** A short description of an unexpected value, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
