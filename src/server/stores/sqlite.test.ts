import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { StoreBusyError } from '../log';
import { describeStoreConformance, input } from './conformance';
import { openSqliteStore } from './sqlite';

async function freshSqlite() {
  const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-sqlite-'));
  const file = path.join(dir, 'log.db');
  return {
    open: () => openSqliteStore({ path: file }),
    raw: async (sql: string) => {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    worker: { kind: 'sqlite' as const, path: file },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

describeStoreConformance('SQLite', freshSqlite);

// The same rules with every write on the main thread (writerThread: false, and ':memory:').
describeStoreConformance('SQLite, writing inline', async () => {
  const target = await freshSqlite();
  return { ...target, open: () => openSqliteStore({ path: target.worker.path, writerThread: false }) };
});

it('SQLite runs in WAL mode with synchronous=FULL', async () => {
  const t = await freshSqlite();
  const store = t.open();
  await store.append([input('a')]);
  const db = new Database(t.worker.path);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
  await store.close();
  await t.cleanup();
});

it('SQLite answers StoreBusyError (not a hang) while another process holds the write lock', async () => {
  const t = await freshSqlite();
  const store = openSqliteStore({ path: t.worker.path, busyTimeoutMs: 150 });
  await store.append([input('a')]);
  const holder = new Database(t.worker.path);
  holder.exec('BEGIN IMMEDIATE');
  const started = Date.now();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  await expect(store.append([input('b')])).rejects.toBeInstanceOf(StoreBusyError);
  clearInterval(timer);
  // The event loop kept running while it waited.
  expect(ticks).toBeGreaterThan(2);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  holder.exec('ROLLBACK');
  holder.close();
  expect((await store.append([input('b')]))[0]?.status).toBe('stored');
  await store.close();
  await t.cleanup();
});
