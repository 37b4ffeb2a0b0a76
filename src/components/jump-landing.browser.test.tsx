'use client';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapPage } from './clickwrap-page';
import { en } from '../messages';
import { agreement, agreementElement, frames, SIGNER } from './test-utils.test-utils';

/**
 * Jumps within the agreement, by keyboard: the table of contents, the key-clause summary. Its
 * parts off screen have estimated sizes (content-visibility: auto) until they come near the
 * screen, so a place measured at the jump can be a screen or more beside where the target ends.
 */

async function setup() {
  await page.viewport(1280, 800);
  await render(
    <>
      <header style={{ blockSize: 300 }}>The app’s own page.</header>
      <ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} theme="light" />
      <footer style={{ blockSize: 1200 }}>The app’s footer.</footer>
    </>,
  );
  const area = agreementElement();
  await expect.element(area).toBeVisible();
  // The person scrolled the page down, past the agreement's top.
  window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
  await frames(2);
  return area;
}

/** Waits until nothing moves: the area's own scroll and its place on the page, for 5 frames. */
async function settle(area: HTMLElement) {
  let last = '';
  let still = 0;
  for (let i = 0; i < 300 && still < 5; i++) {
    await frames(1);
    const now = `${area.scrollTop}/${area.getBoundingClientRect().top}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/**
 * How far the target's top is from where a jump puts it: its scroll-margin (and `gap`) below
 * the top of the area's visible box; and whether the area is on screen.
 */
function landing(area: HTMLElement, target: HTMLElement, gap: number) {
  const box = area.getBoundingClientRect();
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const wanted = box.top + area.clientTop + margin + gap;
  return {
    off: Math.round(target.getBoundingClientRect().top - wanted),
    areaOnScreen: box.top >= -1 && box.bottom <= window.innerHeight + 1,
  };
}

describe('a jump within a long agreement', () => {
  it('from the table of contents ends with the section at the top, the agreement in view', async () => {
    const area = await setup();
    const nav = page.getByRole('navigation', { name: en.tocLabel });
    (nav.getByRole('link', { name: 'VIII. Other' }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const heading = page.getByRole('heading', { name: 'VIII. Other' });
    await expect.element(heading).toHaveFocus();
    await settle(area);
    // 8 px of space above a heading.
    expect(landing(area, heading.element() as HTMLElement, 8)).toEqual({ off: 0, areaOnScreen: true });
  });

  it('from the key-clause summary ends with the clause at the top, counted as read', async () => {
    const area = await setup();
    const summary = page.getByRole('region', { name: en.keyClausesHeading });
    // The last clause (of the toolbar: "Next unread" comes after the list).
    const index = agreement.keyClauses.length - 1;
    const button = summary.getByRole('toolbar').getByRole('button').nth(index);
    (button.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const clause = document.activeElement as HTMLElement;
    expect(clause.dataset.keyClause).toBe(agreement.keyClauses[index]!.id);
    await settle(area);
    const { off, areaOnScreen } = landing(area, clause, 0);
    expect(areaOnScreen).toBe(true);
    // At the top; or lower, when the area is scrolled to its end and the clause in sight.
    if (off !== 0) {
      expect(area.scrollTop).toBeCloseTo(area.scrollHeight - area.clientHeight, 0);
      expect(clause.getBoundingClientRect().bottom).toBeLessThan(area.getBoundingClientRect().bottom);
    }
    await expect.element(clause).toHaveAttribute('data-seen', '');
  });
});
