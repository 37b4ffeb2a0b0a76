import { describe, expect, it } from 'vitest';
import { parseAgreement, type CreateReceiptInput } from '../core/index';
import { createKeyring, generateSigningKey } from './countersign';
import { AGREEMENTS, makeReceipt, TEXTS } from './test-fixtures';
import { verifyCountersignedReceipt, type CountersignedReceipt } from './verify-receipt';

async function countersigned(overrides: Partial<CreateReceiptInput> = {}, now = new Date()) {
  const keyring = createKeyring(await generateSigningKey('k1'));
  const receipt = await makeReceipt('alice', overrides, now);
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
    // The receipt the browser sent, not the record the server stored: the answer says which to give.
    expect(
      (await verifyCountersignedReceipt(record.receipt, { keys, text: TEXTS.termsV1 })).problems,
    ).toEqual([
      {
        code: 'not-countersigned',
        path: '',
        message: expect.stringMatching(/^This is a receipt as the browser sent it.*POST receipts/),
      },
    ]);
  });

  it('refuses a record that names a key twice in one object, which readers take for different records', async () => {
    const { record, keys } = await countersigned();
    const genuine = JSON.stringify(record.receipt);
    const forged = JSON.stringify({ ...record.receipt, signer: { id: 'mallory', name: 'Mallory' } });
    // JSON.parse keeps the last of a repeated key (the genuine receipt, whose countersignature
    // holds); a reader of the file, or a parser that keeps the first, sees the forged one.
    const first = `{"receipt":${forged},${JSON.stringify(record).slice(1)}`;
    const result = await verifyCountersignedReceipt(first, { keys, text: TEXTS.termsV1 });
    expect(result).toMatchObject({ ok: false, proof: null });
    expect(result.problems).toEqual([
      { code: 'duplicate-key', path: 'receipt', message: expect.stringMatching(/"receipt" twice/) },
    ]);
    // Deep inside the receipt too: an optional consent's answer given twice, the last as signed.
    const granted = JSON.stringify(record).replace('"granted":true', '"granted":false,"granted":true');
    expect(granted).not.toBe(JSON.stringify(record));
    expect(JSON.parse(granted)).toEqual(JSON.parse(JSON.stringify(record)));
    const nested = await verifyCountersignedReceipt(granted, { keys, text: TEXTS.termsV1 });
    expect(nested.ok).toBe(false);
    expect(nested.problems[0]).toMatchObject({
      code: 'duplicate-key',
      path: 'receipt.optionalConsents[0].granted',
    });
    // The same key written with an escape is the same key; the same name in two objects is fine.
    const escaped = `{"receipt":${forged},"\\u0072eceipt":${genuine}}`;
    expect(
      (await verifyCountersignedReceipt(escaped, { keys, text: TEXTS.termsV1 })).problems[0],
    ).toMatchObject({ code: 'duplicate-key' });
    expect((await verifyCountersignedReceipt(JSON.stringify(record), { keys, text: TEXTS.termsV1 })).ok).toBe(
      true,
    );
  });

  it('checks a text with a plain-language summaries section as the receipt was made', async () => {
    const now = new Date();
    const privacy = withSummaries(AGREEMENTS.privacy, TEXTS.privacy);
    const { record, keys } = await countersigned(
      {
        agreement: withSummaries(AGREEMENTS.terms, TEXTS.termsV1),
        additionalDocuments: [{ agreement: privacy, reading: readWhole(privacy, now) }],
      },
      now,
    );
    expect(record.receipt.agreement.summaries).toBeDefined();
    expect(record.receipt.additionalDocuments[0]!.summaries).toBeDefined();
    // The texts as served (GET agreements/:id gives the source, summaries section included).
    const texts = {
      text: summarised(TEXTS.termsV1),
      documents: { 'privacy-policy': summarised(TEXTS.privacy) },
    };
    const result = await verifyCountersignedReceipt(record, { keys, ...texts });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.proof?.documents.map((d) => d.textChecked)).toEqual([true, true]);

    // The summaries are checked too: other summaries, or none, are not what was shown.
    const other = (text: string) => summarised(text).replace('In short, this matters.', 'Nothing to see.');
    const otherSummaries = await verifyCountersignedReceipt(record, {
      keys,
      text: other(TEXTS.termsV1),
      documents: { 'privacy-policy': other(TEXTS.privacy) },
    });
    expect(otherSummaries.ok).toBe(false);
    expect(otherSummaries.problems.map((p) => [p.code, p.path])).toEqual([
      ['summaries-mismatch', 'agreement.summaries.sha256'],
      ['summaries-mismatch', 'additionalDocuments[0].summaries.sha256'],
    ]);
    const without = await verifyCountersignedReceipt(record, { keys, text: TEXTS.termsV1 });
    expect(without.problems.map((p) => [p.code, p.path])).toEqual([
      ['summaries-mismatch', 'agreement.summaries'],
    ]);
  });

  it('fails for a text given for a document the receipt does not list, and says what it lists', async () => {
    const { record, keys } = await countersigned({ additionalDocuments: [] });
    const result = await verifyCountersignedReceipt(record, {
      keys,
      text: TEXTS.termsV1,
      documents: { 'privacy-policy': 'Any text at all, e.g. a policy that was never shown.\n' },
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'document-missing',
        message: expect.stringMatching(
          /"privacy-policy".*does not list it.*The receipt lists instadesk-terms 2023-01-01 and no other document\./,
        ),
      }),
    ]);
  });
});

/** `markdown` as its author serves it, with a plain-language summary of its first key clause. */
function summarised(markdown: string): string {
  const clause = parseAgreement({ id: 'document', version: '0', markdown }).keyClauses[0]!;
  return `${markdown}\n## Plain-language summaries\n\n- \`${clause.id}\`: In short, this matters.\n`;
}

function withSummaries(agreement: typeof AGREEMENTS.terms, markdown: string) {
  return parseAgreement({ id: agreement.id, version: agreement.version, markdown: summarised(markdown) });
}

/** Read to the end, as makeReceipt's reading (shown a minute before `now`). */
function readWhole(agreement: typeof AGREEMENTS.privacy, now: Date) {
  return {
    required: 'whole' as const,
    reachedEnd: true,
    reachedEndAt: new Date(now.getTime() - 30_000),
    keyClausesSeen: agreement.keyClauses.map((c) => c.id),
    keyClausesTotal: agreement.keyClauses.length,
  };
}
