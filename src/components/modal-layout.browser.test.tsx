'use client';
// The modal with several documents, laid out at a phone's, a small phone's and a desktop's width:
// every control can be scrolled to, and once there nothing (the action bar least of all) is
// drawn over it. Then the bar after the decision: a status banner, one Done and one menu of copies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import privacyMarkdown from '../../agreements/example-privacy-policy.md?raw';
import { parseAgreement } from '../core/agreement';
import { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
import { en, format } from '../messages';
import {
  agreement,
  COMMITMENTS,
  describeElement,
  expectNoAxeViolations,
  frames,
  showEnd,
  SIGNER,
} from './test-utils.test-utils';

const privacy = parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });
const MARKETING = { id: 'marketing-email', label: 'Send me product news by e-mail.' };

const SIZES: Array<[number, number]> = [
  [320, 568],
  [375, 667],
  [1280, 800],
];

const INTERACTIVE = 'button, input, select, textarea, a[href], [tabindex]';

function dialog(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!el) throw new Error('The dialog is not open.');
  return el;
}

function actionBar(): HTMLElement {
  return dialog().querySelector<HTMLElement>('.rcw-actions')!;
}

/** Every control a person could reach, in the dialog: shown, and not inside a closed disclosure. */
function controls(): HTMLElement[] {
  return Array.from(dialog().querySelectorAll<HTMLElement>(INTERACTIVE)).filter(
    (el) => (el.checkVisibility() && el.getAttribute('tabindex') !== '-1') || isToolbarItem(el),
  );
}

/** A clause button in the summary's toolbar: one Tab stop, but each is clicked and must be reachable. */
function isToolbarItem(el: HTMLElement): boolean {
  return el.matches('.rcw-summary-link') && el.checkVisibility();
}

/**
 * Scrolls each control into view (every scrolling ancestor moves, as for a person scrolling to
 * it) and asks the browser what is drawn at its centre: the control or something inside it, and
 * never the action bar unless the control is in the bar.
 */
async function expectEachReachable(label: string): Promise<number> {
  const bar = actionBar();
  const all = controls();
  for (const el of all) {
    // scrollIntoView moves boxes a person cannot scroll (overflow: hidden) too: those must not
    // have had to move for the control to be seen.
    const unscrollable = boxesAPersonCannotScroll(el);
    for (const box of unscrollable) box.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    await frames(1);
    for (const box of unscrollable)
      expect(
        box.scrollTop,
        `${label}: ${describeElement(el)} is reached only by scrolling ${describeElement(box)}, which has no scrollbar (overflow: hidden)`,
      ).toBe(0);
    const box = el.getBoundingClientRect();
    const x = box.left + Math.min(box.width, 200) / 2;
    const y = box.top + Math.min(box.height, window.innerHeight / 2) / 2;
    const hit = document.elementFromPoint(x, y);
    const what = `${label}: ${describeElement(el)}`;
    expect(hit && (hit === el || el.contains(hit)), `${what} is covered by ${describeElement(hit)}`).toBe(
      true,
    );
    expect(y, `${what} is below the window`).toBeLessThan(window.innerHeight);
    if (!bar.contains(el)) {
      expect(y, `${what} is under the action bar`).toBeLessThan(bar.getBoundingClientRect().top);
    }
  }
  return all.length;
}

/** The ancestors of `el` (in the dialog) that clip it but cannot be scrolled by a person. */
function boxesAPersonCannotScroll(el: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let box = el.parentElement; box && dialog().contains(box); box = box.parentElement) {
    const { overflowX, overflowY } = getComputedStyle(box);
    if ([overflowX, overflowY].some((o) => o === 'hidden' || o === 'clip')) out.push(box);
  }
  return out;
}

async function setup(props: Partial<ClickwrapModalProps> = {}) {
  return render(
    <ClickwrapModal
      agreement={agreement}
      signer={SIGNER}
      documents={[{ agreement: privacy }]}
      optionalConsents={[MARKETING]}
      acknowledgements={COMMITMENTS}
      theme="light"
      defaultOpen
      closeOnDecision={false}
      onAccept={() => Promise.resolve()}
      {...props}
    />,
  );
}

function regionOf(title: string): HTMLElement {
  return page
    .getByRole('region', { name: format(en.agreementLabel, { title }), exact: true })
    .element() as HTMLElement;
}

/** Takes every document to its end and ticks what is required, then accepts. */
async function accept(): Promise<void> {
  for (const title of [agreement.title, privacy.title]) {
    const area = regionOf(title);
    area.style.scrollBehavior = 'auto';
    showEnd(area);
    await expect.element(area).toHaveAttribute('data-reached-end', '');
  }
  for (const ack of COMMITMENTS) await userEvent.click(page.getByRole('checkbox', { name: ack.label }));
  await userEvent.click(
    page.getByRole('checkbox', {
      name: format(en.assentLabel, { title: `the ${agreement.title} and the ${privacy.title}` }),
    }),
  );
  await userEvent.click(page.getByRole('button', { name: en.accept, exact: true }));
  await expect.element(page.getByRole('status')).toHaveTextContent(en.accepted);
}

beforeEach(async () => {
  await page.viewport(1280, 800);
});

