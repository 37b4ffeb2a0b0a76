/**
 * Every sentence of the agreement's paragraphs, with the limiting wording found in it and how
 * much of it is bold. Both bold rules and the quality measurement read this one analysis.
 */
import type { CompiledPhrase } from './phrases';
import { splitSentences } from './sentences';
import type { LintSource } from './source';

/** One occurrence of limiting wording in a sentence. */
export interface PhraseHit {
  /** The phrase's id. */
  id: string;
  /** Where it starts and ends in the block's text. */
  start: number;
  end: number;
  /** The words matched, as written. */
  wording: string;
  /** Whether every letter and digit of it is bold. */
  bold: boolean;
}

/** One sentence of a paragraph. */
export interface AnalysedSentence {
  /** Its text as a reader sees it. */
  text: string;
  /** Where it starts in the markdown source (1-based). */
  line: number;
  column: number;
  /** Limiting wording found in it (empty when it is not limiting). */
  hits: PhraseHit[];
  /** `all` when every letter and digit is bold, `none` when none is, `some` otherwise. */
  bold: 'all' | 'some' | 'none';
  /** Source position of its first bold character, when it has one. */
  firstBold?: { line: number; column: number };
}

/** Whether each letter or digit in `[start, end)` is bold: all, some or none of them. */
function boldness(text: string, bold: boolean[], start: number, end: number): AnalysedSentence['bold'] {
  let yes = 0;
  let no = 0;
  for (let i = start; i < end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i] ?? '')) continue;
    if (bold[i]) yes++;
    else no++;
  }
  return no === 0 && yes > 0 ? 'all' : yes === 0 ? 'none' : 'some';
}

/** The sentences of every paragraph (headings are titles, not clauses, and are left out). */
export function analyseSentences(source: LintSource, phrases: readonly CompiledPhrase[]): AnalysedSentence[] {
  const out: AnalysedSentence[] = [];
  for (const block of source.blocks) {
    if (block.node.type !== 'paragraph') continue;
    const { text, offsets, bold } = block.flat;
    for (const range of splitSentences(text, block.bodyStart)) {
      const sentence = text.slice(range.start, range.end);
      const hits: PhraseHit[] = [];
      for (const phrase of phrases) {
        phrase.regex.lastIndex = 0;
        for (const m of sentence.matchAll(phrase.regex)) {
          const start = range.start + (m.index ?? 0);
          const end = start + m[0].length;
          if (end === start) continue;
          hits.push({
            id: phrase.id,
            start,
            end,
            wording: m[0].replace(/\s+/g, ' '),
            bold: boldness(text, bold, start, end) === 'all',
          });
        }
      }
      hits.sort((a, b) => a.start - b.start);
      let boldFirst = -1;
      for (let i = range.start; i < range.end && boldFirst < 0; i++) if (bold[i]) boldFirst = i;
      out.push({
        text: sentence,
        ...source.locate(offsets[range.start] ?? 0),
        hits,
        bold: boldness(text, bold, range.start, range.end),
        ...(boldFirst >= 0 ? { firstBold: source.locate(offsets[boldFirst] ?? 0) } : {}),
      });
    }
  }
  return out;
}
