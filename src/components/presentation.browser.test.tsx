'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { checkPresentation } from '../core/presentation';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
import { en, format } from '../messages';
import { agreement, agreementElement, isLabelled, SIGNER, tabUntil, terms } from './test-utils.test-utils';

const ASSENT = format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) });

/** Reads to the end, ticks the assent and reaches Accept, by keyboard only. */
async function readAndTick(): Promise<void> {
  await tabUntil((el) => el === agreementElement());
  await userEvent.keyboard('{End}');
  await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
  await tabUntil(isLabelled(ASSENT));
  await userEvent.keyboard(' ');
  await tabUntil(isLabelled(en.accept));
}

/** In the dialog, from the agreement (focused): End, then tick the assent and press Accept, by keyboard. */
async function readTickAndAcceptInDialog(): Promise<void> {
  await userEvent.keyboard('{End}');
  await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
  await tabUntil(isLabelled(ASSENT));
  await userEvent.keyboard(' ');
  await tabUntil(isLabelled(en.accept));
  await userEvent.keyboard('{Enter}');
}

/**
 * Reads to the end, ticks the assent box (whatever its label says) and presses Accept, by
 * keyboard: for statements whose words are not the usual ones.
 */
async function readTickAndAccept(): Promise<void> {
  await tabUntil((el) => el === agreementElement());
  await userEvent.keyboard('{End}');
  await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
  await tabUntil((el) => el instanceof HTMLInputElement && el.type === 'checkbox');
  await userEvent.keyboard(' ');
  await tabUntil(isLabelled(en.accept));
  await userEvent.keyboard('{Enter}');
}

async function renderPage(props: Partial<ClickwrapPageProps> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
  await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={onAccept} {...props} />);
  return onAccept;
}

async function accepted(onAccept: ReturnType<typeof vi.fn>): Promise<ConsentReceipt> {
  await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
  const receipt = onAccept.mock.calls[0]![0] as ConsentReceipt;
  expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
  return receipt;
}

