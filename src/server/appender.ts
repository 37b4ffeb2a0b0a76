/**
 * Batches appends: entries that arrive while a write is in flight go into the next transaction
 * together, so a busy server pays one commit (one fsync) per batch instead of per receipt.
 *
 * After each batch commits it signs one checkpoint of the log as that batch left it, and every
 * request of the batch is answered with it: an inclusion promise that the log reached at least
 * that entry, with that head hash. Whoever keeps a response can later prove that the log was
 * once that long, so deleting entries at its end (after the last checkpoint stored in the
 * database) shows. It also stores a checkpoint every `checkpointEvery` entries or
 * `checkpointEveryMs` of activity, and at `flush()`.
 */
import type { Keyring } from './countersign';
import {
  StoreBusyError,
  signCheckpoint,
  type AppendResult,
  type Checkpoint,
  type LogEntryInput,
  type LogStore,
} from './log';

/**
 * Runs `task` on the next macrotask: Node's (and Bun's, Deno's) setImmediate, or a zero timeout
 * on runtimes without it (Cloudflare Workers without Node compatibility, browsers).
 */
const nextMacrotask: (task: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (task) => setImmediate(task)
    : (task) => setTimeout(task, 0);

/** Options of {@link createAppender}. */
export interface AppenderOptions {
  /** Most entries in one transaction. @default 256 */
  maxBatch?: number;
  /** Most entries waiting; past it, appends fail fast with StoreBusyError (503). @default 4096 */
  maxQueue?: number;
  /** Store a signed checkpoint after this many new entries. @default 1000 */
  checkpointEvery?: number;
  /** Store a signed checkpoint when entries were added and this long passed since the last. @default 60000 */
  checkpointEveryMs?: number;
  /** The server's clock. */
  now?: () => Date;
}

/** An append's result with the signed checkpoint of the batch that wrote it (null for a conflict). */
export type PromisedAppend = AppendResult & { checkpoint: Checkpoint | null };

/** A batching appender over a store. */
export interface Appender {
  /** Appends one entry (batched with others waiting); resolves once its batch committed. */
  append(entry: LogEntryInput): Promise<PromisedAppend>;
  /** The newest checkpoint signed (after a batch, or stored), or null before the first. */
  latest(): Checkpoint | null;
  /**
   * Waits for every queued append, then stores a checkpoint of the head if entries were added
   * since the last one stored; when that fails, a later flush() tries again.
   */
  flush(): Promise<void>;
}

interface Waiting {
  entry: LogEntryInput;
  /** Its batch failed: it is written in a transaction of its own. */
  alone?: boolean;
  resolve: (result: PromisedAppend) => void;
  reject: (error: unknown) => void;
}

/** Makes an appender for `store`, signing checkpoints with `keyring`. */
export function createAppender(store: LogStore, keyring: Keyring, options: AppenderOptions = {}): Appender {
  const maxBatch = options.maxBatch ?? 256;
  const maxQueue = options.maxQueue ?? 4096;
  const checkpointEvery = options.checkpointEvery ?? 1000;
  const checkpointEveryMs = options.checkpointEveryMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const queue: Waiting[] = [];
  let running: Promise<void> | null = null;
  let sinceCheckpoint = 0;
  let lastStoredAt = now().getTime();
  let checkpointing: Promise<void> = Promise.resolve();
  let newest: Checkpoint | null = null;

  const keep = (checkpoint: Checkpoint) => {
    if (!newest || checkpoint.count >= newest.count) newest = checkpoint;
    return checkpoint;
  };

  async function storeCheckpoint() {
    const added = sinceCheckpoint;
    sinceCheckpoint = 0;
    lastStoredAt = now().getTime();
    try {
      const head = await store.head();
      await store.addCheckpoint(keep(await signCheckpoint(keyring, head, now())));
    } catch (error) {
      // Not stored (the database locked or away): the next batch or flush() tries again.
      sinceCheckpoint += added;
      throw error;
    }
  }

  async function drainQueue() {
    while (queue.length > 0) {
      // An entry retried alone after its batch failed goes alone.
      const batch = queue[0]?.alone ? queue.splice(0, 1) : queue.splice(0, maxBatch);
      let results: AppendResult[];
      try {
        results = await store.append(batch.map((w) => w.entry));
      } catch (error) {
        if (batch.length === 1 || error instanceof StoreBusyError) {
          batch.forEach((w) => w.reject(error));
          continue;
        }
        // One entry the database refuses must not fail the others that shared its transaction:
        // each is tried alone (one that did commit meanwhile is found by its id, as a repeat).
        queue.unshift(...batch.map((w) => ({ ...w, alone: true })));
        continue;
      }
      // Committed. The newest entry the batch wrote or found is the head it promises: entries of
      // one transaction are consecutive, so its hash covers every entry of the batch.
      let head: { seq: number; hash: string } | null = null;
      for (const r of results)
        if (r.status !== 'conflict' && (!head || r.entry.seq > head.seq)) head = r.entry;
      // Signed on the signing thread while the next batch is written; each request waits for it.
      const promise = head
        ? signCheckpoint(keyring, head, now()).then(keep, (error: unknown) => {
            // Stored and committed, but unsigned: answer without a promise rather than fail the write.
            console.error('react-clickwrap/server: signing a batch checkpoint failed:', error);
            return null;
          })
        : Promise.resolve(null);
      void promise.then((checkpoint) =>
        batch.forEach((w, i) => {
          const r = results[i]!;
          w.resolve({ ...r, checkpoint: r.status === 'conflict' ? null : checkpoint });
        }),
      );
      sinceCheckpoint += results.filter((r) => r.status === 'stored').length;
      if (
        sinceCheckpoint >= checkpointEvery ||
        (sinceCheckpoint > 0 && now().getTime() - lastStoredAt >= checkpointEveryMs)
      )
        checkpointing = checkpointing.then(storeCheckpoint).catch(() => undefined);
    }
    running = null;
  }

  return {
    append(entry) {
      if (queue.length >= maxQueue) {
        return Promise.reject(new StoreBusyError(`${queue.length} entries are waiting to be written.`, 1));
      }
      return new Promise<PromisedAppend>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        // Start on the next macrotask, so requests arriving together share a transaction.
        running ??= new Promise<void>((r) => nextMacrotask(r)).then(drainQueue);
      });
    },
    latest: () => newest,
    async flush() {
      while (running) await running;
      await checkpointing;
      if (sinceCheckpoint > 0) await storeCheckpoint();
    },
  };
}
