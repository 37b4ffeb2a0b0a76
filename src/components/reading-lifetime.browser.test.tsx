'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import privacyMarkdown from '../../agreements/example-privacy-policy.md?raw';
import { parseAgreement } from '../core/agreement';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { ClickwrapModal } from './clickwrap-modal';
import { en, format } from '../messages';
import { agreement, frames, SIGNER, terms } from './test-utils.test-utils';

const privacy = parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });
const TRIGGER = 'Review the terms';
const assentName = format(en.assentLabel, {
  title: `the ${agreement.title} and the ${privacy.title}`,
});
const privacyEnd = `Scroll to the end of the ${privacy.title}.`;

const dialog = () => page.getByRole('dialog');
const region = (title: string) =>
  dialog().getByRole('region', { name: format(en.agreementLabel, { title }), exact: true });

/** Scrolls a document's region through, in steps, so its clauses are seen and its end reached. */
async function readThrough(title: string): Promise<void> {
  const area = region(title).element() as HTMLElement;
  area.scrollIntoView({ block: 'center', behavior: 'instant' });
  area.style.scrollBehavior = 'auto';
  for (let top = 0; top < area.scrollHeight; top += Math.max(40, area.clientHeight / 3)) {
    area.scrollTop = top;
    await frames(2);
  }
  area.scrollTop = area.scrollHeight;
  await expect.element(region(title)).toHaveAttribute('data-reached-end', '');
}

beforeEach(async () => {
  await page.viewport(1280, 900);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a modal with the Terms and a privacy policy', () => {
  describe('after both are read, the dialog closed and opened again', () => {
    it(
      'keeps both readings: nothing to read again, accept allowed, both in the receipt',
      { timeout: 60_000 },
      async () => {
        const onAccept = vi.fn(async (_receipt: ConsentReceipt) => {});
        await render(
          <ClickwrapModal
            agreement={agreement}
            documents={[{ agreement: privacy }]}
            signer={SIGNER}
            onAccept={onAccept}
            trigger={<button type="button">{TRIGGER}</button>}
          />,
        );
        await userEvent.click(page.getByRole('button', { name: TRIGGER }));
        await expect.element(dialog()).toBeVisible();
        await readThrough(agreement.title);
        await readThrough(privacy.title);
        await expect.element(dialog().getByText(privacyEnd)).not.toBeInTheDocument();
        const readBefore = new Date();

        await userEvent.keyboard('{Escape}');
        await expect.element(dialog()).not.toBeInTheDocument();
        await userEvent.click(page.getByRole('button', { name: TRIGGER }));
        await expect.element(dialog()).toBeVisible();

        await expect.element(region(agreement.title)).toHaveAttribute('data-reached-end', '');
        await expect.element(region(privacy.title)).toHaveAttribute('data-reached-end', '');
        await expect
          .element(dialog().getByRole('progressbar', { name: `Reading progress: ${privacy.title}` }))
          .toHaveAttribute('aria-valuenow', '100');
        await expect.element(dialog().getByText(privacyEnd)).not.toBeInTheDocument();
        // Every highlighted passage of the privacy policy stays marked as seen.
        const clauses = region(privacy.title).element().querySelectorAll('[data-key-clause]');
        expect(clauses).toHaveLength(privacy.keyClauses.length);
        for (const clause of clauses) expect(clause.hasAttribute('data-seen')).toBe(true);

        await userEvent.click(dialog().getByRole('checkbox', { name: assentName }));
        const accept = dialog().getByRole('button', { name: en.accept, exact: true });
        await expect.element(accept).not.toHaveAttribute('aria-disabled');
        await userEvent.click(accept);
        await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));

        const receipt = onAccept.mock.calls[0]![0];
        expect(receipt.reading.reachedEnd).toBe(true);
        const [doc] = receipt.additionalDocuments;
        expect(doc?.id).toBe('privacy-policy');
        expect(doc?.reading.reachedEnd).toBe(true);
        // When it was read the first time, not when the dialog opened again.
        expect(Date.parse(doc!.reading.reachedEndAt!)).toBeLessThanOrEqual(readBefore.getTime());
        expect([...doc!.reading.keyClausesSeen].sort()).toEqual(privacy.keyClauses.map((c) => c.id).sort());
        expect(
          await verifyReceipt(receipt, terms, {
            additionalDocuments: { 'privacy-policy': privacyMarkdown },
          }),
        ).toEqual({ ok: true, problems: [] });
      },
    );
  });
});
