'use client';
// The action bar after accepting, on a phone: each button's label stays on one line. Side by
// side at half the width, "Download a copy" broke over two lines in a taller button beside a
// one-line Print; buttons that do not fit side by side take a row each instead.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { en, format } from '../messages';
import { agreement, agreementRegion, frames, scrollToEnd, SIGNER } from './test-utils.test-utils';

afterEach(async () => {
  await page.viewport(1024, 768);
});

/** How many lines the button's label takes (one box per line of its text). */
function linesOf(button: Element): number {
  const range = document.createRange();
  range.selectNodeContents(button);
  const tops = new Set(
    Array.from(range.getClientRects())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => Math.round(r.top)),
  );
  return tops.size;
}

async function accept(): Promise<void> {
  await expect.element(agreementRegion()).toBeVisible();
  await scrollToEnd();
  await userEvent.click(
    page.getByRole('checkbox', { name: format(en.assentLabel, { title: `the ${agreement.title}` }) }),
  );
  await userEvent.click(page.getByRole('button', { name: en.accept, exact: true }));
  await expect.element(page.getByRole('status')).toHaveTextContent(en.accepted);
}

const components = {
  ClickwrapModal: () => (
    <ClickwrapModal
      agreement={agreement}
      signer={SIGNER}
      theme="light"
      defaultOpen
      closeOnDecision={false}
      onAccept={() => Promise.resolve()}
    />
  ),
  ClickwrapPage: () => (
    <ClickwrapPage agreement={agreement} signer={SIGNER} theme="light" onAccept={() => Promise.resolve()} />
  ),
};

describe('the action bar after accepting', () => {
  for (const [name, Component] of Object.entries(components)) {
    for (const width of [320, 375]) {
      it(`${name} at ${width} px shows each button's label on one line`, async () => {
        await page.viewport(width, 740);
        render(<Component />);
        await accept();
        await frames(2);
        for (const label of [en.copyDownload, en.copyPrint]) {
          const button = page.getByRole('button', { name: label, exact: true }).element();
          expect(linesOf(button), `"${label}" is on ${linesOf(button)} lines`).toBe(1);
          // Still inside the bar's width.
          const { left, right } = button.getBoundingClientRect();
          expect(left).toBeGreaterThanOrEqual(0);
          expect(right).toBeLessThanOrEqual(width);
        }
      });
    }
  }
});
