/**
 * Several handler instances over one store, as node:cluster processes run them (README: "Several
 * instances"): each with its own store connection (and, for SQLite, writer thread) and its own
 * keyring on the same key. Receipts sent to any instance, some to two at once, leave one chain
 * with each receipt once, and every checkpoint an instance answered with holds for the log.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { createKeyring, exportSigningKey, generateSigningKey, importSigningKey } from './countersign';
import { createClickwrapHandler, type ClickwrapHandler } from './handler';
import type { Checkpoint, LogStore } from './log';
import { verifyLog } from './log-verify';
import { freshSchema, postgresUrl, rawPostgres, withPostgres } from './stores/pg-target';
import { openPostgresStore } from './stores/postgres';
import { openSqliteStore } from './stores/sqlite';
import { catalogInput, makeReceipt } from './test-fixtures';

const INSTANCES = 3;

/** What each instance (process) does at start: its catalog, its keyring from the shared secret key, its own store. */
async function startInstance(secret: JsonWebKey & { kid: string }, open: () => LogStore) {
  const store = open();
  const handler = createClickwrapHandler({
    store,
    keyring: createKeyring(await importSigningKey(secret)),
    catalog: await createCatalog(catalogInput()),
    authenticate: (request) => request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null,
  });
  return { store, handler };
}

const send = (handler: ClickwrapHandler, receipt: { signer: { id: string } }) =>
  handler(
    new Request('http://app.test/receipts', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${receipt.signer.id}` },
      body: JSON.stringify(receipt),
    }),
  );

async function runInstances(open: () => LogStore) {
  const key = await generateSigningKey('cluster-1');
  const secret = await exportSigningKey(key);
  const instances = await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(secret, open)));
  const unique = await Promise.all(Array.from({ length: 30 }, (_, i) => makeReceipt(`person-${i}`)));
  const twice = await Promise.all(Array.from({ length: 6 }, (_, i) => makeReceipt(`retry-${i}`)));
  // Round robin, all at once; each of `twice` goes to two instances at the same time (a retry
  // that a load balancer sent elsewhere).
  const responses = await Promise.all([
    ...unique.map((r, i) => send(instances[i % INSTANCES]!.handler, r)),
    ...twice.flatMap((r, i) => [
      send(instances[i % INSTANCES]!.handler, r),
      send(instances[(i + 1) % INSTANCES]!.handler, r),
    ]),
  ]);
  const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
    receipt: { receiptId: string };
    seq: number;
    checkpoint: Checkpoint;
  }[];
  for (const instance of instances) await instance.handler.drain();
  const entries = await instances[0]!.store.entries(0, 1000);
  const checkpoints = await instances[0]!.store.checkpoints();
  await Promise.all(instances.map((i) => i.store.close()));
  return { key, responses, bodies, unique, twice, entries, checkpoints };
}

async function expectOneChain(result: Awaited<ReturnType<typeof runInstances>>) {
  const { responses, bodies, unique, twice, entries, checkpoints } = result;
  const statuses = responses.map((r) => r.status);
  expect(statuses.slice(0, unique.length).every((s) => s === 201)).toBe(true);
  // Each receipt sent twice: stored by one instance (201), the stored record from the other (200).
  for (let i = 0; i < twice.length; i++) {
    const pair = statuses.slice(unique.length + 2 * i, unique.length + 2 * i + 2).sort();
    expect(pair).toEqual([200, 201]);
  }
  const expected = unique.length + twice.length;
  expect(entries).toHaveLength(expected);
  expect(new Set(entries.map((e) => e.id)).size).toBe(expected);
  expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
  // The answer names where its receipt is, and its checkpoint, signed by whichever instance,
  // holds for the one log (with the instances' stored checkpoints, from their drains).
  for (const body of bodies) expect(entries[body.seq - 1]?.id).toBe(body.receipt.receiptId);
  const verification = await verifyLog(entries, {
    keys: { keys: [result.key.publicJwk] },
    checkpoints: [...bodies.map((b) => b.checkpoint), ...checkpoints],
    countersignatures: true,
  });
  expect(verification.problems).toEqual([]);
  expect(verification.checkpointsVerified).toBe(bodies.length + checkpoints.length);
}

describe(`${INSTANCES} handler instances over one store`, () => {
  it('SQLite (one file): one chain, each receipt once, every answered checkpoint holds', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-instances-'));
    try {
      const file = path.join(dir, 'consents.db');
      await expectOneChain(await runInstances(() => openSqliteStore({ path: file, busyTimeoutMs: 10_000 })));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  withPostgres('the PostgreSQL instances test', () => {
    it('PostgreSQL (one schema): one chain, each receipt once, every answered checkpoint holds', async () => {
      const connectionString = await postgresUrl();
      const schema = freshSchema();
      try {
        await expectOneChain(
          await runInstances(() =>
            openPostgresStore({ connectionString, schema, max: 2, busyTimeoutMs: 10_000 }),
          ),
        );
      } finally {
        await rawPostgres(connectionString, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
    }, 60_000);
  });
});
