// The signup server's consent throughput: how many receipts per second one server process
// verifies (recomputing the hash of both documents a signup accepts, the Terms and the privacy
// policy, from the texts it served) and stores in SQLite (the consent, its two document rows and
// its optional-consent row, in one transaction).
//
//   node examples/signup/bench/throughput.mjs [--runs 5] [--seconds 2] [--concurrency 16]
//
// It starts the real server (server/main.mjs, one process) on a free loopback port with a temp
// database, makes distinct valid receipts with createReceipt (react-clickwrap/core), and POSTs them
// with bounded concurrency for a bounded time per run. Each receipt is what the app sends at
// signup: the Terms, the privacy policy as an additional document, and the marketing consent. Every figure is the median of the runs,
// next to a baseline measured in the same run: the same bodies POSTed to an endpoint that only
// reads and parses the JSON (POST /api/admin/parse-only). The difference is the cost of verifying
// and storing. In-process figures split that cost between verifyReceipt and the SQLite insert.
// It also times diffAgreements on the default agreement and its five-edit version (the re-consent
// notice), against parseAgreement of both versions. Nothing here asserts a time.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffAgreements, parseAgreement, receiptDocuments, serializeReceipt, verifyReceipt } from 'react-clickwrap/core';
import { openStore } from '../server/db.mjs';
import { makeReceipt, parseServed } from '../e2e/receipts.mjs';

const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    accounts: { type: 'string', default: '100' },
  },
});
const RUNS = Number(args.runs);
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);
const ACCOUNTS = Number(args.accounts);

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---- the server ---------------------------------------------------------------------------------

