import { describe, expect, it } from 'vitest';
import { createKeyring, generateSigningKey } from './countersign';
import { makeReceipt, TEXTS } from './test-fixtures';
import { verifyCountersignedReceipt, type CountersignedReceipt } from './verify-receipt';

async function countersigned() {
  const keyring = createKeyring(await generateSigningKey('k1'));
  const receipt = await makeReceipt('alice');
  const receivedAt = new Date().toISOString();
  const countersignature = await keyring.sign({ receipt, receivedAt, subject: 'alice' });
  const record: CountersignedReceipt = { receipt, receivedAt, subject: 'alice', countersignature };
  return { record, keys: keyring.jwks() };
}

describe('verifyCountersignedReceipt', () => {
  it('proves who signed, when, which text and what was read', async () => {
    const { record, keys } = await countersigned();
    const result = await verifyCountersignedReceipt(JSON.stringify(record), {
      keys,
      text: TEXTS.termsV1,
      documents: { 'privacy-policy': TEXTS.privacy },
    });
    expect(result.ok).toBe(true);
    expect(result.proof).toMatchObject({
      kid: 'k1',
      subject: 'alice',
      signer: { id: 'alice' },
      receivedAt: record.receivedAt,
      documents: [
        { id: 'instadesk-terms', version: '2023-01-01', textChecked: true, reading: { reachedEnd: true } },
        { id: 'privacy-policy', textChecked: true },
      ],
      optionalConsents: [{ id: 'marketing-email', granted: true }],
    });
  });

  it('says which documents it could not check when their text is not given', async () => {
    const { record, keys } = await countersigned();
    const result = await verifyCountersignedReceipt(record, { keys, text: TEXTS.termsV1 });
    expect(result.ok).toBe(true);
    expect(result.proof?.documents[1]).toMatchObject({ id: 'privacy-policy', textChecked: null });
  });

  it('fails for another text, an edited receipt or received time, or an unknown key', async () => {
    const { record, keys } = await countersigned();
    const otherText = await verifyCountersignedReceipt(record, { keys, text: TEXTS.termsV2 });
    expect(otherText.problems).toContainEqual(expect.objectContaining({ code: 'agreement-mismatch' }));
    const edited = { ...record, receipt: { ...record.receipt, locale: 'fr-FR' } };
    const editedResult = await verifyCountersignedReceipt(edited, { keys, text: TEXTS.termsV1 });
    expect(editedResult.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['countersignature', 'integrity-mismatch']),
    );
    const later = await verifyCountersignedReceipt(
      { ...record, receivedAt: '2030-01-01T00:00:00.000Z' },
      { keys, text: TEXTS.termsV1 },
    );
    expect(later.problems.map((p) => p.code)).toEqual(['countersignature']);
    const otherKeys = createKeyring(await generateSigningKey('k2')).jwks();
    const unknown = await verifyCountersignedReceipt(record, { keys: otherKeys, text: TEXTS.termsV1 });
    expect(unknown.problems[0]?.message).toMatch(/No key with id "k1"/);
    expect((await verifyCountersignedReceipt('{nope', { keys, text: TEXTS.termsV1 })).problems[0]?.code).toBe(
      'invalid-json',
    );
    expect(
      (await verifyCountersignedReceipt(record.receipt, { keys, text: TEXTS.termsV1 })).problems[0]?.code,
    ).toBe('not-countersigned');
  });
});
