/**
 * `npm run bench` (first step, in Node): parseAgreement on the worst inputs we know of, hostile
 * ones that must be refused at once and the worst that stay within the default limits, which
 * must parse (or be refused) in ≤ 1 s. Bundled with esbuild and run by scripts/bench.mjs. Each row is printed as soon as it is measured,
 * so a slow case shows where it stalls.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { canonicalizeAgreement } from '../src/core/canonical';
import {
  AGREEMENT_LIMITS,
  AgreementError,
  parseAgreement,
  type AgreementLimits,
} from '../src/core/agreement';
import { scanAgreement } from '../src/core/agreement/scan';
import { median, round } from './stats';

// Run from the project root (scripts/bench.mjs does): the bundle does not sit beside the sources.
const terms = readFileSync('agreements/instadesk-terms.md', 'utf8');
const privacy = readFileSync('agreements/example-privacy-policy.md', 'utf8');
const copies = (n: number) => Array.from({ length: n }, () => terms).join('\n');
/** As many copies of the Terms as fit in `bytes`. */
const upTo = (bytes: number) => copies(Math.floor(bytes / (Buffer.byteLength(terms) + 1)));
const lines = (count: number, line: string) => `${line}\n`.repeat(count);
const { maxBytes, maxLines, maxDepth, maxInlineMarks, maxInlineMarksPerBlock } = AGREEMENT_LIMITS;
const admitted = (text: string) => {
  try {
    scanAgreement(canonicalizeAgreement(text), AGREEMENT_LIMITS, { subject: 'bench', lineOffset: 0 });
    return true;
  } catch {
    return false;
  }
};
/** `head`, then as many copies of `unit` as the default limits admit, then `tail`. */
const most = (unit: string, head = '', tail = '') => {
  let low = 0;
  let high = maxLines;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (admitted(head + unit.repeat(mid) + tail)) low = mid;
    else high = mid - 1;
  }
  return head + unit.repeat(low) + tail;
};
/** After a fenced block spanning a blank line, which the pieces must carry across. */
const onePiece = (text: string) => `\`\`\`\n\ncode\n\`\`\`\n\n${text}`;
const deep = (depth: number) => `${'- '.repeat(depth)}a`;

interface Case {
  name: string;
  markdown: () => string;
  limits?: Partial<AgreementLimits>;
  runs?: number;
}

