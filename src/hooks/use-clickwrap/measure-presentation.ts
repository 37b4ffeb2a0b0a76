/**
 * Measures what the assent statement and the Accept button looked like, at the moment of accept:
 * pure DOM reads over the two elements the prop getters were spread on. Called from `accept()`
 * only, never during render or at import; where layout cannot be measured it says why instead
 * of guessing (`{ measured: false, reason }`). Loaded on demand with the receipt maker
 * (./make-receipt.ts): no first load pays for it.
 */
import type { PresentationNotMeasuredReason, ReceiptPresentation } from '../../core/presentation/types';
import { visiblePartOf } from '../../internal/scroll';

/** The elements `getAssentCheckboxProps` and `getAcceptButtonProps` were spread on, if any. */
export interface PresentationElements {
  assent: HTMLElement | null;
  accept: HTMLElement | null;
}

type Rgba = [number, number, number, number];
type Rect = { top: number; left: number; bottom: number; right: number };

/** The first links only: a long agreement's links all share one style, and accept must stay fast. */
const MAX_LINKS = 200;

const notMeasured = (
  reason: PresentationNotMeasuredReason,
  theme: string | null = null,
): ReceiptPresentation => ({
  measured: false,
  reason,
  assent: null,
  acceptButton: null,
  distancePx: null,
  links: null,
  viewport: null,
  theme,
  colorScheme: null,
  reducedMotion: null,
});

const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const round = (n: number) => Math.round(n * 100) / 100;
// Floored, so that a ratio just under a threshold is never recorded as meeting it.
const floorRatio = (n: number) => Math.floor(n * 100) / 100;

/** A computed colour (`rgb()`/`rgba()`/`color(srgb …)`) as 0–255 channels and alpha; null for anything else. */
export function parseColor(value: string): Rgba | null {
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return [0, 0, 0, 0];
  let m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(v);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  }
  m = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\s*\)$/.exec(v);
  if (m)
    return [
      Number(m[1]) * 255,
      Number(m[2]) * 255,
      Number(m[3]) * 255,
      m[4] === undefined ? 1 : Number(m[4]),
    ];
  return null;
}

/** `top` over `bottom`, by alpha (source-over). */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG 2.2 contrast ratio of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The opaque colour behind an element's text: its own and its ancestors' background colours,
 * composited until one is opaque. Null (unknown) when a background image or gradient is on the
 * way, or a colour cannot be read, or nothing is opaque and the page is in a dark scheme (the
 * canvas colour is then the browser's own).
 */
export function effectiveBackground(element: Element): Rgba | null {
  const view = element.ownerDocument.defaultView;
  if (!view) return null;
  const layers: Rgba[] = [];
  for (let el: Element | null = element; el; el = el.parentElement) {
    const style = view.getComputedStyle(el);
    if (style.backgroundImage && style.backgroundImage !== 'none') return null;
    const color = parseColor(style.backgroundColor);
    if (!color) return null;
    if (color[3] > 0) layers.push(color);
    if (color[3] >= 1) break;
  }
  let base: Rgba;
  const last = layers[layers.length - 1];
  if (last && last[3] >= 1) {
    base = last;
    layers.pop();
  } else {
    const scheme = view.getComputedStyle(element.ownerDocument.documentElement).colorScheme ?? '';
    if (/\bdark\b/.test(scheme) && !/\blight\b/.test(scheme)) return null;
    base = [255, 255, 255, 1];
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), base);
}

/** An element's text colour against its effective background, or null when either is unknown. */
function textContrast(element: Element): number | null {
  const view = element.ownerDocument.defaultView;
  const color = view ? parseColor(view.getComputedStyle(element).color) : null;
  const background = effectiveBackground(element);
  if (!color || !background) return null;
  return floorRatio(contrastRatio(over(color, background), background));
}

/** A simplified accessible name: aria-labelledby, aria-label, the labels, then the text. */
export function accessibleName(element: HTMLElement): string {
  const doc = element.ownerDocument;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (collapse(text)) return collapse(text);
  }
  const label = element.getAttribute('aria-label');
  if (collapse(label)) return collapse(label);
  const labels = (element as HTMLInputElement).labels;
  if (labels && labels.length > 0) return collapse([...labels].map((l) => l.textContent).join(' '));
  return collapse(element.textContent) || collapse(element.getAttribute('title'));
}

/** The element that shows the assent statement: the checkbox's label (or what labels it). */
function statementOf(assent: HTMLElement): HTMLElement {
  const labels = (assent as HTMLInputElement).labels;
  if (labels && labels[0]) return labels[0];
  const id = assent.getAttribute('aria-labelledby')?.split(/\s+/)[0];
  return (id && assent.ownerDocument.getElementById(id)) || assent;
}

/** Whether an element's box is wholly visible (1px of rounding allowed). */
function whollyVisible(element: Element, rect: Rect): boolean {
  // Copied field by field: a DOMRect's fields are prototype getters, which spreading drops.
  const v = visiblePartOf(element, {
    top: rect.top,
    left: rect.left,
    bottom: rect.bottom,
    right: rect.right,
  });
  return (
    v !== null &&
    v.top <= rect.top + 1 &&
    v.left <= rect.left + 1 &&
    v.bottom >= rect.bottom - 1 &&
    v.right >= rect.right - 1
  );
}

