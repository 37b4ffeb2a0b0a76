/**
 * The store for several app instances: PostgreSQL through `pg`. Appends take a transaction-scoped
 * advisory lock, so the head read and the insert are one step across every instance; triggers
 * refuse UPDATE, DELETE, TRUNCATE, any insert that does not extend the chain at its head, and one
 * whose id is not the id of the event its payload holds (ids are unique: no replay). For a
 * database role that cannot even drop the triggers, create the tables as another role and
 * `GRANT SELECT, INSERT` only (see the README).
 */
import pg from 'pg';
import {
  GENESIS,
  StoreBusyError,
  chainEntry,
  type AppendResult,
  type Checkpoint,
  type LogEntry,
  type LogStore,
} from '../log';
import { rowToEntry as toEntry, type LogRow as Row } from './row';
import { refuseUnknownOptions } from '../unknown-options';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** The schema holding the tables (created when missing). @default "public" */
  schema?: string;
  /** Pool size. @default 4 */
  max?: number;
  /**
   * How long an append waits for a connection or the chain lock before `StoreBusyError` (503).
   * It also bounds a query PostgreSQL does not answer (a hung server or network): after
   * `busyTimeoutMs` + 3 s, reads included, the query fails with `StoreBusyError` and its
   * connection is dropped. @default 2000
   */
  busyTimeoutMs?: number;
}

const schemaSql = (schema: string) => `
CREATE SCHEMA IF NOT EXISTS ${schema};
SET LOCAL search_path TO ${schema};
CREATE TABLE IF NOT EXISTS clickwrap_log (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  id text NOT NULL UNIQUE,
  kind text NOT NULL,
  subject text NOT NULL,
  received_at text NOT NULL,
  body_hash text NOT NULL,
  prev text NOT NULL UNIQUE,
  hash text NOT NULL UNIQUE,
  payload text NOT NULL
);
CREATE INDEX IF NOT EXISTS clickwrap_log_subject ON clickwrap_log (subject, seq);
CREATE TABLE IF NOT EXISTS clickwrap_checkpoints (
  count bigint PRIMARY KEY, head text NOT NULL, at text NOT NULL, jws text NOT NULL
);
CREATE OR REPLACE FUNCTION clickwrap_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$;
CREATE OR REPLACE FUNCTION clickwrap_extends_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE h record; p jsonb;
BEGIN
  SELECT seq, hash INTO h FROM clickwrap_log ORDER BY seq DESC LIMIT 1;
  IF (h IS NULL AND (NEW.seq <> 1 OR NEW.prev <> '${GENESIS}'))
     OR (h IS NOT NULL AND (NEW.seq <> h.seq + 1 OR NEW.prev <> h.hash)) THEN
    RAISE EXCEPTION 'clickwrap_log: an entry must extend the chain at its head';
  END IF;
  -- An entry's id is its event's id (jsonb reads a repeated key as JSON.parse does: the last).
  IF NEW.kind IN ('receipt', 'decline', 'withdrawal') THEN
    p := NEW.payload::jsonb;
    IF jsonb_typeof(p) = 'object' AND p ? NEW.kind
       AND (p -> NEW.kind ->> CASE NEW.kind WHEN 'receipt' THEN 'receiptId' ELSE 'id' END) IS DISTINCT FROM NEW.id THEN
      RAISE EXCEPTION 'clickwrap_log: an entry''s id must be the id of the event it records, once';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER clickwrap_log_no_change BEFORE UPDATE OR DELETE ON clickwrap_log
  FOR EACH ROW EXECUTE FUNCTION clickwrap_append_only();
CREATE OR REPLACE TRIGGER clickwrap_log_no_truncate BEFORE TRUNCATE ON clickwrap_log
  FOR EACH STATEMENT EXECUTE FUNCTION clickwrap_append_only();
CREATE OR REPLACE TRIGGER clickwrap_log_extends_head BEFORE INSERT ON clickwrap_log
  FOR EACH ROW EXECUTE FUNCTION clickwrap_extends_head();
CREATE OR REPLACE TRIGGER clickwrap_checkpoints_no_change BEFORE UPDATE OR DELETE ON clickwrap_checkpoints
  FOR EACH ROW EXECUTE FUNCTION clickwrap_append_only();
CREATE OR REPLACE TRIGGER clickwrap_checkpoints_no_truncate BEFORE TRUNCATE ON clickwrap_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION clickwrap_append_only();
`;

const COLUMNS = 'seq, id, kind, subject, received_at, body_hash, prev, hash, payload';

const ignore = () => undefined;

/**
 * Whether `error` means the connection is gone or PostgreSQL is not taking connections: class 08
 * (connection exception), 57P01-57P03 (shut down, crashed, starting up), a refused or reset TCP
 * connection, or pg's own "Connection terminated".
 */
function connectionLost(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (/^(08|57P0[123]$)/.test(code)) return true;
  if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(code)) return true;
  const message = String((error as { message?: unknown })?.message ?? '');
  return /^Connection terminated|not queryable|^Query read timeout/i.test(message);
}

