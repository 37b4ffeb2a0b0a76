// The client keeps the log checkpoint each answer carries, and a person can check their record
// with it: in the app ("Check my record", against the head the server publishes) and offline
// (the downloaded file with `verify-log --expect-head`). Then someone with the database deletes
// the person's entry from the end of the log, and the log goes on: the chain alone still
// verifies, but both checks show the cut. A withdrawal made in "Your consents" (posted by
// ConsentSettings itself) is answered with a checkpoint too, handed to the app by `onWithdrawn`:
// the kept one moves on to it, and still checks out.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import {
  CURRENT,
  EXAMPLE_DIR,
  PRIVACY_ID,
  PRIVACY_VERSION,
  assent,
  birthDateYearsAgo,
  emailFor,
  launchChromium,
  marketingCheckbox,
  readToEnd,
  signUp,
  startServer,
} from './helpers.mjs';

const CLI = path.join(EXAMPLE_DIR, '../../dist/cli/bin.js');
const run = promisify(execFile);

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

/** Someone else's decline: an entry in the log that is not the person's. @param {{ headers: Record<string, string> }} who */
const decline = (who) =>
  server.post(
    '/api/clickwrap/declines',
    {
      id: randomUUID(),
      documents: [
        { id: 'instadesk-terms', version: CURRENT },
        { id: PRIVACY_ID, version: PRIVACY_VERSION },
      ],
    },
    who.headers,
  );

/** The checkpoint kept on the page for an account. @param {import('playwright').Page} page @param {string} accountId */
const keptOn = async (page, accountId) =>
  JSON.parse(
    await page.evaluate((key) => localStorage.getItem(key) ?? 'null', `signup-checkpoint:${accountId}`),
  );

/** Runs `verify-log` on the log as exported now, with the expected head; its exit code and output. @param {string} dir @param {string} expectHead */
async function verifyLogAgainst(dir, expectHead) {
  await writeFile(path.join(dir, 'log.jsonl'), await (await fetch(`${server.url}/api/admin/log`)).text());
  await writeFile(
    path.join(dir, 'jwks.json'),
    JSON.stringify((await server.get('/api/clickwrap/.well-known/jwks.json')).body),
  );
  const args = [CLI, 'verify-log', path.join(dir, 'log.jsonl'), '--keys', path.join(dir, 'jwks.json')];
  const alone = await run(process.execPath, args).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e) => ({ code: e.code, out: e.stdout }),
  );
  const held = await run(process.execPath, [...args, '--expect-head', expectHead]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e) => ({ code: e.code, out: e.stdout }),
  );
  return { alone, held };
}

test('the app keeps the checkpoint of its answer, checks the record with it, and shows a cut log', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-checkpoint-'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const other = await server.account();
    assert.equal((await decline(other)).status, 201);

    await page.goto(server.url);
    const email = emailFor('checkpoint');
    await signUp(page, { name: 'Kim Keeper', email, birthDate: birthDateYearsAgo(40) });
    await readToEnd(page);
    await assent(page);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByTestId('consent-recorded').waitFor();
    const [{ account_id: accountId }] = server.rows('SELECT account_id FROM accounts WHERE email = ?', email);
    const [entry] = server.entriesOf(accountId);
    assert.equal(entry.seq, 2);

    // Kept beside the outbox, for this account: the head after the receipt's batch.
    const kept = JSON.parse(
      await page.evaluate((key) => localStorage.getItem(key) ?? 'null', `signup-checkpoint:${accountId}`),
    );
    const [head] = server.rows('SELECT hash FROM clickwrap_log WHERE seq = 2');
    assert.deepEqual(
      { seq: kept.seq, id: kept.id, count: kept.checkpoint.count, head: kept.checkpoint.head },
      { seq: 2, id: entry.id, count: 2, head: head.hash },
    );

    await page.getByRole('button', { name: 'Your consents' }).click();
    const record = page.getByRole('region', { name: "Your record in the server's log" });
    await record
      .getByText("This device keeps the server's signed promise that its log had 2 entries")
      .waitFor();
    await record.getByRole('button', { name: 'Check my record' }).click();
    await record
      .getByRole('status')
      .getByText(/^Checked: the checkpoint is signed by the server's key ".+", and its log now has 2 entries/)
      .waitFor();

    // The file to keep: what `verify-log --expect-head` takes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      record.getByRole('button', { name: 'Download my checkpoint' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'checkpoint-2.json');
    const file = path.join(dir, 'checkpoint-2.json');
    await download.saveAs(file);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).checkpoint, kept.checkpoint);
    const intact = await verifyLogAgainst(dir, file);
    assert.equal(intact.held.code, 0, intact.held.out);
    assert.match(intact.held.out, /^VERIFIED .*: 2 entries in one unbroken chain/m);
    assert.match(intact.held.out, /1 kept outside the log: it is at least as long as they say/);

    // Someone with the database drops the triggers and deletes the person's entry at the end of
    // the log; the server goes on, and the next entry takes its place.
    await server.kill();
    const db = new Database(server.dbPath);
    try {
      db.exec(`DROP TRIGGER clickwrap_log_no_delete; DROP TRIGGER clickwrap_checkpoints_no_delete;
               DELETE FROM clickwrap_log WHERE seq >= 2; DELETE FROM clickwrap_checkpoints WHERE count >= 2;`);
    } finally {
      db.close();
    }
    await server.restart();
    assert.equal((await decline(other)).status, 201);

    // The chain alone cannot tell: it is a valid log of 2 entries.
    const cut = await verifyLogAgainst(dir, file);
    assert.equal(cut.alone.code, 0, cut.alone.out);
    assert.match(cut.alone.out, /^VERIFIED .*: 2 entries in one unbroken chain/m);
    // The kept checkpoint can.
    assert.equal(cut.held.code, 1, cut.held.out);
    assert.match(cut.held.out, /^NOT VERIFIED/m);
    assert.match(cut.held.out, /checkpoint-mismatch.*The log was rewritten at or before/);

    await record.getByRole('button', { name: 'Check my record' }).click();
    await record
      .getByRole('alert')
      .getByText(
        'Your record does not check out. The log has 2 entries, as promised, but entry 2 is not the one the server promised',
      )
      .waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// Runs after the cut above: the log goes on from there, so counts are read, not assumed.
