/**
 * A child process of the conformance suite's concurrency test: opens `writers` connections to the
 * store named on the command line and appends from all of them at once. Bundled with esbuild by
 * the suite; prints one JSON line with what it stored.
 */
import type { LogStore } from '../log';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';

/** What the suite passes (as JSON in argv[2]). */
export interface WorkerSpec {
  /** Which store and where. */
  store: { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string; schema: string };
  /** A prefix that makes this process's ids unique. */
  name: string;
  /** Connections (writers) in this process. */
  writers: number;
  /** Entries each writer appends with ids of its own. */
  unique: number;
  /** Ids every writer of every process appends too (same body): stored once. */
  shared: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec;
const open = (): LogStore =>
  spec.store.kind === 'sqlite'
    ? openSqliteStore({ path: spec.store.path, busyTimeoutMs: 30_000 })
    : openPostgresStore({ connectionString: spec.store.connectionString, schema: spec.store.schema, max: 1 });

const entry = (id: string) => ({
  id,
  kind: 'receipt' as const,
  subject: `subject-${id.length % 3}`,
  receivedAt: '2026-01-01T00:00:00.000Z',
  bodyHash: 'b'.repeat(64),
  payload: JSON.stringify({ id }),
});

async function writer(w: number) {
  const store = open();
  const stored: string[] = [];
  for (let i = 0; i < spec.unique; i++) {
    const ids = [`${spec.name}-w${w}-${i}`];
    if (i < spec.shared) ids.push(`shared-${i}`);
    for (const result of await store.append(ids.map(entry))) {
      if (result.status === 'stored') stored.push(result.entry.id);
      if (result.status === 'conflict') throw new Error(`conflict on ${result.id}`);
    }
  }
  await store.close();
  return stored;
}

const results = await Promise.all(Array.from({ length: spec.writers }, (_, w) => writer(w)));
process.stdout.write(`${JSON.stringify({ stored: results.flat() })}\n`);
