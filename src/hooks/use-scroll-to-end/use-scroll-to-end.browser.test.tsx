'use client';
import axe from 'axe-core';
import { Profiler, StrictMode, useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { within } from '@testing-library/dom';
import { mountFrame, type TestFrame } from '../../internal/frame.test-utils';
import type { UseScrollToEndResult } from './index';
import { ScrollHarness, TERMS_PARAGRAPHS, frames } from './harness.test-utils';

const region = () => page.getByRole('region', { name: 'Agreement' });
const areaElement = () => region().element() as HTMLElement;
const reached = (yes: boolean) => page.getByText(`Reached end: ${yes ? 'yes' : 'no'}`);
const progressText = () => page.getByText(/^Progress: \d+%$/).element().textContent;

async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, { resultTypes: ['violations'] });
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Scrolls the area so its bottom is `share` of the way through the scrollable length. */
/**
 * Scrolls to at least `share` of the way (progress is whole percent rounded down, so rounding the
 * position to the nearest pixel could land a pixel short: 59% where the font makes it so).
 */
function scrollToShare(el: HTMLElement, share: number) {
  el.scrollTop = Math.ceil((el.scrollHeight - el.clientHeight) * share);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('useScrollToEnd in Chromium', () => {
  describe('given an agreement longer than its scroll area', () => {
    it('shows a keyboard-focusable region named "Agreement", not yet read', async () => {
      const { container } = await render(<ScrollHarness />);
      await expect.element(region()).toBeVisible();
      await expect.element(region()).toHaveAttribute('tabindex', '0');
      await frames(3);
      await expect.element(reached(false)).toBeVisible();
      await expect.element(page.getByText('Progress: 0%')).toBeVisible();
      await expect.element(region()).not.toHaveAttribute('data-reached-end');
      expect(areaElement().scrollHeight).toBeGreaterThan(areaElement().clientHeight * 5);
      await expectNoAxeViolations(container);
    });

    it('names the region by `labelledBy` when given, instead of `label`', async () => {
      await render(
        <>
          <h2 id="terms-title">Instadesk terms</h2>
          <ScrollHarness options={{ labelledBy: 'terms-title', label: 'Unused' }} />
        </>,
      );
      await expect.element(page.getByRole('region', { name: 'Instadesk terms' })).toBeVisible();
      await expect
        .element(page.getByRole('region', { name: 'Instadesk terms' }))
        .not.toHaveAttribute('aria-label');
    });

    describe('when the reader wheels part of the way down', () => {
      it('shows progress, but not the end', async () => {
        await render(<ScrollHarness />);
        await userEvent.wheel(region(), { delta: { y: 400 }, times: 2 });
        await expect.poll(() => areaElement().scrollTop).toBeGreaterThan(0);
        await frames(3);
        const max = areaElement().scrollHeight - areaElement().clientHeight;
        const expected = Math.floor((areaElement().scrollTop / max) * 100);
        await expect.element(page.getByText(`Progress: ${expected}%`)).toBeVisible();
        expect(expected).toBeGreaterThan(0);
        await expect.element(reached(false)).toBeVisible();
        await expect.element(region()).not.toHaveAttribute('data-reached-end');
      });
    });

    describe('when the reader wheels to the end', () => {
      it('has reached the end, with progress 100%', async () => {
        const onReachedEnd = vi.fn();
        await render(<ScrollHarness options={{ onReachedEnd }} />);
        const el = areaElement();
        await expect
          .poll(
            async () => {
              await userEvent.wheel(region(), { delta: { y: 2000 }, times: 2 });
              return Math.ceil(el.scrollTop) + el.clientHeight >= el.scrollHeight - 1;
            },
            { timeout: 10_000 },
          )
          .toBe(true);
        await expect.element(reached(true)).toBeVisible();
        await expect.element(page.getByText('Progress: 100%')).toBeVisible();
        await expect.element(region()).toHaveAttribute('data-reached-end', '');
        await expect.element(region()).toHaveAttribute('data-progress', '100');
        expect(onReachedEnd).toHaveBeenCalledTimes(1);
        expect(onReachedEnd.mock.calls[0]?.[0]).toBeInstanceOf(Date);
      });
    });

    describe('when the reader tabs to the region and uses the keyboard', () => {
      it('Page Down moves through it without reaching the end; End reaches it', async () => {
        await render(<ScrollHarness />);
        await userEvent.tab();
        await expect.element(region()).toHaveFocus();
        for (let i = 0; i < 3; i += 1) await userEvent.keyboard('{PageDown}');
        await expect.poll(() => areaElement().scrollTop).toBeGreaterThan(300);
        await frames(3);
        await expect.element(reached(false)).toBeVisible();
        expect(progressText()).not.toBe('Progress: 0%');

        await userEvent.keyboard('{End}');
        await expect.element(reached(true)).toBeVisible();
        await expect.element(page.getByText('Progress: 100%')).toBeVisible();
      });
    });

    describe('when the app scrolls it programmatically', () => {
      it('is not reached at 60%, and reached at scrollHeight', async () => {
        await render(<ScrollHarness />);
        scrollToShare(areaElement(), 0.6);
        await frames(3);
        await expect.element(page.getByText('Progress: 60%')).toBeVisible();
        await expect.element(reached(false)).toBeVisible();

        areaElement().scrollTop = areaElement().scrollHeight;
        await expect.element(reached(true)).toBeVisible();
      });

      it('counts a stop within `threshold` pixels of the end, and not one just beyond it', async () => {
        await render(<ScrollHarness options={{ threshold: 20 }} />);
        const el = areaElement();
        const max = el.scrollHeight - el.clientHeight;
        el.scrollTop = max - 40;
        await frames(3);
        await expect.element(reached(false)).toBeVisible();
        await expect.element(page.getByText('Progress: 99%')).toBeVisible();
        el.scrollTop = max - 15;
        await expect.element(reached(true)).toBeVisible();
      });

      it('reaches the end through scrollToEnd()', async () => {
        await render(<ScrollHarness />);
        await page.getByRole('button', { name: 'Skip to the end' }).click();
        await expect.element(reached(true)).toBeVisible();
      });
    });

    describe('with the end marker above bottom padding', () => {
      it('is reached when the marker comes into view (IntersectionObserver), before the last pixel', async () => {
        await render(<ScrollHarness options={{ threshold: 0 }} areaStyle={{ paddingBottom: 200 }} />);
        const el = areaElement();
        el.scrollTop = el.scrollHeight - el.clientHeight - 400;
        await frames(3);
        await expect.element(reached(false)).toBeVisible();
        el.scrollTop = el.scrollHeight - el.clientHeight - 150;
        await expect.element(reached(true)).toBeVisible();
        expect(el.scrollHeight - el.clientHeight - el.scrollTop).toBeGreaterThan(100);
      });
    });

    describe('without an end marker', () => {
      it('is reached from the scroll position alone', async () => {
        await render(<ScrollHarness endMarker={false} />);
        scrollToShare(areaElement(), 0.5);
        await frames(3);
        await expect.element(reached(false)).toBeVisible();
        areaElement().scrollTop = areaElement().scrollHeight;
        await expect.element(reached(true)).toBeVisible();
      });
    });

    describe('after the end is reached', () => {
      it('stays reached, at 100%, when the reader scrolls back up', async () => {
        const onReachedEndChange = vi.fn();
        await render(<ScrollHarness options={{ onReachedEndChange }} />);
        areaElement().scrollTop = areaElement().scrollHeight;
        await expect.element(reached(true)).toBeVisible();
        areaElement().scrollTop = 0;
        await frames(3);
        await expect.element(reached(true)).toBeVisible();
        await expect.element(page.getByText('Progress: 100%')).toBeVisible();
        expect(onReachedEndChange).toHaveBeenCalledTimes(1);
        expect(onReachedEndChange).toHaveBeenCalledWith(true);
      });

      it('stays reached when content is appended', async () => {
        await render(<ScrollHarness />);
        areaElement().scrollTop = areaElement().scrollHeight;
        await expect.element(reached(true)).toBeVisible();
        const el = areaElement();
        for (let i = 0; i < 20; i += 1) {
          const p = document.createElement('p');
          p.textContent = `An appended paragraph ${i}.`;
          el.append(p);
        }
        await frames(3);
        expect(Math.ceil(el.scrollTop) + el.clientHeight).toBeLessThan(el.scrollHeight - 100);
        await expect.element(reached(true)).toBeVisible();
        await expect.element(region()).toHaveAttribute('data-reached-end', '');
      });
    });
  });

  describe('under StrictMode (effects and refs run twice)', () => {
    it('still reaches the end, and reports it once', async () => {
      const onReachedEnd = vi.fn();
      await render(
        <StrictMode>
          <ScrollHarness options={{ onReachedEnd }} />
        </StrictMode>,
      );
      scrollToShare(areaElement(), 0.5);
      await expect.element(page.getByText('Progress: 50%')).toBeVisible();
      areaElement().scrollTop = areaElement().scrollHeight;
      await expect.element(reached(true)).toBeVisible();
      expect(onReachedEnd).toHaveBeenCalledTimes(1);
    });
  });

  describe('given a short agreement that fits without scrolling', () => {
    it('counts as read at once', async () => {
      const onReachedEnd = vi.fn();
      const { container } = await render(
        <ScrollHarness paragraphs={['Be nice.', 'That is all.']} options={{ onReachedEnd }} />,
      );
      await expect.element(reached(true)).toBeVisible();
      await expect.element(page.getByText('Progress: 100%')).toBeVisible();
      expect(onReachedEnd).toHaveBeenCalledTimes(1);
      await expectNoAxeViolations(container);
    });
  });

  describe('given a scroll area with nothing in it yet', () => {
    it('is not read until content arrives', async () => {
      const { rerender } = await render(<ScrollHarness paragraphs={[]} />);
      await frames(4);
      await expect.element(reached(false)).toBeVisible();
      await rerender(<ScrollHarness paragraphs={['The whole agreement.']} />);
      await expect.element(reached(true)).toBeVisible();
    });
  });

  describe('given a hidden scroll area', () => {
    it('is not read while hidden, and is once shown (when the content fits)', async () => {
      await render(<ScrollHarness paragraphs={['Short.']} areaStyle={{ display: 'none' }} />);
      await frames(4);
      await expect.element(reached(false)).toBeVisible();
      (document.querySelector('[data-clickwrap-end-marker]')?.parentElement as HTMLElement).style.display =
        'block';
      await expect.element(reached(true)).toBeVisible();
    });
  });

  describe('given an area that is not on screen', () => {
    // A tall page around the area: the page scrolls, not only the area.
    const Page = ({ children }: { children: ReactNode }) => (
      <div>
        <div style={{ height: '150vh' }}>Above the agreement</div>
        {children}
        <div style={{ height: '150vh' }}>Below the agreement</div>
      </div>
    );

    it('a short text below the fold is read once the page brings it on screen, not before', async () => {
      await render(
        <Page>
          <ScrollHarness paragraphs={['Be nice.', 'That is all.']} />
        </Page>,
      );
      await frames(6);
      await expect.element(reached(false)).toBeInTheDocument();
      areaElement().scrollIntoView({ block: 'center', behavior: 'instant' });
      await expect.element(reached(true)).toBeInTheDocument();
    });

    it('an area that grows with its text (no height of its own) is read when its end reaches the viewport', async () => {
      await render(<ScrollHarness height="auto" />);
      await frames(6);
      // The end is far below the viewport; the text fits its own box, which does not scroll.
      expect(areaElement().scrollHeight).toBe(areaElement().clientHeight);
      await expect.element(reached(false)).toBeInTheDocument();
      window.scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: 'instant' });
      await frames(4);
      await expect.element(reached(false)).toBeInTheDocument();
      expect(Number(progressText()!.match(/\d+/)![0])).toBeGreaterThan(0);
      (document.querySelector('[data-clickwrap-end-marker]') as HTMLElement).scrollIntoView({
        block: 'end',
        behavior: 'instant',
      });
      await expect.element(reached(true)).toBeInTheDocument();
      window.scrollTo({ top: 0, behavior: 'instant' });
    });

    describe('in a frame taller than the page shows', () => {
      let embedded: TestFrame | undefined;
      afterEach(() => {
        embedded?.remove();
        embedded = undefined;
      });

      it.each([
        { where: 'a page of the same origin', foreign: false },
        { where: 'a page of another origin (no frameElement to measure)', foreign: true },
      ])(
        'in $where, an end in the frame but below the page is read once the page scrolls it on screen, not before',
        async ({ foreign }) => {
          embedded = await mountFrame({ height: 1200, foreign });
          embedded.render(
            <>
              <div style={{ height: 850 }}>The signup form</div>
              <ScrollHarness paragraphs={['Be nice.', 'That is all.']} />
            </>,
          );
          const inFrame = within(embedded.doc.body);
          // The end is on screen in the frame's own viewport (1200px), below the page's (768px).
          const end = embedded.doc.querySelector('[data-clickwrap-end-marker]')!.getBoundingClientRect();
          expect(end.bottom).toBeLessThan(embedded.doc.documentElement.clientHeight);
          expect(embedded.frame.getBoundingClientRect().top + end.top).toBeGreaterThan(window.innerHeight);
          await frames(6);
          expect(inFrame.getByText('Reached end: no')).toBeTruthy();
          expect(inFrame.getByRole('region', { name: 'Agreement' })).not.toHaveAttribute('data-reached-end');
          window.scrollTo({ top: 600, behavior: 'instant' });
          await expect.poll(() => inFrame.queryByText('Reached end: yes')).not.toBeNull();
        },
      );

      it('without an end marker, warns that the end goes by the frame alone inside a page of another origin, not of the same', async () => {
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const unmarked = <ScrollHarness paragraphs={['Be nice.', 'That is all.']} endMarker={false} />;
        embedded = await mountFrame({ height: 1200 });
        embedded.render(unmarked);
        await frames(2);
        expect(warn).not.toHaveBeenCalled();
        embedded.remove();
        embedded = await mountFrame({ height: 1200, foreign: true });
        embedded.render(unmarked);
        await frames(2);
        expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
          expect.stringContaining('in a frame inside a page of another origin, and has no end marker'),
        ]);
      });
    });

    it('a text clipped by an ancestor that scrolls is read once that ancestor scrolls it into view', async () => {
      await render(
        <div data-testid="column" style={{ height: 200, overflowY: 'auto' }}>
          <div style={{ height: 400 }}>Another part of the form</div>
          <ScrollHarness paragraphs={['Be nice.', 'That is all.']} />
        </div>,
      );
      await frames(6);
      await expect.element(reached(false)).toBeInTheDocument();
      (page.getByTestId('column').element() as HTMLElement).scrollTop = 400;
      await expect.element(reached(true)).toBeInTheDocument();
    });
  });

  describe('given something drawn over the end of the text', () => {
    /** A bar fixed over the bottom `height` px of the viewport, as a cookie banner or sticky footer is. */
    const Banner = ({ height, passThrough = false }: { height: number; passThrough?: boolean }) => (
      <div
        data-testid="banner"
        style={{
          position: 'fixed',
          insetInline: 0,
          bottom: 0,
          height,
          background: 'white',
          pointerEvents: passThrough ? 'none' : undefined,
        }}
      >
        We use cookies.
      </div>
    );
    const dismiss = () => ((page.getByTestId('banner').element() as HTMLElement).hidden = true);

    it('a text whose end is under a fixed banner is not read until the banner goes, with nothing scrolled', async () => {
      await render(
        <>
          <ScrollHarness height="auto" />
          <div style={{ height: 60 }} />
          <Banner height={120} />
        </>,
      );
      // The page scrolled to its bottom: the end of the text sits under the banner.
      window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
      await frames(6);
      await expect.element(reached(false)).toBeInTheDocument();
      await expect.element(page.getByText('Progress: 99%')).toBeInTheDocument();
      dismiss();
      await expect.element(reached(true)).toBeInTheDocument();
      window.scrollTo({ top: 0, behavior: 'instant' });
    });

    it('a text in a frame whose end is under the banner of the page around the frame is not read until the banner goes', async () => {
      await render(<Banner height={500} />);
      const embedded = await mountFrame({ height: 600 });
      try {
        embedded.render(
          <>
            <div style={{ height: 300 }}>The signup form</div>
            <ScrollHarness paragraphs={['Be nice.', 'That is all.']} />
          </>,
        );
        const inFrame = within(embedded.doc.body);
        // On the page's screen (768px high), 268px down or more: under the banner.
        const end = embedded.doc.querySelector('[data-clickwrap-end-marker]')!.getBoundingClientRect();
        const onPage = embedded.frame.getBoundingClientRect().top + end.top;
        expect(onPage).toBeGreaterThan(window.innerHeight - 500);
        expect(onPage).toBeLessThan(window.innerHeight);
        await frames(6);
        expect(inFrame.getByText('Reached end: no')).toBeTruthy();
        dismiss();
        await expect.poll(() => inFrame.queryByText('Reached end: yes')).not.toBeNull();
      } finally {
        embedded.remove();
      }
    });

    it('an area scrolled to its end under a sticky bar is not read; scrolled clear of the bar, it is', async () => {
      await render(
        <div data-testid="page" style={{ height: 400, overflowY: 'auto', position: 'relative' }}>
          <ScrollHarness />
          <div style={{ position: 'sticky', bottom: 0, height: 150, background: 'white' }}>Continue</div>
          <div style={{ height: 300 }} />
        </div>,
      );
      // The bar sticks to the column's bottom, over the area's lower half.
      scrollToShare(areaElement(), 1);
      await frames(6);
      await expect.element(reached(false)).toBeInTheDocument();
      // The column scrolls on: the area moves up, clear of the bar.
      (page.getByTestId('page').element() as HTMLElement).scrollTop = 250;
      await expect.element(reached(true)).toBeInTheDocument();
    });

    it('a banner that lets pointer events through (a decorative fade) does not hold the end back', async () => {
      await render(
        <>
          <ScrollHarness />
          <Banner height={4000} passThrough />
        </>,
      );
      scrollToShare(areaElement(), 1);
      await expect.element(reached(true)).toBeInTheDocument();
    });
  });

  describe('when the scroll area is resized', () => {
    it('is reached once the area grows enough for the content to fit', async () => {
      await render(<ScrollHarness paragraphs={TERMS_PARAGRAPHS.slice(0, 6)} height={120} />);
      await frames(3);
      await expect.element(reached(false)).toBeVisible();
      const el = areaElement();
      el.style.height = `${el.scrollHeight + 50}px`;
      await expect.element(reached(true)).toBeVisible();
    });
  });

  describe('when the content shrinks so that it fits', () => {
    it('is reached', async () => {
      const { rerender } = await render(<ScrollHarness />);
      await frames(3);
      await expect.element(reached(false)).toBeVisible();
      await rerender(<ScrollHarness paragraphs={TERMS_PARAGRAPHS.slice(0, 1)} />);
      await expect.element(reached(true)).toBeVisible();
    });

    it('is reached when text inside a paragraph shrinks (characterData, no re-render)', async () => {
      await render(<ScrollHarness paragraphs={['x '.repeat(4000)]} />);
      await frames(3);
      await expect.element(reached(false)).toBeVisible();
      const text = areaElement().querySelector('p')?.firstChild as Text;
      text.data = 'Now short.';
      await expect.element(reached(true)).toBeVisible();
    });
  });

  describe.each([1, 1.25, 1.5, 2])('at a device pixel ratio of %s', (deviceScaleFactor) => {
    afterEach(async () => {
      await cdp().send('Emulation.clearDeviceMetricsOverride');
    });

    it.each(['keyboard End', 'scrollTop = scrollHeight'])('reaches the end by %s', async (how) => {
      await cdp().send('Emulation.setDeviceMetricsOverride', {
        width: 1024,
        height: 768,
        deviceScaleFactor,
        mobile: false,
      });
      expect(window.devicePixelRatio).toBe(deviceScaleFactor);
      await render(<ScrollHarness />);
      await frames(2);
      await expect.element(reached(false)).toBeVisible();
      if (how === 'keyboard End') {
        areaElement().focus();
        await userEvent.keyboard('{End}');
      } else {
        areaElement().scrollTop = areaElement().scrollHeight;
      }
      await expect.element(reached(true)).toBeVisible();
      await expect.element(page.getByText('Progress: 100%')).toBeVisible();
    });
  });

  describe.each([1.25, 1.5, 2])('inside a container with CSS zoom %s', (zoom) => {
    it.each(['keyboard End', 'scrollTop = scrollHeight'])('reaches the end by %s', async (how) => {
      await render(
        <div style={{ zoom }}>
          <ScrollHarness height={301} />
        </div>,
      );
      await frames(2);
      await expect.element(reached(false)).toBeVisible();
      if (how === 'keyboard End') {
        areaElement().focus();
        await userEvent.keyboard('{End}');
      } else {
        areaElement().scrollTop = areaElement().scrollHeight;
      }
      await expect.element(reached(true)).toBeVisible();
    });

    it.each(['keyboard End', 'scrollTop = scrollHeight'])(
      'reaches the end by %s from the scroll position alone (no marker, threshold 0)',
      async (how) => {
        await render(
          <div style={{ zoom }}>
            <ScrollHarness height={301} endMarker={false} options={{ threshold: 0 }} />
          </div>,
        );
        await frames(2);
        await expect.element(reached(false)).toBeVisible();
        if (how === 'keyboard End') {
          areaElement().focus();
          await userEvent.keyboard('{End}');
        } else {
          areaElement().scrollTop = areaElement().scrollHeight;
        }
        await expect.element(reached(true)).toBeVisible();
      },
    );

    it('reports partial progress without reaching the end', async () => {
      await render(
        <div style={{ zoom }}>
          <ScrollHarness height={301} />
        </div>,
      );
      scrollToShare(areaElement(), 0.5);
      await frames(3);
      await expect.element(reached(false)).toBeVisible();
      const el = areaElement();
      const expected = Math.floor((el.scrollTop / (el.scrollHeight - el.clientHeight)) * 100);
      await expect.element(page.getByText(`Progress: ${expected}%`)).toBeVisible();
    });
  });

  describe('when 100 scroll events arrive within one frame', () => {
    it('renders at most once or twice, and ends with the right progress', async () => {
      let commits = 0;
      await render(
        <Profiler id="harness" onRender={() => (commits += 1)}>
          <ScrollHarness />
        </Profiler>,
      );
      await frames(4);
      await expect.element(reached(false)).toBeVisible();
      const baseline = commits;
      const el = areaElement();
      const target = Math.round((el.scrollHeight - el.clientHeight) * 0.42);
      for (let i = 1; i <= 100; i += 1) {
        el.scrollTop = Math.round((target * i) / 100);
        el.dispatchEvent(new Event('scroll'));
      }
      await frames(4);
      expect(commits - baseline).toBeGreaterThanOrEqual(1);
      expect(commits - baseline).toBeLessThanOrEqual(2);
      const expected = Math.floor((el.scrollTop / (el.scrollHeight - el.clientHeight)) * 100);
      expect(progressText()).toBe(`Progress: ${expected}%`);
    });

    it('does not render at all when the rounded progress does not change', async () => {
      let commits = 0;
      await render(
        <Profiler id="harness" onRender={() => (commits += 1)}>
          <ScrollHarness />
        </Profiler>,
      );
      const el = areaElement();
      const max = el.scrollHeight - el.clientHeight;
      scrollToShare(el, 0.305);
      await frames(4);
      await expect.element(page.getByText('Progress: 30%')).toBeVisible();
      const baseline = commits;
      // Sub-percent movement back and forth (30.5% ↔ 30.7%), and events without movement.
      for (let i = 0; i < 100; i += 1) {
        if (i % 10 === 0) el.scrollTop = Math.round(max * (i % 20 === 0 ? 0.307 : 0.305));
        el.dispatchEvent(new Event('scroll'));
      }
      await frames(4);
      expect(commits).toBe(baseline);
      expect(progressText()).toBe('Progress: 30%');
    });
  });

  describe('when controlled', () => {
    function Controlled({ onResult }: { onResult?: (r: UseScrollToEndResult) => void }) {
      const [reachedEnd, setReachedEnd] = useState(false);
      return (
        <>
          <ScrollHarness options={{ reachedEnd, onReachedEndChange: setReachedEnd }} onResult={onResult} />
          <button type="button" onClick={() => setReachedEnd(false)}>
            Start over
          </button>
        </>
      );
    }

    it('reports reaching the end to the owner, and starts over when the owner resets it', async () => {
      let result: UseScrollToEndResult | undefined;
      await render(<Controlled onResult={(r) => (result = r)} />);
      areaElement().scrollTop = areaElement().scrollHeight;
      await expect.element(reached(true)).toBeVisible();
      expect(result?.reachedEndAt).toBeInstanceOf(Date);

      areaElement().scrollTop = 0;
      await page.getByRole('button', { name: 'Start over' }).click();
      await expect.element(reached(false)).toBeVisible();
      await frames(3);
      await expect.element(page.getByText('Progress: 0%')).toBeVisible();
      expect(result?.reachedEndAt).toBeNull();

      areaElement().scrollTop = areaElement().scrollHeight;
      await expect.element(reached(true)).toBeVisible();
    });

    it('starts reached with defaultReachedEnd, without a time', async () => {
      let result: UseScrollToEndResult | undefined;
      await render(<ScrollHarness options={{ defaultReachedEnd: true }} onResult={(r) => (result = r)} />);
      await expect.element(reached(true)).toBeVisible();
      await expect.element(page.getByText('Progress: 100%')).toBeVisible();
      expect(result?.reachedEndAt).toBeNull();
    });
  });

  describe('when unmounted', () => {
    it('disconnects its observers and logs nothing afterwards', async () => {
      const errors = vi.spyOn(console, 'error');
      const warnings = vi.spyOn(console, 'warn');
      const io = vi.spyOn(IntersectionObserver.prototype, 'disconnect');
      const ro = vi.spyOn(ResizeObserver.prototype, 'disconnect');
      const mo = vi.spyOn(MutationObserver.prototype, 'disconnect');
      const { unmount } = await render(<ScrollHarness />);
      const el = areaElement();
      await frames(2);
      // Queue a measurement, then unmount before its frame runs.
      el.scrollTop = 500;
      el.dispatchEvent(new Event('scroll'));
      io.mockClear();
      ro.mockClear();
      mo.mockClear();
      await unmount();
      expect(io).toHaveBeenCalled();
      expect(ro).toHaveBeenCalled();
      expect(mo).toHaveBeenCalled();
      await frames(4);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    });
  });
});
