/**
 * A receipt accepted before a withdrawal but delivered after it (an outbox on a phone that was
 * offline) is stored, as everything that happened is, but does not bring back what the withdrawal
 * ended: its answer says so (`superseded`), and the status says withdrawn.
 */
import { authenticate, get, post, testServer } from './handler.test-utils';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { createClickwrapHandler } from './handler';
import type { LogStore } from './log';
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

describe('an optional answer given earlier but delivered later', () => {
  /** A receipt answering marketing e-mails `granted`, given at `at` (client clock). */
  const answering = (granted: boolean, at: number) =>
    makeReceipt('alice', { optionalConsents: [{ ...MARKETING, granted, at: new Date(at) }] }, new Date(at));

  it('does not undo a grant given after it: a late refusal leaves marketing granted', async () => {
    const { handler, clock, status } = await server();
    // 10:00 refuses marketing on the phone: the delivery fails, the receipt waits in its outbox.
    const refusal = await answering(false, clock.t);
    // 11:00 grants it on the laptop, stored.
    clock.t += HOUR;
    const grant = await answering(true, clock.t);
    const stored = await handler(post('receipts', grant));
    expect(stored.status).toBe(201);
    const { receivedAt } = await stored.json();
    // 12:00 the outbox delivers the 10:00 refusal: stored, but the later grant stands.
    clock.t += HOUR;
    const late = await handler(post('receipts', refusal));
    expect(late.status).toBe(201);
    const record = await late.json();
    expect(record).not.toHaveProperty('superseded');
    expect(record.overridden).toEqual([
      { by: grant.receiptId, acceptedAt: grant.acceptedAt, optionalConsents: [MARKETING.id] },
    ]);
    // A retry of it (the answer lost again) says the same.
    const again = await handler(post('receipts', refusal));
    expect(again.status).toBe(200);
    expect((await again.json()).overridden).toEqual(record.overridden);
    const after = await status();
    expect(after.optionalConsents[MARKETING.id]).toEqual({ offered: true, granted: true, at: receivedAt });
    // Both accepted the same documents in the same versions: the one given last is named.
    expect(after.documents['instadesk-terms']).toMatchObject({
      accepted: true,
      acceptedReceiptId: grant.receiptId,
      acceptedAt: receivedAt,
      lastAcceptedReceiptId: grant.receiptId,
    });
  });

  it('does not undo a refusal given after it: a late grant leaves marketing refused', async () => {
    const { handler, clock, status } = await server();
    const grant = await answering(true, clock.t);
    clock.t += HOUR;
    const refusal = await answering(false, clock.t);
    const stored = await handler(post('receipts', refusal));
    expect(stored.status).toBe(201);
    const { receivedAt } = await stored.json();
    clock.t += HOUR;
    const late = await handler(post('receipts', grant));
    expect(late.status).toBe(201);
    expect((await late.json()).overridden).toEqual([
      { by: refusal.receiptId, acceptedAt: refusal.acceptedAt, optionalConsents: [MARKETING.id] },
    ]);
    expect((await status()).optionalConsents[MARKETING.id]).toEqual({
      offered: true,
      granted: false,
      at: receivedAt,
    });
    // There is nothing to withdraw.
    const withdrawal = { id: crypto.randomUUID(), optionalConsents: [MARKETING.id] };
    expect((await handler(post('withdrawals', withdrawal))).status).toBe(422);
  });

  it('lets an answer given later override, delivered in order or late', async () => {
    const { handler, clock, status } = await server();
    const answer = async (granted: boolean) => {
      const response = await handler(post('receipts', await answering(granted, clock.t)));
      expect(response.status).toBe(201);
      const record = await response.json();
      expect(record).not.toHaveProperty('overridden');
      return record.receivedAt as string;
    };
    await answer(true);
    clock.t += HOUR;
    const refused = await answer(false);
    expect((await status()).optionalConsents[MARKETING.id]).toEqual({
      offered: true,
      granted: false,
      at: refused,
    });
    clock.t += HOUR;
    const granted = await answer(true);
    expect((await status()).optionalConsents[MARKETING.id]).toEqual({
      offered: true,
      granted: true,
      at: granted,
    });
    // Given after the one in force, delivered an hour late: it counts.
    const given = clock.t + 1000;
    clock.t += HOUR;
    const late = await handler(post('receipts', await answering(false, given)));
    expect(late.status).toBe(201);
    const record = await late.json();
    expect(record).not.toHaveProperty('overridden');
    expect((await status()).optionalConsents[MARKETING.id]).toEqual({
      offered: true,
      granted: false,
      at: record.receivedAt,
    });
  });

  it('keeps a withdrawal in force over a late answer given before it, a refusal too', async () => {
    const { handler, clock, status } = await server();
    expect((await handler(post('receipts', await answering(true, clock.t)))).status).toBe(201);
    clock.t += HOUR;
    const phone = await answering(false, clock.t);
    const grant = await answering(true, clock.t);
    clock.t += HOUR;
    const withdrawal = { id: crypto.randomUUID(), optionalConsents: [MARKETING.id] };
    const withdrawn = await handler(post('withdrawals', withdrawal));
    expect(withdrawn.status).toBe(201);
    const { receivedAt } = await withdrawn.json();
    clock.t += HOUR;
    // A grant given before it stays withdrawn (superseded), and a refusal given before it does
    // not become the answer on record: the withdrawal's time stays.
    const late = await handler(post('receipts', grant));
    expect((await late.json()).superseded).toMatchObject({ by: withdrawal.id });
    expect((await handler(post('receipts', phone))).status).toBe(201);
    expect((await status()).optionalConsents[MARKETING.id]).toEqual({
      offered: true,
      granted: false,
      at: receivedAt,
    });
  });

  it('says nothing of a late answer that agrees with the one in force, nor past statusEntryLimit', async () => {
    const clock = { t: Date.parse('2026-12-02T10:00:00Z') };
    const { handler } = await testServer({ now: () => new Date(clock.t), statusEntryLimit: 2 });
    const early = await answering(true, clock.t);
    const refusal = await answering(false, clock.t);
    clock.t += HOUR;
    expect((await handler(post('receipts', await answering(true, clock.t)))).status).toBe(201);
    clock.t += HOUR;
    // Given earlier, granted as the one in force: nothing to say.
    const same = await handler(post('receipts', early));
    expect(same.status).toBe(201);
    expect(await same.json()).not.toHaveProperty('overridden');
    // Three entries before it, one more than statusEntryLimit allows with it: the receipt is stored
    // and answered all the same, without the note (the status answers 503 for this person).
    const documents = [
      { id: 'instadesk-terms', version: '2023-01-01' },
      { id: 'privacy-policy', version: '2024-01-01' },
    ];
    expect((await handler(post('declines', { id: crypto.randomUUID(), documents }))).status).toBe(201);
    const late = await handler(post('receipts', refusal));
    expect(late.status).toBe(201);
    expect(await late.json()).not.toHaveProperty('overridden');
  });
});

