import { describe, expect, it } from 'vitest';
import { LintError, lintAgreement } from './index';

const rulesOf = (markdown: string, options?: Parameters<typeof lintAgreement>[1]) =>
  lintAgreement(markdown, options).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`);

describe('unbolded-limiting-clause', () => {
  it('reports a limiting sentence that is not bold, at the start of that sentence', () => {
    const markdown = '# Terms\n\nWelcome. We are not liable for lost data. Enjoy.\n';
    const [finding, ...rest] = lintAgreement(markdown);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'unbolded-limiting-clause',
      severity: 'error',
      line: 3,
      column: 10,
    });
    expect(finding?.message).toContain('"not liable"');
  });

  it('is satisfied when the whole sentence is bold, in one span or several', () => {
    expect(lintAgreement('**We are not liable for lost data.**\n')).toEqual([]);
    expect(lintAgreement('**We are not liable** **for lost data.**\n')).toEqual([]);
    expect(lintAgreement('- 2.4 **The Software is provided as is.**\n')).toEqual([]);
  });

  it('finds each kind of wording the brief lists', () => {
    for (const sentence of [
      'We accept no liability for outages.',
      'We have no responsibility for third-party sites.',
      'You waive your right to a jury.',
      'You agree to indemnify us.',
      'We may terminate your account without notice.',
      'We may suspend the service without prior notice.',
      'We decide refunds at our sole discretion.',
      'Disputes go to binding arbitration.',
      'You may not join a class action.',
      'The software is provided "as is".',
      'It comes without warranty of any kind.',
      'Limitation of liability applies.',
      'You use the app at your own risk.',
      'We shall not be held responsible for delays.',
      'We are exempt from claims.',
      'We disclaim all implied warranties.',
      'You grant an irrevocable licence.',
      'You grant us a perpetual license to your posts.',
      'We may modify these terms at any time.',
    ]) {
      expect(rulesOf(sentence), sentence).toEqual(['1:1 error unbolded-limiting-clause']);
    }
  });

  it('leaves ordinary obligations and the reader’s own rights alone', () => {
    for (const sentence of [
      'You can cancel your subscription at any time.',
      'You do not have the right to copy the software.',
      'The fees for your devices should be borne by you.',
      'Such as is customary in the trade.',
      'We will notify you before we change these terms.',
      'Nothing in these terms limits your statutory rights.',
    ]) {
      expect(rulesOf(sentence), sentence).toEqual([]);
    }
  });

  it('does not read headings as clauses', () => {
    expect(lintAgreement('## VI. Legal Liability and Disclaimer\n')).toEqual([]);
  });

  it('says so when only part of the sentence is bold and the limiting words are not', () => {
    const [finding] = lintAgreement('**Lost data:** we are not liable for it.\n');
    expect(finding?.rule).toBe('unbolded-limiting-clause');
    expect(finding?.message).toContain('Only part of it is bold');
  });
});

describe('partial-bold', () => {
  it('warns, at the bold span, when only the limiting words of a sentence are bold', () => {
    const findings = lintAgreement('Except for fraud, we are **not liable** for lost data.\n');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'partial-bold', severity: 'warning', line: 1, column: 28 }),
    ]);
  });

  it('leaves emphasis in sentences that limit nothing alone', () => {
    expect(lintAgreement('The **Service** means the website.\n')).toEqual([]);
  });
});

describe('options', () => {
  it('adds phrases, as words with gaps and prefixes or as RegExps', () => {
    const text = 'Refunds are decided by the board alone. We may rescind offers.\n';
    expect(rulesOf(text)).toEqual([]);
    expect(
      rulesOf(text, { addPhrases: ['decided … alone', { id: 'rescind', pattern: /\brescind/i }] }),
    ).toEqual(['1:1 error unbolded-limiting-clause', '1:41 error unbolded-limiting-clause']);
  });

  it('removes built-in phrases by id', () => {
    expect(rulesOf('Disputes go to arbitration.', { removePhrases: ['arbitration'] })).toEqual([]);
  });

  it('turns single rules off', () => {
    expect(rulesOf('We are not liable.', { rules: { 'unbolded-limiting-clause': false } })).toEqual([]);
  });

  it('needs phrases for a language other than English, and then uses only those', () => {
    expect(() => lintAgreement('Nous ne sommes pas responsables.', { language: 'fr' })).toThrow(
      /only English has built-in limiting phrases; for "fr" pass your own/,
    );
    expect(
      rulesOf('Nous ne sommes pas responsables. We are not liable.', {
        language: 'fr',
        phrases: ['pas responsables'],
      }),
    ).toEqual(['1:1 error unbolded-limiting-clause']);
  });

  it('rejects what it cannot use with a LintError that says what to pass', () => {
    expect(() => lintAgreement(42 as unknown as string)).toThrow(LintError);
    expect(() => lintAgreement('x', { rules: { bold: false } as never })).toThrow(/unknown rule "bold"/);
    expect(() => lintAgreement('x', { addPhrases: [''] })).toThrow(/at least one word/);
    expect(() => lintAgreement('x'.repeat(256 * 1024 + 1))).toThrow(/at most 262144 are linted/);
    expect(() => lintAgreement('x'.repeat(11), { maxLength: 10 })).toThrow(/raise `maxLength`/);
    expect(lintAgreement('x'.repeat(11), { maxLength: 11 })).toEqual([]);
  });
});
