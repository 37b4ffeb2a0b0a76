'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
import { en, format } from '../messages';
import type { ClickwrapPreviousConsent } from './reconsent-model';
import { agreement as accepted, expectNoAxeViolations, readAll, SIGNER } from './test-utils.test-utils';

/** Two plain edits (no key clause): a paragraph added to the preamble and II 1.1 reworded. */
function edited(markdown: string): string {
  const out = markdown
    .replace(/^(Welcome to use this software and services!\r?\n)/m, '$1\nThis version fixes typing errors.\n')
    .replace('is considered an infringement.', 'is considered an infringement of our rights.');
  if (out === markdown) throw new Error('The fixture found nothing to edit: the agreement text moved on.');
  return out;
}
const current = parseAgreement({
  id: accepted.id,
  version: '2025-06-01',
  effectiveDate: '2025-06-01',
  markdown: edited(accepted.markdown),
});
const EDITED = '1-declaration-of-intellectual-property-rights--1-1';

const previous = (extra: Partial<ClickwrapPreviousConsent> = {}): ClickwrapPreviousConsent => ({
  agreement: accepted,
  acceptedAt: '2024-05-02T10:00:00.000Z',
  receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
  ...extra,
});
const ALL_MINOR = { since: accepted.version, ids: 'all' } as const;

async function renderPage(props: Partial<ClickwrapPageProps>) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
  await render(
    <ClickwrapPage
      agreement={current}
      previous={previous()}
      signer={SIGNER}
      onAccept={onAccept}
      theme="light"
      {...props}
    />,
  );
  return { onAccept };
}

const minorNotice = () => page.getByRole('region', { name: en.minorChangesHeading });
const materialNotice = () => page.getByRole('region', { name: en.reconsentHeading });
const changes = () => page.getByRole('region', { name: en.changesHeading });
const continueButton = () => page.getByRole('button', { name: en.minorChangesContinue, exact: true });
const assent = () =>
  page.getByRole('checkbox', {
    name: format(en.assentLabel, { title: format(en.documentTitle, { title: current.title }) }),
  });
const acceptButton = () => page.getByRole('button', { name: en.accept, exact: true });

async function acceptNow() {
  await readAll();
  await userEvent.click(assent());
  await expect.element(acceptButton()).not.toHaveAttribute('aria-disabled');
  await userEvent.click(acceptButton());
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('re-consent: minor changes only', () => {
  it('shows a notice of what changed and a Continue that goes on without a fresh assent (keyboard)', async () => {
    const onContinue = vi.fn();
    const { onAccept } = await renderPage({ previous: previous({ minorChanges: ALL_MINOR, onContinue }) });
    await expect.element(minorNotice()).toBeVisible();
    await expect.element(minorNotice()).toHaveTextContent('You accepted version');
    await expect.element(page.getByText(en.minorChangesText)).toBeVisible();
    expect(materialNotice().elements()).toHaveLength(0);
    // What changed, word by word: the words added to II 1.1 are read out as inserted.
    await expect.element(changes()).toHaveTextContent('Changed: 1, added: 1, removed: 0.');
    const inserted = changes().element().querySelector('ins');
    expect(inserted?.textContent).toBe(`${en.wordsInserted} of our rights`);

    continueButton().element().focus();
    await userEvent.keyboard('{Enter}');
    expect(onContinue).toHaveBeenCalledTimes(1);
    expect(onAccept).not.toHaveBeenCalled();
    await expectNoAxeViolations(document.body, 'page, minor changes');
  });

  it('in the modal, opens on the notice, so that the next Tab is Continue (keyboard)', async () => {
    const onContinue = vi.fn();
    await render(
      <ClickwrapModal
        agreement={current}
        previous={previous({ minorChanges: ALL_MINOR, onContinue })}
        signer={SIGNER}
        onAccept={() => {}}
        defaultOpen
        theme="light"
      />,
    );
    await expect.element(minorNotice()).toHaveFocus();
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
    await userEvent.tab();
    await expect.element(continueButton()).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onContinue).toHaveBeenCalledTimes(1);
    await expectNoAxeViolations(document.body, 'modal, minor changes');
  });

  it('asks for assent anyway when the app says so, and the receipt records a minor change', async () => {
    const { onAccept } = await renderPage({
      previous: previous({ minorChanges: ALL_MINOR, requireAssent: true, onContinue: () => {} }),
    });
    await expect.element(materialNotice()).toBeVisible();
    expect(continueButton().elements()).toHaveLength(0);
    await acceptNow();
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    const receipt = onAccept.mock.calls[0]![0];
    expect(receipt.replaces).toEqual({
      version: accepted.version,
      receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
      changeKind: 'minor',
    });
    expect((await verifyReceipt(receipt, current.markdown)).ok).toBe(true);
  });

  it('asks for assent, with a warning, when no onContinue is given', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await renderPage({ previous: previous({ minorChanges: ALL_MINOR }) });
    await expect.element(materialNotice()).toBeVisible();
    expect(continueButton().elements()).toHaveLength(0);
    expect(warn.mock.calls.flat().join(' ')).toMatch(/previous\.onContinue/);
  });

  it('applies a marking only to the version it was written against', async () => {
    await renderPage({
      previous: previous({ minorChanges: { since: '2023-01-01', ids: 'all' }, onContinue: () => {} }),
    });
    await expect.element(materialNotice()).toBeVisible();
    expect(continueButton().elements()).toHaveLength(0);
  });
});

