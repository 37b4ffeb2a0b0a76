/** The word-level diff of a changed clause. */
import { Diff } from 'diff';
import type { WordChange } from './types';

/**
 * jsdiff's `diffWordsWithSpace`, with words of every script. Its own tokens count only Latin
 * letters as word characters, so an Arabic, Cyrillic, Greek, Hebrew or Devanagari word was split
 * into letters, and a changed word showed as letters removed and added inside it (which also
 * breaks how Arabic letters join). A word here is a run of letters, marks and digits of any script
 * (and the soft hyphen, and `_`), except in scripts written without spaces between words (Han,
 * kana, Thai, Lao, Khmer, Myanmar, Tibetan), where each character is a token, as before: no
 * dictionary is needed, so the same texts give the same diff everywhere. Newlines, runs of other
 * spaces and each other character are tokens of their own, as in jsdiff.
 */
const TOKEN =
  /(\r?\n)|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]\p{M}*|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}])[\p{L}\p{M}\p{N}_\u00AD\u200C\u200D])+|[^\S\n\r]+|[^]/gu;

class WordsOfEveryScript extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(TOKEN) ?? [];
  }
}

const words = new WordsOfEveryScript();
const diffWordsWithSpace = (before: string, after: string) => words.diff(before, after);

/**
 * The word diff of a changed clause (internal: not exported from the package). A run of replaced
 * words comes back from the diff as `-a +15 = " " -specified +days`: the space between is common
 * to both texts, so the diff keeps it, but a reader sees one phrase replaced by another. Such a
 * space, inside a replacement that already removes and adds something and goes on after it,
 * joins both sides of the replacement; spaces that then open or close both sides go back to the
 * equal text around it. The pieces still spell both texts exactly.
 */
export function wordChanges(before: string, after: string): WordChange[] {
  const parts = diffWordsWithSpace(before, after);
  const words: WordChange[] = [];
  let removed = '';
  let added = '';
  const equal = (text: string) => {
    const last = words[words.length - 1];
    if (last?.kind === 'equal') last.text += text;
    else if (text !== '') words.push({ kind: 'equal', text });
  };
  const flush = () => {
    // Spaces that open or close both sides belong with the equal words around the replacement.
    const lead = sharedSpace(removed, added, 1);
    const trail = sharedSpace(removed.slice(lead), added.slice(lead), -1);
    equal(removed.slice(0, lead));
    const gone = removed.slice(lead, removed.length - trail);
    const come = added.slice(lead, added.length - trail);
    if (gone !== '') words.push({ kind: 'removed', text: gone });
    if (come !== '') words.push({ kind: 'added', text: come });
    equal(removed.slice(removed.length - trail));
    removed = '';
    added = '';
  };
  parts.forEach((part, k) => {
    const next = parts[k + 1];
    const inReplacement = removed !== '' && added !== '' && (next?.added || next?.removed);
    if (part.added) added += part.value;
    else if (part.removed) removed += part.value;
    else if (inReplacement && !/\S/.test(part.value)) {
      removed += part.value;
      added += part.value;
    } else {
      flush();
      equal(part.value);
    }
  });
  flush();
  return words;
}

/** How many whitespace characters `a` and `b` share at their start (1) or their end (-1). */
function sharedSpace(a: string, b: string, from: 1 | -1): number {
  let n = 0;
  for (; n < a.length && n < b.length; n++) {
    const x = from === 1 ? a[n] : a[a.length - 1 - n];
    const y = from === 1 ? b[n] : b[b.length - 1 - n];
    if (x !== y || !/\s/.test(x ?? '')) break;
  }
  return n;
}
