/**
 * The server's worker threads (the SQLite writer, the signing thread) inherit the process's
 * flags: started from `node --input-type=module -e …` (or with ES modules as the default type),
 * their inline source runs as a module, and must still work.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const src = (file: string) => JSON.stringify(path.join(here, file));

// Opens a SQLite store on a file, appends, and signs: both threads at work.
const ENTRY = `
import { openSqliteStore } from ${src('stores/sqlite.ts')};
import { createKeyring, generateSigningKey, importJwks, verifyDetachedJws } from ${src('countersign.ts')};
import { workerSigner } from ${src('sign-worker.ts')};
import { verifyLog } from ${src('log-verify.ts')};

export async function run(file) {
  const store = openSqliteStore({ path: file });
  const [appended] = await store.append([{
    id: 'a', kind: 'receipt', subject: 'alice', receivedAt: '2026-01-01T00:00:00.000Z',
    bodyHash: 'a'.repeat(64), payload: JSON.stringify({ id: 'a' }),
  }]);
  const log = await verifyLog(await store.entries(0, 10));
  await store.close();
  const keyring = createKeyring(await generateSigningKey('k1'));
  const jws = await keyring.sign({ n: 1 });
  const check = await verifyDetachedJws(jws, { n: 1 }, await importJwks(keyring.jwks()));
  return { stored: appended.status, log: log.ok, signed: check.ok, signingThread: workerSigner() !== null };
}
`;

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-input-type-'));
  // Beside the repository's node_modules, so better-sqlite3 resolves from the bundle.
  bundle = path.join(root, '.tmp', `input-type-${process.pid}.mjs`);
  await mkdir(path.dirname(bundle), { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: here, sourcefile: 'input-type-entry.mjs', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    outfile: bundle,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(bundle, { force: true });
});

it.each([['--input-type=module'], ['--experimental-default-type=module']])(
  'stores and signs on its threads under node %s -e',
  async (flag) => {
    const file = path.join(dir, `${flag.replace(/\W/g, '')}.db`);
    const code = `const { run } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
console.log(JSON.stringify(await run(${JSON.stringify(file)})));`;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--no-warnings', flag, '-e', code],
      { cwd: root, timeout: 60_000 },
    );
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      stored: 'stored',
      log: true,
      signed: true,
      signingThread: availableParallelism() >= 2,
    });
  },
  90_000,
);
