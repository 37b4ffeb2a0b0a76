// The default theme's colours, read from styles.css as a designer would read them: every pair of
// foreground and background the theme paints meets WCAG 2.2 contrast in both themes, and a read
// key clause differs from an unread one by more than hue.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inlineCss } from '../../scripts/inline-css.mjs';

// The stylesheet as published (its parts inlined), so the tokens are read wherever they live.
const css = inlineCss(fileURLToPath(new URL('./styles.css', import.meta.url))).replace(
  /\/\*[\s\S]*?\*\//g,
  '',
);

type Theme = 'light' | 'dark';

/** The `--rcw-color-*` declarations of the root rule (the one list of tokens). */
function rootTokens(): Map<string, string> {
  const start = css.search(/^\.rcw-root \{/m);
  if (start < 0) throw new Error('styles.css has no `.rcw-root {` rule for its tokens.');
  const body = css.slice(start, css.indexOf('\n}', start));
  return new Map(
    Array.from(body.matchAll(/(--rcw-color-[\w-]+)\s*:\s*([^;]+);/g), (m) => [m[1]!, m[2]!.trim()]),
  );
}

const tokens = rootTokens();

/** A token's colour in one theme, as #rrggbb, following `var()` and `light-dark()`. */
function colour(name: string, theme: Theme, depth = 0): string {
  const value = tokens.get(name);
  if (value === undefined) throw new Error(`No ${name} in styles.css`);
  if (depth > 5) throw new Error(`${name} refers to itself`);
  const ref = /^var\((--rcw-color-[\w-]+)\)$/.exec(value);
  if (ref) return colour(ref[1]!, theme, depth + 1);
  const pair = /^light-dark\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(value);
  const picked = pair ? pair[theme === 'light' ? 1 : 2]! : value;
  if (!/^#[0-9a-f]{6}$/i.test(picked))
    throw new Error(`${name} (${theme}) is not an opaque #rrggbb: ${picked}`);
  return picked.toLowerCase();
}

/** A token's value in one theme, as written (the light or dark half of its light-dark()). */
function pick(name: string, theme: Theme): string {
  const value = tokens.get(name);
  if (value === undefined) throw new Error(`No ${name} in styles.css`);
  const pair = /^light-dark\(\s*(.+?)\s*,\s*((?:rgb\([^)]*\))|[^)]+?)\s*\)$/.exec(value);
  return pair ? pair[theme === 'light' ? 1 : 2]! : value;
}

