'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import privacyMarkdown from '../../agreements/example-privacy-policy.md?raw';
import { parseAgreement } from '../core/agreement';
import { AGREEMENT_COPY_END } from '../core/copy';
import { hashAgreement } from '../core/hash';
import { receiptDocuments, verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { Profiler } from 'react';
import { AgreementView } from './agreement-view';
import { AssentControls } from './assent-controls';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapRoot } from './root';
import { DocumentScope } from './document-scope';
import { KeyClauseSummary } from './key-clause-summary';
import { ReadingProgress } from './reading-progress';
import { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
import { en, format } from '../messages';
import {
  agreement,
  AlertBoundary,
  expectNoAxeViolations,
  frames,
  isLabelled,
  press,
  SIGNER,
  tabUntil,
  terms,
} from './test-utils.test-utils';

const privacy = parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });
const MARKETING = { id: 'marketing-email', label: 'Send me product news by e-mail.' };
const RESEARCH = { id: 'research', label: 'Invite me to user research sessions.' };

const assentName = format(en.assentLabel, {
  title: `the ${agreement.title} and the ${privacy.title}`,
});

function region(title: string) {
  return page.getByRole('region', { name: format(en.agreementLabel, { title }), exact: true });
}

/** Scrolls a document's region to its end, in steps. */
async function readThrough(title: string): Promise<void> {
  const area = region(title).element() as HTMLElement;
  // On screen first, as for a reader: clauses count as seen only while visible.
  area.scrollIntoView({ block: 'center', behavior: 'instant' });
  area.style.scrollBehavior = 'auto';
  for (let top = 0; top < area.scrollHeight; top += Math.max(40, area.clientHeight / 3)) {
    area.scrollTop = top;
    await frames(2);
  }
  area.scrollTop = area.scrollHeight;
  await expect.element(region(title)).toHaveAttribute('data-reached-end', '');
  area.style.scrollBehavior = '';
}

async function setup(props: Partial<ClickwrapPageProps> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
  const screen = await render(
    <ClickwrapPage
      agreement={agreement}
      documents={[{ agreement: privacy }]}
      optionalConsents={[MARKETING, RESEARCH]}
      signer={SIGNER}
      onAccept={onAccept}
      {...props}
    />,
  );
  return { screen, onAccept };
}

const accept = () => page.getByRole('button', { name: en.accept, exact: true });
const assent = () => page.getByRole('checkbox', { name: assentName });
const optional = (label: string) => page.getByRole('checkbox', { name: label });

