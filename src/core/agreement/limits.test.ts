import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_LIMITS, AgreementError, parseAgreement, type AgreementLimits } from './index';

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
      maxBytes: 512 * 1024,
      maxLines: 10_000,
      maxDepth: 16,
      maxInlineMarks: 20_000,
      maxInlineMarksPerBlock: 2_000,
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
      expect(refusal('a\n'.repeat(101), { maxLines: 100 })).toMatchObject({ code: 'too-many-lines', line: 101 });
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
      expect(error.message).toMatch(/nested \d+ deep at line \d+, column \d+; the limit is 16\. Flatten the nesting .* or raise `limits\.maxDepth`\./);
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
      expect(outcome('**a** *b* _c_ __d__ '.repeat(100))).toBe('parsed');
    });

    it('does not count the indentation of fenced code as nesting', () => {
      expect(outcome(`Code:\n\n\`\`\`\n${' '.repeat(80)}deep\n\`\`\`\n`)).toBe('parsed');
    });

    it('reads a fence of 20,000 backticks as an empty code block: nothing visible', () => {
      expect(outcome('`'.repeat(20_000))).toBe('no-visible-text');
    });
  });

  describe('markup', () => {
    it.each([
      ['link brackets', '[a]'.repeat(20_000)],
      ['opening brackets', '['.repeat(20_000)],
      ['stars between letters', '*a'.repeat(20_000)],
      ['links without a destination', '[a]('.repeat(20_000)],
      ['backticks', `a${'`'.repeat(20_000)}`],
    ])('refuses a paragraph of %s beyond 2,000 marks', (_, markdown) => {
      expect(refusal(markdown)).toMatchObject({
        code: 'too-much-markup',
        line: 1,
        message: expect.stringMatching(/than the limit of 2,000 in one block \(this one starts on line 1\), at line 1, column \d+\. Write that text with less markup, or raise `limits\.maxInlineMarksPerBlock`\./),
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
      /`limits\.maxSize` is not a limit; the limits are maxBytes, maxLines, maxDepth, maxInlineMarks, maxInlineMarksPerBlock\./,
    );
    expect(() => parse('x', { maxDepth: 0 })).toThrow(/`limits\.maxDepth` must be a positive whole number; got number 0\./);
  });

  it('parses or refuses any short hostile input, never hanging or throwing anything else', () => {
    const alphabet = fc.constantFrom(
      '- ', '* ', '1. ', '> ', '  ', '\t', '*', '_', '**', '[', ']', '(', ')', '`', '<', '>', '!',
      '&amp;', '\\', '#', '|', '~', 'a', ' ', '\n', '\n\n', '```', 'x]: y', '-', '=',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (parts, times) => {
        const markdown = parts.join('').repeat(times);
        const started = performance.now();
        const result = outcome(markdown);
        expect(result).toMatch(/^(parsed|raw-html|hidden-text|image|no-visible-text|empty-agreement|too-deep|too-much-markup)$/);
        // Generous for a busy machine; the bench measures the real times.
        expect(performance.now() - started).toBeLessThan(5_000);
      }),
      { numRuns: 150 },
    );
  });
});
