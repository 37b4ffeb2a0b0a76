// A client-side outbox for consent receipts: delivered exactly once, even when the server is down
// or the network drops when the person accepts.
//
// - Each receipt is written to localStorage (keyed by its receipt id) *before* it is sent, and
//   removed only when the server has stored it (201) or already had it (200). A tab closed while
//   the server is down sends it on its next load.
// - A failure that may pass (no network, 5xx, 408, 429) keeps it and retries with exponential
//   backoff (with jitter, and no sooner than a 503's or 429's Retry-After asks), at once when the
//   browser comes back `online`, and on every load. So does 401 or 403 (signed out, or someone
//   else signed in on this device): the receipt is its signer's, and goes when they are signed
//   in again. So does any other answer that is not a refusal of the receipt itself (a 404 or 405
//   from a proxy or a deploy under way): only the server's refusal may drop a consent.
// - A refusal (400, 409, 413, 415, 422) removes it: sending it again cannot succeed.
// - The answer's signed log checkpoint is kept beside the outbox, per account (checkpoints.ts):
//   proof, later, that the server's log once held this receipt and everything before it.
// - The receipt id is the idempotency key: the server stores a receipt id once, so a retry whose
//   first answer was lost, the component's own Retry (same receipt, same id) and a second tab
//   sending the same entry all end as one row.
// - Storage that refuses to keep it (quota, private mode, storage blocked) does not stop it: it is
//   kept in memory and sent all the same, and the person is told to keep the page open. An entry
//   that cannot be read (another shape, cut off) is set aside, never in the way of the others. An
//   attempt the server does not answer in time counts as a failure that may pass.
import type { ConsentReceipt } from 'react-clickwrap/core';
import { ApiError, type StoredReceipt } from './api';
import { keepCheckpoint } from './checkpoints';

const PREFIX = 'signup-outbox:';
/** Entries that could not be read: kept here for whoever looks into it, never sent. */
const SET_ASIDE = 'signup-outbox-unreadable:';

interface Entry {
  receipt: ConsentReceipt;
  queuedAt: string;
  attempts: number;
  lastError: string | null;
}

export type OutboxEvent =
  | { type: 'change' }
  /** `afterFailure`: an earlier attempt failed (the server was down, or the network). */
  | { type: 'delivered'; receiptId: string; consent: StoredReceipt; afterFailure: boolean }
  | { type: 'rejected'; receiptId: string; error: ApiError };

export interface OutboxOptions {
  /** Where receipts are POSTed. */
  endpoint: string;
  /** @default window.localStorage */
  storage?: Storage;
  /** First retry delay. @default 1000 */
  baseDelayMs?: number;
  /** Longest retry delay. @default 15000 */
  maxDelayMs?: number;
  /** How long one attempt waits for the server's answer. @default 15000 */
  timeoutMs?: number;
}

/** Thrown by `deliver` when the receipt is kept for a later retry. */
export class QueuedError extends Error {
  override name = 'QueuedError';
  constructor(
    readonly receiptId: string,
    readonly cause: unknown,
    /** Whether the browser's storage holds it (false: only this page does, until it is sent). */
    readonly saved: boolean,
  ) {
    super(
      saved
        ? 'Your acceptance is saved on this device and will be sent as soon as the server answers.'
        : 'Your acceptance will be sent as soon as the server answers. Keep this page open: this browser would not save it.',
    );
  }
}

const isEntry = (value: unknown): value is Entry => {
  const e = value as Partial<Entry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.queuedAt === 'string' &&
    typeof e.attempts === 'number' &&
    typeof e.receipt === 'object' &&
    e.receipt !== null &&
    typeof e.receipt.receiptId === 'string'
  );
};

/** The browser's localStorage, or null where it is blocked (reading it throws). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The server's refusals of the receipt itself: sending the same receipt again cannot succeed. */
const isRefusal = (status: number) =>
  status === 400 || status === 409 || status === 413 || status === 415 || status === 422;

