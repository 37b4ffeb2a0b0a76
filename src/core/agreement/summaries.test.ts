import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashAgreement } from '../hash';
import { AgreementError } from './errors';
import { parseAgreement } from '.';
import { serializeAgreement } from './precompile';
import { deserializeAgreement } from './precompiled';
import { canonicalSummaries, receiptSummaries, SUMMARIES_CANONICALIZATION } from './summaries-shown';

const terms = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const summaries = readFileSync(
  new URL('../../../agreements/instadesk-terms.summaries.md', import.meta.url),
  'utf8',
);

const SHORT = `# Terms

## 1. Use

- 1.1 **We may end your account at any time.**

- 1.2 You keep your data.

- 1.3 **If you are under 18, a guardian must agree with you.**
`;

const parse = (markdown: string) => parseAgreement({ id: 'terms', version: '1', markdown });
const withSection = (items: string) => `${SHORT}\n## Plain-language summaries\n\n${items}\n`;

/** The error `parse` throws, to assert on its code and place. */
function errorOf(markdown: string): AgreementError {
  try {
    parse(markdown);
  } catch (error) {
    if (error instanceof AgreementError) return error;
    throw error;
  }
  throw new Error('parseAgreement accepted the text');
}

describe('plain-language summaries in the agreement source', () => {
  describe('given an agreement with a "Plain-language summaries" section', () => {
    const agreement = parse(
      withSection(
        [
          '- `1-use--1-1`: We can close your account whenever we want.',
          '  - For minors: We can close your account at any time, even if you did nothing wrong.',
          '- `1-use--1-3`: If you are under 18, a parent or guardian has to agree too.',
        ].join('\n'),
      ),
    );

    it('attaches each summary to the clause it names, with the minors’ variant', () => {
      expect(agreement.keyClauses.map((c) => [c.id, c.summary ?? null])).toEqual([
        [
          '1-use--1-1',
          {
            general: 'We can close your account whenever we want.',
            minor: 'We can close your account at any time, even if you did nothing wrong.',
          },
        ],
        [
          '1-use--1-3',
          { general: 'If you are under 18, a parent or guardian has to agree too.', minor: null },
        ],
      ]);
    });

    it('leaves the section out of the agreement text: the body hash is that of the text without it', async () => {
      expect(agreement.markdown).toBe(parse(SHORT).markdown);
      expect(agreement.markdown).not.toContain('Plain-language');
      expect(agreement.sections.map((s) => s.title)).toEqual(['Terms', '1. Use']);
      expect(await hashAgreement(agreement.markdown)).toBe(await hashAgreement(SHORT));
    });

    it('hashes what is shown: the variant changes the hash, a clause without a variant shows its general summary', async () => {
      expect(canonicalSummaries(agreement.keyClauses, 'minor')).toBe(
        JSON.stringify([
          ['1-use--1-1', 'We can close your account at any time, even if you did nothing wrong.'],
          ['1-use--1-3', 'If you are under 18, a parent or guardian has to agree too.'],
        ]),
      );
      const adult = await receiptSummaries(agreement.keyClauses, 'adult');
      const minor = await receiptSummaries(agreement.keyClauses, 'minor');
      expect(adult).toEqual({
        variant: 'adult',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        canonicalization: SUMMARIES_CANONICALIZATION,
      });
      expect(minor?.sha256).not.toBe(adult?.sha256);
      // Stable across parses, line endings and trailing spaces (the canonical text is the same).
      const again = parse(
        withSection(
          [
            '- `1-use--1-1`:   We can close your account   whenever we want.  ',
            '  - For minors: We can close your account at any time, even if you did nothing wrong.',
            '- `1-use--1-3`: If you are under 18, a parent or guardian has to agree too.',
          ].join('\r\n'),
        ),
      );
      expect(await receiptSummaries(again.keyClauses, 'adult')).toEqual(adult);
    });

    it('has no summaries block for an agreement without summaries', async () => {
      expect(await receiptSummaries(parse(SHORT).keyClauses, 'adult')).toBeNull();
      expect(parse(SHORT).keyClauses.some((c) => 'summary' in c)).toBe(false);
    });

    it('ignores the heading inside fenced code', () => {
      const fenced = `${SHORT}\n\`\`\`\n## Plain-language summaries\n\`\`\`\n`;
      expect(parse(fenced).markdown).toContain('## Plain-language summaries');
    });
  });

  describe('refuses, saying where and what to write', () => {
    // The section's heading is on line 11 of withSection(…), its first item on line 13.
    it.each([
      [
        'a summary naming no clause',
        '- `use--1-1`: Nope.',
        'summary-unknown-clause',
        13,
        1,
        /names no key clause.*did you mean/,
      ],
      [
        'a summary of a clause that is not bold',
        '- `1-use--1-2`: Yours.',
        'summary-unknown-clause',
        13,
        1,
        /only bold clauses/,
      ],
      [
        'two summaries of one clause',
        '- `1-use--1-1`: One.\n- `1-use--1-1`: Two.',
        'summary-duplicate',
        14,
        1,
        /already has a summary \(line 13\)/,
      ],
      [
        'two minors’ variants',
        '- `1-use--1-1`: One.\n  - For minors: A.\n  - For minors: B.',
        'summary-duplicate',
        15,
        3,
        /already has a "For minors:"/,
      ],
      [
        'a minors’ variant without the general summary',
        '- `1-use--1-1`:\n  - For minors: Only this.',
        'summary-minor-without-general',
        13,
        3,
        /no general summary/,
      ],
      [
        'a minors’ variant on its own',
        '- For minors: Alone.',
        'invalid-summary',
        13,
        3,
        /belongs nested under the item of its clause/,
      ],
      [
        'an item without a clause id',
        '- The whole thing, briefly.',
        'invalid-summary',
        13,
        3,
        /by id in backticks/,
      ],
      ['a missing colon', '- `1-use--1-1` We can close it.', 'invalid-summary', 13, 3, /put a colon/],
      [
        'a paragraph in the section',
        'Here is what it means.',
        'invalid-summary',
        13,
        1,
        /only a list of summaries/,
      ],
      [
        'markup in a summary',
        '- `1-use--1-1`: We can [close](https://x.test) it.',
        'invalid-summary',
        13,
        24,
        /plain text \(found link\)/,
      ],
    ])('%s', (_, items, code, line, column, message) => {
      const error = errorOf(withSection(items));
      expect({ code: error.code, line: error.line, column: error.column }).toEqual({ code, line, column });
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`line ${line}, column ${column}`);
    });

    it('refuses an invisible character written as a character reference, as in the agreement', () => {
      const error = errorOf(withSection('- `1-use--1-1`: The fee is &#x202E;05&#x202C; EUR.'));
      expect(error.code).toBe('invisible-character');
      expect(error.message).toMatch(
        /the summary holds U\+202E RIGHT-TO-LEFT OVERRIDE\. It changes the order/,
      );
      expect(error.message).toContain('line 13, column 15');
    });

    it('refuses raw HTML in the section, as anywhere in the agreement', () => {
      expect(errorOf(withSection('- `1-use--1-1`: <b>We</b> can.')).code).toBe('raw-html');
    });

    it('counts lines as written, blank lines at the start included', () => {
      const error = errorOf(`\n\n${withSection('- `1-use--1-9`: Nope.')}`);
      expect([error.line, error.column]).toEqual([15, 1]);
    });

    it('refuses a text that is only summaries', () => {
      expect(errorOf('## Plain-language summaries\n\n- `x`: y\n').code).toBe('empty-agreement');
    });
  });

  describe('the Instadesk terms with the summaries of agreements/instadesk-terms.summaries.md', () => {
    const plain = parse(terms);
    const summarised = parse(`${terms}\n${summaries}`);

    it('keeps the key clauses, their ids and the body hash of the default agreement', async () => {
      expect(summarised.keyClauses).toHaveLength(plain.keyClauses.length);
      expect(summarised.keyClauses.map((c) => c.id)).toEqual(plain.keyClauses.map((c) => c.id));
      expect(summarised.markdown).toBe(plain.markdown);
      expect(await hashAgreement(summarised.markdown)).toBe(await hashAgreement(terms));
    });

    it('summarises a handful of clauses, with a minors’ variant for some', () => {
      const withSummary = summarised.keyClauses.filter((c) => c.summary);
      expect(withSummary.length).toBeGreaterThanOrEqual(5);
      expect(withSummary.filter((c) => c.summary?.minor).length).toBeGreaterThanOrEqual(2);
      for (const clause of withSummary) expect(clause.summary?.general).not.toBe('');
    });
  });
});

describe('precompiled agreements with summaries', () => {
  const agreement = parse(`${terms}\n${summaries}`);

  it('carry the summaries through JSON, so the browser shows the same ones', () => {
    const precompiled = JSON.parse(JSON.stringify(serializeAgreement(agreement))) as unknown;
    const back = deserializeAgreement(precompiled);
    expect(back.keyClauses).toEqual(agreement.keyClauses);
    expect(back.keyClauses.filter((c) => c.summary)).toHaveLength(7);
  });

  it('write nothing new for an agreement without summaries (format @1 as before)', () => {
    const precompiled = serializeAgreement(parse(terms));
    expect(precompiled.format).toBe('react-clickwrap/agreement@1');
    expect('summaries' in precompiled).toBe(false);
  });

  it('refuse summaries for a clause the agreement does not have', () => {
    const precompiled = serializeAgreement(agreement);
    const forged = { ...precompiled, summaries: { 'nope--1': { general: 'x', minor: null } } };
    expect(() => deserializeAgreement(forged)).toThrow(/"nope--1", which is not a key clause/);
  });
});
