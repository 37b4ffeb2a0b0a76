// A new version of the agreement is published; a returning user is told, sees what changed,
// accepts the new version in the modal, and the server stores a second receipt that replaces
// the first. The privacy policy and the marketing consent come along only for an account that has
// not yet answered them (here: one whose consent predates them, in a database of schema 1).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { loadAgreements } from '../server/agreements.mjs';
import { MIGRATIONS } from '../server/db.mjs';
import {
  CURRENT,
  NEXT,
  PRIVACY_ID,
  PRIVACY_REGION,
  PRIVACY_VERSION,
  TERMS_REGION,
  assent,
  birthDateYearsAgo,
  emailFor,
  launchChromium,
  marketingCheckbox,
  readToEnd,
  receiptOf,
  signUp,
  startServer,
} from './helpers.mjs';
import { makeReceipt, parseServed } from './receipts.mjs';

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

/** Opens the app in a new context and signs in. @param {string} url @param {string} email @param {string[]} errors */
async function signIn(url, email, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

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
  ({ context, page } = await signIn(server.url, email, errors));

  // The version notice; the modal in re-consent mode says what changed and marks it in the text.
  await page.getByRole('heading', { name: 'The terms have changed' }).waitFor();
  const notice = await page.getByTestId('version-notice').textContent();
  assert.match(notice ?? '', /1 June 2025/);
  assert.match(notice ?? '', /1 January 2023/);
  assert.doesNotMatch(notice ?? '', /Privacy Policy/, 'the privacy policy was accepted at signup');
  await page.getByRole('button', { name: 'Review and accept the new terms' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Date of birth').count(), 0, 'an adult is not asked for their age again');
  const text = (await dialog.textContent()) ?? '';
  assert.match(text, /This agreement has changed/);
  assert.match(text, /You accepted version 2023-01-01/);
  assert.match(text, /Changed: 3, added: 1, removed: 1/);
  // The added and changed passages are marked in the agreement (the removed one has no passage).
  assert.equal(await dialog.getByRole('region', { name: TERMS_REGION }).locator('[data-change]').count(), 4);
  // The privacy policy (accepted in its current version) and marketing (answered) are not asked again.
  assert.equal(await dialog.getByRole('region', { name: PRIVACY_REGION }).count(), 0);
  assert.equal(await dialog.getByRole('group', { name: 'Optional' }).count(), 0);

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
  assert.deepEqual(receipt.additionalDocuments, []);
  assert.deepEqual(receipt.optionalConsents, []);
  assert.deepEqual(
    server.rows('SELECT document_id, version FROM consent_documents WHERE receipt_id = ?', second.receipt_id),
    [{ document_id: 'instadesk-terms', version: NEXT }],
  );

  const status = (await server.get(`/api/accounts/${accountId}/consent-status`)).body;
  assert.deepEqual([status.accepted, status.acceptedVersion, status.currentVersion], [true, NEXT, NEXT]);
  assert.deepEqual(
    [status.documents[PRIVACY_ID].accepted, status.documents[PRIVACY_ID].acceptedReceiptId],
    [true, first.receipt_id],
  );
  assert.deepEqual([status.optionalConsents['marketing-email'].offered, status.optionalConsents['marketing-email'].granted], [true, false]);
  assert.deepEqual(errors, []);
});

test('an account whose consent predates the privacy policy accepts it, and answers marketing, with the new terms', async () => {
  const email = emailFor('legacy');
  const accountId = crypto.randomUUID();
  const catalog = await loadAgreements();
  const v1 = parseServed(/** @type {import('../server/agreements.mjs').AgreementVersion} */ (catalog.get(CURRENT)));
  const old = await makeReceipt(v1, accountId);
  // The database as schema 1 left it: an account and its consent to the Terms alone.
  const legacy = await startServer({
    prepareDb(dbPath) {
      const db = new Database(dbPath);
      db.exec(MIGRATIONS[0] ?? '');
      db.pragma('user_version = 1');
      db.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?)').run(accountId, email, 'Lea Legacy', 'person', '2023-02-01T00:00:00.000Z');
      db.prepare('INSERT INTO consents VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        old.receiptId, accountId, v1.id, CURRENT, old.agreement.sha256, old.acceptedAt, old.acceptedAt, JSON.stringify(old),
      );
      db.close();
    },
  });
  const errors = [];
  try {
    // Migrated: the old consent has its Terms row, and no privacy policy.
    assert.deepEqual(
      legacy.rows('SELECT document_id, version FROM consent_documents WHERE receipt_id = ?', old.receiptId),
      [{ document_id: 'instadesk-terms', version: CURRENT }],
    );
    let status = (await legacy.get(`/api/accounts/${accountId}/consent-status`)).body;
    assert.deepEqual([status.accepted, status.documents[PRIVACY_ID].accepted], [true, false]);
    assert.equal(status.optionalConsents['marketing-email'].offered, false);

    await legacy.post('/api/admin/publish', { version: NEXT });
    // Without the privacy policy, the server refuses the re-consent.
    const v2 = parseServed((await legacy.get('/api/agreements/instadesk-terms')).body);
    const without = await legacy.post('/api/consents', await makeReceipt(v2, accountId, { replaces: { version: CURRENT, receiptId: old.receiptId } }));
    assert.deepEqual([without.status, without.body.problems.map((p) => p.code)], [422, ['document-missing']]);

    const { context, page } = await signIn(legacy.url, email, errors);
    await page.getByRole('heading', { name: 'The terms have changed' }).waitFor();
    assert.match((await page.getByTestId('version-notice').textContent()) ?? '', /also read and accept our Example Privacy Policy/);
    await page.getByRole('button', { name: 'Review and accept the new terms' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('region', { name: PRIVACY_REGION }).waitFor();
    assert.equal(await marketingCheckbox(dialog).isChecked(), false);
    await readToEnd(dialog);
    await marketingCheckbox(dialog).check();
    await assent(dialog);
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByTestId('consent-recorded').waitFor();
    await context.close();

    const [second, ...more] = legacy.rows('SELECT * FROM consents WHERE account_id = ? AND version = ?', accountId, NEXT);
    assert.equal(more.length, 0);
    const receipt = receiptOf(second);
    assert.deepEqual(receipt.replaces, { version: CURRENT, receiptId: old.receiptId });
    assert.deepEqual(
      receipt.additionalDocuments.map((d) => [d.id, d.version, d.replaces, d.reading.reachedEnd]),
      [[PRIVACY_ID, PRIVACY_VERSION, null, true]],
    );
    assert.deepEqual(
      legacy.rows('SELECT document_id, version FROM consent_documents WHERE receipt_id = ? ORDER BY position', second.receipt_id),
      [{ document_id: 'instadesk-terms', version: NEXT }, { document_id: PRIVACY_ID, version: PRIVACY_VERSION }],
    );
    assert.deepEqual(
      legacy.rows('SELECT option_id, granted FROM consent_options WHERE receipt_id = ?', second.receipt_id),
      [{ option_id: 'marketing-email', granted: 1 }],
    );
    status = (await legacy.get(`/api/accounts/${accountId}/consent-status`)).body;
    assert.deepEqual(
      [status.accepted, status.documents[PRIVACY_ID].accepted, status.optionalConsents['marketing-email'].granted],
      [true, true, true],
    );
    assert.deepEqual(errors, []);
  } finally {
    await legacy.stop();
  }
});