beforeEach(async () => {
  await page.viewport(1280, 900);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the presentation measured at accept', () => {
  for (const theme of ['light', 'dark'] as const) {
    describe(`given ClickwrapPage in the ${theme} theme, accepted by keyboard`, () => {
      it('records plausible numbers, and every notice rule passes', async () => {
        const onAccept = await renderPage({ theme });
        await readAndTick();
        await userEvent.keyboard('{Enter}');
        const { presentation } = await accepted(onAccept);
        expect(presentation).toMatchObject({
          measured: true,
          reason: null,
          theme,
          colorScheme: theme,
          assent: { accessibleName: ASSENT, visibleText: ASSENT, inViewport: true },
          acceptButton: { label: en.accept, visibleText: en.accept, inViewport: true },
          viewport: { widthPx: 1280, heightPx: 900, devicePixelRatio: 1, visualViewportScale: 1 },
          reducedMotion: expect.any(Boolean),
        });
        const { assent, acceptButton, distancePx } = presentation!;
        expect(assent!.contrast).toBeGreaterThan(4.5);
        expect(assent!.fontSizePx).toBeGreaterThanOrEqual(12);
        expect(acceptButton!.widthPx).toBeGreaterThanOrEqual(24);
        expect(acceptButton!.heightPx).toBeGreaterThanOrEqual(24);
        expect(distancePx).toBeGreaterThanOrEqual(0);
        expect(distancePx).toBeLessThan(320);
        const failing = checkPresentation(
          { ...presentation!, measured: true },
          { titles: [agreement.title] },
        );
        expect(failing.filter((f) => f.status !== 'pass')).toEqual([]);
      });
    });
  }

  describe('given ClickwrapModal, accepted by keyboard', () => {
    it('records the dialog’s assent statement and button, on screen together', async () => {
      const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
      await render(
        <ClickwrapModal
          agreement={agreement}
          signer={SIGNER}
          onAccept={onAccept}
          trigger={<button type="button">Review the terms</button>}
        />,
      );
      await userEvent.click(page.getByRole('button', { name: 'Review the terms' }));
      await expect.element(page.getByRole('dialog')).toBeVisible();
      // Focus starts on the agreement: End scrolls it to the end; the rest is by keyboard.
      await readTickAndAcceptInDialog();
      const receipt = await accepted(onAccept);
      expect(receipt.presentation).toMatchObject({
        measured: true,
        assent: { inViewport: true },
        acceptButton: { label: en.accept, visibleText: en.accept, inViewport: true },
        viewport: { devicePixelRatio: 1 },
      });
      expect(receipt.presentation!.assent!.contrast).toBeGreaterThan(4.5);
      expect(checkPresentation(receipt).filter((f) => f.status !== 'pass')).toEqual([]);
    });
  });

  // Radix locks the page's scroll with overflow: hidden on <body>. Where <html> has an overflow
  // of its own (`html { overflow-y: scroll }`, common to keep the scrollbar's room, and as in
  // Storybook), that clips the body's own box, not the fixed dialog: on a page shorter than the
  // dialog (a sign-up page with only its button) the statement and button are on screen all the same.
  describe('given ClickwrapModal over a page shorter than the dialog', () => {
    it('records the assent statement and the button on screen, and every notice rule passes', async () => {
      const { style } = document.body;
      const html = document.documentElement.style;
      const before = [style.cssText, html.cssText] as const;
      html.overflowY = 'scroll';
      style.setProperty('height', '48px', 'important');
      style.setProperty('min-height', '0', 'important');
      style.setProperty('margin', '0', 'important');
      try {
        const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<unknown>>(async () => {});
        await render(
          <ClickwrapModal agreement={agreement} signer={SIGNER} onAccept={onAccept} defaultOpen />,
        );
        await expect.element(page.getByRole('dialog')).toBeVisible();
        await expect.poll(() => getComputedStyle(document.body).overflow).toBe('hidden');
        agreementElement().focus();
        await readTickAndAcceptInDialog();
        const receipt = await accepted(onAccept);
        expect(receipt.presentation).toMatchObject({
          measured: true,
          assent: { inViewport: true },
          acceptButton: { inViewport: true },
        });
        expect(checkPresentation(receipt).filter((f) => f.status !== 'pass')).toEqual([]);
      } finally {
        [style.cssText, html.cssText] = before;
      }
    });
  });

  describe('given a small viewport where the Accept button is scrolled off screen when pressed', () => {
    it('records the button outside the viewport, and the rule fails', async () => {
      await page.viewport(360, 420);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const onAccept = await renderPage({ theme: 'light' });
      await readAndTick();
      // The button keeps focus while the page is scrolled back up (as an app's own "Accept"
      // shortcut or a scripted accept would leave it): Enter accepts a button no one sees.
      window.scrollTo({ top: 0, behavior: 'instant' });
      await vi.waitFor(() => expect(window.scrollY).toBe(0));
      const button = page.getByRole('button', { name: en.accept, exact: true }).element();
      expect(button.getBoundingClientRect().top).toBeGreaterThan(window.innerHeight);
      await userEvent.keyboard('{Enter}');
      const receipt = await accepted(onAccept);
      expect(receipt.presentation).toMatchObject({
        measured: true,
        acceptButton: { inViewport: false },
        viewport: { widthPx: 360, heightPx: 420 },
      });
      const together = checkPresentation(receipt).find((f) => f.rule === 'visible-together');
      expect(together?.status).toBe('fail');
      expect(together?.message).toMatch(/the Accept button was not/);
      // In development, one warning naming the rule (the rules load on demand, so it follows).
      await vi.waitFor(() => {
        const warnings = warn.mock.calls
          .map(([message]) => String(message))
          .filter((m) => m.includes('presentation'));
        expect(warnings).toEqual([expect.stringContaining('fails the rule "visible-together"')]);
      });
    });
  });
});

