// The server is killed (SIGKILL: no draining, no checkpoint) in the middle of a burst of accepts
// from a browser's outbox. After a restart the log still verifies offline, every receipt is stored
// exactly once, and the outbox delivers the ones the crash cut off, by itself.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { EXAMPLE_DIR, emailFor, launchChromium, startServer } from './helpers.mjs';
import { makeReceipt, parseServed } from './receipts.mjs';

const CLI = path.join(EXAMPLE_DIR, '../../dist/cli/bin.js');
const run = promisify(execFile);
/** Receipts in the burst: enough that the kill lands while Chromium is still sending them. */
const BURST = 400;
/** Kill once this many are in the log. */
const KILL_AFTER = 40;

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import('playwright').Browser} */
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGKILL during a burst of accepts: the log verifies, each receipt is stored once, the outbox delivers the rest', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  /** @type {number[]} */
  const statuses = [];
  page.on('requestfinished', async (request) => {
    if (request.url().endsWith('/api/clickwrap/receipts'))
      statuses.push((await request.response())?.status() ?? 0);
  });
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('/api/clickwrap/receipts')) statuses.push(0);
  });
  await page.goto(server.url);
  // Signs up in the page, so the page holds the session cookie the receipts are stored under.
  const account = await page.evaluate(async (email) => {
    const response = await fetch('/api/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Kim Crash' }),
    });
    return (await response.json()).account;
  }, emailFor('crash'));

  // The receipts, as the outbox keeps them before sending (localStorage, keyed by receipt id).
  const terms = parseServed((await server.get('/api/clickwrap/agreements/instadesk-terms')).body);
  const privacy = parseServed((await server.get('/api/clickwrap/agreements/privacy-policy')).body);
  const receipts = [];
  for (let i = 0; i < BURST; i++) receipts.push(await makeReceipt(terms, account.id, {}, [privacy]));
  await page.evaluate((list) => {
    list.forEach((receipt, i) => {
      const entry = {
        receipt,
        queuedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
        attempts: 0,
        lastError: null,
      };
      localStorage.setItem(`signup-outbox:${receipt.receiptId}`, JSON.stringify(entry));
    });
  }, receipts);

  // The next load sends them all; the server is killed once some are stored.
  const count = () =>
    /** @type {{ n: number }} */ (server.db().prepare('SELECT count(*) AS n FROM clickwrap_log').get()).n;
  await page.reload();
  const deadline = Date.now() + 30_000;
  while (count() < KILL_AFTER) {
    if (Date.now() > deadline) throw new Error(`only ${count()} receipts stored in 30 s`);
    await sleep(2);
  }
  await server.kill();
  const storedAtKill = count();
  assert.ok(storedAtKill < BURST, `the kill landed mid-burst (${storedAtKill} of ${BURST} stored)`);
  await page.getByTestId('outbox').and(page.locator(':not([data-pending="0"])')).waitFor();

  await server.restart();
  // The outbox's own backoff sends the rest: no reload, no click.
  await page.getByTestId('outbox').and(page.locator('[data-pending="0"]')).waitFor({ timeout: 60_000 });

  // Exactly once: every receipt id in the log, each one time, for this account.
  const rows = server.rows('SELECT id, subject, kind FROM clickwrap_log WHERE subject = ?', account.id);
  assert.equal(rows.length, BURST);
  assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(receipts.map((r) => r.receiptId)));
  assert.ok(rows.every((r) => r.kind === 'receipt'));
  assert.ok(statuses.includes(0), 'some requests were cut off by the crash');
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('signup-outbox:')).length),
    0,
  );

  // The database file is whole, and the log verifies offline with the package's CLI.
  const db = new Database(server.dbPath, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-crash-'));
  try {
    await writeFile(path.join(dir, 'log.jsonl'), await (await fetch(`${server.url}/api/admin/log`)).text());
    await writeFile(
      path.join(dir, 'jwks.json'),
      JSON.stringify((await server.get('/api/clickwrap/.well-known/jwks.json')).body),
    );
    const { stdout } = await run(process.execPath, [
      CLI,
      'verify-log',
      path.join(dir, 'log.jsonl'),
      '--keys',
      path.join(dir, 'jwks.json'),
      '--countersignatures',
    ]);
    assert.match(stdout, new RegExp(`^VERIFIED .*: ${BURST} entries in one unbroken chain`, 'm'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await context.close();
});
