// A new version of the agreement is published; a returning user is told, sees what changed,
// accepts the new version in the modal, and the server stores a second receipt that replaces
// the first. The privacy policy and the marketing consent come along only for an account that has
// not yet answered them (here: one whose consent predates them, stored by an earlier server that
// served the Terms alone).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { createCatalog, createClickwrapHandler, createKeyring } from 'react-clickwrap/server';
import { openSqliteStore } from 'react-clickwrap/server/sqlite';
import { openAccounts } from '../server/accounts.mjs';
import { loadAgreements } from '../server/agreements.mjs';
import { loadSecrets } from '../server/secrets.mjs';
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

/** A session cookie for `email` (the demo's sign-in). @param {Awaited<ReturnType<typeof startServer>>} on @param {string} email */
async function sessionFor(on, email) {
  const response = await fetch(`${on.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  assert.equal(response.status, 200);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

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
  const [first] = server.receiptsOf(accountId);
  assert.equal(first.agreement.version, CURRENT);

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
  // The dialog opens at once and says "Loading the agreement…" until its body (loaded on demand,
  // preloaded at mount) arrives, which on a busy machine can be after the click: wait for the text.
  await dialog.getByRole('region', { name: TERMS_REGION }).waitFor();
  assert.equal(
    await dialog.getByLabel('Date of birth').count(),
    0,
    'an adult is not asked for their age again',
  );
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

  const rows = server.receiptsOf(accountId);
  assert.equal(rows.length, 2, 'a second receipt; the first is kept');
  const [, receipt] = rows;
  assert.equal(receipt.agreement.version, NEXT);
  assert.deepEqual(receipt.replaces, {
    version: CURRENT,
    receiptId: first.receiptId,
    changeKind: 'material',
  });
  assert.equal(receipt.uiVariant, 'modal');
  assert.notEqual(receipt.agreement.sha256, first.agreement.sha256);
  assert.deepEqual(receipt.additionalDocuments, []);
  assert.deepEqual(receipt.optionalConsents, []);

  const status = (await server.get('/api/clickwrap/consents', await sessionFor(server, email))).body;
  const terms = status.documents['instadesk-terms'];
  assert.deepEqual([terms.accepted, terms.acceptedVersion, terms.currentVersion], [true, NEXT, NEXT]);
  assert.deepEqual(
    [status.documents[PRIVACY_ID].accepted, status.documents[PRIVACY_ID].acceptedReceiptId],
    [true, first.receiptId],
  );
  assert.deepEqual(
    [status.optionalConsents['marketing-email'].offered, status.optionalConsents['marketing-email'].granted],
    [true, false],
  );
  assert.deepEqual(errors, []);
});

test('an account whose consent predates the privacy policy accepts it, and answers marketing, with the new terms', async () => {
  const email = emailFor('legacy');
  const accountId = crypto.randomUUID();
  const catalog = await loadAgreements();
  const v1 = parseServed(
    /** @type {import('../server/agreements.mjs').AgreementVersion} */ (catalog.get(CURRENT)),
  );
  const old = await makeReceipt(v1, accountId);
  // What an earlier server, which served the Terms alone, stored: the account and its consent to
  // the Terms, in the same log, countersigned with the same key.
  const legacy = await startServer({
    async prepareDb(dbPath) {
      const accounts = openAccounts(dbPath);
      accounts.create({ id: accountId, email, name: 'Lea Legacy', kind: 'person' });
      accounts.publish('instadesk-terms', CURRENT);
      accounts.close();
      const { signingKey } = await loadSecrets(path.join(path.dirname(dbPath), 'dev-secrets.json'));
      const store = openSqliteStore({ path: dbPath });
      const handler = createClickwrapHandler({
        store,
        keyring: createKeyring(signingKey),
        catalog: await createCatalog({
          agreement: { id: v1.id, versions: [{ version: CURRENT, markdown: v1.markdown }] },
        }),
        authenticate: () => accountId,
      });
      const response = await handler(
        new Request('http://localhost/receipts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(old),
        }),
      );
      assert.equal(response.status, 201, await response.clone().text());
      await handler.drain();
      await store.close();
    },
  });
  const errors = [];
  try {
    const session = await sessionFor(legacy, email);
    let status = (await legacy.get('/api/clickwrap/consents', session)).body;
    assert.deepEqual(
      [status.documents['instadesk-terms'].accepted, status.documents[PRIVACY_ID].accepted],
      [true, false],
    );
    assert.equal(status.optionalConsents['marketing-email'].offered, false);

    await legacy.post('/api/admin/publish', { version: NEXT });
    // Without the privacy policy, the server refuses the re-consent.
    const v2 = parseServed((await legacy.get('/api/clickwrap/agreements/instadesk-terms')).body);
    const without = await legacy.post(
      '/api/clickwrap/receipts',
      await makeReceipt(v2, accountId, { replaces: { version: CURRENT, receiptId: old.receiptId } }),
      session,
    );
    assert.deepEqual([without.status, without.body.problems.map((p) => p.code)], [422, ['document-missing']]);

    const { context, page } = await signIn(legacy.url, email, errors);
    await page.getByRole('heading', { name: 'The terms have changed' }).waitFor();
    assert.match(
      (await page.getByTestId('version-notice').textContent()) ?? '',
      /also read and accept our Example Privacy Policy/,
    );
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

    const receipts = legacy.receiptsOf(accountId);
    assert.deepEqual(
      receipts.map((r) => r.agreement.version),
      [CURRENT, NEXT],
    );
    const receipt = receipts[1];
    assert.deepEqual(receipt.replaces, {
      version: CURRENT,
      receiptId: old.receiptId,
      changeKind: 'material',
    });
    assert.deepEqual(
      receipt.additionalDocuments.map((d) => [d.id, d.version, d.replaces, d.reading.reachedEnd]),
      [[PRIVACY_ID, PRIVACY_VERSION, null, true]],
    );
    assert.deepEqual(
      receipt.optionalConsents.map((o) => [o.id, o.granted]),
      [['marketing-email', true]],
    );
    status = (await legacy.get('/api/clickwrap/consents', session)).body;
    assert.deepEqual(
      [
        status.documents['instadesk-terms'].accepted,
        status.documents[PRIVACY_ID].accepted,
        status.optionalConsents['marketing-email'].granted,
      ],
      [true, true, true],
    );
    assert.deepEqual(errors, []);
  } finally {
    await legacy.stop();
  }
});