test("a withdrawal in Your consents moves the kept checkpoint on to its answer's, and the record still checks out", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-checkpoint-withdrawal-'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    const email = emailFor('checkpoint-withdrawal');
    await signUp(page, { name: 'Wren Withdraw', email, birthDate: birthDateYearsAgo(35) });
    await readToEnd(page);
    await marketingCheckbox(page).check();
    await assent(page);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByTestId('consent-recorded').waitFor();
    const [{ account_id: accountId }] = server.rows('SELECT account_id FROM accounts WHERE email = ?', email);
    const [receiptEntry] = server.entriesOf(accountId);
    const afterReceipt = await keptOn(page, accountId);
    assert.equal(afterReceipt.seq, receiptEntry.seq);

    await page.getByRole('button', { name: 'Your consents' }).click();
    const settings = page.getByRole('region', { name: 'Your consents' });
    const record = page.getByRole('region', { name: "Your record in the server's log" });
    await record
      .getByText(
        `This device keeps the server's signed promise that its log had ${afterReceipt.checkpoint.count} entries`,
      )
      .waitFor();

    // Withdrawn in the component; its answer reaches the app through onWithdrawn.
    await settings
      .getByRole('button', { name: 'Withdraw: Send me Instadesk product news by e-mail.' })
      .click();
    await settings
      .getByRole('status')
      .getByText('Withdrawn: Send me Instadesk product news by e-mail.')
      .waitFor();
    const [, withdrawal] = server.entriesOf(accountId);
    assert.equal(withdrawal.kind, 'withdrawal');
    await page.waitForFunction(
      ([key, seq]) => JSON.parse(localStorage.getItem(key) ?? 'null')?.seq === seq,
      [`signup-checkpoint:${accountId}`, withdrawal.seq],
    );
    const afterWithdrawal = await keptOn(page, accountId);
    assert.equal(afterWithdrawal.id, withdrawal.id);
    assert.ok(
      afterWithdrawal.checkpoint.count > afterReceipt.checkpoint.count,
      `the count grows: ${afterReceipt.checkpoint.count} -> ${afterWithdrawal.checkpoint.count}`,
    );
    assert.ok(afterWithdrawal.checkpoint.count >= withdrawal.seq);
    const [head] = server.rows(
      'SELECT hash FROM clickwrap_log WHERE seq = ?',
      afterWithdrawal.checkpoint.count,
    );
    assert.equal(afterWithdrawal.checkpoint.head, head.hash);

    // Shown at once, and it checks out against the server's keys and published head.
    await record
      .getByTestId('kept-checkpoint')
      .getByText(
        new RegExp(
          `its log had ${afterWithdrawal.checkpoint.count} entries on .+, your entry ${withdrawal.seq} among them`,
        ),
      )
      .waitFor();
    await record.getByRole('button', { name: 'Check my record' }).click();
    await record
      .getByRole('status')
      .getByText(
        /^Checked: the checkpoint is signed by the server's key ".+", and its log now has \d+ entries/,
      )
      .waitFor();

    // And the whole exported log holds against it, offline.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      record.getByRole('button', { name: 'Download my checkpoint' }).click(),
    ]);
    const file = path.join(dir, download.suggestedFilename());
    assert.equal(download.suggestedFilename(), `checkpoint-${afterWithdrawal.checkpoint.count}.json`);
    await download.saveAs(file);
    const checked = await verifyLogAgainst(dir, file);
    assert.equal(checked.held.code, 0, checked.held.out);
    assert.match(checked.held.out, /^VERIFIED /m);
    assert.match(checked.held.out, /1 kept outside the log: it is at least as long as they say/);

    // Consent as a whole, withdrawn after the confirmation: kept again, further on.
    await settings.getByRole('button', { name: 'Withdraw all consent…' }).click();
    await settings.getByRole('button', { name: 'Yes, withdraw all consent' }).click();
    await settings.getByRole('status').getByText('Your consent is withdrawn').waitFor();
    const all = server.entriesOf(accountId)[2];
    assert.equal(all.payload.withdrawal.all, true);
    await page.waitForFunction(
      ([key, seq]) => JSON.parse(localStorage.getItem(key) ?? 'null')?.seq === seq,
      [`signup-checkpoint:${accountId}`, all.seq],
    );
    assert.ok((await keptOn(page, accountId)).checkpoint.count > afterWithdrawal.checkpoint.count);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
