/**
 * Splits a paragraph's text into sentences. Legal text is hard on naive splitters: clause
 * numbers ("2.4", "1.If"), abbreviations ("e.g.", "etc.,", "Art. 14"), ellipses and quoted
 * terms ("the "Agreement"). Please") all put a full stop where no sentence ends.
 */

/** A sentence as a half-open range `[start, end)` of the paragraph's text, trimmed. */
export interface SentenceRange {
  /** Index of its first non-space character. */
  start: number;
  /** Index just after its last character (closing quotes and brackets included). */
  end: number;
}

/** Abbreviations after which a full stop never ends a sentence (lower case, inner dots kept). */
const NEVER_FINAL = new Set([
  'e.g',
  'i.e',
  'eg',
  'ie',
  'cf',
  'viz',
  'vs',
  'v',
  'no',
  'nos',
  'art',
  'arts',
  'sec',
  'secs',
  'para',
  'paras',
  'cl',
  'p',
  'pp',
  'ch',
  'vol',
  'fig',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'prof',
  'approx',
  'incl',
  'al',
  'u.s',
  'u.k',
  'e.u',
  'op',
  'ibid',
  'reg',
  'dept',
]);

const CLOSERS = new Set([')', ']', '"', "'", '”', '’', '»']);
const OPENERS = /[\p{Lu}\p{N}"'“‘«([*_]/u;

/** Whether the full stop at `i` belongs to an abbreviation, an initial or an ellipsis. */
function isNonFinalDot(text: string, i: number): boolean {
  if (text[i - 1] === '.' || text[i + 1] === '.') return true; // ellipsis "..."
  let w = i;
  while (w > 0 && /[\p{L}.]/u.test(text[w - 1] ?? '')) w--;
  const word = text.slice(w, i);
  if (word === '') return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith", "Section A. of"
  return NEVER_FINAL.has(word.toLowerCase());
}

/** Sentences of `text` from index `from` (the wording after any clause number). */
export function splitSentences(text: string, from = 0): SentenceRange[] {
  const out: SentenceRange[] = [];
  let start = from;
  const emit = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (/[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ start: s, end: e });
  };
  for (let i = from; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    if (ch === '.' && isNonFinalDot(text, i)) continue;
    let j = i + 1;
    while (j < text.length && CLOSERS.has(text[j] ?? '')) j++;
    if (j < text.length && !/\s/.test(text[j] ?? '')) continue; // "2.4", "1.If", "etc.,"
    let k = j;
    while (k < text.length && /\s/.test(text[k] ?? '')) k++;
    if (k < text.length && !OPENERS.test(text[k] ?? '')) continue; // "etc. in the …"
    emit(j);
    start = j;
    i = j - 1;
  }
  emit(text.length);
  return out;
}
