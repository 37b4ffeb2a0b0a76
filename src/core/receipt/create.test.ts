import { afterEach, describe, expect, it, vi } from 'vitest';
import { CANONICALIZATION_VERSION } from '../canonical';
import { hashAgreement } from '../hash';
import { createReceipt, receiptIntegrity, serializeReceipt, verifyReceipt } from '.';
import { RECEIPT_SCHEMA } from '../types';
import {
  markdown,
  privacyMarkdown,
  cookieMarkdown,
  fullInput,
  fullDocument,
  withDocument,
  minimalInput,
  reorderKeys,
  keysDeep,
  RECEIPT_KEYS,
} from './fixtures.test-utils';

describe('createReceipt', () => {
  it('makes a receipt that verifies against the default agreement', async () => {
    const receipt = await createReceipt(fullInput());
    expect(receipt.schema).toBe(RECEIPT_SCHEMA);
    expect(receipt.agreement.sha256).toBe(await hashAgreement(markdown));
    expect(receipt.agreement.canonicalization).toBe(CANONICALIZATION_VERSION);
    expect(receipt.integrity).toBe(await receiptIntegrity(receipt));
    const result = await verifyReceipt(receipt, markdown, {
      agreementId: 'instadesk-terms',
      version: '2024-05-01',
      additionalDocuments: {
        'privacy-policy': { markdown: privacyMarkdown, version: '2024-06-01' },
        'cookie-policy': { markdown: cookieMarkdown, version: '2024-06-01' },
      },
    });
    expect(result).toEqual({ ok: true, problems: [] });
  });

  it('fills in the defaults for an adult signing for themselves', async () => {
    const receipt = await createReceipt(minimalInput());
    expect(receipt).toMatchObject({
      signer: { id: 'user-7', name: null },
      organization: null,
      guardian: null,
      minor: null,
      acknowledgements: [],
      optionalConsents: [],
      reading: { required: 'none', changesSeen: [], changesTotal: 0 },
      replaces: null,
      additionalDocuments: [],
    });
    expect(receipt.receiptId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
  });

  it('gives each receipt its own id', async () => {
    const [a, b] = await Promise.all([createReceipt(minimalInput()), createReceipt(minimalInput())]);
    expect(a.receiptId).not.toBe(b.receiptId);
  });

  it('normalises every date to a UTC ISO 8601 string', async () => {
    const receipt = await createReceipt({
      ...fullInput(),
      shownAt: '2024-05-01t10:00:00.123456+01:00',
    });
    expect(receipt.shownAt).toBe('2024-05-01T09:00:00.123Z');
    expect(receipt.acceptedAt).toBe('2024-05-01T09:05:00.000Z');
    expect(receipt.reading.reachedEndAt).toBe('2024-05-01T09:03:30.000Z');
    expect(receipt.acknowledgements.map((a) => a.at)).toEqual([
      '2024-05-01T09:04:00.000Z',
      '2024-05-01T09:04:30.000Z',
    ]);
    expect(receipt.optionalConsents.map((c) => c.at)).toEqual([
      '2024-05-01T09:04:40.000Z',
      '2024-05-01T09:04:50.000Z',
    ]);
    expect(receipt.additionalDocuments.map((d) => d.reading.reachedEndAt)).toEqual([
      '2024-05-01T09:02:00.000Z',
      '2024-05-01T09:03:00.000Z',
    ]);
    const local = await createReceipt(
      withDocument(0, fullDocument(0, { reachedEndAt: new Date('2024-05-01T09:02:00+02:00') })),
    );
    expect(local.additionalDocuments[0]!.reading.reachedEndAt).toBe('2024-05-01T07:02:00.000Z');
  });

  it('stores empty optional names as null and a supplied receipt id in lowercase', async () => {
    const receipt = await createReceipt({
      ...fullInput(),
      signer: { id: 'u', name: '' },
      guardian: { ...fullInput().guardian!, verification: undefined },
      replaces: { version: '1' },
      additionalDocuments: [
        { ...fullDocument(0), replaces: { version: '2', receiptId: '6FA459EA-EE8A-3CA4-894E-DB77E160355E' } },
        { ...fullDocument(1), replaces: { version: '3' } },
      ],
      receiptId: '0F8FAD5B-D9CB-469F-A165-70867728950E',
    });
    expect(receipt.signer.name).toBeNull();
    expect(receipt.guardian!.verification).toBeNull();
    expect(receipt.replaces).toEqual({ version: '1', receiptId: null });
    expect(receipt.additionalDocuments.map((d) => d.replaces)).toEqual([
      { version: '2', receiptId: '6fa459ea-ee8a-3ca4-894e-db77e160355e' },
      { version: '3', receiptId: null },
    ]);
    expect(receipt.receiptId).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('keeps only receipt fields of an Agreement-shaped input', async () => {
    const agreement = { ...fullInput().agreement, language: 'en', sections: [], keyClauses: [] };
    const receipt = await createReceipt({
      ...minimalInput(),
      agreement,
      reading: { ...minimalInput().reading, keyClausesTotal: 0 },
    });
    // Its declared language is recorded, after the fields every receipt has.
    expect(Object.keys(receipt.agreement)).toEqual([
      'id',
      'version',
      'title',
      'sha256',
      'canonicalization',
      'language',
    ]);
    // An additional document from parseAgreement likewise: no sections or keyClauses, and no
    // language when it was parsed without one (its "en" is a default).
    const full = await createReceipt(fullInput());
    expect(full.additionalDocuments.map((d) => Object.keys(d))).toEqual([
      ['id', 'version', 'title', 'sha256', 'canonicalization', 'reading', 'replaces'],
      ['id', 'version', 'title', 'sha256', 'canonicalization', 'reading', 'replaces'],
    ]);
  });

  it('returns keys in exactly the order of ConsentReceipt, nested objects too', async () => {
    const receipt = await createReceipt(fullInput());
    expect(Object.keys(receipt)).toEqual(RECEIPT_KEYS);
    expect(Object.keys(receipt.guardian!)).toEqual([
      'name',
      'relationship',
      'attestation',
      'mode',
      'verification',
    ]);
    const readingKeys = [
      'required',
      'reachedEnd',
      'reachedEndAt',
      'keyClausesSeen',
      'keyClausesTotal',
      'changesSeen',
      'changesTotal',
    ];
    expect(Object.keys(receipt.reading)).toEqual(readingKeys);
    expect(receipt.optionalConsents.map((c) => Object.keys(c))).toEqual([
      ['id', 'label', 'granted', 'at'],
      ['id', 'label', 'granted', 'at'],
    ]);
    expect(receipt.additionalDocuments).toHaveLength(2);
    for (const doc of receipt.additionalDocuments) {
      expect(Object.keys(doc)).toEqual([
        'id',
        'version',
        'title',
        'sha256',
        'canonicalization',
        'reading',
        'replaces',
      ]);
      expect(Object.keys(doc.reading)).toEqual(readingKeys);
      expect(Object.keys(doc.replaces!)).toEqual(['version', 'receiptId']);
    }
  });

  it('orders the keys of input given in any order', async () => {
    const input = fullInput();
    const scrambled = {
      ...input,
      optionalConsents: input.optionalConsents!.map(({ at, granted, label, id }) => ({
        at,
        granted,
        label,
        id,
      })),
      reading: { ...reorderKeys(input.reading, (k) => k.reverse()) },
      additionalDocuments: input.additionalDocuments!.map(({ replaces, reading, agreement }) => ({
        replaces,
        reading: reorderKeys(reading, (k) => k.reverse()),
        agreement,
      })),
    };
    expect(Object.keys(scrambled.reading)[0]).toBe('changesTotal');
    const receipt = await createReceipt(scrambled);
    expect(serializeReceipt(receipt)).toBe(serializeReceipt(await createReceipt(fullInput())));
    expect(keysDeep(receipt)).toEqual(keysDeep(await createReceipt(fullInput())));
  });

  describe('given an insecure context without crypto.randomUUID', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('makes a v4 UUID from crypto.getRandomValues', async () => {
      const real = globalThis.crypto;
      vi.stubGlobal('crypto', {
        subtle: real.subtle,
        getRandomValues: real.getRandomValues.bind(real),
      });
      const receipt = await createReceipt(minimalInput());
      expect(receipt.receiptId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      vi.unstubAllGlobals();
      expect((await verifyReceipt(receipt, markdown)).ok).toBe(true);
    });
  });
});
