// A new version of the agreement is published; a returning user is told, sees what changed,
// accepts the new version in the modal, and the server stores a second receipt that replaces
// the first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CURRENT,
  NEXT,
  assent,
  birthDateYearsAgo,
  emailFor,
  launchChromium,
  readToEnd,
  receiptOf,
  signUp,
  startServer,
} from './helpers.mjs';

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

test('after v2 is published, a returning user sees what changed and re-consents; the new row replaces the old', async () => {
  const email = emailFor('returning');
  const errors = [];

  // Signs up and accepts the first version.
  let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  let page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await signUp(page, { name: 'Rita Returning', email, birthDate: birthDateYearsAgo(40) });
  await readToEnd(page);
  await assent(page);
  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByTestId('consent-recorded').waitFor();
  await context.close();
  const [{ account_id: accountId }] = server.rows('SELECT account_id FROM accounts WHERE email = ?', email);
  const [first] = server.rows('SELECT * FROM consents WHERE account_id = ?', accountId);
  assert.equal(first.version, CURRENT);

  // The provider publishes the new version.
  const published = await server.post('/api/admin/publish', { version: NEXT });
  assert.equal(published.body.currentVersion, NEXT);

  // Days later, on another device: signs in.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // The version notice; the modal in re-consent mode says what changed and marks it in the text.
  await page.getByRole('heading', { name: 'The terms have changed' }).waitFor();
  const notice = await page.getByTestId('version-notice').textContent();
  assert.match(notice ?? '', /1 June 2025/);
  assert.match(notice ?? '', /1 January 2023/);
  await page.getByRole('button', { name: 'Review and accept the new terms' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Date of birth').count(), 0, 'an adult is not asked for their age again');
  const text = (await dialog.textContent()) ?? '';
  assert.match(text, /This agreement has changed/);
  assert.match(text, /You accepted version 2023-01-01/);
  assert.match(text, /Changed: 3, added: 1, removed: 1/);
  // The added and changed passages are marked in the agreement (the removed one has no passage).
  assert.equal(await dialog.getByRole('region', { name: /full text/ }).locator('[data-change]').count(), 4);

  await readToEnd(dialog);
  await assent(dialog);
  await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByTestId('consent-recorded').waitFor();
  await context.close();

  const rows = server.rows('SELECT * FROM consents WHERE account_id = ? ORDER BY received_at', accountId);
  assert.equal(rows.length, 2, 'a second row; the first is kept');
  const [, second] = rows;
  assert.equal(second.version, NEXT);
  const receipt = receiptOf(second);
  assert.deepEqual(receipt.replaces, { version: CURRENT, receiptId: first.receipt_id });
  assert.equal(receipt.uiVariant, 'modal');
  assert.notEqual(second.sha256, first.sha256);

  const status = (await server.get(`/api/accounts/${accountId}/consent-status`)).body;
  assert.deepEqual([status.accepted, status.acceptedVersion, status.currentVersion], [true, NEXT, NEXT]);
  assert.deepEqual(errors, []);
});
