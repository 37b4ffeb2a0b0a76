/**
 * The status and the checks a receipt makes against a person's earlier consents read the
 * person's whole history, however long: never only its newest entries, which can be wrong both
 * ways (a consent that fell out of the window reads as never given; a decline that did, as never
 * made). A history longer than the handler's guard fails loudly (503), never with a status.
 */
import { authenticate, get, post, testServer } from './handler.test-utils';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { createClickwrapHandler } from './handler';
import { openSqliteStore } from './stores/sqlite';
import { AGREEMENTS, catalogInput, makeReceipt, setup } from './test-fixtures';

const server = testServer;

const BOTH = [
  { id: 'instadesk-terms', version: '2023-01-01' },
  { id: 'privacy-policy', version: '2024-01-01' },
];

/** `n` declines of the documents shown, naming no receipt: entries that change no consent. */
async function declines(handler: (r: Request) => Promise<Response>, n: number) {
  for (let i = 0; i < n; i++) {
    const response = await handler(post('declines', { id: crypto.randomUUID(), documents: BOTH }));
    expect(response.status).toBe(201);
  }
}

const terms = async (handler: (r: Request) => Promise<Response>) =>
  (await (await handler(get('consents'))).json()).documents['instadesk-terms'];

describe("a person's whole history decides", () => {
  it('keeps a consent given before 520 later entries (not "never accepted")', async () => {
    const { handler } = await server();
    const receipt = await makeReceipt('alice');
    expect((await handler(post('receipts', receipt))).status).toBe(201);
    await declines(handler, 520);
    expect(await terms(handler)).toMatchObject({
      accepted: true,
      acceptedVersion: '2023-01-01',
      acceptedReceiptId: receipt.receiptId,
    });
  });

  it('keeps a receipt a decline took back taken back 499 entries later (not "accepted")', async () => {
    const { handler } = await server();
    const receipt = await makeReceipt('alice', { optionalConsents: [] });
    const decline = { id: crypto.randomUUID(), documents: BOTH, receiptId: receipt.receiptId };
    expect((await handler(post('declines', decline))).status).toBe(201);
    expect((await handler(post('receipts', receipt))).status).toBe(201);
    // The decline is now 501st from the end, the receipt 500th.
    await declines(handler, 499);
    expect(await terms(handler)).toMatchObject({ accepted: false, acceptedReceiptId: null });
  });

  it('links a re-consent to a receipt stored 520 entries before (replaces.receiptId)', async () => {
    const { keyring } = await setup();
    const store = openSqliteStore({ path: ':memory:' });
    const options = { store, keyring, authenticate, basePath: '/api/clickwrap' };
    const v1 = createClickwrapHandler({ ...options, catalog: await createCatalog(catalogInput()) });
    const first = await makeReceipt('alice');
    expect((await v1(post('receipts', first))).status).toBe(201);
    await declines(v1, 520);
    const v2 = createClickwrapHandler({
      ...options,
      catalog: await createCatalog(catalogInput('2025-06-01')),
    });
    const reconsent = await makeReceipt('alice', {
      agreement: AGREEMENTS.termsV2,
      reading: {
        required: 'whole',
        reachedEnd: true,
        reachedEndAt: new Date(),
        keyClausesSeen: [],
        keyClausesTotal: AGREEMENTS.termsV2.keyClauses.length,
      },
      replaces: { version: '2023-01-01', receiptId: first.receiptId },
      additionalDocuments: [],
      optionalConsents: [],
    });
    const response = await v2(post('receipts', reconsent));
    expect(await response.json()).toMatchObject({ receipt: { receiptId: reconsent.receiptId } });
    expect(response.status).toBe(201);
  });

  it('fails loudly (503, nothing stored) past statusEntryLimit, never answering from part of the history', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const { handler, store } = await server({ statusEntryLimit: 5 });
      expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
      await declines(handler, 4);
      // Five entries: within the guard.
      expect(await terms(handler)).toMatchObject({ accepted: true });
      await declines(handler, 1);
      const status = await handler(get('consents'));
      expect(status.status).toBe(503);
      expect(await status.json()).toMatchObject({
        error: 'history-too-long',
        message: expect.stringMatching(/more than 5 .*statusEntryLimit/),
      });
      // A receipt that needs the history (here: a first consent leaving the privacy policy out,
      // which is refused unless it was accepted before) is not judged on part of it either.
      const partial = await makeReceipt('alice', { additionalDocuments: [] });
      const refused = await handler(post('receipts', partial));
      expect(refused.status).toBe(503);
      expect(await store.get(partial.receiptId)).toBeNull();
      // Another person's status is unaffected.
      expect((await handler(get('consents', 'bob'))).status).toBe(200);
      expect(errors.map((e) => String(e.join(' ')))).toEqual([
        expect.stringMatching(/statusEntryLimit/),
        expect.stringMatching(/statusEntryLimit/),
      ]);
    } finally {
      console.error = original;
    }
  });
});

describe('what the person last accepted, withdrawn or not (for a settings page)', () => {
  it('serves lastAcceptedVersion, lastAcceptedReceiptId and lastAcceptedAt beside the consent in force', async () => {
    const { handler } = await server();
    const status = async (subject = 'alice') =>
      (await (await handler(get('consents', subject))).json()).documents;
    expect((await status())['instadesk-terms']).toMatchObject({
      lastAcceptedVersion: null,
      lastAcceptedReceiptId: null,
      lastAcceptedAt: null,
    });
    const receipt = await makeReceipt('alice');
    const stored = await handler(post('receipts', receipt));
    const { receivedAt } = await stored.json();
    const last = {
      lastAcceptedVersion: '2023-01-01',
      lastAcceptedReceiptId: receipt.receiptId,
      lastAcceptedAt: receivedAt,
    };
    expect((await status())['instadesk-terms']).toMatchObject({ acceptedVersion: '2023-01-01', ...last });
    expect((await handler(post('withdrawals', { id: crypto.randomUUID(), all: true }))).status).toBe(201);
    const after = await status();
    // The consent in force is gone; what was accepted is still there to show (and to offer a copy of).
    expect(after['instadesk-terms']).toMatchObject({
      accepted: false,
      acceptedVersion: null,
      acceptedReceiptId: null,
      ...last,
    });
    expect(after['privacy-policy']).toMatchObject({
      lastAcceptedVersion: '2024-01-01',
      lastAcceptedReceiptId: receipt.receiptId,
    });
    // A receipt a decline took back was not given: it is not what was last accepted.
    const takenBack = await makeReceipt('alice');
    expect((await handler(post('receipts', takenBack))).status).toBe(201);
    expect(
      (
        await handler(
          post('declines', { id: crypto.randomUUID(), documents: BOTH, receiptId: takenBack.receiptId }),
        )
      ).status,
    ).toBe(201);
    expect((await status())['instadesk-terms']).toMatchObject(last);
  });
});