// The evidence says what was on screen, not what the styles say: a receipt proves what a person
// saw. Each case below was recorded as seen before (audit of 2 Dec).
describe('the presentation records what was drawn', () => {
  afterEach(() => {
    document.querySelectorAll('[data-test-cover]').forEach((el) => el.remove());
  });

  it('records the statement and the button as not seen when a banner is drawn over them', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onAccept = await renderPage({ theme: 'light' });
    await readAndTick();
    const banner = document.createElement('div');
    banner.dataset.testCover = '';
    banner.textContent = 'We use cookies.';
    banner.style.cssText =
      'position:fixed;inset:auto 0 0 0;block-size:60vh;background:#222;color:#fff;z-index:10000';
    document.body.append(banner);
    const button = page.getByRole('button', { name: en.accept, exact: true }).element();
    const box = button.getBoundingClientRect();
    expect(document.elementFromPoint(box.left + 2, box.top + 2)).toBe(banner);
    await userEvent.keyboard('{Enter}');
    const receipt = await accepted(onAccept);
    expect(receipt.presentation).toMatchObject({
      assent: { inViewport: false },
      acceptButton: { inViewport: false },
    });
    expect(checkPresentation(receipt).find((f) => f.rule === 'visible-together')?.status).toBe('fail');
  });

  it('records the smallest, lightest text of the statement, not its label element’s style', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const label = <span style={{ color: '#c8c8c8', fontSize: 10 }}>{ASSENT}</span>;
    const onAccept = await renderPage({ theme: 'light', assentCheckboxProps: { label } });
    await readAndTick();
    await userEvent.keyboard('{Enter}');
    const { presentation } = await accepted(onAccept);
    expect(presentation!.assent!.fontSizePx).toBe(10);
    // #c8c8c8 on the page's white surface: about 1.7:1.
    expect(presentation!.assent!.contrast).toBeLessThan(2);
    expect(
      checkPresentation({ ...presentation!, measured: true }).find((f) => f.rule === 'contrast')?.status,
    ).toBe('fail');
  });

  it('leaves text hidden for screen readers only out of the visible text', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const label = (
      <>
        I agree
        <span
          style={{
            position: 'absolute',
            width: 1,
            height: 1,
            overflow: 'hidden',
            clipPath: 'inset(50%)',
            whiteSpace: 'nowrap',
          }}
        >
          {' '}
          to the {agreement.title}
        </span>
      </>
    );
    const onAccept = await renderPage({ theme: 'light', assentCheckboxProps: { label } });
    await readTickAndAccept();
    const { presentation } = await accepted(onAccept);
    expect(presentation!.assent!.accessibleName).toBe(`I agree to the ${agreement.title}`);
    expect(presentation!.assent!.visibleText).toBe('I agree');
  });

  it('still makes the receipt when the statement shows no text at all, its presentation not measured', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const hidden = {
      position: 'absolute',
      width: 1,
      height: 1,
      overflow: 'hidden',
      clipPath: 'inset(50%)',
    } as const;
    // An icon beside it gives the label a box; its words are for screen readers only.
    const label = (
      <>
        <span aria-hidden="true" style={{ display: 'inline-block', width: 16, height: 16 }} />
        <span style={hidden}>I agree to the {agreement.title}</span>
      </>
    );
    const onAccept = await renderPage({ theme: 'light', assentCheckboxProps: { label } });
    await readTickAndAccept();
    const { presentation } = await accepted(onAccept);
    expect(presentation).toMatchObject({ measured: false, reason: 'no-layout', assent: null });
  });

  it('records the contrast of a statement faded by an ancestor as unknown, not as styled', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onAccept = await renderPage({ theme: 'light', className: 'faded' });
    await readAndTick();
    const statement = document.querySelector<HTMLElement>('.rcw-assent')!;
    statement.style.opacity = '0.3';
    await userEvent.keyboard('{Enter}');
    const { presentation } = await accepted(onAccept);
    expect(presentation!.assent!.contrast).toBeNull();
    expect(
      checkPresentation({ ...presentation!, measured: true }).find((f) => f.rule === 'contrast'),
    ).toMatchObject({
      status: 'unknown',
      message: expect.stringMatching(/transparency/),
    });
  });
});
