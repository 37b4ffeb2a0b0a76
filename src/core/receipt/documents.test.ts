import { describe, expect, it } from 'vitest';
import { CANONICALIZATION_VERSION } from '../canonical';
import { hashAgreement } from '../hash';
import {
  createReceipt,
  ReceiptError,
  receiptDocuments,
  receiptIntegrity,
  serializeReceipt,
  verifyReceipt,
} from '.';
import type { CreateReceiptInput } from '.';
import type { ConsentReceipt } from '../types';
import {
  markdown,
  schema,
  privacyMarkdown,
  cookieMarkdown,
  privacyPolicy,
  cookiePolicy,
  privacyClauses,
  cookieClauses,
  served,
  withDocs,
  fullInput,
  fullDocument,
  minimalInput,
  codes,
  codesAt,
  schemaErrors,
} from './fixtures.test-utils';

describe('createReceipt: additional documents', () => {
  /** A first consent to the Terms, a privacy policy and a cookie policy, read in one flow. */
  const threeDocuments = (): CreateReceiptInput => ({
    ...minimalInput(),
    reading: {
      required: 'whole',
      reachedEnd: true,
      reachedEndAt: '2024-05-01T09:00:50Z',
      keyClausesSeen: [],
      keyClausesTotal: 0,
    },
    additionalDocuments: [
      {
        agreement: privacyPolicy,
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T10:00:40+01:00',
          keyClausesSeen: [...privacyClauses],
          keyClausesTotal: privacyPolicy.keyClauses.length,
        },
      },
      {
        agreement: cookiePolicy,
        reading: {
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: [cookieClauses[1]!],
          keyClausesTotal: 2,
        },
      },
    ],
  });

  it('records each document shown with its own hash, reading and replaced version', async () => {
    expect(privacyClauses).toHaveLength(3);
    expect(cookieClauses).toHaveLength(2);
    const receipt = await createReceipt(threeDocuments());
    expect(receipt.additionalDocuments).toEqual([
      {
        id: 'privacy-policy',
        version: '2024-06-01',
        title: 'Privacy Policy',
        sha256: await hashAgreement(privacyMarkdown),
        canonicalization: CANONICALIZATION_VERSION,
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T09:00:40.000Z',
          keyClausesSeen: privacyClauses,
          keyClausesTotal: 3,
          changesSeen: [],
          changesTotal: 0,
        },
        replaces: null,
      },
      {
        id: 'cookie-policy',
        version: '2024-06-01',
        title: 'Cookie Policy',
        sha256: await hashAgreement(cookieMarkdown),
        canonicalization: CANONICALIZATION_VERSION,
        reading: {
          required: 'none',
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: [cookieClauses[1]],
          keyClausesTotal: 2,
          changesSeen: [],
          changesTotal: 0,
        },
        replaces: null,
      },
    ]);
    expect(new Set(receipt.additionalDocuments.map((d) => d.sha256)).size).toBe(2);
    expect(receipt.agreement.sha256).toBe(await hashAgreement(markdown));
    expect(receipt.integrity).toBe(await receiptIntegrity(receipt));
    expect(schemaErrors(receipt, schema)).toEqual([]);
  });

  it('verifies when the server passes the text of every document, as strings or with versions', async () => {
    const receipt = await createReceipt(threeDocuments());
    expect(await verifyReceipt(receipt, markdown, { additionalDocuments: served })).toEqual({
      ok: true,
      problems: [],
    });
    const withVersions = {
      'cookie-policy': { markdown: cookieMarkdown, version: '2024-06-01' },
      'privacy-policy': { markdown: privacyMarkdown },
    };
    expect(await verifyReceipt(receipt, markdown, { additionalDocuments: withVersions })).toEqual({
      ok: true,
      problems: [],
    });
    const viaJson = JSON.parse(serializeReceipt(receipt)) as ConsentReceipt;
    expect(await verifyReceipt(viaJson, markdown, { additionalDocuments: served })).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('does not let the text of one document stand for another', async () => {
    const receipt = await createReceipt(threeDocuments());
    const swapped = { 'privacy-policy': cookieMarkdown, 'cookie-policy': privacyMarkdown };
    const { ok, problems } = await verifyReceipt(receipt, markdown, { additionalDocuments: swapped });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['agreement-mismatch', 'additionalDocuments[0].sha256'],
      ['agreement-mismatch', 'additionalDocuments[1].sha256'],
    ]);
    const asAgreement = await verifyReceipt(receipt, privacyMarkdown, { additionalDocuments: served });
    expect(codesAt(asAgreement.problems)).toEqual([['agreement-mismatch', 'agreement.sha256']]);
  });

  it('hashes the canonical text of each document, whatever its line endings', async () => {
    const input = threeDocuments();
    const crlf = await createReceipt({
      ...input,
      additionalDocuments: input.additionalDocuments!.map((d) => ({
        ...d,
        agreement: { ...d.agreement, markdown: d.agreement.markdown.replace(/\n/g, '\r\n') },
      })),
    });
    const lf = await createReceipt(input);
    expect(crlf.additionalDocuments.map((d) => d.sha256)).toEqual(
      lf.additionalDocuments.map((d) => d.sha256),
    );
  });

  it('checks only a document’s reading against its own key clauses', async () => {
    // The agreement's clause ids are not the privacy policy's, and the reverse.
    const input = threeDocuments();
    const error = (await createReceipt({
      ...input,
      agreement: { ...input.agreement, keyClauses: [{ id: 'intro-1' }] },
      reading: { ...input.reading, keyClausesSeen: [privacyClauses[0]!], keyClausesTotal: 1 },
      additionalDocuments: [
        {
          ...input.additionalDocuments![0]!,
          reading: { ...input.additionalDocuments![0]!.reading, keyClausesSeen: ['intro-1'] },
        },
      ],
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(codesAt(error.problems)).toEqual([
      ['key-clauses-inconsistent', 'reading.keyClausesSeen[0]'],
      ['key-clauses-inconsistent', 'additionalDocuments[0].reading.keyClausesSeen[0]'],
    ]);
  });

  it('lists every problem of every document on the error', async () => {
    const error = (await createReceipt({
      ...fullInput(),
      additionalDocuments: [
        fullDocument(0, { reachedEnd: false, reachedEndAt: null }),
        fullDocument(1, { changesSeen: [] }, { replaces: null }),
        fullDocument(0),
      ],
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(error.code).toBe('reading-requirement-unmet');
    expect(codesAt(error.problems)).toEqual([
      ['reading-requirement-unmet', 'additionalDocuments[0].reading.reachedEnd'],
      ['reading-inconsistent', 'additionalDocuments[1].replaces'],
      ['reading-requirement-unmet', 'additionalDocuments[1].reading.changesSeen'],
      ['duplicate-document', 'additionalDocuments[2].id'],
    ]);
    for (const p of error.problems) expect(p.message).toMatch(/[:.] (pass|record|list) /i);
  });

  it('rejects every empty document text at once, before hashing anything', async () => {
    const error = (await createReceipt({
      ...fullInput(),
      agreement: { ...fullInput().agreement, markdown: '' },
      additionalDocuments: [
        fullDocument(0, {}, { agreement: { ...privacyPolicy, markdown: ' ' } }),
        fullDocument(1),
      ],
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(codesAt(error.problems)).toEqual([
      ['empty-agreement', 'agreement.markdown'],
      ['empty-agreement', 'additionalDocuments[0].agreement.markdown'],
    ]);
  });

  it('treats additionalDocuments left out or null as none', async () => {
    for (const additionalDocuments of [undefined, null as never, []]) {
      const receipt = await createReceipt({ ...minimalInput(), additionalDocuments });
      expect(receipt.additionalDocuments).toEqual([]);
    }
  });
});

describe('createReceipt: optional consents', () => {
  it('records every optional consent offered, granted or not, in the order shown', async () => {
    const receipt = await createReceipt({
      ...minimalInput(),
      optionalConsents: [
        {
          id: 'product-news',
          label: 'Email me product news.',
          granted: true,
          at: new Date('2024-05-01T09:00:30Z'),
        },
        { id: 'partner-offers', label: 'Share my email with partners.', granted: false, at: null },
        {
          id: 'user-research',
          label: 'Invite me to user research.',
          granted: false,
          at: '2024-05-01T11:00:40+02:00',
        },
      ],
    });
    expect(receipt.optionalConsents).toEqual([
      { id: 'product-news', label: 'Email me product news.', granted: true, at: '2024-05-01T09:00:30.000Z' },
      { id: 'partner-offers', label: 'Share my email with partners.', granted: false, at: null },
      {
        id: 'user-research',
        label: 'Invite me to user research.',
        granted: false,
        at: '2024-05-01T09:00:40.000Z',
      },
    ]);
    expect(schemaErrors(receipt, schema)).toEqual([]);
    expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
  });

  it('stores an unticked consent whose time is left out with at: null', async () => {
    const receipt = await createReceipt({
      ...minimalInput(),
      optionalConsents: [{ id: 'product-news', label: 'Email me product news.', granted: false } as never],
    });
    expect(receipt.optionalConsents).toEqual([
      { id: 'product-news', label: 'Email me product news.', granted: false, at: null },
    ]);
  });

  it('defaults to none, and keeps no reference to the input', async () => {
    expect((await createReceipt(minimalInput())).optionalConsents).toEqual([]);
    expect(
      (await createReceipt({ ...minimalInput(), optionalConsents: null as never })).optionalConsents,
    ).toEqual([]);
    const input = fullInput();
    const receipt = await createReceipt(input);
    expect(receipt.optionalConsents[0]).not.toBe(input.optionalConsents![0]);
    expect(receipt.optionalConsents[0]).toEqual({
      ...input.optionalConsents![0],
      at: '2024-05-01T09:04:40.000Z',
    });
  });

  it('binds the choice into integrity: flipping granted afterwards is detected', async () => {
    const receipt = await createReceipt(fullInput());
    const flipped = structuredClone(receipt);
    flipped.optionalConsents[1]!.granted = true;
    expect(codes((await verifyReceipt(flipped, markdown, withDocs)).problems)).toEqual([
      'integrity-mismatch',
    ]);
  });
});

describe('createReceipt: reading requirements', () => {
  it('defaults to no requirement and no changes, for the agreement and each document', async () => {
    const receipt = await createReceipt({
      ...minimalInput(),
      additionalDocuments: [
        {
          agreement: privacyPolicy,
          reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: 3 },
        },
      ],
    });
    for (const { reading } of [receipt, ...receipt.additionalDocuments]) {
      expect(reading).toMatchObject({ required: 'none', changesSeen: [], changesTotal: 0 });
    }
  });

  it('records what had to be read as given', async () => {
    for (const required of ['whole', 'none'] as const) {
      const receipt = await createReceipt({ ...fullInput(), reading: { ...fullInput().reading, required } });
      expect(receipt.reading.required).toBe(required);
    }
  });

  it('accepts "whole" only once the end was reached', async () => {
    const reading = { ...minimalInput().reading, required: 'whole' as const };
    await expect(createReceipt({ ...minimalInput(), reading })).rejects.toMatchObject({
      code: 'reading-requirement-unmet',
      path: 'reading.reachedEnd',
    });
    const read = await createReceipt({
      ...minimalInput(),
      reading: { ...reading, reachedEnd: true, reachedEndAt: '2024-05-01T09:00:30Z' },
    });
    expect(read.reading.required).toBe('whole');
  });

  describe('a re-consent that requires reading the changes', () => {
    const reconsent = (changesSeen: string[], changesTotal: number): CreateReceiptInput => ({
      ...minimalInput(),
      replaces: { version: '2023-01-01' },
      reading: { ...minimalInput().reading, required: 'changes', changesSeen, changesTotal },
    });

    it('is accepted once every change was seen, without reaching the end', async () => {
      const receipt = await createReceipt(reconsent(['iii-2-4', 'vii-1'], 2));
      expect(receipt.reading).toEqual({
        required: 'changes',
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: 0,
        changesSeen: ['iii-2-4', 'vii-1'],
        changesTotal: 2,
      });
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
      expect(schemaErrors(receipt, schema)).toEqual([]);
    });

    it('is refused while a change is unseen, however the seen ones are repeated', async () => {
      const unseen = await createReceipt(reconsent(['iii-2-4'], 2)).catch((e: unknown) => e);
      expect(unseen).toBeInstanceOf(ReceiptError);
      expect(codesAt((unseen as ReceiptError).problems)).toEqual([
        ['reading-requirement-unmet', 'reading.changesSeen'],
      ]);
      const repeated = (await createReceipt(reconsent(['iii-2-4', 'iii-2-4'], 2)).catch(
        (e: unknown) => e,
      )) as ReceiptError;
      expect(codesAt(repeated.problems)).toEqual([
        ['reading-inconsistent', 'reading.changesSeen[1]'],
        ['reading-requirement-unmet', 'reading.changesSeen'],
      ]);
      expect(repeated.problems[1]!.message).toMatch(/only 1 of 2 changed passages/);
    });

    it('is refused without a replaced version', async () => {
      const first = (await createReceipt({ ...reconsent(['a'], 1), replaces: null }).catch(
        (e: unknown) => e,
      )) as ReceiptError;
      expect(codesAt(first.problems)).toEqual([['reading-inconsistent', 'replaces']]);
      const none = (await createReceipt({ ...reconsent([], 0), replaces: null }).catch(
        (e: unknown) => e,
      )) as ReceiptError;
      expect(codesAt(none.problems)).toEqual([['reading-inconsistent', 'replaces']]);
    });

    // Issue 9 (finding 1): the gate let a person accept a re-consent with no changes, and every
    // receipt was then refused. With nothing changed there is nothing to read: both agree now.
    it('is accepted when nothing changed: there is nothing to read', async () => {
      const receipt = await createReceipt(reconsent([], 0));
      expect(receipt.reading).toMatchObject({ required: 'changes', changesSeen: [], changesTotal: 0 });
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
    });
  });

  it('allows changes to be recorded under any requirement of a re-consent', async () => {
    for (const required of ['whole', 'none'] as const) {
      const receipt = await createReceipt({
        ...fullInput(),
        reading: { ...fullInput().reading, required, changesSeen: [], changesTotal: 3 },
      });
      expect(receipt.reading).toMatchObject({ required, changesSeen: [], changesTotal: 3 });
    }
  });
});

describe('receiptDocuments', () => {
  it('lists the agreement, with its reading and replaced version, then each additional document', async () => {
    const receipt = await createReceipt(fullInput());
    const documents = receiptDocuments(receipt);
    expect(documents).toEqual([
      { ...receipt.agreement, reading: receipt.reading, replaces: receipt.replaces },
      receipt.additionalDocuments[0],
      receipt.additionalDocuments[1],
    ]);
    expect(documents.map((d) => [d.id, d.version, d.reading.required, d.replaces?.version])).toEqual([
      ['instadesk-terms', '2024-05-01', 'whole', '2023-01-01'],
      ['privacy-policy', '2024-06-01', 'whole', '2023-11-01'],
      ['cookie-policy', '2024-06-01', 'changes', '2023-11-01'],
    ]);
    expect(documents.map((d) => Object.keys(d))).toEqual(
      documents.map(() => ['id', 'version', 'title', 'sha256', 'canonicalization', 'reading', 'replaces']),
    );
    expect(receiptDocuments(receipt).find((d) => d.id === 'privacy-policy')?.sha256).toBe(
      await hashAgreement(privacyMarkdown),
    );
  });

  it('is only the agreement when no other document was shown, and leaves the receipt as it was', async () => {
    const receipt = await createReceipt(minimalInput());
    const before = serializeReceipt(receipt);
    expect(receiptDocuments(receipt)).toEqual([
      { ...receipt.agreement, reading: receipt.reading, replaces: null },
    ]);
    receiptDocuments(receipt).push(receiptDocuments(receipt)[0]!);
    expect(serializeReceipt(receipt)).toBe(before);
    expect(receipt.additionalDocuments).toEqual([]);
  });
});
