'use client';
import { Component, useState, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import privacyMarkdown from '../../agreements/example-privacy-policy.md?raw';
import { parseAgreement } from '../core/agreement';
import { FIVE_CHANGES, withFiveChanges } from '../core/diff.fixtures';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { AgreementView } from './agreement-view';
import { AssentControls } from './assent-controls';
import { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
import { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
import { ClickwrapRoot } from './root';
import { CopyActions } from './copy-actions';
import { en, format, zhCN, type ClickwrapMessages } from '../messages';
import { ChangeSummary, compactWords, ReconsentNotice } from './reconsent';
import type { ClickwrapPreviousConsent } from './reconsent-model';
import {
  agreement as accepted,
  agreementElement,
  expectNoAxeViolations,
  readAll,
  SIGNER,
  tabUntil,
} from './test-utils.test-utils';

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

/** The new version: the default agreement with five edits, in effect from 1 June 2025. */
const current = parseAgreement({
  id: accepted.id,
  version: '2025-06-01',
  effectiveDate: '2025-06-01',
  markdown: withFiveChanges(accepted.markdown),
});

const PREVIOUS: ClickwrapPreviousConsent = {
  agreement: accepted,
  acceptedAt: '2024-05-02T10:00:00.000Z',
  receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
};

/** The example privacy policy, an additional document. */
const privacy = () => parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });

/** The edits that leave a passage in the new version (added or changed), in document order. */
const MARKED = FIVE_CHANGES.filter((edit) => edit.kind !== 'removed');

async function renderPage(props: Partial<ClickwrapPageProps> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
  return {
    onAccept: (props.onAccept as typeof onAccept | undefined) ?? onAccept,
    screen: await render(
      <>
        <header id="outside">The app’s own page.</header>
        <ClickwrapPage
          agreement={current}
          previous={PREVIOUS}
          signer={SIGNER}
          onAccept={onAccept}
          theme="light"
          {...props}
        />
      </>,
    ),
  };
}

async function renderModal(props: Partial<ClickwrapModalProps> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
  return {
    onAccept,
    screen: await render(
      <ClickwrapModal
        agreement={current}
        previous={PREVIOUS}
        signer={SIGNER}
        onAccept={onAccept}
        defaultOpen
        closeOnDecision={false}
        theme="light"
        {...props}
      />,
    ),
  };
}

function ui(m: ClickwrapMessages = en) {
  const changes = () => page.getByRole('region', { name: m.changesHeading });
  return {
    notice: () => page.getByRole('region', { name: m.reconsentHeading }),
    changes,
    changeItems: () => [...changes().element().querySelectorAll<HTMLElement>('li[data-change]')],
    accept: () => page.getByRole('button', { name: m.accept, exact: true }),
    assent: () =>
      page.getByRole('checkbox', {
        name: format(m.assentLabel, { title: format(m.documentTitle, { title: current.title }) }),
      }),
    download: () => page.getByRole('button', { name: m.copyDownload }),
    print: () => page.getByRole('button', { name: m.copyPrint }),
    status: () => page.getByRole('status').filter({ hasText: m.accepted }),
  };
}

/** The element of a marked passage in the scroll area. */
function passage(id: string): HTMLElement {
  const el = agreementElement().querySelector<HTMLElement>(`[data-change-id="${CSS.escape(id)}"]`);
  if (!el) throw new Error(`No passage is marked with data-change-id="${id}".`);
  return el;
}

/** Whether an element is (at least partly) inside the scroll area's visible box. */
function inView(el: HTMLElement): boolean {
  const area = agreementElement().getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return box.bottom > area.top && box.top < area.bottom;
}

/** Whether an element is (at least partly) inside the window's visible box. */
function onScreen(el: HTMLElement): boolean {
  const box = el.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}

/**
 * Waits until the passage on screen from the start has counted as seen: the observers start a
 * frame or two after mounting, and a test scrolls faster than anyone reads.
 */
async function settled() {
  await expect.element(passage(MARKED[0]!.id)).toHaveAttribute('data-change-seen', '');
}

async function acceptNow(m: ClickwrapMessages = en) {
  await userEvent.click(ui(m).assent());
  await expect.element(ui(m).accept()).not.toHaveAttribute('aria-disabled');
  await userEvent.click(ui(m).accept());
  await expect.element(ui(m).status()).toBeVisible();
}

async function emulateMedia(media: string, features: Array<{ name: string; value: string }> = []) {
  await cdp().send('Emulation.setEmulatedMedia', { media, features });
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});

