/** Clause matching: pairing the removed and added blocks between two aligned blocks by similarity. */
import type { AgreementBlock } from '../agreement';

/** Below this share of common words, two clauses with different ids are not the same clause. */
const MIN_SIMILARITY = 0.5;

/**
 * Above this many (removed × added) candidate pairs between two aligned blocks, only equal ids
 * pair: comparing every pair would cost seconds on a rewritten document, and a rewrite reads as
 * removed plus added anyway.
 */
const MAX_SIMILARITY_PAIRS = 250_000;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text, counted, for the Dice coefficient. */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of two word multisets: 1 for the same words, 0 for none in common. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const count of a.values()) sizeA += count;
  for (const [word, count] of b) {
    sizeB += count;
    common += Math.min(count, a.get(word) ?? 0);
  }
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
}

/** Headings pair only with headings; paragraphs and list items with each other. */
export const family = (block: AgreementBlock) => (block.kind === 'heading' ? 'h' : 'b');

/**
 * Pairs the removed and added blocks of one gap between aligned blocks, writing partners into
 * `prevPartner` / `currPartner`.
 */
export function pairGap(
  prev: readonly AgreementBlock[],
  curr: readonly AgreementBlock[],
  removed: readonly number[],
  added: readonly number[],
  prevPartner: Int32Array,
  currPartner: Int32Array,
): void {
  if (removed.length === 0 || added.length === 0) return;
  const candidates: { r: number; a: number; score: number; sameId: boolean }[] = [];
  if (removed.length * added.length <= MAX_SIMILARITY_PAIRS) {
    const addedWords = added.map((a) => wordCounts(curr[a]?.text ?? ''));
    for (const r of removed) {
      const before = prev[r];
      if (!before) continue;
      const words = wordCounts(before.text);
      added.forEach((a, k) => {
        const after = curr[a];
        if (!after || family(after) !== family(before)) return;
        const score = similarity(words, addedWords[k] ?? new Map());
        const sameId = after.id === before.id;
        if (sameId || score >= MIN_SIMILARITY) candidates.push({ r, a, score, sameId });
      });
    }
  } else {
    const byId = new Map(added.map((a) => [curr[a]?.id, a]));
    for (const r of removed) {
      const before = prev[r];
      const a = byId.get(before?.id);
      const after = a === undefined ? undefined : curr[a];
      if (a !== undefined && before && after && family(after) === family(before)) {
        candidates.push({ r, a, score: 0, sameId: true });
      }
    }
  }
  candidates.sort(
    (x, y) => y.score - x.score || Number(y.sameId) - Number(x.sameId) || x.r - y.r || x.a - y.a,
  );
  for (const { r, a } of candidates) {
    if (prevPartner[r] !== -1 || currPartner[a] !== -1) continue;
    prevPartner[r] = a;
    currPartner[a] = r;
  }
}
