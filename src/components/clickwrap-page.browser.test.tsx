'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
import { en, format, zhCN, type ClickwrapMessages } from '../messages';
import {
  agreement,
  agreementElement,
  agreementRegion,
  COMMITMENTS,
  deferred,
  expectNoAxeViolations,
  fillBirthDate,
  frames,
  isLabelled,
  press,
  readAll,
  screenshot,
  scrollToEnd,
  SIGNER,
  tabUntil,
  terms,
} from './test-utils.test-utils';

const TODAY = '2025-06-01';

async function setup(props: Partial<ClickwrapPageProps> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
  const onDecline = vi.fn();
  const screen = await render(
    <ClickwrapPage
      agreement={agreement}
      signer={SIGNER}
      onAccept={onAccept}
      onDecline={onDecline}
      {...props}
    />,
  );
  return { screen, onAccept: (props.onAccept as typeof onAccept) ?? onAccept, onDecline };
}

function ui(m: ClickwrapMessages = en) {
  return {
    accept: () => page.getByRole('button', { name: m.accept, exact: true }),
    retry: () => page.getByRole('button', { name: m.retry, exact: true }),
    decline: () => page.getByRole('button', { name: m.decline, exact: true }),
    assent: () =>
      page.getByRole('checkbox', {
        name: format(m.assentLabel, { title: format(m.documentTitle, { title: agreement.title }) }),
      }),
    status: () => page.getByRole('status'),
    root: () => document.querySelector('[data-theme]') as HTMLElement,
  };
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  // At the top, and no smooth scroll of an earlier test still under way (an instant one ends it).
  window.scrollTo({ top: 0, behavior: 'instant' });
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('ClickwrapPage', () => {
  describe('accessibility in every state', () => {
    const variants: Array<{ name: string; props: Partial<ClickwrapPageProps>; m: ClickwrapMessages }> = [
      { name: 'light theme, English', props: { theme: 'light' }, m: en },
      { name: 'dark theme, English', props: { theme: 'dark' }, m: en },
      { name: 'light theme, Simplified Chinese', props: { theme: 'light', messages: zhCN }, m: zhCN },
      { name: 'dark theme, Simplified Chinese', props: { theme: 'dark', messages: zhCN }, m: zhCN },
      { name: 'right-to-left', props: { theme: 'light', dir: 'rtl' }, m: en },
    ];

    for (const { name, props, m } of variants) {
      it(`has no axe violations from first view to accepted (${name})`, { timeout: 60_000 }, async () => {
        const delivery = [deferred(), deferred()];
        let call = 0;
        const onAccept = vi.fn((_receipt: ConsentReceipt) => delivery[call++]!.promise);
        const { screen } = await setup({
          ...props,
          onAccept,
          organization: true,
          acknowledgements: COMMITMENTS,
        });
        const u = ui(m);
        const root = screen.container;
        await expect.element(agreementRegion(m)).toBeVisible();
        await expectNoAxeViolations(root, 'initial');

        await scrollToEnd();
        await expectNoAxeViolations(root, 'scrolled to the end');

        await readAll();
        await expect
          .element(page.getByText(format(m.keyClausesCount, { seen: 45, total: 45 })))
          .toBeVisible();
        await expectNoAxeViolations(root, 'every key clause seen');

        // Pressing Accept too early shows every error.
        await press(u.accept());
        await expectNoAxeViolations(root, 'errors shown');

        await userEvent.fill(page.getByLabelText(m.organizationNameLabel), 'Acme Ltd');
        await userEvent.fill(page.getByLabelText(m.signerAuthorityLabel), 'Administrator');
        for (const ack of COMMITMENTS) await userEvent.click(page.getByLabelText(ack.label));
        await userEvent.click(u.assent());
        await expect.element(u.accept()).not.toHaveAttribute('aria-disabled');
        await expectNoAxeViolations(root, 'ready');

        await userEvent.click(u.accept());
        await expect.element(u.status()).toHaveTextContent(m.submitting);
        await expectNoAxeViolations(root, 'submitting');

        delivery[0]!.reject(new Error('Network is down'));
        await expect.element(u.retry()).toBeVisible();
        await expect.element(u.status()).toHaveTextContent('Network is down');
        await expectNoAxeViolations(root, 'failed');

        await userEvent.click(u.retry());
        delivery[1]!.resolve();
        await expect.element(u.status()).toHaveTextContent(m.accepted);
        expect(u.root().dataset.state).toBe('accepted');
        await expectNoAxeViolations(root, 'accepted');
        const receipt = onAccept.mock.calls[0]![0] as ConsentReceipt;
        expect(receipt.locale).toBe(m.locale);
        expect(receipt.uiVariant).toBe('page');
      });
    }

    it('has no axe violations for a minor with a guardian (both themes)', { timeout: 30_000 }, async () => {
      for (const theme of ['light', 'dark'] as const) {
        const { screen } = await setup({ theme, guardian: { today: TODAY } });
        await fillBirthDate('2012-03-04');
        await expect.element(page.getByRole('group', { name: en.guardianLegend })).toBeVisible();
        expect(ui().root().hasAttribute('data-minor')).toBe(true);
        await expectNoAxeViolations(screen.container, `minor, ${theme}`);
        await press(ui().accept());
        // The same sentence at the field and among the reasons for Accept.
        await expect
          .element(page.getByRole('group', { name: en.guardianLegend }).getByText(en.guardian.nameRequired))
          .toBeVisible();
        // The reasons are the list under their heading (the error summary lists them too).
        const reasonsList = page.elementLocator(
          page.getByText(en.missingHeading, { exact: true }).element().parentElement!,
        );
        await expect
          .element(reasonsList.getByRole('listitem').filter({ hasText: en.guardian.nameRequired }))
          .toBeVisible();
        // And at the top of the form, in the error summary, as a link to the field.
        await expect
          .element(page.getByRole('alert').getByRole('link', { name: en.guardian.nameRequired }))
          .toBeVisible();
        await expectNoAxeViolations(screen.container, `minor with errors, ${theme}`);
        await screenshot(`page-minor-${theme}`);
        await screen.unmount();
      }
    });
  });

  describe('given an adult using only the keyboard', () => {
    it('reads, ticks, accepts and gets a receipt the server verifies', async () => {
      const { onAccept } = await setup({ acknowledgements: COMMITMENTS });
      await tabUntil((el) => el === agreementElement());
      await userEvent.keyboard('{End}');
      await expect.element(agreementRegion()).toHaveAttribute('data-reached-end', '');
      await expect.element(page.getByText(en.reachedEnd)).toBeVisible();

      for (const ack of COMMITMENTS) {
        await tabUntil(isLabelled(ack.label));
        await userEvent.keyboard(' ');
      }
      await tabUntil(
        isLabelled(format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) })),
      );
      await userEvent.keyboard(' ');
      await tabUntil(isLabelled(en.accept));
      await userEvent.keyboard('{Enter}');

      await expect.element(ui().status()).toHaveTextContent(en.accepted);
      expect(onAccept).toHaveBeenCalledTimes(1);
      const receipt = onAccept.mock.calls[0]![0];
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      expect(receipt.acknowledgements.map((a) => a.id)).toEqual(COMMITMENTS.map((a) => a.id));
      expect(receipt.reading.reachedEnd).toBe(true);
    });
  });

  describe('given a minor with a guardian, using only the keyboard', () => {
    it('the guardian co-signs and the receipt records them (not the birth date)', async () => {
      const { onAccept } = await setup({ guardian: { today: TODAY } });
      await tabUntil((el) => el === agreementElement());
      await userEvent.keyboard('{End}');
      await expect.element(agreementRegion()).toHaveAttribute('data-reached-end', '');

      // US English (the default `en`): month, day, year.
      await tabUntil(isLabelled(en.birthDateMonthLabel));
      await userEvent.keyboard('3{Tab}4{Tab}2012');
      await tabUntil(isLabelled(en.guardianNameLabel));
      await userEvent.keyboard('Maria Berg');
      await tabUntil(isLabelled(en.relationshipLabel));
      await userEvent.keyboard('parent');
      await tabUntil(isLabelled(en.guardian.attestationJoint));
      await userEvent.keyboard(' ');
      await tabUntil(
        isLabelled(format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) })),
      );
      await userEvent.keyboard(' ');
      await tabUntil(isLabelled(en.accept));
      await userEvent.keyboard('{Enter}');

      await expect.element(ui().status()).toHaveTextContent(en.accepted);
      const receipt = onAccept.mock.calls[0]![0];
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      expect(receipt.guardian).toMatchObject({ name: 'Maria Berg', relationship: 'parent' });
      expect(receipt.minor).toMatchObject({ ageBracket: '13', rule: 'agreement' });
      expect(JSON.stringify(receipt)).not.toContain('2012-03-04');
    });
  });

  describe('given an organisation signer, using only the keyboard', () => {
    it('records the organisation and the signer’s authority', async () => {
      const { onAccept } = await setup({ organization: true });
      await tabUntil((el) => el === agreementElement());
      await userEvent.keyboard('{End}');
      await expect.element(agreementRegion()).toHaveAttribute('data-reached-end', '');
      await tabUntil(isLabelled(en.organizationNameLabel));
      await userEvent.keyboard('Acme Ltd');
      await tabUntil(isLabelled(en.signerAuthorityLabel));
      await userEvent.keyboard('Administrator');
      await tabUntil(
        isLabelled(format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) })),
      );
      await userEvent.keyboard(' ');
      // Shift+Tab back to check nothing was skipped, then forward to Accept.
      await tabUntil(isLabelled(en.signerAuthorityLabel), { shift: true });
      await tabUntil(isLabelled(en.accept));
      await userEvent.keyboard('{Enter}');

      await expect.element(ui().status()).toHaveTextContent(en.accepted);
      const receipt = onAccept.mock.calls[0]![0];
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      expect(receipt.organization).toEqual({ name: 'Acme Ltd', signerAuthority: 'Administrator' });
    });
  });

  describe('when the accept control is not available yet', () => {
    it('is focusable, aria-disabled and described by the reasons', async () => {
      await setup();
      const accept = ui().accept();
      await expect.element(accept).toHaveAttribute('aria-disabled', 'true');
      const describedBy = accept.element().getAttribute('aria-describedby')!;
      const reasons = document.getElementById(describedBy)!;
      expect(reasons.textContent).toContain(en.reasons.scrollToEnd);
      expect(reasons.textContent).toContain(format(en.reasons.assent, { count: 1 }));
      await expect.element(accept).toHaveAccessibleDescription(/Scroll to the end/);
      // Decline is as available as Accept is not.
      await expect.element(ui().decline()).not.toHaveAttribute('aria-disabled');
    });
  });

  describe('when delivery fails twice, then succeeds', () => {
    it('retries the same receipt and ends with exactly one accepted receipt', async () => {
      const onAccept = vi
        .fn<(receipt: ConsentReceipt) => Promise<unknown>>()
        .mockRejectedValueOnce(new Error('Timeout'))
        .mockRejectedValueOnce(new Error('Server error'))
        .mockResolvedValueOnce({ ok: true });
      await setup({ onAccept });
      await scrollToEnd();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      await expect.element(ui().status()).toHaveTextContent('Timeout');
      await userEvent.click(ui().retry());
      await expect.element(ui().status()).toHaveTextContent('Server error');
      await userEvent.click(ui().retry());
      await expect.element(ui().status()).toHaveTextContent(en.accepted);

      expect(onAccept).toHaveBeenCalledTimes(3);
      const ids = new Set(onAccept.mock.calls.map(([r]) => r.receiptId));
      expect(ids.size).toBe(1);
      const [id] = ids;
      await expect.element(ui().status()).toHaveTextContent(format(en.receiptId, { id: id! }));
      // Nothing is left to press again: Decline and Accept give way to the outcome.
      expect(ui().accept().query()).toBeNull();
      await frames(2);
      expect(onAccept).toHaveBeenCalledTimes(3);
    });
  });

  describe('when declined', () => {
    it('calls onDecline, records no consent and says so', async () => {
      const { onAccept, onDecline } = await setup();
      await userEvent.click(ui().decline());
      expect(onDecline).toHaveBeenCalledTimes(1);
      expect(onAccept).not.toHaveBeenCalled();
      await expect.element(ui().status()).toHaveTextContent(en.declined);
    });
  });

  describe('the line under the title', () => {
    const section = () => page.getByRole('region', { name: agreement.title, exact: true });

    it('asks to read and accept, then says the agreement is accepted', async () => {
      await setup();
      await expect.element(section().getByText(format(en.description, { count: 1 }))).toBeVisible();
      await scrollToEnd();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      await expect.element(ui().status()).toHaveTextContent(en.accepted);
      await expect.element(section().getByText(format(en.descriptionAccepted, { count: 1 }))).toBeVisible();
      expect(
        section()
          .getByText(format(en.description, { count: 1 }))
          .query(),
      ).toBeNull();
    });

    it('says the agreement is declined once only Done is left', async () => {
      await setup({ onDone: () => {} });
      await userEvent.click(ui().decline());
      await expect.element(page.getByRole('button', { name: en.done, exact: true })).toBeVisible();
      await expect.element(section().getByText(format(en.descriptionDeclined, { count: 1 }))).toBeVisible();
    });

    it('keeps the instruction after declining while Accept is still there', async () => {
      await setup();
      await userEvent.click(ui().decline());
      await expect.element(ui().status()).toHaveTextContent(en.declined);
      await expect.element(ui().accept()).toBeVisible();
      await expect.element(section().getByText(format(en.description, { count: 1 }))).toBeVisible();
    });

    it('keeps the app’s own line after accepting', async () => {
      const own = 'Accept the terms to open your workspace.';
      await setup({ description: own });
      await scrollToEnd();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      await expect.element(ui().status()).toHaveTextContent(en.accepted);
      await expect.element(section().getByText(own)).toBeVisible();
    });
  });

  describe('the sticky action bar', () => {
    it('never hides the focused element (WCAG 2.4.11)', async () => {
      await page.viewport(800, 600);
      await setup({ acknowledgements: COMMITMENTS, organization: true });
      const bar = document.querySelector('.rcw-page-actions') as HTMLElement;
      let checked = 0;
      for (let i = 0; i < 80; i++) {
        await userEvent.tab();
        await frames(3);
        const el = document.activeElement as HTMLElement;
        if (!el || bar.contains(el) || el === document.body) continue;
        const box = el.getBoundingClientRect();
        const barBox = bar.getBoundingClientRect();
        const hidden = box.top >= barBox.top && box.bottom <= barBox.bottom;
        expect(hidden, `focused ${el.outerHTML.slice(0, 80)} is under the bar`).toBe(false);
        // Fully visible when it fits above the bar.
        if (box.height < barBox.top - 16) {
          expect(box.bottom, el.outerHTML.slice(0, 80)).toBeLessThanOrEqual(barBox.top + 1);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    });

    it('does not keep the end of the text under it from a reader scrolling with the wheel', async () => {
      // A short window: when the text's own scroll ends, its last lines are still below the bar.
      await page.viewport(1280, 500);
      await setup();
      await frames(3);
      const area = agreementElement();
      await expect.element(agreementRegion()).not.toHaveAttribute('data-reached-end');
      // The wheel over the text all the way: the text scrolls to its end, then the page on.
      for (let i = 0; i < 60 && !area.hasAttribute('data-reached-end'); i++) {
        await userEvent.wheel(agreementRegion(), { delta: { y: 1000 } });
        await frames(2);
      }
      await expect.element(agreementRegion()).toHaveAttribute('data-reached-end', '');
      const bar = document.querySelector('.rcw-page-actions') as HTMLElement;
      expect(area.getBoundingClientRect().bottom).toBeLessThanOrEqual(bar.getBoundingClientRect().top + 1);
    });

    for (const [width, height] of [
      [1280, 900],
      [375, 667],
    ] as const) {
      it(`shows what is missing above it when Accept is pressed too early (${width} × ${height})`, async () => {
        await page.viewport(width, height);
        await setup({ acknowledgements: COMMITMENTS });
        window.scrollTo({ top: 0, behavior: 'instant' });
        await frames(3);
        (ui().accept().element() as HTMLElement).focus({ preventScroll: true });
        await userEvent.keyboard('{Enter}');
        const reasons = page.getByText(en.missingHeading, { exact: true });
        const bar = document.querySelector('.rcw-page-actions') as HTMLElement;
        // Scrolled (smoothly, unless reduced motion) until the list sits above the bar.
        await expect
          .poll(
            () => {
              const list = (reasons.element() as HTMLElement)
                .closest('.rcw-missing')!
                .getBoundingClientRect();
              return list.bottom <= bar.getBoundingClientRect().top + 1 && list.top >= 0;
            },
            { timeout: 10_000 },
          )
          .toBe(true);
      });
    }
  });

  describe('the table of contents', () => {
    it('lists the sections on wide screens and jumps within the agreement', async () => {
      await setup();
      const nav = page.getByRole('navigation', { name: en.tocLabel });
      await expect.element(nav).toBeVisible();
      const link = nav.getByRole('link', { name: 'VIII. Other' });
      const before = window.scrollY;
      await userEvent.click(link);
      await expect.element(page.getByRole('heading', { name: 'VIII. Other' })).toHaveFocus();
      await expect.poll(() => agreementElement().scrollTop).toBeGreaterThan(0);
      expect(window.scrollY).toBe(before);
    });

    it("points a closed group's arrow along the reading direction, right to left as well", async () => {
      // Four copies of the Terms (64 headings): enough that subsections open on demand.
      const long = parseAgreement({
        id: 'terms-four-copies',
        version: '1',
        markdown: [terms, terms, terms, terms].join('\n'),
      });
      const arrow = () =>
        getComputedStyle(document.querySelector('.rcw-toc-toggle[aria-expanded="false"] svg')!).rotate;
      const { screen } = await setup({ agreement: long });
      await expect
        .element(page.getByRole('button', { name: new RegExp(`^${en.tocSubsections} `) }).first())
        .toBeInTheDocument();
      expect(arrow()).toBe('none');
      await screen.rerender(
        <ClickwrapPage agreement={long} signer={SIGNER} onAccept={async () => {}} dir="rtl" />,
      );
      await expect.poll(arrow).toBe('180deg');
    });

    it('is hidden on narrow screens', async () => {
      await page.viewport(375, 700);
      await setup();
      await expect.element(agreementRegion()).toBeVisible();
      const nav = document.querySelector(`nav[aria-label="${en.tocLabel}"]`)!;
      expect(nav).not.toBeNull();
      expect(getComputedStyle(nav).display).toBe('none');
    });
  });

  describe('the key-clause summary', () => {
    it('jumps to a clause, which is then marked as read', async () => {
      await setup();
      const summary = page.getByRole('region', { name: en.keyClausesHeading });
      await expect.element(summary).toBeVisible();
      const last = agreement.keyClauses.at(-1)!;
      // The last clause of the toolbar ("Next unread" comes after the list).
      const button = summary.getByRole('toolbar').getByRole('button').last();
      await userEvent.click(button);
      const clause = document.querySelector(`[data-key-clause="${last.id}"]`) as HTMLElement;
      await expect.element(clause).toHaveFocus();
      await expect.element(clause).toHaveAttribute('data-seen', '');
      await expect
        .element(button)
        .toHaveAccessibleName(new RegExp(`${en.keyClauseSeen.replace(/[()]/g, '\\$&')}$`));
    });
  });

  describe('screenshots', () => {
    it('light, dark, right-to-left and phone', async () => {
      const shots: Array<[string, Partial<ClickwrapPageProps>, [number, number]]> = [
        ['page-light', { theme: 'light' }, [1280, 900]],
        ['page-dark', { theme: 'dark', messages: zhCN }, [1280, 900]],
        ['page-rtl', { theme: 'light', dir: 'rtl' }, [1024, 800]],
        ['page-phone', { theme: 'light' }, [375, 700]],
      ];
      for (const [name, props, [w, h]] of shots) {
        await page.viewport(w, h);
        const { screen } = await setup({ ...props, organization: true, acknowledgements: COMMITMENTS });
        await frames(3);
        await screenshot(name);
        await screen.unmount();
      }
    });
  });
});
