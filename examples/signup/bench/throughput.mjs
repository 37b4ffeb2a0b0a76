// The signup server's consent throughput: how many receipts per second one server process
// (react-clickwrap/server behind the example's session) verifies against the versions it served
// (the Terms and the privacy policy, each hashed once at start), countersigns (Ed25519) and
// appends to the chained SQLite log (WAL, synchronous=FULL, appends batched).
//
//   node examples/signup/bench/throughput.mjs [--runs 5] [--seconds 2] [--concurrency 16]
//
// It starts the real server (server/main.mjs, one process) on a free loopback port with a temp
// database, makes distinct valid receipts with createReceipt (react-clickwrap/core), and POSTs them
// with bounded concurrency for a bounded time per run. Each receipt is what the app sends at
// signup: the Terms, the privacy policy as an additional document, and the marketing consent. Every figure is the median of the runs,
// next to a baseline measured in the same run: the same bodies POSTed to an endpoint that only
// reads and parses the JSON (POST /api/admin/parse-only). The difference is the cost of verifying
// and storing. In-process figures: core's verifyReceipt alone, and the entry's handler without HTTP.
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
import { diffAgreements, parseAgreement, verifyReceipt } from 'react-clickwrap/core';
import {
  createCatalog,
  createClickwrapHandler,
  createKeyring,
  generateSigningKey,
} from 'react-clickwrap/server';
import { openSqliteStore } from 'react-clickwrap/server/sqlite';
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
const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

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

/** POSTs a body (with the signer's session cookie); resolves with the status. */
function post(route, { body, cookie }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: route,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie },
      },
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

const served = await (await fetch(new URL('/api/clickwrap/agreements/instadesk-terms', url))).json();
const agreement = parseServed(served);
const privacy = parseServed(
  await (await fetch(new URL('/api/clickwrap/agreements/privacy-policy', url))).json(),
);
const offers = await (await fetch(new URL('/api/offers', url))).json();
const optionalConsents = offers.optionalConsents.map(
  (/** @type {{ id: string, label: string }} */ o, /** @type {number} */ i) => ({
    ...o,
    granted: i % 2 === 0,
    at: i % 2 === 0 ? new Date() : null,
  }),
);
/** @type {{ id: string, cookie: string }[]} */
const accounts = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const res = await fetch(new URL('/api/accounts', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${i}@example.test`, name: `Bench ${i}` }),
  });
  accounts.push({
    id: (await res.json()).account.id,
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0],
  });
}

// A first, short run sizes the receipt pool: each run needs its own unused receipts.
process.stdout.write('Making receipts… ');
const t0 = performance.now();
const make = async (n) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    const who = accounts[i % accounts.length];
    out.push({
      body: JSON.stringify(await makeReceipt(agreement, who.id, { optionalConsents }, [privacy])),
      cookie: who.cookie,
    });
  }
  return out;
};
const probe = await make(2000);
const probeRate = (await load('/api/clickwrap/receipts', probe)).perSecond;
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
    const result = await load('/api/clickwrap/receipts', bodies);
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

const sample = pool.slice(0, 2000).map((b) => JSON.parse(b.body));
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
// The entry's handler in process (no HTTP, no session): verify, countersign, append, on a fresh file.
const catalog = await createCatalog({
  agreement: {
    id: agreement.id,
    versions: [{ version: agreement.version, markdown: agreement.markdown }],
    reading: 'changes',
  },
  additional: [{ id: privacy.id, versions: [{ version: privacy.version, markdown: privacy.markdown }] }],
  optionalConsents: offers.optionalConsents,
});
const keyring = createKeyring(await generateSigningKey('bench'));
const handlerTimes = [];
for (let r = 0; r < RUNS; r++) {
  const store = openSqliteStore({ path: path.join(dir, `handler-${r}.db`) });
  const handler = createClickwrapHandler({
    store,
    keyring,
    catalog,
    authenticate: (request) => request.headers.get('x-subject'),
  });
  const requests = sample.map(
    (receipt) =>
      new Request('http://bench/receipts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-subject': receipt.signer.id },
        body: JSON.stringify(receipt),
      }),
  );
  const start = performance.now();
  const statuses = await Promise.all(
    requests.map((request) => handler(request).then((response) => response.status)),
  );
  handlerTimes.push((performance.now() - start) / requests.length);
  if (statuses.some((status) => status !== 201))
    throw new Error(`in-process handler: ${statuses.find((s) => s !== 201)}`);
  await handler.drain();
  await store.close();
}

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
console.log(
  `\nSigned-up consent server: one process, node ${process.version}, ${os.cpus().length} CPUs, loopback HTTP/1.1 keep-alive,`,
);
console.log(
  `${CONCURRENCY} requests in flight, ${RUNS} runs of ≤ ${SECONDS} s, receipts of ~${fmt(pool[0].body.length / 1024, 1)} KB, SQLite WAL (synchronous=FULL), one chained log.`,
);
console.log(
  'Each receipt accepts two documents (the Terms and the privacy policy, compared with the hashes made at start), records one optional consent, is countersigned (Ed25519) and appended.',
);
console.table([
  {
    name: 'verify + countersign + append (POST /api/clickwrap/receipts)',
    'receipts/s (median)': Math.round(storeMedian),
    runs: store.map((x) => Math.round(x)).join(' '),
  },
  {
    name: 'baseline: parse JSON only (same bodies)',
    'receipts/s (median)': Math.round(baselineMedian),
    runs: baseline.map((x) => Math.round(x)).join(' '),
  },
]);
console.log(
  `Verifying and storing costs ${fmt(1000 / storeMedian - 1000 / baselineMedian, 3)} ms of server time per receipt ` +
    `over the baseline's ${fmt(1000 / baselineMedian, 3)} ms (${fmt((storeMedian / baselineMedian) * 100)}% of the baseline's throughput).`,
);
console.log(
  `Stored ${fmt(stored)} receipts in the measured runs (the server counted ${fmt(serverStats.stored)} stored with the sizing run, ${serverStats.rejected} rejected).`,
);
console.table([
  {
    name: 'verifyReceipt, Terms + privacy policy (in process)',
    'ms per receipt (median)': +median(verifyTimes).toFixed(4),
  },
  {
    name: "the entry's handler, no HTTP: verify + countersign + append (in process)",
    'ms per receipt (median)': +median(handlerTimes).toFixed(4),
  },
]);
console.log('\ndiffAgreements: the default agreement vs withFiveChanges (20 runs, median)');
console.table([
  { name: `diffAgreements (${diff.changes.length} changes)`, ms: +diffMs.toFixed(3) },
  { name: 'baseline: parseAgreement of both versions', ms: +parseMs.toFixed(3) },
]);
