/**
 * The PostgreSQL store when PostgreSQL is away, hung or answers with something odd: every such
 * request gets 503 with Retry-After (never a hang, never a 500 that stays), the store recovers on
 * its own when PostgreSQL is back, and no consent is lost or stored twice. PostgreSQL is reached
 * through a TCP proxy the test controls: it can refuse connections (down), stop answering (hung,
 * as a stopped server or a half-open connection), or swallow the answer to one COMMIT.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { Keyring } from '../countersign';
import { createClickwrapHandler } from '../handler';
import { StoreBusyError, type LogStore } from '../log';
import { verifyLog } from '../log-verify';
import { makeReceipt, setup } from '../test-fixtures';
import { freshSchema, postgresUrl, rawPostgres, withPostgres } from './pg-target';
import { openPostgresStore } from './postgres';

const BASE = 'http://app.test/api/clickwrap';
const post = (path: string, body: unknown, subject = 'alice') =>
  new Request(`${BASE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${subject}` },
    body: JSON.stringify(body),
  });
const get = (path: string, subject = 'alice') =>
  new Request(`${BASE}/${path}`, { headers: { authorization: `Bearer ${subject}` } });

/** A TCP proxy in front of PostgreSQL. */
interface Proxy {
  url: string;
  /** Refuse connections (ECONNREFUSED) and cut the open ones. */
  down(): Promise<void>;
  /** Take connections again, forwarding. */
  up(): Promise<void>;
  /** Stop forwarding anything, on open and new connections (a stopped or unreachable server). */
  hang(): void;
  /** Forward again on new connections (hung ones stay hung until their client drops them). */
  unhang(): void;
  /** Forward the next COMMIT, then swallow every answer on that connection. */
  swallowNextCommitAnswer(): void;
  /** Connections the proxy forwards now. */
  open(): number;
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<Proxy> {
  const to = new URL(target);
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; hung: boolean; deaf: boolean }>();
  let hung = false;
  let swallow = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port || 5432), to.hostname);
    const pair = { client, upstream, hung, deaf: false };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (pair.hung) return;
      if (swallow && chunk.includes('COMMIT')) {
        swallow = false;
        pair.deaf = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!pair.hung && !pair.deaf) client.write(chunk);
    });
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  const listen = (port = 0) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const cut = () => {
    for (const p of pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: url.href,
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        cut();
      }),
    up: () => listen(port),
    hang() {
      hung = true;
      for (const p of pairs) p.hung = true;
    },
    unhang() {
      hung = false;
    },
    swallowNextCommitAnswer() {
      swallow = true;
    },
    open: () => [...pairs].filter((p) => !p.hung && !p.deaf).length,
    async close() {
      cut();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A proxy, a store through it on a fresh schema, and a handler on the store. */
async function throughProxy(options: { busyTimeoutMs?: number; max?: number } = {}) {
  const direct = await postgresUrl();
  const proxy = await startProxy(direct);
  const schema = freshSchema();
  const store = openPostgresStore({ connectionString: proxy.url, schema, ...options });
  const { catalog, keyring } = await setup();
  const handler = createClickwrapHandler({
    store,
    keyring,
    catalog,
    basePath: '/api/clickwrap',
    authenticate: (r) => r.headers.get('authorization')?.replace(/^Bearer /, '') ?? null,
  });
  cleanups.push(
    () => rawPostgres(direct, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    () => proxy.close(),
    () => store.close(),
  );
  return { proxy, store, handler, keyring };
}

/** The log is one valid chain with each id once. */
async function expectOneChain(store: LogStore, keys: Keyring) {
  const entries = await store.entries(0, 1000);
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  expect(await verifyLog(entries, { keys: keys.jwks(), countersignatures: true })).toMatchObject({
    ok: true,
  });
  return entries;
}

withPostgres('the PostgreSQL outage tests', () => {
  it('opened while PostgreSQL is down: 503 with Retry-After, then works once it is back', async () => {
    const { proxy, handler, store, keyring } = await throughProxy();
    await proxy.down();
    const whileDown = await handler(post('receipts', await makeReceipt('alice')));
    expect([whileDown.status, whileDown.headers.get('retry-after')]).toEqual([503, '1']);
    const statusWhileDown = await handler(get('consents'));
    expect([statusWhileDown.status, statusWhileDown.headers.get('retry-after')]).toEqual([503, '1']);
    await proxy.up();
    // The failed one-time setup was not kept: the next request sets up and stores.
    const receipt = await makeReceipt('alice');
    const back = await handler(post('receipts', receipt));
    expect(back.status).toBe(201);
    expect((await handler(get('consents'))).status).toBe(200);
    expect((await expectOneChain(store, keyring)).map((e) => e.id)).toEqual([receipt.receiptId]);
  }, 60_000);

  it('PostgreSQL going away under a warm store: reads and writes answer 503, then recover', async () => {
    const { proxy, handler, store, keyring } = await throughProxy();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    await proxy.down();
    const receipt = await makeReceipt('alice');
    const write = await handler(post('receipts', receipt));
    expect([write.status, write.headers.get('retry-after')]).toEqual([503, '1']);
    const read = await handler(get('consents'));
    expect([read.status, read.headers.get('retry-after')]).toEqual([503, '1']);
    await proxy.up();
    expect((await handler(post('receipts', receipt))).status).toBe(201);
    expect(await expectOneChain(store, keyring)).toHaveLength(2);
  }, 60_000);

  it('a hung PostgreSQL: requests get 503 after the query timeout, the queue and drain() go on', async () => {
    const { proxy, handler, store, keyring } = await throughProxy({ busyTimeoutMs: 1000, max: 1 });
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    proxy.hang();
    const alice = handler(post('receipts', await makeReceipt('alice')));
    const bob = handler(post('receipts', await makeReceipt('bob'), 'bob'));
    const status = handler(get('consents'));
    for (const response of await Promise.all([alice, bob, status]))
      expect([response.status, response.headers.get('retry-after')]).toEqual([503, '1']);
    proxy.unhang();
    // The hung connection was dropped, not handed to the next request: this one gets a new one.
    const after = await makeReceipt('alice');
    expect((await handler(post('receipts', after))).status).toBe(201);
    await handler.drain();
    const entries = await expectOneChain(store, keyring);
    expect(entries.at(-1)?.id).toBe(after.receiptId);
    expect(await store.checkpoints()).toHaveLength(1);
  }, 60_000);

  it('a COMMIT whose answer is lost: 503, and the retry gets the stored record (200), stored once', async () => {
    const { proxy, handler, store, keyring } = await throughProxy({ busyTimeoutMs: 1000 });
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    const receipt = await makeReceipt('alice');
    proxy.swallowNextCommitAnswer();
    const lost = await handler(post('receipts', receipt));
    expect([lost.status, lost.headers.get('retry-after')]).toEqual([503, '1']);
    const retry = await handler(post('receipts', receipt));
    expect(retry.status).toBe(200);
    expect((await retry.json()).receipt.receiptId).toBe(receipt.receiptId);
    const entries = await expectOneChain(store, keyring);
    expect(entries.filter((e) => e.id === receipt.receiptId)).toHaveLength(1);
  }, 60_000);

  it('maps a statement_timeout cancel (57014) and a lock timeout (55P03) to StoreBusyError', async () => {
    const direct = await postgresUrl();
    const schema = freshSchema();
    const store = openPostgresStore({ connectionString: direct, schema, busyTimeoutMs: 5000 });
    cleanups.push(
      () => rawPostgres(direct, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
      () => store.close(),
    );
    await store.head();
    const role = `r_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    // A role whose sessions cancel any statement after 100 ms, waiting on a held append lock.
    await rawPostgres(
      direct,
      'public',
      `CREATE ROLE ${role} LOGIN SUPERUSER; ALTER ROLE ${role} SET statement_timeout = 100`,
    );
    cleanups.push(() => rawPostgres(direct, 'public', `DROP ROLE IF EXISTS ${role}`));
    const url = new URL(direct);
    url.username = role;
    const cancelled = openPostgresStore({ connectionString: url.href, schema, busyTimeoutMs: 5000 });
    cleanups.push(() => cancelled.close());
    await cancelled.head();
    const pg = (await import('pg')).default;
    const holder = new pg.Client({ connectionString: direct });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query(`SELECT pg_advisory_lock(hashtext('react-clickwrap:log:${schema}'))`);
    await expect(cancelled.append([entryInput()])).rejects.toBeInstanceOf(StoreBusyError);
    await holder.query(`SELECT pg_advisory_unlock(hashtext('react-clickwrap:log:${schema}'))`);
    // 55P03: a table lock held past lock_timeout, on a store with a short busy timeout.
    const short = openPostgresStore({ connectionString: direct, schema, busyTimeoutMs: 1000 });
    cleanups.push(() => short.close());
    await short.head();
    await holder.query(`BEGIN; LOCK TABLE ${schema}.clickwrap_log IN ACCESS EXCLUSIVE MODE`);
    await expect(short.append([entryInput()])).rejects.toBeInstanceOf(StoreBusyError);
    // A read too: after the lock timeout, not the longer query timeout (the connection is kept).
    await expect(short.head()).rejects.toMatchObject({
      name: 'StoreBusyError',
      message: expect.stringMatching(/lock stayed taken/),
    });
    await holder.query('ROLLBACK');
    expect((await store.append([entryInput()]))[0]?.status).toBe('stored');
  }, 60_000);

  it('closing twice is closing once; a closed store says so', async () => {
    const direct = await postgresUrl();
    const schema = freshSchema();
    const store = openPostgresStore({ connectionString: direct, schema });
    cleanups.push(() => rawPostgres(direct, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    await store.head();
    await Promise.all([store.close(), store.close()]);
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.append([entryInput()])).rejects.toThrow(/closed/);
    await expect(store.head()).rejects.toThrow(/closed/);
  });
});

function entryInput() {
  const id = randomUUID();
  return {
    id,
    kind: 'receipt' as const,
    subject: 'alice',
    receivedAt: '2026-01-01T00:00:00.000Z',
    bodyHash: 'a'.repeat(64),
    payload: JSON.stringify({ id }),
  };
}
