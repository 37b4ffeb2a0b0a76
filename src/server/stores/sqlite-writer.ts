/**
 * The SQLite store's writes on a worker thread. better-sqlite3 is synchronous: on the main thread
 * every commit's fsync (synchronous=FULL) stops the event loop for milliseconds, and nothing else
 * is verified or answered meanwhile. On a worker, the commit waits there, and the main thread
 * goes on with the next requests.
 *
 * The worker only runs SQL. The chain is computed on the main thread (`chainEntry`, one
 * implementation), from the head the main thread expects; in its transaction the worker checks
 * that head and that no id is stored yet, and if either is not so (another process appended, or
 * a retry) it writes nothing and answers what it found, for the main thread to link again. The
 * database's trigger refuses any insert that does not extend the head, whatever happens here.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogEntry } from '../log';
import type { LogRow } from './row';

// Inline source (no file of its own), CommonJS so it can require the driver by absolute path.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 20');
db.pragma('synchronous = FULL');
const head = db.prepare('SELECT seq, hash FROM clickwrap_log ORDER BY seq DESC LIMIT 1');
const byId = db.prepare('SELECT * FROM clickwrap_log WHERE id = ?');
const insert = db.prepare('INSERT INTO clickwrap_log (seq, id, kind, subject, received_at, body_hash, prev, hash, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
const checkpoint = db.prepare('INSERT OR IGNORE INTO clickwrap_checkpoints (count, head, at, jws) VALUES (?, ?, ?, ?)');
const pause = new Int32Array(new SharedArrayBuffer(4));
const busy = (e) => typeof (e && e.code) === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(e.code);
const append = db.transaction((expected, ids, rows) => {
  const h = head.get() || null;
  const found = ids.map((id) => byId.get(id)).filter(Boolean);
  const same = h === null ? expected === null : expected !== null && h.seq === expected.seq && h.hash === expected.hash;
  if (!same || found.length > 0) return { head: h, found };
  for (const r of rows) insert.run(r.seq, r.id, r.kind, r.subject, r.receivedAt, r.bodyHash, r.prev, r.hash, r.payload);
  return { written: true };
});
parentPort.on('message', (m) => {
  const deadline = Date.now() + m.busyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = m.op === 'append'
        ? append.immediate(m.expected, m.ids, m.rows)
        : (checkpoint.run(m.count, m.head, m.at, m.jws), { written: true });
      parentPort.postMessage({ id: m.id, result });
      return;
    } catch (e) {
      if (!busy(e) || Date.now() >= deadline) {
        parentPort.postMessage({ id: m.id, error: { message: String(e && e.message || e), code: e && e.code, busy: busy(e) } });
        return;
      }
      // The lock is another process's: wait here, off the main thread.
      Atomics.wait(pause, 0, 0, Math.min(50, 2 + attempt * 3) * (0.5 + Math.random()));
    }
  }
});`;

/** What the worker found instead of writing: the head and the rows already stored under the ids sent. */
export type WriteOutcome =
  { written: true } | { head: { seq: number; hash: string } | null; found: LogRow[] };

/** An error the worker reported; `busy` when the lock stayed taken past the busy timeout. */
export class WriterError extends Error {
  override name = 'WriterError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly busy: boolean,
  ) {
    super(message);
  }
}

/** The writer thread of one database file. */
export interface SqliteWriter {
  /** Inserts `rows` (chained after `expected`) in one transaction, unless the head moved or an id is stored. */
  append(expected: { seq: number; hash: string } | null, rows: readonly LogEntry[]): Promise<WriteOutcome>;
  /** Stores a checkpoint row. */
  checkpoint(row: { count: number; head: string; at: string; jws: string }): Promise<void>;
  /** Stops the thread. */
  close(): Promise<void>;
}

function driverPath(): string | null {
  try {
    const meta = typeof import.meta === 'object' ? import.meta.url : undefined;
    return createRequire(meta ?? pathToFileURL(`${process.cwd()}/`).href).resolve('better-sqlite3');
  } catch {
    return null;
  }
}

/** Starts the writer for the database at `path` (schema already made), or null where worker threads or the driver cannot be had. */
export function startSqliteWriter(path: string, busyTimeoutMs: number): SqliteWriter | null {
  const driver = driverPath();
  if (!driver) return null;
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { driver, path } });
  } catch {
    return null;
  }
  worker.unref();
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const failAll = (error: unknown) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on(
    'message',
    (m: { id: number; result?: unknown; error?: { message: string; code?: string; busy: boolean } }) => {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (waiting.size === 0) worker.unref();
      if (m.error) w.reject(new WriterError(m.error.message, m.error.code, m.error.busy));
      else w.resolve(m.result);
    },
  );
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('The SQLite writer thread stopped.')));
  const send = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...message, id, busyTimeoutMs });
    });
  return {
    append: (expected, rows) =>
      send<WriteOutcome>({
        op: 'append',
        expected: expected && { seq: expected.seq, hash: expected.hash },
        ids: rows.map((r) => r.id),
        rows,
      }),
    checkpoint: (row) => send<void>({ op: 'checkpoint', ...row }),
    close: async () => {
      await worker.terminate();
    },
  };
}
