import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { within } from '@testing-library/dom';
import { parseAgreement } from '../../core/agreement';
import { checkPresentation } from '../../core/presentation';
import { verifyReceipt } from '../../core/receipt';
import type { ConsentReceipt } from '../../core/types';
import { mountFrame, type TestFrame } from '../../internal/frame.test-utils';
import { useClickwrap, type UseClickwrapResult } from './index';
import { measurePresentation } from './measure-presentation';
import { contrastRatio, parseColor } from './presentation-colour';

/** A notice built from plain DOM: `html` inside a fresh container. */
function mount(html: string): { assent: HTMLElement; accept: HTMLElement } {
  const host = document.createElement('div');
  host.id = 'host';
  host.innerHTML = html;
  document.body.append(host);
  return {
    assent: host.querySelector<HTMLElement>('input[type="checkbox"]')!,
    accept: host.querySelector<HTMLElement>('button')!,
  };
}

beforeEach(async () => {
  await page.viewport(1000, 700);
});

afterEach(() => {
  document.getElementById('host')?.remove();
});

describe('measurePresentation in Chromium', () => {
  it('computes WCAG contrast: black on white is 21:1, #767676 on white 4.54:1', () => {
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(contrastRatio([0x76, 0x76, 0x76, 1], [255, 255, 255, 1])).toBeCloseTo(4.54, 2);
  });

  it('finds the background through transparent ancestors, compositing a translucent layer', () => {
    const { assent, accept } = mount(`
      <div style="background: rgb(0, 0, 0)">
        <div style="background: rgba(255, 255, 255, 0.5); padding: 8px">
          <input type="checkbox" id="a"><label for="a" style="color: rgb(255, 255, 255)">I agree to the Terms</label>
          <button style="width: 80px; height: 32px">Accept</button>
        </div>
      </div>`);
    const p = measurePresentation({ assent, accept });
    // White text on 50% white over black = rgb(127.5…): about 3.98:1 (floored to two decimals).
    expect(p.assent!.contrast).toBeGreaterThan(3.9);
    expect(p.assent!.contrast).toBeLessThan(4.1);
    expect(p.acceptButton).toEqual({
      label: 'Accept',
      visibleText: 'Accept',
      inViewport: true,
      widthPx: 80,
      heightPx: 32,
    });
  });

  it('reads OKLCH and OKLab colours (as Tailwind writes them), as Chromium keeps them computed', () => {
    const close = (value: string, expected: number[]) =>
      parseColor(value)!.forEach((channel, i) => expect(channel).toBeCloseTo(expected[i]!, 0));
    close('oklch(1 0 0)', [255, 255, 255, 1]);
    close('oklch(0 0 0 / 0.5)', [0, 0, 0, 0.5]);
    close('oklab(0.627955 0.224863 0.125846)', [255, 0, 0, 1]);
    close('oklch(62.7955% 0.257683 29.2339deg)', [255, 0, 0, 1]);
    const { assent, accept } = mount(`
      <div style="background: oklch(1 0 0)">
        <input type="checkbox" id="a"><label for="a" style="color: oklch(0.3 0 0)">I agree to the Terms</label>
        <button>Accept</button>
      </div>`);
    expect(getComputedStyle((assent as HTMLInputElement).labels![0]!).color).toMatch(/^oklch/);
    // oklch(0.3 0 0) is about rgb(46, 46, 46): some 13.6:1 on white.
    expect(measurePresentation({ assent, accept }).assent!.contrast).toBeCloseTo(13.6, 0);
  });

  it('measures a label laid out as display: contents by its text', () => {
    const { assent, accept } = mount(`
      <div style="background: #fff; color: #222">
        <input type="checkbox" id="a"><label for="a" style="display: contents">I agree to the Terms</label>
        <button style="width: 80px; height: 32px">Accept</button>
      </div>`);
    const p = measurePresentation({ assent, accept });
    expect(p).toMatchObject({
      measured: true,
      assent: { visibleText: 'I agree to the Terms', inViewport: true },
    });
  });

  it('says unknown (null) for text over a panel that is not its ancestor, whose colour the ancestors do not give', () => {
    const { assent, accept } = mount(`
      <div style="position: relative; background: #fff; padding: 16px">
        <div style="position: absolute; inset: 0; background: #111"></div>
        <input type="checkbox" id="a"><label for="a" style="position: relative; color: #eee">I agree to the Terms</label>
        <button style="position: relative">Accept</button>
      </div>`);
    // #eee on the white ancestor would be 1.16:1; on the dark panel, as drawn, about 15.6:1.
    expect(measurePresentation({ assent, accept }).assent!.contrast).toBeNull();
  });

  it('says unknown (null) for text on a gradient or an image, rather than guess', () => {
    const { assent, accept } = mount(`
      <div style="background: linear-gradient(#fff, #000)">
        <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
        <button>Accept</button>
      </div>`);
    expect(measurePresentation({ assent, accept }).assent!.contrast).toBeNull();
  });

  it('tells links in running text that look like the text from underlined or contrasting ones, and skips lists of links', () => {
    const links = (style: string) => {
      document.getElementById('host')?.remove();
      const { assent, accept } = mount(`
        <div style="color: rgb(30, 30, 30); background: #fff">
          <p>Read the <a href="#t" style="${style}">Terms</a> first.</p>
          <nav><ul><li><a href="#toc" style="color: rgb(30, 30, 30); text-decoration: none">Contents</a></li></ul></nav>
          <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
          <button>Accept</button>
        </div>`);
      return measurePresentation({ assent, accept }).links!;
    };
    expect(links('color: rgb(30, 30, 30); text-decoration: none')).toMatchObject({
      count: 2,
      underlined: 0,
      minContrastWithText: 1,
      distinct: false,
    });
    expect(links('color: rgb(30, 30, 30); text-decoration: underline')).toMatchObject({
      underlined: 1,
      distinct: true,
    });
    expect(links('color: rgb(0, 90, 200); text-decoration: none').distinct).toBe(false);
    expect(links('color: rgb(200, 200, 255); text-decoration: none').distinct).toBe(true);
  });

  it('records a statement scrolled out of its scroll container as not in the viewport', () => {
    const { assent, accept } = mount(`
      <div id="box" style="height: 100px; overflow: auto">
        <div style="height: 400px"></div>
        <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
      </div>
      <button>Accept</button>`);
    const p = measurePresentation({ assent, accept });
    expect(p.assent!.inViewport).toBe(false);
    expect(p.acceptButton!.inViewport).toBe(true);
    document.getElementById('box')!.scrollTop = 400;
    expect(measurePresentation({ assent, accept }).assent!.inViewport).toBe(true);
  });

  it("records the button's visible text apart from its name: only what is on screen, an input's value, null for an icon, whole (the receipt keeps 200 characters)", () => {
    const button = (html: string) => {
      document.getElementById('host')?.remove();
      const host = mount(`
        <div style="background: #fff; color: #222">
          <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
          ${html}
        </div>`);
      const accept = host.accept ?? document.querySelector<HTMLElement>('#host input[type="submit"]')!;
      return measurePresentation({ assent: host.assent, accept }).acceptButton!;
    };
    const srOnly =
      'position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap';
    expect(button('<button aria-label="I agree">Continue</button>')).toMatchObject({
      label: 'I agree',
      visibleText: 'Continue',
    });
    expect(button(`<button>Accept<span style="${srOnly}"> the Terms</span></button>`)).toMatchObject({
      label: 'Accept the Terms',
      visibleText: 'Accept',
    });
    expect(
      button(
        '<button style="width: 90px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">Accept   and\n continue</button>',
      ).visibleText,
    ).toMatch(/^Accept and c?o?$/);
    expect(button('<input type="submit" value="  I agree ">')).toMatchObject({
      label: 'I agree',
      visibleText: 'I agree',
    });
    expect(button('<input type="submit">').label).toBe('Submit');
    expect(
      button(
        '<button aria-label="I agree" style="width: 32px; height: 32px"><svg width="16" height="16"></svg></button>',
      ),
    ).toMatchObject({ label: 'I agree', visibleText: null });
    // Measured whole: the receipt maker cuts it to 200 characters and records that it did
    // (core/presentation/fit.test.ts, receipt-bounds.browser.test.tsx).
    const long = button(`<button>Accept ${'and continue '.repeat(30)}</button>`).visibleText!;
    expect(long).toBe(`Accept ${'and continue '.repeat(30)}`.trim());
  });

  it('says not measured when an element is missing or has no layout box', () => {
    const { assent, accept } = mount(`
      <input type="checkbox" id="a"><label for="a">I agree</label><button style="display: none">Accept</button>`);
    expect(measurePresentation({ assent, accept: null })).toMatchObject({
      measured: false,
      reason: 'accept-button-not-found',
    });
    expect(measurePresentation({ assent: null, accept })).toMatchObject({
      measured: false,
      reason: 'assent-not-found',
    });
    expect(measurePresentation({ assent, accept })).toMatchObject({
      measured: false,
      reason: 'no-layout',
      viewport: null,
    });
  });
});

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const BUTTON = { minHeight: 32, padding: '4px 12px' };
const STATEMENT = `I have read and agree to the ${agreement.title}`;

