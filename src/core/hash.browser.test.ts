import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeAgreementOracle } from './canonical.oracle';
import { hashAgreement } from './hash';
import { HASH_VECTORS } from './hash.vectors';

describe('hashAgreement in Chromium', () => {
  it.each(HASH_VECTORS)('gives the same hash as Node for $name', async ({ input, canonicalSha256 }) => {
    expect(await hashAgreement(input)).toBe(canonicalSha256);
  });

  it('gives the hash of the original canonical form, digested as Web Crypto digests fresh bytes', async () => {
    const unit = fc.constantFrom(
      'a',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\uFEFF',
      'é',
      'e\u0301',
      '\u2019',
      '😀',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 60 }), async (t) => {
        const bytes = new TextEncoder().encode(canonicalizeAgreementOracle(t));
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        expect(await hashAgreement(t)).toBe(hex);
      }),
      { numRuns: 200 },
    );
  });
});