/** Renders the page, reads both documents to the end, agrees and accepts; returns the receipt. */
async function readBothAndAccept(): Promise<ConsentReceipt> {
  const { onAccept } = await setup();
  await readThrough(agreement.title);
  await readThrough(privacy.title);
  await userEvent.click(assent());
  await userEvent.click(accept());
  await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
  return onAccept.mock.calls[0]![0];
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('several documents in one flow', () => {
  it('shows each document in its own named region, with its own progress and key clauses', async () => {
    await setup();
    await expect.element(region(agreement.title)).toBeVisible();
    await expect.element(region(privacy.title)).toBeVisible();
    await expect
      .element(page.getByRole('heading', { name: privacy.title, exact: true }).first())
      .toBeVisible();
    await expect
      .element(page.getByRole('progressbar', { name: `Reading progress: ${privacy.title}` }))
      .toHaveAttribute('aria-valuenow', '0');
    await expect
      .element(page.getByRole('heading', { name: `${privacy.title}: terms that limit your rights` }))
      .toBeVisible();
    // The privacy policy's three bold clauses are highlighted inside its own region.
    const privacyArea = region(privacy.title).element();
    expect(privacyArea.querySelectorAll('[data-key-clause]')).toHaveLength(privacy.keyClauses.length);
    expect(privacy.keyClauses).toHaveLength(3);
    await expect.element(assent()).toBeVisible();
  });

  it('gates Accept on reaching the end of every document, and says which one is left', async () => {
    const { onAccept } = await setup();
    await userEvent.click(assent());
    await readThrough(agreement.title);
    await expect.element(accept()).toHaveAttribute('aria-disabled', 'true');
    await expect.element(page.getByText('Scroll to the end of the Example Privacy Policy.')).toBeVisible();
    await press(accept());
    expect(onAccept).not.toHaveBeenCalled();

    await readThrough(privacy.title);
    await expect.element(accept()).not.toHaveAttribute('aria-disabled');
    await userEvent.click(accept());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
  });

  it("starts a document's reading over when its words change under the same version", async () => {
    // E.g. a corrected text, or the policy in another language, loaded under the same version.
    const corrected = parseAgreement({
      id: 'privacy-policy',
      version: '3',
      markdown: privacyMarkdown.replace(/\n\n/, '\n\nWe now share your data with **every partner**.\n\n'),
    });
    const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
    const screen = await render(
      <ClickwrapPage
        agreement={agreement}
        documents={[{ agreement: privacy }]}
        signer={SIGNER}
        onAccept={onAccept}
      />,
    );
    await readThrough(agreement.title);
    await readThrough(privacy.title);
    await userEvent.click(assent());
    await expect.element(accept()).not.toHaveAttribute('aria-disabled');

    await screen.rerender(
      <ClickwrapPage
        agreement={agreement}
        documents={[{ agreement: corrected }]}
        signer={SIGNER}
        onAccept={onAccept}
      />,
    );
    await expect.element(page.getByText('We now share your data with')).toBeInTheDocument();
    await expect.element(region(privacy.title)).not.toHaveAttribute('data-reached-end');
    // The assent was given beside the old words: it is given again, to these.
    await expect.element(assent()).not.toBeChecked();
    await expect.element(accept()).toHaveAttribute('aria-disabled', 'true');
    await expect.element(page.getByText('Scroll to the end of the Example Privacy Policy.')).toBeVisible();
    await press(accept());
    expect(onAccept).not.toHaveBeenCalled();

    const before = Date.now();
    await readThrough(privacy.title);
    await userEvent.click(assent());
    await userEvent.click(accept());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    const [doc] = onAccept.mock.calls[0]![0].additionalDocuments;
    expect(doc!.sha256).toBe(await hashAgreement(corrected.markdown));
    // The end recorded is the new text's, reached after it was shown.
    expect(Date.parse(doc!.reading.reachedEndAt!)).toBeGreaterThanOrEqual(before);
  });

  it('records every document with its own hash and reading, and verifies on a server', async () => {
    const receipt = await readBothAndAccept();

    expect(receipt.agreement.id).toBe('instadesk-terms');
    expect(receipt.reading).toMatchObject({ required: 'whole', reachedEnd: true, changesTotal: 0 });
    expect(receipt.additionalDocuments).toHaveLength(1);
    const [doc] = receipt.additionalDocuments;
    expect(doc).toMatchObject({
      id: 'privacy-policy',
      version: '3',
      title: 'Example Privacy Policy',
      replaces: null,
      reading: { required: 'whole', reachedEnd: true, keyClausesTotal: 3 },
    });
    expect([...doc!.reading.keyClausesSeen].sort()).toEqual(privacy.keyClauses.map((c) => c.id).sort());
    expect(receiptDocuments(receipt).map((d) => d.id)).toEqual(['instadesk-terms', 'privacy-policy']);

    expect(
      await verifyReceipt(receipt, terms, { additionalDocuments: { 'privacy-policy': privacyMarkdown } }),
    ).toEqual({ ok: true, problems: [] });
    // A server that served another privacy text rejects it.
    const other = await verifyReceipt(receipt, terms, {
      additionalDocuments: { 'privacy-policy': `${privacyMarkdown}\nOne more sentence.` },
    });
    expect(other.problems.map((p) => [p.code, p.path])).toEqual([
      ['agreement-mismatch', 'additionalDocuments[0].sha256'],
    ]);
  });

  it('never pre-ticks an optional consent, never requires one, and records each, granted or not', async () => {
    const { onAccept } = await setup();
    await expect.element(optional(MARKETING.label)).not.toBeChecked();
    await expect.element(optional(RESEARCH.label)).not.toBeChecked();
    await expect.element(optional(MARKETING.label)).not.toHaveAttribute('aria-required');
    await expect
      .element(page.getByRole('group', { name: en.optionalConsentsLegend }))
      .toHaveAccessibleDescription(en.optionalConsentsHint);

    await userEvent.click(optional(RESEARCH.label));
    await userEvent.click(optional(MARKETING.label));
    await userEvent.click(optional(RESEARCH.label)); // changed their mind
    await readThrough(agreement.title);
    await readThrough(privacy.title);
    await userEvent.click(assent());
    // Nothing optional is listed as missing.
    await expect.element(accept()).not.toHaveAttribute('aria-disabled');
    await userEvent.click(accept());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    const { optionalConsents } = onAccept.mock.calls[0]![0];
    expect(optionalConsents.map(({ id, label, granted }) => ({ id, label, granted }))).toEqual([
      { ...MARKETING, granted: true },
      { ...RESEARCH, granted: false },
    ]);
    // Both were touched: each records when it last changed.
    expect(optionalConsents.every((c) => typeof c.at === 'string')).toBe(true);
    // Locked once accepted: the boxes no longer change.
    await press(optional(MARKETING.label));
    await expect.element(optional(MARKETING.label)).toBeChecked();
  });

  it('records an untouched optional consent as not granted, with no time', async () => {
    const { onAccept } = await setup({ documents: [{ agreement: privacy, requireScrollToEnd: false }] });
    await readThrough(agreement.title);
    await userEvent.click(assent());
    await userEvent.click(accept());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    const receipt = onAccept.mock.calls[0]![0];
    expect(receipt.optionalConsents).toEqual([
      { ...MARKETING, granted: false, at: null },
      { ...RESEARCH, granted: false, at: null },
    ]);
    // A document that did not have to be read says so, and how far it was read.
    expect(receipt.additionalDocuments[0]!.reading).toMatchObject({ required: 'none', reachedEnd: false });
  });

  it('speaks of the documents, not of "this agreement", under the title and in what is missing', async () => {
    await setup();
    await expect
      .element(
        page.getByText('Read each document to the end, then accept them to continue.', { exact: true }),
      )
      .toBeVisible();
    await expect.element(accept()).toHaveAccessibleDescription(/Tick the box to agree to the documents\./);
    await readThrough(agreement.title);
    await readThrough(privacy.title);
    // Each document's end is announced by its own name; the agreement's as before.
    const announced = [...document.querySelectorAll('[aria-live="polite"]')].map((el) => el.textContent);
    expect(announced).toEqual(
      expect.arrayContaining([
        'You have reached the end of the agreement.',
        `You have reached the end of the ${privacy.title}.`,
      ]),
    );
    await userEvent.click(assent());
    await userEvent.click(accept());
    await expect.element(page.getByText('You accepted these documents.', { exact: true })).toBeVisible();
    expect(page.getByText('You accepted this agreement.', { exact: true }).query()).toBeNull();
  });

  it('says "these documents" in the modal kept open after declining', async () => {
    await render(
      <ClickwrapModal
        open
        closeOnDecision={false}
        agreement={agreement}
        documents={[{ agreement: privacy }]}
        signer={SIGNER}
        onAccept={async () => {}}
      />,
    );
    const dialog = page.getByRole('dialog');
    await expect
      .element(dialog)
      .toHaveAccessibleDescription('Read each document to the end, then accept them to continue.');
    await userEvent.click(dialog.getByRole('button', { name: en.decline, exact: true }));
    await expect.element(dialog).toHaveAccessibleDescription('You declined these documents.');
  });

  it('shows the clause a summary jump goes to, after the page was scrolled on to the other document', async () => {
    await setup();
    const onScreen = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight;
    };
    // Scrolled on to the privacy policy (as a Tab into it does): the Terms' box is out of sight.
    (region(privacy.title).element() as HTMLElement).scrollIntoView({ block: 'start', behavior: 'instant' });
    await frames(2);
    expect(onScreen(region(agreement.title).element())).toBe(false);
    const summary = page.getByRole('toolbar', { name: en.keyClausesHeading, exact: true });
    const last = agreement.keyClauses.at(-1)!;
    const button = summary.getByRole('button').last().element() as HTMLElement;
    button.focus({ preventScroll: true });
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.dataset.keyClause).toBe(last.id);
    // On screen, not only inside the Terms' own scroll box: a sighted person sees where focus went.
    await expect.poll(() => onScreen(document.activeElement!)).toBe(true);
  });

  it('has no axe violations with two documents and optional consents, before and after reading', async () => {
    await setup({ theme: 'light' });
    const root = document.querySelector('.rcw-root')!;
    await expectNoAxeViolations(root, 'first view');
    await readThrough(agreement.title);
    await readThrough(privacy.title);
    await userEvent.click(optional(MARKETING.label));
    await expectNoAxeViolations(root, 'read and ticked');
  });

  it(
    'works by keyboard alone in the modal: read both documents, opt in, accept',
    { timeout: 60_000 },
    async () => {
      const onAccept = vi.fn(async (_receipt: ConsentReceipt) => {});
      await render(
        <ClickwrapModal
          open
          agreement={agreement}
          documents={[{ agreement: privacy }]}
          optionalConsents={[MARKETING]}
          signer={SIGNER}
          onAccept={onAccept}
        />,
      );
      const dialog = page.getByRole('dialog');
      await expect.element(dialog).toBeVisible();
      await expectNoAxeViolations(dialog.element(), 'modal with two documents');

      // The agreement region has focus when the dialog opens: End reads it to the end.
      await expect.element(region(agreement.title)).toHaveFocus();
      await userEvent.keyboard('{End}');
      await expect.element(region(agreement.title)).toHaveAttribute('data-reached-end', '');

      await tabUntil((el) => el === region(privacy.title).element());
      await userEvent.keyboard('{End}');
      await expect.element(region(privacy.title)).toHaveAttribute('data-reached-end', '');

      await tabUntil(isLabelled(MARKETING.label));
      await userEvent.keyboard(' ');
      await tabUntil(isLabelled(assentName));
      await userEvent.keyboard(' ');
      await tabUntil(isLabelled(en.accept));
      await userEvent.keyboard('{Enter}');
      await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
      const receipt = onAccept.mock.calls[0]![0];
      expect(receipt.uiVariant).toBe('modal');
      expect(receipt.additionalDocuments.map((d) => [d.id, d.reading.reachedEnd])).toEqual([
        ['privacy-policy', true],
      ]);
      expect(receipt.optionalConsents.map((c) => c.granted)).toEqual([true]);
    },
  );

  it('offers a copy of each document as agreed, each starting with that exact text', async () => {
    const receipt = await readBothAndAccept();

    const followed: HTMLAnchorElement[] = [];
    const onClick = (event: MouseEvent) => {
      if (event.target instanceof HTMLAnchorElement && event.target.hasAttribute('download')) {
        event.preventDefault();
        followed.push(event.target);
      }
    };
    document.addEventListener('click', onClick, true);
    try {
      // One "Download copies" button holds the downloads of every document (and Print).
      await userEvent.click(page.getByRole('button', { name: en.copyMenu }));
      await userEvent.click(page.getByRole('button', { name: `Download the ${privacy.title}` }));
      await userEvent.click(page.getByRole('button', { name: `Download the ${agreement.title}` }));
    } finally {
      document.removeEventListener('click', onClick, true);
    }
    expect(followed.map((a) => a.download)).toEqual([
      `privacy-policy-3-${receipt.receiptId}.md`,
      `instadesk-terms-2024-05-01-${receipt.receiptId}.md`,
    ]);
    const text = await (await fetch(followed[0]!.href)).text();
    const shown = text.slice(0, text.lastIndexOf(`\n${AGREEMENT_COPY_END}\n`));
    expect(await hashAgreement(shown)).toBe(receipt.additionalDocuments[0]!.sha256);
  });

  it('never re-renders a document view while it is read, in a custom layout with DocumentScope', async () => {
    const onRender = vi.fn();
    await render(
      <ClickwrapRoot
        agreement={agreement}
        documents={[{ agreement: privacy }]}
        signer={SIGNER}
        onAccept={() => {}}
      >
        <DocumentScope documentId="privacy-policy">
          <ReadingProgress />
          <Profiler id="privacy" onRender={onRender}>
            <AgreementView style={{ blockSize: 240 }} />
          </Profiler>
          <KeyClauseSummary />
        </DocumentScope>
        <AssentControls />
      </ClickwrapRoot>,
    );
    await frames(5);
    onRender.mockClear();
    await readThrough(privacy.title);
    await expect
      .element(page.getByRole('progressbar', { name: `Reading progress: ${privacy.title}` }))
      .toHaveAttribute('aria-valuenow', '100');
    const seen = region(privacy.title).element().querySelectorAll('[data-key-clause][data-seen]');
    expect(seen).toHaveLength(privacy.keyClauses.length);
    await expect.element(page.getByText(format(en.keyClausesCount, { seen: 3, total: 3 }))).toBeVisible();
    // The agreement's own region is not rendered: this layout shows only the privacy policy.
    expect(
      page.getByRole('region', { name: format(en.agreementLabel, { title: agreement.title }) }).elements(),
    ).toHaveLength(0);
    expect(onRender).not.toHaveBeenCalled();
  });

  it('explains a DocumentScope for a document the root was not given', async () => {
    vi.mocked(console.error).mockImplementation(() => {});
    await render(
      <AlertBoundary>
        <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
          <DocumentScope documentId="cookies">
            <AgreementView />
          </DocumentScope>
        </ClickwrapRoot>
      </AlertBoundary>,
    );
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(
        '<DocumentScope documentId="cookies">: no such document. Pass the id of one of the root\'s `documents` (none given).',
      );
    vi.mocked(console.error).mockClear();
  });

  it('throws a clear error for two documents with one id', async () => {
    // React reports the error the boundary catches; that report is expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    await render(
      <AlertBoundary>
        <ClickwrapPage
          agreement={agreement}
          documents={[{ agreement: privacy }, { agreement: privacy }]}
          signer={SIGNER}
          onAccept={() => {}}
        />
      </AlertBoundary>,
    );
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(/"privacy-policy" is listed twice.*Give each document its own id/);
    vi.mocked(console.error).mockClear();
  });
});

