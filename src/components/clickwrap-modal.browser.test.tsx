'use client';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
import { en, format, zhCN, type ClickwrapMessages } from '../messages';
import {
  agreement,
  agreementElement,
  COMMITMENTS,
  deferred,
  describeElement,
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

const TRIGGER = 'Review the terms';

async function setup(props: Partial<ClickwrapModalProps> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
  const onDecline = vi.fn();
  const onOpenChange = vi.fn();
  const screen = await render(
    <>
      <p>
        <button type="button">Before</button>
      </p>
      <ClickwrapModal
        agreement={agreement}
        signer={SIGNER}
        onAccept={onAccept}
        onDecline={onDecline}
        onOpenChange={onOpenChange}
        trigger={<button type="button">{TRIGGER}</button>}
        {...props}
      />
    </>,
  );
  return {
    screen,
    onAccept: (props.onAccept as typeof onAccept) ?? onAccept,
    onDecline,
    onOpenChange,
  };
}

function ui(m: ClickwrapMessages = en) {
  const dialog = () => page.getByRole('dialog');
  return {
    dialog,
    trigger: () => page.getByRole('button', { name: TRIGGER }),
    accept: () => dialog().getByRole('button', { name: m.accept, exact: true }),
    retry: () => dialog().getByRole('button', { name: m.retry, exact: true }),
    decline: () => dialog().getByRole('button', { name: m.decline, exact: true }),
    close: () => dialog().getByRole('button', { name: m.close, exact: true }),
    assent: () =>
      dialog().getByRole('checkbox', {
        name: format(m.assentLabel, { title: format(m.documentTitle, { title: agreement.title }) }),
      }),
    status: () => dialog().getByRole('status'),
  };
}

function dialogElement(): HTMLElement | null {
  return document.querySelector('[role="dialog"]');
}

/** The themed root the dialog is portalled in. */
function modalRoot(): HTMLElement {
  return dialogElement()!.closest('[data-theme]') as HTMLElement;
}

async function open() {
  await userEvent.click(ui().trigger());
  await expect.element(ui().dialog()).toBeVisible();
}

async function expectClosed() {
  await expect.poll(() => dialogElement()).toBeNull();
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('ClickwrapModal', () => {
  describe('focus management', () => {
    it('moves focus into the dialog to the agreement, not to Accept', async () => {
      await setup();
      await tabUntil(isLabelled(TRIGGER));
      await userEvent.keyboard('{Enter}');
      await expect.element(ui().dialog()).toBeVisible();
      expect(document.activeElement).toBe(agreementElement());
      expect(document.activeElement).not.toBe(ui().accept().element());
      const dialog = dialogElement()!;
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      await expect.element(ui().dialog()).toHaveAccessibleName(agreement.title);
      await expect.element(ui().dialog()).toHaveAccessibleDescription(format(en.description, { count: 1 }));
    });

    it('traps focus inside the dialog, both ways', async () => {
      await setup();
      await open();
      const dialog = dialogElement()!;
      const seen = new Set<Element>();
      for (let i = 0; i < 70; i++) {
        await userEvent.tab();
        const active = document.activeElement!;
        expect(dialog.contains(active), `Tab ${i} left the dialog: ${describeElement(active)}`).toBe(true);
        seen.add(active);
      }
      for (let i = 0; i < 10; i++) {
        await userEvent.tab({ shift: true });
        const active = document.activeElement!;
        expect(dialog.contains(active), `Shift+Tab ${i} left the dialog: ${describeElement(active)}`).toBe(
          true,
        );
      }
      // Wrapping: from the first focusable, Shift+Tab goes to the last. The stops: close, the
      // agreement, the key clauses (one stop for all 45), assent, Decline, Accept.
      expect(seen.size).toBeGreaterThanOrEqual(6);
    });

    it('Escape closes without a decision and returns focus to the trigger', async () => {
      const { onAccept, onDecline, onOpenChange } = await setup();
      await open();
      await userEvent.keyboard('{Escape}');
      await expectClosed();
      await expect.element(ui().trigger()).toHaveFocus();
      expect(onOpenChange.mock.calls).toEqual([[true], [false]]);
      expect(onAccept).not.toHaveBeenCalled();
      expect(onDecline).not.toHaveBeenCalled();
    });

    it('a click outside closes without a decision', async () => {
      const { onAccept, onDecline, onOpenChange } = await setup();
      await open();
      const overlay = modalRoot().querySelector('.rcw-modal-overlay') as HTMLElement;
      await userEvent.click(overlay, { position: { x: 5, y: 5 }, force: true });
      await expectClosed();
      expect(onOpenChange).toHaveBeenLastCalledWith(false);
      expect(onAccept).not.toHaveBeenCalled();
      expect(onDecline).not.toHaveBeenCalled();
    });

    it('without a trigger, returns focus to where it was', async () => {
      function App() {
        const [isOpen, setOpen] = useState(false);
        return (
          <>
            <button type="button" onClick={() => setOpen(true)}>
              Open from outside
            </button>
            <ClickwrapModal
              agreement={agreement}
              signer={SIGNER}
              onAccept={() => {}}
              open={isOpen}
              onOpenChange={setOpen}
            />
          </>
        );
      }
      await render(<App />);
      await userEvent.click(page.getByRole('button', { name: 'Open from outside' }));
      await expect.element(ui().dialog()).toBeVisible();
      await userEvent.keyboard('{Escape}');
      await expectClosed();
      await expect.element(page.getByRole('button', { name: 'Open from outside' })).toHaveFocus();
    });
  });

  describe('with dismissible={false}', () => {
    it('ignores Escape and outside clicks and has no Close button until a decision', async () => {
      const { onOpenChange, onDecline } = await setup({ dismissible: false, defaultOpen: true });
      await expect.element(ui().dialog()).toBeVisible();
      await expect.element(ui().close()).not.toBeInTheDocument();
      await userEvent.keyboard('{Escape}');
      const overlay = modalRoot().querySelector('.rcw-modal-overlay') as HTMLElement;
      await userEvent.click(overlay, { position: { x: 5, y: 5 }, force: true });
      await frames(3);
      expect(dialogElement()).not.toBeNull();
      expect(onOpenChange).not.toHaveBeenCalled();
      // Decline is a decision: the dialog closes.
      await userEvent.click(ui().decline());
      expect(onDecline).toHaveBeenCalledTimes(1);
      await expectClosed();
      // The dialog's own status went with it: the outcome is announced from outside.
      await expect.element(page.getByRole('status')).toHaveTextContent(en.declined);
    });

    it('allows closing once declined when it stays open after decisions', async () => {
      await setup({ dismissible: false, defaultOpen: true, closeOnDecision: false });
      await userEvent.click(ui().decline());
      await expect.element(ui().status()).toHaveTextContent(en.declined);
      await expect.element(ui().close()).toBeVisible();
      await userEvent.keyboard('{Escape}');
      await expectClosed();
    });
  });

  describe('when closed while the receipt is being delivered', () => {
    it('keeps the pending receipt, delivers it once, and shows it accepted on reopening', async () => {
      const delivery = deferred();
      const onAccept = vi.fn((_receipt: ConsentReceipt) => delivery.promise);
      const { onOpenChange } = await setup({ onAccept });
      await open();
      await scrollToEnd();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      await expect.element(ui().status()).toHaveTextContent(en.submitting);

      await userEvent.keyboard('{Escape}');
      await expectClosed();
      expect(onOpenChange).toHaveBeenLastCalledWith(false);

      // Closed meanwhile: nothing to see the outcome in, so it is announced.
      await expect.element(page.getByRole('status')).toHaveTextContent('');
      delivery.resolve();
      await expect.element(page.getByRole('status')).toHaveTextContent(en.accepted);
      expect(onAccept).toHaveBeenCalledTimes(1);
      const receipt = onAccept.mock.calls[0]![0] as ConsentReceipt;

      await open();
      await expect.element(ui().status()).toHaveTextContent(en.accepted);
      await expect.element(ui().status()).toHaveTextContent(format(en.receiptId, { id: receipt.receiptId }));
      // After the decision: one Done, no Accept to press again.
      expect(ui().accept().query()).toBeNull();
      await expect.element(ui().dialog().getByRole('button', { name: en.done, exact: true })).toBeVisible();
      await frames(2);
      expect(onAccept).toHaveBeenCalledTimes(1);
    });
  });

  describe('when another text is shown while the receipt is being delivered', () => {
    it("neither closes nor says Accepted when the old text's delivery ends", async () => {
      const delivery = deferred();
      const onAccept = vi.fn((_receipt: ConsentReceipt) => delivery.promise);
      const { screen, onOpenChange } = await setup({ onAccept });
      await open();
      await scrollToEnd();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      await expect.element(ui().status()).toHaveTextContent(en.submitting);

      // The app loads a new version meanwhile: it is shown, unread and unaccepted.
      const v2 = parseAgreement({
        id: agreement.id,
        version: '2',
        markdown: `${terms}\n\n## 99. A new clause\n\nWe may now share your data with partners.\n`,
      });
      // The same tree as setup's, with the new text.
      await screen.rerender(
        <>
          <p>
            <button type="button">Before</button>
          </p>
          <ClickwrapModal
            agreement={v2}
            signer={SIGNER}
            onAccept={onAccept}
            onOpenChange={onOpenChange}
            trigger={<button type="button">{TRIGGER}</button>}
          />
        </>,
      );
      await expect
        .element(ui().dialog().getByText('We may now share your data with partners.'))
        .toBeInTheDocument();
      delivery.resolve();
      await delivery.promise;
      await frames(6);
      await expect.element(ui().dialog()).toBeVisible();
      expect(onOpenChange).not.toHaveBeenCalledWith(false);
      expect(page.getByRole('status').filter({ hasText: en.accepted }).query()).toBeNull();
      await expect.element(ui().accept()).toHaveAttribute('aria-disabled', 'true');
    });
  });

  describe('given an adult using only the keyboard', () => {
    it('reads, ticks and accepts; the dialog closes and focus returns to the trigger', async () => {
      const { onAccept } = await setup({ acknowledgements: COMMITMENTS });
      await tabUntil(isLabelled(TRIGGER));
      await userEvent.keyboard('{Enter}');
      await expect.element(ui().dialog()).toBeVisible();
      // Focus starts on the agreement: End scrolls it to the end.
      await userEvent.keyboard('{End}');
      await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
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
      await expectClosed();
      await expect.element(ui().trigger()).toHaveFocus();
      // Heard after the trigger focus returns to, from a status outside the closed dialog; out of sight.
      const announced = page.getByRole('status');
      await expect.element(announced).toHaveTextContent(en.accepted);
      expect(announced.element().getBoundingClientRect().width).toBeLessThanOrEqual(1);
      expect(onAccept).toHaveBeenCalledTimes(1);
      const receipt = onAccept.mock.calls[0]![0];
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      expect(receipt.uiVariant).toBe('modal');
    });
  });

  describe('when the page was open a while before the dialog', () => {
    const elsewhere = () => new Promise((resolve) => setTimeout(resolve, 300));

    it('records the agreement shown when the dialog first showed it, not when the page loaded', async () => {
      const { onAccept } = await setup();
      await elsewhere();
      const firstOpen = Date.now();
      await open();
      await userEvent.keyboard('{Escape}');
      await expectClosed();
      await elsewhere();
      const secondOpen = Date.now();
      await open();
      await readAll();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      await expect.poll(() => onAccept.mock.calls.length).toBe(1);
      const receipt = onAccept.mock.calls[0]![0];
      const shownAt = Date.parse(receipt.shownAt);
      expect(shownAt).toBeGreaterThanOrEqual(firstOpen);
      expect(shownAt).toBeLessThan(secondOpen);
      expect(Date.parse(receipt.reading.reachedEndAt!)).toBeGreaterThanOrEqual(shownAt);
    });

    it('a decline records it shown when the dialog showed it', async () => {
      const { onDecline } = await setup();
      await elsewhere();
      const opened = Date.now();
      await open();
      await userEvent.click(ui().decline());
      await expect.poll(() => onDecline.mock.calls.length).toBe(1);
      expect(Date.parse(onDecline.mock.calls[0]![0].shownAt)).toBeGreaterThanOrEqual(opened);
    });
  });

  describe('given a minor with a guardian, using only the keyboard', () => {
    it('the guardian co-signs', async () => {
      const { onAccept } = await setup({ guardian: { today: '2025-06-01' } });
      await tabUntil(isLabelled(TRIGGER));
      await userEvent.keyboard('{Enter}');
      await expect.element(ui().dialog()).toBeVisible();
      await userEvent.keyboard('{End}');
      await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
      // US English (the default `en`): month, day, year.
      await tabUntil(isLabelled(en.birthDateMonthLabel));
      await userEvent.keyboard('9{Tab}30{Tab}2010');
      await tabUntil(isLabelled(en.guardianNameLabel));
      await userEvent.keyboard('Maria Berg');
      await tabUntil(isLabelled(en.relationshipLabel));
      await userEvent.keyboard('legal guardian');
      await tabUntil(isLabelled(en.guardian.attestationJoint));
      await userEvent.keyboard(' ');
      await tabUntil(
        isLabelled(format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) })),
      );
      await userEvent.keyboard(' ');
      await tabUntil(isLabelled(en.accept));
      await userEvent.keyboard('{Enter}');
      await expectClosed();
      const receipt = onAccept.mock.calls[0]![0];
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      expect(receipt.guardian?.relationship).toBe('legal guardian');
      expect(receipt.minor?.ageBracket).toBe('14');
    });
  });

  describe('given an organisation signer, using only the keyboard', () => {
    it('records the organisation', async () => {
      const { onAccept } = await setup({ organization: true });
      await tabUntil(isLabelled(TRIGGER));
      await userEvent.keyboard('{Enter}');
      await userEvent.keyboard('{End}');
      await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
      await tabUntil(isLabelled(en.organizationNameLabel));
      await userEvent.keyboard('Acme Ltd');
      await tabUntil(isLabelled(en.signerAuthorityLabel));
      await userEvent.keyboard('Director');
      await tabUntil(
        isLabelled(format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) })),
      );
      await userEvent.keyboard(' ');
      await tabUntil(isLabelled(en.accept));
      await userEvent.keyboard('{Enter}');
      await expectClosed();
      const receipt = onAccept.mock.calls[0]![0];
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      expect(receipt.organization).toEqual({ name: 'Acme Ltd', signerAuthority: 'Director' });
    });
  });

  describe('accessibility in every state', () => {
    const variants: Array<{ name: string; props: Partial<ClickwrapModalProps>; m: ClickwrapMessages }> = [
      { name: 'light theme, English', props: { theme: 'light' }, m: en },
      { name: 'dark theme, English', props: { theme: 'dark' }, m: en },
      { name: 'light theme, Simplified Chinese', props: { theme: 'light', messages: zhCN }, m: zhCN },
      { name: 'dark theme, right-to-left', props: { theme: 'dark', dir: 'rtl' }, m: en },
    ];
    for (const { name, props, m } of variants) {
      it(`has no axe violations from opening to accepted (${name})`, { timeout: 60_000 }, async () => {
        const delivery = [deferred(), deferred()];
        let call = 0;
        const onAccept = vi.fn((_receipt: ConsentReceipt) => delivery[call++]!.promise);
        await setup({
          ...props,
          onAccept,
          defaultOpen: true,
          closeOnDecision: false,
          organization: true,
          acknowledgements: COMMITMENTS,
        });
        const u = ui(m);
        await expect.element(u.dialog()).toBeVisible();
        await expectNoAxeViolations(modalRoot(), 'initial');
        await scrollToEnd();
        await expectNoAxeViolations(modalRoot(), 'scrolled to the end');
        await readAll();
        await expectNoAxeViolations(modalRoot(), 'every key clause seen');
        await press(u.accept());
        await expectNoAxeViolations(modalRoot(), 'errors shown');
        await userEvent.fill(u.dialog().getByLabelText(m.organizationNameLabel), 'Acme Ltd');
        await userEvent.fill(u.dialog().getByLabelText(m.signerAuthorityLabel), 'Administrator');
        for (const ack of COMMITMENTS) await userEvent.click(u.dialog().getByLabelText(ack.label));
        await userEvent.click(u.assent());
        await expectNoAxeViolations(modalRoot(), 'ready');
        await userEvent.click(u.accept());
        await expect.element(u.status()).toHaveTextContent(m.submitting);
        await expectNoAxeViolations(modalRoot(), 'submitting');
        delivery[0]!.reject(new Error('Offline'));
        await expect.element(u.retry()).toBeVisible();
        await expectNoAxeViolations(modalRoot(), 'failed');
        await userEvent.click(u.retry());
        delivery[1]!.resolve();
        await expect.element(u.status()).toHaveTextContent(m.accepted);
        await expectNoAxeViolations(modalRoot(), 'accepted');
      });
    }

    it('has no axe violations for a minor (guardian section shown)', async () => {
      await setup({ defaultOpen: true, guardian: { today: '2025-06-01' }, theme: 'dark' });
      await fillBirthDate('2012-03-04', ui().dialog());
      await expect.element(ui().dialog().getByRole('group', { name: en.guardianLegend })).toBeVisible();
      expect(modalRoot().hasAttribute('data-minor')).toBe(true);
      await expectNoAxeViolations(modalRoot(), 'minor');
    });
  });

  describe('on a small screen', () => {
    it('fills the viewport, and the action bar never covers the focused element', async () => {
      await page.viewport(375, 700);
      await setup({ defaultOpen: true, organization: true, acknowledgements: COMMITMENTS });
      const dialog = dialogElement()!;
      const box = dialog.getBoundingClientRect();
      expect(box.width).toBeCloseTo(window.innerWidth, 0);
      expect(box.height).toBeCloseTo(window.innerHeight, 0);
      const bar = dialog.querySelector('.rcw-actions') as HTMLElement;
      for (let i = 0; i < 70; i++) {
        await userEvent.tab();
        await frames(2);
        const el = document.activeElement as HTMLElement;
        if (bar.contains(el)) continue;
        const r = el.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        expect(r.top < b.top, `${describeElement(el)} is under the action bar`).toBe(true);
      }
      await screenshot('modal-phone');
    });
  });

  describe('screenshots', () => {
    it('light, dark, right-to-left, minor', async () => {
      const shots: Array<[string, Partial<ClickwrapModalProps>]> = [
        ['modal-light', { theme: 'light', acknowledgements: COMMITMENTS }],
        ['modal-dark', { theme: 'dark', organization: true }],
        ['modal-rtl', { theme: 'light', dir: 'rtl' }],
      ];
      for (const [name, props] of shots) {
        const { screen } = await setup({ ...props, defaultOpen: true });
        await frames(3);
        await screenshot(name);
        await screen.unmount();
      }
      const { screen } = await setup({ defaultOpen: true, guardian: { today: '2025-06-01' } });
      await fillBirthDate('2012-03-04', ui().dialog());
      const side = document.querySelector('.rcw-modal-side') as HTMLElement;
      side.scrollTop = side.scrollHeight;
      await screenshot('modal-minor');
      await screen.unmount();
    });
  });
});

describe('screenshots of the delivery states', () => {
  it('failed and accepted', async () => {
    const delivery = [deferred(), deferred()];
    let call = 0;
    const onAccept = vi.fn((_receipt: ConsentReceipt) => delivery[call++]!.promise);
    await setup({ onAccept, defaultOpen: true, closeOnDecision: false, acknowledgements: COMMITMENTS });
    await readAll();
    for (const ack of COMMITMENTS) await userEvent.click(ui().dialog().getByLabelText(ack.label));
    await userEvent.click(ui().assent());
    await screenshot('modal-ready');
    await userEvent.click(ui().accept());
    delivery[0]!.reject(new Error('The server did not answer.'));
    await expect.element(ui().retry()).toBeVisible();
    await screenshot('modal-failed');
    await userEvent.click(ui().retry());
    delivery[1]!.resolve();
    await expect.element(ui().status()).toHaveTextContent(en.accepted);
    await screenshot('modal-accepted');
  });
});