const OPTION_NAMES: readonly string[] = ['connectionString', 'schema', 'max', 'busyTimeoutMs'];

/**
 * Refuses options that would keep consents elsewhere than meant: without a connection string pg
 * connects to whatever its PG* variables or defaults name; a string that is no URL is read as a
 * host called "base"; a misspelt option would be ignored. The string is never echoed: it may
 * hold a password.
 */
function checkOptions(options: PostgresStoreOptions): void {
  refuseUnknownOptions('openPostgresStore', options, OPTION_NAMES);
  const url: unknown = options?.connectionString;
  if (typeof url !== 'string' || url === '')
    throw new TypeError(
      'openPostgresStore: pass `connectionString`, a postgres:// URL (e.g. process.env.DATABASE_URL): ' +
        'without one, pg would connect to whatever database its PG* variables or defaults name.',
    );
  if (!/^postgres(ql)?:\/\//i.test(url))
    throw new TypeError(
      'openPostgresStore: `connectionString` is not a postgres:// URL: write it as postgres://user:password@host:5432/database.',
    );
}

/**
 * Opens the PostgreSQL log store; the tables are created on first use.
 * @example const store = openPostgresStore({ connectionString: process.env.DATABASE_URL! });
 */
export function openPostgresStore(options: PostgresStoreOptions): LogStore {
  checkOptions(options);
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(
      `openPostgresStore: schema ${JSON.stringify(schema)} must be a plain lowercase identifier.`,
    );
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  // Past the lock wait (lock_timeout = busyTimeoutMs), a query that gets no answer is given up on:
  // a stopped server or a half-open connection must not hold a request, the append queue and
  // drain() for ever. TCP keep-alive finds a dead peer on idle connections too.
  const queryTimeoutMs = busyTimeoutMs + 3000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 4,
    connectionTimeoutMillis: busyTimeoutMs,
    query_timeout: queryTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Reads wait for a lock (a migration's, VACUUM FULL's) no longer than appends do.
    options: `-c search_path=${schema} -c lock_timeout=${Math.max(1, Math.round(busyTimeoutMs))}`,
  });
  // An idle client's error (e.g. the server restarting) must not crash the app.
  pool.on('error', () => undefined);

  /** The StoreBusyError (503, retry) for PostgreSQL being unavailable or busy, or null for another error. */
  function busyError(error: unknown): StoreBusyError | null {
    if (error instanceof StoreBusyError) return error;
    const code = String((error as { code?: unknown })?.code ?? '');
    const message = String((error as { message?: unknown })?.message ?? error);
    if (code === '55P03') return new StoreBusyError(`A lock stayed taken for ${busyTimeoutMs} ms.`, 1);
    if (code === '57014')
      return new StoreBusyError('PostgreSQL cancelled the statement (statement_timeout or a cancel).', 1);
    if (/^Query read timeout/.test(message))
      return new StoreBusyError(`PostgreSQL did not answer within ${queryTimeoutMs} ms.`, 1);
    if (/timeout exceeded when trying to connect|due to connection timeout/i.test(message))
      return new StoreBusyError(`No PostgreSQL connection was free within ${busyTimeoutMs} ms.`, 1);
    if (connectionLost(error)) return new StoreBusyError(`PostgreSQL is unavailable: ${message}`, 1);
    return null;
  }

  async function connect() {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw busyError(error) ?? error;
    }
    // A checked-out client whose connection fails emits 'error': unheard, it would crash the app.
    // The query it was running fails too, and that is where the error is handled.
    client.on('error', ignore);
    return client;
  }

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN; SET LOCAL lock_timeout = ${Math.max(1, Math.round(busyTimeoutMs))}`);
      const result = await work(client);
      // A COMMIT that gets no answer may have committed: the retry is safe, as appends are
      // idempotent by id (a repeat is answered with the stored record).
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (error instanceof pg.DatabaseError && !connectionLost(error)) {
        // The server answered: the connection is fine once the transaction is rolled back.
        await client.query('ROLLBACK').catch((failed: unknown) => {
          broken = failed instanceof Error ? failed : new Error(String(failed));
        });
      } else {
        // No answer, a lost connection or a timeout: drop the connection (the server rolls an
        // open transaction back when it goes), never hand it to the next request.
        broken = error instanceof Error ? error : new Error(String(error));
      }
      throw busyError(error) ?? error;
    } finally {
      client.removeListener('error', ignore);
      client.release(broken);
    }
  }

  // The one-time setup (tables, triggers). A failed one (PostgreSQL down at start) is not kept:
  // the next call tries again.
  let ready: Promise<void> | null = null;
  const setUp = () => {
    const attempt = (ready ??= transaction(async (client) => {
      // Several instances may start at once: one creates the tables, the others wait for it.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('react-clickwrap:migrate'))");
      await client.query(schemaSql(schema));
    }));
    attempt.catch(() => {
      if (ready === attempt) ready = null;
    });
    return attempt;
  };
  void setUp().catch(() => undefined);

  let closing: Promise<void> | null = null;
  const open = () => {
    if (closing) throw new Error('The PostgreSQL store is closed.');
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    open();
    await setUp();
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      throw busyError(error) ?? error;
    }
  };

  return {
    async append(inputs) {
      open();
      await setUp();
      // The append lock and the head in one round trip (simple query protocol, no parameters), as
      // BEGIN and the lock timeout are: 6 round trips a batch (BEGIN, lock, ids, subjects, insert, COMMIT).
      return transaction(async (client) => {
        const opened = (await client.query(
          `SELECT pg_advisory_xact_lock(hashtext('react-clickwrap:log:' || current_schema()));
           SELECT seq, hash FROM clickwrap_log ORDER BY seq DESC LIMIT 1`,
        )) as unknown as pg.QueryResult<{ seq: string; hash: string }>[];
        const headRow = opened[1]?.rows[0];
        let head = headRow ? { seq: Number(headRow.seq), hash: headRow.hash } : null;
        const existing = new Map<string, LogEntry>(
          (
            await client.query<Row>(`SELECT ${COLUMNS} FROM clickwrap_log WHERE id = ANY($1)`, [
              inputs.map((i) => i.id),
            ])
          ).rows.map((row) => [row.id, toEntry(row)]),
        );
        const fresh: LogEntry[] = [];
        const toStore = inputs.filter((input) => !existing.has(input.id));
        // The subjects that already have an entry (one query for the batch, under the lock, so
        // exact); within the batch, a subject's second entry is not its first either.
        const seen = new Set(
          toStore.length === 0
            ? []
            : (
                await client.query<{ subject: string }>(
                  'SELECT DISTINCT subject FROM clickwrap_log WHERE subject = ANY($1)',
                  [[...new Set(toStore.map((i) => i.subject))]],
                )
              ).rows.map((row) => row.subject),
        );
        const results: AppendResult[] = inputs.map((input) => {
          const found = existing.get(input.id);
          if (found) {
            return found.bodyHash === input.bodyHash
              ? { status: 'duplicate', entry: found }
              : { status: 'conflict', id: input.id };
          }
          const entry = chainEntry(head, input);
          existing.set(entry.id, entry);
          fresh.push(entry);
          head = entry;
          const firstOfSubject = !seen.has(entry.subject);
          seen.add(entry.subject);
          return { status: 'stored', entry, firstOfSubject };
        });
        if (fresh.length > 0) {
          const values: unknown[] = [];
          const rows = fresh.map((e, r) => {
            values.push(e.seq, e.id, e.kind, e.subject, e.receivedAt, e.bodyHash, e.prev, e.hash, e.payload);
            return `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`;
          });
          await client.query(`INSERT INTO clickwrap_log (${COLUMNS}) VALUES ${rows.join(', ')}`, values);
        }
        return results;
      });
    },
    async get(id) {
      const row = (await query<Row>(`SELECT ${COLUMNS} FROM clickwrap_log WHERE id = $1`, [id])).rows[0];
      return row ? toEntry(row) : null;
    },
    async head() {
      const row = (
        await query<{ seq: string; hash: string }>(
          'SELECT seq, hash FROM clickwrap_log ORDER BY seq DESC LIMIT 1',
        )
      ).rows[0];
      return row ? { seq: Number(row.seq), hash: row.hash } : null;
    },
    async bySubject(subject, limit) {
      const { rows } = await query<Row>(
        `SELECT * FROM (SELECT ${COLUMNS} FROM clickwrap_log WHERE subject = $1 ORDER BY seq DESC LIMIT $2) t ORDER BY seq`,
        [subject, limit],
      );
      return rows.map(toEntry);
    },
    async bySubjectAfter(subject, after, limit, kind) {
      const { rows } = await query<Row>(
        `SELECT ${COLUMNS} FROM clickwrap_log WHERE subject = $1 AND seq > $2 AND ($4::text IS NULL OR kind = $4) ORDER BY seq LIMIT $3`,
        [subject, after, limit, kind ?? null],
      );
      return rows.map(toEntry);
    },
    async entries(after, limit) {
      const { rows } = await query<Row>(
        `SELECT ${COLUMNS} FROM clickwrap_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, limit],
      );
      return rows.map(toEntry);
    },
    async addCheckpoint(checkpoint: Checkpoint) {
      await query(
        'INSERT INTO clickwrap_checkpoints (count, head, at, jws) VALUES ($1, $2, $3, $4) ON CONFLICT (count) DO NOTHING',
        [checkpoint.count, checkpoint.head, checkpoint.at, checkpoint.jws],
      );
    },
    async checkpoints() {
      const { rows } = await query<{ count: string; head: string; at: string; jws: string }>(
        'SELECT count, head, at, jws FROM clickwrap_checkpoints ORDER BY count',
      );
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },
    close() {
      // Twice is once: the second call waits for the first.
      closing ??= (async () => {
        await ready?.catch(() => undefined);
        await pool.end();
      })();
      return closing;
    },
  };
}