describe("a person's first receipt", () => {
  /** The store, counting the history reads the handler makes, and with `firstOfSubject` left out when asked. */
  function counted(store: LogStore, says: boolean) {
    const reads = { count: 0 };
    const wrapped: LogStore = {
      ...store,
      append: async (inputs) =>
        (await store.append(inputs)).map((r) => {
          if (says || r.status !== 'stored') return r;
          const { firstOfSubject: _, ...rest } = r;
          return rest;
        }),
      bySubjectAfter: (...args) => {
        reads.count++;
        return store.bySubjectAfter(...args);
      },
      close: () => store.close(),
    };
    return { wrapped, reads };
  }
  const withMarketing = (subject: string, granted: boolean, at: number) =>
    makeReceipt(subject, { optionalConsents: [{ ...MARKETING, granted, at: new Date(at) }] }, new Date(at));

  it('is answered without reading the history it cannot have, and a later one still is told what it overrides', async () => {
    const { wrapped, reads } = counted(openSqliteStore({ path: ':memory:' }), true);
    const clock = { t: Date.parse('2026-12-02T10:00:00Z') };
    const { handler } = await testServer({ store: wrapped, now: () => new Date(clock.t) });
    const refusal = await withMarketing('alice', false, clock.t);
    clock.t += HOUR;
    const grant = await withMarketing('alice', true, clock.t);
    const first = await handler(post('receipts', grant));
    expect(first.status).toBe(201);
    expect(reads.count).toBe(0);
    clock.t += HOUR;
    const late = await handler(post('receipts', refusal));
    expect(late.status).toBe(201);
    expect(reads.count).toBeGreaterThan(0);
    expect((await late.json()).overridden).toEqual([
      { by: grant.receiptId, acceptedAt: grant.acceptedAt, optionalConsents: [MARKETING.id] },
    ]);
  });

  it('is read for from a store that does not say whether an entry is the first, with the same answers', async () => {
    const { wrapped, reads } = counted(openSqliteStore({ path: ':memory:' }), false);
    const clock = { t: Date.parse('2026-12-02T10:00:00Z') };
    const { handler } = await testServer({ store: wrapped, now: () => new Date(clock.t) });
    const refusal = await withMarketing('alice', false, clock.t);
    clock.t += HOUR;
    const grant = await withMarketing('alice', true, clock.t);
    expect((await handler(post('receipts', grant))).status).toBe(201);
    expect(reads.count).toBeGreaterThan(0);
    clock.t += HOUR;
    const late = await handler(post('receipts', refusal));
    expect((await late.json()).overridden).toEqual([
      { by: grant.receiptId, acceptedAt: grant.acceptedAt, optionalConsents: [MARKETING.id] },
    ]);
  });
});
