import { describe, expect, it } from 'vitest';
import { createReceipt, verifyReceipt } from '.';
import { hashAgreement } from '../hash';
import { codes, cookieMarkdown, fullInput, markdown, privacyMarkdown, withDocs } from './fixtures.test-utils';

// A server hashes each version it serves once and passes { sha256 } for every receipt after.
describe('verifyReceipt with precomputed hashes ({ sha256 } in place of a text)', () => {
  const hashes = async () => ({
    agreement: { sha256: await hashAgreement(markdown) },
    additionalDocuments: {
      'privacy-policy': { sha256: await hashAgreement(privacyMarkdown) },
      'cookie-policy': { sha256: await hashAgreement(cookieMarkdown) },
    },
  });

  it('gives the same verdict as the texts for a receipt that matches', async () => {
    const receipt = await createReceipt(fullInput());
    const { agreement, additionalDocuments } = await hashes();
    expect(await verifyReceipt(receipt, markdown, withDocs)).toEqual({ ok: true, problems: [] });
    expect(await verifyReceipt(receipt, agreement, { additionalDocuments })).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('names the document whose hash is not the one served', async () => {
    const receipt = await createReceipt(fullInput());
    const { additionalDocuments } = await hashes();
    const other = { sha256: await hashAgreement(`${markdown}\nA clause added later.\n`) };
    const result = await verifyReceipt(receipt, other, {
      additionalDocuments: { ...additionalDocuments, 'cookie-policy': other },
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ['agreement-mismatch', 'agreement.sha256'],
      ['agreement-mismatch', 'additionalDocuments[1].sha256'],
    ]);
  });

  it('still checks an expected version given beside the hash', async () => {
    const receipt = await createReceipt(fullInput());
    const { agreement, additionalDocuments } = await hashes();
    const result = await verifyReceipt(receipt, agreement, {
      additionalDocuments: {
        ...additionalDocuments,
        'privacy-policy': { ...additionalDocuments['privacy-policy'], version: '1999-01-01' },
      },
    });
    expect(codes(result.problems)).toEqual(['version-mismatch']);
  });

  it('says what to pass when the hash is not 64 lowercase hex digits', async () => {
    const receipt = await createReceipt(fullInput());
    const { additionalDocuments } = await hashes();
    const bad = await verifyReceipt(receipt, { sha256: 'ABC' }, { additionalDocuments });
    expect(bad.problems).toEqual([
      expect.objectContaining({ code: 'invalid-argument', message: expect.stringMatching(/\{ sha256 \}/) }),
    ]);
    const badDoc = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { ...additionalDocuments, 'cookie-policy': { sha256: 42 as unknown as string } },
    });
    expect(codes(badDoc.problems)).toEqual(['invalid-argument']);
  });
});