describe('a document not on screen', () => {
  // Short: its whole text fits its region, so only being on screen can tell read from not.
  const cookies = parseAgreement({
    id: 'cookie-notice',
    version: '1',
    markdown: '# Cookie Notice\n\nWe use cookies.\n\n**We share cookie data with advertisers.**\n',
  });
  const cookieRegion = () => region(cookies.title);
  const cookieClause = () => cookieRegion().element().querySelector('[data-key-clause]') as HTMLElement;
  const settle = async () => {
    await frames(6);
    await new Promise((resolve) => setTimeout(resolve, 100));
  };

  it("in a modal, below its scrolling column's fold, is neither read nor its key clause seen until scrolled to", async () => {
    const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
    await render(
      <ClickwrapModal
        open
        agreement={agreement}
        documents={[{ agreement: cookies }]}
        signer={SIGNER}
        onAccept={onAccept}
      />,
    );
    const dialog = page.getByRole('dialog');
    await expect.element(dialog).toBeVisible();
    const terms = region(agreement.title).element() as HTMLElement;
    terms.style.scrollBehavior = 'auto';
    terms.scrollTop = terms.scrollHeight;
    await expect.element(region(agreement.title)).toHaveAttribute('data-reached-end', '');
    await settle();
    // Laid out, fitting its region, but clipped out of view by the column.
    const column = (cookieRegion().element() as HTMLElement).closest('.rcw-modal-main')!;
    expect(cookieClause().getBoundingClientRect().top).toBeGreaterThan(column.getBoundingClientRect().bottom);
    await expect.element(cookieRegion()).not.toHaveAttribute('data-reached-end');
    expect(cookieClause().hasAttribute('data-seen')).toBe(false);
    const agree = dialog.getByRole('checkbox', {
      name: format(en.assentLabel, { title: `the ${agreement.title} and the ${cookies.title}` }),
    });
    await userEvent.click(agree);
    await press(dialog.getByRole('button', { name: en.accept, exact: true }));
    expect(onAccept).not.toHaveBeenCalled();

    (cookieRegion().element() as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
    await expect.element(cookieRegion()).toHaveAttribute('data-reached-end', '');
    await expect.poll(() => cookieClause().hasAttribute('data-seen')).toBe(true);
    await press(dialog.getByRole('button', { name: en.accept, exact: true }));
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    expect(onAccept.mock.calls[0]![0].additionalDocuments[0]!.reading).toMatchObject({
      reachedEnd: true,
      keyClausesSeen: [cookies.keyClauses[0]!.id],
    });
  });

  it('on a page, below the fold, is not read until the page is scrolled to it', async () => {
    await setup({ documents: [{ agreement: cookies }], optionalConsents: [] });
    await settle();
    const el = cookieRegion().element() as HTMLElement;
    expect(el.getBoundingClientRect().top).toBeGreaterThan(window.innerHeight);
    await expect.element(cookieRegion()).not.toHaveAttribute('data-reached-end');
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    await expect.element(cookieRegion()).toHaveAttribute('data-reached-end', '');
  });
});
