import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../agreement';
import { hashAgreement } from '../hash';
import { createReceipt, serializeReceipt, verifyReceipt } from '.';
import type { CreateReceiptInput } from '.';
import {
  codes,
  forge,
  fullInput,
  markdown,
  minimalInput,
  privacyMarkdown,
  schema,
  schemaErrors,
  withDocs,
} from './fixtures.test-utils';

const summaries = readFileSync(
  new URL('../../../agreements/instadesk-terms.summaries.md', import.meta.url),
  'utf8',
);
/** The Terms' source as a server serves it: the text, then its plain-language summaries. */
const source = `${markdown}\n${summaries}`;
const terms = parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown: source });

/** An adult's consent to the Terms with summaries, as `useClickwrap` passes it (the parsed agreement). */
function adultInput(): CreateReceiptInput {
  return { ...minimalInput(), agreement: terms, reading: { ...minimalInput().reading, keyClausesTotal: 45 } };
}

/** A minor's consent (with a guardian) to the same Terms. */
function minorInput(): CreateReceiptInput {
  const full = fullInput();
  return {
    ...full,
    agreement: terms,
    reading: { ...full.reading, keyClausesSeen: [terms.keyClauses[0]!.id], keyClausesTotal: 45 },
  };
}

describe('receipts of an agreement with plain-language summaries', () => {
  describe('given an adult', () => {
    it('records the general summaries’ hash, and the agreement hash of the text alone', async () => {
      const receipt = await createReceipt(adultInput());
      expect(receipt.agreement.summaries).toEqual({
        variant: 'adult',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        canonicalization: 'react-clickwrap/summaries-v1',
      });
      expect(receipt.agreement.sha256).toBe(await hashAgreement(markdown));
      expect(schemaErrors(receipt, schema)).toEqual([]);
      expect(Object.keys(JSON.parse(serializeReceipt(receipt)).agreement)).toEqual([
        'id',
        'version',
        'title',
        'sha256',
        'canonicalization',
        'summaries',
      ]);
    });

    it('verifies against the source the server served (text and summaries)', async () => {
      const receipt = await createReceipt(adultInput());
      expect(await verifyReceipt(receipt, source)).toEqual({ ok: true, problems: [] });
    });

    it('fails against a source whose summaries differ, or that has none', async () => {
      const receipt = await createReceipt(adultInput());
      const edited = source.replace('as it is', 'as it is, with no promise at all');
      expect(edited).not.toBe(source);
      const result = await verifyReceipt(receipt, edited);
      expect(result.problems.map((p) => [p.code, p.path])).toEqual([
        ['summaries-mismatch', 'agreement.summaries.sha256'],
      ]);
      expect(codes((await verifyReceipt(receipt, markdown)).problems)).toEqual(['summaries-mismatch']);
    });
  });

  describe('given a minor with a guardian', () => {
    it('records the minors’ variants, whose hash differs from the adults’', async () => {
      const minor = await createReceipt(minorInput());
      const adult = await createReceipt(adultInput());
      expect(minor.agreement.summaries?.variant).toBe('minor');
      expect(minor.agreement.summaries?.sha256).not.toBe(adult.agreement.summaries?.sha256);
      expect(schemaErrors(minor, schema)).toEqual([]);
      expect(await verifyReceipt(minor, source, withDocs)).toEqual({ ok: true, problems: [] });
    });

    it('is refused when the variant is edited (integrity), or edited and resealed (the variant rule)', async () => {
      const minor = await createReceipt(minorInput());
      const edited = structuredClone(minor);
      edited.agreement.summaries!.variant = 'adult';
      expect(codes((await verifyReceipt(edited, source, withDocs)).problems)).toEqual([
        'summaries-inconsistent',
        'summaries-mismatch',
        'integrity-mismatch',
      ]);
      const resealed = await forge(minor, (r) => {
        r.agreement.summaries!.sha256 = 'a'.repeat(64);
      });
      expect((await verifyReceipt(resealed, source, withDocs)).problems.map((p) => p.path)).toEqual([
        'agreement.summaries.sha256',
      ]);
    });
  });

  describe('a receipt without summaries', () => {
    it('has no summaries field, as before, and verifies', async () => {
      const receipt = await createReceipt(minimalInput());
      expect('summaries' in receipt.agreement).toBe(false);
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
    });

    it('is refused against a source with summaries: the receipt does not say which were seen', async () => {
      const receipt = await createReceipt(minimalInput());
      const result = await verifyReceipt(receipt, source);
      expect(result.problems.map((p) => [p.code, p.path])).toEqual([
        ['summaries-mismatch', 'agreement.summaries'],
      ]);
    });

    it('is refused with a summaries block its source does not have (or a malformed one)', async () => {
      const forged = await forge(await createReceipt(minimalInput()), (r) => {
        r.agreement.summaries = { variant: 'adult', sha256: 'b'.repeat(64), canonicalization: 'x' };
      });
      expect(codes((await verifyReceipt(forged, markdown)).problems)).toEqual(['summaries-mismatch']);
      const malformed = await forge(await createReceipt(minimalInput()), (r) => {
        Object.assign(r.agreement, {
          summaries: { variant: 'teen', sha256: 'b'.repeat(64), canonicalization: 'x' },
        });
      });
      expect((await verifyReceipt(malformed, markdown)).problems.map((p) => [p.code, p.path])).toContainEqual(
        ['invalid-field', 'agreement.summaries.variant'],
      );
    });
  });

  it('is checked against a precomputed hash with the served version’s key clauses (a server)', async () => {
    const minor = await createReceipt(minorInput());
    const sha256 = await hashAgreement(terms.markdown);
    const served = { sha256, keyClauses: terms.keyClauses };
    expect(await verifyReceipt(minor, served, withDocs)).toEqual({ ok: true, problems: [] });
    const plain = parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown });
    const without = { sha256, keyClauses: plain.keyClauses };
    expect(codes((await verifyReceipt(minor, without, withDocs)).problems)).toEqual(['summaries-mismatch']);
    // Without the key clauses only the text's hash can be checked.
    expect(
      (await verifyReceipt(minor, { sha256: 'c'.repeat(64) }, withDocs)).problems.map((p) => p.code),
    ).toEqual(['agreement-mismatch']);
  });

  it('records and checks the summaries of an additional document too', async () => {
    const policySource = `${privacyMarkdown}\n## Plain-language summaries\n\n- \`${
      parseAgreement({ id: 'p', version: '1', markdown: privacyMarkdown }).keyClauses[0]!.id
    }\`: We keep your data only as long as we need it.\n`;
    const policy = parseAgreement({ id: 'privacy-policy', version: '2024-04-01', markdown: policySource });
    const input = adultInput();
    input.additionalDocuments = [
      {
        agreement: policy,
        reading: {
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: [],
          keyClausesTotal: policy.keyClauses.length,
        },
      },
    ];
    const receipt = await createReceipt(input);
    expect(receipt.additionalDocuments[0]!.summaries?.variant).toBe('adult');
    const options = { additionalDocuments: { 'privacy-policy': policySource } };
    expect(await verifyReceipt(receipt, source, options)).toEqual({ ok: true, problems: [] });
    const precomputed = {
      additionalDocuments: {
        'privacy-policy': { sha256: await hashAgreement(policy.markdown), keyClauses: policy.keyClauses },
      },
    };
    expect(await verifyReceipt(receipt, source, precomputed)).toEqual({ ok: true, problems: [] });
    const other = { additionalDocuments: { 'privacy-policy': privacyMarkdown } };
    expect((await verifyReceipt(receipt, source, other)).problems.map((p) => p.path)).toEqual([
      'additionalDocuments[0].summaries',
    ]);
  });
});
