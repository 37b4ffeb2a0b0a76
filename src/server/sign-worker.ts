/**
 * Ed25519 signing on a worker thread, batched: a receipt's countersignature is the one fixed cost
 * (~50-70 µs here) that nothing else needs to wait for, so it runs beside the request handling on
 * another core. Signatures requested in the same turn of the event loop go in one message, up to
 * SLICE of them.
 * The same bytes, the same key, the same algorithm as signing inline: only the thread differs.
 */
import type { KeyObject, sign as nodeSign } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { nodeBuiltin } from './runtime';

// Inline source, so the worker needs no file of its own wherever the package is bundled. It runs
// as CommonJS, or as a module when the process was started with --input-type=module (a worker
// inherits the parent's flags), so it asks for Node's modules whichever way it can.
const SOURCE = `
const load = typeof require === 'function' ? require : (id) => process.getBuiltinModule(id);
const { parentPort } = load('node:worker_threads');
const { sign } = load('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, keyId, key, inputs }) => {
  if (key) keys.set(keyId, key);
  key = keys.get(keyId);
  try {
    // Each input is [protected header (base64url), payload text]: the JWS signing input is made
    // here, so the main thread neither encodes the payload nor clones it a third bigger.
    const signatures = inputs.map(([header, text]) =>
      sign(null, Buffer.from(header + '.' + Buffer.from(text, 'utf8').toString('base64url'), 'utf8'), key).toString('base64url'));
    parentPort.postMessage({ id, signatures });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

/**
 * Signs the JWS signing input `header.base64url(text)` (RFC 7515 §5.1) with a KeyObject; resolves
 * the signature, base64url.
 */
export type BatchSigner = (key: KeyObject, header: string, text: string) => Promise<string>;

interface Batch {
  key: KeyObject;
  inputs: [string, string][];
  waiting: Array<{ resolve: (s: string) => void; reject: (e: unknown) => void }>;
}

let shared: BatchSigner | null | undefined;

/**
 * Most signatures in one message. Measured with the bench (concurrency 64): 8 keeps the main
 * thread busy 85-88 % of the time, against 65-68 % when a whole burst went in one message.
 */
const SLICE = 8;

/**
 * The process's signer on a worker thread (made on first use, shared by every keyring), or null
 * where there is no second core or no worker threads (then signing stays inline). The worker
 * holds the process open only while signatures are due. A worker that stops (a crash, a
 * terminate()) is replaced by a new one on the next signature, and what it had not signed is
 * signed inline: the same bytes, so no request waits for an answer that cannot come.
 */
export function workerSigner(): BatchSigner | null {
  if (shared === undefined) shared = createWorkerSigner();
  return shared;
}

/** The signature `sign-worker` makes, made on this thread. */
const signInline = (sign: typeof nodeSign, key: KeyObject, header: string, text: string) =>
  sign(
    null,
    Buffer.from(`${header}.${Buffer.from(text, 'utf8').toString('base64url')}`, 'utf8'),
    key,
  ).toString('base64url');

/** One signing thread and the batches it has not answered yet. */
interface Thread {
  worker: Worker;
  sent: Map<number, Batch>;
  outstanding: number;
  // A KeyObject is cloned into the worker once, then named by a number: cloning it with every
  // batch cost more than the signatures. A new worker is sent the key again.
  keyIds: WeakMap<KeyObject, number>;
}

function createWorkerSigner(): BatchSigner | null {
  // Looked up here, not imported: the entry loads where there are no worker threads.
  const threads = nodeBuiltin('node:worker_threads');
  const os = nodeBuiltin('node:os');
  const sign = nodeBuiltin('node:crypto')?.sign;
  if (!threads || !os || !sign) return null;
  let nextId = 0;
  let nextKeyId = 0;
  let pending: Batch | null = null;

  const spawn = (): Thread => {
    const worker = new threads.Worker(SOURCE, { eval: true });
    worker.unref();
    const thread: Thread = { worker, sent: new Map(), outstanding: 0, keyIds: new WeakMap() };
    worker.on('message', (message: { id: number; signatures?: string[]; error?: string }) => {
      const batch = thread.sent.get(message.id);
      if (!batch) return;
      thread.sent.delete(message.id);
      thread.outstanding -= batch.inputs.length;
      if (thread.outstanding === 0) worker.unref();
      if (message.signatures) batch.waiting.forEach((w, i) => w.resolve(message.signatures![i]!));
      else batch.waiting.forEach((w) => w.reject(new Error(`Signing failed: ${message.error}`)));
    });
    worker.on('error', (error) => console.error('react-clickwrap/server: the signing worker failed:', error));
    worker.on('exit', () => {
      // Messages to a stopped worker are dropped: sign what it held here, start anew next time.
      if (current === thread) current = null;
      for (const batch of thread.sent.values()) signBatchInline(batch);
      thread.sent.clear();
    });
    return thread;
  };

  const signBatchInline = (batch: Batch) =>
    batch.inputs.forEach(([header, text], i) => {
      const w = batch.waiting[i]!;
      try {
        w.resolve(signInline(sign, batch.key, header, text));
      } catch (error) {
        w.reject(error);
      }
    });

  let current: Thread | null;
  try {
    if (os.availableParallelism() < 2) return null;
    current = spawn();
  } catch {
    return null;
  }

  const flush = () => {
    const batch = pending!;
    pending = null;
    let thread: Thread;
    try {
      thread = current ??= spawn();
    } catch {
      signBatchInline(batch);
      return;
    }
    const id = nextId++;
    thread.sent.set(id, batch);
    if (thread.outstanding === 0) thread.worker.ref();
    thread.outstanding += batch.inputs.length;
    let keyId = thread.keyIds.get(batch.key);
    const first = keyId === undefined;
    if (keyId === undefined) thread.keyIds.set(batch.key, (keyId = nextKeyId++));
    thread.worker.postMessage({ id, keyId, key: first ? batch.key : undefined, inputs: batch.inputs });
  };
  return (key, header, text) =>
    new Promise<string>((resolve, reject) => {
      if (pending && pending.key !== key) flush();
      if (!pending) {
        pending = { key, inputs: [], waiting: [] };
        // The next macrotask: requests handled in this turn share one message.
        setImmediate(() => {
          if (pending) flush();
        });
      }
      pending.inputs.push([header, text]);
      pending.waiting.push({ resolve, reject });
      // A burst (many requests verified in one turn) goes out in slices, so the worker signs the
      // first while this thread still verifies the rest, instead of both taking turns.
      if (pending.inputs.length >= SLICE) flush();
    });
}
