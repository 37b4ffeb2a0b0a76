'use client';
// "Your consents" while a withdrawal is under way and after it, in Chromium, by keyboard: what
// the status says, and what the confirmation's controls do once "Yes" has sent the withdrawal.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { MARKETING, renderSettings } from './consent-settings-render.test-utils';
import { createFakeServer } from './consent-settings.test-utils';
import { expectNoAxeViolations, frames } from './test-utils.test-utils';

let server: ReturnType<typeof createFakeServer>;
/** While set, requests wait for it: a withdrawal under way. */
let hold: Promise<void> | null;

beforeEach(() => {
  server = createFakeServer();
  hold = null;
});

/** The view, its requests waiting for `hold` while it is set. */
const showHeld = () =>
  renderSettings(async (input, init) => {
    await hold;
    return server.fetch(input, init);
  });

const view = () => page.getByRole('region', { name: 'Your consents' });
/** What the view's live status says ('' when it says nothing: it is then hidden). */
const statusText = () => view().element().querySelector('[role="status"]')?.textContent;

describe('ConsentSettings, a withdrawal under way and after it', () => {
  it('keeps its status in the accessibility tree while it says nothing, so what it says next is announced', async () => {
    renderSettings(server.fetch);
    const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
    await expect.element(withdraw).toBeVisible();
    // Loaded: nothing to say. A live region taken out of the tree (display: none) and put back
    // with its text is an arrival, which screen readers do not announce, not a change.
    expect(statusText()).toBe('');
    await expect.element(page.getByRole('status')).toBeInTheDocument();
    // And it takes no room: the heading's section follows the view's heading as before.
    const status = page.getByRole('status').element().getBoundingClientRect();
    expect(status.width * status.height).toBeLessThanOrEqual(1);
    await withdraw.click();
    await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
    expect(page.getByRole('status').element().getBoundingClientRect().height).toBeGreaterThan(1);
  });

  it('"Try again" after a withdrawal whose reload failed does not announce the withdrawal again', async () => {
    // The server records the withdrawal, then the network drops before the list reloads.
    const fetcher: typeof fetch = async (input, init) => {
      const answer = await server.fetch(input, init);
      if (init?.method === 'POST' && answer.ok) server.setOffline(true);
      return answer;
    };
    renderSettings(fetcher);
    const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
    await expect.element(withdraw).toBeVisible();
    await withdraw.click();
    await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
    await expect.element(page.getByRole('alert')).toHaveTextContent('Your consents could not be loaded.');

    server.setOffline(false);
    const tryAgain = page.getByRole('button', { name: 'Try again' });
    (tryAgain.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect
      .element(page.getByRole('listitem').filter({ hasText: MARKETING }))
      .toHaveTextContent('Not given.');
    // The status said "Loading…"; the list that follows is shown, and the status is quiet: the
    // withdrawal was announced when it was recorded, not again now.
    await frames(2);
    expect(statusText()).toBe('');
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201]);
  });

  it('once "Yes, withdraw all consent" has sent it, Cancel and the toggle do not pretend to cancel it', async () => {
    showHeld();
    const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
    await expect.element(trigger).toBeVisible();
    (trigger.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const confirm = page.getByRole('group', { name: 'Withdraw all consent?' });
    await vi.waitFor(() => expect(document.activeElement).toBe(confirm.element()));
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('status')).toHaveTextContent('Recording your withdrawal…');

    // The withdrawal is on its way: Cancel cannot stop it, and says so by being unavailable.
    await userEvent.tab();
    const cancel = page.getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel.element());
    await expect.element(cancel).toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{Enter}');
    await frames(2);
    await expect.element(confirm).toBeVisible();
    expect(document.activeElement).toBe(cancel.element());
    // Nor does the button that opened the confirmation close it meanwhile.
    await userEvent.tab({ shift: true });
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(trigger.element());
    await expect.element(trigger).toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{Enter}');
    await frames(2);
    await expect.element(confirm).toBeVisible();
    await expect.element(trigger).toHaveAttribute('aria-expanded', 'true');
    await expectNoAxeViolations(view().element(), 'withdrawing all, under way');

    release();
    await expect.element(page.getByRole('status')).toHaveTextContent('Your consent is withdrawn');
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(page.getByRole('heading', { name: 'Your consents' }).element()),
    );
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201]);
  });

  it('leaves focus where the person moved it while a withdrawal was under way', async () => {
    showHeld();
    const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
    await expect.element(withdraw).toBeVisible();
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    (withdraw.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('status')).toHaveTextContent('Recording your withdrawal…');
    // The server is slow: they go on to the next control.
    await userEvent.tab();
    const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
    expect(document.activeElement).toBe(trigger.element());
    release();
    await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
    await expect.element(withdraw).not.toBeInTheDocument();
    await frames(3);
    expect(document.activeElement).toBe(trigger.element());
  });

  it('leaves focus where the person moved it while withdrawing all was under way', async () => {
    showHeld();
    const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
    await expect.element(trigger).toBeVisible();
    await trigger.click();
    const yes = page.getByRole('button', { name: 'Yes, withdraw all consent' });
    await expect.element(yes).toBeVisible();
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    (yes.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('status')).toHaveTextContent('Recording your withdrawal…');
    // Back up the page, to a download button.
    const download = page.getByRole('button', {
      name: 'Download the Example Privacy Policy (version 2024-01-01)',
    });
    (download.element() as HTMLElement).focus();
    release();
    await expect.element(page.getByRole('status')).toHaveTextContent('Your consent is withdrawn');
    await frames(3);
    expect(document.activeElement).toBe(download.element());
  });

  it('a Cancel pressed after the withdrawal failed still closes the confirmation', async () => {
    renderSettings(server.fetch);
    const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
    await expect.element(trigger).toBeVisible();
    await trigger.click();
    server.setOffline(true);
    await page.getByRole('button', { name: 'Yes, withdraw all consent' }).click();
    await expect.element(page.getByRole('alert')).toBeVisible();
    const cancel = page.getByRole('button', { name: 'Cancel' });
    expect(cancel.element().hasAttribute('aria-disabled')).toBe(false);
    await cancel.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(trigger.element()));
    expect(page.getByRole('group', { name: 'Withdraw all consent?' }).query()).toBeNull();
  });
});
