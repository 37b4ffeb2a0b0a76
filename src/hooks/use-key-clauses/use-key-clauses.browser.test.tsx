'use client';
import axe from 'axe-core';
import { Profiler, StrictMode, useState } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdp, page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { within } from '@testing-library/dom';
import { parseAgreement } from '../../core/agreement';
import { mountFrame, type TestFrame } from '../../internal/frame.test-utils';
import { frames } from '../use-scroll-to-end/harness.test-utils';
import type { UseKeyClausesResult } from './index';
import { ClausesHarness, TERMS } from './harness.test-utils';

const area = () => page.getByRole('region', { name: 'Agreement' }).element() as HTMLElement;
const clauseEl = (id: string) =>
  document.querySelector(`[data-key-clause="${CSS.escape(id)}"]`) as HTMLElement;
const seenOrder = () =>
  (page.getByRole('status', { name: 'Seen order' }).element().textContent ?? '').split(' ').filter(Boolean);
const seenCountText = () => page.getByText(/^Seen \d+ of \d+$/).element().textContent;
const nextButton = () => page.getByRole('button', { name: 'Next unseen clause' });

/** The clause's top relative to the visible top of the scroll area, in CSS pixels. */
function offsetInArea(id: string): number {
  return clauseEl(id).getBoundingClientRect().top - area().getBoundingClientRect().top;
}

/** Scrolls the area so the clause's top is `from` pixels below the area's top. */
function scrollClauseTo(id: string, from = 0) {
  area().scrollTop += offsetInArea(id) - from;
}

async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, { resultTypes: ['violations'] });
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const LATE = 'vi-legal-liability-and-disclaimer--8';
const MIDDLE = 'v-rights-and-obligations--9';
const EARLIER = '2-account-usage-standards--2-1';
const NESTED = '1-suspension-interruption-and-termination-of-services--1-3--2';

