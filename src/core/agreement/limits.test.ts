import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeAgreement } from '../canonical';
import { AGREEMENT_LIMITS, AgreementError, parseAgreement, type AgreementLimits } from './index';
import { scanAgreement } from './scan';

const parse = (markdown: string, limits?: Partial<AgreementLimits>) =>
  parseAgreement({ id: 'terms', version: '1', markdown, ...(limits ? { limits } : {}) });

/** What happens to `markdown`: 'parsed', or the code it is refused with. */
function outcome(markdown: string, limits?: Partial<AgreementLimits>): string {
  try {
    parse(markdown, limits);
    return 'parsed';
  } catch (error) {
    if (error instanceof AgreementError) return error.code;
    throw error;
  }
}

function refusal(markdown: string, limits?: Partial<AgreementLimits>): AgreementError {
  try {
    parse(markdown, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(AgreementError);
    return error as AgreementError;
  }
  throw new Error('expected a refusal, but it parsed');
}

describe('limits', () => {
  it('has documented defaults sized for real agreements', () => {
    expect(AGREEMENT_LIMITS).toEqual({
      maxBytes: 384 * 1024,
      maxLines: 5_000,
      maxDepth: 16,
      maxComplexity: 15_000,
      maxInlineMarks: 10_000,
      maxInlineMarksPerBlock: 500,
    });
  });

  describe('size', () => {
    it('refuses more UTF-8 bytes than maxBytes, saying the size and how to raise it', () => {
      const error = refusal('é'.repeat(600), { maxBytes: 1000 });
      expect(error.code).toBe('too-large');
      expect(error.message).toBe(
        'The agreement "terms" version "1" is 1.2 KiB (1,201 bytes) of UTF-8 text; the limit is ' +
          '1.0 KiB (1,000 bytes). Split it into several documents, or raise `limits.maxBytes` if ' +
          'you serve agreements this long.',
      );
      expect(outcome('é'.repeat(499), { maxBytes: 1000 })).toBe('parsed');
    });

    it('refuses 5 MB by default, quickly, and before canonicalising it', () => {
      expect(outcome('word '.repeat(1_048_576))).toBe('too-large');
      expect(outcome(`${'x\r\n'.repeat(600_000)}`)).toBe('too-large');
    });

    it('refuses more lines than maxLines, naming the first line over', () => {
      expect(refusal('a\n'.repeat(101), { maxLines: 100 })).toMatchObject({
        code: 'too-many-lines',
        line: 101,
      });
      expect(outcome('a\n'.repeat(100), { maxLines: 100 })).toBe('parsed');
    });
  });

  describe('nesting (issue 9: these took 83 s, 40 s and 432 s)', () => {
    it.each([
      ['lists on one line', `${'- '.repeat(10_000)}x`, 1, 33],
      ['emphasis', `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`, 1, 1],
      ['indented lists', Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 17, 33],
      ['quotes', `${'> '.repeat(10_000)}x`, 1, 33],
      ['quotes without spaces', `${'>'.repeat(10_000)}x`, 1, 17],
      // Three columns per level: counted as 1.5 levels each, so ten ordered levels fit on a line.
      ['ordered lists', `${'1. '.repeat(10_000)}x`, 1, 31],
      ['nested emphasis runs', `${'*a '.repeat(3000)}x${' a*'.repeat(3000)}`, 1, 49],
      ['underscores', `${'_a '.repeat(3000)}x${' a_'.repeat(3000)}`, 1, 49],
    ])('refuses %s deeper than 16, at once, naming where', (_, markdown, line, column) => {
      const error = refusal(markdown);
      expect(error).toMatchObject({ code: 'too-deep', line, column });
      expect(error.message).toMatch(
        /nested \d+ deep at line \d+, column \d+; the limit is 16\. Flatten the nesting .* or raise `limits\.maxDepth`\./,
      );
    });

    it('refuses 2,000 indented list levels (4 MB) as too large, at once', () => {
      const markdown = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
      expect(outcome(markdown)).toBe('too-large');
    });

    it.each([
      ['lists', `${'- '.repeat(16)}x`],
      ['indented lists', Array.from({ length: 16 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
      ['quotes', `${'> '.repeat(16)}x`],
      ['emphasis', `${'*'.repeat(16)}x${'*'.repeat(16)}`],
      ['mixed', `${'> - '.repeat(5)}**bold *and italic***`],
    ])('parses %s nested exactly to the limit', (_, markdown) => {
      expect(outcome(markdown)).toBe('parsed');
    });

    it('does not count many closed emphases in one paragraph as nesting', () => {
      expect(outcome('**a** *b* _c_ __d__ '.repeat(40))).toBe('parsed');
    });

    it('does not count the indentation of fenced code as nesting', () => {
      expect(outcome(`Code:\n\n\`\`\`\n${' '.repeat(80)}deep\n\`\`\`\n`)).toBe('parsed');
    });

    it('reads a fence of 20,000 backticks as an empty code block: nothing visible', () => {
      expect(outcome('`'.repeat(20_000))).toBe('no-visible-text');
    });
  });

  describe('complexity: the work of the parser, scored (issue 9)', () => {
    it('refuses a score past maxComplexity, naming the line and how it is counted', () => {
      // Each line 1, each item 4, its nesting 1: 6 a line, so the 11th line passes 60.
      const error = refusal('- a\n'.repeat(11), { maxComplexity: 60 });
      expect(error).toMatchObject({ code: 'too-complex', line: 11, column: 1 });
      expect(error.message).toBe(
        'The agreement "terms" version "1" is too complex to parse quickly: its complexity passes ' +
          'the limit of 60 at line 11 (each line counts 1, each list item or block quote 4, each ' +
          'level of nesting on a line 1, each inline mark ¾, every 128 bytes 1, all twice with link ' +
          'definitions). Split it into several documents or use fewer lists, quotes and marks, or ' +
          'raise `limits.maxComplexity`.',
      );
      expect(outcome('- a\n'.repeat(10), { maxComplexity: 60 })).toBe('parsed');
    });

    it('counts every list marker, every quote opened (not one continued), nesting and marks', () => {
      const at = (markdown: string, maxComplexity: number) => outcome(markdown, { maxComplexity });
      // 3 items (12) + 3 levels (3) + 1 line: 16 for one line.
      expect([at('- - - a\n', 15), at('- - - a\n', 16)]).toEqual(['too-complex', 'parsed']);
      // Two quotes opened once (8), then 2 lines of depth 2 (3 each with the line): 14.
      expect([at('> > a\n> > b\n', 13), at('> > a\n> > b\n', 14)]).toEqual(['too-complex', 'parsed']);
      // Opened again after a blank line: 8 more (and the blank line 1).
      expect(at('> > a\n\n> > b\n', 22)).toBe('too-complex');
      // Four marks (3) and the line (1).
      expect([at('**a**\n', 3), at('**a**\n', 4)]).toEqual(['too-complex', 'parsed']);
      // With a link definition, everything twice: 3 lines (3) and 4 marks (3), so 2 × 6.
      const defined = 'See [a].\n\n[a]: https://a.test\n';
      expect([at(defined, 11), at(defined, 12)]).toEqual(['too-complex', 'parsed']);
    });

    it('counts items nested in one top-level block more the more there are (their cost grows with their square)', () => {
      const at = (markdown: string, maxComplexity: number) => outcome(markdown, { maxComplexity });
      // 65 lines (65), 65 items (260), nesting 1 + 64 × 2 (129), 323 bytes (2½), and for the
      // nested items 0 + 1 + … + 63 = 2,016 sixty-fourths (31½): 488.
      const nested = `- a\n${'  - b\n'.repeat(64)}`;
      expect([at(nested, 487), at(nested, 488)]).toEqual(['too-complex', 'parsed']);
      // The same items at column 0 start afresh each time: 65 × 6 + 195 bytes (1½): 391½.
      const flat = '- a\n'.repeat(65);
      expect([at(flat, 391), at(flat, 392)]).toEqual(['too-complex', 'parsed']);
    });

    it('keeps ten copies of the default agreement well inside every limit', () => {
      const terms = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
      const ten = Array.from({ length: 10 }, () => terms).join('\n');
      // A fifth of every limit to spare (the bench measures the parse at the full limits).
      const tighter = Object.fromEntries(
        Object.entries(AGREEMENT_LIMITS).map(([name, value]) => [name, Math.floor(value * 0.8)]),
      ) as unknown as AgreementLimits;
      // Bytes aside: ten copies are 80% of maxBytes, which twelve would fill.
      const scan = (limits: AgreementLimits) =>
        scanAgreement(canonicalizeAgreement(ten), limits, { subject: 'x', lineOffset: 0 });
      expect(() => scan({ ...tighter, maxBytes: AGREEMENT_LIMITS.maxBytes })).not.toThrow();
      expect(Buffer.byteLength(ten)).toBeLessThan(AGREEMENT_LIMITS.maxBytes * 0.85);
    });
  });

  describe('markup', () => {
    it.each([
      ['link brackets', '[a]'.repeat(20_000)],
      ['opening brackets', '['.repeat(20_000)],
      ['stars between letters', '*a'.repeat(20_000)],
      ['links without a destination', '[a]('.repeat(20_000)],
      ['backticks', `a${'`'.repeat(20_000)}`],
    ])('refuses a paragraph of %s beyond 500 marks', (_, markdown) => {
      expect(refusal(markdown)).toMatchObject({
        code: 'too-much-markup',
        line: 1,
        message: expect.stringMatching(
          /than the limit of 500 in one block \(this one starts on line 1\), at line 1, column \d+\. Write that text with less markup, or raise `limits\.maxInlineMarksPerBlock`\./,
        ),
      });
    });

    it('refuses more marks than maxInlineMarks in all', () => {
      expect(refusal('**a**\n\n'.repeat(30), { maxInlineMarks: 100 })).toMatchObject({
        code: 'too-much-markup',
        line: 51,
      });
    });
  });

  it('says which limits exist when given a wrong one', () => {
    expect(() => parse('x', { maxSize: 1 } as never)).toThrow(
      /`limits\.maxSize` is not a limit; the limits are maxBytes, maxLines, maxDepth, maxComplexity, maxInlineMarks, maxInlineMarksPerBlock\./,
    );
    expect(() => parse('x', { maxDepth: 0 })).toThrow(
      /`limits\.maxDepth` must be a positive whole number; got number 0\./,
    );
  });

  it('parses or refuses any short hostile input, never hanging or throwing anything else', () => {
    const alphabet = fc.constantFrom(
      '- ',
      '* ',
      '1. ',
      '> ',
      '  ',
      '\t',
      '*',
      '_',
      '**',
      '[',
      ']',
      '(',
      ')',
      '`',
      '<',
      '>',
      '!',
      '&amp;',
      '\\',
      '#',
      '|',
      '~',
      'a',
      ' ',
      '\n',
      '\n\n',
      '```',
      'x]: y',
      '-',
      '=',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (parts, times) => {
        const markdown = parts.join('').repeat(times);
        const started = performance.now();
        const result = outcome(markdown);
        expect(result).toMatch(
          /^(parsed|raw-html|hidden-text|image|no-visible-text|empty-agreement|too-deep|too-complex|too-much-markup|too-many-lines)$/,
        );
        // Generous for a busy machine; the bench measures the real times.
        expect(performance.now() - started).toBeLessThan(5_000);
      }),
      { numRuns: 150 },
    );
  });
});
