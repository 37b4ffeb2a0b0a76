/**
 * One conformance suite for every LogStore: append-only enforced by the database, idempotent by
 * id, one chain under concurrent writers from several processes. Each store's test file calls
 * `describeStoreConformance` with a way to open a fresh, empty store.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLog } from '../log-verify';
import type { LogEntryInput, LogStore } from '../log';
import type { WorkerSpec } from './conformance-worker';

/** A fresh, empty store to test, and raw database access to play an attacker with. */
export interface ConformanceTarget {
  /** Opens a connection (call it several times for several writers). */
  open(): LogStore;
  /** Runs SQL as the app's database user would, bypassing the store. */
  raw(sql: string): Promise<void>;
  /** How a child process opens the same store. */
  worker: WorkerSpec['store'];
  /** Removes the store's data. */
  cleanup(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
let workerBundle: Promise<string> | null = null;

/** The worker bundled once per test run (external native modules resolve from the repository). */
function bundleWorker(): Promise<string> {
  workerBundle ??= (async () => {
    const outfile = path.join(root, '.tmp', `conformance-worker-${process.pid}.mjs`);
    await mkdir(path.dirname(outfile), { recursive: true });
    await build({
      entryPoints: [path.join(here, 'conformance-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', 'pg'],
      outfile,
      logLevel: 'silent',
    });
    return outfile;
  })();
  return workerBundle;
}

/** An entry input with defaults, for tests. */
export const input = (id: string, over: Partial<LogEntryInput> = {}): LogEntryInput => ({
  id,
  kind: 'receipt',
  subject: 'alice',
  receivedAt: '2026-01-01T00:00:00.000Z',
  bodyHash: 'a'.repeat(64),
  payload: JSON.stringify({ id }),
  ...over,
});

/** Registers the suite for one store. */
export function describeStoreConformance(name: string, fresh: () => Promise<ConformanceTarget>): void {
  describe(`${name} store conformance`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function target() {
      const t = await fresh();
      cleanups.push(t.cleanup);
      return t;
    }
    function opened(t: ConformanceTarget) {
      const store = t.open();
      cleanups.push(() => store.close());
      return store;
    }

    it('appends entries as one chain that verifies', async () => {
      const store = opened(await target());
      const results = await store.append([input('a'), input('b')]);
      await store.append([input('c', { subject: 'bob' })]);
      expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
      const entries = await store.entries(0, 100);
      expect(entries.map((e) => [e.seq, e.id])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]);
      expect(await store.head()).toEqual({ seq: 3, hash: entries[2]?.hash });
      expect((await verifyLog(entries)).ok).toBe(true);
      expect((await store.bySubject('alice', 10)).map((e) => e.id)).toEqual(['a', 'b']);
      expect((await store.bySubject('alice', 1)).map((e) => e.id)).toEqual(['b']);
      expect((await store.get('c'))?.subject).toBe('bob');
      expect(await store.get('nope')).toBeNull();
    });

    it("says whether an entry stored is its subject's first: across batches, within one, and after a repeat", async () => {
      const store = opened(await target());
      const first = (results: Awaited<ReturnType<LogStore['append']>>) =>
        results.map((r) => (r.status === 'stored' ? r.firstOfSubject : r.status));
      // alice twice in one batch, bob once; then alice again and carol; then a repeat of bob's.
      expect(first(await store.append([input('a1'), input('b1', { subject: 'bob' }), input('a2')]))).toEqual([
        true,
        true,
        false,
      ]);
      expect(
        first(await store.append([input('a3', { kind: 'withdrawal' }), input('c1', { subject: 'carol' })])),
      ).toEqual([false, true]);
      expect(
        first(await store.append([input('b1', { subject: 'bob' }), input('b2', { subject: 'bob' })])),
      ).toEqual(['duplicate', false]);
      // A subject is told apart exactly, not by prefix or case.
      expect(
        first(await store.append([input('x1', { subject: 'ALICE' }), input('x2', { subject: 'alic' })])),
      ).toEqual([true, true]);
    });

    it("pages through a subject's entries, oldest first, after a seq: every one, however many", async () => {
      const store = opened(await target());
      // 1,203 entries of alice's and 7 of bob's among them: more than two pages.
      const ids = Array.from({ length: 1210 }, (_, i) => `e${i}`);
      for (let start = 0; start < ids.length; start += 250) {
        await store.append(
          ids.slice(start, start + 250).map((id, j) =>
            input(id, {
              subject: (start + j) % 173 === 5 ? 'bob' : 'alice',
              kind: (start + j) % 10 === 3 ? 'withdrawal' : 'receipt',
            }),
          ),
        );
      }
      const alice = ids.filter((_, i) => i % 173 !== 5);
      const read: string[] = [];
      let after = 0;
      for (let page = await store.bySubjectAfter('alice', after, 500); ;) {
        expect(page.length).toBeLessThanOrEqual(500);
        expect(page.every((e) => e.subject === 'alice' && e.seq > after)).toBe(true);
        read.push(...page.map((e) => e.id));
        if (page.length < 500) break;
        after = page.at(-1)!.seq;
        page = await store.bySubjectAfter('alice', after, 500);
      }
      expect(read).toEqual(alice);
      expect((await store.bySubjectAfter('bob', 0, 100)).map((e) => e.id)).toEqual(
        ids.filter((_, i) => i % 173 === 5),
      );
      expect((await store.bySubjectAfter('alice', 1210, 10)).map((e) => e.id)).toEqual([]);
      expect(await store.bySubjectAfter('carol', 0, 10)).toEqual([]);
      // Full entries, as stored.
      const [first] = await store.bySubjectAfter('alice', 0, 1);
      expect(first).toEqual(await store.get('e0'));
      // Only one kind, when asked: alice's withdrawals (every tenth entry), paged the same way.
      const withdrawals = ids.filter((_, i) => i % 10 === 3 && i % 173 !== 5);
      const firstPage = await store.bySubjectAfter('alice', 0, 100, 'withdrawal');
      expect(firstPage.map((e) => e.id)).toEqual(withdrawals.slice(0, 100));
      const rest = await store.bySubjectAfter('alice', firstPage.at(-1)!.seq, 100, 'withdrawal');
      expect(rest.map((e) => e.id)).toEqual(withdrawals.slice(100));
      expect(rest.every((e) => e.kind === 'withdrawal')).toBe(true);
      expect(await store.bySubjectAfter('alice', 0, 10, 'decline')).toEqual([]);
    });

    it('is idempotent by id: the same body gives the stored entry, another body a conflict', async () => {
      const store = opened(await target());
      const [first] = await store.append([input('r1', { receivedAt: '2026-01-01T00:00:00.000Z' })]);
      const [again] = await store.append([input('r1', { receivedAt: '2026-01-02T00:00:00.000Z' })]);
      const [other] = await store.append([input('r1', { bodyHash: 'c'.repeat(64) })]);
      expect(first?.status).toBe('stored');
      expect(again).toEqual({ status: 'duplicate', entry: first?.status === 'stored' ? first.entry : null });
      expect(other).toEqual({ status: 'conflict', id: 'r1' });
      const inOneBatch = await store.append([
        input('r2'),
        input('r2'),
        input('r2', { bodyHash: 'd'.repeat(64) }),
      ]);
      expect(inOneBatch.map((r) => r.status)).toEqual(['stored', 'duplicate', 'conflict']);
      expect((await store.entries(0, 10)).map((e) => e.id)).toEqual(['r1', 'r2']);
    });

    it('refuses UPDATE, DELETE and an insert off the head in the database itself', async () => {
      const t = await target();
      const store = opened(t);
      await store.append([input('a'), input('b')]);
      await store.addCheckpoint({
        count: 2,
        head: (await store.head())!.hash,
        at: '2026-01-01T00:00:00.000Z',
        jws: 'x..y',
      });
      await expect(t.raw("UPDATE clickwrap_log SET payload = '{}' WHERE id = 'a'")).rejects.toThrow(
        /append-only/,
      );
      await expect(t.raw("DELETE FROM clickwrap_log WHERE id = 'b'")).rejects.toThrow(/append-only/);
      await expect(t.raw("UPDATE clickwrap_checkpoints SET head = 'x'")).rejects.toThrow(/append-only/);
      await expect(t.raw('DELETE FROM clickwrap_checkpoints')).rejects.toThrow(/append-only/);
      await expect(
        t.raw(`INSERT INTO clickwrap_log (seq, id, kind, subject, received_at, body_hash, prev, hash, payload)
               VALUES (7, 'forged', 'receipt', 'x', 'x', 'x', '${'0'.repeat(64)}', 'h', '{}')`),
      ).rejects.toThrow(/extend the chain/);
      const entries = await store.entries(0, 10);
      expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
      expect((await verifyLog(entries)).ok).toBe(true);
      expect((await store.checkpoints()).map((c) => c.count)).toEqual([2]);
    });

    it('keeps one chain, without duplicates, when 4 processes × 2 writers append at once', async () => {
      const t = await target();
      const script = await bundleWorker();
      const unique = 15;
      const shared = 5;
      const run = promisify(execFile);
      const outputs = await Promise.all(
        Array.from({ length: 4 }, (_, p) => {
          const spec: WorkerSpec = { store: t.worker, name: `p${p}`, writers: 2, unique, shared };
          return run(process.execPath, [script, JSON.stringify(spec)], { cwd: root, timeout: 60_000 });
        }),
      );
      const stored = outputs.flatMap((o) => (JSON.parse(o.stdout.trim()) as { stored: string[] }).stored);
      const store = opened(t);
      const entries = await store.entries(0, 10_000);
      const expected = 4 * 2 * unique + shared;
      expect(entries).toHaveLength(expected);
      expect(new Set(entries.map((e) => e.id)).size).toBe(expected);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
      expect(stored.sort()).toEqual(entries.map((e) => e.id).sort());
      const verification = await verifyLog(entries);
      expect(verification.problems).toEqual([]);
    }, 90_000);

    it('keeps a chain that verifies, each entry once, when a writer process is killed mid-burst', async () => {
      const t = await target();
      const script = await bundleWorker();
      const spec: WorkerSpec = { store: t.worker, name: 'killed', writers: 2, unique: 100_000, shared: 0 };
      const child = spawn(process.execPath, [script, JSON.stringify(spec)], { cwd: root, stdio: 'ignore' });
      const store = opened(t);
      // Kill it once it has written something, mid-transaction as likely as not.
      for (let i = 0; i < 200 && ((await store.head())?.seq ?? 0) < 50; i++)
        await new Promise((r) => setTimeout(r, 25));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      // A database server may still finish a COMMIT the killed client had sent: wait until the head is still.
      let head = await store.head();
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await store.head();
        if (now?.seq === head?.seq) break;
        head = now;
      }
      const entries = await store.entries(0, 1_000_000);
      expect(entries.length).toBeGreaterThanOrEqual(50);
      expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
      expect((await verifyLog(entries)).problems).toEqual([]);
      // The store takes appends after the crash, on the same chain.
      const [next] = await store.append([input('after-crash')]);
      expect(next).toMatchObject({ status: 'stored', entry: { seq: entries.length + 1 } });
    }, 60_000);
  });
}