afterEach(async () => {
  await emulateMedia('');
  await cdp().send('Emulation.setTimezoneOverride', { timezoneId: '' });
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('re-consent', () => {
  describe('given the version the person accepted before', () => {
    it('says the agreement was updated, and when, as a calendar date in the UI language', async () => {
      // West of UTC, new Date('2025-06-01') is the evening of 31 May: the notice must not shift.
      await cdp().send('Emulation.setTimezoneOverride', { timezoneId: 'America/Los_Angeles' });
      await renderPage();
      const notice = ui().notice();
      await expect.element(notice).toHaveTextContent('Updated on June 1, 2025.');
      await expect.element(notice).toHaveTextContent('You accepted version 2024-05-01 on May 2, 2024.');
      expect(notice.element().querySelector('time')?.getAttribute('dateTime')).toBe('2025-06-01');
      await expect.element(page.getByText(format(en.reconsentDescription, { count: 1 }))).toBeVisible();
      expect(document.querySelector('[data-theme]')?.hasAttribute('data-reconsent')).toBe(true);
    });

    it('asks for each document to be read when another document is shown beside the changed one', async () => {
      const privacy = parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });
      const { screen } = await renderPage({ documents: [{ agreement: privacy }] });
      await expect
        .element(
          page.getByText(
            'The agreement has changed since you accepted it. Review what changed, read each document to the end, then accept them to continue.',
            { exact: true },
          ),
        )
        .toBeVisible();
      expect(page.getByText(format(en.reconsentDescription, { count: 1 })).query()).toBeNull();
      await screen.unmount();
      // Reading only the changes, the other document is still to be read.
      await renderModal({ documents: [{ agreement: privacy }], reconsentReading: 'changes' });
      await expect
        .element(page.getByRole('dialog'))
        .toHaveAccessibleDescription(
          'The agreement has changed since you accepted it. Read its changed passages and the other documents, then accept them to continue.',
        );
    });

    it('says how a passage whose words are the same changed: here, where its link leads', async () => {
      const version = (n: number, year: number) =>
        parseAgreement({
          id: 'terms',
          version: String(n),
          markdown: `# Terms\n\nYou accept the [Privacy Policy](https://example.com/privacy-${year}).\n\nThe rest stays.\n`,
        });
      await render(
        <ClickwrapPage
          agreement={version(2, 2025)}
          previous={{ agreement: version(1, 2023) }}
          signer={SIGNER}
          onAccept={vi.fn()}
          theme="light"
        />,
      );
      await expect.element(ui().changes().getByText(en.changeShownDifferently)).toBeVisible();
      expect(ui().changeItems()).toHaveLength(1);
    });

    it('formats the date for the UI language (Chinese)', async () => {
      await cdp().send('Emulation.setTimezoneOverride', { timezoneId: 'Pacific/Honolulu' });
      await renderPage({ messages: zhCN });
      await expect.element(ui(zhCN).notice()).toHaveTextContent('更新日期：2025年6月1日。');
    });

    it('lists the five changes, in document order, with their counts', async () => {
      await renderPage();
      const region = ui().changes();
      await expect
        .element(region)
        .toHaveTextContent(format(en.changesCount, { changed: 3, added: 1, removed: 1 }));
      await expect.element(region).toHaveTextContent(en.changesKeyClauses);
      const items = ui().changeItems();
      expect(items.map((li) => li.dataset.change)).toEqual(FIVE_CHANGES.map((e) => e.kind));
      // A changed clause shows its words, deleted and inserted, each announced as such.
      const edited = items[2]!;
      expect(edited.querySelector('del')?.textContent).toBe(`${en.wordsDeleted} guarantee`);
      expect(edited.querySelector('ins')?.textContent).toBe(`${en.wordsInserted} warrant`);
      // A removed clause shows its previous text, and where it was.
      const removed = items[4]!;
      expect(removed.querySelector('del')?.textContent).toContain('Lottery with prizes and gambling games;');
      expect(removed.textContent).toContain(
        format(en.changeRemovedFrom, { section: 'V. Rights and Obligations' }),
      );
    });

    it('jumps to each change: the agreement scrolls to it and focus moves to it', async () => {
      await renderPage();
      const area = agreementElement();
      area.style.scrollBehavior = 'auto';
      const buttons = ui()
        .changeItems()
        .map((li) => li.querySelector('button')!);
      expect(buttons).toHaveLength(5);
      // From the end backwards, so every jump has to move the area.
      for (const [i, edit] of [...FIVE_CHANGES.entries()].reverse()) {
        const button = buttons[i]!;
        await userEvent.click(button);
        const target =
          edit.kind === 'removed'
            ? area.querySelector<HTMLElement>('[data-section="v-rights-and-obligations"]')!
            : passage(edit.id);
        expect(document.activeElement, edit.label).toBe(target);
        expect(area.contains(target)).toBe(true);
        await expect.poll(() => inView(target), { message: edit.label }).toBe(true);
        expect(button.getAttribute('aria-controls')).toBe(target.id);
      }
    });

    it('has every passage and section its list of changes points at in the page, even with the text in parts', async () => {
      // Batches of parts are mounted from setTimeout: held back, so only re-consent itself could
      // have mounted the later sections the list links to.
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        await renderPage();
        await expect.poll(() => ui().changeItems().length).toBe(5);
        const controlled = ui()
          .changeItems()
          .map((li) => li.querySelector('button')!.getAttribute('aria-controls'));
        expect(controlled.every(Boolean)).toBe(true);
        expect(controlled.filter((id) => !document.getElementById(id!))).toEqual([]);
        expect(agreementElement().querySelectorAll('[data-pending]')).toHaveLength(0);
      } finally {
        vi.useRealTimers();
      }
    });

    it('marks the added and changed passages in the text, with words for screen readers', async () => {
      await renderPage();
      const area = agreementElement();
      const marked = [...area.querySelectorAll<HTMLElement>('[data-change]')];
      expect(marked.map((el) => [el.dataset.changeId, el.dataset.change])).toEqual(
        MARKED.map((edit) => [edit.id, edit.kind]),
      );
      for (const [i, el] of marked.entries()) {
        const edit = MARKED[i]!;
        const prefix = edit.kind === 'added' ? en.changeMarkerAdded : en.changeMarkerChanged;
        expect(el.textContent?.startsWith(`${prefix} `), edit.label).toBe(true);
        // A visible badge too, so the mark is not colour alone (with empty alt text).
        const badge = getComputedStyle(el, '::before').content;
        expect(badge).toContain(edit.kind === 'added' ? en.changeAdded : en.changeChanged);
        // Key clauses stay key clauses.
        expect(el.hasAttribute('data-key-clause'), edit.label).toBe(edit.isKeyClause);
        expect(el.getAttribute('tabindex')).toBe('-1');
      }
      // The accessible text of a marked passage begins with the marker.
      await expect
        .element(page.getByText(`${en.changeMarkerChanged} 1.1 Any copying`, { exact: false }))
        .toBeInTheDocument();
    });

    it('records the version it replaces in the receipt, which verifies against the new text', async () => {
      const { onAccept } = await renderPage();
      // As a reader would: the first change, on screen from the start, is seen before scrolling.
      await settled();
      await readAll();
      await acceptNow();
      const receipt = onAccept.mock.calls[0]![0];
      expect(receipt.replaces).toEqual({
        version: '2024-05-01',
        receiptId: PREVIOUS.receiptId,
        changeKind: 'material',
      });
      expect(receipt.agreement.version).toBe('2025-06-01');
      // The whole text was required; reading it through also put every change on screen.
      expect(receipt.reading).toMatchObject({
        required: 'whole',
        reachedEnd: true,
        changesTotal: MARKED.length,
      });
      expect([...receipt.reading.changesSeen].sort()).toEqual(MARKED.map((c) => c.id).sort());
      expect(await verifyReceipt(receipt, current.markdown, { version: '2025-06-01' })).toEqual({
        ok: true,
        problems: [],
      });
      const old = await verifyReceipt(receipt, accepted.markdown);
      expect(old.problems.map((p) => p.code)).toEqual(['agreement-mismatch']);
    });
  });

  describe('given the version accepted before only after mount (the last consent loaded late)', () => {
    const page2 = (previous: ClickwrapPreviousConsent | null, onAccept: ClickwrapPageProps['onAccept']) => (
      <ClickwrapPage
        agreement={current}
        previous={previous}
        signer={SIGNER}
        onAccept={onAccept}
        theme="light"
      />
    );

    it('keeps what was read and ticked, then shows what changed, and links the receipt', async () => {
      const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
      const screen = await render(page2(null, onAccept));
      await readAll();
      await userEvent.click(ui().assent());
      await screen.rerender(page2(PREVIOUS, onAccept));
      await expect.element(ui().notice()).toBeVisible();
      await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
      await expect.element(ui().assent()).toBeChecked();
      await userEvent.click(ui().accept());
      await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
      expect(onAccept.mock.calls[0]![0].replaces).toMatchObject({
        version: accepted.version,
        receiptId: PREVIOUS.receiptId,
      });
    });

    it('in the modal, keeps the dialog and what was read in it', async () => {
      const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
      const modal = (previous: ClickwrapPreviousConsent | null) => (
        <ClickwrapModal
          agreement={current}
          previous={previous}
          signer={SIGNER}
          onAccept={onAccept}
          defaultOpen
          theme="light"
        />
      );
      const screen = await render(modal(null));
      await readAll();
      await userEvent.click(ui().assent());
      await screen.rerender(modal(PREVIOUS));
      await expect
        .element(page.getByRole('dialog').getByRole('region', { name: en.reconsentHeading }))
        .toBeVisible();
      await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
      await expect.element(ui().assent()).toBeChecked();
      await userEvent.click(ui().accept());
      await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
      expect(onAccept.mock.calls[0]![0].replaces).toMatchObject({ version: accepted.version });
    });

    it('keeps focus on the passage it was on (reached from a summary or the contents), now marked', async () => {
      const modal = (previous: ClickwrapPreviousConsent | null) => (
        <ClickwrapModal
          agreement={current}
          previous={previous}
          signer={SIGNER}
          onAccept={vi.fn()}
          defaultOpen
          theme="light"
        />
      );
      // II 2.4, a key clause the new version changes: the key-clause summary moves focus to it.
      const keyClause = () =>
        page
          .getByRole('region', { name: en.keyClausesHeading })
          .getByRole('button', { name: /The Software is provided as is/ });
      for (const [layout, view] of [
        ['page', (p: ClickwrapPreviousConsent | null) => page2(p, vi.fn())],
        ['modal', modal],
      ] as const) {
        const screen = await render(view(null));
        await userEvent.click(keyClause());
        const before = document.activeElement!;
        expect(before.id, layout).toMatch(/clause-2-scope-of-software-licenses--2-4$/);
        await screen.rerender(view(PREVIOUS));
        await expect.element(ui().changes()).toBeVisible();
        // The passage is drawn anew with its mark: focus is on it, not on the page or the dialog.
        const marked = passage('2-scope-of-software-licenses--2-4');
        expect(marked.id, layout).toBe(before.id);
        expect(document.activeElement, layout).toBe(marked);
        await screen.unmount();
      }
      // A section heading, reached from the table of contents, likewise.
      const screen = await render(page2(null, vi.fn()));
      await userEvent.click(
        page
          .getByRole('navigation', { name: en.tocLabel })
          .getByRole('link', { name: '1. Declaration of intellectual property rights' }),
      );
      const heading = document.activeElement!;
      expect(heading.tagName).toMatch(/^H\d$/);
      await screen.rerender(page2(PREVIOUS, vi.fn()));
      await expect.element(ui().changes()).toBeVisible();
      expect(document.activeElement?.id).toBe(heading.id);
      expect(document.activeElement?.isConnected).toBe(true);
    });

    it('keeps a delivery under way: one receipt, and its outcome is shown', async () => {
      let deliver!: () => void;
      const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<void>>(
        () => new Promise<void>((resolve) => (deliver = resolve)),
      );
      const screen = await render(page2(null, onAccept));
      await readAll();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      const sending = page.getByRole('status').filter({ hasText: en.submitting });
      await expect.element(sending).toBeVisible();
      await screen.rerender(page2(PREVIOUS, onAccept));
      await expect.element(ui().notice()).toBeVisible();
      await expect.element(sending).toBeVisible();
      await userEvent.click(ui().accept(), { force: true });
      deliver();
      await expect.element(ui().status()).toBeVisible();
      expect(onAccept).toHaveBeenCalledTimes(1);
      // Made before the re-consent was shown, the receipt replaces nothing: it records what was.
      expect(onAccept.mock.calls[0]![0].replaces).toBeNull();
    });
  });

  describe('reading only the changes (reconsentReading="changes")', () => {
    it('keeps Accept unavailable until each changed passage has been on screen, not the end', async () => {
      const { onAccept } = await renderPage({ reconsentReading: 'changes' });
      await expect
        .element(page.getByText(format(en.reconsentDescriptionChanges, { count: 1 })))
        .toBeVisible();
      const area = agreementElement();
      area.style.scrollBehavior = 'auto';
      await userEvent.click(ui().assent());
      const reason = () =>
        [...document.querySelectorAll('.rcw-missing li')].map((li) => li.textContent ?? '');
      // Only the changes are asked for, not the end of the agreement.
      await expect.poll(reason).toEqual([expect.stringMatching(/^Read every changed passage/)]);
      expect(reason().join()).not.toContain(en.reasons.scrollToEnd);

      const buttons = ui()
        .changeItems()
        .filter((li) => li.dataset.change !== 'removed')
        .map((li) => li.querySelector('button')!);
      expect(buttons).toHaveLength(MARKED.length);
      for (const [i, button] of buttons.entries()) {
        await expect.element(ui().accept()).toHaveAttribute('aria-disabled', 'true');
        await userEvent.click(button);
        const el = passage(MARKED[i]!.id);
        await expect.element(el).toHaveAttribute('data-change-seen', '');
        await expect.element(button.closest('li')!).toHaveAttribute('data-seen', '');
      }
      await expect.element(ui().accept()).not.toHaveAttribute('aria-disabled');
      expect(area.hasAttribute('data-reached-end')).toBe(false);
      await expect
        .element(ui().changes())
        .toHaveTextContent(format(en.changesSeenCount, { seen: 4, total: 4 }));

      await userEvent.click(ui().accept());
      await expect.element(ui().status()).toBeVisible();
      const receipt = onAccept.mock.calls[0]![0];
      // The receipt says only the changes had to be read, and that all of them were; the end
      // was not reached, and it says so.
      expect(receipt.reading).toMatchObject({
        required: 'changes',
        reachedEnd: false,
        reachedEndAt: null,
        changesTotal: MARKED.length,
      });
      expect([...receipt.reading.changesSeen].sort()).toEqual(MARKED.map((c) => c.id).sort());
      expect(receipt.replaces).toEqual({
        version: '2024-05-01',
        receiptId: PREVIOUS.receiptId,
        changeKind: 'material',
      });
      expect((await verifyReceipt(receipt, current.markdown)).ok).toBe(true);
    });

    it('announces, once, that every changed passage has been read, as the end is announced', async () => {
      await renderPage({ reconsentReading: 'changes', documents: [{ agreement: privacy() }] });
      await expect.element(ui().changes()).toBeVisible();
      await settled();
      const announced = () => ui().changes().getByRole('status');
      const done = format(en.changesSeenCount, { seen: MARKED.length, total: MARKED.length });
      // Present (empty) from the start, so the one change is announced.
      await expect.element(announced()).toBeEmptyDOMElement();
      const buttons = ui()
        .changeItems()
        .filter((li) => li.dataset.change !== 'removed')
        .map((li) => li.querySelector('button')!);
      for (const [i, button] of buttons.entries()) {
        button.focus();
        await userEvent.keyboard('{Enter}');
        await expect.element(button.closest('li')!).toHaveAttribute('data-seen', '');
        if (i < buttons.length - 1) await expect.element(announced()).toBeEmptyDOMElement();
      }
      await expect.element(announced()).toHaveTextContent(done);
      // Said by this status alone (the list of what is missing just drops the line).
      const live = [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')];
      expect(live.filter((el) => el.textContent?.includes(done))).toHaveLength(1);
      // Read through, the region says it once too: the visible count is hidden from screen readers.
      const visibleCount = ui().changes().getByText(done, { exact: true }).elements();
      expect(visibleCount.map((el) => el.closest('[aria-hidden="true"]') !== null)).toEqual([true, false]);
      await expectNoAxeViolations(document.body, 'every change read');
    });

    it('announces nothing of the changes read when the whole text is to be read', async () => {
      await renderPage();
      await expect.element(ui().changes()).toBeVisible();
      await settled();
      await readAll();
      await expect
        .element(ui().changes())
        .toHaveTextContent(format(en.changesSeenCount, { seen: MARKED.length, total: MARKED.length }));
      expect(ui().changes().getByRole('status').query()).toBeNull();
    });

    it('shows the passage a jump goes to, even after the other document was scrolled into view', async () => {
      for (const layout of ['page', 'modal'] as const) {
        const props = { reconsentReading: 'changes', documents: [{ agreement: privacy() }] } as const;
        const { screen } = layout === 'page' ? await renderPage(props) : await renderModal(props);
        await expect.element(ui().changes()).toBeVisible();
        await settled();
        // By keyboard, from the agreement: the next Tab stop is the privacy policy, which the
        // browser scrolls into view (the agreement out of it), then on to the list of changes.
        agreementElement().focus();
        await tabUntil((el) => el?.getAttribute('aria-label')?.startsWith(privacy().title) ?? false);
        const edit = MARKED[1]!;
        const button = await tabUntil((el) => el?.getAttribute('aria-controls')?.endsWith(edit.id) ?? false);
        await userEvent.keyboard('{Enter}');
        const target = passage(edit.id);
        expect(document.activeElement, layout).toBe(target);
        // On screen, not only inside the agreement's own scroll box: a sighted person sees where
        // focus went, and the passage counts as read.
        await expect.poll(() => inView(target) && onScreen(target), { message: layout }).toBe(true);
        await expect.element(target).toHaveAttribute('data-change-seen', '');
        await expect.element(button.closest('li')!).toHaveAttribute('data-seen', '');
        await screen.unmount();
      }
    });

    it('keeps what was read when the app re-renders with a new `previous` object', async () => {
      function App() {
        const [renders, setRenders] = useState(0);
        return (
          <>
            <header>
              <button type="button" onClick={() => setRenders((n) => n + 1)}>
                Re-render ({renders})
              </button>
            </header>
            <ClickwrapPage
              agreement={current}
              // A new object on every render, as apps write it.
              previous={{
                agreement: accepted,
                acceptedAt: PREVIOUS.acceptedAt,
                receiptId: PREVIOUS.receiptId,
              }}
              reconsentReading="changes"
              signer={SIGNER}
              onAccept={() => {}}
            />
          </>
        );
      }
      await render(<App />);
      await settled();
      // Read two more, so two of the three read are off screen by now.
      for (const li of ui().changeItems().slice(1, 3)) {
        await userEvent.click(li.querySelector('button')!);
        await expect.element(li).toHaveAttribute('data-seen', '');
      }
      const count = format(en.changesSeenCount, { seen: 3, total: 4 });
      await expect.element(ui().changes()).toHaveTextContent(count);
      const before = passage(MARKED[0]!.id);
      expect(inView(before)).toBe(false);
      await userEvent.click(page.getByRole('button', { name: /Re-render/ }));
      await userEvent.click(page.getByRole('button', { name: /Re-render/ }));
      await expect.element(page.getByRole('button', { name: 'Re-render (2)' })).toBeVisible();
      await expect.element(ui().changes()).toHaveTextContent(count);
      expect(passage(MARKED[0]!.id)).toBe(before);
      expect(before.hasAttribute('data-change-seen')).toBe(true);
    });

    it('reads as the whole agreement when nothing was added or changed (only removals)', async () => {
      const onlyRemoval = parseAgreement({
        id: accepted.id,
        version: '2025-07-01',
        markdown: accepted.markdown.replace(/^ {2}- 5\\\) Lottery with prizes and gambling games;\n\n/m, ''),
      });
      await renderPage({ agreement: onlyRemoval, reconsentReading: 'changes' });
      await expect.element(ui().changes()).toHaveAttribute('data-reading', 'whole');
      await userEvent.click(ui().assent());
      await expect.element(page.getByText(en.reasons.scrollToEnd)).toBeVisible();
      expect(
        ui()
          .changeItems()
          .map((li) => li.dataset.change),
      ).toEqual(['removed']);
      // No date to show: the notice says it was updated, without one.
      await expect.element(ui().notice()).toHaveTextContent(en.reconsentUpdated);
    });
  });

  describe('a copy of what was agreed to', () => {
    it('shows Download and Print only once the consent is recorded', async () => {
      await renderPage({ reconsentReading: 'changes' });
      await expect.element(ui().notice()).toBeVisible();
      expect(document.querySelector('[data-action="download"]')).toBeNull();
      await settled();
      await readAll();
      await acceptNow();
      await expect.element(ui().download()).toBeVisible();
      await expect.element(ui().print()).toBeVisible();
    });

    it('downloads the agreement exactly as hashed, with the receipt, built on click', async () => {
      const createObjectURL = vi.spyOn(URL, 'createObjectURL');
      const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL');
      const { onAccept } = await renderPage();
      await readAll();
      await acceptNow();
      expect(createObjectURL).not.toHaveBeenCalled();

      // Keep the browser from saving the file; record the link that was followed.
      const followed: HTMLAnchorElement[] = [];
      const intercept = (event: MouseEvent) => {
        if (event.target instanceof HTMLAnchorElement && event.target.hasAttribute('download')) {
          followed.push(event.target);
          event.preventDefault();
        }
      };
      document.addEventListener('click', intercept, true);
      try {
        await userEvent.click(ui().download());
      } finally {
        document.removeEventListener('click', intercept, true);
      }

      const receipt = onAccept.mock.calls[0]![0];
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      const blob = createObjectURL.mock.calls[0]![0] as Blob;
      expect(blob.type).toBe('text/markdown;charset=utf-8');
      const text = await blob.text();
      expect(text.startsWith(current.markdown)).toBe(true);
      expect(text).toContain(receipt.receiptId);
      expect(text).toContain(`## ${en.copyReceiptHeading}`);
      expect(followed).toHaveLength(1);
      expect(followed[0]!.download).toBe(`instadesk-terms-2025-06-01-${receipt.receiptId}.md`);
      expect(followed[0]!.href).toBe(createObjectURL.mock.results[0]!.value);
      // The link is gone; the URL is released later, not before the browser reads it.
      expect(followed[0]!.isConnected).toBe(false);
      expect(revokeObjectURL).not.toHaveBeenCalled();
    });

    it('prints the whole agreement and the receipt, without the controls or the page around', async () => {
      const print = vi.spyOn(window, 'print').mockImplementation(() => {});
      const { onAccept } = await renderPage({ theme: 'dark' });
      await readAll();
      await acceptNow();
      await userEvent.click(ui().print());
      expect(print).toHaveBeenCalledTimes(1);
      const root = document.querySelector<HTMLElement>('.rcw-root')!;
      expect(root.hasAttribute('data-printing')).toBe(true);

      await emulateMedia('print');
      const area = agreementElement();
      const style = getComputedStyle(area);
      expect(style.overflowY).toBe('visible');
      expect(style.maxHeight).toBe('none');
      // The whole text is laid out: nothing scrolls.
      expect(area.scrollHeight).toBeLessThanOrEqual(area.clientHeight + 1);
      for (const el of root.querySelectorAll('button')) {
        expect(el.checkVisibility(), el.textContent ?? '').toBe(false);
      }
      const receipt = onAccept.mock.calls[0]![0];
      const summary = root.querySelector<HTMLElement>('[data-print-only]')!;
      expect(getComputedStyle(summary).display).toBe('block');
      expect(summary.textContent).toContain(receipt.receiptId);
      expect(summary.textContent).toContain(receipt.agreement.sha256);
      // Dark text on paper, whatever the theme on screen.
      expect(getComputedStyle(root).color).toBe('rgb(0, 0, 0)');
      expect(document.getElementById('outside')!.checkVisibility()).toBe(false);

      // On screen the summary is hidden (the status shows the receipt id).
      await emulateMedia('screen');
      expect(getComputedStyle(summary).display).toBe('none');
      window.dispatchEvent(new Event('afterprint'));
      expect(root.hasAttribute('data-printing')).toBe(false);
    });

    it('works in the modal too (when it stays open after accepting)', async () => {
      const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:stub');
      const prevent = (event: MouseEvent) => {
        if (event.target instanceof HTMLAnchorElement) event.preventDefault();
      };
      document.addEventListener('click', prevent, true);
      try {
        await renderModal({ reconsentReading: 'changes' });
        await expect
          .element(page.getByRole('dialog'))
          .toHaveAccessibleDescription(format(en.reconsentDescriptionChanges, { count: 1 }));
        await settled();
        await readAll();
        await acceptNow();
        // Accepted, the line under the title no longer asks to read the changes and accept.
        await expect
          .element(page.getByRole('dialog'))
          .toHaveAccessibleDescription(format(en.descriptionAccepted, { count: 1 }));
        await userEvent.click(ui().download());
        expect(createObjectURL).toHaveBeenCalledTimes(1);
        // Focus stays in the dialog.
        expect(page.getByRole('dialog').element().contains(document.activeElement)).toBe(true);
      } finally {
        document.removeEventListener('click', prevent, true);
      }
    });
  });

  describe('accessibility', () => {
    it('has no axe violations in re-consent (light; dark and right-to-left; Chinese), before and after accepting', async () => {
      const { screen } = await renderPage({ reconsentReading: 'changes' });
      await expect.element(ui().notice()).toBeVisible();
      await expectNoAxeViolations(document.body, 'page, light');
      await userEvent.click(ui().changeItems()[2]!.querySelector('button')!);
      await expectNoAxeViolations(document.body, 'page, light, after a jump');
      await screen.unmount();

      await renderPage({ theme: 'dark', dir: 'rtl', reconsentReading: 'changes' });
      await expect.element(ui().notice()).toBeVisible();
      await expectNoAxeViolations(document.body, 'page, dark, rtl');
      await settled();
      await readAll();
      await acceptNow();
      await expect.element(ui().download()).toBeVisible();
      await expectNoAxeViolations(document.body, 'page, dark, rtl, accepted');
    });

    it('has no axe violations in the modal, light and dark right-to-left, in Chinese', async () => {
      const { screen } = await renderModal({ messages: zhCN });
      await expect.element(ui(zhCN).notice()).toBeVisible();
      await expectNoAxeViolations(document.body, 'modal, light, zh-CN');
      await screen.unmount();
      await renderModal({ theme: 'dark', dir: 'rtl' });
      await expect.element(ui().notice()).toBeVisible();
      await expectNoAxeViolations(document.body, 'modal, dark, rtl');
      await readAll();
      await acceptNow();
      await expectNoAxeViolations(document.body, 'modal, dark, rtl, accepted');
    });

    it('shows focus on every control and on the passage a link moves to; targets are 24 px or more', async () => {
      await renderPage({ theme: 'dark' });
      await settled();
      const controls = [...document.querySelectorAll<HTMLElement>('.rcw-changes button')];
      expect(controls).toHaveLength(5);
      for (const el of controls) {
        const box = el.getBoundingClientRect();
        expect(box.width).toBeGreaterThanOrEqual(24);
        expect(box.height).toBeGreaterThanOrEqual(24);
      }
      const first = controls[0]!;
      first.focus();
      await userEvent.keyboard('{Tab}');
      expect(document.activeElement).toBe(controls[1]);
      expect(getComputedStyle(controls[1]!).outlineStyle).not.toBe('none');
      await userEvent.keyboard('{Enter}');
      const target = passage(MARKED[1]!.id);
      expect(document.activeElement).toBe(target);
      const style = getComputedStyle(target);
      expect(style.outlineStyle).not.toBe('none');
      expect(parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);

      await readAll();
      await acceptNow();
      // The copy buttons are full-size buttons (their focus ring is every button's).
      for (const button of [ui().download(), ui().print()]) {
        expect(button.element().getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
      }
    });

    it('keeps its marks right-to-left: bars and badges sit on the logical sides', async () => {
      await renderPage({ dir: 'rtl' });
      const el = passage(MARKED[1]!.id);
      const style = getComputedStyle(el);
      // The agreement keeps its own direction (English: left to right), so a passage's bar, on
      // its inline end, is on the right; the UI's notice, right to left, has its bar on the right
      // too, at its inline start.
      expect(el.closest('[dir="auto"]')).not.toBeNull();
      expect(parseFloat(style.borderRightWidth)).toBe(4);
      expect(parseFloat(style.borderLeftWidth)).toBe(0);
      const notice = ui().notice().element();
      expect(parseFloat(getComputedStyle(notice).borderRightWidth)).toBe(4);
      expect(parseFloat(getComputedStyle(notice).borderLeftWidth)).toBe(1);
    });
  });

  describe('built from the parts (a custom layout)', () => {
    it('shows the notice, the changes and the copy actions, and records what it replaces', async () => {
      const onAccept = vi.fn<(r: ConsentReceipt) => void>();
      await render(
        <ClickwrapRoot
          agreement={current}
          previous={{ agreement: accepted }}
          signer={SIGNER}
          onAccept={onAccept}
          reconsentReading="changes"
        >
          <ReconsentNotice />
          <ChangeSummary />
          <AgreementView style={{ blockSize: 300 }} />
          <AssentControls />
          <CopyActions />
        </ClickwrapRoot>,
      );
      await expect.element(ui().notice()).toHaveTextContent('You accepted version 2024-05-01.');
      expect(ui().changeItems()).toHaveLength(5);
      for (const li of ui().changeItems()) {
        if (li.dataset.change === 'removed') continue;
        await userEvent.click(li.querySelector('button')!);
        await expect.element(li).toHaveAttribute('data-seen', '');
      }
      await acceptNow();
      expect(onAccept.mock.calls[0]![0].replaces).toEqual({
        version: '2024-05-01',
        receiptId: null,
        changeKind: 'material',
      });
      await expect.element(ui().download()).toBeVisible();
    });

    it('renders nothing of re-consent for a first consent', async () => {
      await render(
        <ClickwrapRoot agreement={accepted} signer={SIGNER} onAccept={() => {}}>
          <ReconsentNotice />
          <ChangeSummary />
          <AgreementView style={{ blockSize: 300 }} />
        </ClickwrapRoot>,
      );
      await expect.element(page.getByRole('region', { name: /full text/ })).toBeVisible();
      expect(document.querySelector('.rcw-notice, .rcw-changes, [data-change]')).toBeNull();
      expect(document.querySelector('[data-theme]')?.hasAttribute('data-reconsent')).toBe(false);
    });

    it('throws a clear message when `previous` is another agreement', async () => {
      // React reports the error the boundary catches; that report is expected here.
      vi.mocked(console.error).mockImplementation(() => {});
      const other = parseAgreement({ id: 'privacy', version: '1', markdown: '# Privacy\n\nText.\n' });
      await render(
        <Boundary>
          <ClickwrapRoot
            agreement={current}
            previous={{ agreement: other }}
            signer={SIGNER}
            onAccept={() => {}}
          />
        </Boundary>,
      );
      await expect
        .element(page.getByRole('alert'))
        .toHaveTextContent('`previous.agreement` is "privacy" but `agreement` is "instadesk-terms"');
      vi.mocked(console.error).mockClear();
    });
  });
});

describe('compactWords', () => {
  it('keeps a few words around each change and spells the changes in full', () => {
    const words = [
      { kind: 'equal', text: 'one two three four five six seven eight ' },
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: 'new' },
      { kind: 'equal', text: ' a b c d e f g h i j k l m n o p ' },
      { kind: 'added', text: 'more' },
      { kind: 'equal', text: ' x y z w v u t s.' },
    ] as const;
    expect(compactWords(words, 2).map((w) => w.text)).toEqual([
      '…seven eight ',
      'old',
      'new',
      ' a b … o p ',
      'more',
      ' x y…',
    ]);
    expect(compactWords(words, 100)).toEqual(words);
  });

  it('cuts text without spaces by characters', () => {
    const words = [
      { kind: 'equal', text: '本协议的内容以及我们已经发布的或将来可能发布的各类规则' },
      { kind: 'removed', text: '不可分割' },
      { kind: 'added', text: '组成' },
    ] as const;
    // One "word" kept: at most ten characters.
    expect(compactWords(words, 1)[0]!.text).toBe('…来可能发布的各类规则');
  });
});
