'use client';
import { Profiler, StrictMode, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../../core/agreement';
import { en } from '../../messages';
import { AgreementView } from '../agreement-view';
import { ClickwrapPage } from '../clickwrap-page';
import { KeyClauseSummary } from '../key-clause-summary';
import { ClickwrapRoot, useClickwrapContext } from '../root';
import { TableOfContents } from '../table-of-contents';
import { SIGNER, terms } from '../test-utils.test-utils';
import { LONG_AGREEMENT_CHARS, PARTS_ABOVE_CHARS } from './parts';

/** Three copies of the Instadesk Terms (95 KB): long enough to be rendered in parts. */
const long = parseAgreement({
  id: 'long',
  version: '1',
  markdown: Array.from({ length: 3 }, () => terms).join('\n'),
});

// Scrolls are instant, as a wheel or a key press moves the area (styles.css makes scripted
// scrolls smooth).
const frames = async (count = 3) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

async function renderLong(zoom: number) {
  const screen = await render(
    <div style={{ zoom }}>
      <ClickwrapRoot agreement={long} signer={SIGNER} onAccept={() => {}}>
        {/* 48 entries: collapsed from 30 (the default, 60, keeps three copies expanded). */}
        <TableOfContents collapseAbove={30} />
        <AgreementView style={{ height: 240 }} />
      </ClickwrapRoot>
    </div>,
  );
  const area = screen.container.querySelector<HTMLElement>('.rcw-agreement')!;
  const parts = [...area.querySelectorAll<HTMLElement>('.rcw-agreement-part')];
  /** Whether the agreement's last line is inside the area's visible box (a pixel of rounding). */
  const lastLineVisible = () => {
    const last = [...area.querySelectorAll('.rcw-agreement-part')].at(-1)!.lastElementChild!;
    const box = area.getBoundingClientRect();
    const line = last.getBoundingClientRect();
    return line.bottom <= box.bottom + 1 && line.bottom > box.top;
  };
  return { screen, area, parts, lastLineVisible };
}

/**
 * Renders `ui` with the batches of parts held back (they mount from setTimeout), runs `act` while
 * parts are still pending, and gives the scroll area and how many parts were pending before it.
 */
async function withPartsHeldBack(
  ui: ReactNode,
  act: (screen: Awaited<ReturnType<typeof render>>, area: HTMLElement) => Promise<void>,
) {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  try {
    const screen = await render(ui);
    const area = screen.container.querySelector<HTMLElement>('.rcw-agreement')!;
    const pendingBefore = area.querySelectorAll('[data-pending]').length;
    await act(screen, area);
    return { area, pendingBefore };
  } finally {
    vi.useRealTimers();
  }
}

/** Whether the agreement's last line is inside the area's visible box (a pixel of rounding). */
function expectAtTheRealEnd(area: HTMLElement) {
  const last = area.querySelector('.rcw-agreement-content')!.lastElementChild!.lastElementChild!;
  expect(last.getBoundingClientRect().bottom).toBeLessThanOrEqual(area.getBoundingClientRect().bottom + 1);
}

describe('long documents (issue 11)', () => {
  it('renders a long agreement in parts, skipped off screen but all in the DOM; short ones as before', async () => {
    expect(long.markdown.length).toBeGreaterThan(LONG_AGREEMENT_CHARS);
    const { area, parts } = await renderLong(1);
    expect(parts.length).toBeGreaterThan(10);
    // Parts mount a few at a time after the first frame (the last at once); soon all are there.
    await expect.poll(() => area.querySelectorAll('[data-pending]').length, { timeout: 15_000 }).toBe(0);
    // Every part but the last is laid out only near the screen; the last always is.
    for (const part of parts.slice(0, -1)) expect(getComputedStyle(part).contentVisibility).toBe('auto');
    expect(getComputedStyle(parts.at(-1)!).contentVisibility).toBe('visible');
    // The whole text is there (find in page, selection and screen readers read the DOM).
    const lastWords = terms
      .trim()
      .split('\n')
      .at(-1)!
      .replace(/[*_#>-]/g, '')
      .trim()
      .slice(-40);
    expect(parts[0]!.textContent?.length).toBeGreaterThan(100);
    expect(area.textContent).toContain(lastWords);
    expect(area.querySelectorAll('[data-key-clause]')).toHaveLength(long.keyClauses.length);

    // A short agreement (a few screens at most) renders every block at once, in no part.
    const shortText = terms.slice(0, terms.indexOf('\n\n', 4000));
    expect(shortText.length).toBeLessThan(PARTS_ABOVE_CHARS);
    const short = await render(
      <ClickwrapRoot
        agreement={parseAgreement({ id: 's', version: '1', markdown: shortText })}
        signer={SIGNER}
        onAccept={() => {}}
      >
        <AgreementView style={{ height: 240 }} />
      </ClickwrapRoot>,
    );
    expect(short.container.querySelector('.rcw-agreement-part')).toBeNull();
    expect(short.container.querySelectorAll('[data-key-clause]').length).toBeGreaterThan(0);
  });

  it('renders the default agreement in parts: its first screens and its last part with the first commit, the rest right after', async () => {
    const agreement = parseAgreement({ id: 'default', version: '1', markdown: terms });
    expect(agreement.markdown.length).toBeGreaterThan(PARTS_ABOVE_CHARS);
    expect(agreement.markdown.length).toBeLessThan(LONG_AGREEMENT_CHARS);
    // Held back, so the first commit is what is looked at.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let first: { mounted: string[]; pending: number; lastMounted: boolean; firstText: string };
    let area: HTMLElement;
    try {
      const screen = await render(
        <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
          <AgreementView style={{ height: 240 }} />
        </ClickwrapRoot>,
      );
      area = screen.container.querySelector<HTMLElement>('.rcw-agreement')!;
      const parts = [...area.querySelectorAll<HTMLElement>('.rcw-agreement-part')];
      first = {
        mounted: parts.filter((p) => !p.hasAttribute('data-pending')).map((p) => p.textContent ?? ''),
        pending: parts.filter((p) => p.hasAttribute('data-pending')).length,
        lastMounted: !parts.at(-1)!.hasAttribute('data-pending'),
        firstText: parts[0]!.textContent ?? '',
      };
    } finally {
      // Lets the held-back batch go (later ones, if any, run on real timers).
      vi.runOnlyPendingTimers();
      vi.useRealTimers();
    }
    expect(first.pending).toBeGreaterThan(3);
    expect(first.lastMounted).toBe(true);
    expect(first.firstText).toContain('Instadesk');
    // Pending parts hold their estimated height, so the end is not on the first screen.
    expect(area.scrollHeight).toBeGreaterThan(area.clientHeight * 10);
    // Then every part mounts, and the whole text with every key clause is in the DOM.
    await expect.poll(() => area.querySelectorAll('[data-pending]').length, { timeout: 15_000 }).toBe(0);
    expect(area.querySelectorAll('[data-key-clause]')).toHaveLength(agreement.keyClauses.length);
    expect(area.hasAttribute('data-reached-end')).toBe(false);
    // Not a long document: every part is laid out once mounted, so sizes are exact (a smooth
    // scroll lands where it aimed).
    for (const part of area.querySelectorAll('.rcw-agreement-part')) {
      expect(part.hasAttribute('data-skip-offscreen')).toBe(false);
      expect(getComputedStyle(part).contentVisibility).toBe('visible');
    }
  });

  it("hydrates a long agreement from the server's HTML with no warnings, keeping every part", async () => {
    const ui = (
      <StrictMode>
        <ClickwrapPage agreement={long} signer={SIGNER} onAccept={() => {}} />
      </StrictMode>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(ui);
    document.body.append(container);
    const parts = container.querySelectorAll('[data-agreement-part]').length;
    const error = vi.spyOn(console, 'error');
    const onRecoverableError = vi.fn();
    const root = hydrateRoot(container, ui, { onRecoverableError });
    try {
      await frames(6);
      expect(error).not.toHaveBeenCalled();
      expect(onRecoverableError).not.toHaveBeenCalled();
      expect(container.querySelectorAll('[data-agreement-part]')).toHaveLength(parts);
      expect(container.querySelector('[data-pending]')).toBeNull();
      expect(container.querySelectorAll('.rcw-agreement [data-key-clause]')).toHaveLength(
        long.keyClauses.length,
      );
    } finally {
      root.unmount();
      container.remove();
      error.mockRestore();
    }
  });

  it('never re-renders the agreement view while the reader scrolls a long agreement through', async () => {
    const onRender = vi.fn();
    const screen = await render(
      <ClickwrapRoot agreement={long} signer={SIGNER} onAccept={() => {}}>
        <Profiler id="view" onRender={onRender}>
          <AgreementView style={{ height: 240 }} />
        </Profiler>
        <KeyClauseSummary />
      </ClickwrapRoot>,
    );
    const area = screen.container.querySelector<HTMLElement>('.rcw-agreement')!;
    await expect.poll(() => area.querySelectorAll('[data-pending]').length, { timeout: 15_000 }).toBe(0);
    await frames(5);
    onRender.mockClear();
    for (let i = 1; i <= 200; i++) {
      area.scrollTo({ top: ((area.scrollHeight - area.clientHeight) * i) / 200, behavior: 'instant' });
      await frames(1);
    }
    await expect.poll(() => area.hasAttribute('data-reached-end'), { timeout: 15_000 }).toBe(true);
    // Clauses were seen along the way (the summary followed), with no commit in the view.
    expect(area.querySelectorAll('[data-key-clause][data-seen]').length).toBeGreaterThan(10);
    expect(onRender).not.toHaveBeenCalled();
  });

  it.each([1, 1.5, 2])(
    'at zoom %s, reports reading to the end exactly when the last line is on screen, not before',
    async (zoom) => {
      const { area, lastLineVisible } = await renderLong(zoom);
      await frames();
      expect(area.hasAttribute('data-reached-end')).toBe(false);
      // Scroll as a reader would, a screenful at a time; at every stop the end is reported only
      // if the last line is visible.
      let stops = 0;
      let previous = -1;
      while (!lastLineVisible() && area.scrollTop !== previous) {
        previous = area.scrollTop;
        area.scrollTo({ top: area.scrollTop + area.clientHeight * 0.9, behavior: 'instant' });
        stops++;
        await frames(2);
        if (area.hasAttribute('data-reached-end')) expect(lastLineVisible()).toBe(true);
      }
      expect(stops).toBeGreaterThan(20);
      expect(lastLineVisible(), `stopped at ${area.scrollTop} of ${area.scrollHeight}`).toBe(true);
      // Now at the end: reported.
      await expect.poll(() => area.hasAttribute('data-reached-end'), { timeout: 15_000 }).toBe(true);
      expect(lastLineVisible()).toBe(true);
    },
  );

  it.each([1, 1.5, 2])(
    'at zoom %s, a jump near the end (sizes still estimated) is not the end; the end itself is',
    async (zoom) => {
      const { area, lastLineVisible } = await renderLong(zoom);
      await frames();
      // Half a screen short of the end, in one jump past parts never rendered.
      area.scrollTo({ top: area.scrollHeight - area.clientHeight * 1.5, behavior: 'instant' });
      await frames(6);
      if (!lastLineVisible()) expect(area.hasAttribute('data-reached-end')).toBe(false);
      // The End key: the area scrolls to its (now known) end.
      area.focus();
      await userEvent.keyboard('{End}');
      await expect.poll(() => area.hasAttribute('data-reached-end'), { timeout: 15_000 }).toBe(true);
      await expect.poll(lastLineVisible, { timeout: 15_000 }).toBe(true);
    },
  );

  it.each([1, 1.5, 2])('at zoom %s, marks key clauses seen only when they are on screen', async (zoom) => {
    const { area } = await renderLong(zoom);
    const clauses = () => [...area.querySelectorAll<HTMLElement>('[data-key-clause]')];
    const onScreen = (el: HTMLElement) => {
      const box = area.getBoundingClientRect();
      const rect = el.getBoundingClientRect();
      return rect.bottom > box.top && rect.top < box.bottom;
    };
    const check = async () => {
      await frames(4);
      const seen = clauses().filter((el) => el.hasAttribute('data-seen'));
      // No scrolling since the last check but the jump: whatever is newly seen is on screen now.
      return seen;
    };
    let before = new Set(await check());
    for (const el of before) expect(onScreen(el)).toBe(true);
    for (const fraction of [0.35, 0.7]) {
      area.scrollTo({ top: (area.scrollHeight - area.clientHeight) * fraction, behavior: 'instant' });
      const seen = await check();
      const added = seen.filter((el) => !before.has(el));
      for (const el of added) expect(onScreen(el)).toBe(true);
      before = new Set(seen);
    }
    // Most clauses were never on screen, and are not marked.
    expect(before.size).toBeLessThan(clauses().length / 2);
  });

  it('lists the clauses of open sections only in a summary of more than 100, others open on demand', async () => {
    expect(long.keyClauses.length).toBeGreaterThan(100);
    const screen = await render(
      <ClickwrapRoot agreement={long} signer={SIGNER} onAccept={() => {}}>
        <AgreementView style={{ height: 240 }} />
        <KeyClauseSummary />
      </ClickwrapRoot>,
    );
    const summary = page.getByRole('region', { name: en.keyClausesHeading });
    const toolbar = summary.getByRole('toolbar');
    const clauseButtons = () =>
      toolbar
        .getByRole('button')
        .elements()
        .filter((b) => !b.hasAttribute('aria-expanded'));
    const shown = clauseButtons().length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(long.keyClauses.length / 2);
    const closed = toolbar.getByRole('button', { expanded: false });
    const count = closed.elements().length;
    expect(count).toBeGreaterThan(3);
    // One Tab stop still: the first clause; the arrow keys reach the section buttons as well.
    const first = clauseButtons()[0]!;
    expect(first.tabIndex).toBe(0);
    expect(closed.elements().every((b) => b.tabIndex === -1)).toBe(true);
    first.focus();
    for (let i = 0; i < shown; i++) await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-expanded')).toBe('false');
    // Opening a section lists its clauses, named as before.
    const section = closed.first();
    const name = section.element().textContent ?? '';
    await section.click();
    await expect.poll(() => clauseButtons().length).toBeGreaterThan(shown);
    expect(toolbar.getByRole('button', { expanded: true }).elements()[0]?.textContent).toBe(name);
    expect(screen.container.querySelectorAll('[data-collapsed]')).toHaveLength(count - 1);
  });

  it('lists only the top-level sections of a long table of contents, subsections on demand, under a visible heading', async () => {
    const { screen } = await renderLong(1);
    const nav = page.getByRole('navigation', { name: en.tocLabel });
    await expect.element(nav.getByRole('heading', { name: en.tocLabel })).toBeVisible();
    // Three copies, each one top-level section: three links, three collapsed groups.
    const toggles = nav.getByRole('button', { name: new RegExp(`^${en.tocSubsections} `) });
    expect(toggles.elements()).toHaveLength(3);
    const topLinks = nav.getByRole('link').elements();
    expect(topLinks).toHaveLength(3);
    const first = toggles.first();
    await expect.element(first).toHaveAttribute('aria-expanded', 'false');
    await first.click();
    await expect.element(first).toHaveAttribute('aria-expanded', 'true');
    const links = nav.getByRole('link').elements();
    expect(links.length).toBeGreaterThan(4);
    // A subsection link still takes the reader to its section, focused.
    const sub = links.find((a) => a.textContent?.includes('VIII'))!;
    await userEvent.click(sub);
    const target = screen.container.querySelector(sub.getAttribute('href')!)!;
    await expect.poll(() => document.activeElement).toBe(target);
  });
});

describe('jumps into parts not mounted yet', () => {
  it('a link in the agreement to a section in a pending part mounts the parts and lands on its heading', async () => {
    // The default agreement with a link at its top to its last top-level section but one (the
    // last is in the last part, always mounted).
    const last = parseAgreement({ id: 'x', version: '1', markdown: terms })
      .sections.filter((s) => s.depth === 2)
      .at(-2)!;
    const agreement = parseAgreement({
      id: 'linked',
      version: '1',
      markdown: `See [the last section](#${last.id}).\n\n${terms}`,
    });
    const { area, pendingBefore } = await withPartsHeldBack(
      <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
        <AgreementView style={{ height: 240 }} />
      </ClickwrapRoot>,
      async () => {
        expect(page.getByRole('heading', { name: last.title }).elements()).toHaveLength(0);
        await page.getByRole('link', { name: 'the last section' }).click();
      },
    );
    expect(pendingBefore).toBeGreaterThan(0);
    const heading = page.getByRole('heading', { name: last.title });
    await expect.element(heading).toHaveFocus();
    await expect
      .poll(() => {
        const box = area.getBoundingClientRect();
        const top = heading.element().getBoundingClientRect().top;
        return top >= box.top - 1 && top < box.bottom;
      })
      .toBe(true);
  });

  it('End pressed while parts are pending mounts them first, and reaches the real end', async () => {
    const agreement = parseAgreement({ id: 'default', version: '1', markdown: terms });
    const { area, pendingBefore } = await withPartsHeldBack(
      <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
        <AgreementView style={{ height: 240 }} />
      </ClickwrapRoot>,
      async (_, el) => {
        el.focus();
        await userEvent.keyboard('{End}');
      },
    );
    expect(pendingBefore).toBeGreaterThan(0);
    expect(area.querySelectorAll('[data-pending]')).toHaveLength(0);
    await expect.poll(() => area.hasAttribute('data-reached-end'), { timeout: 15_000 }).toBe(true);
    expectAtTheRealEnd(area);
  });

  it('scrollToEnd() while parts are pending mounts them first, and reaches the real end', async () => {
    const agreement = parseAgreement({ id: 'default', version: '1', markdown: terms });
    function SkipToEnd() {
      const { scroll } = useClickwrapContext('SkipToEnd');
      return (
        <button type="button" onClick={() => scroll.scrollToEnd({ behavior: 'instant' })}>
          Skip to the end
        </button>
      );
    }
    const { area, pendingBefore } = await withPartsHeldBack(
      <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
        <SkipToEnd />
        <AgreementView style={{ height: 240 }} />
      </ClickwrapRoot>,
      async (screen) => {
        await screen.getByRole('button', { name: 'Skip to the end' }).click();
      },
    );
    expect(pendingBefore).toBeGreaterThan(0);
    expect(area.querySelectorAll('[data-pending]')).toHaveLength(0);
    await expect.poll(() => area.hasAttribute('data-reached-end'), { timeout: 15_000 }).toBe(true);
    expectAtTheRealEnd(area);
  });

  it('a table-of-contents link to a section in a pending part mounts the parts and lands on its heading', async () => {
    // Ten copies (308 KB, the most the default limits allow): far more parts than the first
    // render mounts, so the later copies' sections start out pending.
    const tenCopies = parseAgreement({
      id: 'ten',
      version: '1',
      markdown: Array.from({ length: 10 }, () => terms).join('\n'),
    });
    // Batches are mounted from setTimeout: held back here, so parts are still pending at the click.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const screen = await render(
      <ClickwrapRoot agreement={tenCopies} signer={SIGNER} onAccept={() => {}}>
        <TableOfContents />
        <AgreementView style={{ height: 240 }} />
      </ClickwrapRoot>,
    );
    const area = screen.container.querySelector<HTMLElement>('.rcw-agreement')!;
    // The ninth copy's title: its section is in a part that is not mounted yet.
    const links = page.getByRole('navigation').getByRole('link', { name: 'Instadesk Terms and Conditions' });
    const target = links.nth(8);
    const id = target.element().getAttribute('href')!.slice(1);
    const pendingBefore = area.querySelectorAll('[data-pending]').length;
    let landed: HTMLElement | null;
    try {
      expect(document.getElementById(id)).toBeNull();
      await target.click();
      landed = document.getElementById(id);
    } finally {
      vi.useRealTimers();
    }
    // The click mounted the parts at once and landed on the ninth heading.
    expect(landed).not.toBeNull();
    expect(area.contains(landed)).toBe(true);
    await expect.poll(() => document.activeElement === landed).toBe(true);
    await expect
      .poll(() => {
        const box = area.getBoundingClientRect();
        const top = landed!.getBoundingClientRect().top;
        return top >= box.top - 1 && top < box.bottom;
      })
      .toBe(true);
    expect(pendingBefore).toBeGreaterThan(0);
    expect(area.querySelectorAll('[data-pending]').length).toBe(0);
  });
});
