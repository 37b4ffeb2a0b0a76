/**
 * A copy of a stored event added to the log again (a replay): someone who may INSERT into
 * clickwrap_log but holds no signing key copies an old countersigned receipt after a later
 * withdrawal, linked at the head with the next seq and a correct hash. Its countersignature
 * still verifies (it is the server's), so only the event's id gives it away: an entry's id is
 * its event's id, and an event is recorded once. The audit's reproduction, as regression tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickwrapHandler, type ClickwrapHandlerOptions } from './handler';
import { canonicalJson } from './jcs';
import { chainEntry, entryHash, eventBodyHash, eventPayload, type LogEntry, type LogStore } from './log';
import { verifyLog } from './log-verify';
import { consentStatus } from './status';
import { freshSchema, postgresUrl, rawPostgres, withPostgres } from './stores/pg-target';
import { openPostgresStore } from './stores/postgres';
import { openSqliteStore } from './stores/sqlite';
import { MARKETING, makeReceipt, setup } from './test-fixtures';

/** The server's handler on `store`, with the test keys and catalog; the subject is the bearer token. */
async function handlerOn(store: LogStore, options: Partial<ClickwrapHandlerOptions> = {}) {
  const { catalog, keyring } = await setup();
  const handler = createClickwrapHandler({
    store,
    keyring,
    catalog,
    basePath: '/api/clickwrap',
    authenticate: (r) => r.headers.get('authorization')?.replace(/^Bearer /, '') ?? null,
    ...options,
  });
  return { handler, catalog, keyring };
}

