import { describe, expect, it } from 'vitest';
import { hashAgreement } from './hash';
import { HASH_VECTORS } from './hash.vectors';

describe('hashAgreement in Chromium', () => {
  it.each(HASH_VECTORS)('gives the same hash as Node for $name', async ({ input, canonicalSha256 }) => {
    expect(await hashAgreement(input)).toBe(canonicalSha256);
  });
});
