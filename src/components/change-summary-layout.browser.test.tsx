'use client';
// "What changed" as a designer looks at it: each change is one card (its passage and the words
// changed inside the same frame), every card of the column as wide as the others with the same
// edges, the same gap between any two cards, and each card's text starting at one edge, at a
// desktop's, a phone's and a small phone's width, light and dark, left to right and right to left.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { withFiveChanges } from '../core/diff.fixtures';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { en } from '../messages';
import { agreement as accepted, SIGNER } from './test-utils.test-utils';

const current = parseAgreement({
  id: accepted.id,
  version: '2025-06-01',
  effectiveDate: '2025-06-01',
  markdown: withFiveChanges(accepted.markdown),
});
const previous = { agreement: accepted, acceptedAt: '2024-05-02T10:00:00.000Z', receiptId: null };

const SIZES: Array<[number, number]> = [
  [1280, 800],
  [375, 667],
  [320, 568],
];
const THEMES = ['light', 'dark'] as const;
const DIRS = ['ltr', 'rtl'] as const;

/** Half a CSS pixel: sub-pixel rounding, not a design difference. */
const EPSILON = 0.5;

/** What a person sees as a card: the box with a border and a background of its own. */
function isFramed(el: Element): boolean {
  const style = getComputedStyle(el);
  return parseFloat(style.borderInlineStartWidth) > 0 && style.backgroundColor !== 'rgba(0, 0, 0, 0)';
}

/** Everything inside a change that shows text: its passage's label and the words changed. */
function textParts(item: HTMLElement): HTMLElement[] {
  return [...item.querySelectorAll<HTMLElement>('.rcw-change-label, .rcw-change-words, .rcw-change-note')];
}

function expectEvenCards(label: string, dir: 'ltr' | 'rtl') {
  const list = page.getByRole('region', { name: en.changesHeading }).getByRole('list').element();
  const items = [...list.querySelectorAll<HTMLElement>(':scope > li')];
  expect(items.length, label).toBe(5);
  const boxes = items.map((item) => item.getBoundingClientRect());
  for (const [i, item] of items.entries()) {
    const what = `${label}, change ${i + 1}`;
    // The change is the card: its words are inside the frame, not loose under it.
    expect(isFramed(item), `${what} is not framed as one card`).toBe(true);
    const box = boxes[i]!;
    for (const part of textParts(item)) {
      const r = part.getBoundingClientRect();
      expect(r.top, `${what}: ${part.className} above its card`).toBeGreaterThanOrEqual(box.top - EPSILON);
      expect(r.bottom, `${what}: ${part.className} below its card`).toBeLessThanOrEqual(box.bottom + EPSILON);
    }
    // Same width and edges as the first card.
    expect(Math.abs(box.left - boxes[0]!.left), `${what}: left edge`).toBeLessThanOrEqual(EPSILON);
    expect(Math.abs(box.right - boxes[0]!.right), `${what}: right edge`).toBeLessThanOrEqual(EPSILON);
    // The label and the words begin at one edge inside the card, whatever the kind's word
    // ("Added", "Changed", "Removed") before them.
    // Where the text begins: the content box's start edge (the left in LTR, the right in RTL).
    const start = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return dir === 'ltr'
        ? r.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
        : -(r.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight));
    };
    const labelStart = start(item.querySelector('.rcw-change-label')!);
    for (const part of textParts(item)) {
      expect(
        Math.abs(start(part) - labelStart),
        `${what}: ${part.className} starts elsewhere`,
      ).toBeLessThanOrEqual(EPSILON);
    }
    expect(
      Math.abs(labelStart - start(items[0]!.querySelector('.rcw-change-label')!)),
      `${what}: its label starts elsewhere than the first card's`,
    ).toBeLessThanOrEqual(EPSILON);
  }
  // Equal gaps between the cards.
  const gaps = boxes.slice(1).map((box, i) => box.top - boxes[i]!.bottom);
  for (const gap of gaps)
    expect(Math.abs(gap - gaps[0]!), `${label}: gaps ${gaps.join(', ')}`).toBeLessThanOrEqual(EPSILON);
  // Nothing wider than the window.
  expect(document.documentElement.scrollWidth, label).toBeLessThanOrEqual(window.innerWidth);
}

afterEach(async () => {
  await page.viewport(1024, 768);
});

describe('"What changed" on the page', () => {
  for (const [width, height] of SIZES)
    for (const theme of THEMES)
      for (const dir of DIRS)
        it(`lays out even cards at ${width} × ${height} px, ${theme}, ${dir}`, async () => {
          await page.viewport(width, height);
          await render(
            <ClickwrapPage
              agreement={current}
              previous={previous}
              signer={SIGNER}
              onAccept={() => {}}
              theme={theme}
              dir={dir}
            />,
          );
          await expect.element(page.getByRole('region', { name: en.changesHeading })).toBeVisible();
          expectEvenCards(`page ${width} ${theme} ${dir}`, dir);
        });
});

describe('"What changed" in the modal', () => {
  for (const [width, height] of SIZES)
    it(`lays out even cards at ${width} × ${height} px`, async () => {
      await page.viewport(width, height);
      await render(
        <ClickwrapModal
          agreement={current}
          previous={previous}
          signer={SIGNER}
          onAccept={() => {}}
          defaultOpen
          theme="dark"
          dir="rtl"
        />,
      );
      await expect.element(page.getByRole('region', { name: en.changesHeading })).toBeVisible();
      expectEvenCards(`modal ${width} dark rtl`, 'rtl');
    });
});