describe('re-consent: a minor and a material change', () => {
  it('re-consents as for any material change, tags the minor one, and records "material"', async () => {
    const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
    await render(
      <ClickwrapModal
        agreement={current}
        previous={previous({
          minorChanges: { since: accepted.version, ids: [EDITED] },
          onContinue: () => {},
        })}
        signer={SIGNER}
        onAccept={onAccept}
        defaultOpen
        closeOnDecision={false}
        theme="light"
      />,
    );
    await expect.element(materialNotice()).toBeVisible();
    expect(continueButton().elements()).toHaveLength(0);
    const items = [...changes().element().querySelectorAll<HTMLElement>('li[data-change]')];
    expect(items[0]?.textContent).toContain('This version fixes typing errors.');
    expect(items.map((li) => [li.dataset.materiality, li.textContent?.includes(en.changeMinorTag)])).toEqual([
      ['material', false],
      ['minor', true],
    ]);
    await expectNoAxeViolations(document.body, 'modal, mixed changes');
    await acceptNow();
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    expect(onAccept.mock.calls[0]![0].replaces?.changeKind).toBe('material');
  });
});

describe('the word-by-word view', () => {
  it('wraps long unbroken words inside their cards at 320 px', async () => {
    await page.viewport(320, 700);
    const long = 'verylongpathsegment'.repeat(8);
    const withLong = parseAgreement({
      id: accepted.id,
      version: '2025-07-01',
      markdown: accepted.markdown
        .replace('is considered an infringement.', `is considered an infringement: ${long}`)
        .replace(/^(Welcome to use this software and services!\r?\n)/m, `$1\nSee ${long} for details.\n`),
    });
    await renderPage({ agreement: withLong });
    await expect.element(changes()).toBeVisible();
    const items = [...changes().element().querySelectorAll<HTMLElement>('.rcw-change-item')];
    const parts = items.flatMap((item) => [
      item,
      ...item.querySelectorAll<HTMLElement>('.rcw-change-words, .rcw-change-link, .rcw-change-label'),
    ]);
    // The long word is both in a passage's label (added) and in a word-by-word snippet (changed).
    expect(parts.filter((el) => el.textContent?.includes(long))).not.toHaveLength(0);
    expect(items.some((item) => item.querySelector('.rcw-change-words')?.textContent?.includes(long))).toBe(
      true,
    );
    expect(
      items.some((item) => item.querySelector('.rcw-change-label')?.textContent?.includes('verylong')),
    ).toBe(true);
    for (const el of parts) {
      expect(el.scrollWidth, el.className).toBeLessThanOrEqual(el.clientWidth);
      expect(el.getBoundingClientRect().right, el.className).toBeLessThanOrEqual(320);
    }
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
  });
});
