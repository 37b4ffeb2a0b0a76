import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeAgreement } from './canonical';
import { hashAgreement, sha256Hex } from './hash';
import { HASH_VECTORS } from './hash.vectors';

describe('canonicalizeAgreement', () => {
  it('removes a BOM, normalises line endings and trailing spaces, ends with one newline', () => {
    expect(canonicalizeAgreement('\uFEFF\r\n\n# Title  \r\nLine\tone\t\rLine two\n\n\n')).toBe(
      '# Title\nLine\tone\nLine two\n',
    );
  });

  it('composes decomposed characters (NFC)', () => {
    expect(canonicalizeAgreement('Cafe\u0301')).toBe('Caf\u00e9\n');
  });

  it('keeps whitespace inside a line and a backslash hard break', () => {
    expect(canonicalizeAgreement('a  b\\\nc')).toBe('a  b\\\nc\n');
  });

  it('turns a text of only whitespace into the empty string', () => {
    expect(canonicalizeAgreement(' \r\n\t\n')).toBe('');
  });

  it('says what to pass when given something that is not a string', () => {
    expect(() => canonicalizeAgreement(undefined as unknown as string)).toThrow(
      /expects the agreement text as a string, got undefined/,
    );
  });

  const text = fc.string({
    unit: fc.constantFrom('a', 'é', 'e\u0301', ' ', '\t', '\n', '\r\n', '\r', '\uFEFF', '*', '#'),
    maxLength: 60,
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (t) => {
        const once = canonicalizeAgreement(t);
        expect(canonicalizeAgreement(once)).toBe(once);
      }),
    );
  });

  it('is insensitive to CRLF versus LF', () => {
    fc.assert(
      fc.property(text, (t) => {
        const lf = t.replace(/\r\n?/g, '\n');
        expect(canonicalizeAgreement(lf.replace(/\n/g, '\r\n'))).toBe(canonicalizeAgreement(lf));
      }),
    );
  });
});

describe('hashAgreement', () => {
  it.each(HASH_VECTORS)('hashes $name to the fixed vector', async ({ input, canonicalSha256 }) => {
    expect(await hashAgreement(input)).toBe(canonicalSha256);
  });

  it('matches the published SHA-256 of "abc" for the raw digest', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives one hash for texts that differ only in encoding accidents', async () => {
    expect(await hashAgreement('\uFEFFTerms\r\n')).toBe(await hashAgreement('Terms'));
    expect(await hashAgreement('Terms')).not.toBe(await hashAgreement('Terms.'));
  });
});
