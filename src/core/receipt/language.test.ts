import { describe, expect, it } from 'vitest';
import { deserializeAgreement, parseAgreement, serializeAgreement } from '../agreement';
import { options } from '../exports/fixtures/iso-27560-setup';
import { toIso27560Record } from '../exports/iso-27560';
import { createReceipt, ReceiptError, verifyReceipt } from '.';
import { markdown, minimalInput, privacyMarkdown, schema, schemaErrors } from './fixtures.test-utils';

const terms = (language?: string) =>
  parseAgreement({
    id: 'instadesk-terms',
    version: '2024-05-01',
    markdown,
    ...(language === undefined ? {} : { language }),
  });
const privacy = (language?: string) =>
  parseAgreement({
    id: 'privacy-policy',
    version: '2024-06-01',
    markdown: privacyMarkdown,
    ...(language === undefined ? {} : { language }),
  });
const reading = { required: 'none' as const, reachedEnd: false, reachedEndAt: null, keyClausesSeen: [] };

/** A consent to the Terms and a privacy policy, in a French UI. */
const consent = (termsLanguage?: string, privacyLanguage?: string) => {
  const agreement = terms(termsLanguage);
  const policy = privacy(privacyLanguage);
  return createReceipt({
    ...minimalInput(),
    agreement,
    reading: { ...reading, keyClausesTotal: agreement.keyClauses.length },
    locale: 'fr',
    additionalDocuments: [
      { agreement: policy, reading: { ...reading, keyClausesTotal: policy.keyClauses.length } },
    ],
  });
};

describe("a receipt records each document's own language, apart from the UI's", () => {
  it('records the language the app declared for each document, and the UI language as locale', async () => {
    const receipt = await consent('en-GB', 'de');
    expect(receipt.locale).toBe('fr');
    expect(receipt.agreement.language).toBe('en-GB');
    expect(receipt.additionalDocuments[0]!.language).toBe('de');
    expect(schemaErrors(receipt, schema)).toEqual([]);
    const verified = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { 'privacy-policy': privacyMarkdown },
    });
    expect(verified.problems).toEqual([]);
  });

  it('records no language for a document parsed without one: its "en" is only a default', async () => {
    const receipt = await consent(undefined, 'de');
    expect(receipt.agreement).not.toHaveProperty('language');
    expect(receipt.additionalDocuments[0]!.language).toBe('de');
    expect(
      (await verifyReceipt(receipt, markdown, { additionalDocuments: { 'privacy-policy': privacyMarkdown } }))
        .ok,
    ).toBe(true);
  });

  it('keeps what a precompiled agreement declared, and that an undeclared one declared nothing', async () => {
    const sent = (agreement: ReturnType<typeof terms>) =>
      deserializeAgreement(JSON.parse(JSON.stringify(serializeAgreement(agreement))));
    const undeclared = serializeAgreement(terms());
    expect(undeclared.languageDefaulted).toBe(true);
    expect(serializeAgreement(terms('en'))).not.toHaveProperty('languageDefaulted');
    for (const [agreement, expected] of [
      [sent(terms()), undefined],
      [sent(terms('en')), 'en'],
    ] as const) {
      const receipt = await createReceipt({
        ...minimalInput(),
        agreement,
        reading: { ...reading, keyClausesTotal: agreement.keyClauses.length },
      });
      expect(receipt.agreement.language).toBe(expected);
    }
  });

  it('refuses a declared language that is not a BCP 47 tag, saying which field', async () => {
    const input = minimalInput();
    const agreement = { ...input.agreement, language: 'English (UK)' };
    const error = await createReceipt({ ...input, agreement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReceiptError);
    expect((error as ReceiptError).problems.map((p) => p.path)).toContain('agreement.language');
    expect((error as ReceiptError).message).toMatch(/BCP 47/);
  });

  it('a verifier refuses a receipt whose language was edited to something that is not a tag', async () => {
    const receipt = await consent('en');
    const edited = { ...receipt, agreement: { ...receipt.agreement, language: 42 } };
    const result = await verifyReceipt(edited, markdown, {
      additionalDocuments: { 'privacy-policy': privacyMarkdown },
    });
    expect(result.problems.map((p) => p.path)).toContain('agreement.language');
  });

  it("the ISO 27560 export gives each notice its document's language, else the UI's", async () => {
    const receipt = await consent(undefined, 'de');
    const record = toIso27560Record(receipt, options()) as unknown as {
      'dpv:hasNotice': { 'dct:identifier': string; 'dct:language': string }[];
    };
    const languages = Object.fromEntries(
      record['dpv:hasNotice'].map((n) => [n['dct:identifier'], n['dct:language']]),
    );
    expect(languages).toEqual({ 'instadesk-terms': 'fr', 'privacy-policy': 'de' });
  });
});
