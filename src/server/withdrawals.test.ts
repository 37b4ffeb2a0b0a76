/**
 * A withdrawal ends a consent in force. One that names nothing in force (an optional consent never
 * granted, consent as a whole from an account that never gave it or withdrew it already) is
 * refused (422 `nothing-to-withdraw`), not stored as a countersigned event; a retry of one stored
 * is still answered with its record.
 */
import { get, post, testServer } from './handler.test-utils';
import { describe, expect, it } from 'vitest';
import { type ClickwrapHandlerOptions } from './handler';
import type { LogEntry } from './log';
import { consentStatus } from './status';
import { MARKETING, makeReceipt, setup } from './test-fixtures';

async function server(over: Partial<ClickwrapHandlerOptions> = {}) {
  const { handler, store } = await testServer(over);
  const withdraw = async (body: Record<string, unknown>, subject = 'alice') => {
    const response = await handler(post('withdrawals', { id: crypto.randomUUID(), ...body }, subject));
    return { status: response.status, body: await response.json() };
  };
  return { handler, store, withdraw };
}

const refusedMarketing = { optionalConsents: [{ ...MARKETING, granted: false, at: null }] };

describe('a withdrawal of nothing in force', () => {
  it('is refused for an optional consent refused in the receipt, saying what is in force', async () => {
    const { handler, store, withdraw } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice', refusedMarketing)))).status).toBe(201);
    expect(await withdraw({ optionalConsents: [MARKETING.id] })).toEqual({
      status: 422,
      body: {
        error: 'nothing-to-withdraw',
        message: expect.stringMatching(
          /marketing-email is not granted.*In force: instadesk-terms 2023-01-01, privacy-policy 2024-01-01.*all: true/,
        ),
      },
    });
    expect((await store.entries(0, 10)).map((e) => e.kind)).toEqual(['receipt']);
  });

  it('is refused for consent as a whole from an account that never consented, which shows no withdrawal', async () => {
    const { handler, store, withdraw } = await server();
    expect(await withdraw({ all: true }, 'bob')).toEqual({
      status: 422,
      body: { error: 'nothing-to-withdraw', message: expect.stringMatching(/Nothing is in force/) },
    });
    expect(await withdraw({ optionalConsents: [MARKETING.id] }, 'bob')).toMatchObject({
      status: 422,
      body: { error: 'nothing-to-withdraw' },
    });
    expect(await store.entries(0, 10)).toEqual([]);
    const status = await (await handler(get('consents', 'bob'))).json();
    expect(status.documents['instadesk-terms']).toMatchObject({ withdrawnAt: null });
  });

  it('is refused the second time consent as a whole is withdrawn (a new id), and a retry of the first still gets its record', async () => {
    const { handler, store, withdraw } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    const first = { id: crypto.randomUUID(), all: true };
    const stored = await handler(post('withdrawals', first));
    expect(stored.status).toBe(201);
    const record = await stored.json();
    expect(await withdraw({ all: true })).toMatchObject({
      status: 422,
      body: { error: 'nothing-to-withdraw' },
    });
    expect(await withdraw({ optionalConsents: [MARKETING.id] })).toMatchObject({ status: 422 });
    // The same id and body again (its answer was lost): nothing is left to withdraw, and it is
    // still answered with the stored record.
    const retry = await handler(post('withdrawals', first));
    expect(retry.status).toBe(200);
    const { checkpoint: _a, ...again } = await retry.json();
    const { checkpoint: _b, ...kept } = record;
    expect(again).toEqual(kept);
    // The same id with another body is still a conflict, not "nothing to withdraw".
    expect(
      (await handler(post('withdrawals', { ...first, all: undefined, optionalConsents: [MARKETING.id] })))
        .status,
    ).toBe(409);
    expect((await store.entries(0, 10)).map((e) => e.kind)).toEqual(['receipt', 'withdrawal']);
  });

  it('takes an optional consent granted once, then refuses it again', async () => {
    const { handler, withdraw } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    expect((await withdraw({ optionalConsents: [MARKETING.id] })).status).toBe(201);
    expect(await withdraw({ optionalConsents: [MARKETING.id] })).toMatchObject({
      status: 422,
      body: {
        error: 'nothing-to-withdraw',
        message: expect.stringMatching(/marketing-email is not granted/),
      },
    });
    // Consent as a whole is still in force: withdrawing it is taken.
    expect((await withdraw({ all: true })).status).toBe(201);
  });

  it('refuses a list naming an optional consent twice', async () => {
    const { handler, store, withdraw } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    expect(await withdraw({ optionalConsents: [MARKETING.id, MARKETING.id] })).toEqual({
      status: 422,
      body: { error: 'invalid-withdrawal', message: expect.stringMatching(/"marketing-email" twice/) },
    });
    expect((await store.entries(0, 10)).map((e) => e.kind)).toEqual(['receipt']);
  });

  it('is refused for the second of two sent at once (two tabs), which would end nothing', async () => {
    const { handler, store, withdraw } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    const answers = await Promise.all([withdraw({ all: true }), withdraw({ all: true })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(answers.find((a) => a.status === 422)?.body).toMatchObject({ error: 'nothing-to-withdraw' });
    expect((await store.entries(0, 10)).map((e) => e.kind)).toEqual(['receipt', 'withdrawal']);
  });

  it('takes two sent at once for different subjects, and two that end different things', async () => {
    const { handler, store, withdraw } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    expect((await handler(post('receipts', await makeReceipt('bob'), 'bob'))).status).toBe(201);
    const answers = await Promise.all([
      withdraw({ optionalConsents: [MARKETING.id] }),
      withdraw({ all: true }, 'bob'),
      withdraw({ all: true }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect((await store.entries(0, 10)).map((e) => e.kind)).toEqual([
      'receipt',
      'receipt',
      'withdrawal',
      'withdrawal',
      'withdrawal',
    ]);
  });
});

it('shows withdrawnAt only on documents a withdrawal ended (not for one stored before anything was accepted)', async () => {
  const { catalog } = await setup();
  const entry = (
    seq: number,
    kind: LogEntry['kind'],
    event: Record<string, unknown>,
    receivedAt: string,
  ): LogEntry => ({
    id: String(event.id ?? event.receiptId),
    kind,
    subject: 'alice',
    receivedAt,
    bodyHash: '0'.repeat(64),
    payload: JSON.stringify({ [kind]: event }),
    seq,
    prev: '0'.repeat(64),
    hash: String(seq).repeat(64).slice(0, 64),
  });
  // A withdrawal of everything, stored (before this rule) from an account that had accepted nothing.
  const early = entry(1, 'withdrawal', { id: crypto.randomUUID(), all: true }, '2026-01-01T00:00:00.000Z');
  const never = consentStatus('alice', [early], catalog);
  expect(never.documents['instadesk-terms']).toMatchObject({ withdrawnAt: null });
  expect(never.documents['privacy-policy']).toMatchObject({ withdrawnAt: null });
  // Then a consent, and a withdrawal that ends it.
  const receipt = await makeReceipt('alice', { additionalDocuments: [] });
  const later = consentStatus(
    'alice',
    [
      early,
      entry(2, 'receipt', receipt as unknown as Record<string, unknown>, '2026-01-02T00:00:00.000Z'),
      entry(3, 'withdrawal', { id: crypto.randomUUID(), all: true }, '2026-01-03T00:00:00.000Z'),
    ],
    catalog,
  );
  expect(later.documents['instadesk-terms']).toMatchObject({
    accepted: false,
    withdrawnAt: '2026-01-03T00:00:00.000Z',
  });
  expect(later.documents['privacy-policy']).toMatchObject({ withdrawnAt: null });
});