/** The longest Retry-After honoured (a longer one is the server's mistake, not a reason to wait a day). */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** A Retry-After header (seconds, or an HTTP date) in ms from now, or 0. */
function retryAfterMs(response: Response): number {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return 0;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : 0;
}

/** A signal that aborts after `ms` with a TimeoutError (AbortSignal.timeout is missing before Safari 16). */
function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  if (typeof AbortSignal.timeout === 'function') return { signal: AbortSignal.timeout(ms), clear: () => {} };
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The server did not answer in time.', 'TimeoutError')),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

export class ConsentOutbox {
  private readonly endpoint: string;
  private readonly storage: Storage | null;
  /** Entries the storage refused to keep: sent all the same, lost if the page closes first. */
  private readonly memory = new Map<string, string>();
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly timeout: number;
  private readonly inFlight = new Map<string, Promise<StoredReceipt>>();
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private readonly sent = new Map<string, ConsentReceipt>();
  /** When the next automatic retry runs (ms since epoch), or null. */
  nextRetryAt: number | null = null;

  constructor(options: OutboxOptions) {
    this.endpoint = options.endpoint;
    this.storage = options.storage ?? localStorageOrNull();
    this.baseDelay = options.baseDelayMs ?? 1000;
    this.maxDelay = options.maxDelayMs ?? 15_000;
    this.timeout = options.timeoutMs ?? 15_000;
  }

  /** Sends what an earlier page left behind, and again whenever the browser comes online. */
  start(): () => void {
    const online = () => void this.flush();
    window.addEventListener('online', online);
    void this.flush();
    return () => {
      window.removeEventListener('online', online);
      if (this.timer) clearTimeout(this.timer);
    };
  }

  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A receipt sent from this device and stored, by id (for copies of what was agreed). */
  delivered(receiptId: string): ConsentReceipt | null {
    return this.sent.get(receiptId) ?? null;
  }