const BASE = 'http://app.test/api/clickwrap';
const request = (route: string, subject: string, body?: unknown) =>
  new Request(`${BASE}/${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${subject}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/**
 * Alice accepts (marketing granted), accepts again (a re-consent), declines the privacy policy,
 * withdraws marketing, then withdraws everything; Bob accepts. Every kind the server writes.
 */
async function history(store: LogStore) {
  const { handler, catalog, keyring } = await handlerOn(store);
  const send = async (route: string, body: unknown, subject = 'alice') => {
    const response = await handler(request(route, subject, body));
    expect(response.status, await response.clone().text()).toBe(201);
  };
  await send('receipts', await makeReceipt('alice'));
  await send('receipts', await makeReceipt('alice'));
  await send('declines', {
    id: crypto.randomUUID(),
    documents: [{ id: 'privacy-policy', version: '2024-01-01' }],
  });
  await send('withdrawals', { id: crypto.randomUUID(), optionalConsents: [MARKETING.id] });
  await send('withdrawals', { id: crypto.randomUUID(), all: true });
  await send('receipts', await makeReceipt('bob'), 'bob');
  const status = async () =>
    (await (await handler(request('consents', 'alice'))).json()) as ReturnType<typeof consentStatus>;
  return { catalog, keyring, handler, status, entries: await store.entries(0, 100) };
}

/** The audit's forgery: a copy of `original` under a fresh id, linked at the head of `log`. */
const replay = (log: readonly LogEntry[], original: LogEntry, id: string = crypto.randomUUID()) =>
  chainEntry(log.at(-1)!, { ...original, id });

const withdrawn = (status: ReturnType<typeof consentStatus>) => {
  expect(status.documents['instadesk-terms']).toMatchObject({
    accepted: false,
    withdrawnAt: expect.any(String),
  });
  expect(status.documents['privacy-policy']).toMatchObject({ accepted: false });
  expect(status.optionalConsents[MARKETING.id]).toMatchObject({ granted: false });
};

const eventId = (e: LogEntry) => {
  const event = (JSON.parse(e.payload) as Record<string, Record<string, unknown>>)[e.kind]!;
  return e.kind === 'receipt' ? event.receiptId : event.id;
};

async function sqliteFile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-replay-'));
  return { file: path.join(dir, 'log.db'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe('a replayed event in the log', () => {
  // One history for these tests, which only read it (each forges its copies in memory).
  let served: Awaited<ReturnType<typeof history>>;
  let store: LogStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const target = await sqliteFile();
    cleanup = target.cleanup;
    store = openSqliteStore({ path: target.file });
    served = await history(store);
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('every kind of entry the server writes carries its event id as its id, and verifies with its content checked', async () => {
    const { keyring, entries } = served;
    expect(entries.map((e) => e.kind)).toEqual([
      'receipt',
      'receipt',
      'decline',
      'withdrawal',
      'withdrawal',
      'receipt',
    ]);
    for (const e of entries) expect(e.id).toBe(eventId(e));
    const result = await verifyLog(entries, {
      keys: keyring.jwks(),
      checkpoints: await store.checkpoints(),
      countersignatures: true,
    });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('verifyLog names an old receipt copied under a fresh id after a withdrawal, and the status keeps it withdrawn', async () => {
    const { catalog, keyring, entries } = served;
    const alice = entries.filter((e) => e.subject === 'alice');
    const forged = replay(entries, alice[0]!);
    const log = [...entries, forged];
    // The chain alone cannot tell: it is linked at the head like any entry.
    expect((await verifyLog(log)).ok).toBe(true);
    const result = await verifyLog(log, { keys: keyring.jwks(), countersignatures: true });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'replayed', seq: forged.seq, id: forged.id }),
    );
    expect(result.problems.every((p) => p.seq === forged.seq)).toBe(true);
    expect(result.problems.find((p) => p.code === 'replayed')?.message).toMatch(
      new RegExp(`entry seq ${forged.seq} .*seq ${alice[0]!.seq}`),
    );
    withdrawn(consentStatus('alice', [...alice, forged], catalog));
  });

  it('verifyLog names a copy under the same id even in the chain alone (the id no longer unique), and the status counts it once', async () => {
    const { catalog, entries } = served;
    const alice = entries.filter((e) => e.subject === 'alice');
    const forged = replay(entries, alice[1]!, alice[1]!.id);
    const result = await verifyLog([...entries, forged]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'replayed', seq: forged.seq })]);
    withdrawn(consentStatus('alice', [...alice, forged], catalog));
  });

  it("verifyLog names an entry whose id, bodyHash, payload or seq is not the server's, and the status ignores an id that is not its event's", async () => {
    const { catalog, keyring, entries } = served;
    const alice = entries.filter((e) => e.subject === 'alice');
    const old = alice[0]!;
    const { countersignature, receipt } = JSON.parse(old.payload) as {
      countersignature: string;
      receipt: unknown;
    };
    const fresh = crypto.randomUUID();
    // Two "receipt" keys: a reader that takes the first sees the fresh id, JSON.parse the old receipt.
    const twoKeys = replay(
      entries,
      {
        ...old,
        payload: `{"countersignature":${JSON.stringify(countersignature)},"receipt":{"receiptId":"${fresh}"},"receipt":${JSON.stringify(receipt)}}`,
      },
      fresh,
    );
    const keys = keyring.jwks();
    const named = async (log: LogEntry[], seq: number) => {
      const result = await verifyLog(log, { keys, countersignatures: true });
      expect(result.problems).toContainEqual(expect.objectContaining({ code: 'mismatch', seq }));
      expect(result.problems.every((p) => p.seq === seq)).toBe(true);
    };
    await named([...entries, twoKeys], twoKeys.seq);
    withdrawn(consentStatus('alice', [...alice, twoKeys], catalog));

    // The newest entry's bodyHash changed and the entry re-hashed: the chain holds, its content does not.
    const last = entries.at(-1)!;
    const rehashed = chainEntry(entries.at(-2)!, { ...last, bodyHash: 'b'.repeat(64) });
    await named([...entries.slice(0, -1), rehashed], last.seq);

    // A seq that skips one, with a correct link and hash: named in the chain alone.
    const skipped = {
      ...chainEntry(entries.at(-1)!, { ...old, id: crypto.randomUUID() }),
      seq: last.seq + 2,
    };
    const skip = { ...skipped, hash: entryHash(skipped) };
    expect((await verifyLog([...entries, skip])).problems).toEqual([
      expect.objectContaining({ code: 'mismatch', seq: skip.seq, position: entries.length }),
    ]);
  });
});

/**
 * The audit's INSERT, as the app's database role could run it: a copy of the first receipt at the
 * head under a fresh id; then the same with its payload made to show the fresh id to a reader
 * that takes the first of two equal keys (SQLite's json_extract) and the old receipt to one that
 * takes the last (JSON.parse, jsonb): a second "receipt", or a second "receiptId" inside it.
 */
const forgedRows = (entries: readonly LogEntry[]) => {
  const original = entries[0]!;
  const fresh = crypto.randomUUID();
  const { countersignature, receipt } = JSON.parse(original.payload) as {
    countersignature: string;
    receipt: unknown;
  };
  const cs = JSON.stringify(countersignature);
  const old = JSON.stringify(receipt);
  return [
    original.payload,
    `{"countersignature":${cs},"receipt":{"receiptId":"${fresh}"},"receipt":${old}}`,
    `{"countersignature":${cs},"receipt":{"receiptId":"${fresh}",${old.slice(1)}}`,
  ].map((payload) => {
    const e = replay(entries, { ...original, payload }, fresh);
    return [e.seq, e.id, e.kind, e.subject, e.receivedAt, e.bodyHash, e.prev, e.hash, e.payload];
  });
};

/**
 * Runs the history on `store`, tries each forged row with `insert` (the app's database role,
 * bypassing the store), and checks that each was refused and nothing changed.
 */
async function refusesReplays(store: LogStore, insert: (values: (string | number)[]) => Promise<unknown>) {
  const { keyring, status, entries } = await history(store);
  for (const values of forgedRows(entries)) await expect(insert(values)).rejects.toThrow(/id of the event/);
  expect(await store.entries(0, 100)).toEqual(entries);
  withdrawn(await status());
  const result = await verifyLog(entries, { keys: keyring.jwks(), countersignatures: true });
  expect(result.ok).toBe(true);
}

const INSERT =
  'INSERT INTO clickwrap_log (seq, id, kind, subject, received_at, body_hash, prev, hash, payload)';

describe('the stores refuse a replayed event', () => {
  it('SQLite refuses the copy under a fresh id; the log verifies and the consent stays withdrawn', async () => {
    const { file, cleanup } = await sqliteFile();
    const store = openSqliteStore({ path: file });
    const db = new Database(file);
    try {
      const statement = db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      await refusesReplays(store, async (values) => statement.run(...values));
    } finally {
      db.close();
      await store.close();
      await cleanup();
    }
  });

  withPostgres('the PostgreSQL replay test', () => {
    it('PostgreSQL refuses the copy under a fresh id; the log verifies and the consent stays withdrawn', async () => {
      const connectionString = await postgresUrl();
      const schema = freshSchema();
      const store = openPostgresStore({ connectionString, schema, max: 2 });
      const literal = (v: string | number) =>
        typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;
      try {
        await refusesReplays(store, (values) =>
          rawPostgres(connectionString, schema, `${INSERT} VALUES (${values.map(literal).join(', ')})`),
        );
      } finally {
        await store.close();
        await rawPostgres(connectionString, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
    });
  });
});

describe('an entry the server did not write', () => {
  // Not a copy: a receipt made up by whoever may INSERT, in the server's exact form (its id is
  // its event's, its bodyHash and payload as the server writes them, linked at the head), but
  // with a countersignature no key of the server's made.
  it('is left out of the status, and reported, whatever its form', async () => {
    const { file, cleanup } = await sqliteFile();
    const store = openSqliteStore({ path: file });
    const db = new Database(file);
    try {
      const unverified: [number, string][] = [];
      const { handler, keyring } = await handlerOn(store, {
        onUnverifiedEntry: (entry, reason) => unverified.push([entry.seq, reason]),
      });
      expect((await handler(request('receipts', 'alice', await makeReceipt('alice')))).status).toBe(201);
      expect(
        (await handler(request('withdrawals', 'alice', { id: crypto.randomUUID(), all: true }))).status,
      ).toBe(201);
      const made = await makeReceipt('alice');
      const event = canonicalJson(made);
      const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: keyring.current.kid })).toString(
        'base64url',
      );
      const forged = chainEntry((await store.entries(0, 10)).at(-1)!, {
        id: made.receiptId,
        kind: 'receipt',
        subject: 'alice',
        receivedAt: new Date().toISOString(),
        bodyHash: eventBodyHash('receipt', 'alice', event),
        payload: eventPayload('receipt', `${header}..${'A'.repeat(86)}`, event),
      });
      db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        forged.seq,
        forged.id,
        forged.kind,
        forged.subject,
        forged.receivedAt,
        forged.bodyHash,
        forged.prev,
        forged.hash,
        forged.payload,
      );
      const status = await (await handler(request('consents', 'alice'))).json();
      withdrawn(status);
      expect(unverified).toEqual([[3, expect.stringMatching(/^its countersignature does not verify/)]]);
      // The entries the server wrote are still counted: a new consent after it is.
      expect((await handler(request('receipts', 'alice', await makeReceipt('alice')))).status).toBe(201);
      const after = await (await handler(request('consents', 'alice'))).json();
      expect(after.documents['instadesk-terms']).toMatchObject({ accepted: true });
    } finally {
      db.close();
      await store.close();
      await cleanup();
    }
  });
});
