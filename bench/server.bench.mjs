#!/usr/bin/env node
// react-clickwrap/server throughput, with a baseline in the same run:
//   - a parse-only request (read, bound and parse the JSON body: the floor for any handler);
//   - receipts (the Terms + the privacy policy + an optional consent) verified against the served
//     versions (hashed once at start), countersigned (Ed25519) and appended to the chained log,
//     on SQLite (WAL, synchronous=FULL) and on PostgreSQL (4 connections), p50/p99 latency;
//   - verifying a 25k/50k/100k-entry log (linearity), and countersignatures on 10k.
// The source is bundled with esbuild first (.tmp/server-bench/), so this runs on plain Node.
//   node bench/server.bench.mjs [--receipts 5000] [--concurrency 64] [--runs 3] [--no-postgres] [--no-log]
//     [--inline-sign] [--inline-write]   (sign / write SQLite on the main thread, for an A/B)
// Throughput rows are the median run of --runs (each on a fresh store); log rows are one run.
/* global console, process, performance, Request, Response -- Node globals (bench/ is outside the config's Node files) */
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
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
const catalog = await lib.createCatalog({
  agreement: { id: 'instadesk-terms', versions: [{ version: '2023-01-01', markdown: terms }] },
  additional: [{ id: 'privacy-policy', versions: [{ version: '2024-01-01', markdown: privacy }] }],
  optionalConsents: [MARKETING],
});
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

/** Sends every body through `handler` with CONCURRENCY in flight; checks each status. */
async function load(handler, bodies, expected) {
  const latencies = new Float64Array(bodies.length);
  let next = 0;
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const t = performance.now();
        const response = await handler(request(bodies[i]));
        if (response.status !== expected)
          throw new Error(`request ${i}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
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
const keyring = lib.createKeyring(await lib.generateSigningKey('bench'), [], {
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
const runs = { baseline: [], sqlite: [], postgres: [] };
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
}
const median = (list) => [...list].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(list.length / 2)];
row('baseline: parse-only request', median(runs.baseline));
row('SQLite: verified + countersigned + appended', median(runs.sqlite), 'WAL, synchronous=FULL, batched');
if (runs.postgres.length)
  row('PostgreSQL: verified + countersigned + appended', median(runs.postgres), '4 connections, batched');

// ---- verifying a log ---------------------------------------------------------------------------
const stored = await sqlite.entries(0, 1_000_000);
const skipLog = process.argv.includes('--no-log');
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
  const n = 10_000;
  const t = performance.now();
  const result = await lib.verifyLog(big.slice(0, n), { keys: keyring.jwks(), countersignatures: true });
  const seconds = (performance.now() - t) / 1000;
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  row('verify a 10k-entry log with every countersignature', { n, seconds, perSecond: n / seconds });
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
  '| measure | n | time (s) | per second | p50 (ms) | p99 (ms) | CPU ms/req | main thread CPU ms/req | main thread ceiling (req/s) | note |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(
    `| ${r.measure} | ${fmt(r.n)} | ${fmt(r.seconds, 2)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.cpuMs, 3)} | ${fmt(r.mainMs, 3)} | ${r.mainMs ? fmt((1 / r.mainMs) * 1000) : '–'} | ${r.note} |`,
  );
}
