'use client';
// Another text shown by the same clickwrap (the app loads a new version while it is open, or
// after an accept): what was read, seen, ticked, attested or delivered for the old text is not
// for the new one. In Chromium: the reading is scrolling and observers.
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { verifyReceipt } from '../../core/receipt';
import type { ConsentReceipt } from '../../core/types';
import {
  ASSENT_LABEL,
  ClickwrapHarness,
  STATUS_TEXT,
  frames,
  type ClickwrapHarnessProps,
} from './harness.test-utils';

const NEW_CLAUSE = '## XII. Data\n\n**We may share your data with our partners.**\n';
const v1 = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const v2Markdown = `${terms}\n\n${NEW_CLAUSE}`;
const v2 = parseAgreement({ id: 'instadesk-terms', version: '2', markdown: v2Markdown });

const region = () => page.getByRole('region', { name: 'Agreement' });
const areaElement = () => region().element() as HTMLElement;
const assentBox = () => page.getByRole('checkbox', { name: ASSENT_LABEL });
const acceptButton = () => page.getByRole('button', { name: 'Accept' });
const press = (locator: ReturnType<typeof page.getByRole>) => userEvent.click(locator, { force: true });

async function scrollToEnd() {
  const el = areaElement();
  el.scrollTop = el.scrollHeight;
  await expect.element(region()).toHaveAttribute('data-reached-end', '');
}

async function show(
  props: Omit<ClickwrapHarnessProps, 'agreement' | 'onAccept'> & Partial<ClickwrapHarnessProps> = {},
) {
  const onAccept = props.onAccept ?? vi.fn(async (_receipt: ConsentReceipt) => {});
  const all = { acknowledgements: [], ...props, onAccept };
  const screen = await render(<ClickwrapHarness agreement={v1} {...all} />);
  return {
    onAccept: vi.mocked(onAccept),
    showV2: () => screen.rerender(<ClickwrapHarness agreement={v2} {...all} />),
  };
}

describe('another text shown', () => {
  it('starts the reading over: the end, the key clauses seen and the assent given for the old text', async () => {
    const { onAccept, showV2 } = await show();
    await scrollToEnd();
    await press(assentBox());
    await expect.element(acceptButton()).not.toHaveAttribute('aria-disabled', 'true');

    await showV2();
    // The new text is at its top, unread, with nothing ticked: accepting it needs it read.
    await expect.element(region()).not.toHaveAttribute('data-reached-end');
    expect(areaElement().scrollTop).toBe(0);
    await expect.element(assentBox()).not.toBeChecked();
    await press(assentBox());
    await expect.element(acceptButton()).toHaveAccessibleDescription('Scroll to the end of the agreement.');
    await frames(4);
    await press(acceptButton());
    expect(onAccept).not.toHaveBeenCalled();

    await scrollToEnd();
    await press(acceptButton());
    await expect.element(page.getByRole('status')).toHaveTextContent(STATUS_TEXT.accepted);
    const receipt = onAccept.mock.calls[0]![0];
    expect(receipt.agreement.version).toBe('2');
    // Read after it was shown, and only its own clauses seen, after it was shown.
    expect(Date.parse(receipt.reading.reachedEndAt!)).toBeGreaterThanOrEqual(Date.parse(receipt.shownAt));
    const v2Ids = new Set(v2.keyClauses.map((c) => c.id));
    expect(receipt.reading.keyClausesSeen.every((id) => v2Ids.has(id))).toBe(true);
    expect(receipt.reading.keyClausesSeen).toContain(v2.keyClauses.at(-1)!.id);
    expect((await verifyReceipt(receipt, v2Markdown)).ok).toBe(true);
  });

  it('after an accept, is a clickwrap of its own: not "recorded", and accepted with a receipt of its own', async () => {
    const { onAccept, showV2 } = await show();
    await scrollToEnd();
    await press(assentBox());
    await press(acceptButton());
    await expect.element(page.getByRole('status')).toHaveTextContent(STATUS_TEXT.accepted);

    await showV2();
    await expect.element(page.getByRole('status')).toHaveTextContent('');
    await expect.element(assentBox()).not.toBeChecked();
    await expect.element(assentBox()).toBeEnabled();
    await scrollToEnd();
    await press(assentBox());
    await press(acceptButton());
    await expect.element(page.getByRole('status')).toHaveTextContent(STATUS_TEXT.accepted);
    expect(onAccept.mock.calls.map(([r]) => r.agreement.version)).toEqual(['1', '2']);
    expect(onAccept.mock.calls[1]![0].receiptId).not.toBe(onAccept.mock.calls[0]![0].receiptId);
  });

  it('a delivery still under way for the old text does not mark the new one accepted', async () => {
    let deliver!: () => void;
    const onAccept = vi.fn(
      (_receipt: ConsentReceipt) =>
        new Promise<void>((resolve) => {
          deliver = resolve;
        }),
    );
    const { showV2 } = await show({ onAccept });
    await scrollToEnd();
    await press(assentBox());
    await press(acceptButton());
    await expect.element(page.getByRole('status')).toHaveTextContent(STATUS_TEXT.submitting);

    await showV2();
    await expect.element(page.getByRole('status')).toHaveTextContent('');
    deliver();
    await frames(4);
    // The old text's consent was delivered (to the app, for version 1); the new text is unread.
    expect(onAccept.mock.calls[0]![0].agreement.version).toBe('1');
    await expect.element(page.getByRole('status')).toHaveTextContent('');
    await expect.element(assentBox()).not.toBeChecked();
    await expect.element(assentBox()).toBeEnabled();
  });

  it("clears the guardian's attestation (they read the old text with the minor), keeping who they are", async () => {
    const { onAccept, showV2 } = await show({
      guardian: { today: '2025-06-01', rule: { kind: 'gdpr', country: 'DE' } },
    });
    await scrollToEnd();
    await userEvent.fill(page.getByRole('textbox', { name: 'Date of birth' }), '2010-01-15');
    await userEvent.fill(page.getByRole('textbox', { name: 'Guardian name' }), 'Karin Berg');
    await userEvent.fill(page.getByRole('textbox', { name: 'Relationship' }), 'mother');
    const attestation = page.getByRole('checkbox', { name: /I read this agreement together/ });
    await userEvent.click(attestation);
    await expect.element(attestation).toBeChecked();

    await showV2();
    await expect.element(attestation).not.toBeChecked();
    await expect.element(page.getByRole('textbox', { name: 'Guardian name' })).toHaveValue('Karin Berg');
    await scrollToEnd();
    await press(assentBox());
    await expect
      .element(acceptButton())
      .toHaveAccessibleDescription('The legal guardian must confirm they read the agreement with you.');
    await userEvent.click(attestation);
    await press(acceptButton());
    await expect.element(page.getByRole('status')).toHaveTextContent(STATUS_TEXT.accepted);
    expect(onAccept.mock.calls[0]![0]).toMatchObject({
      agreement: { version: '2' },
      guardian: { name: 'Karin Berg', relationship: 'mother' },
    });
  });

  it('the same text parsed again is the same text: nothing starts over', async () => {
    const onAccept = vi.fn(async (_receipt: ConsentReceipt) => {});
    const screen = await render(
      <ClickwrapHarness agreement={v1} acknowledgements={[]} onAccept={onAccept} />,
    );
    await scrollToEnd();
    await press(assentBox());
    const again = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
    await screen.rerender(<ClickwrapHarness agreement={again} acknowledgements={[]} onAccept={onAccept} />);
    await frames(4);
    await expect.element(region()).toHaveAttribute('data-reached-end', '');
    await expect.element(assentBox()).toBeChecked();
  });
});
