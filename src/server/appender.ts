/**
 * Batches appends: entries that arrive while a write is in flight go into the next transaction
 * together, so a busy server pays one commit (one fsync) per batch instead of per receipt. It
 * also signs a checkpoint every `checkpointEvery` entries.
 */
import type { Keyring } from './countersign';
import { StoreBusyError, signCheckpoint, type AppendResult, type LogEntryInput, type LogStore } from './log';

/** Options of {@link createAppender}. */
export interface AppenderOptions {
  /** Most entries in one transaction. @default 256 */
  maxBatch?: number;
  /** Most entries waiting; past it, appends fail fast with StoreBusyError (503). @default 4096 */
  maxQueue?: number;
  /** Sign a checkpoint after this many new entries. @default 1000 */
  checkpointEvery?: number;
  /** The server's clock. */
  now?: () => Date;
}

/** A batching appender over a store. */
export interface Appender {
  /** Appends one entry (batched with others waiting). */
  append(entry: LogEntryInput): Promise<AppendResult>;
  /** Waits for every queued append, then signs a checkpoint of the head if entries were added since the last. */
  flush(): Promise<void>;
}

interface Waiting {
  entry: LogEntryInput;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Makes an appender for `store`, signing checkpoints with `keyring`. */
export function createAppender(store: LogStore, keyring: Keyring, options: AppenderOptions = {}): Appender {
  const maxBatch = options.maxBatch ?? 256;
  const maxQueue = options.maxQueue ?? 4096;
  const checkpointEvery = options.checkpointEvery ?? 1000;
  const now = options.now ?? (() => new Date());
  const queue: Waiting[] = [];
  let running: Promise<void> | null = null;
  let sinceCheckpoint = 0;
  let checkpointing: Promise<void> = Promise.resolve();

  async function checkpoint() {
    sinceCheckpoint = 0;
    const head = await store.head();
    await store.addCheckpoint(await signCheckpoint(keyring, head, now()));
  }

  async function drainQueue() {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const results = await store.append(batch.map((w) => w.entry));
        batch.forEach((w, i) => w.resolve(results[i]!));
        sinceCheckpoint += results.filter((r) => r.status === 'stored').length;
        if (sinceCheckpoint >= checkpointEvery)
          checkpointing = checkpointing.then(checkpoint).catch(() => undefined);
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
    running = null;
  }

  return {
    append(entry) {
      if (queue.length >= maxQueue) {
        return Promise.reject(new StoreBusyError(`${queue.length} entries are waiting to be written.`, 1));
      }
      return new Promise<AppendResult>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        // Start on the next macrotask, so requests arriving together share a transaction.
        running ??= new Promise<void>((r) => setImmediate(r)).then(drainQueue);
      });
    },
    async flush() {
      while (running) await running;
      await checkpointing;
      if (sinceCheckpoint > 0) await checkpoint();
    },
  };
}
