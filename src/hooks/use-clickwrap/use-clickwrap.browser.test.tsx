'use client';

import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { verifyReceipt } from '../../core/receipt';
import type { ConsentReceipt } from '../../core/types';
import { useClickwrap, type DeclineRecord, type UseClickwrapResult } from './index';
import {
  ASSENT_LABEL,
  CALL_CENTER_COMMITMENTS,
  ClickwrapHarness,
  SIGNER,
  STATUS_TEXT,
  frames,
  type ClickwrapHarnessProps,
} from './harness.test-utils';

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });

const region = () => page.getByRole('region', { name: 'Agreement' });
const areaElement = () => region().element() as HTMLElement;
const acceptButton = () => page.getByRole('button', { name: 'Accept' });
const retryButton = () => page.getByRole('button', { name: 'Retry' });
const declineButton = () => page.getByRole('button', { name: 'Decline' });
const assentBox = () => page.getByRole('checkbox', { name: ASSENT_LABEL });
const statusElement = () => page.getByRole('status');

async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, { resultTypes: ['violations'] });
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/**
 * A real click that skips Playwright's actionability wait: Playwright treats aria-disabled
 * elements as not enabled, but people can (and should be able to) press them.
 */
function press(locator: ReturnType<typeof page.getByRole>) {
  return userEvent.click(locator, { force: true });
}

async function scrollToEnd() {
  const el = areaElement();
  el.scrollTop = el.scrollHeight;
  await expect.element(region()).toHaveAttribute('data-reached-end', '');
}

async function tickAll(acknowledgements = CALL_CENTER_COMMITMENTS) {
  for (const ack of acknowledgements) {
    await userEvent.click(page.getByRole('checkbox', { name: ack.label }));
  }
  await press(assentBox());
}

async function setup(props: Partial<ClickwrapHarnessProps> = {}) {
  let latest!: UseClickwrapResult;
  const onAccept = props.onAccept ?? vi.fn(async (_receipt: ConsentReceipt) => {});
  const screen = await render(
    <ClickwrapHarness
      agreement={agreement}
      acknowledgements={CALL_CENTER_COMMITMENTS}
      {...props}
      onAccept={onAccept}
      onResult={(r) => (latest = r)}
    />,
  );
  return { screen, onAccept, result: () => latest };
}