const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-bench-'));
const child = spawn(process.execPath, [path.join(EXAMPLE_DIR, 'server/main.mjs')], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SIGNUP_DB: path.join(dir, 'consents.db') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(new URL(m[1]));
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** POSTs a body; resolves with the status. */
function post(route, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: route, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * POSTs `bodies` (each at most once) to `route` with CONCURRENCY requests in flight, until they
 * run out or SECONDS pass. Returns requests per second and the statuses seen.
 */
async function load(route, bodies) {
  let next = 0;
  let done = 0;
  const statuses = new Map();
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  async function worker() {
    while (next < bodies.length && performance.now() < deadline) {
      const status = await post(route, bodies[next++]);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      done++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: done / seconds, done, exhausted: next >= bodies.length, statuses };
}

// ---- receipts -----------------------------------------------------------------------------------

const served = await (await fetch(new URL('/api/agreements/instadesk-terms', url))).json();
const agreement = parseServed(served);
const privacy = parseServed(await (await fetch(new URL('/api/agreements/privacy-policy', url))).json());
const optionalConsents = served.optionalConsents.map((/** @type {{ id: string, label: string }} */ o, /** @type {number} */ i) => ({
  ...o,
  granted: i % 2 === 0,
  at: i % 2 === 0 ? new Date() : null,
}));
const accountIds = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const res = await fetch(new URL('/api/accounts', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${i}@example.test`, name: `Bench ${i}` }),
  });
  accountIds.push((await res.json()).account.id);
}

// A first, short run sizes the receipt pool: each run needs its own unused receipts.
process.stdout.write('Making receipts… ');
const t0 = performance.now();
const make = async (n) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(JSON.stringify(await makeReceipt(agreement, accountIds[i % accountIds.length], { optionalConsents }, [privacy])));
  }
  return out;
};
const probe = await make(2000);
const probeRate = (await load('/api/consents', probe)).perSecond;
const perRun = Math.ceil(probeRate * SECONDS * 2) + CONCURRENCY; // later runs on a warm process go faster
const pool = await make(perRun * RUNS);
process.stdout.write(`${fmt(pool.length + probe.length)} in ${fmt((performance.now() - t0) / 1000, 1)} s\n`);

// ---- runs ---------------------------------------------------------------------------------------

const store = [];
const baseline = [];
let stored = 0;
for (let r = 0; r < RUNS; r++) {
  const bodies = pool.slice(r * perRun, (r + 1) * perRun);
  // Alternate the order so neither side always runs on a warmer process.
  const runStore = async () => {
    const result = await load('/api/consents', bodies);
    if (result.statuses.size !== 1 || !result.statuses.has(201)) {
      throw new Error(`unexpected statuses: ${JSON.stringify([...result.statuses])}`);
    }
    if (result.exhausted) console.warn(`run ${r + 1}: ran out of receipts before ${SECONDS} s`);
    stored += result.done;
    store.push(result.perSecond);
  };
  const runBaseline = async () => baseline.push((await load('/api/admin/parse-only', bodies)).perSecond);
  if (r % 2) {
    await runBaseline();
    await runStore();
  } else {
    await runStore();
    await runBaseline();
  }
}

const countRes = await fetch(new URL('/api/admin/stats', url));
const serverStats = (await countRes.json()).consents;
agent.destroy();
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));

// ---- in-process split: verifyReceipt alone, the insert alone ---------------------------------------

const sample = pool.slice(0, 2000).map((b) => JSON.parse(b));
const verifyTimes = [];
for (let r = 0; r < RUNS; r++) {
  const start = performance.now();
  for (const receipt of sample) {
    const v = await verifyReceipt(receipt, agreement.markdown, {
      agreementId: agreement.id,
      version: agreement.version,
      additionalDocuments: { [privacy.id]: { markdown: privacy.markdown, version: privacy.version } },
    });
    if (!v.ok) throw new Error('invalid sample receipt');
  }
  verifyTimes.push((performance.now() - start) / sample.length);
}
const memStore = openStore(path.join(dir, 'split.db'));
memStore.insertAccount({ account_id: 'x', email: 'x@example.test', name: 'X', kind: 'person', created_at: new Date().toISOString() });
const insertTimes = [];
for (let r = 0; r < RUNS; r++) {
  const rows = sample.map((receipt) => ({
    row: {
      receipt_id: `${r}-${receipt.receiptId}`,
      account_id: 'x',
      agreement_id: receipt.agreement.id,
      version: receipt.agreement.version,
      sha256: receipt.agreement.sha256,
      accepted_at: receipt.acceptedAt,
      received_at: new Date().toISOString(),
      receipt_json: serializeReceipt(receipt),
    },
    documents: receiptDocuments(receipt).map((d, position) => ({
      position,
      document_id: d.id,
      version: d.version,
      sha256: d.sha256,
      required: d.reading.required,
      reached_end: d.reading.reachedEnd ? 1 : 0,
    })),
    options: receipt.optionalConsents.map((o) => ({ option_id: o.id, label: o.label, granted: o.granted ? 1 : 0, at: o.at })),
  }));
  const start = performance.now();
  for (const { row, documents, options } of rows) memStore.insertConsent(row, documents, options);
  insertTimes.push((performance.now() - start) / rows.length);
}
memStore.close();

// ---- diffAgreements --------------------------------------------------------------------------------

const v1Text = await readFile(path.join(EXAMPLE_DIR, 'agreements/instadesk-terms/2023-01-01.md'), 'utf8');
const v2Text = await readFile(path.join(EXAMPLE_DIR, 'agreements/instadesk-terms/2025-06-01.md'), 'utf8');
const parseBoth = () => [
  parseAgreement({ id: 'instadesk-terms', version: '1', markdown: v1Text }),
  parseAgreement({ id: 'instadesk-terms', version: '2', markdown: v2Text }),
];
const [p1, p2] = parseBoth();
const timeIt = (fn, runs = 20, warmup = 3) => {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
};
const diffMs = timeIt(() => diffAgreements(p1, p2));
const parseMs = timeIt(parseBoth);
const diff = diffAgreements(p1, p2);

await rm(dir, { recursive: true, force: true });

// ---- report ----------------------------------------------------------------------------------------

const storeMedian = median(store);
const baselineMedian = median(baseline);
console.log(`\nSigned-up consent server: one process, node ${process.version}, ${os.cpus().length} CPUs, loopback HTTP/1.1 keep-alive,`);
console.log(`${CONCURRENCY} requests in flight, ${RUNS} runs of ≤ ${SECONDS} s, receipts of ~${fmt(pool[0].length / 1024, 1)} KB, SQLite WAL (synchronous=NORMAL).`);
console.log('Each receipt accepts two documents (the Terms and the privacy policy: two hashes recomputed) and records one optional consent.');
console.table([
  { name: 'verify 2 documents + store (POST /api/consents)', 'receipts/s (median)': Math.round(storeMedian), runs: store.map((x) => Math.round(x)).join(' ') },
  { name: 'baseline: parse JSON only (same bodies)', 'receipts/s (median)': Math.round(baselineMedian), runs: baseline.map((x) => Math.round(x)).join(' ') },
]);
console.log(
  `Verifying and storing costs ${fmt(1000 / storeMedian - 1000 / baselineMedian, 3)} ms of server time per receipt ` +
    `over the baseline's ${fmt(1000 / baselineMedian, 3)} ms (${fmt(storeMedian / baselineMedian * 100)}% of the baseline's throughput).`,
);
console.log(`Stored ${fmt(stored)} receipts in the measured runs (the server counted ${fmt(serverStats.stored)} stored with the sizing run, ${serverStats.rejected} rejected).`);
console.table([
  { name: 'verifyReceipt, Terms + privacy policy (in process)', 'ms per receipt (median)': +median(verifyTimes).toFixed(4) },
  { name: 'SQLite insert: consent + 2 documents + 1 option (in process, WAL)', 'ms per receipt (median)': +median(insertTimes).toFixed(4) },
]);
console.log('\ndiffAgreements: the default agreement vs withFiveChanges (20 runs, median)');
console.table([
  { name: `diffAgreements (${diff.changes.length} changes)`, ms: +diffMs.toFixed(3) },
  { name: 'baseline: parseAgreement of both versions', ms: +parseMs.toFixed(3) },
]);