afterEach(async () => {
  vi.restoreAllMocks();
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

describe('useKeyClauses in Chromium', () => {
  it('uses the parsed Instadesk terms, with clauses the tests rely on', () => {
    const ids = TERMS.keyClauses.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([LATE, MIDDLE, EARLIER, NESTED]));
    expect(ids.indexOf(EARLIER)).toBeLessThan(ids.indexOf(MIDDLE));
  });

  describe('given the agreement at the top of its scroll area', () => {
    it('counts the clauses on screen as seen, and no others', async () => {
      const { container } = await render(<ClausesHarness />);
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      await frames(3);
      const seen = seenOrder();
      expect(seen[0]).toBe(TERMS.keyClauses[0]?.id);
      await expect.element(page.getByText(`Seen ${seen.length} of 45`)).toBeVisible();
      const areaBox = area().getBoundingClientRect();
      for (const id of seen) {
        expect(clauseEl(id).getBoundingClientRect().top).toBeLessThan(areaBox.bottom);
        expect(clauseEl(id)).toHaveAttribute('data-seen', '');
      }
      expect(clauseEl(LATE)).not.toHaveAttribute('data-seen');
      expect(clauseEl(LATE).id).not.toBe('');
      await expectNoAxeViolations(container);
    });
  });

  describe('under StrictMode (effects and refs run twice)', () => {
    it('tracks clauses and jumps to them as usual', async () => {
      await render(
        <StrictMode>
          <ClausesHarness />
        </StrictMode>,
      );
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      await nextButton().click();
      await expect.poll(() => document.activeElement?.hasAttribute('data-key-clause')).toBe(true);
      const id = document.activeElement?.getAttribute('data-key-clause') ?? '';
      await expect.poll(seenOrder).toContain(id);
      expect(new Set(seenOrder()).size).toBe(seenOrder().length);
    });
  });

  describe('when the reader scrolls a clause into view', () => {
    it('marks it seen, adds it to the count and to the end of the order', async () => {
      await render(<ClausesHarness />);
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      const before = seenOrder();
      scrollClauseTo(MIDDLE, 20);
      await expect.poll(seenOrder).toContain(MIDDLE);
      expect(clauseEl(MIDDLE)).toHaveAttribute('data-seen', '');
      const after = seenOrder();
      // Appended after what was seen before (with its neighbours now on screen, in document order).
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length)).toContain(MIDDLE);
      const ids = TERMS.keyClauses.map((c) => c.id);
      const added = after.slice(before.length);
      expect(added).toEqual([...added].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
      await expect.element(page.getByText(`Seen ${after.length} of 45`)).toBeVisible();
    });

    it('keeps the order clauses were first seen in, not document order', async () => {
      await render(<ClausesHarness />);
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      scrollClauseTo(MIDDLE, 20);
      await expect.poll(seenOrder).toContain(MIDDLE);
      scrollClauseTo(EARLIER, 20);
      await expect.poll(seenOrder).toContain(EARLIER);
      const order = seenOrder();
      expect(order.indexOf(MIDDLE)).toBeLessThan(order.indexOf(EARLIER));
    });

    it('does not count a clause with less than half of it on screen, then does with more', async () => {
      await render(<ClausesHarness />);
      await frames(3);
      const height = clauseEl(LATE).getBoundingClientRect().height;
      expect(height).toBeLessThan(area().clientHeight / 2);
      // 30% of the clause showing at the bottom of the area.
      scrollClauseTo(LATE, area().clientHeight - height * 0.3);
      await frames(4);
      expect(clauseEl(LATE)).not.toHaveAttribute('data-seen');
      // 70%.
      scrollClauseTo(LATE, area().clientHeight - height * 0.7);
      await expect.poll(() => clauseEl(LATE).hasAttribute('data-seen')).toBe(true);
    });

    it('marks a nested clause seen on its own', async () => {
      await render(<ClausesHarness />);
      scrollClauseTo(NESTED, 10);
      await expect.poll(() => clauseEl(NESTED).hasAttribute('data-seen')).toBe(true);
      expect(clauseEl(NESTED).parentElement?.closest('[data-key-clause]')).not.toBeNull();
    });

    it('reaches "Seen 45 of 45" after scrolling through the whole agreement', async () => {
      const onClauseSeen = vi.fn();
      let result: UseKeyClausesResult | undefined;
      await render(<ClausesHarness options={{ onClauseSeen }} onResult={(r) => (result = r)} />);
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      const el = area();
      while (Math.ceil(el.scrollTop) + el.clientHeight < el.scrollHeight) {
        el.scrollTop += el.clientHeight / 2;
        await frames(2);
      }
      const missing = () => TERMS.keyClauses.map((c) => c.id).filter((id) => !seenOrder().includes(id));
      await expect.poll(missing).toEqual([]);
      await expect.element(page.getByText('Seen 45 of 45')).toBeVisible();
      expect(result?.allSeen).toBe(true);
      expect(result?.nextUnseen).toBeNull();
      await expect.element(nextButton()).not.toBeInTheDocument();
      expect(onClauseSeen).toHaveBeenCalledTimes(45);
      expect(onClauseSeen.mock.calls.map(([clause]) => clause.id)).toEqual(seenOrder());
      expect(onClauseSeen.mock.calls.every(([, at]) => at instanceof Date)).toBe(true);
    });
  });

  describe('when several clauses come into view in one frame', () => {
    it('adds them in one update, in document order', async () => {
      let commits = 0;
      await render(
        <Profiler id="harness" onRender={() => (commits += 1)}>
          <ClausesHarness />
        </Profiler>,
      );
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      await frames(4);
      const before = seenOrder();
      const baseline = commits;
      // Many scroll events, ending with a screenful of section V's key clauses in view.
      for (let i = 0; i < 50; i += 1) {
        area().scrollTop += 1;
        area().dispatchEvent(new Event('scroll'));
      }
      scrollClauseTo(MIDDLE, 0);
      await frames(4);
      const added = seenOrder().slice(before.length);
      expect(added.length).toBeGreaterThanOrEqual(2);
      const ids = TERMS.keyClauses.map((c) => c.id);
      expect(added).toEqual([...added].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
      // One commit for the clauses (the scroll progress may land in the same one or its own).
      expect(commits - baseline).toBeGreaterThanOrEqual(1);
      expect(commits - baseline).toBeLessThanOrEqual(2);
    });
  });

  describe('given server-rendered markup', () => {
    it('hydrates without mismatches, then tracks clauses', async () => {
      const errors = vi.spyOn(console, 'error');
      const container = document.createElement('div');
      container.innerHTML = renderToString(<ClausesHarness />);
      document.body.append(container);
      const ids = [...container.querySelectorAll('[data-key-clause]')].map((el) => el.id);
      const root = hydrateRoot(container, <ClausesHarness />);
      try {
        await expect.poll(() => container.querySelector('[data-seen]')).not.toBeNull();
        expect([...container.querySelectorAll('[data-key-clause]')].map((el) => el.id)).toEqual(ids);
        await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
        expect(errors.mock.calls).toEqual([]);
      } finally {
        root.unmount();
        container.remove();
      }
    });
  });

  describe('given a clause taller than the scroll area', () => {
    const filler = 'Plain words that are not a key clause. '.repeat(40);
    const tall = parseAgreement({
      id: 'tall',
      version: '1',
      markdown: `# Tall\n\n${filler}\n\n**${'A very long key clause. '.repeat(500).trim()}**\n\n${filler}\n`,
    });
    const id = tall.keyClauses[0]?.id ?? '';

    it('is one key clause', () => {
      expect(tall.keyClauses).toHaveLength(1);
    });

    it('counts it once it fills half of the area, though far less than half of it shows', async () => {
      await render(<ClausesHarness agreement={tall} />);
      await frames(3);
      const clauseHeight = clauseEl(id).getBoundingClientRect().height;
      const areaHeight = area().clientHeight;
      expect(clauseHeight).toBeGreaterThan(areaHeight * 3);
      scrollClauseTo(id, areaHeight * 0.7); // fills 30% of the area
      await frames(4);
      expect(clauseEl(id)).not.toHaveAttribute('data-seen');
      scrollClauseTo(id, areaHeight * 0.4); // fills 60% of the area
      await expect.element(page.getByText('Seen 1 of 1')).toBeVisible();
    });

    it('counts it when the reader is in its middle (no observer threshold crossed)', async () => {
      await render(<ClausesHarness agreement={tall} />);
      await frames(3);
      scrollClauseTo(id, area().clientHeight * 0.9);
      await frames(3);
      expect(clauseEl(id)).not.toHaveAttribute('data-seen');
      // Jump past its start: from here the clause fills the whole area.
      scrollClauseTo(id, -area().clientHeight * 2);
      await expect.element(page.getByText('Seen 1 of 1')).toBeVisible();
    });
  });

  describe('when the scroll area is below the fold of the page', () => {
    it('counts nothing until the page scrolls it into view', async () => {
      await render(
        <>
          <div style={{ height: 2000 }} />
          <ClausesHarness />
          <div style={{ height: 2000 }} />
        </>,
      );
      await frames(4);
      await expect.element(page.getByText('Seen 0 of 45')).toBeInTheDocument();
      document.scrollingElement?.scrollTo({ top: 1900, behavior: 'instant' });
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      document.scrollingElement?.scrollTo({ top: 0, behavior: 'instant' });
    });
  });

  describe('when the scroll area is in a frame that the page shows only the top of', () => {
    let embedded: TestFrame | undefined;
    afterEach(() => {
      embedded?.remove();
      embedded = undefined;
    });

    it.each([
      ['a page of the same origin', false],
      ['a page of another origin (no frameElement to measure)', true],
    ])(
      'in %s, counts nothing that is in the frame but below the page, until the page scrolls it into view',
      async (_, foreign) => {
        embedded = await mountFrame({ height: 1200, foreign });
        // In the frame's own viewport (1200px), below the page's (768px).
        embedded.render(
          <>
            <div style={{ height: 800 }}>The signup form</div>
            <ClausesHarness />
          </>,
        );
        const inFrame = within(embedded.doc.body);
        const region = inFrame.getByRole('region', { name: 'Agreement' }).getBoundingClientRect();
        expect(region.bottom).toBeLessThan(embedded.doc.documentElement.clientHeight);
        expect(embedded.frame.getBoundingClientRect().top + region.top).toBeGreaterThan(window.innerHeight);
        await frames(6);
        expect(inFrame.getByText('Seen 0 of 45')).toBeTruthy();
        window.scrollTo({ top: 600, behavior: 'instant' });
        await expect.poll(() => inFrame.queryByText('Seen 0 of 45')).toBeNull();
        expect(inFrame.getByText(/^Seen [1-9]\d* of 45$/)).toBeTruthy();
      },
    );

    it("in a page of another origin, counts a clause taller than the area only once enough of the area is on that page's screen", async () => {
      embedded = await mountFrame({ height: 1200, foreign: true });
      embedded.render(
        <>
          <div style={{ height: 800 }}>The signup form</div>
          <ClausesHarness height={100} />
        </>,
      );
      const inFrame = within(embedded.doc.body);
      const seenInFrame = () =>
        (inFrame.getByRole('status', { name: 'Seen order' }).textContent ?? '').split(' ').filter(Boolean);
      const areaEl = inFrame.getByRole('region', { name: 'Agreement' });
      // A clause more than twice the area's height: it fills the area, and needs half of the area.
      const tall = [...embedded.doc.querySelectorAll<HTMLElement>('[data-key-clause]')].find(
        (el) => el.getBoundingClientRect().height > 250,
      )!;
      const id = tall.getAttribute('data-key-clause')!;
      areaEl.scrollTop += tall.getBoundingClientRect().top - areaEl.getBoundingClientRect().top - 10;
      // The page shows the top 30px of the area: in the frame, the clause fills all 100.
      const areaTop = embedded.frame.getBoundingClientRect().top + areaEl.getBoundingClientRect().top;
      window.scrollTo({ top: areaTop - (window.innerHeight - 30), behavior: 'instant' });
      await frames(6);
      expect(seenInFrame()).not.toContain(id);
      window.scrollBy({ top: 100, behavior: 'instant' });
      await expect.poll(seenInFrame).toContain(id);
    });
  });

  describe('when something is drawn over a clause on screen (a sticky bar, a banner)', () => {
    it('counts it only once it is clear of the cover, even with nothing scrolled', async () => {
      await render(
        <>
          <ClausesHarness />
          <div
            data-testid="banner"
            style={{ position: 'fixed', insetInline: 0, top: 0, height: 2000, background: 'white' }}
          >
            We use cookies.
          </div>
        </>,
      );
      scrollClauseTo(MIDDLE, 20);
      await frames(6);
      // On screen, inside the area and the viewport, but under the banner: not seen.
      expect(seenOrder()).toEqual([]);
      (page.getByTestId('banner').element() as HTMLElement).hidden = true;
      await expect.poll(seenOrder).toContain(MIDDLE);
    });
  });

  describe('when the reader jumps to the next unseen clause', () => {
    it('scrolls only the area to it, focuses it, marks it seen and moves on', async () => {
      await render(
        <>
          <ClausesHarness />
          <div style={{ height: 3000 }} />
        </>,
      );
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      const target = nextButton().element().getAttribute('aria-controls') ?? '';
      const el = document.getElementById(target) as HTMLElement;
      expect(el).not.toBeNull();
      const id = el.getAttribute('data-key-clause') ?? '';
      expect(seenOrder()).not.toContain(id);

      await nextButton().click();
      await expect.poll(() => document.activeElement).toBe(el);
      await expect.poll(() => Math.abs(offsetInArea(id)), { timeout: 5000 }).toBeLessThanOrEqual(1);
      await expect.poll(seenOrder).toContain(id);
      expect(el).toHaveAttribute('data-seen', '');
      expect(document.scrollingElement?.scrollTop).toBe(0);
      await expect.element(nextButton()).not.toHaveAttribute('aria-controls', target);
    });

    it('jumps at once when the user prefers reduced motion, smoothly otherwise', async () => {
      let result: UseKeyClausesResult | undefined;
      await render(<ClausesHarness onResult={(r) => (result = r)} />);
      await frames(2);
      result?.scrollToClause(MIDDLE);
      expect(Math.abs(offsetInArea(MIDDLE))).toBeGreaterThan(100); // still animating
      await expect.poll(() => Math.abs(offsetInArea(MIDDLE)), { timeout: 5000 }).toBeLessThanOrEqual(1);

      await cdp().send('Emulation.setEmulatedMedia', {
        features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
      });
      result?.scrollToClause(LATE);
      expect(Math.abs(offsetInArea(LATE))).toBeLessThanOrEqual(1);
    });

    it('leaves focus alone with { focus: false }', async () => {
      let result: UseKeyClausesResult | undefined;
      await render(<ClausesHarness onResult={(r) => (result = r)} />);
      nextButton().element().focus();
      result?.scrollToClause(NESTED, { focus: false, behavior: 'instant' });
      expect(Math.abs(offsetInArea(NESTED))).toBeLessThanOrEqual(1);
      await expect.element(nextButton()).toHaveFocus();
      await expect.poll(() => clauseEl(NESTED).hasAttribute('data-seen')).toBe(true);
    });
  });

  describe('when seen is controlled', () => {
    function Controlled({ initial }: { initial: string[] }) {
      const [seen, setSeen] = useState<string[]>(initial);
      return (
        <>
          <ClausesHarness options={{ seen, onSeenChange: setSeen }} />
          <button type="button" onClick={() => setSeen([])}>
            Forget
          </button>
        </>
      );
    }

    it('shows the owner’s list, appends to it, and honours a reset', async () => {
      await render(<Controlled initial={[LATE]} />);
      await expect.poll(() => seenOrder().length).toBeGreaterThan(1);
      expect(seenOrder()[0]).toBe(LATE);
      expect(clauseEl(LATE)).toHaveAttribute('data-seen', '');
      const onScreen = seenOrder().slice(1);

      await page.getByRole('button', { name: 'Forget' }).click();
      // Off screen, so forgotten; the clauses on screen count again at once.
      await expect.poll(seenOrder).toEqual(onScreen);
      expect(clauseEl(LATE)).not.toHaveAttribute('data-seen');
    });

    it('reports each clause once to onClauseSeen while the owner takes its time to apply the change', async () => {
      const onClauseSeen = vi.fn();
      function Slow() {
        const [seen, setSeen] = useState<readonly string[]>([]);
        return (
          <ClausesHarness
            options={{ seen, onClauseSeen, onSeenChange: (ids) => setTimeout(() => setSeen(ids), 300) }}
          />
        );
      }
      await render(<Slow />);
      // Each scroll re-measures the clauses on screen, frame after frame, before the owner's
      // new list arrives: asked again, but the same clauses are not reported again.
      for (let i = 0; i < 20; i++) {
        area().scrollTop += 1;
        await frames(1);
      }
      await expect.poll(() => seenOrder().length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const reported = onClauseSeen.mock.calls.map(([clause]) => (clause as { id: string }).id);
      expect(reported).toEqual(seenOrder());
    });

    it('starts from defaultSeen when uncontrolled', async () => {
      await render(<ClausesHarness options={{ defaultSeen: [LATE] }} />);
      await expect.poll(() => seenOrder().length).toBeGreaterThan(1);
      expect(seenOrder()[0]).toBe(LATE);
      expect(seenCountText()).toBe(`Seen ${seenOrder().length} of 45`);
    });
  });

  describe('given a clause id that is not in the agreement', () => {
    it('warns, naming the ids that exist, and does not crash', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      let result: UseKeyClausesResult | undefined;
      await render(<ClausesHarness extraClauseIds={['no-such-clause']} onResult={(r) => (result = r)} />);
      await expect.element(page.getByText('no-such-clause')).toBeInTheDocument();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('getClauseProps("no-such-clause")'));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`"${LATE}"`));
      expect(() => result?.scrollToClause('also-missing')).not.toThrow();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('scrollToClause("also-missing")'));
    });
  });

  describe('given a key clause rendered twice', () => {
    it('warns that only one element is tracked', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await render(<ClausesHarness extraClauseIds={[LATE]} />);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('rendered by more than one element'));
    });
  });

  describe('given an agreement without key clauses', () => {
    it('has nothing to see, and all of it seen', async () => {
      let result: UseKeyClausesResult | undefined;
      const plain = parseAgreement({ id: 'plain', version: '1', markdown: '# Plain\n\nNo bold here.\n' });
      await render(<ClausesHarness agreement={plain} onResult={(r) => (result = r)} />);
      await expect.element(page.getByText('Seen 0 of 0')).toBeVisible();
      expect(result?.allSeen).toBe(true);
      expect(result?.nextUnseen).toBeNull();
    });
  });

  describe('when unmounted', () => {
    it('disconnects its observer and logs nothing afterwards', async () => {
      const errors = vi.spyOn(console, 'error');
      const warnings = vi.spyOn(console, 'warn');
      const disconnect = vi.spyOn(IntersectionObserver.prototype, 'disconnect');
      const { unmount } = await render(<ClausesHarness />);
      await frames(2);
      area().scrollTop = 2000;
      disconnect.mockClear();
      await unmount();
      // Two: the key clauses' observer and useScrollToEnd's end marker observer.
      expect(disconnect).toHaveBeenCalledTimes(2);
      window.dispatchEvent(new Event('scroll'));
      window.dispatchEvent(new Event('resize'));
      await frames(4);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    });
  });
});
