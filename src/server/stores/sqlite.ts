/**
 * The embedded default store: one SQLite file through better-sqlite3, in WAL mode with
 * `synchronous=FULL` (an acknowledged receipt survives a power cut). Triggers refuse UPDATE and
 * DELETE, an insert that does not extend the chain at its head, and one whose id is not the id of
 * the event its payload holds (ids are unique, so a stored event cannot be added again under a
 * fresh id: a replay), so even a bug or an ad-hoc SQL statement in the app cannot rewrite the
 * record; someone who edits the file itself is caught by the chain and the signed checkpoints,
 * and a replay crafted past the triggers by `verifyLog` with countersignatures.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  GENESIS,
  StoreBusyError,
  chainEntry,
  type AppendResult,
  type Checkpoint,
  type LogEntry,
  type LogEntryInput,
  type LogStore,
} from '../log';
import { rowToEntry as toEntry, type LogRow as Row } from './row';
import { refuseUnknownOptions } from '../unknown-options';
import { startSqliteWriter, WriterError, type SqliteWriter } from './sqlite-writer';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file (created when missing), or `:memory:` for tests. */
  path: string;
  /**
   * How long an append waits for another writer (another process) before it gives up with
   * `StoreBusyError` (then the handler answers 503). It waits in short slices, yielding to the
   * event loop between them, so other requests keep being answered. @default 2000
   */
  busyTimeoutMs?: number;
  /**
   * Write on a worker thread, so a commit's fsync does not stop the event loop (a file database in
   * Node; `:memory:` always writes inline). Same transactions, same durability. @default true
   */
  writerThread?: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS clickwrap_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  prev TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS clickwrap_log_subject ON clickwrap_log (subject, seq);
