import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalizeAgreement } from './canonical';
import { canonicalizeAgreementOracle } from './canonical.oracle';
import { hashAgreement } from './hash';

// Units chosen to hit every rule and every edge of the fast path: BOMs, each line ending, spaces
// and tabs at line ends, blank lines, decomposed and precomposed accents, a combining mark after a
// space, Hangul jamo that compose, NFC singletons (Ohm, Angstrom, en quad), characters inside and
// outside Latin, astral characters and lone surrogates.
const UNITS = [
  'a',
  'Z',
  '#',
  '*',
  '\\',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\uFEFF',
  'é',
  'e\u0301',
  ' \u0301',
  '\u0323',
  '\u1100\u1161',
  '\uAC00\u11A8',
  '\u2126',
  '\u212B',
  '\u2000',
  '\u2019',
  '\u201C',
  '\u2014',
  '\u20AC',
  '\u02FF',
  '\u0300',
  '\u0374',
  'Ж',
  'Ω',
  '\u0385',
  '\u2ADC',
  '\u3042\u3099',
  '\uF900',
  '😀',
  '\uD800',
  '\uDC00',
];
const text = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 80 });
// Texts that are already canonical (the fast path's case), and then spoiled in one place.
const canonicalText = text.map(canonicalizeAgreementOracle).filter((t) => t !== '');

describe('canonicalizeAgreement (fast path) against the original implementation', () => {
  it('gives the same string for any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(canonicalizeAgreement(t)).toBe(canonicalizeAgreementOracle(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns a canonical text unchanged, and any one-unit edit of it as the original would', () => {
    fc.assert(
      fc.property(canonicalText, fc.nat(), fc.constantFrom(...UNITS), (t, at, unit) => {
        expect(canonicalizeAgreement(t)).toBe(t);
        const i = at % (t.length + 1);
        const edited = t.slice(0, i) + unit + t.slice(i);
        expect(canonicalizeAgreement(edited)).toBe(canonicalizeAgreementOracle(edited));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same hash as the original canonical bytes digested by node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const expected = createHash('sha256')
          .update(Buffer.from(new TextEncoder().encode(canonicalizeAgreementOracle(t))))
          .digest('hex');
        expect(await hashAgreement(t)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sha256Hex without node:crypto (the Web Crypto path browsers take)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('gives the same hashes as node:crypto, reusing its buffer across calls of any size', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    vi.resetModules();
    const web = await import('./hash');
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), async (texts) => {
        const hashes = await Promise.all(texts.map((t) => web.hashAgreement(t)));
        expect(hashes).toEqual(await Promise.all(texts.map((t) => hashAgreement(t))));
      }),
      { numRuns: 200 },
    );
  });
});
