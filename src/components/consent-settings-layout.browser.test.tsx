'use client';
// "Your consents" as a designer sees it, in Chromium with the default theme: its tinted panel
// keeps its text off its edges, and its buttons are as wide as their labels.
import { beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderSettings, setViewport } from './consent-settings-render.test-utils';
import { createFakeServer } from './consent-settings.test-utils';
import { frames } from './test-utils.test-utils';

let server: ReturnType<typeof createFakeServer>;

beforeEach(() => {
  server = createFakeServer();
});

const box = (locator: { element(): Element }) => locator.element().getBoundingClientRect();

describe('ConsentSettings laid out', () => {
  for (const width of [375, 1280]) {
    it(`at ${width} px keeps its text inside its tinted panel, off the edges`, async () => {
      await setViewport(width);
      renderSettings(server.fetch);
      const view = page.getByRole('region', { name: 'Your consents' });
      const heading = page.getByRole('heading', { name: 'Your consents' });
      const withdrawAll = page.getByRole('button', { name: 'Withdraw all consent…' });
      await expect.element(withdrawAll).toBeVisible();
      // The panel is tinted: it must be, or the padding question does not arise.
      expect(getComputedStyle(view.element()).backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
      const panel = box(view);
      const first = box(heading);
      const last = box(withdrawAll);
      expect(first.left - panel.left, 'heading to the panel’s start edge').toBeGreaterThanOrEqual(12);
      expect(first.top - panel.top, 'heading to the panel’s top edge').toBeGreaterThanOrEqual(12);
      expect(panel.right - last.right, 'last control to the panel’s end edge').toBeGreaterThanOrEqual(12);
      expect(panel.bottom - last.bottom, 'last control to the panel’s bottom edge').toBeGreaterThanOrEqual(
        12,
      );
    });
  }

  it('at 320 px wraps a long word (an optional consent shown by its id) instead of scrolling sideways', async () => {
    await setViewport(320);
    // No label given: the id is shown, one word with no place to break it.
    server.state.options['com.example.analytics.partner_sharing'] = {
      offered: true,
      granted: true,
      at: '2025-03-04T09:15:00.000Z',
    };
    renderSettings(server.fetch);
    const withdraw = page.getByRole('button', { name: 'Withdraw: com.example.analytics.partner_sharing' });
    await expect.element(withdraw).toBeVisible();
    await frames(1);
    expect(document.documentElement.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(320);
    const view = box(page.getByRole('region', { name: 'Your consents' }));
    expect(view.right, 'the view’s end edge').toBeLessThanOrEqual(320);
    const row = box(page.getByRole('listitem').filter({ hasText: 'com.example.analytics.partner_sharing' }));
    expect(row.right, 'its row’s end edge').toBeLessThanOrEqual(view.right);
  });

  it('sizes "Withdraw all consent…" to its label, as every other button, not to the panel', async () => {
    await setViewport(1280);
    renderSettings(server.fetch);
    const withdrawAll = page.getByRole('button', { name: 'Withdraw all consent…' });
    await expect.element(withdrawAll).toBeVisible();
    const button = withdrawAll.element() as HTMLElement;
    const label = document.createRange();
    label.selectNodeContents(button);
    const { paddingLeft, paddingRight, borderLeftWidth, borderRightWidth } = getComputedStyle(button);
    const chrome = [paddingLeft, paddingRight, borderLeftWidth, borderRightWidth].reduce(
      (sum, v) => sum + parseFloat(v),
      0,
    );
    // Its label plus its own padding and border, give or take a pixel; the panel is far wider.
    expect(button.getBoundingClientRect().width).toBeLessThanOrEqual(
      Math.max(label.getBoundingClientRect().width + chrome, parseFloat(getComputedStyle(button).minWidth)) +
        2,
    );
  });

  for (const dir of ['ltr', 'rtl'] as const) {
    it(`keeps a document's version whole in its download button, from 320 to 420 px (${dir})`, async () => {
      await setViewport(320);
      renderSettings(server.fetch, {}, { wrapper: ({ children }) => <div dir={dir}>{children}</div> });
      const button = page.getByRole('button', {
        name: 'Download the Example Privacy Policy (version 2024-01-01)',
      });
      await expect.element(button).toBeVisible();
      // Its label wraps (the title is long), but never inside "2024-01-01": the date broke at a
      // hyphen, and right to left its halves were drawn in the wrong order.
      for (let width = 320; width <= 420; width += 5) {
        await page.viewport(width, 800);
        await frames(1);
        const lines = linesOf(rangeOf(button.element(), '2024-01-01'));
        expect(lines, `the version is on ${lines} lines at ${width} px`).toBe(1);
      }
    });
  }
});

/** A range over the first occurrence of `text` in `root`'s text, across its text nodes. */
function rangeOf(root: Element, text: string): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Array<{ node: Text; start: number }> = [];
  let all = '';
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push({ node, start: all.length });
    all += node.data;
  }
  const from = all.indexOf(text);
  if (from < 0) throw new Error(`"${text}" is not in ${root.textContent}`);
  const to = from + text.length;
  const at = (offset: number, end: boolean) => {
    // The last text node that starts at (or, for an end, before) the offset.
    const hit = [...nodes].reverse().find(({ start }) => (end ? start < offset : start <= offset))!;
    return [hit.node, offset - hit.start] as const;
  };
  const range = document.createRange();
  range.setStart(...at(from, false));
  range.setEnd(...at(to, true));
  return range;
}

/** How many lines a range's text is drawn on. */
function linesOf(range: Range): number {
  return new Set(
    Array.from(range.getClientRects())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => Math.round(r.top)),
  ).size;
}
