'use client';
// "Your consents" in Chromium, against a recorded fake of react-clickwrap/server (the real handler
// signs with node:crypto and cannot run here: see consent-settings.test-utils.ts). Keyboard only,
// axe in every state.
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { AGREEMENT_COPY_END } from '../core/copy';
import { hashAgreement } from '../core/hash';
import { createReceipt } from '../core/receipt';
import { en, zhCN, type ClickwrapMessages } from '../messages';
import type { ServedWithdrawal } from '../hooks/use-consent-settings';
import { ConsentSettings } from './consent-settings';
import { createFakeServer } from './consent-settings.test-utils';
import { expectNoAxeViolations } from './test-utils.test-utils';

const MARKETING = 'Send me Instadesk product news by e-mail.';
const LABELS = { 'marketing-email': MARKETING };

let server: ReturnType<typeof createFakeServer>;
let blobs: Blob[];

beforeEach(() => {
  server = createFakeServer();
  blobs = [];
  const create = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return create(blob as Blob);
  });
  // Downloads are recorded, not saved: the anchor's click is stopped.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const show = (props: Partial<Parameters<typeof ConsentSettings>[0]> = {}) =>
  render(
    <ConsentSettings
      basePath="/api/clickwrap"
      fetch={server.fetch}
      optionalConsentLabels={LABELS}
      locale="en-GB"
      {...props}
    />,
  );

const view = () => page.getByRole('region', { name: 'Your consents' });
const terms = () => page.getByRole('listitem').filter({ hasText: 'Instadesk Terms and Conditions' });

