// The server is down (or the network is) when the person accepts. The receipt waits in the
// browser's outbox, is retried (by the outbox and by the component's Retry, always the same
// receipt id), and is stored exactly once when the server is back.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import {
  assent,
  birthDateYearsAgo,
  emailFor,
  launchChromium,
  readToEnd,
  signUp,
  startServer,
} from './helpers.mjs';

describe('delivery when the server is down', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright').Browser} */
  let browser;
  /** @type {import('playwright').BrowserContext} */
  let context;
  /** @type {import('playwright').Page} */
  let page;
  /** Every POST /api/clickwrap/receipts the page made: the receipt id sent and the status answered. */
  let posts;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    posts = [];
    page.on('requestfinished', async (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/api/clickwrap/receipts')) return;
      const response = await request.response();
      posts.push({
        receiptId: JSON.parse(request.postData() ?? '{}').receiptId,
        status: response?.status() ?? 0,
      });
    });
    page.on('requestfailed', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/api/clickwrap/receipts')) return;
      posts.push({ receiptId: JSON.parse(request.postData() ?? '{}').receiptId, status: 0 });
    });
    await page.goto(server.url);
  });
  afterEach(async () => {
    await context.close();
    await server.post('/api/admin/up');
  });

  /** Waits until `predicate()` holds, polling. */
  async function until(predicate, what, timeout = 15_000) {
    const end = Date.now() + timeout;
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Signs up, reads and ticks; returns the account id. */
  async function readyToAccept(who) {
    const email = emailFor(who);
    await signUp(page, { name: 'Otto Outage', email, birthDate: birthDateYearsAgo(31) });
    await readToEnd(page);
    await assent(page);
    return server.rows('SELECT account_id FROM accounts WHERE email = ?', email)[0].account_id;
  }
  const acceptButton = () => page.getByRole('button', { name: /^(Accept|Retry)$/ });
  /** Every document of the account's stored receipts: [document id, position]. @param {string} accountId */
  const documentsOf = (accountId) =>
    server
      .receiptsOf(accountId)
      .flatMap((r) => [r.agreement, ...r.additionalDocuments].map((d, i) => [d.id, i]));
  /** How many optional-consent answers the account's stored receipts have. @param {string} accountId */
  const optionsOf = (accountId) => server.receiptsOf(accountId).flatMap((r) => r.optionalConsents).length;
  const pendingInOutbox = () => page.getByTestId('outbox').getAttribute('data-pending');

  test('accepting while the server is down: retried with the same receipt id, stored once when it is back', async () => {
    const accountId = await readyToAccept('down');
    await server.post('/api/admin/down');
    await acceptButton().click();

    // The component says it could not be sent and offers Retry; the outbox keeps the receipt.
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await page.getByTestId('delivery-notice').waitFor();
    assert.equal(await pendingInOutbox(), '1');
    // The outbox retries by itself (backoff)…
    await until(() => posts.length >= 2, 'an automatic retry');
    // …and so does the person, with the component's Retry (the same receipt).
    await page.getByRole('button', { name: 'Retry' }).click();
    await until(() => posts.length >= 3, "the component's retry");
    assert.ok(
      posts.every((p) => p.status === 503),
      'all refused while down',
    );
    assert.equal(server.receiptsOf(accountId).length, 0);

    await server.post('/api/admin/up');
    // The outbox's next retry delivers it; the signup completes.
    await page.getByTestId('consent-recorded').waitFor();

    const rows = server.receiptsOf(accountId);
    assert.equal(rows.length, 1, 'exactly one log entry');
    assert.deepEqual(
      documentsOf(accountId),
      [
        ['instadesk-terms', 0],
        ['privacy-policy', 1],
      ],
      'exactly one receipt with both documents',
    );
    assert.equal(optionsOf(accountId), 1, 'one row for the marketing consent');
    const ids = new Set(posts.map((p) => p.receiptId));
    assert.deepEqual([...ids], [rows[0].receiptId], 'every attempt sent the same receipt id');
    assert.ok(posts.filter((p) => p.status === 503).length >= 3);
    assert.ok(posts.some((p) => p.status === 201));
    assert.equal(await pendingInOutbox(), '0');
    const stats = (await server.get('/api/admin/stats')).body.consents;
    assert.ok(stats.unavailable >= 3);
  });

  test('the tab is reloaded while the server is down: the saved receipt is sent on the next load, once', async () => {
    const accountId = await readyToAccept('reload');
    await server.post('/api/admin/down');
    await acceptButton().click();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    const [{ receiptId }] = posts;
    const saved = await page.evaluate((id) => localStorage.getItem(`signup-outbox:${id}`), receiptId);
    assert.ok(saved, 'kept in localStorage under its receipt id');

    await page.reload();
    await until(() => posts.length >= 2, 'the send on load');
    assert.equal(await pendingInOutbox(), '1');
    await server.post('/api/admin/up');
    await page.getByTestId('outbox').getByText('Your acceptance was delivered').waitFor();
    assert.equal(await pendingInOutbox(), '0');

    const rows = server.receiptsOf(accountId);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].receiptId, receiptId);
    assert.deepEqual(documentsOf(accountId), [
      ['instadesk-terms', 0],
      ['privacy-policy', 1],
    ]);
    assert.equal(optionsOf(accountId), 1);
    assert.deepEqual(new Set(posts.map((p) => p.receiptId)), new Set([receiptId]));
    assert.equal(await page.evaluate((id) => localStorage.getItem(`signup-outbox:${id}`), receiptId), null);
  });

  test('declining after an accept that could not be sent: the decline takes the receipt back; it is never sent', async () => {
    const accountId = await readyToAccept('taken-back');
    await server.post('/api/admin/down');
    await acceptButton().click();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    assert.equal(await pendingInOutbox(), '1');
    const [{ receiptId }] = posts;

    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('heading', { name: 'You declined the terms' }).waitFor();
    assert.equal(await pendingInOutbox(), '0', 'dropped from the outbox');
    const entries = server.entriesOf(accountId);
    assert.deepEqual(
      entries.map((e) => [e.kind, e.payload.decline?.receiptId]),
      [['decline', receiptId]],
      'the decline names the receipt it takes back',
    );

    // The server is back: nothing sends the receipt the person took back.
    const sent = posts.length;
    await server.post('/api/admin/up');
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(posts.length, sent, 'no further attempt');
    assert.equal(server.receiptsOf(accountId).length, 0);
  });

  test('accepted, reloaded while the server is down, then declined: the saved receipt is taken back, never sent', async () => {
    const accountId = await readyToAccept('changed-mind');
    await server.post('/api/admin/down');
    await acceptButton().click();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    const [{ receiptId }] = posts;

    // A new page load: the receipt waits in the outbox; signed in again, the terms are shown again.
    await page.reload();
    await until(() => posts.length >= 2, 'the send on load');
    assert.equal(await pendingInOutbox(), '1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const [{ email }] = server.rows('SELECT email FROM accounts WHERE account_id = ?', accountId);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('heading', { name: 'You declined the terms' }).waitFor();
    assert.equal(await pendingInOutbox(), '0', 'dropped from the outbox');
    assert.deepEqual(
      server.entriesOf(accountId).map((e) => [e.kind, e.payload.decline?.receiptId]),
      [['decline', receiptId]],
      "the decline names the earlier load's receipt",
    );

    const sent = posts.length;
    await server.post('/api/admin/up');
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(posts.length, sent, 'no further attempt');
    assert.equal(server.receiptsOf(accountId).length, 0);
  });

  test('the network drops: the receipt goes as soon as the browser is back online', async () => {
    const accountId = await readyToAccept('offline');
    await context.setOffline(true);
    await acceptButton().click();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    assert.equal(await pendingInOutbox(), '1');
    await context.setOffline(false); // fires `online`: the outbox sends at once
    await page.getByTestId('consent-recorded').waitFor({ timeout: 3_000 });
    const rows = server.receiptsOf(accountId);
    assert.equal(rows.length, 1);
    assert.deepEqual(documentsOf(accountId), [
      ['instadesk-terms', 0],
      ['privacy-policy', 1],
    ]);
  });
});