afterEach(async () => {
  await page.viewport(1024, 768);
});

describe('the modal with the Terms and a privacy policy', () => {
  for (const [width, height] of SIZES) {
    describe(`at ${width} × ${height} px`, () => {
      it('lets every control be scrolled to, uncovered, before and after accepting', async () => {
        await page.viewport(width, height);
        await setup();
        await frames(3);
        const before = await expectEachReachable('before deciding');
        // Both documents' summaries are among them (the privacy policy's was cut off before).
        expect(before).toBeGreaterThan(20);
        await expect
          .element(
            page.getByRole('region', {
              name: format(en.documentKeyClausesHeading, { title: privacy.title }),
            }),
          )
          .toBeInTheDocument();

        await accept();
        await expectEachReachable('after accepting');
        await userEvent.click(page.getByRole('button', { name: en.copyMenu }));
        await expectEachReachable('with the copies shown');
      });
    });
  }
});

// 1280 × 1024 at 400 % zoom (WCAG 1.4.10), and a phone on its side: the header and the action
// bar must not take the whole height, leaving the agreement none and the buttons below the edge.
describe('on a short screen', () => {
  for (const [width, height] of [
    [320, 256],
    [844, 390],
  ] as const) {
    it(`at ${width} × ${height} px lets every control and the agreement be reached, also after a failed send`, async () => {
      await page.viewport(width, height);
      await setup({ onAccept: () => Promise.reject(new Error('offline')) });
      await frames(3);
      await expectEachReachable('before deciding');
      // The agreement's own scroll box can be seen whole, with room to read in it.
      const area = regionOf(agreement.title);
      area.scrollIntoView({ block: 'start', behavior: 'instant' });
      await frames(1);
      const box = area.getBoundingClientRect();
      expect(box.height, 'the agreement is too short to read in').toBeGreaterThanOrEqual(120);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(window.innerHeight + 1);

      for (const title of [agreement.title, privacy.title]) {
        const doc = regionOf(title);
        doc.style.scrollBehavior = 'auto';
        showEnd(doc);
        await expect.element(doc).toHaveAttribute('data-reached-end', '');
      }
      for (const ack of COMMITMENTS) {
        const box = page.getByRole('checkbox', { name: ack.label }).element() as HTMLElement;
        box.scrollIntoView({ block: 'center', behavior: 'instant' });
        await userEvent.click(box);
      }
      const assent = page
        .getByRole('checkbox', {
          name: format(en.assentLabel, { title: `the ${agreement.title} and the ${privacy.title}` }),
        })
        .element() as HTMLElement;
      assent.scrollIntoView({ block: 'center', behavior: 'instant' });
      await userEvent.click(assent);
      const acceptButton = page
        .getByRole('button', { name: en.accept, exact: true })
        .element() as HTMLElement;
      acceptButton.scrollIntoView({ block: 'center', behavior: 'instant' });
      await userEvent.click(acceptButton);
      await expect.element(page.getByRole('button', { name: en.retry, exact: true })).toBeInTheDocument();
      await expectEachReachable('after a failed send');
    });
  }
});

describe('after accepting', () => {
  it('shows one status banner, one Done and one "Download copies" instead of five buttons', async () => {
    await page.viewport(375, 667);
    await setup();
    await accept();
    const bar = page.getByRole('group', { name: en.actionsLabel });
    await expect.element(bar.getByRole('button', { name: en.done, exact: true })).toBeVisible();
    await expect.element(bar.getByRole('button', { name: en.done, exact: true })).toHaveFocus();
    expect(bar.getByRole('button', { name: en.accept, exact: true }).query()).toBeNull();
    expect(bar.getByRole('button', { name: en.decline, exact: true }).query()).toBeNull();
    const toggle = bar.getByRole('button', { name: en.copyMenu });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    // Two visible buttons in the bar: Done and the copies.
    const visible = Array.from(actionBar().querySelectorAll('button')).filter((b) => b.checkVisibility());
    expect(visible.map((b) => b.textContent)).toEqual([en.copyMenu, en.done]);
    // The bar is a row, not a third of a phone's screen.
    expect(actionBar().getBoundingClientRect().height).toBeLessThan(window.innerHeight / 3);

    await userEvent.click(toggle);
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
    const copies = bar.getByRole('group', { name: en.copyLabel });
    await expect
      .element(
        copies.getByRole('button', { name: format(en.copyDownloadDocument, { title: privacy.title }) }),
      )
      .toBeVisible();
    await expect.element(copies.getByRole('button', { name: en.copyPrint })).toBeVisible();
    await expectNoAxeViolations(dialog(), 'copies shown');
    // Escape closes the list (not the dialog) and returns to its button.
    (copies.getByRole('button', { name: en.copyPrint }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Escape}');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect.element(toggle).toHaveFocus();
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
    // So does Escape on the button itself, with the list open (focus stays on the button).
    await userEvent.keyboard('{Enter}');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect.element(toggle).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect.element(toggle).toHaveFocus();
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
    // With the list closed, Escape is the dialog's again: the decision is made, so it closes.
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => document.querySelector('[role="dialog"]')).toBeNull();
  });
});
