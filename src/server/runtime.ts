/**
 * Node's built-in modules, reached at run time rather than imported: the server entry imports
 * only web standards (Web Crypto, TextEncoder, streams), so it bundles and loads on edge runtimes
 * and anywhere else without Node's modules. Where they are there (Node ≥ 20.16, Bun, Deno, and
 * runtimes with Node compatibility, through `process.getBuiltinModule`), the server uses them for
 * speed: synchronous hashing and signing, and a signing thread.
 */
import type * as NodeCrypto from 'node:crypto';
import type * as NodeOs from 'node:os';
import type * as NodeWorkerThreads from 'node:worker_threads';

interface Builtins {
  'node:crypto': typeof NodeCrypto;
  'node:os': typeof NodeOs;
  'node:worker_threads': typeof NodeWorkerThreads;
}

type GetBuiltinModule = (id: string) => unknown;

/**
 * The built-in module `id`, or null where the runtime has no `process.getBuiltinModule` (a
 * browser, an edge runtime without Node compatibility, Node before 20.16) or lacks that module.
 */
export function nodeBuiltin<K extends keyof Builtins>(id: K): Builtins[K] | null {
  const runtime = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process;
  if (typeof runtime?.getBuiltinModule !== 'function') return null;
  try {
    return (runtime.getBuiltinModule(id) as Builtins[K] | undefined) ?? null;
  } catch {
    return null;
  }
}
