// The outbox keeps a consent the person gave until the server has it, whatever the browser's
// storage does: full, blocked, or holding an entry it cannot read.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsentReceipt } from 'react-clickwrap/core';
import { ConsentOutbox, QueuedError } from './outbox';

/** A Storage over a Map, in insertion order, whose writes can be refused (quota, private mode). */
class MapStorage implements Storage {
  readonly items = new Map<string, string>();
  refuseWrites = false;
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.refuseWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

const receipt = (id: string) => ({ receiptId: id, signer: { id: 'u-1' } }) as unknown as ConsentReceipt;
const saved = (id: string) =>
  JSON.stringify({
    receipt: receipt(id),
    queuedAt: '2026-01-01T00:00:00.000Z',
    attempts: 1,
    lastError: null,
  });
const stored = () => Response.json({ receipt: {}, subject: 'u-1' }, { status: 201 });
const sentIds = (fetch: ReturnType<typeof vi.fn>) =>
  fetch.mock.calls.map(([, init]) => JSON.parse((init as RequestInit).body as string).receiptId);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ConsentOutbox', () => {
  it('sends every saved receipt past entries it cannot read, and sets those aside', async () => {
    const storage = new MapStorage();
    storage.items.set('signup-outbox:cut', '{"receipt":');
    storage.items.set('signup-outbox:old-shape', '{"queuedAt":"2025-01-01T00:00:00.000Z"}');
    storage.items.set('signup-outbox:null', 'null');
    storage.items.set('signup-outbox:good', saved('good'));
    const fetch = vi.fn(async () => stored());
    vi.stubGlobal('fetch', fetch);
    const outbox = new ConsentOutbox({ endpoint: '/api/clickwrap/receipts', storage });

    expect(outbox.pending().map((e) => e.receipt.receiptId)).toEqual(['good']);
    await outbox.flush();
    expect(sentIds(fetch)).toEqual(['good']);
    expect([...storage.items.keys()].sort()).toEqual([
      'signup-outbox-unreadable:cut',
      'signup-outbox-unreadable:null',
      'signup-outbox-unreadable:old-shape',
    ]);
  });

  it('sends a receipt the storage refuses to keep, and says to keep the page open while it waits', async () => {
    const storage = new MapStorage();
    storage.refuseWrites = true;
    const fetch = vi
      .fn<(url: string, init: RequestInit) => Promise<Response>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(stored());
    vi.stubGlobal('fetch', fetch);
    const outbox = new ConsentOutbox({ endpoint: '/api/clickwrap/receipts', storage, baseDelayMs: 60_000 });

    const first = await outbox.deliver(receipt('r-1')).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(QueuedError);
    expect((first as QueuedError).saved).toBe(false);
    expect((first as QueuedError).message).toMatch(/Keep this page open/);
    expect(outbox.pending().map((e) => e.receipt.receiptId)).toEqual(['r-1']);

    await outbox.flush();
    expect(sentIds(fetch)).toEqual(['r-1', 'r-1']);
    expect(outbox.pending()).toEqual([]);
    expect(outbox.delivered('r-1')).not.toBeNull();
  });

  it('gives up on an attempt the server does not answer, and sends the receipt again', async () => {
    const storage = new MapStorage();
    const fetch = vi
      .fn<(url: string, init: RequestInit) => Promise<Response>>()
      .mockImplementationOnce(
        (_url, init) =>
          new Promise((_resolve, reject) =>
            init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
          ),
      )
      .mockResolvedValueOnce(stored());
    vi.stubGlobal('fetch', fetch);
    const outbox = new ConsentOutbox({
      endpoint: '/api/clickwrap/receipts',
      storage,
      timeoutMs: 50,
      baseDelayMs: 60_000,
    });

    const first = await outbox.deliver(receipt('r-2')).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(QueuedError);
    expect(outbox.pending()[0]).toMatchObject({
      attempts: 1,
      lastError: 'The server did not answer in time.',
    });
    await outbox.flush();
    expect(sentIds(fetch)).toEqual(['r-2', 'r-2']);
    expect(outbox.pending()).toEqual([]);
  });
});

describe('ConsentOutbox: answers that do not refuse the receipt', () => {
  it('keeps a receipt when the endpoint is not found (a deploy, a proxy), and sends it again', async () => {
    const storage = new MapStorage();
    const fetch = vi
      .fn<(url: string, init: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(Response.json({ error: 'not-found' }, { status: 404 }))
      .mockResolvedValueOnce(stored());
    vi.stubGlobal('fetch', fetch);
    const outbox = new ConsentOutbox({ endpoint: '/api/clickwrap/receipts', storage, baseDelayMs: 60_000 });

    const first = await outbox.deliver(receipt('r-3')).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(QueuedError);
    expect(outbox.pending().map((e) => e.receipt.receiptId)).toEqual(['r-3']);
    await outbox.flush();
    expect(sentIds(fetch)).toEqual(['r-3', 'r-3']);
    expect(outbox.pending()).toEqual([]);
  });

  it('waits as long as a 503 answer’s Retry-After asks before sending again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const storage = new MapStorage();
    const fetch = vi.fn(async () =>
      Response.json({ error: 'unavailable' }, { status: 503, headers: { 'retry-after': '120' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const outbox = new ConsentOutbox({ endpoint: '/api/clickwrap/receipts', storage, baseDelayMs: 10 });

    const before = Date.now();
    await expect(outbox.deliver(receipt('r-4'))).rejects.toBeInstanceOf(QueuedError);
    expect(outbox.nextRetryAt).not.toBeNull();
    expect(outbox.nextRetryAt! - before).toBeGreaterThanOrEqual(120_000);
    vi.advanceTimersByTime(119_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends where the browser has no AbortSignal.timeout (Safari before 16)', async () => {
    const storage = new MapStorage();
    vi.stubGlobal('AbortSignal', { timeout: undefined });
    const fetch = vi.fn(async () => stored());
    vi.stubGlobal('fetch', fetch);
    const outbox = new ConsentOutbox({ endpoint: '/api/clickwrap/receipts', storage, baseDelayMs: 60_000 });

    await expect(outbox.deliver(receipt('r-5'))).resolves.toMatchObject({ subject: 'u-1' });
    expect(outbox.pending()).toEqual([]);
  });
});
