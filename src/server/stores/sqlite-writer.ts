/**
 * The SQLite store's writes on a worker thread. better-sqlite3 is synchronous: on the main thread
 * every commit's fsync (synchronous=FULL) stops the event loop for milliseconds, and nothing else
 * is verified or answered meanwhile. On a worker, the commit waits there, and the main thread
 * goes on with the next requests.
 *
 * The worker also links the chain, inside its write transaction, from the head it finds there:
 * linked on the main thread instead, from a head read before the write lock, a batch had to be
 * linked again whenever another writer (another process or instance on the same file) had
 * appended meanwhile, which with several instances was nearly every batch. Linking here costs
 * one hash per entry on this thread rather than the main one. The hash is `entryHash` of log.ts,
 * written out again below (this source runs apart from the bundle): every store test checks the
 * chain it writes with `verifyLog`, which uses log.ts's, so the two cannot drift unnoticed.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GENESIS, LOG_FORMAT, type LogEntryInput } from '../log';
import type { LogRow } from './row';

// Inline source (no file of its own). It runs as CommonJS, or as a module when the process was
// started with --input-type=module (a worker inherits the parent's flags): either way it gets a
// require, for Node's modules and for the driver by its absolute path.
const SOURCE = `
const load = typeof require === 'function'
  ? require
  : process.getBuiltinModule('node:module').createRequire(process.getBuiltinModule('node:worker_threads').workerData.driver);
const { parentPort, workerData } = load('node:worker_threads');
const { createHash } = load('node:crypto');
const Database = load(workerData.driver);
const { format, genesis } = workerData;
const db = new Database(workerData.path);
db.pragma('busy_timeout = 20');
db.pragma('synchronous = FULL');
const head = db.prepare('SELECT seq, hash FROM clickwrap_log ORDER BY seq DESC LIMIT 1');
const byId = db.prepare('SELECT * FROM clickwrap_log WHERE id = ?');
const insert = db.prepare('INSERT INTO clickwrap_log (seq, id, kind, subject, received_at, body_hash, prev, hash, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
const seen = db.prepare('SELECT 1 FROM clickwrap_log WHERE subject = ? LIMIT 1').pluck();
const checkpoint = db.prepare('INSERT OR IGNORE INTO clickwrap_checkpoints (count, head, at, jws) VALUES (?, ?, ?, ?)');
const pause = new Int32Array(new SharedArrayBuffer(4));
const busy = (e) => typeof (e && e.code) === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(e.code);
// log.ts entryHash: SHA-256 over the JSON array of the format tag and the entry's fields.
const entryHash = (e) => createHash('sha256')
  .update(JSON.stringify([format, e.seq, e.id, e.kind, e.subject, e.receivedAt, e.bodyHash, e.prev, e.payload]), 'utf8')
  .digest('hex');
const append = db.transaction((inputs) => {
  let h = head.get() || null;
  const linked = new Map();
  return inputs.map((input) => {
    const mine = linked.get(input.id);
    if (mine) return mine.bodyHash === input.bodyHash ? { duplicateOf: mine.seq } : { conflict: true };
    const row = byId.get(input.id);
    if (row) return row.body_hash === input.bodyHash ? { row } : { conflict: true };
    const entry = { ...input, seq: h ? h.seq + 1 : 1, prev: h ? h.hash : genesis };
    entry.hash = entryHash(entry);
    const first = seen.get(entry.subject) === undefined;
    insert.run(entry.seq, entry.id, entry.kind, entry.subject, entry.receivedAt, entry.bodyHash, entry.prev, entry.hash, entry.payload);
    linked.set(entry.id, entry);
    h = entry;
    return { seq: entry.seq, prev: entry.prev, hash: entry.hash, first };
  });
});
parentPort.on('message', (m) => {
  if (m.op === 'close') {
    // Asked to stop between statements: close the database, then the thread ends by itself.
    db.close();
    parentPort.close();
    return;
  }
  const deadline = Date.now() + m.busyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = m.op === 'append'
        ? append.immediate(m.inputs)
        : (checkpoint.run(m.count, m.head, m.at, m.jws), null);
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

/**
 * What the worker did with each input, in order: stored at `seq` (with its `prev` and `hash`, and
 * `first` when no entry of its subject preceded it);
 * already stored (`row`), or earlier in the same batch (`duplicateOf`), with the same body hash;
 * or `conflict`: that id holds another body.
 */