/** A headless clickwrap, as an app writes it, whose Accept button (at least 24px high) the test draws. */
function Headless(props: {
  onAccept: (receipt: ConsentReceipt) => void;
  button: (getProps: UseClickwrapResult['getAcceptButtonProps']) => ReactNode;
}) {
  const cw = useClickwrap({
    agreement,
    signer: { id: 'user-1' },
    onAccept: props.onAccept,
    requireScrollToEnd: false,
  });
  return (
    <div style={{ background: '#fff', color: '#222', padding: 16 }}>
      <input id="assent" {...cw.getAssentCheckboxProps()} />
      <label htmlFor="assent">{STATEMENT}</label>
      {props.button(cw.getAcceptButtonProps)}
    </div>
  );
}

/** Renders it, ticks the statement, presses the button named `name`; the verified receipt. */
async function acceptHeadless(button: Parameters<typeof Headless>[0]['button'], name: string) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
  await render(<Headless onAccept={onAccept} button={button} />);
  await userEvent.click(page.getByRole('checkbox', { name: STATEMENT }));
  await userEvent.click(page.getByRole('button', { name }));
  await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
  const receipt = onAccept.mock.calls[0]![0];
  expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
  return receipt;
}

describe('given a headless useClickwrap, accepted in Chromium', () => {
  it('records a button that shows "Continue" but is named "I agree" as both, and the button-label rule fails naming both', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const receipt = await acceptHeadless(
      (getProps) => <button {...getProps({ 'aria-label': 'I agree', style: BUTTON })}>Continue</button>,
      'I agree',
    );
    await expect.element(page.getByRole('button', { name: 'I agree' })).toHaveTextContent('Continue');
    expect(receipt.presentation!.acceptButton).toMatchObject({ label: 'I agree', visibleText: 'Continue' });
    const finding = checkPresentation(receipt).find((f) => f.rule === 'button-label')!;
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('The button shows "Continue" and is named "I agree"');
    expect(finding.message).toContain('WCAG 2.5.3 Label in Name');
    // Every other rule passes: only the button is at fault.
    expect(
      checkPresentation(receipt)
        .filter((f) => f.status === 'fail')
        .map((f) => f.rule),
    ).toEqual(['button-label']);
  });

  it('passes a button named "Accept the …" that shows "Accept", recording each', async () => {
    const name = `Accept the ${agreement.title}`;
    const receipt = await acceptHeadless(
      (getProps) => <button {...getProps({ 'aria-label': name, style: BUTTON })}>Accept</button>,
      name,
    );
    expect(receipt.presentation!.acceptButton).toMatchObject({ label: name, visibleText: 'Accept' });
    expect(checkPresentation(receipt).find((f) => f.rule === 'button-label')).toMatchObject({
      status: 'pass',
      message: `The button (seen as "Accept", heard as "${name}") says that clicking it means agreeing.`,
    });
  });
});