const CASES: Case[] = [
  { name: 'baseline: the default agreement (Instadesk Terms)', markdown: () => terms, runs: 15 },
  { name: 'real: the example privacy policy', markdown: () => privacy },
  { name: 'real: the Terms × 10', markdown: () => copies(10) },
  // Hostile inputs from issue 9 and others found since: refused by the prescan.
  { name: "hostile: '- ' × 10,000 + 'x' (83 s before)", markdown: () => `${'- '.repeat(10_000)}x` },
  {
    name: "hostile: '*' × 10,000 + 'x' + '*' × 10,000 (40 s before)",
    markdown: () => `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`,
  },
  {
    name: 'hostile: 2,000 indented list levels (432 s before)',
    markdown: () => Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
  },
  { name: '5 MB: copies of the Terms (18.6 s to render before)', markdown: () => upTo(5 * 1024 * 1024) },
  { name: "hostile: '> ' × 10,000 + 'x'", markdown: () => `${'> '.repeat(10_000)}x` },
  {
    name: "hostile: '*a ' × 3,000 + 'x' + ' a*' × 3,000",
    markdown: () => `${'*a '.repeat(3000)}x${' a*'.repeat(3000)}`,
  },
  { name: "hostile: '[' × 80,000", markdown: () => '['.repeat(80_000) },
  { name: "hostile: '[a]' × 20,000 (7.5 s before)", markdown: () => '[a]'.repeat(20_000) },
  { name: "hostile: '*a' × 20,000 (8 s before)", markdown: () => '*a'.repeat(20_000) },
  { name: "hostile: '[a](' × 20,000 (4.4 s before)", markdown: () => '[a]('.repeat(20_000) },
  { name: "hostile: 'a' + '`' × 20,000", markdown: () => `a${'`'.repeat(20_000)}` },
  { name: "hostile: 'a_' × 80,000", markdown: () => 'a_'.repeat(80_000) },
  {
    name: 'hostile: a table row of 20,000 columns',
    markdown: () => `${'|a'.repeat(20_000)}\n${'|-'.repeat(20_000)}`,
  },
  { name: "hostile: '- a' × 160,000 lines (23 s before)", markdown: () => lines(160_000, '- a') },
  {
    name: "hostile: '- a' × 10,000 lines (1.4–3 s with the first limits)",
    markdown: () => lines(10_000, '- a'),
  },
  {
    name: 'hostile: 10,000 lines of lists 16 deep (minutes with the first limits)',
    markdown: () => lines(10_000, deep(16)),
  },
  // The worst inputs at the default limits: each must parse in ≤ 1 s.
  {
    name: `at limits: copies of the Terms up to maxBytes (${maxBytes / 1024} KiB)`,
    markdown: () => upTo(maxBytes),
  },
  {
    name: `at limits: maxLines (${maxLines}) lines of 'a' (one paragraph)`,
    markdown: () => lines(maxLines, 'a'),
  },
  { name: 'at limits: maxLines lines, one paragraph each', markdown: () => lines(maxLines / 2, 'a\n') },
  { name: "at limits: maxLines headings ('# a')", markdown: () => lines(maxLines, '# a') },
  {
    name: 'at limits: maxBytes in maxLines headings',
    markdown: () => lines(maxLines, `# ${'a'.repeat(Math.floor(maxBytes / maxLines) - 3)}`),
  },
  // As many lines as maxComplexity admits (see AgreementLimits for the score).
  { name: "at limits: maxComplexity in list items ('- a')", markdown: () => most('- a\n') },
  { name: 'at limits: maxComplexity in list items, blank lines between', markdown: () => most('- a\n\n') },
  { name: 'at limits: maxComplexity in items nested in one item', markdown: () => most('  - b\n', '- a\n') },
  {
    name: `at limits: maxComplexity in lines of lists ${maxDepth} deep`,
    markdown: () => most(`${deep(maxDepth)}\n`),
  },
  {
    name: `at limits: maxComplexity in quotes ${maxDepth} deep, one paragraph`,
    markdown: () => most(`${'> '.repeat(maxDepth)}a\n`),
  },
  {
    name: `at limits: maxComplexity in quotes ${maxDepth} deep, blank lines between`,
    markdown: () => most(`${'> '.repeat(maxDepth)}a\n\n`),
  },
  { name: "at limits: maxComplexity in bold list items ('- **a** b')", markdown: () => most('- **a** b\n') },
  {
    name: 'at limits: maxComplexity, half quotes then list items, fenced code and a definition',
    markdown: () => {
      const definition = '\n[d]: https://example.com\n';
      const quotes = most('> > > a\n', '', definition).slice(0, -definition.length);
      const half = quotes.slice(0, quotes.lastIndexOf('\n', quotes.length >> 1) + 1);
      return most('- [d]\n', onePiece(half), definition);
    },
  },
  {
    name: `at limits: emphasis ${maxDepth} deep on every line`,
    markdown: () =>
      lines(maxLines / 2, `${'*'.repeat(maxDepth / 2)}a${'*'.repeat(maxDepth / 2)}\n`).slice(
        0,
        maxInlineMarks * 2,
      ),
  },
  {
    name: `at limits: blocks of ${maxInlineMarksPerBlock} '[a]' marks, up to maxInlineMarks`,
    markdown: () =>
      lines(maxInlineMarks / maxInlineMarksPerBlock, `${'[a]'.repeat(maxInlineMarksPerBlock / 2)}\n`),
  },
  {
    name: `at limits: blocks of ${maxInlineMarksPerBlock} '*a' marks, up to maxInlineMarks`,
    markdown: () =>
      lines(maxInlineMarks / maxInlineMarksPerBlock, `${'*a'.repeat(maxInlineMarksPerBlock)}\n`).replace(
        /\*a(?=\n)/g,
        'a',
      ),
  },
  {
    name: `at limits: blocks of ${maxInlineMarksPerBlock} '[a](' marks, up to maxInlineMarks`,
    markdown: () =>
      lines(maxInlineMarks / maxInlineMarksPerBlock, `${'[a]('.repeat(maxInlineMarksPerBlock / 2)}\n`),
  },
  {
    name: 'at limits: maxInlineMarks in bold paragraphs',
    markdown: () => lines(maxInlineMarks / 4, '**a**\n'),
  },
  // Raised limits: what an app pays when it opts into more.
  {
    name: '5 MB: copies of the Terms, maxBytes, maxLines and the markup limits raised',
    markdown: () => upTo(5 * 1024 * 1024),
    limits: {
      maxBytes: 6 * 1024 * 1024,
      maxLines: 100_000,
      maxComplexity: 1_000_000,
      maxInlineMarks: 1_000_000,
    },
    runs: 5,
  },
];

function measure({ markdown, limits, runs = 5 }: Case) {
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
    kb: Buffer.byteLength(text) / 1024,
    outcome,
    median: median(times),
    max: Math.max(...times),
    runs,
  };
}

// Warm up the parser's code paths so the first case is not charged for compilation.
for (let i = 0; i < 5; i++) parseAgreement({ id: 'warm', version: '1', markdown: terms });
const cells = (values: (string | number)[]) => `| ${values.join(' | ')} |`;
console.log('## parseAgreement on worst-case inputs (Node, one thread)');
console.log(
  `${cpus().length} cores, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) at the start. ` +
    `Default limits: ${JSON.stringify(AGREEMENT_LIMITS)}. Goal: ≤ 1,000 ms for any input within them.\n`,
);
console.log(cells(['input', 'size (KB)', 'outcome', 'median (ms)', 'max (ms)', 'runs', '× baseline']));
console.log(cells(['---', '---:', '---', '---:', '---:', '---:', '---:']));
let baseline = 0;
const slow: string[] = [];
for (const c of CASES) {
  const row = measure(c);
  baseline ||= row.median;
  if (row.median > 1000 && !c.limits) slow.push(c.name);
  console.log(
    cells([
      c.name,
      round(row.kb, 1),
      row.outcome,
      round(row.median, 1),
      round(row.max, 1),
      row.runs,
      round(row.median / baseline, 1),
    ]),
  );
}
console.log(
  `\nLoad average at the end: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')}.`,
);
console.log(
  slow.length
    ? `Over the 1 s goal: ${slow.join('; ')}\n`
    : 'Every input within the default limits parsed or was refused in ≤ 1 s.\n',
);
