// Signing up in Chromium against the real server and database: an adult, a 15-year-old with a
// guardian, an organisation's administrator with the six call-center commitments, and someone who
// declines. Each test checks the rows the server stored.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import {
  CURRENT,
  EXAMPLE_DIR,
  assent,
  birthDateYearsAgo,
  emailFor,
  launchChromium,
  readToEnd,
  receiptOf,
  signUp,
  startServer,
} from './helpers.mjs';

const manifest = JSON.parse(await readFile(path.join(EXAMPLE_DIR, 'agreements/manifest.json'), 'utf8'));
const commitments = JSON.parse(
  await readFile(path.join(EXAMPLE_DIR, 'agreements/call-center-commitments.json'), 'utf8'),
).items;

describe('signing up', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright').Browser} */
  let browser;
  /** @type {import('playwright').BrowserContext} */
  let context;
  /** @type {import('playwright').Page} */
  let page;
  /** @type {string[]} */
  let pageErrors;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
  });
  afterEach(async () => {
    await context.close();
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  });

  /** The account created for `email`. @param {string} email */
  const accountOf = (email) => {
    const [row] = server.rows('SELECT * FROM accounts WHERE email = ?', email);
    assert.ok(row, `an account for ${email}`);
    return row;
  };
  const acceptButton = () => page.getByRole('button', { name: 'Accept', exact: true });

  test('an adult reads the terms, accepts, and the server stores one verified receipt', async () => {
    const email = emailFor('adult');
    await signUp(page, { name: 'Ada Lovelace', email, birthDate: birthDateYearsAgo(34) });
    await readToEnd(page);
    await assent(page);
    await acceptButton().click();
    const recorded = page.getByTestId('consent-recorded');
    await recorded.waitFor();

    const account = accountOf(email);
    const rows = server.rows('SELECT * FROM consents WHERE account_id = ?', account.account_id);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.match((await recorded.textContent()) ?? '', new RegExp(row.receipt_id));
    assert.equal(row.version, CURRENT);
    assert.equal(row.sha256, manifest.versions[0].sha256, 'the hash of the text the server served');
    assert.ok(Date.parse(row.received_at) >= Date.parse(row.accepted_at) - 5_000, 'received_at is the server clock');
    const receipt = receiptOf(row);
    assert.deepEqual(receipt.signer, { id: account.account_id, name: 'Ada Lovelace' });
    assert.equal(receipt.guardian, null);
    assert.equal(receipt.minor, null);
    assert.equal(receipt.organization, null);
    assert.deepEqual(receipt.acknowledgements, []);
    assert.equal(receipt.reading.reachedEnd, true);
    assert.equal(receipt.uiVariant, 'page');
    assert.equal(receipt.locale, 'en-GB');
    assert.equal(server.rows('SELECT * FROM declines WHERE account_id = ?', account.account_id).length, 0);

    const status = (await server.get(`/api/accounts/${account.account_id}/consent-status`)).body;
    assert.equal(status.accepted, true);
  });

  test('a 15-year-old signs up with a legal guardian; the receipt keeps an age bracket, never the birth date', async () => {
    const email = emailFor('minor');
    const birthDate = birthDateYearsAgo(15);
    await signUp(page, { name: 'Tom Young', email, birthDate });
    // The age gate starts with the date typed at signup, and asks for a guardian.
    await page.getByRole('group', { name: 'Legal guardian' }).waitFor();
    await readToEnd(page);
    await assent(page);
    // Accept is aria-disabled (never natively disabled): pressing it lists what is missing.
    await acceptButton().click({ force: true });
    await page.getByText("Enter the legal guardian's own name.").first().waitFor();
    assert.equal(await page.getByTestId('consent-recorded').count(), 0, 'not accepted without the guardian');

    await page.getByLabel("Guardian's full name").fill('Maria Young');
    await page.getByLabel('Relationship to you').fill('parent');
    await page.getByRole('group', { name: 'Legal guardian' }).getByRole('checkbox').check();
    await acceptButton().click();
    await page.getByTestId('consent-recorded').waitFor();

    const account = accountOf(email);
    const [row, ...more] = server.rows('SELECT * FROM consents WHERE account_id = ?', account.account_id);
    assert.equal(more.length, 0);
    const receipt = receiptOf(row);
    assert.equal(receipt.guardian.name, 'Maria Young');
    assert.equal(receipt.guardian.relationship, 'parent');
    assert.equal(receipt.guardian.mode, 'joint');
    assert.ok(receipt.guardian.attestation.length > 20, 'the attestation, word for word');
    assert.equal(receipt.minor.ageBracket, '15', 'the bracket (AGE_BRACKETS), not the date');
    assert.equal(receipt.minor.rule, 'agreement', 'the agreement asks for a guardian under 18');
    assert.equal(receipt.minor.minimumAge, 18);

    // No birth date anywhere: not in the consent row, not in the account.
    const stored = JSON.stringify([row, account]);
    const [year, month, day] = birthDate.split('-');
    for (const needle of [birthDate, `${year}${month}${day}`, `${day}/${month}/${year}`, 'birth']) {
      assert.ok(!stored.includes(needle), `"${needle}" is not stored`);
    }
  });

  test("an organisation's administrator agrees for it and gives the six call-center commitments, one by one", async () => {
    const email = emailFor('admin');
    await signUp(page, { name: 'Grace Hopper', email, birthDate: birthDateYearsAgo(45), organization: true });
    await readToEnd(page);
    await page.getByLabel('Organisation name').fill('Acme Support Ltd');
    await page.getByLabel('Your role or authority to agree for it').fill('Administrator');
    const group = page.getByRole('group', { name: 'Required acknowledgements' });
    assert.equal(await group.getByRole('checkbox').count(), 6);
    // Five of six is not enough.
    for (const c of commitments.slice(0, 5)) await group.getByRole('checkbox', { name: c.label }).check();
    await assent(page);
    await acceptButton().click({ force: true });
    await page.getByText(/acknowledgement/i).first().waitFor();
    assert.equal(
      server.rows('SELECT 1 FROM consents WHERE account_id = ?', accountOf(email).account_id).length,
      0,
      'nothing is sent with five of six',
    );
    await group.getByRole('checkbox', { name: commitments[5].label }).check();
    await acceptButton().click();
    await page.getByTestId('consent-recorded').waitFor();

    const account = accountOf(email);
    assert.equal(account.kind, 'organization');
    const rows = server.rows('SELECT * FROM consents WHERE account_id = ?', account.account_id);
    assert.equal(rows.length, 1);
    const receipt = receiptOf(rows[0]);
    assert.deepEqual(receipt.organization, { name: 'Acme Support Ltd', signerAuthority: 'Administrator' });
    assert.deepEqual(
      receipt.acknowledgements.map((a) => ({ id: a.id, label: a.label })),
      commitments.map((c) => ({ id: c.id, label: c.label })),
    );
    for (const a of receipt.acknowledgements) assert.ok(Date.parse(a.at) <= Date.parse(receipt.acceptedAt));
  });

  test('someone who declines: a decline row, no consent row, and the account is not active', async () => {
    const email = emailFor('decliner');
    await signUp(page, { name: 'Dee Clines', email, birthDate: birthDateYearsAgo(28) });
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('heading', { name: 'You declined the terms' }).waitFor();

    const account = accountOf(email);
    assert.equal(server.rows('SELECT * FROM consents WHERE account_id = ?', account.account_id).length, 0);
    // The app shows "declined" once the server has stored the decline.
    const declines = server.rows('SELECT * FROM declines WHERE account_id = ?', account.account_id);
    assert.equal(declines.length, 1);
    assert.equal(declines[0].version, CURRENT);
    assert.equal(declines[0].sha256, manifest.versions[0].sha256);
    const record = JSON.parse(declines[0].record_json);
    assert.equal(record.signer.id, account.account_id);
    assert.equal('receiptId' in record, false, 'a decline is not a consent');
    const status = (await server.get(`/api/accounts/${account.account_id}/consent-status`)).body;
    assert.deepEqual([status.accepted, status.acceptedVersion], [false, null]);
  });
});