beforeEach(() => {
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('useClickwrap in Chromium', () => {
  describe('when the agreement is first shown', () => {
    it('has an aria-disabled Accept, described by every reason it cannot accept', async () => {
      const { screen } = await setup({ organization: true });
      await frames(3);
      await expect.element(acceptButton()).toHaveAttribute('aria-disabled', 'true');
      await expect.element(acceptButton()).not.toHaveAttribute('disabled');
      await expect
        .element(acceptButton())
        .toHaveAccessibleDescription(
          [
            'Scroll to the end of the agreement.',
            'Enter the name of the organisation you are agreeing for.',
            'Enter your role or authority to agree for the organisation.',
            'Tick each required acknowledgement (6 of 6 not ticked yet).',
            'Tick the box to agree to the agreement.',
          ].join(' '),
        );
      await expect.element(assentBox()).not.toBeChecked();
      await expect.element(region()).not.toHaveAttribute('data-reached-end');
      await expectNoAxeViolations(screen.container);
    });

    it('keeps Accept focusable, and pressing it only shows what is missing', async () => {
      const { onAccept } = await setup({ organization: true });
      await press(acceptButton());
      await frames(2);
      expect(onAccept).not.toHaveBeenCalled();
      await expect.element(statusElement()).toHaveAttribute('data-state', 'idle');
      await expect.element(assentBox()).toHaveAttribute('aria-invalid', 'true');
      await expect
        .element(page.getByRole('textbox', { name: 'Organisation name' }))
        .toHaveAccessibleDescription('Enter the name of the organisation you are agreeing for.');
      await expect.element(page.getByRole('list')).toHaveAttribute('data-attempted', '');
      await expect.element(acceptButton()).toHaveFocus();
      // Marked invalid, the box says why when focused: the reasons, its own among them.
      await expect
        .element(assentBox())
        .toHaveAccessibleDescription(/Tick the box to agree to the agreement\./);
      await userEvent.click(assentBox());
      await expect.element(assentBox()).not.toHaveAttribute('aria-invalid');
      await expect.element(assentBox()).toHaveAccessibleDescription('');
    });

    it('ignores an attempt to pre-tick the assent, and says why in development', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      function PreTicked() {
        const cw = useClickwrap({ agreement, signer: SIGNER, onAccept: () => {} });
        return (
          <label>
            <input {...cw.getAssentCheckboxProps({ defaultChecked: true, checked: true })} />
            {ASSENT_LABEL}
          </label>
        );
      }
      await render(<PreTicked />);
      await expect.element(assentBox()).not.toBeChecked();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/never pre-ticked/));
    });
  });

  describe('after reading to the end and ticking everything', () => {
    it('accepts once, with a receipt that verifies against the agreement text', async () => {
      const { onAccept, result } = await setup({ organization: true, locale: 'en-GB', uiVariant: 'page' });
      await scrollToEnd();
      await userEvent.fill(page.getByRole('textbox', { name: 'Organisation name' }), '  Acme Ltd ');
      await userEvent.fill(page.getByRole('textbox', { name: 'Your role or authority' }), 'Director');
      await tickAll();
      await expect.element(acceptButton()).not.toHaveAttribute('aria-disabled');
      await expect.element(acceptButton()).not.toHaveAttribute('aria-describedby');
      await expect.element(page.getByRole('list')).toHaveAttribute('data-state', 'complete');

      await press(acceptButton());
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.accepted);
      expect(onAccept).toHaveBeenCalledTimes(1);
      const receipt = vi.mocked(onAccept).mock.calls[0]![0] as ConsentReceipt;
      expect(await verifyReceipt(receipt, terms, { agreementId: 'instadesk-terms', version: '1' })).toEqual({
        ok: true,
        problems: [],
      });
      expect(receipt).toMatchObject({
        signer: { id: 'user-1', name: 'Anna Berg' },
        organization: { name: 'Acme Ltd', signerAuthority: 'Director' },
        guardian: null,
        minor: null,
        locale: 'en-GB',
        uiVariant: 'page',
        replaces: null,
      });
      expect(receipt.acknowledgements.map((a) => [a.id, a.label])).toEqual(
        CALL_CENTER_COMMITMENTS.map((a) => [a.id, a.label]),
      );
      expect(receipt.reading.reachedEnd).toBe(true);
      expect(receipt.reading.keyClausesTotal).toBe(agreement.keyClauses.length);
      expect(receipt.reading.keyClausesSeen.length).toBeGreaterThan(0);
      const shown = Date.parse(receipt.shownAt);
      const acceptedAt = Date.parse(receipt.acceptedAt);
      expect(shown).toBeLessThanOrEqual(Date.parse(receipt.reading.reachedEndAt!));
      for (const ack of receipt.acknowledgements) {
        expect(Date.parse(ack.at)).toBeGreaterThanOrEqual(shown);
        expect(Date.parse(ack.at)).toBeLessThanOrEqual(acceptedAt);
      }
      expect(result().receipt).toBe(receipt);
      expect(result().status).toBe('accepted');

      // Accepted: nothing can be changed, and pressing again sends nothing.
      await expect.element(assentBox()).toHaveAttribute('aria-disabled', 'true');
      await press(assentBox());
      await expect.element(assentBox()).toBeChecked();
      await expect
        .element(page.getByRole('textbox', { name: 'Organisation name' }))
        .toHaveAttribute('readonly');
      await expect.element(acceptButton()).toHaveAttribute('aria-disabled', 'true');
      await press(acceptButton());
      await frames(2);
      expect(onAccept).toHaveBeenCalledTimes(1);
    });

    it('returns the same pending promise when accept is called again while submitting', async () => {
      let resolve!: () => void;
      const onAccept = vi.fn((_receipt: ConsentReceipt) => new Promise<void>((r) => (resolve = r)));
      const { result } = await setup({ acknowledgements: [], onAccept });
      await scrollToEnd();
      await press(assentBox());
      const first = result().accept();
      const second = result().accept();
      expect(second).toBe(first);
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.submitting);
      await expect.element(acceptButton()).toHaveAttribute('aria-disabled', 'true');
      await expect.element(acceptButton()).toHaveAttribute('aria-busy', 'true');
      await press(acceptButton());
      await expect.poll(() => onAccept.mock.calls.length).toBe(1);
      resolve();
      const receipt = await first;
      expect(receipt).toBe(onAccept.mock.calls[0]![0]);
      expect(onAccept).toHaveBeenCalledTimes(1);
    });
  });

  describe('when delivery fails', () => {
    it('retries the same receipt until it is accepted, never duplicating it', async () => {
      const onAccept = vi
        .fn<(receipt: ConsentReceipt) => Promise<void>>()
        .mockRejectedValueOnce(new Error('offline'))
        .mockRejectedValueOnce(new Error('502'))
        .mockResolvedValueOnce(undefined);
      const { result } = await setup({ acknowledgements: [], onAccept });
      await scrollToEnd();
      await press(assentBox());

      await press(acceptButton());
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.failed);
      expect(result().status).toBe('failed');
      await expectNoAxeViolations(document.body);
      expect(result().error).toEqual(new Error('offline'));
      // Locked on the same receipt: the assent cannot be withdrawn between attempts.
      await expect.element(assentBox()).toHaveAttribute('aria-disabled', 'true');
      await press(assentBox());
      await expect.element(assentBox()).toBeChecked();
      await expect.element(retryButton()).not.toHaveAttribute('aria-disabled');
      await expect.element(retryButton()).toHaveAttribute('data-retry', '');

      await press(retryButton());
      await expect.poll(() => onAccept.mock.calls.length).toBe(2);
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.failed);
      expect(result().error).toEqual(new Error('502'));

      await press(retryButton());
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.accepted);

      expect(onAccept).toHaveBeenCalledTimes(3);
      const [a, b, c] = onAccept.mock.calls.map(([receipt]) => receipt);
      expect(b).toBe(a);
      expect(c).toBe(a);
      expect(new Set(onAccept.mock.calls.map(([r]) => r.receiptId)).size).toBe(1);
      expect(result().receipt).toBe(a);
      expect((await verifyReceipt(a, terms)).ok).toBe(true);
    });
  });

  describe('when the person declines', () => {
    it('calls onDecline with what was shown and read, and no receipt id', async () => {
      const onDecline = vi.fn<(record: DeclineRecord) => void>();
      const { onAccept } = await setup({ onDecline, replaces: { version: '0' }, uiVariant: 'modal' });
      const el = areaElement();
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 3;
      await frames(3);
      await userEvent.click(declineButton());
      expect(onAccept).not.toHaveBeenCalled();
      expect(onDecline).toHaveBeenCalledTimes(1);
      const record = onDecline.mock.calls[0]![0];
      const { hashAgreement } = await import('../../core/hash');
      expect(record).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        agreement: {
          id: 'instadesk-terms',
          version: '1',
          title: 'Instadesk Terms and Conditions',
          sha256: await hashAgreement(terms),
          canonicalization: agreement.canonicalization,
        },
        shownAt: expect.any(String),
        declinedAt: expect.any(String),
        signer: { id: 'user-1', name: 'Anna Berg' },
        reading: {
          required: 'whole',
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: expect.any(Array),
          keyClausesTotal: agreement.keyClauses.length,
          changesSeen: [],
          changesTotal: 0,
        },
        locale: 'en',
        uiVariant: 'modal',
        replaces: { version: '0', receiptId: null },
        additionalDocuments: [],
        undeliveredReceiptId: null,
      });
      expect(record).not.toHaveProperty('receiptId');
      expect(Date.parse(record.declinedAt)).toBeGreaterThanOrEqual(Date.parse(record.shownAt));
    });
  });

  describe('when the person declines after a delivery failed', () => {
    it('names the receipt that was not delivered, and an accept after it makes a new receipt', async () => {
      const onDecline = vi.fn<(record: DeclineRecord) => void>();
      const onAccept = vi
        .fn<(receipt: ConsentReceipt) => Promise<void>>()
        .mockRejectedValueOnce(new Error('offline'))
        .mockResolvedValueOnce(undefined);
      const { result } = await setup({ acknowledgements: [], onAccept, onDecline });
      await scrollToEnd();
      await press(assentBox());
      await press(acceptButton());
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.failed);
      const undelivered = onAccept.mock.calls[0]![0];

      await userEvent.click(declineButton());
      expect(onDecline).toHaveBeenCalledTimes(1);
      expect(onDecline.mock.calls[0]![0].undeliveredReceiptId).toBe(undelivered.receiptId);
      await expect.poll(() => result().receipt).toBeNull();

      // Accepting after all: another receipt, which the decline did not take back.
      await press(retryButton());
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.accepted);
      const accepted = onAccept.mock.calls[1]![0];
      expect(accepted.receiptId).not.toBe(undelivered.receiptId);
      expect(result().receipt).toBe(accepted);
      expect((await verifyReceipt(accepted, terms)).ok).toBe(true);
    });
  });

  describe('given a minor', () => {
    it('asks for the guardian, then records the guardian and the age bracket, not the birth date', async () => {
      const { onAccept } = await setup({
        acknowledgements: [],
        guardian: { today: '2025-06-01', rule: { kind: 'gdpr', country: 'DE' } },
      });
      await scrollToEnd();
      await press(assentBox());
      await expect.element(acceptButton()).toHaveAccessibleDescription('Enter your date of birth.');
      await userEvent.fill(page.getByRole('textbox', { name: 'Date of birth' }), '2010-01-15');
      await expect
        .element(acceptButton())
        .toHaveAccessibleDescription(
          [
            "Enter the legal guardian's full name.",
            "Enter the legal guardian's relationship to you.",
            'The legal guardian must confirm they read the agreement with you.',
          ].join(' '),
        );
      await press(acceptButton());
      expect(onAccept).not.toHaveBeenCalled();
      await expectNoAxeViolations(document.body);
      // The attempt reveals the guardian's errors.
      await expect
        .element(page.getByRole('textbox', { name: 'Guardian name' }))
        .toHaveAccessibleDescription("Enter the legal guardian's full name.");
      // The minor's own name is rejected (the minor is the signer, Anna Berg).
      await userEvent.fill(page.getByRole('textbox', { name: 'Guardian name' }), 'anna  BERG');
      await expect
        .element(page.getByRole('textbox', { name: 'Guardian name' }))
        .toHaveAccessibleDescription(/same as the minor's/);
      await userEvent.fill(page.getByRole('textbox', { name: 'Guardian name' }), 'Karin Berg');
      await userEvent.fill(page.getByRole('textbox', { name: 'Relationship' }), 'mother');
      await userEvent.click(page.getByRole('checkbox', { name: /I read this agreement together/ }));
      await press(acceptButton());
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.accepted);
      const receipt = vi.mocked(onAccept).mock.calls[0]![0] as ConsentReceipt;
      expect(receipt.guardian).toMatchObject({ name: 'Karin Berg', relationship: 'mother', mode: 'joint' });
      expect(receipt.minor).toEqual({ ageBracket: '15', rule: 'gdpr:DE', minimumAge: 16 });
      expect(JSON.stringify(receipt)).not.toContain('2010-01-15');
      expect((await verifyReceipt(receipt, terms)).ok).toBe(true);
    });
  });

  describe('with the keyboard only', () => {
    it('tabs to the agreement, reads to the end, ticks and accepts', async () => {
      const { onAccept } = await setup({ acknowledgements: [] });
      await frames(2);
      await userEvent.tab();
      await expect.element(region()).toHaveFocus();
      await userEvent.keyboard('{End}');
      await expect.element(region()).toHaveAttribute('data-reached-end', '');
      await userEvent.tab();
      await expect.element(assentBox()).toHaveFocus();
      await userEvent.keyboard(' ');
      await expect.element(assentBox()).toBeChecked();
      await userEvent.tab();
      await expect.element(acceptButton()).toHaveFocus();
      await expect.element(acceptButton()).not.toHaveAttribute('aria-disabled');
      await userEvent.keyboard('{Enter}');
      await expect.element(statusElement()).toHaveTextContent(STATUS_TEXT.accepted);
      expect(onAccept).toHaveBeenCalledTimes(1);
    });
  });
});
