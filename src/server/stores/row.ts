// The log's row as both SQL stores keep it (snake_case columns), and its mapping to a LogEntry:
// one place, so the two stores cannot drift apart in what they read back.
import type { LogEntry } from '../log';

/** A `clickwrap_log` row. PostgreSQL returns BIGINT `seq` as a string, SQLite as a number. */
export interface LogRow {
  seq: string | number;
  id: string;
  kind: string;
  subject: string;
  received_at: string;
  body_hash: string;
  prev: string;
  hash: string;
  payload: string;
}

/** The log entry a stored row holds. */
export const rowToEntry = (row: LogRow): LogEntry => ({
  seq: Number(row.seq),
  id: row.id,
  kind: row.kind as LogEntry['kind'],
  subject: row.subject,
  receivedAt: row.received_at,
  bodyHash: row.body_hash,
  prev: row.prev,
  hash: row.hash,
  payload: row.payload,
});
