'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { AgreementView } from './agreement-view';
import { AssentControls } from './assent-controls';
import { ClickwrapPage } from './clickwrap-page';
import { ClickwrapRoot } from './context';
import { GuardianForm } from './guardian-form';
import { en, format } from '../messages';
import {
  agreement,
  expectNoAxeViolations,
  fillBirthDate,
  press,
  recordAnnouncements,
  scrollToEnd,
  SIGNER,
} from './test-utils.test-utils';

const TODAY = '2025-06-01';
/** The hint, with its example in the default `en` (US English) order: month, day, year. */
const HINT = format(en.birthDateHint, { example: '3 27 2007' });

const dateGroup = () => page.getByRole('group', { name: en.birthDateLabel, exact: true });
const part = (name: string) => page.getByRole('textbox', { name, exact: true });
const accept = () => page.getByRole('button', { name: en.accept, exact: true });
const reasons = () => Array.from(document.querySelectorAll('.rcw-missing li'), (li) => li.textContent ?? '');
const invalidParts = () =>
  [en.birthDateDayLabel, en.birthDateMonthLabel, en.birthDateYearLabel].filter(
    (name) => part(name).element().getAttribute('aria-invalid') === 'true',
  );

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});
afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

/** A clickwrap whose guardian form asks the date of birth with the browser's date picker. */
const renderWithDatePicker = () =>
  render(
    <ClickwrapRoot agreement={agreement} signer={SIGNER} guardian={{ today: TODAY }} onAccept={() => {}}>
      <main>
        <AgreementView style={{ blockSize: 300 }} />
        <GuardianForm birthDateInput="date" />
        <AssentControls />
      </main>
    </ClickwrapRoot>,
  );

describe('GuardianForm: the date of birth', () => {
  for (const theme of ['light', 'dark'] as const) {
    describe(`given the page in the ${theme} theme`, () => {
      beforeEach(async () => {
        await render(
          <ClickwrapPage
            agreement={agreement}
            signer={SIGNER}
            theme={theme}
            guardian={{ today: TODAY }}
            onAccept={async () => {}}
          />,
        );
        await scrollToEnd();
      });

      it('is a fieldset with a legend, a hint and day, month, year fields sized to their contents', async () => {
        await expect.element(dateGroup()).toHaveAccessibleDescription(HINT);
        const widths = [en.birthDateDayLabel, en.birthDateMonthLabel, en.birthDateYearLabel].map(
          (name) => part(name).element().getBoundingClientRect().width,
        );
        expect(widths[0]).toBe(widths[1]);
        expect(widths[2]).toBeGreaterThan(widths[0]!);
        expect(widths[2]).toBeLessThan(160);
        await expectNoAxeViolations(document.body, `empty, ${theme}`);
      });

      it('after an accept attempt with nothing entered, asks for it at the field and among the reasons', async () => {
        await press(accept());
        await expect.element(dateGroup().getByText(en.guardian.birthDateRequired)).toBeVisible();
        expect(reasons()).toContain(en.guardian.birthDateRequired);
        expect(invalidParts()).toHaveLength(3);
        await expectNoAxeViolations(document.body, `nothing entered, ${theme}`);
      });

      it('says which field is missing and marks only that one', async () => {
        await fillBirthDate('2010--15');
        await press(accept());
        await expect
          .element(dateGroup())
          .toHaveAccessibleDescription(`${HINT} Date of birth must include a month.`);
        expect(invalidParts()).toEqual([en.birthDateMonthLabel]);
        await expectNoAxeViolations(document.body, `month missing, ${theme}`);
      });

      it('says a date in the future must be in the past, and the reasons agree it is not valid', async () => {
        await fillBirthDate('2030-01-01');
        await press(accept());
        await expect.element(dateGroup().getByText(en.guardian.birthDateFuture)).toBeVisible();
        expect(reasons()).toContain(en.guardian.birthDateInvalid);
        expect(invalidParts()).toHaveLength(3);
        await expectNoAxeViolations(document.body, `future, ${theme}`);
      });
    });
  }

  it('types with spaces and leading zeros and still makes the date', async () => {
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        guardian={{ today: TODAY }}
        onAccept={async () => {}}
      />,
    );
    await fillBirthDate(' 2012-03-04 ');
    await userEvent.click(part(en.birthDateYearLabel));
    await userEvent.keyboard('{Tab}');
    await expect.element(page.getByRole('group', { name: en.guardianLegend })).toBeVisible();
  });

  it('offers the browser\'s date picker instead with birthDateInput="date"', async () => {
    await renderWithDatePicker();
    const input = page.getByLabelText(en.birthDateLabel, { exact: true });
    await expect.element(input).toHaveAttribute('type', 'date');
    await userEvent.fill(input, '2012-03-04');
    await expect.element(page.getByRole('group', { name: en.guardianLegend })).toBeVisible();
    await expectNoAxeViolations(document.body, 'date picker');
  });
});