CREATE TRIGGER IF NOT EXISTS clickwrap_log_no_update BEFORE UPDATE ON clickwrap_log
BEGIN SELECT RAISE(ABORT, 'clickwrap_log is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS clickwrap_log_no_delete BEFORE DELETE ON clickwrap_log
BEGIN SELECT RAISE(ABORT, 'clickwrap_log is append-only: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS clickwrap_log_extends_head BEFORE INSERT ON clickwrap_log
WHEN NEW.seq != (SELECT COALESCE(MAX(seq), 0) + 1 FROM clickwrap_log)
  OR NEW.prev != COALESCE((SELECT hash FROM clickwrap_log ORDER BY seq DESC LIMIT 1), '${GENESIS}')
BEGIN SELECT RAISE(ABORT, 'clickwrap_log: an entry must extend the chain at its head'); END;
CREATE TRIGGER IF NOT EXISTS clickwrap_log_id_is_event_id BEFORE INSERT ON clickwrap_log
WHEN NEW.kind IN ('receipt', 'decline', 'withdrawal')
  AND EXISTS (SELECT 1 FROM json_each(NEW.payload) WHERE key = NEW.kind)
  AND NOT (
    (SELECT count(*) FROM json_each(NEW.payload) WHERE key = NEW.kind) = 1
    AND (SELECT count(*) FROM json_each(NEW.payload, '$.' || NEW.kind)
         WHERE key = IIF(NEW.kind = 'receipt', 'receiptId', 'id')) = 1
    AND json_extract(NEW.payload, '$.' || NEW.kind || IIF(NEW.kind = 'receipt', '.receiptId', '.id')) IS NEW.id
  )
BEGIN SELECT RAISE(ABORT, 'clickwrap_log: an entry''s id must be the id of the event it records, once'); END;
CREATE TABLE IF NOT EXISTS clickwrap_checkpoints (
  count INTEGER PRIMARY KEY,
  head TEXT NOT NULL,
  at TEXT NOT NULL,
  jws TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS clickwrap_checkpoints_no_update BEFORE UPDATE ON clickwrap_checkpoints
BEGIN SELECT RAISE(ABORT, 'clickwrap_checkpoints is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS clickwrap_checkpoints_no_delete BEFORE DELETE ON clickwrap_checkpoints
BEGIN SELECT RAISE(ABORT, 'clickwrap_checkpoints is append-only: DELETE refused'); END;
`;

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === 'string' &&
  /^SQLITE_(BUSY|LOCKED)/.test((error as { code: string }).code);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const OPTION_NAMES: readonly string[] = ['path', 'busyTimeoutMs', 'writerThread'];

/**
 * Refuses options that would store consents somewhere other than the developer meant: without a
 * path SQLite opens a temporary database, deleted on close, so every consent would be lost at the
 * next restart; a misspelt option would be ignored.
 */
function checkOptions(options: SqliteStoreOptions): void {
  refuseUnknownOptions('openSqliteStore', options, OPTION_NAMES);
  if (typeof options?.path !== 'string' || options.path === '')
    throw new TypeError(
      "openSqliteStore: pass the database file as `path` (e.g. { path: 'consents.db' }), or ':memory:' " +
        'in tests. Without one SQLite opens a temporary database, and the consents stored would be lost.',
    );
}

/**
 * Opens the file and creates or migrates its schema, or throws an error that names the file and
 * says what to do (a bare SqliteError names none).
 */
function openDatabase(file: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    // Opening may wait for another process creating the schema: a blocking wait is fine at start.
    db.pragma(`busy_timeout = ${Math.max(busyTimeoutMs, 5000)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    // Then a short wait inside SQLite (it blocks the thread); longer waits happen between attempts.
    db.pragma('busy_timeout = 20');
    return db;
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw error;
    const folder = dirname(file);
    const reason = existsSync(folder)
      ? `${(error as Error).message}. Check that it is the consent log's SQLite file and that the server may read and write it, its -wal and -shm files and its folder, or pass another path.`
      : `its folder ${JSON.stringify(folder)} does not exist. Create it first (e.g. mkdir -p), or pass another path.`;
    throw new Error(`openSqliteStore: cannot open the database ${JSON.stringify(file)}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Opens (and creates or migrates) the SQLite log store.
 * @example const store = openSqliteStore({ path: 'consents.db' });
 */
export function openSqliteStore(options: SqliteStoreOptions): LogStore {
  checkOptions(options);
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  const db = openDatabase(options.path, busyTimeoutMs);

  const headStmt = db.prepare('SELECT seq, hash FROM clickwrap_log ORDER BY seq DESC LIMIT 1');
  const getStmt = db.prepare('SELECT * FROM clickwrap_log WHERE id = ?');
  const insertStmt = db.prepare(
    'INSERT INTO clickwrap_log (seq, id, kind, subject, received_at, body_hash, prev, hash, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const bySubjectStmt = db.prepare(
    'SELECT * FROM (SELECT * FROM clickwrap_log WHERE subject = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
  );
  const bySubjectAfterStmt = db.prepare(
    'SELECT * FROM clickwrap_log WHERE subject = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const bySubjectKindAfterStmt = db.prepare(
    'SELECT * FROM clickwrap_log WHERE subject = ? AND kind = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  // Whether the subject has any entry yet (the subject index answers it), asked before an insert.
  const subjectSeenStmt = db.prepare('SELECT 1 FROM clickwrap_log WHERE subject = ? LIMIT 1').pluck();
  const entriesStmt = db.prepare('SELECT * FROM clickwrap_log WHERE seq > ? ORDER BY seq LIMIT ?');
  const addCheckpointStmt = db.prepare(
    'INSERT OR IGNORE INTO clickwrap_checkpoints (count, head, at, jws) VALUES (?, ?, ?, ?)',
  );
  const checkpointsStmt = db.prepare('SELECT count, head, at, jws FROM clickwrap_checkpoints ORDER BY count');

  const appendAll = db.transaction((inputs: readonly LogEntryInput[]): AppendResult[] => {
    let head = (headStmt.get() as { seq: number; hash: string } | undefined) ?? null;
    return inputs.map((input) => {
      const existing = getStmt.get(input.id) as Row | undefined;
      if (existing) {
        return existing.body_hash === input.bodyHash
          ? { status: 'duplicate', entry: toEntry(existing) }
          : { status: 'conflict', id: input.id };
      }
      const entry = chainEntry(head, input);
      const firstOfSubject = subjectSeenStmt.get(entry.subject) === undefined;
      insertStmt.run(
        entry.seq,
        entry.id,
        entry.kind,
        entry.subject,
        entry.receivedAt,
        entry.bodyHash,
        entry.prev,
        entry.hash,
        entry.payload,
      );
      head = entry;
      return { status: 'stored', entry, firstOfSubject };
    });
  });

  const memory = options.path === ':memory:';
  const writer: SqliteWriter | null =
    options.writerThread === false || memory ? null : startSqliteWriter(options.path, busyTimeoutMs);

  /**
   * The writer's error as the store's: the lock held past the busy timeout, or the thread stopped
   * before it answered (a new one takes the next request; a retry of a write it committed is
   * answered from the log), is StoreBusyError (503, retry).
   */
  const writerError = (error: unknown) => {
    if (error instanceof WriterError && error.busy)
      return new StoreBusyError(`The SQLite database stayed locked for ${busyTimeoutMs} ms.`, 1);
    if (error instanceof WriterError && error.code === 'WRITER_STOPPED')
      return new StoreBusyError(`${error.message} Retry: a new one takes the next request.`, 1);
    return error;
  };

  /** The same transaction on the writer thread, which links the entries from the head it holds the lock on. */
  async function appendOnWriter(w: SqliteWriter, inputs: readonly LogEntryInput[]): Promise<AppendResult[]> {
    let outcomes;
    try {
      outcomes = await w.append(inputs);
    } catch (error) {
      throw writerError(error);
    }
    const bySeq = new Map<number, LogEntry>();
    return outcomes.map((outcome, i): AppendResult => {
      const input = inputs[i]!;
      if ('conflict' in outcome) return { status: 'conflict', id: input.id };
      if ('row' in outcome) return { status: 'duplicate', entry: toEntry(outcome.row) };
      if ('duplicateOf' in outcome) return { status: 'duplicate', entry: bySeq.get(outcome.duplicateOf)! };
      const entry: LogEntry = {
        id: input.id,
        kind: input.kind,
        subject: input.subject,
        receivedAt: input.receivedAt,
        bodyHash: input.bodyHash,
        payload: input.payload,
        seq: outcome.seq,
        prev: outcome.prev,
        hash: outcome.hash,
      };
      bySeq.set(entry.seq, entry);
      return { status: 'stored', entry, firstOfSubject: outcome.first };
    });
  }

  let closed = false;
  let closing: Promise<void> | null = null;
  let pending = Promise.resolve();
  const closedError = () => new Error('The SQLite store is closed.');

  /** Runs `write` with SQLite's own short busy wait, retried in slices until busyTimeoutMs. */
  async function inline<T>(write: () => T): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return write();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) {
          throw new StoreBusyError(`The SQLite database stayed locked for ${busyTimeoutMs} ms.`, 1);
        }
        await sleep(Math.min(50, 2 + attempt * 3) * (0.5 + Math.random()));
      }
    }
  }

  /**
   * Writes one after another: appends and checkpoints alike, so close() waits for every write
   * (the writer thread is never stopped inside one). After close(), a write fails at once.
   */
  function serial<T>(write: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(closedError());
    const run = pending.then(write);
    pending = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  return {
    append(inputs) {
      // IMMEDIATE takes the write lock up front, so the head read and the insert are one step.
      return serial(() =>
        writer ? appendOnWriter(writer, inputs) : inline(() => appendAll.immediate(inputs)),
      );
    },
    async get(id) {
      const row = getStmt.get(id) as Row | undefined;
      return row ? toEntry(row) : null;
    },
    async head() {
      return (headStmt.get() as { seq: number; hash: string } | undefined) ?? null;
    },
    async bySubject(subject, limit) {
      return (bySubjectStmt.all(subject, limit) as Row[]).map(toEntry);
    },
    async bySubjectAfter(subject, after, limit, kind) {
      const rows =
        kind === undefined
          ? bySubjectAfterStmt.all(subject, after, limit)
          : bySubjectKindAfterStmt.all(subject, kind, after, limit);
      return (rows as Row[]).map(toEntry);
    },
    async entries(after, limit) {
      return (entriesStmt.all(after, limit) as Row[]).map(toEntry);
    },
    addCheckpoint(checkpoint: Checkpoint) {
      const row = { count: checkpoint.count, head: checkpoint.head, at: checkpoint.at, jws: checkpoint.jws };
      return serial(async () => {
        if (writer)
          await writer.checkpoint(row).catch((error: unknown) => Promise.reject(writerError(error)));
        else await inline(() => addCheckpointStmt.run(row.count, row.head, row.at, row.jws));
      });
    },
    async checkpoints() {
      return checkpointsStmt.all() as Checkpoint[];
    },
    close() {
      // A second close() waits for the first.
      closing ??= (async () => {
        closed = true;
        await pending;
        await writer?.close();
        db.close();
      })();
      return closing;
    },
  };
}
