/**
 * Precision and recall of the limiting-wording detector on hand-labelled texts (see
 * fixtures/labels.ts). Every sentence of each text, bold removed, is classified; the table is
 * printed and precision must stay at or above PRECISION_FLOOR.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseSentences } from './analyse';
import { LABELLED_TEXTS } from './fixtures/labels';
import { lintAgreement, resolvePhrases } from './index';
import { readSource } from './source';

/**
 * A lint error that is wrong more than one time in five teaches authors to ignore it, and CI
 * jobs to switch it off; below this the check does more harm than good.
 */
const PRECISION_FLOOR = 0.8;
/**
 * Recall on texts written independently of the phrase list is lower by nature (wording the list
 * does not know); this floor only guards against a change that loses what is found today.
 */
const RECALL_FLOOR = 0.6;

const phrases = resolvePhrases();

const rows = LABELLED_TEXTS.map(({ name, file, limiting }) => {
  const markdown = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8').replaceAll('**', '');
  const sentences = analyseSentences(readSource(markdown), phrases);
  const truth = new Set(
    limiting.map((prefix) => {
      const matches = sentences.filter((s) => s.text.startsWith(prefix));
      expect(matches, `${name}: one sentence starts with "${prefix}"`).toHaveLength(1);
      return matches[0];
    }),
  );
  const flagged = sentences.filter((s) => s.hits.length > 0);
  const tp = flagged.filter((s) => truth.has(s)).length;
  return {
    name,
    sentences: sentences.length,
    limiting: truth.size,
    flagged: flagged.length,
    tp,
    fp: flagged.length - tp,
    fn: truth.size - tp,
    falsePositives: flagged.filter((s) => !truth.has(s)).map((s) => s.text.slice(0, 50)),
    missed: sentences.filter((s) => truth.has(s) && s.hits.length === 0).map((s) => s.text.slice(0, 50)),
  };
});

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(0)} %`);

describe('detector quality on hand-labelled texts', () => {
  it('prints the precision and recall table', () => {
    const total = rows.reduce(
      (t, r) => ({
        sentences: t.sentences + r.sentences,
        limiting: t.limiting + r.limiting,
        tp: t.tp + r.tp,
        fp: t.fp + r.fp,
        fn: t.fn + r.fn,
      }),
      { sentences: 0, limiting: 0, tp: 0, fp: 0, fn: 0 },
    );
    const line = (name: string, r: typeof total) =>
      `| ${name.padEnd(30)} | ${String(r.sentences).padStart(9)} | ${String(r.limiting).padStart(8)} | ${String(r.tp).padStart(2)} | ${String(r.fp).padStart(2)} | ${String(r.fn).padStart(2)} | ${pct(r.tp, r.tp + r.fp).padStart(9)} | ${pct(r.tp, r.tp + r.fn).padStart(6)} |`;
    console.log(
      [
        '| text                           | sentences | limiting | TP | FP | FN | precision | recall |',
        '|--------------------------------|-----------|----------|----|----|----|-----------|--------|',
        ...rows.map((r) => line(r.name, r)),
        line('all', total),
        '',
        ...rows.flatMap((r) => [
          ...r.falsePositives.map((t) => `FP ${r.name}: ${t}…`),
          ...r.missed.map((t) => `FN ${r.name}: ${t}…`),
        ]),
      ].join('\n'),
    );
    expect(total.tp / (total.tp + total.fp)).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(total.tp / (total.tp + total.fn)).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('raises no error on the example privacy policy as it ships', () => {
    const markdown = readFileSync(
      new URL('../../../agreements/example-privacy-policy.md', import.meta.url),
      'utf8',
    );
    expect(lintAgreement(markdown)).toEqual([]);
  });
});
