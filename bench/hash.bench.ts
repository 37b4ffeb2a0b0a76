import { canonicalizeAgreement } from '../src/core/canonical';
import { hashAgreement } from '../src/core/hash';
import { median, round, timeRuns, type BenchSection } from './stats';

const RUNS = 25;

/**
 * hashAgreement on the default agreement and on ten copies, against two baselines in the same
 * run: a bare Web Crypto digest of the canonical bytes, and encode + digest of the canonical
 * string (what hashing any string costs, before any canonicalisation).
 */
export async function hashBench(terms: string): Promise<BenchSection> {
  const rows = [];
  for (const [name, text, iterations] of [
    ['default agreement', terms, 100],
    ['ten copies', Array.from({ length: 10 }, () => terms).join('\n'), 10],
  ] as const) {
    const canonical = canonicalizeAgreement(text);
    const bytes = new TextEncoder().encode(canonical);
    const time = async (fn: () => unknown) => median(await timeRuns(fn, RUNS, { iterations }));
    const ours = await time(() => hashAgreement(text));
    const bare = await time(() => crypto.subtle.digest('SHA-256', bytes));
    const encoded = await time(() => crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
    const canonicalise = await time(() => canonicalizeAgreement(text));
    rows.push({
      name,
      'size (KB)': round(bytes.length / 1024, 1),
      'hashAgreement median (ms)': round(ours, 4),
      'bare SHA-256 digest median (ms)': round(bare, 4),
      'ratio (ours / bare)': round(ours / bare, 2),
      'encode + digest (ms)': round(encoded, 4),
      'canonicalise alone (ms)': round(canonicalise, 4),
      'canonicalise / bare': round(canonicalise / bare, 2),
    });
  }
  return {
    title: `hashAgreement (median of ${RUNS} samples; baselines: crypto.subtle.digest of the same canonical bytes, and TextEncoder + digest of the canonical string)`,
    note: 'hashAgreement = canonicalise (NFC, line endings, trailing spaces; a text already canonical is only checked) + UTF-8 encode + digest. "canonicalise / bare" is what canonicalisation costs against the bare digest; the rest of the ratio is UTF-8 encoding, which any string hash pays.',
    rows,
  };
}
