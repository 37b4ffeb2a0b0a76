import { canonicalizeAgreement } from '../src/core/canonical';
import { hashAgreement } from '../src/core/hash';
import { median, round, timeRuns, type BenchSection } from './stats';

const RUNS = 25;

/** hashAgreement on the default agreement and on ten copies, against a bare Web Crypto digest. */
export async function hashBench(terms: string): Promise<BenchSection> {
  const rows = [];
  for (const [name, text, iterations] of [
    ['default agreement', terms, 100],
    ['ten copies', Array.from({ length: 10 }, () => terms).join('\n'), 10],
  ] as const) {
    const bytes = new TextEncoder().encode(canonicalizeAgreement(text));
    const ours = median(await timeRuns(() => hashAgreement(text), RUNS, { iterations }));
    const bare = median(await timeRuns(() => crypto.subtle.digest('SHA-256', bytes), RUNS, { iterations }));
    rows.push({
      name,
      'size (KB)': round(bytes.length / 1024, 1),
      'hashAgreement median (ms)': round(ours, 4),
      'bare SHA-256 digest median (ms)': round(bare, 4),
      'ratio (ours / bare)': round(ours / bare, 2),
    });
  }
  return {
    title: `hashAgreement (median of ${RUNS} samples; baseline: crypto.subtle.digest of the same canonical bytes)`,
    note: 'hashAgreement = canonicalise (NFC, line endings, trailing spaces) + UTF-8 encode + digest; the ratio is what canonicalisation costs on top of the bare digest.',
    rows,
  };
}
