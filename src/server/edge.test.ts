/**
 * react-clickwrap/server outside Node: its entry reaches no Node module when bundled for an edge
 * runtime, and the handler path (keys, countersignatures, the log) works with web standards
 * only — no `process.getBuiltinModule`, no `Buffer`, no `setImmediate`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The Node modules that importing `entry` loads, as an edge bundler sees them (platform
 * neutral): the imports of the bundled file that no bundler can resolve for the web.
 */
export async function nodeImportsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    // Dependencies stay imports (they are the app bundler's); Node's modules are listed below.
    packages: 'external',
    outdir: 'edge-probe',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.kind !== 'dynamic-import' && isBuiltin(i.path))
    .map((i) => i.path)
    .sort();
}

it('the entry imports no Node module (it bundles for an edge runtime)', async () => {
  expect(await nodeImportsOf(path.join(here, 'index.ts'))).toEqual([]);
});

// Texts of 0 to 130 characters (SHA-256 pads to 64-byte blocks), some of them beyond ASCII.
const SAMPLES = Array.from({ length: 131 }, (_, n) =>
  Array.from({ length: n }, (_, i) =>
    n % 3 === 0 ? ['é', '€', '😀'][i % 3] : String.fromCharCode(32 + ((i * 7 + n) % 95)),
  ).join(''),
);

// A Request in, a countersigned record out, checked as a verifier would: the whole entry and its
// dependencies bundled for the web, run where Node's extras are gone.
const PROBE = `
import { createReceipt, parseAgreement } from ${JSON.stringify(path.join(here, '../core/index.ts'))};
import {
  chainEntry, createCatalog, createClickwrapHandler, createKeyring, exportLog, generateSigningKey,
  verifyCountersignedReceipt, verifyLog,
} from ${JSON.stringify(path.join(here, 'index.ts'))};
import { base64url, fromBase64url, sha256HexSync } from ${JSON.stringify(path.join(here, 'jcs.ts'))};

const SAMPLES = ${JSON.stringify(SAMPLES)};
const entries = [];
const checkpoints = [];
const store = {
  async append(inputs) {
    return inputs.map((input) => {
      const same = entries.find((e) => e.id === input.id);
      if (same) return same.bodyHash === input.bodyHash ? { status: 'duplicate', entry: same } : { status: 'conflict', id: input.id };
      const entry = chainEntry(entries.at(-1) ?? null, input);
      entries.push(entry);
      return { status: 'stored', entry };
    });
  },
  get: async (id) => entries.find((e) => e.id === id) ?? null,
  head: async () => (entries.length ? { seq: entries.at(-1).seq, hash: entries.at(-1).hash } : null),
  bySubject: async (subject, limit) => entries.filter((e) => e.subject === subject).slice(-limit),
  bySubjectAfter: async (subject, after, limit, kind) =>
    entries.filter((e) => e.subject === subject && e.seq > after && (!kind || e.kind === kind)).slice(0, limit),
  entries: async (after, limit) => entries.filter((e) => e.seq > after).slice(0, limit),
  addCheckpoint: async (c) => void checkpoints.push(c),
  checkpoints: async () => [...checkpoints],
  close: async () => {},
};

const markdown = '# Terms\\n\\nYou agree to these terms.\\n';
const catalog = await createCatalog({ agreement: { id: 'terms', versions: [{ version: '1', markdown }] } });
const keyring = createKeyring(await generateSigningKey('edge-1'));
const handler = createClickwrapHandler({
  store, keyring, catalog, basePath: '/api/clickwrap',
  authenticate: (request) => request.headers.get('x-user'),
});
const agreement = parseAgreement({ id: 'terms', version: '1', markdown });
const now = Date.now();
const receipt = await createReceipt({
  agreement, shownAt: new Date(now - 60_000), acceptedAt: new Date(now), signer: { id: 'alice' },
  reading: { required: 'whole', reachedEnd: true, reachedEndAt: new Date(now - 10_000), keyClausesSeen: [], keyClausesTotal: 0 },
  locale: 'en', uiVariant: 'edge',
});
const posted = await handler(new Request('http://edge.test/api/clickwrap/receipts', {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-user': 'alice' }, body: JSON.stringify(receipt),
}));
const record = await posted.text();
const keys = await (await handler(new Request('http://edge.test/api/clickwrap/.well-known/jwks.json'))).json();
const receiptCheck = await verifyCountersignedReceipt(record, { keys, text: markdown });
let lines = '';
for await (const line of exportLog(store)) lines += line;
const log = await verifyLog(lines.trim().split('\\n').map((l) => JSON.parse(l)), { keys, countersignatures: true });
console.log(JSON.stringify({
  missing: [globalThis.Buffer ?? 'Buffer', globalThis.setImmediate ?? 'setImmediate', process.getBuiltinModule ?? 'getBuiltinModule'],
  // The JS SHA-256 and base64url that stand in for Node's, over every padding boundary.
  sha: SAMPLES.map((text) => sha256HexSync(text)),
  base64url: SAMPLES.map((text) => base64url(text)),
  roundTrip: SAMPLES.every((text) => new TextDecoder().decode(fromBase64url(base64url(text))) === text),
  status: posted.status, receipt: receiptCheck.ok, log: log.ok, entries: log.entries, problems: log.problems,
}));
`;

// What an edge runtime without Node compatibility lacks: process.getBuiltinModule is deleted
// before the bundle loads; Buffer and setImmediate are hidden from the bundle alone (Node's own
// fetch, Request and Response use them).
const WITHOUT_NODE = 'delete process.getBuiltinModule;';
const HIDDEN = Object.fromEntries(
  ['Buffer', 'setImmediate'].flatMap((name) => [
    [name, 'undefined'],
    [`globalThis.${name}`, 'undefined'],
  ]),
);

it('handles, countersigns and verifies with web standards only', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-edge-'));
  try {
    await writeFile(path.join(dir, 'probe.mjs'), PROBE);
    await writeFile(path.join(dir, 'without-node.mjs'), WITHOUT_NODE);
    await build({
      entryPoints: [path.join(dir, 'probe.mjs')],
      outfile: path.join(dir, 'bundle.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      nodePaths: [path.join(here, '../../node_modules')],
      define: HIDDEN,
      logLevel: 'silent',
    });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', path.join(dir, 'without-node.mjs'), path.join(dir, 'bundle.mjs')],
      { cwd: dir },
    );
    expect(JSON.parse(stdout)).toEqual({
      missing: ['Buffer', 'setImmediate', 'getBuiltinModule'],
      sha: SAMPLES.map((text) => createHash('sha256').update(text, 'utf8').digest('hex')),
      base64url: SAMPLES.map((text) => Buffer.from(text, 'utf8').toString('base64url')),
      roundTrip: true,
      status: 201,
      receipt: true,
      log: true,
      entries: 1,
      problems: [],
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