export type WriteOutcome =
  | { seq: number; prev: string; hash: string; first: boolean }
  | { row: LogRow }
  | { duplicateOf: number }
  | { conflict: true };

/**
 * An error the worker reported; `busy` when the lock stayed taken past the busy timeout. `code`
 * is `WRITER_STOPPED` when the thread stopped before it answered (its write may have committed).
 */
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
  /** Links `inputs` after the head and inserts them, in one transaction; ids already stored are not inserted. */
  append(inputs: readonly LogEntryInput[]): Promise<WriteOutcome[]>;
  /** Stores a checkpoint row. */
  checkpoint(row: { count: number; head: string; at: string; jws: string }): Promise<void>;
  /** Stops the thread once it finished what it was doing (it closes its database and exits). */
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

/** One writer thread and the requests it has not answered yet. */
interface Thread {
  worker: Worker;
  waiting: Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
  alive: boolean;
  exited: Promise<void>;
}

/**
 * Starts the writer for the database at `path` (schema already made), or null where worker
 * threads or the driver cannot be had. A thread that stops (an uncaught error, a terminate())
 * fails what it had not answered at once, and the next request starts a new one.
 */
export function startSqliteWriter(path: string, busyTimeoutMs: number): SqliteWriter | null {
  const driver = driverPath();
  if (!driver) return null;
  let nextId = 0;
  let closed = false;
  let closing: Promise<void> | null = null;

  const spawn = (): Thread => {
    const worker = new Worker(SOURCE, {
      eval: true,
      workerData: { driver, path, format: LOG_FORMAT, genesis: GENESIS },
    });
    worker.unref();
    let exited!: () => void;
    const thread: Thread = {
      worker,
      waiting: new Map(),
      alive: true,
      exited: new Promise<void>((resolve) => (exited = resolve)),
    };
    let failure: unknown = null;
    worker.on(
      'message',
      (m: { id: number; result?: unknown; error?: { message: string; code?: string; busy: boolean } }) => {
        const w = thread.waiting.get(m.id);
        if (!w) return;
        thread.waiting.delete(m.id);
        if (thread.waiting.size === 0) worker.unref();
        if (m.error) w.reject(new WriterError(m.error.message, m.error.code, m.error.busy));
        else w.resolve(m.result);
      },
    );
    worker.on('error', (error) => {
      failure = error;
      console.error('react-clickwrap/server: the SQLite writer thread failed:', error);
    });
    worker.on('exit', (code) => {
      // A message sent to a stopped thread is dropped: fail what it held, and start anew next time.
      thread.alive = false;
      if (current === thread) current = null;
      const why = failure ? `: ${String((failure as Error).message ?? failure)}` : ` (exit code ${code})`;
      const error = new WriterError(`The SQLite writer thread stopped${why}.`, 'WRITER_STOPPED', false);
      for (const w of thread.waiting.values()) w.reject(error);
      thread.waiting.clear();
      exited();
    });
    return thread;
  };

  let current: Thread | null;
  try {
    current = spawn();
  } catch {
    return null;
  }

  const send = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      if (closed) {
        reject(new Error('The SQLite writer is closed.'));
        return;
      }
      let thread: Thread;
      try {
        thread = current ??= spawn();
      } catch (error) {
        reject(error);
        return;
      }
      const id = nextId++;
      if (thread.waiting.size === 0) thread.worker.ref();
      thread.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage({ ...message, id, busyTimeoutMs });
    });
  return {
    append: (inputs) =>
      send<WriteOutcome[]>({
        op: 'append',
        // Only the fields (a caller's object may carry more, which would be cloned for nothing).
        inputs: inputs.map(({ id, kind, subject, receivedAt, bodyHash, payload }) => ({
          id,
          kind,
          subject,
          receivedAt,
          bodyHash,
          payload,
        })),
      }),
    checkpoint: (row) => send<void>({ op: 'checkpoint', ...row }),
    close() {
      closing ??= (async () => {
        closed = true;
        const thread = current;
        if (!thread?.alive) return;
        // Not terminate(): stopping the thread inside a statement aborts the whole process. The
        // thread takes this after what it is doing, closes its database and ends.
        thread.worker.ref();
        thread.worker.postMessage({ op: 'close' });
        await thread.exited;
      })();
      return closing;
    },
  };
}
