#!/usr/bin/env node
// react-clickwrap/server throughput, with a baseline in the same run:
//   - a parse-only request (read, bound and parse the JSON body: the floor for any handler);
//   - receipts (the Terms + the privacy policy + an optional consent) verified against the served
//     versions (hashed once at start), countersigned (Ed25519) and appended to the chained log,
//     on SQLite (WAL, synchronous=FULL) and on PostgreSQL (4 connections), p50/p99 latency;
//   - verifying a 25k/50k/100k-entry log (linearity), and the countersignatures of the stored log.
// The source is bundled with esbuild first (.tmp/server-bench/), so this runs on plain Node.
//   node bench/server.bench.mjs [--receipts 5000] [--concurrency 64] [--runs 3] [--no-postgres] [--no-log]
//     [--inline-sign] [--inline-write]   (sign / write SQLite on the main thread, for an A/B)
//     [--instances 2]   (0 leaves the multi-instance rows out)
// Multi-instance rows: the same receipts through --instances handlers at once, each on a worker
// thread over the same store (one SQLite file / one PostgreSQL schema, the 4 connections shared
// out among them), as node:cluster processes would run them, with the same signing key; the
// load generator stays on the main thread and posts each request body to an instance (its CPU
// per request is the "main thread" column there: the load generator's own cost), which builds
// the Request and posts the answer back. Their baseline is parse-only through the same threads
// (that posting included): compare each row with the baseline of its own set-up. After each run
// the shared log is checked: one chain, every receipt once, or the bench fails.
// Throughput rows are the median run of --runs (each on a fresh store); log rows are one run.
/* global console, process, performance, Request, Response -- Node globals (bench/ is outside the config's Node files) */
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { findPostgres, startPostgres } from '../scripts/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECEIPTS = arg('receipts', 5000);
const CONCURRENCY = arg('concurrency', 64);
const RUNS = arg('runs', 3);
// Handler instances for the multi-instance rows (each a worker thread with its own handler, store
// connection, signing thread and, for SQLite, writer thread: what a node:cluster process holds).
const INSTANCES = arg('instances', 2);
// --threads: print each thread's CPU per request after each run (Linux), to see where it goes.
const THREADS = process.argv.includes('--threads');

