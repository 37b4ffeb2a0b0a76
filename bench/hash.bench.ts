import { canonicalizeAgreement } from '../src/core/canonical';
import { hashAgreement } from '../src/core/hash';
import { median, round, timeRuns, type BenchSection } from './stats';

const RUNS = 25;

/** hashAgreement on the default agreement and on ten copies, against a bare Web Crypto digest. */
export async function hashBench(terms: string): Promise<BenchSection> {
  const rows = [];
  for (const [name, text] of [
    ['default agreement', terms],
    ['ten copies', Array.from({ length: 10 }, () => terms).join('\n')],
  ] as const) {
    const bytes = new TextEncoder().encode(canonicalizeAgreement(text));
    const ours = median(await timeRuns(() => hashAgreement(text), RUNS));
    const bare = median(await timeRuns(() => crypto.subtle.digest('SHA-256', bytes), RUNS));
    rows.push({
      name,
      'size (KB)': round(bytes.length / 1024, 1),
      'hashAgreement median (ms)': round(ours),
      'bare SHA-256 digest median (ms)': round(bare),
      'ratio (ours / bare)': round(ours / bare, 2),
    });
  }
  return {
    title: `hashAgreement (median of ${RUNS} runs; baseline: crypto.subtle.digest of the same canonical bytes)`,
    rows,
  };
}
