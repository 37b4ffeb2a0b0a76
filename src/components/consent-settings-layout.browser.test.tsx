'use client';
// "Your consents" as a designer sees it, in Chromium with the default theme: its tinted panel
// keeps its text off its edges, and its buttons are as wide as their labels.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ConsentSettings } from './consent-settings';
import { createFakeServer } from './consent-settings.test-utils';
import './test-utils.test-utils';

let server: ReturnType<typeof createFakeServer>;

beforeEach(() => {
  server = createFakeServer();
});

afterEach(async () => {
  await page.viewport(1024, 768);
});

const show = () =>
  render(
    <ConsentSettings
      basePath="/api/clickwrap"
      fetch={server.fetch}
      optionalConsentLabels={{ 'marketing-email': 'Send me Instadesk product news by e-mail.' }}
      locale="en-GB"
      theme="light"
    />,
  );

const box = (locator: { element(): Element }) => locator.element().getBoundingClientRect();

describe('ConsentSettings laid out', () => {
  for (const width of [375, 1280]) {
    it(`at ${width} px keeps its text inside its tinted panel, off the edges`, async () => {
      await page.viewport(width, 800);
      show();
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

  it('sizes "Withdraw all consent…" to its label, as every other button, not to the panel', async () => {
    await page.viewport(1280, 800);
    show();
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
});
