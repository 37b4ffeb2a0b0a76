/**
 * The SQLite writer thread's life: it is stopped only between statements (close() waits for the
 * checkpoint it is writing), and when it dies, what it held fails at once (503) and the next
 * write starts a new one: never a request that waits for ever.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker as NodeWorker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, expect, it, vi } from 'vitest';
import { StoreBusyError } from '../log';
import { verifyLog } from '../log-verify';
import { input } from './conformance';
import { openSqliteStore } from './sqlite';

// Every Worker made, so a test can stop the writer thread as a crash would.
const workers = vi.hoisted(() => [] as { worker: NodeWorker; source: string }[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class Recorded extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      workers.push({ worker: this, source: String(args[0]) });
    }
  }
  return { ...real, default: { ...real, Worker: Recorded }, Worker: Recorded };
});

const writers = () => workers.filter((w) => w.source.includes('workerData.driver')).map((w) => w.worker);

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function freshFile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-writer-'));
  dirs.push(dir);
  return path.join(dir, 'log.db');
}

it('a writer thread that died is replaced: the next append is stored, in the same chain', async () => {
  const file = await freshFile();
  const store = openSqliteStore({ path: file });
  await store.append([input('a')]);
  const first = writers().at(-1)!;
  await first.terminate();
  expect((await store.append([input('b')]))[0]?.status).toBe('stored');
  expect(writers().at(-1)).not.toBe(first);
  expect((await store.checkpoints()).length).toBe(0);
  const entries = await store.entries(0, 10);
  expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
  expect((await verifyLog(entries)).ok).toBe(true);
  await store.close();
});

it('an append sent to a writer thread as it dies settles at once (stored, or StoreBusyError: 503), and a retry is stored once', async () => {
  const file = await freshFile();
  const store = openSqliteStore({ path: file });
  await store.append([input('a')]);
  // Stopped while idle (stopping it inside a statement would abort the process, as a crash
  // inside SQLite would); the append goes to the dying thread before its 'exit' is seen.
  const dying = writers().at(-1)!.terminate();
  const sent = await store.append([input('b')]).then(
    (results) => results[0]?.status,
    (error: unknown) => error,
  );
  await dying;
  if (typeof sent !== 'string') expect(sent).toBeInstanceOf(StoreBusyError);
  else expect(sent).toBe('stored');
  // The retry a 503 asks for: stored now, or found as the same delivery.
  expect(['stored', 'duplicate']).toContain((await store.append([input('b')]))[0]?.status);
  expect((await store.entries(0, 10)).map((e) => e.id)).toEqual(['a', 'b']);
  await store.close();
});

it('close() waits for a checkpoint the writer thread is writing, then stops the thread between statements', async () => {
  const file = await freshFile();
  const store = openSqliteStore({ path: file, busyTimeoutMs: 60_000 });
  await store.append([input('a')]);
  const holder = new Database(file);
  holder.exec('BEGIN IMMEDIATE');
  const order: string[] = [];
  const checkpoint = store
    .addCheckpoint({ count: 1, head: 'h', at: '2026-01-01T00:00:00.000Z', jws: 'j' })
    .then(() => order.push('checkpoint stored'));
  // The checkpoint waits for the lock (the writer thread retries); close() must wait for it.
  // (Terminating the thread inside that wait aborted the whole process.)
  await new Promise((resolve) => setTimeout(resolve, 100));
  const closed = store.close().then(() => order.push('closed'));
  const again = store.close().then(() => order.push('closed again'));
  await expect(store.append([input('late')])).rejects.toThrow(/closed/);
  holder.exec('ROLLBACK');
  holder.close();
  await Promise.all([checkpoint, closed, again]);
  expect(order).toEqual(['checkpoint stored', 'closed', 'closed again']);
  const reopened = new Database(file, { readonly: true });
  expect(reopened.prepare('SELECT count FROM clickwrap_checkpoints').all()).toEqual([{ count: 1 }]);
  reopened.close();
});

it('an append after close() fails at once, with the writer thread too', async () => {
  const store = openSqliteStore({ path: await freshFile() });
  await store.append([input('a')]);
  await store.close();
  await expect(store.append([input('b')])).rejects.toThrow('The SQLite store is closed.');
  await expect(
    store.addCheckpoint({ count: 1, head: 'h', at: '2026-01-01T00:00:00.000Z', jws: 'j' }),
  ).rejects.toThrow('The SQLite store is closed.');
});

it('a checkpoint that waits past the busy timeout fails with StoreBusyError, on the writer thread and inline', async () => {
  for (const writerThread of [true, false]) {
    const file = await freshFile();
    const store = openSqliteStore({ path: file, busyTimeoutMs: 100, writerThread });
    await store.append([input('a')]);
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    await expect(
      store.addCheckpoint({ count: 1, head: 'h', at: '2026-01-01T00:00:00.000Z', jws: 'j' }),
    ).rejects.toBeInstanceOf(StoreBusyError);
    holder.exec('ROLLBACK');
    holder.close();
    await store.addCheckpoint({ count: 1, head: 'h', at: '2026-01-01T00:00:00.000Z', jws: 'j' });
    expect((await store.checkpoints()).map((c) => c.count)).toEqual([1]);
    await store.close();
  }
});