describe('GuardianForm: the error summary (GOV.UK)', () => {
  /** ClickwrapPage with guardian co-signing, its agreement read to the end. */
  async function showReadPage() {
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        theme="light"
        guardian={{ today: TODAY }}
        onAccept={async () => {}}
      />,
    );
    await scrollToEnd();
  }

  it('lists every error at the top of the form, each a link that moves focus to its field', async () => {
    await showReadPage();
    const alert = page.getByRole('alert').filter({ hasText: en.errorSummaryHeading });
    expect(alert.query()).toBeNull();

    await fillBirthDate('2010--15');
    await press(accept());
    await expect.element(alert).toBeVisible();
    const link = alert.getByRole('link', { name: /month/ });
    await expect.element(link).toBeVisible();
    // Before the fields: the first thing of the form.
    const form = document.querySelector('.rcw-guardian')!;
    expect(form.firstElementChild).toBe(alert.element());
    await userEvent.click(link);
    await expect.element(part(en.birthDateMonthLabel)).toHaveFocus();

    // A minor: the guardian's fields join the list once their errors are shown.
    await fillBirthDate('2012-03-04');
    await press(accept());
    await expect.element(alert.getByRole('link', { name: en.guardian.nameRequired })).toBeVisible();
    await expect.element(alert.getByRole('link', { name: en.guardian.attestationRequired })).toBeVisible();
    await userEvent.click(alert.getByRole('link', { name: en.guardian.nameRequired }));
    await expect.element(page.getByRole('textbox', { name: en.guardianNameLabel })).toHaveFocus();
    await expectNoAxeViolations(document.body, 'error summary');
  });

  it('keeps still while the person types (it is assertive), takes the list again at the next attempt, and empties when all is well', async () => {
    await showReadPage();
    await fillBirthDate('2012-03-04');
    await press(accept());
    const alert = page.getByRole('alert').filter({ hasText: en.errorSummaryHeading });
    await expect.element(alert.getByRole('link', { name: en.guardian.nameRequired })).toBeVisible();
    const links = () => Array.from(alert.element().querySelectorAll('a'), (a) => a.textContent);
    const before = links();
    const changes: string[] = [];
    const observer = new MutationObserver(() => changes.push(alert.element().textContent ?? ''));
    observer.observe(alert.element(), { subtree: true, childList: true, characterData: true });

    // Typing a name and taking it back: the field's own message follows, the summary does not.
    const name = page.getByRole('textbox', { name: en.guardianNameLabel });
    await userEvent.click(name);
    await userEvent.keyboard('E');
    await userEvent.keyboard('{Backspace}');
    await userEvent.keyboard('Eve');
    await userEvent.tab();
    await expect.poll(() => name.element().getAttribute('aria-invalid')).not.toBe('true');
    expect(changes).toEqual([]);
    expect(links()).toEqual(before);

    // The next attempt takes the list again: the name is no longer in it.
    await press(accept());
    await expect.poll(links).not.toContain(en.guardian.nameRequired);
    expect(links().length).toBeGreaterThan(0);
    observer.disconnect();

    // Once nothing is wrong, it is empty.
    await userEvent.fill(page.getByLabelText(en.relationshipLabel, { exact: true }), 'parent');
    await userEvent.click(page.getByRole('checkbox', { name: en.guardian.attestationJoint }));
    await expect.poll(() => document.querySelector('.rcw-error-summary')?.textContent).toBe('');
  });

  it('with birthDateInput="date", leads to the date field, and leaves the URL alone', async () => {
    await renderWithDatePicker();
    await scrollToEnd();
    const url = location.href;
    await press(accept());
    const alert = page.getByRole('alert').filter({ hasText: en.errorSummaryHeading });
    await userEvent.click(alert.getByRole('link', { name: en.guardian.birthDateRequired }));
    await expect.element(page.getByLabelText(en.birthDateLabel, { exact: true })).toHaveFocus();
    expect(location.href).toBe(url);
  });

  it("says a failed guardian check once (the summary's alert), and the check passed once, which then describes the button", async () => {
    const results = [{ ok: false, message: 'No guardian of that name on record.' }, { ok: true }];
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        theme="light"
        guardian={{ today: TODAY, verifyGuardian: async () => results.shift()! }}
        onAccept={async () => {}}
      />,
    );
    await scrollToEnd();
    await fillBirthDate('2012-03-04');
    await userEvent.fill(page.getByRole('textbox', { name: en.guardianNameLabel }), 'Eve Berg');
    await userEvent.fill(page.getByLabelText(en.relationshipLabel, { exact: true }), 'parent');
    const record = recordAnnouncements();
    const verify = page.getByRole('button', { name: en.verifyGuardian });
    try {
      await userEvent.click(verify);
      const alert = page.getByRole('alert').filter({ hasText: en.errorSummaryHeading });
      await expect
        .element(alert.getByRole('link', { name: 'No guardian of that name on record.' }))
        .toBeVisible();
      await expect.element(verify).toHaveAccessibleDescription('No guardian of that name on record.');
      await expect.poll(() => record.said).toHaveLength(1);
      const alertSaid = `${en.errorSummaryHeading}No guardian of that name on record.`;
      expect(record.said[0]).toBe(alertSaid);
      await userEvent.click(verify);
      await expect.element(page.getByText(en.guardianVerified)).toBeVisible();
      // Found again later, the button says the check passed.
      await expect.element(verify).toHaveAccessibleDescription(en.guardianVerified);
      await expect.poll(() => record.said.at(-1)).toBe(en.guardianVerified);
      // Nothing said in between: no "must be verified" while the check ran again.
      expect(record.said).toEqual([alertSaid, en.guardianVerified]);
    } finally {
      record.stop();
    }
  });
});