describe('ConsentSettings', () => {
  it('renders on a server as "loading", without a request', () => {
    const html = renderToString(<ConsentSettings basePath="/api/clickwrap" fetch={server.fetch} />);
    expect(html).toContain('Loading your consents');
    expect(server.requests).toEqual([]);
  });

  it('renders with a catalogue that lacks a text (written for an earlier version), naming it in a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { heading: _missing, ...consentSettings } = en.consentSettings;
    const older = { ...en, locale: 'en-GB', consentSettings } as unknown as ClickwrapMessages;
    show({ messages: older });
    await expect.element(page.getByRole('region', { name: 'Your consents' })).toBeVisible();
    await expect.element(terms()).toHaveTextContent('You accepted version 2023-01-01');
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/catalogue "en-GB" lacks 1 text \(consentSettings\.heading\)/),
    );
  });

  it('refuses a missing basePath with a message that says what to pass', () => {
    expect(() => renderToString(<ConsentSettings basePath="" />)).toThrow(/pass basePath.*\/api\/clickwrap/);
  });

  describe('given a person who accepted the Terms and the privacy policy and granted marketing', () => {
    it('shows each document with the version accepted and when, and the optional consent', async () => {
      show();
      await expect.element(terms()).toHaveTextContent('You accepted version 2023-01-01 on 4 March 2025');
      const privacy = page.getByRole('listitem').filter({ hasText: 'Example Privacy Policy' });
      await expect.element(privacy).toHaveTextContent('You accepted version 2024-01-01');
      await expect
        .element(page.getByRole('listitem').filter({ hasText: MARKETING }))
        .toHaveTextContent('Given on 4 March 2025');
      await expect.element(page.getByRole('button', { name: `Withdraw: ${MARKETING}` })).toBeVisible();
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /api/clickwrap/consents',
        'GET /api/clickwrap/agreements/instadesk-terms',
        'GET /api/clickwrap/agreements/privacy-policy',
      ]);
      await expectNoAxeViolations(view().element(), 'ready');
    });

    it('downloads the version accepted: the text served, checked against its hash, and what the server recorded', async () => {
      show();
      await page
        .getByRole('button', { name: 'Download the Instadesk Terms and Conditions (version 2023-01-01)' })
        .click();
      await vi.waitFor(() => expect(blobs).toHaveLength(1));
      const text = await blobs[0]!.text();
      const document = text.slice(0, text.lastIndexOf(`\n${AGREEMENT_COPY_END}\n`));
      const served = server.requests.at(-1)!;
      expect(served.path).toBe('/api/clickwrap/agreements/instadesk-terms/versions/2023-01-01');
      const { sha256 } = await (await server.fetch(served.path)).json();
      // Hashed = shown: the document in the copy is the text whose hash the server serves.
      expect(await hashAgreement(document)).toBe(sha256);
      expect(text).toContain(`- SHA-256 of the text: ${sha256}`);
      expect(text).toContain(`- Receipt: ${server.receiptId}`);
    });

    it('with the receipt at hand, the copy is buildAgreementCopy: the text, then the receipt', async () => {
      const versionResponse = await (
        await server.fetch('/api/clickwrap/agreements/instadesk-terms/versions/2023-01-01')
      ).json();
      const agreement = parseAgreement({
        id: 'instadesk-terms',
        version: '2023-01-01',
        markdown: versionResponse.markdown,
      });
      const receipt = await createReceipt({
        agreement,
        receiptId: server.receiptId,
        shownAt: new Date('2025-03-04T09:10:00.000Z'),
        acceptedAt: new Date('2025-03-04T09:14:00.000Z'),
        signer: { id: 'account-1', name: 'Ada' },
        locale: 'en-GB',
        uiVariant: 'page',
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: new Date('2025-03-04T09:13:00.000Z'),
          keyClausesSeen: [],
          keyClausesTotal: agreement.keyClauses.length,
        },
      });
      const getReceipt = vi.fn((id: string) => (id === receipt.receiptId ? receipt : null));
      show({ getReceipt });
      await page.getByRole('button', { name: /Download the Instadesk Terms/ }).click();
      await vi.waitFor(() => expect(blobs).toHaveLength(1));
      const text = await blobs[0]!.text();
      expect(getReceipt).toHaveBeenCalledWith(server.receiptId);
      expect(text).toContain('## Consent receipt');
      expect(text).toMatch(new RegExp(`"receiptId": ?"${receipt.receiptId}"`));
      expect(text).toMatch(new RegExp(`"sha256": ?"${receipt.agreement.sha256}"`));
    });

    it('withdraws marketing with the keyboard alone: one request, the new answer shown and announced', async () => {
      show();
      await expect.element(page.getByRole('button', { name: `Withdraw: ${MARKETING}` })).toBeVisible();
      const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
      (withdraw.element() as HTMLElement).focus();
      await userEvent.keyboard('{Enter}');
      await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
      await expect
        .element(page.getByRole('listitem').filter({ hasText: MARKETING }))
        .toHaveTextContent('Not given.');
      expect(withdraw.query()).toBeNull();
      // The button is gone: focus stays in the section, on its heading (moved in an effect after
      // the answer is shown, so a frame or two later on a busy machine).
      await vi.waitFor(() =>
        expect(document.activeElement).toBe(
          page.getByRole('heading', { name: 'Optional consents' }).element(),
        ),
      );
      const posts = server.requests.filter((r) => r.method === 'POST');
      expect(posts).toEqual([
        {
          method: 'POST',
          path: '/api/clickwrap/withdrawals',
          status: 201,
          body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), optionalConsents: ['marketing-email'] },
          answer: expect.objectContaining({ seq: 2 }),
        },
      ]);
      // The documents are still agreed to.
      await expect.element(terms()).toHaveTextContent('You accepted version 2023-01-01');
      await expectNoAxeViolations(view().element(), 'after withdrawing marketing');
    });

    it('withdraws consent as a whole only after a confirmation step; Escape goes back with nothing sent', async () => {
      show();
      const trigger = page.getByRole('button', { name: 'Withdraw all consent…' });
      await expect.element(trigger).toHaveAttribute('aria-expanded', 'false');
      (trigger.element() as HTMLElement).focus();
      await userEvent.keyboard('{Enter}');
      const confirm = page.getByRole('group', { name: 'Withdraw all consent?' });
      await expect
        .element(confirm)
        .toHaveAccessibleDescription(
          /no longer agree to Instadesk Terms and Conditions and Example Privacy Policy/,
        );
      await vi.waitFor(() => expect(document.activeElement).toBe(confirm.element()));
      await expectNoAxeViolations(view().element(), 'confirming');

      await userEvent.keyboard('{Escape}');
      await vi.waitFor(() => expect(document.activeElement).toBe(trigger.element()));
      expect(confirm.query()).toBeNull();
      expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);

      await userEvent.keyboard('{Enter}');
      await vi.waitFor(() => expect(document.activeElement).toBe(confirm.element()));
      await userEvent.tab();
      expect(document.activeElement).toBe(
        page.getByRole('button', { name: 'Yes, withdraw all consent' }).element(),
      );
      await userEvent.keyboard('{Enter}');
      await expect.element(page.getByRole('status')).toHaveTextContent('Your consent is withdrawn');
      // What they had agreed to stays shown, with when they withdrew, and its copy.
      await expect
        .element(terms())
        .toHaveTextContent(
          /You accepted version 2023-01-01 on 4 March 2025.*, and withdrew your consent on 1 February 2026.*\./,
        );
      await expect
        .element(page.getByRole('listitem').filter({ hasText: MARKETING }))
        .toHaveTextContent('Not given.');
      expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
        { id: expect.any(String), all: true },
      ]);
      await vi.waitFor(() =>
        expect(document.activeElement).toBe(page.getByRole('heading', { name: 'Your consents' }).element()),
      );
      // Nothing left to withdraw; a copy of what they had agreed to is still there to download.
      expect(page.getByRole('button', { name: 'Withdraw all consent…' }).query()).toBeNull();
      expect(terms().element().hasAttribute('data-withdrawn')).toBe(true);
      await page
        .getByRole('button', { name: 'Download the Instadesk Terms and Conditions (version 2023-01-01)' })
        .click();
      await vi.waitFor(() => expect(blobs).toHaveLength(1));
      expect(await blobs[0]!.text()).toContain(`- Receipt: ${server.receiptId}`);
      await expectNoAxeViolations(view().element(), 'after withdrawing all');
    });

    it('a withdrawal that does not reach the server says so, and the retry sends the same id (recorded once)', async () => {
      show();
      const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
      await expect.element(withdraw).toBeVisible();
      server.setOffline(true);
      await withdraw.click();
      await expect
        .element(page.getByRole('alert'))
        .toHaveTextContent(
          'We could not confirm that your withdrawal was recorded. Try again: it is never recorded twice. The server could not be reached: check your connection.',
        );
      server.setOffline(false);
      await withdraw.click();
      await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
      const posts = server.requests.filter((r) => r.method === 'POST');
      expect(posts.map((r) => r.status)).toEqual([0, 201]);
      expect((posts[0]!.body as { id: string }).id).toBe((posts[1]!.body as { id: string }).id);
      expect(page.getByRole('alert').query()).toBeNull();
    });

    it('a withdrawal recorded reads as done even when reloading the list after it fails; no second withdrawal', async () => {
      // The server records the withdrawal; its answer arrives, then the network drops before the
      // list reloads. Said as failed, the person's retry would post a new id: a second withdrawal.
      const fetcher: typeof fetch = async (input, init) => {
        const answer = await server.fetch(input, init);
        if (init?.method === 'POST' && answer.ok) server.setOffline(true);
        return answer;
      };
      const onWithdrawn = vi.fn();
      show({ fetch: fetcher, onWithdrawn });
      const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
      await expect.element(withdraw).toBeVisible();
      await withdraw.click();
      await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
      await expect.element(page.getByRole('alert')).toHaveTextContent('Your consents could not be loaded.');
      expect(
        page
          .getByText(
            'We could not confirm that your withdrawal was recorded. Try again: it is never recorded twice.',
          )
          .query(),
      ).toBeNull();
      expect(onWithdrawn).toHaveBeenCalledTimes(1);
      // The keyboard user's place: the list's section is gone, so the view's heading.
      await vi.waitFor(() =>
        expect(document.activeElement).toBe(page.getByRole('heading', { name: 'Your consents' }).element()),
      );
      server.setOffline(false);
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect
        .element(page.getByRole('listitem').filter({ hasText: MARKETING }))
        .toHaveTextContent('Not given.');
      expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201]);
      await expectNoAxeViolations(view().element(), 'after a withdrawal whose reload failed');
    });
  });

  describe('onWithdrawn', () => {
    const withdrawMarketing = async () => {
      const withdraw = page.getByRole('button', { name: `Withdraw: ${MARKETING}` });
      await expect.element(withdraw).toBeVisible();
      await withdraw.click();
    };
    const answers = () => server.requests.filter((r) => r.method === 'POST');

    it("gets the server's record of each withdrawal, checkpoint included, once it is recorded", async () => {
      // What the server held when the app was told: the withdrawal must already be recorded.
      const grantedWhenCalled: boolean[] = [];
      const onWithdrawn = vi.fn((_: ServedWithdrawal) => {
        grantedWhenCalled.push(server.state.options['marketing-email']!.granted);
      });
      show({ onWithdrawn });
      await withdrawMarketing();
      await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
      expect(onWithdrawn).toHaveBeenCalledTimes(1);
      expect(onWithdrawn).toHaveBeenCalledWith(answers()[0]!.answer);
      expect(grantedWhenCalled).toEqual([false]);
      expect(onWithdrawn.mock.calls[0]![0]).toMatchObject({
        withdrawal: { id: (answers()[0]!.body as { id: string }).id, optionalConsents: ['marketing-email'] },
        receivedAt: '2026-02-01T10:00:00.000Z',
        subject: 'account-1',
        seq: 2,
        checkpoint: { count: 2, head: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });

      await page.getByRole('button', { name: 'Withdraw all consent…' }).click();
      await page.getByRole('button', { name: 'Yes, withdraw all consent' }).click();
      await expect.element(page.getByRole('status')).toHaveTextContent('Your consent is withdrawn');
      expect(onWithdrawn).toHaveBeenCalledTimes(2);
      expect(onWithdrawn).toHaveBeenLastCalledWith(answers()[1]!.answer);
      expect(onWithdrawn.mock.lastCall![0]).toMatchObject({
        withdrawal: { all: true },
        seq: 3,
        checkpoint: { count: 3 },
      });
    });

    it('is not called when the server refuses or cannot be reached; the retry recorded calls it once', async () => {
      const onWithdrawn = vi.fn();
      show({ onWithdrawn });
      await expect.element(terms()).toHaveTextContent('You accepted version 2023-01-01');
      server.state.signedIn = false;
      await withdrawMarketing();
      await expect
        .element(page.getByRole('alert'))
        .toHaveTextContent(/could not confirm that your withdrawal was recorded.*Sign in first/);
      server.state.signedIn = true;
      server.setOffline(true);
      await withdrawMarketing();
      await expect
        .element(page.getByRole('alert'))
        .toHaveTextContent('could not confirm that your withdrawal was recorded');
      await vi.waitFor(() => expect(answers().map((r) => r.status)).toEqual([401, 0]));
      expect(onWithdrawn).not.toHaveBeenCalled();

      server.setOffline(false);
      await withdrawMarketing();
      await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
      expect(answers().map((r) => r.status)).toEqual([401, 0, 201]);
      expect(onWithdrawn).toHaveBeenCalledTimes(1);
      expect(onWithdrawn).toHaveBeenCalledWith(answers()[2]!.answer);
    });

    it("an error thrown by the app's callback is reported as uncaught, not as a failed withdrawal", async () => {
      const uncaught: unknown[] = [];
      const listen = (event: ErrorEvent) => {
        uncaught.push(event.error);
        event.preventDefault();
      };
      window.addEventListener('error', listen);
      try {
        show({
          onWithdrawn: () => {
            throw new Error('the app could not keep it');
          },
        });
        await withdrawMarketing();
        await expect.element(page.getByRole('status')).toHaveTextContent(`Withdrawn: ${MARKETING}`);
        await vi.waitFor(() => expect(uncaught).toEqual([new Error('the app could not keep it')]));
        expect(page.getByRole('alert').query()).toBeNull();
      } finally {
        window.removeEventListener('error', listen);
      }
    });

    it('is not called for a success answer that is not the record of this withdrawal', async () => {
      const onWithdrawn = vi.fn();
      // Something else answers POST withdrawals with 200 (e.g. basePath points at another API).
      const fetch: typeof globalThis.fetch = (input, init) =>
        init?.method === 'POST'
          ? Promise.resolve(Response.json({ ok: true }))
          : server.fetch(input as RequestInfo, init);
      show({ onWithdrawn, fetch });
      await withdrawMarketing();
      await expect
        .element(page.getByRole('alert'))
        .toHaveTextContent(
          /could not confirm that your withdrawal was recorded.*did not answer a recorded withdrawal/,
        );
      expect(onWithdrawn).not.toHaveBeenCalled();
      await expect
        .element(page.getByRole('listitem').filter({ hasText: MARKETING }))
        .toHaveTextContent('Given on');
    });
  });

  describe('given a new version of the Terms', () => {
    it('says which version was accepted and that the new one needs consent', async () => {
      server.state.current['instadesk-terms'] = '2025-06-01';
      show();
      await expect
        .element(terms())
        .toHaveTextContent(
          /You accepted version 2023-01-01 on 4 March 2025.*\. Version 2025-06-01 is new and needs your consent\./,
        );
      await expect.element(terms()).toHaveAttribute('data-needs-reconsent', '');
      await expectNoAxeViolations(view().element(), 'needs re-consent');
    });

    it('says a new version with only minor changes needs no new consent', async () => {
      server.state.current['instadesk-terms'] = '2025-06-01';
      server.state.minorChange['instadesk-terms'] = true;
      show();
      await expect
        .element(terms())
        .toHaveTextContent(
          /You accepted version 2023-01-01 on 4 March 2025.*\. Version 2025-06-01 changes it only in minor ways: no new consent is needed\./,
        );
      expect(terms().element().hasAttribute('data-needs-reconsent')).toBe(false);
    });
  });

  describe('given nobody signed in', () => {
    it('asks to sign in, and loads once signed in', async () => {
      server.state.signedIn = false;
      show();
      await expect.element(page.getByRole('alert')).toHaveTextContent('Sign in to see your consents.');
      await expectNoAxeViolations(view().element(), 'signed out');
      server.state.signedIn = true;
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect.element(terms()).toHaveTextContent('You accepted version 2023-01-01');
    });

    it('"Try again" by keyboard keeps the place at the view\'s heading, says it is loading, then the answer', async () => {
      server.state.signedIn = false;
      show();
      const retry = page.getByRole('button', { name: 'Try again' });
      await expect.element(retry).toBeVisible();
      (retry.element() as HTMLElement).focus();
      // The status region (empty, so not found by role until it says something).
      const status = view().element().querySelector('[role="status"]')!;
      // What it says, each time that changes.
      const said: string[] = [];
      const observer = new MutationObserver(() => said.push(status.textContent ?? ''));
      observer.observe(status, { subtree: true, childList: true, characterData: true });

      // It fails again: the heading has focus, and the region said "Loading…" in between.
      await userEvent.keyboard('{Enter}');
      await expect.element(page.getByRole('heading', { name: 'Your consents' })).toHaveFocus();
      await expect.element(page.getByRole('alert')).toHaveTextContent('Sign in to see your consents.');
      expect(said).toContain('Loading your consents…');

      // It works: the list, with focus still at the heading.
      server.state.signedIn = true;
      await userEvent.tab();
      await expect.element(retry).toHaveFocus();
      await userEvent.keyboard('{Enter}');
      await expect.element(terms()).toHaveTextContent('You accepted version 2023-01-01');
      await expect.element(page.getByRole('heading', { name: 'Your consents' })).toHaveFocus();
      observer.disconnect();
    });
  });

  it('speaks the catalogue it is given (Simplified Chinese)', async () => {
    show({ messages: zhCN, locale: 'zh-CN' });
    await expect.element(page.getByRole('region', { name: '您的同意' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: `撤回：${MARKETING}` })).toBeVisible();
    await expect.element(page.getByRole('region', { name: '您的同意' })).toHaveAttribute('lang', 'zh-CN');
  });
});
