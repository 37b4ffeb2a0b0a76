// A client-side outbox for consent receipts: delivered exactly once, even when the server is down
// or the network drops when the person accepts.
//
// - Each receipt is written to localStorage (keyed by its receipt id) *before* it is sent, and
//   removed only when the server has stored it (201) or already had it (200). A tab closed while
//   the server is down sends it on its next load.
// - A failure that may pass (no network, 5xx, 408, 429) keeps it and retries with exponential
//   backoff (with jitter), at once when the browser comes back `online`, and on every load. So
//   does 401 or 403 (signed out, or someone else signed in on this device): the receipt is its
//   signer's, and goes when they are signed in again.
// - A refusal (400, 409, 413, 415, 422) removes it: sending it again cannot succeed.
// - The answer's signed log checkpoint is kept beside the outbox, per account (checkpoints.ts):
//   proof, later, that the server's log once held this receipt and everything before it.
// - The receipt id is the idempotency key: the server stores a receipt id once, so a retry whose
//   first answer was lost, the component's own Retry (same receipt, same id) and a second tab
//   sending the same entry all end as one row.
import type { ConsentReceipt } from 'react-clickwrap/core';
import { ApiError, type StoredReceipt } from './api';
import { keepCheckpoint } from './checkpoints';

const PREFIX = 'signup-outbox:';

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
}

/** Thrown by `deliver` when the receipt is kept for a later retry. */
export class QueuedError extends Error {
  override name = 'QueuedError';
  constructor(
    readonly receiptId: string,
    readonly cause: unknown,
  ) {
    super('Your acceptance is saved on this device and will be sent as soon as the server answers.');
  }
}

const isTransient = (status: number) =>
  status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;

export class ConsentOutbox {
  private readonly endpoint: string;
  private readonly storage: Storage;
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly inFlight = new Map<string, Promise<StoredReceipt>>();
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private readonly sent = new Map<string, ConsentReceipt>();
  /** When the next automatic retry runs (ms since epoch), or null. */
  nextRetryAt: number | null = null;

  constructor(options: OutboxOptions) {
    this.endpoint = options.endpoint;
    this.storage = options.storage ?? window.localStorage;
    this.baseDelay = options.baseDelayMs ?? 1000;
    this.maxDelay = options.maxDelayMs ?? 15_000;
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
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        entries.push(JSON.parse(this.storage.getItem(key) ?? '') as Entry);
      } catch {
        this.storage.removeItem(key);
      }
    }
    return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  /**
   * Keeps the receipt, then sends it. Resolves with the stored consent; rejects with a
   * `QueuedError` when it will be retried, or an `ApiError` when the server refused it.
   */
  deliver(receipt: ConsentReceipt): Promise<StoredReceipt> {
    const key = PREFIX + receipt.receiptId;
    if (this.storage.getItem(key) === null) {
      const entry: Entry = { receipt, queuedAt: new Date().toISOString(), attempts: 0, lastError: null };
      this.storage.setItem(key, JSON.stringify(entry));
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
    if (this.storage.getItem(key) === null) return;
    this.storage.removeItem(key);
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
    const raw = this.storage.getItem(key);
    if (raw === null) throw new Error(`Receipt ${receiptId} is not in the outbox.`);
    const entry = JSON.parse(raw) as Entry;
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(entry.receipt),
      });
    } catch (error) {
      throw this.keep(key, entry, error, 'The network is unavailable.');
    }
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      this.storage.removeItem(key);
      this.failures = 0;
      this.sent.set(receiptId, entry.receipt);
      const consent = body as StoredReceipt;
      keepCheckpoint(consent, receiptId, this.storage);
      this.emit({ type: 'delivered', receiptId, consent, afterFailure: entry.attempts > 0 });
      this.emit({ type: 'change' });
      return consent;
    }
    const error = new ApiError(response.status, body);
    if (isTransient(response.status)) throw this.keep(key, entry, error, error.message);
    // Refused: retrying the same receipt cannot succeed.
    this.storage.removeItem(key);
    this.emit({ type: 'rejected', receiptId, error });
    this.emit({ type: 'change' });
    throw error;
  }

  /** Records the failed attempt and schedules the next. */
  private keep(key: string, entry: Entry, cause: unknown, message: string): QueuedError {
    entry.attempts += 1;
    entry.lastError = message;
    // Removed meanwhile (delivered by another attempt or tab)? Then do not bring it back.
    if (this.storage.getItem(key) !== null) this.storage.setItem(key, JSON.stringify(entry));
    this.failures += 1;
    const backoff = Math.min(this.maxDelay, this.baseDelay * 2 ** (this.failures - 1));
    this.schedule(backoff * (0.5 + Math.random() * 0.5));
    this.emit({ type: 'change' });
    return new QueuedError(entry.receipt.receiptId, cause);
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
