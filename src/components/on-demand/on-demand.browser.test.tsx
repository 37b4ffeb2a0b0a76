'use client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { en } from '../../messages';
import { ClickwrapPage } from '../clickwrap-page';
import { ClickwrapRoot } from '../root';
import {
  AlertBoundary,
  agreement,
  expectNoAxeViolations,
  fillBirthDate,
  SIGNER,
} from '../test-utils.test-utils';
import { OnDemandPart } from './boundary';
import { onDemand } from './loader';
import { laterParts } from './parts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a part loaded on demand', () => {
  it('says so clearly when it cannot be loaded, and loads it again on "Try again"', async () => {
    // React reports the error caught by the boundary.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let attempts = 0;
    const part = onDemand(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { Shown: () => <p>The part, loaded.</p> };
    });
    function Reader() {
      const { Shown } = part.read();
      return <Shown />;
    }
    const onAccept = vi.fn();
    const screen = await render(
      <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={onAccept} theme="light">
        <OnDemandPart part={part}>
          <Reader />
        </OnDemandPart>
      </ClickwrapRoot>,
    );
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent(en.partLoadFailed);
    await expectNoAxeViolations(screen.container);
    await userEvent.click(page.getByRole('button', { name: en.partLoadRetry }));
    await expect.element(page.getByText('The part, loaded.')).toBeVisible();
    expect(page.getByRole('alert').query()).toBeNull();
    expect(attempts).toBe(2);
    expect(onAccept).not.toHaveBeenCalled();
  });

  it('"Try again" by keyboard: focus goes to a "Loading…" status, then into the part once loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let attempts = 0;
    let arrive!: () => void;
    const slowNetwork = new Promise<void>((resolve) => (arrive = resolve));
    const part = onDemand(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      await slowNetwork;
      return { Shown: () => <button type="button">Download a copy</button> };
    });
    function Reader() {
      const { Shown } = part.read();
      return <Shown />;
    }
    const screen = await render(
      <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}} theme="light">
        <OnDemandPart part={part}>
          <Reader />
        </OnDemandPart>
      </ClickwrapRoot>,
    );
    const retry = page.getByRole('button', { name: en.partLoadRetry });
    await expect.element(retry).toBeVisible();
    (retry.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const loading = page.getByRole('status').filter({ hasText: en.partLoading });
    await expect.element(loading).toHaveFocus();
    await expectNoAxeViolations(screen.container);
    arrive();
    await expect.element(page.getByRole('button', { name: 'Download a copy' })).toHaveFocus();
    expect(loading.query()).toBeNull();
  });

  it('passes an error of the loaded part itself on (it is not a failed load)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const part = onDemand(async () => ({
      Shown: (): never => {
        throw new Error('broken part');
      },
    }));
    await part.load();
    function Reader() {
      const { Shown } = part.read();
      return <Shown />;
    }
    await render(
      <AlertBoundary>
        <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
          <OnDemandPart part={part}>
            <Reader />
          </OnDemandPart>
        </ClickwrapRoot>
      </AlertBoundary>,
    );
    // The app's boundary shows it; ours does not call it a failed load.
    await expect.element(page.getByRole('alert')).toHaveTextContent('broken part');
    expect(page.getByText(en.partLoadFailed).query()).toBeNull();
  });
});

describe('the guardian fields', () => {
  it("are part of the form, not loaded on demand: the Tab after a minor's birth year reaches the guardian's name", async () => {
    // A keyboard user types the year and tabs on at once; were the fields fetched on demand, a
    // slow network would let that Tab go past where they appear later.
    const fetched = [
      vi.spyOn(laterParts, 'load'),
      vi.spyOn(laterParts, 'preload'),
      vi.spyOn(laterParts, 'read'),
    ];
    await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} guardian={{}} />);
    await fillBirthDate('2014-02-03');
    await userEvent.tab();
    await expect.element(page.getByRole('textbox', { name: en.guardianNameLabel })).toHaveFocus();
    await expect.element(page.getByRole('group', { name: en.guardianLegend })).toBeVisible();
    for (const spy of fetched) expect(spy).not.toHaveBeenCalled();
  });
});
