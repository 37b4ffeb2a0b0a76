'use client';
// A withdrawal that fails, in Chromium: its message is where the person acted (the optional
// consent's row, or beside "Withdraw all consent"), is announced once, leaves focus where it
// was, describes the button that failed once focus has left it, and goes when they try again.
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { MARKETING, renderSettings, setViewport } from './consent-settings-render.test-utils';
import { createFakeServer } from './consent-settings.test-utils';
import { en, zhCN } from '../messages';
import { expectNoAxeViolations, frames } from './test-utils.test-utils';

const FAILED =
  'We could not confirm that your withdrawal was recorded. Try again: it is never recorded twice. The server could not be reached: check your connection.';

let server: ReturnType<typeof createFakeServer>;
/** While set, requests wait for it: a withdrawal under way. */
let hold: Promise<void> | null;

beforeEach(() => {
  server = createFakeServer();
  hold = null;
});

/** The view, its requests waiting for `hold` while it is set. */
const show = () =>
  renderSettings(async (input, init) => {
    await hold;
    return server.fetch(input, init);
  });

const view = () => page.getByRole('region', { name: 'Your consents' });
const box = (locator: { element(): Element }) => locator.element().getBoundingClientRect();
/** The vertical gap between two boxes (0 when they overlap). */
const gap = (a: DOMRect, b: DOMRect) => Math.max(0, b.top - a.bottom, a.top - b.bottom);

/**
 * Each role=alert element put into `root` from now on. A screen reader announces an alert when
 * one is inserted (Chromium fires its alert event for a new node); an alert left in place with
 * the same words says nothing.
 */
