'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { stylesheetText as css } from './styles-text';
import {
  agreement,
  agreementElement,
  COMMITMENTS,
  describeElement,
  frames,
  press,
  SIGNER,
} from './test-utils.test-utils';

async function emulate(features: Array<{ name: string; value: string }>) {
  await cdp().send('Emulation.setEmulatedMedia', { features });
}

beforeEach(async () => {
  await page.viewport(1024, 800);
  vi.spyOn(console, 'error');
});

afterEach(async () => {
  await emulate([]);
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

function renderPage(props: Partial<Parameters<typeof ClickwrapPage>[0]> = {}) {
  return render(
    <ClickwrapPage
      agreement={agreement}
      signer={SIGNER}
      onAccept={() => {}}
      organization
      acknowledgements={COMMITMENTS}
      guardian={{ today: '2025-06-01', defaultBirthDate: '2012-03-04' }}
      {...props}
    />,
  );
}

const root = () => document.querySelector('.rcw-root') as HTMLElement;

describe('themes', () => {
  it('follows prefers-color-scheme by default, and data-theme overrides it', async () => {
    await renderPage();
    expect(root().dataset.theme).toBe('system');
    const light = getComputedStyle(root()).backgroundColor;
    await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await expect.poll(() => getComputedStyle(root()).backgroundColor).not.toBe(light);
    const dark = getComputedStyle(root()).backgroundColor;
    expect(getComputedStyle(root()).colorScheme).toBe('dark');
    root().dataset.theme = 'light';
    expect(getComputedStyle(root()).backgroundColor).toBe(light);
    root().dataset.theme = 'dark';
    await emulate([{ name: 'prefers-color-scheme', value: 'light' }]);
    expect(getComputedStyle(root()).backgroundColor).toBe(dark);
  });

  it('reads the whole stylesheet: every part inlined in cascade order, no @import left', () => {
    // Each part's title, tokens to motion: an empty or partial text would let the next test pass.
    const titles = [
      'Tokens',
      'Base',
      'Agreement view',
      'Re-consent notice',
      'Reading progress',
      'Key-clause summary',
      'What changed (re-consent)',
      'Table of contents',
      'Forms',
      'Buttons, action bar and status',
      'Modal',
      'Page',
      'Additional documents',
      'Optional consents',
      'ConsentSettings',
      'Print',
      'Motion',
    ];
    const lines = css.split('\n');
    const at = titles.map((title) =>
      lines.findIndex((line) => /^(?: \*|\/\* [-=]+) /.test(line) && line.includes(` ${title}`)),
    );
    expect(at.filter((line) => line < 0)).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(css).not.toMatch(/^\s*@import/m);
  });

  it('takes every colour, radius, spacing step and font from --rcw- custom properties', () => {
    const declarations = css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(/[;{}]/)
      .map((d) => d.trim())
      .filter((d) => /^[a-z-]+\s*:/.test(d) && !d.startsWith('--rcw-'));
    // Colours: only tokens (or currentColor/transparent/inherit).
    const colours = declarations.filter((d) => /(#[0-9a-f]{3,8}\b|rgba?\(|hsla?\()/i.test(d));
    expect(colours).toEqual([]);
    // Radii, spacing and fonts: tokens, or values that are not design decisions (0, auto, 50%…).
    const parts = (value: string) => {
      const out: string[] = [];
      let depth = 0;
      let current = '';
      for (const ch of value) {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (ch === ' ' && depth === 0) {
          if (current) out.push(current);
          current = '';
        } else current += ch;
      }
      if (current) out.push(current);
      return out;
    };
    const isToken = (part: string, extra: string[]) =>
      extra.includes(part) ||
      /^var\(--rcw-[\w-]+(, [^)]*)?\)$/.test(part) ||
      (/^calc\(/.test(part) && part.includes('var(--rcw-'));
    const offending = (property: RegExp, extra: string[]) =>
      declarations.filter((d) => {
        const [name, ...rest] = d.split(':');
        if (!property.test(name!.trim())) return false;
        return !parts(rest.join(':').trim()).every((part) => isToken(part, extra));
      });
    expect(offending(/^border(-[a-z-]+)?-radius$/, ['0', 'inherit', '50%', '999px'])).toEqual([]);
    expect(offending(/^(margin|padding|gap|row-gap|column-gap)(-[a-z-]+)?$/, ['0', 'auto'])).toEqual([]);
    expect(offending(/^font(-family|-size|-weight)?$/, ['inherit'])).toEqual([]);
  });
});

describe('motion', () => {
  it('turns transitions, animations and smooth scrolling off for prefers-reduced-motion', async () => {
    await renderPage();
    const button = document.querySelector('.rcw-button') as HTMLElement;
    expect(parseFloat(getComputedStyle(button).transitionDuration)).toBeGreaterThan(0.05);
    expect(getComputedStyle(agreementElement()).scrollBehavior).toBe('smooth');
    await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await expect.poll(() => parseFloat(getComputedStyle(button).transitionDuration)).toBeLessThan(0.001);
    expect(getComputedStyle(agreementElement()).scrollBehavior).toBe('auto');
  });

  it('opens the dialog without animation for prefers-reduced-motion', async () => {
    await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await render(<ClickwrapModal agreement={agreement} signer={SIGNER} onAccept={() => {}} defaultOpen />);
    const dialog = await page.getByRole('dialog').element();
    expect(getComputedStyle(dialog).animationName).toBe('none');
  });
});

// Windows' high-contrast themes: the browser paints every background in the theme's Canvas, so
// what is drawn by a background alone must say otherwise.
describe('forced colours', () => {
  it('keeps the reading progress bar visible against its track', async () => {
    await renderPage();
    const area = agreementElement();
    area.style.scrollBehavior = 'auto';
    area.scrollTop = (area.scrollHeight - area.clientHeight) / 3;
    await expect.element(page.getByRole('progressbar').first()).not.toHaveAttribute('aria-valuenow', '0');
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    await expect.poll(() => matchMedia('(forced-colors: active)').matches).toBe(true);
    const indicator = document.querySelector<HTMLElement>('.rcw-progress-indicator')!;
    const track = indicator.parentElement!;
    expect(indicator.getBoundingClientRect().width).toBeGreaterThan(0);
    expect(getComputedStyle(indicator).backgroundColor).not.toBe(getComputedStyle(track).backgroundColor);
    // The track's extent shows too: it has an edge.
    expect(getComputedStyle(track).borderTopStyle).not.toBe('none');
  });

  it("keeps an outcome banner's icon visible", async () => {
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        acknowledgements={COMMITMENTS}
        onAccept={() => Promise.reject(new Error('offline'))}
      />,
    );
    const area = agreementElement();
    area.style.scrollBehavior = 'auto';
    area.scrollTop = area.scrollHeight;
    await expect.element(area).toHaveAttribute('data-reached-end', '');
    for (const box of page.getByRole('checkbox').all()) {
      if (!(box.element() as HTMLInputElement).checked) await userEvent.click(box);
    }
    await press(page.getByRole('button', { name: 'Accept', exact: true }));
    await expect.element(page.getByRole('button', { name: 'Retry', exact: true })).toBeInTheDocument();
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    await expect.poll(() => matchMedia('(forced-colors: active)').matches).toBe(true);
    const banner = document.querySelector<HTMLElement>(".rcw-status[data-state='failed']")!;
    expect(getComputedStyle(banner, '::before').backgroundColor).not.toBe(
      getComputedStyle(banner).backgroundColor,
    );
  });
});

describe('targets and focus', () => {
  it('gives every control a target of at least 24×24 px (inline links in the text aside)', async () => {
    await renderPage();
    await frames(2);
    const controls = [
      ...document.querySelectorAll<HTMLElement>('.rcw-root :is(button, input, select, a[href])'),
    ].filter((el) => !el.closest('.rcw-agreement-content'));
    expect(controls.length).toBeGreaterThan(40);
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // hidden (e.g. the table of contents)
      expect(box.width, describeElement(el)).toBeGreaterThanOrEqual(24);
      expect(box.height, describeElement(el)).toBeGreaterThanOrEqual(24);
    }
  });

  it('shows focus on a box marked invalid, unlike the same box without focus', async () => {
    await renderPage();
    await press(page.getByRole('button', { name: 'Accept', exact: true }));
    const box = document.querySelector<HTMLElement>('.rcw-checkbox[data-invalid]');
    expect(box, 'an unticked required box marked invalid').not.toBeNull();
    // The outline: the halo around it is the page's own colour, and shows nothing on its own.
    const ring = () => {
      const style = getComputedStyle(box!);
      return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    };
    const unfocused = ring();
    for (let i = 0; i < 80 && document.activeElement !== box; i++) await userEvent.tab();
    expect(document.activeElement).toBe(box);
    expect(box!.matches(':focus-visible')).toBe(true);
    expect(ring()).not.toBe(unfocused);
  });

  it('always shows where focus is', async () => {
    await renderPage({ theme: 'dark' });
    for (let i = 0; i < 40; i++) {
      await userEvent.tab();
      const el = document.activeElement as HTMLElement;
      if (!root().contains(el)) continue;
      const style = getComputedStyle(el);
      expect(style.outlineStyle, describeElement(el)).not.toBe('none');
      expect(parseFloat(style.outlineWidth), describeElement(el)).toBeGreaterThanOrEqual(2);
    }
  });
});