const outfile = path.join(root, '.tmp', 'server-bench', 'bundle.mjs');
await build({
  stdin: {
    contents: `
      export * from './src/server/index.ts';
      export { openSqliteStore } from './src/server/stores/sqlite.ts';
      export { openPostgresStore } from './src/server/stores/postgres.ts';
      export { readJsonBody, DEFAULT_LIMITS } from './src/server/limits.ts';
      export { signCheckpoint } from './src/server/log.ts';
      export { createReceipt, parseAgreement } from './src/core/index.ts';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg'],
  outfile,
  logLevel: 'warning',
});
const lib = await import(pathToFileURL(outfile).href);

// ---- the documents and the receipts a client would send -------------------------------------
const read = (p) => readFileSync(path.join(root, 'examples/signup/agreements', p), 'utf8');
const terms = read('instadesk-terms/2023-01-01.md');
const privacy = read('privacy-policy/2024-01-01.md');
const MARKETING = { id: 'marketing-email', label: 'Send me Instadesk product news by e-mail.' };
const catalogInput = {
  agreement: { id: 'instadesk-terms', versions: [{ version: '2023-01-01', markdown: terms }] },
  additional: [{ id: 'privacy-policy', versions: [{ version: '2024-01-01', markdown: privacy }] }],
  optionalConsents: [MARKETING],
};
const catalog = await lib.createCatalog(catalogInput);
const parsedTerms = lib.parseAgreement({ id: 'instadesk-terms', version: '2023-01-01', markdown: terms });
const parsedPrivacy = lib.parseAgreement({ id: 'privacy-policy', version: '2024-01-01', markdown: privacy });
const readWhole = (a, shownAt) => ({
  required: 'whole',
  reachedEnd: true,
  reachedEndAt: new Date(shownAt.getTime() + 30_000),
  keyClausesSeen: a.keyClauses.map((c) => c.id),
  keyClausesTotal: a.keyClauses.length,
});

async function makeBodies(n, prefix) {
  const now = new Date();
  const shownAt = new Date(now.getTime() - 60_000);
  const bodies = [];
  for (let i = 0; i < n; i++) {
    const receipt = await lib.createReceipt({
      agreement: parsedTerms,
      shownAt,
      acceptedAt: now,
      signer: { id: `${prefix}-${i}`, name: `Person ${i}` },
      reading: readWhole(parsedTerms, shownAt),
      additionalDocuments: [{ agreement: parsedPrivacy, reading: readWhole(parsedPrivacy, shownAt) }],
      optionalConsents: [{ ...MARKETING, granted: i % 2 === 0, at: i % 2 === 0 ? now : null }],
      locale: 'en-GB',
      uiVariant: 'bench',
    });
    bodies.push({ subject: `${prefix}-${i}`, text: JSON.stringify(receipt) });
  }
  return bodies;
}

const request = (b) =>
  new Request('http://bench/receipts', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': b.subject },
    body: b.text,
  });

/**
 * The main thread's own CPU time in ms (Linux: /proc/self/task/<pid>/stat, 10 ms ticks), or null.
 * Unlike the process's CPU time it leaves out the worker threads, and unlike wall time it does
 * not stretch when other processes take the cores: 1000 / (ms per request) is the most one
 * event loop can take, whatever the machine's load.
 */
function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU ms of every thread of this process by thread id, with its name (Linux), or null. */
function threadsCpuMs() {
  try {
    const out = new Map();
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, {
        name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        ms: (Number(f[11]) + Number(f[12])) * 10,
      });
    }
    return out;
  } catch {
    return null;
  }
}

// ---- several handler instances, each on a worker thread -----------------------------------------
// What one instance runs: the same handler over its own connection to the shared store. The
// parse-only mode is the floor of this set-up (the post to and from the thread included).
const INSTANCE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const threadCpuMs = () => {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return null; }
};
(async () => {
  const lib = await import(workerData.bundle);
  const { mode, docs, key, store: spec } = workerData;
  let handler;
  let store = null;
  if (mode === 'parse') {
    handler = async (req) => {
      const body = await lib.readJsonBody(req, lib.DEFAULT_LIMITS);
      if (!body.ok) throw new Error(body.message);
      return new Response('{}', { status: 200 });
    };
  } else {
    const catalog = await lib.createCatalog(docs);
    const keyring = lib.createKeyring(await lib.importSigningKey(key));
    store = spec.kind === 'sqlite'
      ? lib.openSqliteStore({ path: spec.path, busyTimeoutMs: 10000 })
      : lib.openPostgresStore({ connectionString: spec.url, schema: spec.schema, max: spec.max, busyTimeoutMs: 10000 });
    handler = lib.createClickwrapHandler({ store, keyring, catalog, authenticate: (r) => r.headers.get('x-user') });
  }
  parentPort.on('message', async (m) => {
    if (m.op === 'cpu') return parentPort.postMessage({ op: 'cpu', cpu: threadCpuMs() });
    if (m.op === 'close') {
      await handler.drain?.();
      await store?.close();
      return parentPort.postMessage({ op: 'closed' });
    }
    try {
      const response = await handler(new Request('http://bench/receipts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': m.subject },
        body: m.text,
      }));
      const text = await response.text();
      parentPort.postMessage({ i: m.i, status: response.status, text: response.status >= 300 ? text : '' });
    } catch (error) {
      parentPort.postMessage({ i: m.i, status: 0, text: String(error && error.stack || error) });
    }
  });
  parentPort.postMessage({ op: 'ready' });
})().catch((error) => { throw error; });`;

/**
 * Starts `count` handler instances (worker threads); resolves a sender `(body) => Promise<{ status, text }>`
 * that deals requests round-robin, with `cpu()` (the instances' own thread CPU, ms) and `close()`.
 */
async function startInstances(count, options) {
  const workers = [];
  const waiting = new Map();
  let nextId = 0;
  for (let k = 0; k < count; k++) {
    const worker = new Worker(INSTANCE_SOURCE, {
      eval: true,
      workerData: { bundle: pathToFileURL(outfile).href, ...options },
    });
    const control = [];
    worker.on('message', (m) => {
      if (m.op) return control.shift()?.(m);
      const w = waiting.get(m.i);
      waiting.delete(m.i);
      w(m);
    });
    worker.on('error', (error) => {
      console.error(error);
      process.exit(1);
    });
    const ask = (message) =>
      new Promise((resolve) => {
        control.push(resolve);
        if (message) worker.postMessage(message);
      });
    await ask(null); // ready
    workers.push({ worker, ask });
  }
  let turn = 0;
  /** @type {((b: { subject: string, text: string }) => Promise<{ status: number, text: string }>) & Record<string, unknown>} */
  const send = (b) =>
    new Promise((resolve) => {
      const i = nextId++;
      waiting.set(i, resolve);
      workers[turn++ % count].worker.postMessage({ i, subject: b.subject, text: b.text });
    });
  send.instances = count;
  send.cpu = async () => {
    let sum = 0;
    for (const w of workers) {
      const { cpu } = await w.ask({ op: 'cpu' });
      if (cpu === null) return null;
      sum += cpu;
    }
    return sum;
  };
  send.close = async () => {
    for (const w of workers) await w.ask({ op: 'close' });
    await Promise.all(workers.map((w) => w.worker.terminate()));
  };
  return send;
}

/** Sends every body to the instances of `send` with CONCURRENCY in flight; checks each status. */
async function loadInstances(send, bodies, expected) {
  const before = await send.cpu();
  const r = await load(send, bodies, expected);
  const after = await send.cpu();
  return { ...r, instanceMs: before === null || after === null ? null : (after - before) / bodies.length };
}

/** One request: through a handler in this thread (a Request in, a Response read), or posted to an instance. */
async function call(handler, body) {
  if (handler.instances) return handler(body);
  const response = await handler(request(body));
  return {
    status: response.status,
    text:
      response.status === 201 || response.status === 200
        ? (await response.arrayBuffer(), '')
        : await response.text(),
  };
}

/** Sends every body through `handler` with CONCURRENCY in flight; checks each status. */
async function load(handler, bodies, expected) {
  const latencies = new Float64Array(bodies.length);
  let next = 0;
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const threadsBefore = THREADS ? threadsCpuMs() : null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const t = performance.now();
        const { status, text } = await call(handler, bodies[i]);
        if (status !== expected) throw new Error(`request ${i}: ${status} ${text}`);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  // CPU time per request (this process, all threads) says more than wall time on a shared machine.
  const cpuMs = (used.user + used.system) / 1000 / bodies.length;
  const mainCpuAfter = mainThreadCpuMs();
  if (threadsBefore) {
    const parts = [];
    for (const [tid, t] of threadsCpuMs()) {
      const ms = t.ms - (threadsBefore.get(tid)?.ms ?? 0);
      if (ms > 0) parts.push(`${t.name}#${tid}: ${(ms / bodies.length).toFixed(3)}`);
    }
    console.error(`  CPU ms/request by thread: ${parts.join(', ')}`);
  }
  const mainMs = mainCpu === null || mainCpuAfter === null ? null : (mainCpuAfter - mainCpu) / bodies.length;
  return {
    n: bodies.length,
    seconds,
    perSecond: bodies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    cpuMs,
    mainMs,
  };
}

const rows = [];
const row = (measure, r, note = '') =>
  rows.push({
    measure,
    n: r.n,
    seconds: r.seconds,
    perSecond: r.perSecond,
    p50: r.p50 ?? null,
    p99: r.p99 ?? null,
    cpuMs: r.cpuMs ?? null,
    mainMs: r.mainMs ?? null,
    instanceMs: r.instanceMs ?? null,
    note,
  });

// ---- the runs: baseline, SQLite, PostgreSQL, interleaved, each on a fresh store ---------------
console.error(`making ${RECEIPTS} receipts…`);
const bodies = await makeBodies(RECEIPTS, 'person');
const parseOnly = async (req) => {
  const body = await lib.readJsonBody(req, lib.DEFAULT_LIMITS);
  if (!body.ok) throw new Error(body.message);
  return new Response('{}', { status: 200 });
};
const signingKey = await lib.generateSigningKey('bench');
// Every instance signs with the same key, as a cluster's processes would (one published JWKS).
const signingJwk = await lib.exportSigningKey(signingKey);
const keyring = lib.createKeyring(signingKey, [], {
  signingThread: !process.argv.includes('--inline-sign'),
});
const authenticate = (req) => req.headers.get('x-user');
const warm = await makeBodies(300, 'warm');
await load(parseOnly, warm, 200);

let pgUrl = null;
let pgStop = null;
if (!process.argv.includes('--no-postgres')) {
  pgUrl = process.env.PG_TEST_URL ?? null;
  if (!pgUrl && findPostgres().bin) {
    const cluster = await startPostgres({ ephemeral: true });
    pgStop = cluster.stop;
    pgUrl = cluster.url;
  }
  if (!pgUrl)
    console.error(
      'PostgreSQL not available: no PG_TEST_URL and no PostgreSQL binaries; that row is left out.',
    );
}

const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-bench-'));
const runs = {
  baseline: [],
  sqlite: [],
  postgres: [],
  multiBaseline: [],
  multiSqlite: [],
  multiPostgres: [],
};
let sqlite = null;
for (let run = 0; run < RUNS; run++) {
  console.error(`run ${run + 1}/${RUNS}…`);
  runs.baseline.push(await load(parseOnly, bodies, 200));

  sqlite = lib.openSqliteStore({
    path: path.join(dir, `log-${run}.db`),
    writerThread: !process.argv.includes('--inline-write'),
  });
  const sqliteHandler = lib.createClickwrapHandler({ store: sqlite, keyring, catalog, authenticate });
  await load(sqliteHandler, warm, 201);
  runs.sqlite.push(await load(sqliteHandler, bodies, 201));
  await sqliteHandler.drain();
  if (run < RUNS - 1) await sqlite.close();

  if (pgUrl) {
    const pg = lib.openPostgresStore({
      connectionString: pgUrl,
      schema: `bench_${Date.now()}_${run}`,
      max: 4,
    });
    const pgHandler = lib.createClickwrapHandler({ store: pg, keyring, catalog, authenticate });
    await load(pgHandler, warm, 201);
    runs.postgres.push(await load(pgHandler, bodies, 201));
    await pgHandler.drain();
    await pg.close();
  }

  if (INSTANCES > 0) {
    const parse = await startInstances(INSTANCES, { mode: 'parse' });
    await loadInstances(parse, warm, 200);
    runs.multiBaseline.push(await loadInstances(parse, bodies, 200));
    await parse.close();

    const shared = { mode: 'receipts', docs: catalogInput, key: signingJwk };
    const multiSqlite = await startInstances(INSTANCES, {
      ...shared,
      store: { kind: 'sqlite', path: path.join(dir, `multi-${run}.db`) },
    });
    await loadInstances(multiSqlite, warm, 201);
    runs.multiSqlite.push(await loadInstances(multiSqlite, bodies, 201));
    await multiSqlite.close();
    await checkChain(lib.openSqliteStore({ path: path.join(dir, `multi-${run}.db`), writerThread: false }));

    if (pgUrl) {
      const schema = `bench_multi_${Date.now()}_${run}`;
      const multiPg = await startInstances(INSTANCES, {
        ...shared,
        store: { kind: 'postgres', url: pgUrl, schema, max: Math.max(1, Math.floor(4 / INSTANCES)) },
      });
      await loadInstances(multiPg, warm, 201);
      runs.multiPostgres.push(await loadInstances(multiPg, bodies, 201));
      await multiPg.close();
      await checkChain(lib.openPostgresStore({ connectionString: pgUrl, schema, max: 1 }));
    }
  }
}

/** The shared log the instances left: one chain, every receipt once (else the bench fails). */
async function checkChain(store) {
  const entries = await store.entries(0, 1_000_000);
  await store.close();
  const expected = warm.length + bodies.length;
  const ids = new Set(entries.map((e) => e.id));
  if (entries.length !== expected || ids.size !== expected)
    throw new Error(`multi-instance log: ${entries.length} entries, ${ids.size} ids, expected ${expected}`);
  const verification = await lib.verifyLog(entries);
  if (!verification.ok)
    throw new Error(`multi-instance log: ${JSON.stringify(verification.problems.slice(0, 3))}`);
}
const median = (list) => [...list].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(list.length / 2)];
row('baseline: parse-only request', median(runs.baseline));
row('SQLite: verified + countersigned + appended', median(runs.sqlite), 'WAL, synchronous=FULL, batched');
if (runs.postgres.length)
  row('PostgreSQL: verified + countersigned + appended', median(runs.postgres), '4 connections, batched');
if (runs.multiBaseline.length) {
  const x = `×${INSTANCES} instances`;
  row(`baseline ${x}: parse-only request`, median(runs.multiBaseline), 'worker threads, posted to and from');
  row(
    `SQLite ${x}: verified + countersigned + appended`,
    median(runs.multiSqlite),
    'one file, one connection each',
  );
  if (runs.multiPostgres.length)
    row(
      `PostgreSQL ${x}: verified + countersigned + appended`,
      median(runs.multiPostgres),
      `one schema, ${Math.max(1, Math.floor(4 / INSTANCES))} connections each`,
    );
}

// ---- verifying a log ---------------------------------------------------------------------------
const stored = await sqlite.entries(0, 1_000_000);
const skipLog = process.argv.includes('--no-log');
// Chain-only rows: the stored entries linked again under fresh ids (the chain and the
// checkpoint are what these rows time; countersignatures are checked on the stored log below).
function syntheticLog(n) {
  const entries = [];
  let head = null;
  for (let i = 0; i < n; i++) {
    const model = stored[i % stored.length];
    head = lib.chainEntry(head, { ...model, id: `${model.id}-${i}` });
    entries.push(head);
  }
  return entries;
}
const big = skipLog ? [] : syntheticLog(100_000);
const checkpoint = skipLog ? null : await lib.signCheckpoint(keyring, big.at(-1));
for (const n of skipLog ? [] : [25_000, 50_000, 100_000]) {
  const entries = big.slice(0, n);
  const cp = n === big.length ? [checkpoint] : [];
  const t = performance.now();
  const result = await lib.verifyLog(entries, { keys: keyring.jwks(), checkpoints: cp });
  const seconds = (performance.now() - t) / 1000;
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  row(`verify a ${n / 1000}k-entry log (chain${cp.length ? ' + checkpoint' : ''})`, {
    n,
    seconds,
    perSecond: n / seconds,
  });
}
if (!skipLog) {
  // The log the SQLite run stored, as the server wrote it: with countersignatures, verifyLog also
  // checks each entry is its event's, once, so the synthetic copies above would be replays.
  const n = stored.length;
  const t = performance.now();
  const result = await lib.verifyLog(stored, { keys: keyring.jwks(), countersignatures: true });
  const seconds = (performance.now() - t) / 1000;
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  row(`verify the stored ${n / 1000}k-entry log with every countersignature`, {
    n,
    seconds,
    perSecond: n / seconds,
  });
}
await sqlite.close();
await rm(dir, { recursive: true, force: true });
pgStop?.();

// ---- the table ---------------------------------------------------------------------------------
const fmt = (v, d = 0) =>
  v === null ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `\nreact-clickwrap/server bench — Node ${process.version}, concurrency ${CONCURRENCY}, throughput: median of ${RUNS} runs; load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores\n`,
);
console.log(
  '| measure | n | time (s) | per second | p50 (ms) | p99 (ms) | CPU ms/req (all threads) | CPU ceiling (req/s) | main thread CPU ms/req | main thread ceiling (req/s) | instance threads CPU ms/req | note |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
const cores = os.availableParallelism();
for (const r of rows) {
  console.log(
    `| ${r.measure} | ${fmt(r.n)} | ${fmt(r.seconds, 2)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.cpuMs, 3)} | ${r.cpuMs ? fmt((cores / r.cpuMs) * 1000) : '–'} | ${fmt(r.mainMs, 3)} | ${r.mainMs ? fmt((1 / r.mainMs) * 1000) : '–'} | ${fmt(r.instanceMs, 3)} | ${r.note} |`,
  );
}
console.log(
  `\nCPU ceiling: ${cores} cores / CPU per request (every thread of this process: load generator, handlers, signing, writing; PostgreSQL's own processes not counted). ` +
    'Main thread: the handler and the load generator in the single-instance rows, only the load generator (posting bodies, reading answers) in the ×N rows; ' +
    'instance threads: the handlers of the ×N rows (their signing and writer threads not included).',
);
