/**
 * The signing worker's life: when it stops (a crash, a terminate()), what it held is signed on
 * this thread and the next signature starts a new worker: never a request that waits for ever.
 */
import * as Os from 'node:os';
import * as WorkerThreads from 'node:worker_threads';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { expect, it, vi } from 'vitest';
import { createKeyring, generateSigningKey, importJwks, verifyDetachedJws } from './countersign';
import type * as Runtime from './runtime';

// Every Worker made, so a test can stop the signing worker as a crash would; and two cores
// whatever the machine, so the keyring signs on a worker. (The server reaches Node's modules
// through runtime.ts's nodeBuiltin, not imports: that is what is replaced.)
const workers = vi.hoisted(() => [] as NodeWorker[]);
vi.mock('./runtime', async (importOriginal) => {
  const real = await importOriginal<typeof Runtime>();
  class Recorded extends WorkerThreads.Worker {
    constructor(...args: ConstructorParameters<typeof WorkerThreads.Worker>) {
      super(...args);
      workers.push(this);
    }
  }
  const replaced: Record<string, unknown> = {
    'node:worker_threads': { ...WorkerThreads, Worker: Recorded },
    'node:os': { ...Os, availableParallelism: () => 2 },
  };
  return {
    ...real,
    nodeBuiltin: (id: Parameters<typeof real.nodeBuiltin>[0]) => replaced[id] ?? real.nodeBuiltin(id),
  };
});

async function signs() {
  const keyring = createKeyring(await generateSigningKey('k1'));
  const keys = await importJwks(keyring.jwks());
  const check = async (content: unknown) =>
    (await verifyDetachedJws(await keyring.sign(content), content, keys)).ok;
  return { keyring, check };
}

it('signs on a new worker after the signing worker died', async () => {
  const { check } = await signs();
  expect(await check({ n: 1 })).toBe(true);
  expect(workers).toHaveLength(1);
  await workers[0]!.terminate();
  expect(await check({ n: 2 })).toBe(true);
  expect(workers).toHaveLength(2);
  expect(await check({ n: 3 })).toBe(true);
  expect(workers).toHaveLength(2);
});

it('signs inline what was sent to a worker as it died, each signature valid', async () => {
  const { check } = await signs();
  expect(await check({ n: 0 })).toBe(true);
  const dying = workers.at(-1)!.terminate();
  // Sent before the worker's exit is seen: dropped by the worker, signed here instead.
  const results = await Promise.all(Array.from({ length: 20 }, (_, n) => check({ n })));
  await dying;
  expect(results.every(Boolean)).toBe(true);
  expect(await check({ n: 'after' })).toBe(true);
});