  /** The receipts waiting to be sent, oldest first. */
  pending(): Entry[] {
    const entries: Entry[] = [];
    for (const key of this.keys()) {
      const entry = this.entry(key);
      if (entry) entries.push(entry);
    }
    return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  /**
   * Keeps the receipt, then sends it. Resolves with the stored consent; rejects with a
   * `QueuedError` when it will be retried, or an `ApiError` when the server refused it.
   */
  deliver(receipt: ConsentReceipt): Promise<StoredReceipt> {
    const key = PREFIX + receipt.receiptId;
    if (this.read(key) === null) {
      const entry: Entry = { receipt, queuedAt: new Date().toISOString(), attempts: 0, lastError: null };
      this.write(key, JSON.stringify(entry));
      this.emit({ type: 'change' });
    }
    return this.send(receipt.receiptId);
  }

  /**
   * Drops a receipt the person took back (they declined after its delivery failed): it is never
   * sent again. An attempt already under way may still land; the decline names the receipt, so
   * the server's status does not count it.
   */
  discard(receiptId: string): void {
    const key = PREFIX + receiptId;
    if (this.read(key) === null) return;
    this.remove(key);
    this.emit({ type: 'change' });
  }

  /** Sends every waiting receipt now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRetryAt = null;
    await Promise.allSettled(this.pending().map((e) => this.send(e.receipt.receiptId)));
  }

  /** One attempt; concurrent calls for the same receipt share it. */
  private send(receiptId: string): Promise<StoredReceipt> {
    const running = this.inFlight.get(receiptId);
    if (running) return running;
    const attempt = this.attempt(receiptId).finally(() => this.inFlight.delete(receiptId));
    this.inFlight.set(receiptId, attempt);
    return attempt;
  }

  private async attempt(receiptId: string): Promise<StoredReceipt> {
    const key = PREFIX + receiptId;
    const entry = this.entry(key);
    if (!entry) throw new Error(`Receipt ${receiptId} is not in the outbox.`);
    let response: Response;
    let body: ConstructorParameters<typeof ApiError>[1];
    // A server that never answers must not hold the receipt (and every retry of it) forever.
    const timeout = timeoutSignal(this.timeout);
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(entry.receipt),
        signal: timeout.signal,
      });
      body = (await response.json().catch(() => ({}))) as typeof body;
    } catch (error) {
      const timedOut = (error as Error | null)?.name === 'TimeoutError';
      throw this.keep(
        key,
        entry,
        error,
        timedOut ? 'The server did not answer in time.' : 'The network is unavailable.',
      );
    } finally {
      timeout.clear();
    }
    if (response.ok) {
      this.remove(key);
      this.failures = 0;
      this.sent.set(receiptId, entry.receipt);
      const consent = body as StoredReceipt;
      if (this.storage) keepCheckpoint(consent, receiptId, this.storage);
      this.emit({ type: 'delivered', receiptId, consent, afterFailure: entry.attempts > 0 });
      this.emit({ type: 'change' });
      return consent;
    }
    const error = new ApiError(response.status, body);
    if (!isRefusal(response.status))
      throw this.keep(key, entry, error, error.message, retryAfterMs(response));
    // Refused: retrying the same receipt cannot succeed.
    this.remove(key);
    this.emit({ type: 'rejected', receiptId, error });
    this.emit({ type: 'change' });
    throw error;
  }

  /** Records the failed attempt and schedules the next. */
  private keep(key: string, entry: Entry, cause: unknown, message: string, atLeastMs = 0): QueuedError {
    entry.attempts += 1;
    entry.lastError = message;
    // Removed meanwhile (delivered by another attempt or tab)? Then do not bring it back.
    const saved = this.read(key) !== null ? this.write(key, JSON.stringify(entry)) : true;
    this.failures += 1;
    const backoff = Math.min(this.maxDelay, this.baseDelay * 2 ** (this.failures - 1));
    this.schedule(Math.max(atLeastMs, backoff * (0.5 + Math.random() * 0.5)));
    this.emit({ type: 'change' });
    return new QueuedError(entry.receipt.receiptId, cause, saved);
  }

  // ---- storage, with memory where the browser's refuses ------------------------------------

  /** Every outbox key, in storage or in memory (collected first: reading may set entries aside). */
  private keys(): string[] {
    const keys = new Set(this.memory.keys());
    try {
      for (let i = 0; this.storage && i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(PREFIX)) keys.add(key);
      }
    } catch {
      // Storage blocked: what is in memory is all there is.
    }
    return [...keys];
  }

  private read(key: string): string | null {
    const kept = this.memory.get(key);
    if (kept !== undefined) return kept;
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  /** Writes an entry; false when the storage refused it and only memory holds it. */
  private write(key: string, value: string): boolean {
    try {
      if (!this.storage) throw new Error('No storage.');
      this.storage.setItem(key, value);
      this.memory.delete(key);
      return true;
    } catch {
      this.memory.set(key, value);
      return false;
    }
  }

  private remove(key: string): void {
    this.memory.delete(key);
    try {
      this.storage?.removeItem(key);
    } catch {
      // Nothing to do: the entry, if the storage still has it, is sent again and stored once.
    }
  }

  /** The entry under `key`, or null: one that cannot be read is set aside, not left in the way. */
  private entry(key: string): Entry | null {
    const raw = this.read(key);
    if (raw === null) return null;
    let value: unknown = null;
    try {
      value = JSON.parse(raw);
    } catch {
      // Cut off or not JSON: set aside below.
    }
    if (isEntry(value)) return value;
    this.remove(key);
    try {
      this.storage?.setItem(SET_ASIDE + key.slice(PREFIX.length), raw);
    } catch {
      // Storage full: it was unreadable anyway.
    }
    return null;
  }

  private schedule(delay: number) {
    const at = Date.now() + delay;
    if (this.timer && this.nextRetryAt !== null && this.nextRetryAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextRetryAt = at;
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private emit(event: OutboxEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
