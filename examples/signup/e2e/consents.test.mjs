// "Your consents" in the app (ConsentSettings on react-clickwrap/server): after signing up, the
// person sees what they agreed to, downloads a copy, withdraws marketing, then consent as a whole,
// with the keyboard alone; the log records each withdrawal as an event and keeps the consent.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { AGREEMENT_COPY_END } from 'react-clickwrap/core';
import {
  CURRENT,
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

test('a signed-in person sees what they agreed to, downloads a copy, and withdraws, keyboard only', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  const email = emailFor('settings');
  await signUp(page, { name: 'Sam Settings', email, birthDate: birthDateYearsAgo(33) });
  await readToEnd(page);
  await marketingCheckbox(page).check();
  await assent(page);
  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByTestId('consent-recorded').waitFor();
  const [{ account_id: accountId }] = server.rows('SELECT account_id FROM accounts WHERE email = ?', email);
  const [receipt] = server.receiptsOf(accountId);

  await page.getByRole('button', { name: 'Your consents' }).click();
  const settings = page.getByRole('region', { name: 'Your consents' });
  const terms = settings.getByRole('listitem').filter({ hasText: 'Instadesk Terms and Conditions' });
  await terms.getByText(`You accepted version ${CURRENT} on`).waitFor();
  await settings
    .getByRole('listitem')
    .filter({ hasText: 'Example Privacy Policy' })
    .getByText('You accepted version 2024-01-01')
    .waitFor();

  // A copy: the text exactly as hashed, then this receipt (delivered from this device).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    settings
      .getByRole('button', { name: `Download the Instadesk Terms and Conditions (version ${CURRENT})` })
      .press('Enter'),
  ]);
  const copy = await readFile(await download.path(), 'utf8');
  assert.ok(copy.includes(`\n${AGREEMENT_COPY_END}\n`));
  assert.match(copy, new RegExp(`"receiptId": ?"${receipt.receiptId}"`));
  assert.equal(download.suggestedFilename(), `instadesk-terms-${CURRENT}-${receipt.receiptId}.md`);

  // Marketing, withdrawn as easily as it was given: one key.
  await settings
    .getByRole('button', { name: 'Withdraw: Send me Instadesk product news by e-mail.' })
    .press('Enter');
  await settings
    .getByRole('status')
    .getByText('Withdrawn: Send me Instadesk product news by e-mail.')
    .waitFor();
  await settings
    .getByRole('listitem')
    .filter({ hasText: 'Send me Instadesk' })
    .getByText('Not given.')
    .waitFor();

  // Consent as a whole: a confirmation step, then recorded.
  await settings.getByRole('button', { name: 'Withdraw all consent…' }).press('Enter');
  const confirm = settings.getByRole('group', { name: 'Withdraw all consent?' });
  await confirm.waitFor();
  // The confirmation takes focus once it is painted (its text is read then); Tab from there.
  await page.waitForFunction(
    (group) => group === group.ownerDocument.activeElement,
    await confirm.elementHandle(),
  );
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await settings.getByRole('status').getByText('Your consent is withdrawn').waitFor();
  // What they had agreed to stays shown, with when they withdrew.
  await terms.getByText(/^You accepted version .*, and withdrew your consent on /).waitFor();

  const entries = server.entriesOf(accountId);
  assert.deepEqual(
    entries.map((e) => e.kind),
    ['receipt', 'withdrawal', 'withdrawal'],
  );
  assert.deepEqual(entries[1].payload.withdrawal.optionalConsents, ['marketing-email']);
  assert.equal(entries[2].payload.withdrawal.all, true);
  assert.deepEqual(entries[0].payload.receipt, receipt, 'the consent stays on record');

  // Back in the app, the person is asked to agree again.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('region', { name: TERMS_REGION }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
