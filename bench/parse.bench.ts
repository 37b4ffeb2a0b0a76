/**
 * `npm run bench` (first step, in Node): parseAgreement on the worst inputs we know of, hostile
 * ones that must be refused at once and the worst that stay within the default limits, which
 * must parse in ≤ 1 s. Bundled with esbuild and run by scripts/bench.mjs.
 */
import { readFileSync } from 'node:fs';
import { AGREEMENT_LIMITS, AgreementError, parseAgreement, type AgreementLimits } from '../src/core/agreement';
import { median, round } from './stats';

// Run from the project root (scripts/bench.mjs does): the bundle does not sit beside the sources.
const terms = readFileSync('agreements/instadesk-terms.md', 'utf8');
const copies = (n: number) => Array.from({ length: n }, () => terms).join('\n');
/** As many copies of the Terms as fit in `bytes`. */
const upTo = (bytes: number) => copies(Math.floor(bytes / (Buffer.byteLength(terms) + 1)));
const lines = (count: number, line: string) => `${line}\n`.repeat(count);
const { maxBytes, maxLines, maxDepth, maxInlineMarks, maxInlineMarksPerBlock } = AGREEMENT_LIMITS;

interface Case {
  name: string;
  markdown: () => string;
  limits?: Partial<AgreementLimits>;
  runs?: number;
}

const CASES: Case[] = [
  { name: 'baseline: the default agreement (Instadesk Terms)', markdown: () => terms, runs: 9 },
  // Hostile inputs from issue 9 and others found since: refused by the prescan.
  { name: "hostile: '- ' × 10,000 + 'x' (83 s before)", markdown: () => `${'- '.repeat(10_000)}x` },
  { name: "hostile: '*' × 10,000 + 'x' + '*' × 10,000 (40 s before)", markdown: () => `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}` },
  { name: 'hostile: 2,000 indented list levels (432 s before)', markdown: () => Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n') },
  { name: "hostile: '> ' × 10,000 + 'x'", markdown: () => `${'> '.repeat(10_000)}x` },
  { name: "hostile: '*a ' × 3,000 + 'x' + ' a*' × 3,000", markdown: () => `${'*a '.repeat(3000)}x${' a*'.repeat(3000)}` },
  { name: "hostile: '[' × 80,000", markdown: () => '['.repeat(80_000) },
  { name: "hostile: '[a]' × 20,000 (7.5 s before)", markdown: () => '[a]'.repeat(20_000) },
  { name: "hostile: '*a' × 20,000 (8 s before)", markdown: () => '*a'.repeat(20_000) },
  { name: "hostile: '[a](' × 20,000 (4.4 s before)", markdown: () => '[a]('.repeat(20_000) },
  { name: "hostile: 'a' + '`' × 20,000", markdown: () => `a${'`'.repeat(20_000)}` },
  { name: "hostile: 'a_' × 80,000", markdown: () => 'a_'.repeat(80_000) },
  { name: 'hostile: a table row of 20,000 columns', markdown: () => `${'|a'.repeat(20_000)}\n${'|-'.repeat(20_000)}` },
  { name: "hostile: '- a' × 160,000 lines (23 s before)", markdown: () => lines(160_000, '- a') },
  { name: '5 MB: copies of the Terms', markdown: () => upTo(5 * 1024 * 1024) },
  { name: '5 MB: copies of the Terms, maxBytes and maxLines raised', markdown: () => upTo(5 * 1024 * 1024), limits: { maxBytes: 6 * 1024 * 1024, maxLines: 100_000, maxInlineMarks: 1_000_000 }, runs: 3 },
  // The worst inputs within the default limits: each must parse in ≤ 1 s.
  { name: `within: copies of the Terms up to maxBytes (${maxBytes / 1024} KiB)`, markdown: () => upTo(maxBytes) },
  { name: `within: maxLines (${maxLines}) lines of 'a' (one paragraph)`, markdown: () => lines(maxLines, 'a') },
  { name: `within: maxLines paragraphs ('a', blank)`, markdown: () => lines(maxLines / 2, 'a\n') },
  { name: `within: maxLines list items ('- a')`, markdown: () => lines(maxLines, '- a') },
  { name: `within: maxLines headings ('# a')`, markdown: () => lines(maxLines, '# a') },
  { name: `within: maxLines lines of lists ${maxDepth} deep`, markdown: () => lines(maxLines, `${'- '.repeat(maxDepth)}a`) },
  { name: `within: maxLines lines of quotes ${maxDepth} deep`, markdown: () => lines(maxLines, `${'> '.repeat(maxDepth)}a`) },
  { name: `within: maxLines / 2 quotes ${maxDepth} deep, blank lines between`, markdown: () => lines(maxLines / 2, `${'> '.repeat(maxDepth)}a\n`) },
  { name: `within: emphasis ${maxDepth} deep on every line`, markdown: () => lines(maxLines / 2, `${'*'.repeat(maxDepth / 2)}a${'*'.repeat(maxDepth / 2)}\n`).slice(0, maxInlineMarks * 2) },
  { name: `within: blocks of ${maxInlineMarksPerBlock} '[a]' marks, up to maxInlineMarks`, markdown: () => lines(maxInlineMarks / maxInlineMarksPerBlock, `${'[a]'.repeat(maxInlineMarksPerBlock / 2)}\n`) },
  { name: `within: blocks of ${maxInlineMarksPerBlock} '*a' marks, up to maxInlineMarks`, markdown: () => lines(maxInlineMarks / maxInlineMarksPerBlock, `${'*a'.repeat(maxInlineMarksPerBlock)}\n`).replace(/\*a(?=\n)/g, 'a') },
  { name: `within: blocks of ${maxInlineMarksPerBlock} '[a](' marks, up to maxInlineMarks`, markdown: () => lines(maxInlineMarks / maxInlineMarksPerBlock, `${'[a]('.repeat(maxInlineMarksPerBlock / 2)}\n`) },
];

function run({ name, markdown, limits, runs = 5 }: Case) {
  const text = markdown();
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      parseAgreement({ id: 'bench', version: '1', markdown: text, ...(limits ? { limits } : {}) });
      outcome = 'parsed';
    } catch (error) {
      if (!(error instanceof AgreementError)) throw error;
      outcome = `refused: ${error.code}`;
    }
    times.push(performance.now() - start);
  }
  return {
    name,
    'size (KB)': round(Buffer.byteLength(text) / 1024, 1),
    outcome,
    'median (ms)': round(median(times), 1),
    'max (ms)': round(Math.max(...times), 1),
  };
}

// Warm up the parser's code paths so the first case is not charged for compilation.
for (let i = 0; i < 3; i++) parseAgreement({ id: 'warm', version: '1', markdown: terms });
const rows = CASES.map((c) => {
  process.stderr.write(`  parse: ${c.name}\n`);
  return run(c);
});
const baseline = rows[0]?.['median (ms)'] ?? 1;
console.log('## parseAgreement on worst-case inputs (Node; median of 5 runs, 9 for the baseline, 3 at 5 MB)');
console.log(`Default limits: ${JSON.stringify(AGREEMENT_LIMITS)}. Goal: ≤ 1,000 ms for any input within them.`);
console.table(
  Object.fromEntries(
    rows.map(({ name, ...row }) => [name, { ...row, 'vs baseline': round(row['median (ms)'] / baseline, 1) }]),
  ),
);
const slow = rows.filter((r) => r.name.startsWith('within') && r['median (ms)'] > 1000);
console.log(slow.length ? `Over the 1 s goal: ${slow.map((r) => r.name).join('; ')}\n` : 'Every input within the limits parsed in ≤ 1 s.\n');
