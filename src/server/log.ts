/**
 * The tamper-evident log: every receipt, decline and withdrawal is an entry that carries the hash
 * of the entry before it, and the server signs periodic checkpoints (entry count + head hash).
 * Editing, deleting, inserting or reordering an entry breaks a link or a checkpoint;
 * `verifyLog` (log-verify.ts) finds which.
 */
import type { Keyring } from './countersign';
import { sha256HexSync } from './jcs';

/** What an entry records. */
export type LogEntryKind = 'receipt' | 'decline' | 'withdrawal';

/** An entry as the handler hands it to a store: the store adds its place in the chain. */
export interface LogEntryInput {
  /**
   * Unique id: the id of the event the payload holds (the receipt id for a receipt, else the
   * event's idempotency key), so that an event is recorded once. `verifyLog` checks it; the SQL
   * stores refuse an entry of a known kind whose payload's event has another id.
   */
  id: string;
  /** What the entry records. */
  kind: LogEntryKind;
  /** The authenticated subject the event is for. */
  subject: string;
  /** The server's receive time (ISO 8601, UTC): the server's clock decides order and validity. */
  receivedAt: string;
  /** SHA-256 of the canonical JSON of the body the client sent: equal bodies are one delivery. */
  bodyHash: string;
  /** The event as canonical JSON (for a receipt: the receipt and its countersignature). */
  payload: string;
}

/** An entry in the chain. */
export interface LogEntry extends LogEntryInput {
  /** 1-based position in the log. */
  seq: number;
  /** The hash of the entry before (of seq - 1), or {@link GENESIS} for the first. */
  prev: string;
  /** This entry's hash, over every field above ({@link entryHash}). */
  hash: string;
}

/** The `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

/** The version tag hashed into every entry, so a future format cannot be confused with this one. */
export const LOG_FORMAT = 'react-clickwrap/log-v1';

/** The field of each kind of event that holds its id, which is also its entry's id. */
const EVENT_ID_FIELD: Readonly<Record<LogEntryKind, string>> = {
  receipt: 'receiptId',
  decline: 'id',
  withdrawal: 'id',
};

/** Whether `kind` is one of the kinds the server records. */
export const isEventKind = (kind: string): kind is LogEntryKind => Object.hasOwn(EVENT_ID_FIELD, kind);

/**
 * The event an entry records, read from its parsed payload (`{ countersignature, [kind]: event }`),
 * and the event's own id: null when the payload holds no event of the entry's kind, or the event no id.
 */
export function recordedEvent(kind: string, payload: unknown): { event: unknown; id: string | null } {
  const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const event = isEventKind(kind) && Object.hasOwn(record, kind) ? record[kind] : undefined;
  const id =
    typeof event === 'object' && event !== null
      ? (event as Record<string, unknown>)[EVENT_ID_FIELD[kind as LogEntryKind]]
      : undefined;
  return { event, id: typeof id === 'string' ? id : null };
}

/**
 * An entry's `bodyHash`: SHA-256 over the canonical JSON of `{ event, kind, subject }`, where
 * `event` is the event's canonical JSON (as the handler hashes a body: equal bodies are one delivery).
 */
export const eventBodyHash = (kind: LogEntryKind, subject: string, event: string): string =>
  sha256HexSync(`{"event":${event},"kind":${JSON.stringify(kind)},"subject":${JSON.stringify(subject)}}`);

/** An entry's `payload` as the server writes it: canonical `{ countersignature, [kind]: event }`, `event` canonical JSON. */
export const eventPayload = (kind: LogEntryKind, countersignature: string, event: string): string =>
  `{"countersignature":${JSON.stringify(countersignature)},${JSON.stringify(kind)}:${event}}`;

/** The hash of an entry: SHA-256 over a JSON array of its fields (unambiguous, and fast to rebuild). */
export function entryHash(entry: Omit<LogEntry, 'hash'>): string {
  return sha256HexSync(
    JSON.stringify([
      LOG_FORMAT,
      entry.seq,
      entry.id,
      entry.kind,
      entry.subject,
      entry.receivedAt,
      entry.bodyHash,
      entry.prev,
      entry.payload,
    ]),
  );
}