/** A translucent token (`rgb(r g b / a)`) in one theme, as its channels and alpha. */
function translucent(name: string, theme: Theme): [number, number, number, number] {
  const value = pick(name, theme);
  const m = /^rgb\(\s*(\d+)\s+(\d+)\s+(\d+)\s*\/\s*([\d.]+)\s*\)$/.exec(value);
  if (!m) throw new Error(`${name} (${theme}) is not rgb(r g b / a): ${value}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

/** A translucent colour painted over an opaque one, as #rrggbb. */
function over([r, g, b, a]: [number, number, number, number], under: string): string {
  const channel = (c: number, i: number) =>
    Math.round(c * a + Number.parseInt(under.slice(i, i + 2), 16) * (1 - a))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(r, 1)}${channel(g, 3)}${channel(b, 5)}`;
}

/** WCAG 2.2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text (4.5:1) painted on a background by the theme: [foreground, background]. */
const TEXT: Array<[string, string]> = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-raised'],
  ['text', 'highlight'],
  ['text', 'guardian-bg'],
  ['text-muted', 'bg'],
  ['text-muted', 'surface'],
  ['text-muted', 'surface-raised'],
  ['text-muted', 'guardian-bg'],
  ['link', 'bg'],
  ['link', 'surface-raised'],
  ['link', 'highlight'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['on-accent', 'accent'],
  ['on-accent', 'accent-hover'],
  ['danger', 'bg'],
  ['danger', 'surface'],
  ['danger', 'guardian-bg'],
  ['success', 'bg'],
  ['success', 'surface'],
  ['highlight-label', 'highlight'],
  ['highlight-seen', 'highlight'],
];

/** Controls, bars and icons (3:1) against what is next to them. */
const NON_TEXT: Array<[string, string]> = [
  ['border', 'bg'],
  ['border', 'surface'],
  ['border', 'surface-raised'],
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['focus', 'surface-raised'],
  ['accent', 'bg'],
  ['highlight-border', 'highlight'],
  ['highlight-border', 'bg'],
  ['highlight-seen', 'highlight'],
  ['guardian-border', 'bg'],
  ['guardian-border', 'surface'],
  ['guardian-border', 'guardian-bg'],
  ['progress', 'progress-track'],
  ['progress-complete', 'progress-track'],
  ['seen', 'surface-raised'],
  ['danger', 'bg'],
];

describe('the default theme', () => {
  it('declares each colour once for both themes, with light-dark()', () => {
    const plain = [...tokens].filter(([, v]) => !/^(light-dark\(|var\()/.test(v)).map(([n]) => n);
    expect(plain).toEqual([]);
    // No second list for the dark theme: a theme only picks a colour scheme.
    expect(css).not.toMatch(/\[data-theme='(dark|system)'\]\s*\{[^}]*--rcw-color-/);
  });

  for (const theme of ['light', 'dark'] as const) {
    describe(`${theme}`, () => {
      it.each(TEXT)('text: %s on %s is at least 4.5:1', (fg, bg) => {
        const ratio = contrast(colour(`--rcw-color-${fg}`, theme), colour(`--rcw-color-${bg}`, theme));
        expect(ratio, `${fg} on ${bg}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
      });

      it.each(NON_TEXT)('non-text: %s against %s is at least 3:1', (fg, bg) => {
        const ratio = contrast(colour(`--rcw-color-${fg}`, theme), colour(`--rcw-color-${bg}`, theme));
        expect(ratio, `${fg} against ${bg}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(3);
      });

      it("draws the dialog's edge at least 3:1 against the backdrop around it", () => {
        // The backdrop: the overlay over the page behind, taken to be in the theme's own background.
        const page = colour('--rcw-color-bg', theme);
        const backdrop = over(translucent('--rcw-color-overlay', theme), page);
        // A transparent edge leaves the dialog's own background as its edge.
        const edgeValue = pick('--rcw-color-dialog-edge', theme);
        const edge =
          edgeValue === 'transparent'
            ? colour('--rcw-color-bg', theme)
            : colour('--rcw-color-dialog-edge', theme);
        const ratio = contrast(edge, backdrop);
        expect(
          ratio,
          `dialog edge ${edge} against backdrop ${backdrop}: ${ratio.toFixed(2)}:1`,
        ).toBeGreaterThanOrEqual(3);
      });

      it('tells a read key clause from an unread one by lightness, not only hue (at least 1.5:1)', () => {
        const ratio = contrast(
          colour('--rcw-color-highlight-border', theme),
          colour('--rcw-color-highlight-seen', theme),
        );
        expect(ratio).toBeGreaterThanOrEqual(1.5);
      });
    });
  }

  it('tells a read key clause from an unread one by shape: a dashed bar until read, solid after', () => {
    const rule = (selector: string) => {
      const at = css.indexOf(`:where(.rcw-root) ${selector} {`);
      expect(at, `no rule for ${selector}`).toBeGreaterThanOrEqual(0);
      return css.slice(at, css.indexOf('}', at));
    };
    expect(rule('.rcw-key-clause')).toMatch(/border-inline-start:\s*4px dashed/);
    expect(rule('.rcw-key-clause[data-seen]')).toMatch(/border-inline-start-style:\s*solid/);
    // And an icon: the tag of a read clause starts with a check mark.
    expect(rule('.rcw-key-clause[data-seen]:not(.rcw-change)::before')).toMatch(/content:\s*'\\2713/);
  });
});
