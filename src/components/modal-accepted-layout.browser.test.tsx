'use client';
// The modal after accepting, on a 320 × 568 phone: the status with the receipt, the copies and
// Done must not take the screen from the agreement, which the person may still want to read.
// Measured as a designer would: how much of the dialog's height shows agreement text, and that
// the receipt's essentials (the outcome, the receipt's id, the copies, Done) are all in view,
// uncovered, with nothing wider than the screen (reflow at 320 px).
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapModal } from './clickwrap-modal';
import { en, format } from '../messages';
import { agreement, agreementElement, describeElement, SIGNER, scrollToEnd } from './test-utils.test-utils';

/** The visible part of `el`: clipped by every box around it that clips, and by the window. */
function visibleRect(el: Element): { top: number; bottom: number; left: number; right: number } {
  const box = el.getBoundingClientRect();
  let { top, bottom, left, right } = box;
  for (let a = el.parentElement; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const r = a.getBoundingClientRect();
    top = Math.max(top, r.top);
    bottom = Math.min(bottom, r.bottom);
    left = Math.max(left, r.left);
    right = Math.min(right, r.right);
  }
  return {
    top: Math.max(top, 0),
    bottom: Math.min(bottom, window.innerHeight),
    left: Math.max(left, 0),
    right: Math.min(right, window.innerWidth),
  };
}

/** The element is whole on screen and nothing else is drawn over its middle and its corners. */
function expectUncovered(el: HTMLElement, label: string) {
  const box = el.getBoundingClientRect();
  const seen = visibleRect(el);
  expect(seen.bottom - seen.top, `${label}: ${describeElement(el)} is cut`).toBeGreaterThanOrEqual(
    box.height - 0.5,
  );
  // Its middle and the middles of its two ends (inset: rounded corners are not hit).
  const middle = box.top + box.height / 2;
  for (const [x, y] of [
    [box.left + box.width / 2, middle],
    [box.left + 4, middle],
    [box.right - 4, middle],
  ] as const) {
    const hit = document.elementFromPoint(x, y);
    expect(
      hit && (hit === el || el.contains(hit)),
      `${label}: ${describeElement(el)} is covered by ${describeElement(hit)}`,
    ).toBe(true);
  }
}

afterEach(async () => {
  await page.viewport(1024, 768);
});

describe('the modal after accepting, on a 320 × 568 phone', () => {
  for (const theme of ['light', 'dark'] as const)
    for (const dir of ['ltr', 'rtl'] as const)
      it(`keeps at least 40 % of the dialog for the agreement, the receipt in view (${theme}, ${dir})`, async () => {
        await page.viewport(320, 568);
        await render(
          <ClickwrapModal
            agreement={agreement}
            signer={SIGNER}
            theme={theme}
            dir={dir}
            defaultOpen
            closeOnDecision={false}
            onAccept={() => Promise.resolve()}
          />,
        );
        await scrollToEnd();
        await userEvent.click(
          page.getByRole('checkbox', {
            name: format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) }),
          }),
        );
        await userEvent.click(page.getByRole('button', { name: en.accept, exact: true }));
        const status = page.getByRole('status').filter({ hasText: en.accepted });
        await expect.element(status).toBeVisible();
        const label = `${theme} ${dir}`;

        const dialog = page.getByRole('dialog').element();
        // As when the dialog is opened again after accepting (the Accepted story): its body at the
        // top, where the agreement is.
        dialog.querySelector('.rcw-modal-body')!.scrollTo({ top: 0, behavior: 'instant' });
        const dialogHeight = dialog.getBoundingClientRect().height;
        const text = visibleRect(agreementElement());
        const share = (text.bottom - text.top) / dialogHeight;
        const heights = [
          '.rcw-modal-header',
          '.rcw-progress',
          '.rcw-actions',
          '.rcw-status',
          '.rcw-copy',
          '.rcw-buttons',
        ]
          .map((part) => `${part} ${Math.round(dialog.querySelector(part)!.getBoundingClientRect().height)}`)
          .join(', ');
        expect(
          share,
          `${label}: the agreement shows ${Math.round(share * 100)} % of the dialog (${heights} px)`,
        ).toBeGreaterThanOrEqual(0.4);

        // The receipt's essentials, each whole and uncovered: the outcome and the receipt's id,
        // the copies and Done (which has the focus).
        const bar = page.getByRole('group', { name: en.actionsLabel });
        const done = bar.getByRole('button', { name: en.done, exact: true });
        await expect.element(done).toHaveFocus();
        const essentials = [
          status.element() as HTMLElement,
          bar.getByRole('button', { name: en.copyDownload }).element() as HTMLElement,
          bar.getByRole('button', { name: en.copyPrint }).element() as HTMLElement,
          done.element() as HTMLElement,
        ];
        for (const el of essentials) expectUncovered(el, label);
        // Each button stays a full-size target.
        for (const el of essentials.slice(1))
          expect(
            el.getBoundingClientRect().height,
            `${label}: ${describeElement(el)}`,
          ).toBeGreaterThanOrEqual(44);
        // Reflow: nothing wider than the screen, nothing cut at the sides.
        for (const el of dialog.querySelectorAll<HTMLElement>('.rcw-actions *'))
          if (el.checkVisibility())
            expect(el.scrollWidth, `${label}: ${describeElement(el)} overflows`).toBeLessThanOrEqual(
              el.clientWidth + 1,
            );
        expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
      });
});
