/**
 * A receipt accepted before a withdrawal but delivered after it (an outbox on a phone that was
 * offline) is stored, as everything that happened is, but does not bring back what the withdrawal
 * ended: its answer says so (`superseded`), and the status says withdrawn.
 */
import { authenticate, get, post, testServer } from './handler.test-utils';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { createClickwrapHandler } from './handler';
import { openSqliteStore } from './stores/sqlite';
import { AGREEMENTS, MARKETING, TEXTS, catalogInput, makeReceipt, setup } from './test-fixtures';
import { verifyCountersignedReceipt } from './verify-receipt';

const HOUR = 3600_000;

async function server() {
  const clock = { t: Date.parse('2026-12-02T10:00:00Z') };
  const { handler, store, keyring } = await testServer({ now: () => new Date(clock.t) });
  const status = async () => (await handler(get('consents'))).json();
  return { handler, store, clock, status, keyring };
}

describe('a receipt accepted before a withdrawal, delivered after it', () => {
  it('is stored, answers superseded by the withdrawal of everything, and brings nothing back', async () => {
    const { handler, store, clock, status, keyring } = await server();
    // 10:00 accepts on the laptop.
    expect((await handler(post('receipts', await makeReceipt('alice', {}, new Date(clock.t))))).status).toBe(
      201,
    );
    // 11:00 accepts again on the phone: the delivery fails, the receipt waits in its outbox.
    clock.t += HOUR;
    const phone = await makeReceipt('alice', {}, new Date(clock.t));
    // 12:00 (server clock) withdraws everything on the laptop.
    clock.t += HOUR;
    const withdrawal = { id: crypto.randomUUID(), all: true };
    const withdrawn = await handler(post('withdrawals', withdrawal));
    expect(withdrawn.status).toBe(201);
    const { receivedAt } = await withdrawn.json();
    expect(receivedAt).toBe('2026-12-02T12:00:00.000Z');
    // The next day the phone's outbox delivers the 11:00 receipt.
    clock.t += 24 * HOUR;
    const late = await handler(post('receipts', phone));
    expect(late.status).toBe(201);
    const record = await late.json();
    expect(record).toMatchObject({
      receipt: { receiptId: phone.receiptId },
      receivedAt: '2026-12-03T12:00:00.000Z',
      superseded: { by: withdrawal.id, receivedAt, all: true },
    });
    expect(await store.get(phone.receiptId)).not.toBeNull();
    // The record verifies as any other (the note is the server's, beside what it signed).
    const verified = await verifyCountersignedReceipt(record, {
      keys: keyring.jwks(),
      text: TEXTS.termsV1,
      documents: { 'privacy-policy': TEXTS.privacy },
    });
    expect(verified.problems).toEqual([]);
    const after = await status();
    expect(after.documents['instadesk-terms']).toMatchObject({
      accepted: false,
      acceptedVersion: null,
      withdrawnAt: receivedAt,
    });
    expect(after.documents['privacy-policy']).toMatchObject({ accepted: false, withdrawnAt: receivedAt });
    expect(after.optionalConsents[MARKETING.id]).toMatchObject({ offered: true, granted: false });
    // A retry of it (the answer lost again) says the same.
    const again = await handler(post('receipts', phone));
    expect(again.status).toBe(200);
    expect((await again.json()).superseded).toEqual(record.superseded);
    // Nothing is in force, so there is nothing to withdraw.
    expect((await handler(post('withdrawals', { id: crypto.randomUUID(), all: true }))).status).toBe(422);
    // A consent given after the withdrawal counts, and says nothing of one.
    const fresh = await handler(post('receipts', await makeReceipt('alice', {}, new Date(clock.t))));
    expect(fresh.status).toBe(201);
    expect(await fresh.json()).not.toHaveProperty('superseded');
    expect((await status()).documents['instadesk-terms']).toMatchObject({ accepted: true });
  });

  it('keeps an optional consent withdrawn since it was granted withdrawn, and the documents accepted', async () => {
    const { handler, clock, status } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice', {}, new Date(clock.t))))).status).toBe(
      201,
    );
    clock.t += HOUR;
    const phone = await makeReceipt('alice', {}, new Date(clock.t));
    clock.t += HOUR;
    const withdrawal = { id: crypto.randomUUID(), optionalConsents: [MARKETING.id] };
    const withdrawn = await handler(post('withdrawals', withdrawal));
    expect(withdrawn.status).toBe(201);
    const { receivedAt } = await withdrawn.json();
    clock.t += HOUR;
    const late = await handler(post('receipts', phone));
    expect(late.status).toBe(201);
    expect((await late.json()).superseded).toEqual({
      by: withdrawal.id,
      receivedAt,
      optionalConsents: [MARKETING.id],
    });
    const after = await status();
    expect(after.optionalConsents[MARKETING.id]).toMatchObject({ granted: false, at: receivedAt });
    expect(after.documents['instadesk-terms']).toMatchObject({
      accepted: true,
      acceptedReceiptId: phone.receiptId,
    });
  });

  it('counts a receipt accepted after the withdrawal (client clock), however late it arrives', async () => {
    const { handler, clock, status } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice', {}, new Date(clock.t))))).status).toBe(
      201,
    );
    clock.t += HOUR;
    expect((await handler(post('withdrawals', { id: crypto.randomUUID(), all: true }))).status).toBe(201);
    clock.t += HOUR;
    const phone = await makeReceipt('alice', {}, new Date(clock.t));
    clock.t += 5 * HOUR;
    const late = await handler(post('receipts', phone));
    expect(late.status).toBe(201);
    expect(await late.json()).not.toHaveProperty('superseded');
    expect((await status()).documents['instadesk-terms']).toMatchObject({
      accepted: true,
      withdrawnAt: expect.any(String),
    });
  });
});

it('lets a re-consent name a superseded receipt (it was given, then withdrawn)', async () => {
  const { keyring } = await setup();
  const store = openSqliteStore({ path: ':memory:' });
  const clock = { t: Date.parse('2026-12-02T10:00:00Z') };
  const options = { store, keyring, authenticate, basePath: '/api/clickwrap', now: () => new Date(clock.t) };
  const v1 = createClickwrapHandler({ ...options, catalog: await createCatalog(catalogInput()) });
  const phone = await makeReceipt('alice', {}, new Date(clock.t));
  clock.t += HOUR;
  expect((await v1(post('receipts', await makeReceipt('alice', {}, new Date(clock.t))))).status).toBe(201);
  expect((await v1(post('withdrawals', { id: crypto.randomUUID(), all: true }))).status).toBe(201);
  clock.t += HOUR;
  expect((await (await v1(post('receipts', phone))).json()).superseded).toMatchObject({ all: true });
  const v2 = createClickwrapHandler({ ...options, catalog: await createCatalog(catalogInput('2025-06-01')) });
  const reconsent = await makeReceipt(
    'alice',
    {
      agreement: AGREEMENTS.termsV2,
      reading: {
        required: 'whole',
        reachedEnd: true,
        reachedEndAt: new Date(clock.t),
        keyClausesSeen: [],
        keyClausesTotal: AGREEMENTS.termsV2.keyClauses.length,
      },
      replaces: { version: '2023-01-01', receiptId: phone.receiptId },
      optionalConsents: [],
    },
    new Date(clock.t),
  );
  const response = await v2(post('receipts', reconsent));
  expect(response.status).toBe(201);
  expect(await response.json()).not.toHaveProperty('superseded');
  expect((await (await v2(get('consents'))).json()).documents['instadesk-terms']).toMatchObject({
    accepted: true,
    acceptedVersion: '2025-06-01',
  });
});
