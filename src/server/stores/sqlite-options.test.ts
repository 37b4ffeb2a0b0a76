/** A developer's mistakes in openSqliteStore's options: each refused, saying what to pass. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const open = (options: unknown) => () => openSqliteStore(options as SqliteStoreOptions);

it('refuses a missing or empty path: an unnamed database is a temporary one, and its consents would be lost', () => {
  for (const options of [{}, { path: undefined }, { path: '' }, { path: 42 }, undefined, 'consents.db']) {
    expect(open(options), JSON.stringify(options)).toThrow(
      /openSqliteStore: pass the database file as `path` \(e\.g\. \{ path: 'consents\.db' \}\)/,
    );
  }
});

it('refuses an option it does not know, naming it and the ones it takes', () => {
  expect(open({ filename: 'consents.db' })).toThrow(
    /openSqliteStore: unknown option "filename" \(it takes path, busyTimeoutMs, writerThread\)/,
  );
  expect(open({ path: ':memory:', busyTimeout: 5000 })).toThrow(/unknown option "busyTimeout"/);
});

it('names the file and says what to do when its folder does not exist', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-options-'));
  dirs.push(dir);
  const file = path.join(dir, 'missing', 'consents.db');
  expect(open({ path: file })).toThrow(
    `openSqliteStore: cannot open the database ${JSON.stringify(file)}: its folder ${JSON.stringify(path.dirname(file))} does not exist. Create it first (e.g. mkdir -p), or pass another path.`,
  );
});

it('names the file when it is not a SQLite database (or cannot be written), rather than a bare SqliteError', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'clickwrap-options-'));
  dirs.push(dir);
  const file = path.join(dir, 'consents.json');
  await writeFile(file, JSON.stringify({ consents: [] }).repeat(100));
  expect(open({ path: file })).toThrow(
    `openSqliteStore: cannot open the database ${JSON.stringify(file)}: file is not a database. Check that it is the consent log's SQLite file and that the server may read and write it`,
  );
});