/** The shortest distance between two boxes (0 when they touch or overlap). */
function distance(a: Rect, b: Rect): number {
  const dx = Math.max(0, a.left - b.right, b.left - a.right);
  const dy = Math.max(0, a.top - b.bottom, b.top - a.bottom);
  return Math.hypot(dx, dy);
}

/** The nearest element that holds both. */
function commonAncestor(a: Element, b: Element): Element {
  let el: Element | null = a;
  while (el && !el.contains(b)) el = el.parentElement;
  return el ?? a.ownerDocument.documentElement;
}

/**
 * Whether a link sits in running text (text beside it in the same line box context), where it
 * must stand out from that text; a link alone in its block (a table of contents entry, a list
 * of links) is its own text.
 */
function inRunningText(link: Element, view: Window): boolean {
  const inline = (el: Element) => view.getComputedStyle(el).display.startsWith('inline');
  for (let node: Element = link; ;) {
    const parent = node.parentElement;
    if (!parent) return false;
    for (const sibling of parent.childNodes) {
      if (sibling === node || !/\S/.test(sibling.textContent ?? '')) continue;
      if (sibling.nodeType === 3) return true;
      if (sibling.nodeType === 1 && inline(sibling as Element)) return true;
    }
    if (!inline(parent)) return false;
    node = parent;
  }
}

function measureLinks(root: Element, view: Window): NonNullable<ReceiptPresentation['links']> {
  const links = [...root.querySelectorAll('a[href]')]
    .filter((a) => a.getClientRects().length > 0)
    .slice(0, MAX_LINKS);
  let underlined = 0;
  let minContrast: number | null = null;
  let minWithText: number | null = null;
  let distinct: boolean | null = true;
  for (const link of links) {
    const style = view.getComputedStyle(link);
    const isUnderlined = /underline/.test(style.textDecorationLine || style.textDecoration);
    if (isUnderlined) underlined += 1;
    const contrast = textContrast(link);
    if (contrast !== null) minContrast = Math.min(minContrast ?? 21, contrast);
    // Against the surrounding text only where there is some: a link in running text.
    if (!inRunningText(link, view)) continue;
    const background = effectiveBackground(link);
    const own = parseColor(style.color);
    const around = link.parentElement ? parseColor(view.getComputedStyle(link.parentElement).color) : null;
    const withText =
      own && around && background
        ? floorRatio(contrastRatio(over(own, background), over(around, background)))
        : null;
    if (withText !== null) minWithText = Math.min(minWithText ?? 21, withText);
    if (!isUnderlined) {
      if (withText === null) distinct = distinct === false ? false : null;
      else if (withText < 3) distinct = false;
    }
  }
  return { count: links.length, underlined, minContrast, minContrastWithText: minWithText, distinct };
}

/**
 * What the assent statement and the Accept button looked like now. Never throws: where layout
 * cannot be measured (no page, no layout boxes as in jsdom, an element missing) the block says
 * why and records nothing else.
 */
export function measurePresentation(elements: PresentationElements): ReceiptPresentation {
  if (typeof window === 'undefined' || typeof document === 'undefined') return notMeasured('server-render');
  const { assent, accept } = elements;
  if (!assent || !assent.isConnected) return notMeasured('assent-not-found');
  const theme = assent.closest('[data-theme]')?.getAttribute('data-theme') ?? null;
  if (!accept || !accept.isConnected) return notMeasured('accept-button-not-found', theme);
  const view = assent.ownerDocument.defaultView;
  if (!view) return notMeasured('server-render', theme);
  const statement = statementOf(assent);
  const s = statement.getBoundingClientRect();
  const b = accept.getBoundingClientRect();
  if (s.width === 0 || s.height === 0 || b.width === 0 || b.height === 0)
    return notMeasured('no-layout', theme);

  const style = view.getComputedStyle(statement);
  const media = (query: string) =>
    typeof view.matchMedia === 'function' ? view.matchMedia(query).matches : false;
  return {
    measured: true,
    reason: null,
    assent: {
      accessibleName: accessibleName(assent),
      visibleText: collapse(statement.innerText ?? statement.textContent),
      inViewport: whollyVisible(statement, s),
      fontSizePx: round(parseFloat(style.fontSize) || 0),
      fontWeight: Number.parseInt(style.fontWeight, 10) || 400,
      contrast: textContrast(statement),
    },
    acceptButton: {
      label: accessibleName(accept),
      inViewport: whollyVisible(accept, b),
      widthPx: round(b.width),
      heightPx: round(b.height),
    },
    distancePx: round(distance(s, b)),
    links: measureLinks(commonAncestor(assent, accept), view),
    viewport: {
      widthPx: view.innerWidth,
      heightPx: view.innerHeight,
      devicePixelRatio: view.devicePixelRatio,
      visualViewportScale: view.visualViewport ? view.visualViewport.scale : null,
    },
    theme,
    colorScheme:
      theme === 'dark' || theme === 'light'
        ? theme
        : media('(prefers-color-scheme: dark)')
          ? 'dark'
          : 'light',
    reducedMotion: media('(prefers-reduced-motion: reduce)'),
  };
}
