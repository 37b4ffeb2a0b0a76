// Signing up in Chromium against the real server and database: an adult (who must read the
// privacy policy too, and leaves marketing unticked), one who opts in to marketing, a 15-year-old
// with a guardian, an organisation's administrator with the six call-center commitments, and
// someone who declines. Each test checks what the server stored in its log.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import {
  CURRENT,
  EXAMPLE_DIR,
  PRIVACY_ID,
  PRIVACY_REGION,
  PRIVACY_VERSION,
  TERMS_REGION,
  assent,
  birthDateYearsAgo,
  emailFor,
  launchChromium,
  marketingCheckbox,
  readDocument,
  readToEnd,
  signUp,
  startServer,
} from './helpers.mjs';

const manifest = JSON.parse(await readFile(path.join(EXAMPLE_DIR, 'agreements/manifest.json'), 'utf8'));
const TERMS_SHA256 = manifest.documents[0].versions[0].sha256;
const PRIVACY_SHA256 = manifest.documents[1].versions[0].sha256;
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
  /** The documents a stored receipt accepts. @param {any} receipt */
  const documentsOf = (receipt) =>
    [{ ...receipt.agreement, reading: receipt.reading }, ...receipt.additionalDocuments].map((d) => ({
      document_id: d.id,
      version: d.version,
      sha256: d.sha256,
      required: d.reading.required,
      reached_end: d.reading.reachedEnd ? 1 : 0,
    }));
  /** The page's session cookie, to ask the server what it holds for this person. */
  const session = async () => {
    const sid = (await context.cookies()).find((c) => c.name === 'sid');
    assert.ok(sid, 'signed in: a session cookie');
    assert.equal(sid.httpOnly, true, 'scripts cannot read the session');
    return { cookie: `sid=${sid.value}` };
  };
  const statusOf = async () => (await server.get('/api/clickwrap/consents', await session())).body;

  test('an adult reads the terms and the privacy policy, accepts without marketing, and the server stores one verified receipt', async () => {
    const email = emailFor('adult');
    await signUp(page, { name: 'Ada Lovelace', email, birthDate: birthDateYearsAgo(34) });
    // Two documents, each in its own region; the marketing box is offered, unticked.
    assert.equal(await page.getByRole('region', { name: PRIVACY_REGION, exact: true }).count(), 1);
    assert.equal(await marketingCheckbox(page).isChecked(), false, 'never pre-ticked');
    // The Terms alone are not enough: Accept says the privacy policy is left.
    await readDocument(page, TERMS_REGION);
    await assent(page);
    await acceptButton().click({ force: true });
    await page
      .getByText(/Scroll to the end of the Example Privacy Policy/)
      .first()
      .waitFor();
    assert.equal(
      await page.getByTestId('consent-recorded').count(),
      0,
      'not accepted before the privacy policy is read',
    );

    await readDocument(page, PRIVACY_REGION);
    await acceptButton().click();
    const recorded = page.getByTestId('consent-recorded');
    await recorded.waitFor();
    assert.match(
      (await recorded.textContent()) ?? '',
      /the Terms \(version 2023-01-01\) and the privacy policy \(version 2024-01-01\)/,
    );
    await page
      .getByTestId('optional-consent-marketing-email')
      .getByText('You chose not to receive')
      .waitFor();

    const account = accountOf(email);
    const entries = server.entriesOf(account.account_id);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    const receipt = entry.payload.receipt;
    assert.match((await recorded.textContent()) ?? '', new RegExp(receipt.receiptId));
    assert.equal(entry.id, receipt.receiptId);
    assert.equal(receipt.agreement.version, CURRENT);
    assert.equal(receipt.agreement.sha256, TERMS_SHA256, 'the hash of the text the server served');
    assert.ok(
      Date.parse(entry.received_at) >= Date.parse(receipt.acceptedAt) - 5_000,
      'received_at is the server clock',
    );
    assert.match(entry.payload.countersignature, /^[\w-]+\.\.[\w-]+$/, 'countersigned (a detached JWS)');
    assert.deepEqual(receipt.signer, { id: account.account_id, name: 'Ada Lovelace' });
    assert.equal(receipt.guardian, null);
    assert.equal(receipt.minor, null);
    assert.equal(receipt.organization, null);
    assert.deepEqual(receipt.acknowledgements, []);
    assert.equal(receipt.reading.reachedEnd, true);
    assert.equal(receipt.uiVariant, 'page');
    assert.equal(receipt.locale, 'en-GB');
    assert.deepEqual(
      receipt.additionalDocuments.map((d) => [
        d.id,
        d.version,
        d.title,
        d.sha256,
        d.reading.required,
        d.reading.reachedEnd,
      ]),
      [[PRIVACY_ID, PRIVACY_VERSION, 'Example Privacy Policy', PRIVACY_SHA256, 'whole', true]],
    );
    // Both documents, and the marketing consent, not granted, never touched.
    assert.deepEqual(documentsOf(receipt), [
      {
        document_id: 'instadesk-terms',
        version: CURRENT,
        sha256: TERMS_SHA256,
        required: 'whole',
        reached_end: 1,
      },
      {
        document_id: PRIVACY_ID,
        version: PRIVACY_VERSION,
        sha256: PRIVACY_SHA256,
        required: 'whole',
        reached_end: 1,
      },
    ]);
    assert.deepEqual(
      receipt.optionalConsents.map((o) => [o.id, o.granted, o.at]),
      [['marketing-email', false, null]],
    );

    const status = await statusOf();
    assert.equal(status.documents['instadesk-terms'].accepted, true);
    assert.equal(status.documents[PRIVACY_ID].accepted, true);
    assert.deepEqual(status.optionalConsents['marketing-email'], {
      offered: true,
      granted: false,
      at: entry.received_at,
    });
  });

  test('an adult who opts in to product news: the receipt and the row say granted, with when', async () => {
    const email = emailFor('news');
    await signUp(page, { name: 'Nora News', email, birthDate: birthDateYearsAgo(29) });
    await readToEnd(page);
    await marketingCheckbox(page).check();
    await assent(page);
    await acceptButton().click();
    await page
      .getByTestId('optional-consent-marketing-email')
      .getByText('You chose to receive Instadesk product news by e-mail.')
      .waitFor();

    const account = accountOf(email);
    const rows = server.receiptsOf(account.account_id);
    assert.equal(rows.length, 1);
    const [receipt] = rows;
    assert.equal(receipt.optionalConsents.length, 1);
    const [marketing] = receipt.optionalConsents;
    assert.deepEqual(
      [marketing.id, marketing.label, marketing.granted],
      ['marketing-email', 'Send me Instadesk product news by e-mail.', true],
    );
    assert.ok(Date.parse(marketing.at) <= Date.parse(receipt.acceptedAt));
    assert.deepEqual(
      documentsOf(receipt).map((d) => [d.document_id, d.version, d.sha256]),
      [
        ['instadesk-terms', CURRENT, TERMS_SHA256],
        [PRIVACY_ID, PRIVACY_VERSION, PRIVACY_SHA256],
      ],
    );
    const status = await statusOf();
    assert.deepEqual(
      [
        status.documents['instadesk-terms'].accepted,
        status.documents[PRIVACY_ID].accepted,
        status.optionalConsents['marketing-email'].granted,
      ],
      [true, true, true],
    );
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
    await page.getByText("Enter the legal guardian's full name.").first().waitFor();
    assert.equal(await page.getByTestId('consent-recorded').count(), 0, 'not accepted without the guardian');

    await page.getByLabel("Guardian's full name").fill('Maria Young');
    await page.getByLabel('Relationship to you').fill('parent');
    await page.getByRole('group', { name: 'Legal guardian' }).getByRole('checkbox').check();
    await acceptButton().click();
    await page.getByTestId('consent-recorded').waitFor();

    const account = accountOf(email);
    const [row, ...more] = server.rows('SELECT * FROM clickwrap_log WHERE subject = ?', account.account_id);
    assert.equal(more.length, 0);
    const { receipt } = JSON.parse(row.payload);
    assert.deepEqual(
      receipt.additionalDocuments.map((d) => d.id),
      [PRIVACY_ID],
    );
    assert.equal(receipt.guardian.name, 'Maria Young');
    assert.equal(receipt.guardian.relationship, 'parent');
    assert.equal(receipt.guardian.mode, 'joint');
    assert.ok(receipt.guardian.attestation.length > 20, 'the attestation, word for word');
    assert.equal(receipt.minor.ageBracket, '15', 'the bracket (AGE_BRACKETS), not the date');
    assert.equal(receipt.minor.rule, 'agreement', 'the agreement asks for a guardian under 18');
    assert.equal(receipt.minor.minimumAge, 18);

    // No birth date anywhere: not in the log entry, not in the account.
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
    await page
      .getByText(/acknowledgement/i)
      .first()
      .waitFor();
    assert.equal(
      server.receiptsOf(accountOf(email).account_id).length,
      0,
      'nothing is sent with five of six',
    );
    await group.getByRole('checkbox', { name: commitments[5].label }).check();
    await acceptButton().click();
    await page.getByTestId('consent-recorded').waitFor();

    const account = accountOf(email);
    assert.equal(account.kind, 'organization');
    const rows = server.receiptsOf(account.account_id);
    assert.equal(rows.length, 1);
    const [receipt] = rows;
    assert.deepEqual(receipt.organization, { name: 'Acme Support Ltd', signerAuthority: 'Administrator' });
    assert.deepEqual(
      receipt.acknowledgements.map((a) => ({ id: a.id, label: a.label })),
      commitments.map((c) => ({ id: c.id, label: c.label })),
    );
    for (const a of receipt.acknowledgements) assert.ok(Date.parse(a.at) <= Date.parse(receipt.acceptedAt));
  });

  test('someone who declines: a decline in the log, no consent, and the account is not active', async () => {
    const email = emailFor('decliner');
    await signUp(page, { name: 'Dee Clines', email, birthDate: birthDateYearsAgo(28) });
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('heading', { name: 'You declined the terms' }).waitFor();

    const account = accountOf(email);
    // The app shows "declined" once the server has recorded the decline.
    const entries = server.entriesOf(account.account_id);
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['decline'],
      'a decline is not a consent',
    );
    // Both documents shown are declined, each in the version served.
    assert.deepEqual(entries[0].payload.decline.documents, [
      { id: 'instadesk-terms', version: CURRENT },
      { id: PRIVACY_ID, version: PRIVACY_VERSION },
    ]);
    const status = await statusOf();
    assert.deepEqual(
      [status.documents['instadesk-terms'].accepted, status.documents['instadesk-terms'].acceptedVersion],
      [false, null],
    );
    assert.equal(status.documents[PRIVACY_ID].accepted, false);
  });
});