function alertsInserted(root: Element): Element[] {
  const inserted: Element[] = [];
  const observer = new MutationObserver((records) => {
    for (const node of records.flatMap((r) => [...r.addedNodes])) {
      if (!(node instanceof Element)) continue;
      if (node.matches('[role="alert"]')) inserted.push(node);
      inserted.push(...node.querySelectorAll('[role="alert"]'));
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  onTestFinished(() => observer.disconnect());
  return inserted;
}

/** Opens "Withdraw all consent…", goes offline and confirms by keyboard: withdrawing all fails. */
async function failWithdrawAll() {
  const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
  await expect.element(trigger).toBeVisible();
  await trigger.click();
  const confirm = page.getByRole('button', { name: 'Yes, withdraw all consent' });
  server.setOffline(true);
  (confirm.element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  return { trigger, confirm, alert: page.getByRole('alert') };
}

describe('ConsentSettings, when a withdrawal fails', () => {
  it("says why in the UI's language where the person can act on it, the server's words otherwise", async () => {
    // The server's own words are English, whatever the UI's language.
    let answer: { status: number; error: string; message: string } | null = null;
    const fetcher: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && answer)
        return new Response(JSON.stringify({ error: answer.error, message: answer.message }), {
          status: answer.status,
          headers: { 'content-type': 'application/json' },
        });
      return server.fetch(input, init);
    };
    const t = zhCN.consentSettings;
    renderSettings(fetcher, { messages: zhCN, locale: 'zh-CN' });
    const withdraw = page.getByRole('button', { name: `撤回：${MARKETING}` });
    await expect.element(withdraw).toBeVisible();
    for (const [status, said] of [
      [503, t.busy],
      [429, t.busy],
      [500, t.busy],
      [422, 'The withdrawal names an optional consent that was never offered.'],
    ] as const) {
      answer = {
        status,
        error: 'some-code',
        message: 'The withdrawal names an optional consent that was never offered.',
      };
      await withdraw.click();
      await expect.element(page.getByRole('alert')).toHaveTextContent(`${t.withdrawFailed} ${said}`);
    }
    expect(t.busy).not.toBe(en.consentSettings.busy);
  });

  for (const width of [375, 1280]) {
    it(`at ${width} px says so in the optional consent's own row, by its Withdraw button`, async () => {
      await setViewport(width);
      show();
      const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
      await expect.element(withdraw).toBeVisible();
      server.setOffline(true);
      (withdraw.element() as HTMLElement).focus();
      await userEvent.keyboard('{Enter}');
      const alert = page.getByRole('alert');
      await expect.element(alert).toHaveTextContent(FAILED);
      // Announced once: one alert, and the status says nothing of it.
      expect(alert.all()).toHaveLength(1);
      expect(view().element().querySelector('[role="status"]')?.textContent).toBe('');
      const row = page.getByRole('listitem').filter({ hasText: MARKETING });
      expect(row.element().contains(alert.element())).toBe(true);
      expect(gap(box(alert), box(withdraw)), 'message to its button').toBeLessThanOrEqual(16);
      expect(box(alert).bottom).toBeLessThanOrEqual(box(row).bottom);
      // Focus is not taken: the person is where they were, ready to try again.
      expect(document.activeElement).toBe(withdraw.element());
      // Said once, by the alert: the focused button gains no description, which a screen reader
      // would not read now, or (some) would read with the alert, the message twice.
      await frames(2);
      expect(withdraw.element()).not.toHaveAccessibleDescription();
      await expectNoAxeViolations(view().element(), 'a withdrawal failed');
      // Once they leave it, it is described by the message: coming back, they hear why.
      await userEvent.tab();
      await expect.element(withdraw).toHaveAccessibleDescription(FAILED);
      await userEvent.tab({ shift: true });
      expect(document.activeElement).toBe(withdraw.element());
      await expect.element(withdraw).toHaveAccessibleDescription(FAILED);

      // Trying again: the message goes while it is under way, and with it the description.
      server.setOffline(false);
      let release = () => {};
      hold = new Promise((resolve) => (release = resolve));
      await userEvent.keyboard('{Enter}');
      await expect.element(page.getByRole('status')).toHaveTextContent('Recording your withdrawal…');
      expect(alert.query()).toBeNull();
      expect(withdraw.element().hasAttribute('aria-describedby')).toBe(false);
      release();
      await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
      expect(alert.query()).toBeNull();
    });
  }

  it('withdrawing all says so beside "Yes, withdraw all consent", and stays (announced once) when the confirmation closes', async () => {
    show();
    const { trigger, confirm, alert } = await failWithdrawAll();
    await expect.element(alert).toHaveTextContent(FAILED);
    expect(alert.all()).toHaveLength(1);
    const section = page.getByRole('region', { name: 'Withdraw all consent' });
    expect(section.element().contains(alert.element())).toBe(true);
    // Not in the optional consent's row: that is not what failed.
    const row = page.getByRole('listitem').filter({ hasText: MARKETING });
    expect(row.element().contains(alert.element())).toBe(false);
    expect(gap(box(alert), box(confirm)), 'message to its button').toBeLessThanOrEqual(24);
    expect(document.activeElement).toBe(confirm.element());
    // Said once, by the alert; the button is described by it once focus has left it and returns.
    await frames(2);
    expect(confirm.element()).not.toHaveAccessibleDescription();
    await expectNoAxeViolations(view().element(), 'withdrawing all failed');
    await userEvent.tab();
    expect(document.activeElement).toBe(page.getByRole('button', { name: 'Cancel' }).element());
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(confirm.element());
    await expect.element(confirm).toHaveAccessibleDescription(FAILED);

    // Cancelled: the message stays where it was, the same element (a new one would be announced
    // again), now describing the button that opens the confirmation.
    const shown = alert.element();
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(document.activeElement).toBe(trigger.element()));
    expect(alert.element()).toBe(shown);
    await expect.element(trigger).toHaveAccessibleDescription(FAILED);
    expect(gap(box(alert), box(trigger)), 'message to its button').toBeLessThanOrEqual(24);
    await expectNoAxeViolations(view().element(), 'withdrawing all failed, cancelled');
  });

  it('and fails again at once when tried again, announces it again: a new alert, the first gone', async () => {
    show();
    const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
    await expect.element(withdraw).toBeVisible();
    server.setOffline(true);
    const inserted = alertsInserted(view().element());
    (withdraw.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent(FAILED);
    expect(inserted).toHaveLength(1);

    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(inserted).toHaveLength(2));
    expect(server.requests.filter((r) => r.method === 'POST' && r.status === 0)).toHaveLength(2);
    expect(inserted[1]).not.toBe(inserted[0]);
    expect(inserted[0]!.isConnected).toBe(false);
    expect(alert.all()).toHaveLength(1);
    await expect.element(alert).toHaveTextContent(FAILED);
  });
});

describe('ConsentSettings, given an optional consent whose id is "all"', () => {
  // Nothing forbids the id: it is the app's. Its row and "Withdraw all consent…" are two places,
  // each with its own failure, never the other's.
  const PARTNERS = 'Share my usage with partners.';

  /** The view with marketing and an optional consent `all`, both given. */
  const showWithAll = () => {
    server.state.options.all = { offered: true, granted: true, at: '2025-03-04T09:15:00.000Z' };
    return renderSettings(server.fetch, {
      optionalConsentLabels: { 'marketing-email': MARKETING, all: PARTNERS },
    });
  };
  const partnersRow = () => page.getByRole('listitem').filter({ hasText: PARTNERS });
  const withdrawAllSection = () => page.getByRole('region', { name: 'Withdraw all consent' });

  it("when withdrawing it fails, says so in its row only; the button that opens withdraw all isn't described by it", async () => {
    showWithAll();
    const withdraw = page.getByRole('button', { name: `Withdraw: ${PARTNERS}` });
    await expect.element(withdraw).toBeVisible();
    server.setOffline(true);
    (withdraw.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const alert = page.getByRole('alert');
    await expect.element(alert.first()).toHaveTextContent(FAILED);
    expect(alert.all()).toHaveLength(1);
    expect(partnersRow().element().contains(alert.element())).toBe(true);
    expect(withdrawAllSection().element().contains(alert.element())).toBe(false);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      expect.objectContaining({ optionalConsents: ['all'] }),
    ]);

    // Focus leaves it: its own button is described by the message, and only it.
    await userEvent.tab();
    await expect.element(withdraw).toHaveAccessibleDescription(FAILED);
    const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
    expect(trigger.element()).not.toHaveAccessibleDescription();
    expect(
      page.getByRole('button', { name: `Withdraw: ${MARKETING}` }).element(),
    ).not.toHaveAccessibleDescription();
    await expectNoAxeViolations(view().element(), 'withdrawing the optional consent "all" failed');

    // Opening the confirmation: "Yes, withdraw all consent" is not described by the row's failure.
    await trigger.click();
    const confirm = page.getByRole('button', { name: 'Yes, withdraw all consent' });
    await expect.element(confirm).toBeVisible();
    expect(confirm.element()).not.toHaveAccessibleDescription();
    expect(alert.all()).toHaveLength(1);
    expect(partnersRow().element().contains(alert.element())).toBe(true);
  });

  it('when withdrawing all fails, says so beside "Withdraw all consent" only, not in the row of "all"', async () => {
    showWithAll();
    const { trigger, confirm, alert } = await failWithdrawAll();
    await expect.element(alert.first()).toHaveTextContent(FAILED);
    expect(alert.all()).toHaveLength(1);
    expect(withdrawAllSection().element().contains(alert.element())).toBe(true);
    expect(partnersRow().element().contains(alert.element())).toBe(false);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      expect.objectContaining({ all: true }),
    ]);

    // Focus leaves "Yes, withdraw all consent": it is described by the message; the row's button is not.
    await userEvent.tab();
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(confirm.element());
    await expect.element(confirm).toHaveAccessibleDescription(FAILED);
    const withdraw = page.getByRole('button', { name: `Withdraw: ${PARTNERS}` });
    expect(withdraw.element()).not.toHaveAccessibleDescription();

    // Cancelled: the message describes the button that opens the confirmation, still not the row's.
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(document.activeElement).toBe(trigger.element()));
    await expect.element(trigger).toHaveAccessibleDescription(FAILED);
    expect(withdraw.element()).not.toHaveAccessibleDescription();
    expect(alert.all()).toHaveLength(1);
    expect(partnersRow().element().contains(alert.element())).toBe(false);
    await expectNoAxeViolations(view().element(), 'withdrawing all failed, with an optional consent "all"');
  });
});