describe('given a notice in a frame that the page shows only the top of', () => {
  let embedded: TestFrame | undefined;
  afterEach(() => {
    embedded?.remove();
    embedded = undefined;
    vi.restoreAllMocks();
  });

  /** A frame 1200px high in a 700px viewport, with the notice 850px down it: in the frame's viewport, below the page's. */
  async function frameBelowThePage(ui: ReactNode, { foreign = false } = {}) {
    embedded = await mountFrame({ height: 1200, foreign });
    embedded.render(
      <>
        <div style={{ height: 850 }}>The signup form</div>
        {ui}
      </>,
    );
    return { inFrame: within(embedded.doc.body), frame: embedded.frame, doc: embedded.doc };
  }

  it('records the statement and Accept as not in the viewport, and as in it once the page scrolls them there', async () => {
    const { inFrame, frame, doc } = await frameBelowThePage(
      <div style={{ background: '#fff', color: '#222' }}>
        <input type="checkbox" id="a" />
        <label htmlFor="a">I agree to the Terms</label>
        <button type="button">Accept</button>
      </div>,
    );
    const assent = inFrame.getByRole('checkbox', { name: 'I agree to the Terms' });
    const accept = inFrame.getByRole('button', { name: 'Accept' });
    expect(accept.getBoundingClientRect().bottom).toBeLessThan(doc.documentElement.clientHeight);
    expect(frame.getBoundingClientRect().top + assent.getBoundingClientRect().top).toBeGreaterThan(
      window.innerHeight,
    );
    const before = measurePresentation({ assent, accept });
    expect(before.assent!.inViewport).toBe(false);
    expect(before.acceptButton!.inViewport).toBe(false);
    window.scrollTo({ top: 600, behavior: 'instant' });
    const after = measurePresentation({ assent, accept });
    expect(after.assent!.inViewport).toBe(true);
    expect(after.acceptButton!.inViewport).toBe(true);
  });

  it('records the statement and Accept under a banner of the page around the frame as not in the viewport', async () => {
    const { inFrame } = await frameBelowThePage(
      <div style={{ background: '#fff', color: '#222' }}>
        <input type="checkbox" id="a" />
        <label htmlFor="a">I agree to the Terms</label>
        <button type="button">Accept</button>
      </div>,
    );
    const banner = document.createElement('div');
    banner.style.cssText = 'position:fixed;inset:auto 0 0 0;height:200px;background:#fff';
    banner.textContent = 'We use cookies.';
    document.body.append(banner);
    try {
      // The page scrolled so the notice is on its screen, 550 to 600px down, under the banner.
      window.scrollTo({ top: 300, behavior: 'instant' });
      const assent = inFrame.getByRole('checkbox', { name: 'I agree to the Terms' });
      const accept = inFrame.getByRole('button', { name: 'Accept' });
      const covered = measurePresentation({ assent, accept });
      expect(covered.assent!.inViewport).toBe(false);
      expect(covered.acceptButton!.inViewport).toBe(false);
      banner.remove();
      const clear = measurePresentation({ assent, accept });
      expect(clear.assent!.inViewport).toBe(true);
      expect(clear.acceptButton!.inViewport).toBe(true);
    } finally {
      banner.remove();
    }
  });

  /**
   * Accepts a headless useClickwrap in the frame, the page scrolled `top` px first, by keyboard
   * or script (a click that does not scroll the page first). Returns the receipt and the warnings.
   */
  async function acceptInFrame({ top = 0, foreign = false } = {}) {
    // The hook loads its top-level observer on demand: loaded here first, as an app's would be by
    // the time a person has read the text.
    if (foreign) await import('../../internal/top-screen');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
    const { inFrame } = await frameBelowThePage(
      <Headless
        onAccept={onAccept}
        button={(getProps) => <button {...getProps({ style: BUTTON })}>Accept</button>}
      />,
      { foreign },
    );
    window.scrollTo({ top, behavior: 'instant' });
    // The page's scroll drawn, as a person sees it before pressing: an observer of the top-level
    // screen made now has reported, and two frames later the hook's has too (however busy the
    // machine is, frames come in order).
    const button = inFrame.getByRole('button', { name: 'Accept' });
    await new Promise((resolve) => {
      const io = new button.ownerDocument.defaultView!.IntersectionObserver(() => {
        io.disconnect();
        resolve(null);
      });
      io.observe(button);
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    inFrame.getByRole('checkbox', { name: STATEMENT }).click();
    await vi.waitFor(() => expect(inFrame.getByRole('checkbox', { name: STATEMENT })).toBeChecked());
    inFrame.getByRole('button', { name: 'Accept' }).click();
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    return { receipt: onAccept.mock.calls[0]![0], warn };
  }

  it('a headless useClickwrap accepted there records them as not in the viewport', async () => {
    const { receipt, warn } = await acceptInFrame();
    expect(receipt.presentation!.assent).toMatchObject({ inViewport: false });
    expect(receipt.presentation!.acceptButton).toMatchObject({ inViewport: false });
    // It warns that the statement and Accept were not on screen together: the evidence says so.
    expect(String(warn.mock.calls[0]?.[0])).toContain('The assent statement was not on screen');
  });

  describe('inside a page of another origin (no frameElement to measure)', () => {
    it("records the statement and Accept below that page as not in the viewport, though in the frame's own", async () => {
      const { receipt } = await acceptInFrame({ foreign: true });
      expect(receipt.presentation!.assent).toMatchObject({ inViewport: false });
      expect(receipt.presentation!.acceptButton).toMatchObject({ inViewport: false });
    });

    it('records them as in the viewport once that page has scrolled them on screen', async () => {
      const { receipt } = await acceptInFrame({ top: 600, foreign: true });
      expect(receipt.presentation!.assent).toMatchObject({ inViewport: true });
      expect(receipt.presentation!.acceptButton).toMatchObject({ inViewport: true });
    });
  });
});