/** Links `input` after the entry `head` (null for the first): what a store writes, in its append transaction. */
export function chainEntry(head: { seq: number; hash: string } | null, input: LogEntryInput): LogEntry {
  const linked = {
    id: input.id,
    kind: input.kind,
    subject: input.subject,
    receivedAt: input.receivedAt,
    bodyHash: input.bodyHash,
    payload: input.payload,
    seq: head ? head.seq + 1 : 1,
    prev: head ? head.hash : GENESIS,
  };
  return { ...linked, hash: entryHash(linked) };
}

/** A signed statement that the log had `count` entries ending in `head` at `at`. */
export interface Checkpoint {
  /** How many entries the log had. */
  count: number;
  /** The hash of entry `count` (GENESIS for an empty log). */
  head: string;
  /** When it was signed (server clock, ISO 8601). */
  at: string;
  /** A detached JWS over the canonical JSON of `{ count, head, at }`. */
  jws: string;
}

/** Signs a checkpoint for a log whose last entry is `head` (null when empty). */
export async function signCheckpoint(
  keyring: Keyring,
  head: { seq: number; hash: string } | null,
  at: Date = new Date(),
): Promise<Checkpoint> {
  const content = { count: head?.seq ?? 0, head: head?.hash ?? GENESIS, at: at.toISOString() };
  return { ...content, jws: await keyring.sign({ checkpoint: content }) };
}

/** The result of appending one entry. */
export type AppendResult =
  /**
   * Appended now. `firstOfSubject`: whether no entry of the same subject precedes it in the log
   * (looked up in the append's transaction, so exact). Optional: a store that does not say
   * leaves the handler to read the subject's history, as it must when the answer is false.
   */
  | { status: 'stored'; entry: LogEntry; firstOfSubject?: boolean }
  /** Already stored with the same body hash: the stored entry, unchanged (a retry). */
  | { status: 'duplicate'; entry: LogEntry }
  /** Already stored with another body: nothing appended, and the stored entry is not returned. */
  | { status: 'conflict'; id: string };

/** Raised by a store that cannot take the write soon: the handler answers 503 with Retry-After. */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
  /** Seconds a client should wait before retrying. */
  readonly retryAfter: number;
  constructor(message: string, retryAfter = 1) {
    super(message);
    this.retryAfter = retryAfter;
  }
}

/**
 * An append-only store of the log. One conformance suite (stores/conformance.ts) holds every
 * implementation to the same rules: the database refuses UPDATE and DELETE; appends are
 * idempotent by id; concurrent appenders from several processes leave one chain, no duplicates.
 */
export interface LogStore {
  /**
   * Appends entries in order, in one transaction, after the current head. An id already stored
   * gives `duplicate` (same body hash) or `conflict` (another), and appends nothing.
   * @throws StoreBusyError when the store stays locked past its busy timeout.
   */
  append(entries: readonly LogEntryInput[]): Promise<AppendResult[]>;
  /** The entry with this id, or null. */
  get(id: string): Promise<LogEntry | null>;
  /** The last entry's seq and hash, or null for an empty log. */
  head(): Promise<{ seq: number; hash: string } | null>;
  /**
   * A subject's entries, oldest first, at most `limit` (the newest ones when there are more).
   * Not enough for a status, which needs every entry: see {@link LogStore.bySubjectAfter}.
   */
  bySubject(subject: string, limit: number): Promise<LogEntry[]>;
  /**
   * A subject's entries with seq > `after`, oldest first, at most `limit`, only those of `kind`
   * when given: one page of the subject's whole history (pass the last seq of a page to read the
   * next). The handler reads a status and a re-consent's earlier consents this way, from every
   * entry of the person, and after storing a receipt the person's withdrawals (`kind`).
   */
  bySubjectAfter(subject: string, after: number, limit: number, kind?: LogEntryKind): Promise<LogEntry[]>;
  /** Entries with seq > `after`, oldest first, at most `limit`: for export and verification. */
  entries(after: number, limit: number): Promise<LogEntry[]>;
  /** Stores a signed checkpoint (append-only too). */
  addCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Every checkpoint, oldest first. */
  checkpoints(): Promise<Checkpoint[]>;
  /** Closes connections; pending work finishes first. */
  close(): Promise<void>;
}
