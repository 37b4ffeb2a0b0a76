/**
 * Measures what the assent statement and the Accept button looked like, at the moment of accept:
 * pure DOM reads over the two elements the prop getters were spread on. Called from `accept()`
 * only, never during render or at import; where layout cannot be measured it says why instead
 * of guessing (`{ measured: false, reason }`). Texts are recorded whole here; the receipt maker
 * cuts them to what a receipt can carry, saying so (core/presentation/fit.ts). Loaded on demand with the receipt maker
 * (./make-receipt.ts): no first load pays for it.
 */
import type { PresentationNotMeasuredReason, ReceiptPresentation } from '../../core/presentation/types';
import {
  contrastRatio,
  effectiveBackground,
  floorRatio,
  over,
  parseColor,
  textContrast,
} from './presentation-colour';
import {
  coveredAt,
  inForeignFrame,
  layoutScale,
  paddingClientBox,
  visiblePartOf,
  type ClientBox,
} from '../../internal/scroll';
import { statementOf } from './statement';

/** The elements `getAssentCheckboxProps` and `getAcceptButtonProps` were spread on, if any. */
export interface PresentationElements {
  assent: HTMLElement | null;
  accept: HTMLElement | null;
  /**
   * In a frame inside a page of another origin: whether all of `element` was last seen on the
   * top-level screen (see ./presentation.ts). Without it, only the frame's own viewport is known.
   */
  wholeOnTop?: (element: Element) => boolean;
}

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

/** A simplified accessible name: aria-labelledby, aria-label, an input button's value, the labels, then the text. */
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
  // An <input> button is named by its value, or by the word it shows without one (HTML-AAM).
  const type = element.tagName === 'INPUT' ? (element as HTMLInputElement).type : '';
  if (type === 'submit' || type === 'reset' || type === 'button') {
    const value = collapse((element as HTMLInputElement).value);
    if (value || type === 'button') return value || collapse(element.getAttribute('title'));
    return type === 'submit' ? 'Submit' : 'Reset';
  }
  const labels = (element as HTMLInputElement).labels;
  if (labels && labels.length > 0) return collapse([...labels].map((l) => l.textContent).join(' '));
  return collapse(element.textContent) || collapse(element.getAttribute('title'));
}

/**
 * Whether an element was wholly on screen (1px of rounding allowed): inside the viewport and
 * every box that clips it, not hidden (visibility, opacity 0), and nothing drawn over it (a
 * cookie banner, a toast, a sticky bar: the browser's hit test at its centre and near its
 * corners finds it, or what it holds, or what holds it).
 */
function whollyVisible(element: HTMLElement, rect: Rect): boolean {
  // Copied field by field: a DOMRect's fields are prototype getters, which spreading drops.
  const v = visiblePartOf(element, {
    top: rect.top,
    left: rect.left,
    bottom: rect.bottom,
    right: rect.right,
  });
  if (
    v === null ||
    v.top > rect.top + 1 ||
    v.left > rect.left + 1 ||
    v.bottom < rect.bottom - 1 ||
    v.right < rect.right - 1
  )
    return false;
  if (!shown(element)) return false;
  const w = rect.right - rect.left;
  const h = rect.bottom - rect.top;
  const points: Array<[number, number]> = [
    [0.5, 0.5],
    [0.15, 0.25],
    [0.85, 0.25],
    [0.15, 0.75],
    [0.85, 0.75],
  ];
  return points.every(([fx, fy]) => !coveredAt(element, rect.left + w * fx, rect.top + h * fy));
}

/** Not hidden by `visibility` or a zero opacity (itself or an ancestor), where the browser can tell. */
function shown(element: Element): boolean {
  // A `display: contents` box has no box of its own (checkVisibility says false): its parent's is asked.
  const view = element.ownerDocument.defaultView;
  if (view?.getComputedStyle(element).display === 'contents')
    return element.parentElement ? shown(element.parentElement) : true;
  return typeof element.checkVisibility === 'function'
    ? element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    : true;
}

/** An element's box, in viewport coordinates; for `display: contents` (no box of its own), its content's. */
function boxOf(element: HTMLElement, view: Window): DOMRect {
  const rect = element.getBoundingClientRect();
  if ((rect.width > 0 && rect.height > 0) || view.getComputedStyle(element).display !== 'contents')
    return rect;
  const range = element.ownerDocument.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect();
}

/** `a` ∩ `b`, or null when they do not overlap. */
function overlap(a: ClientBox, b: ClientBox): ClientBox | null {
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  const left = Math.max(a.left, b.left);
  const right = Math.min(a.right, b.right);
  return bottom > top && right > left ? { top, bottom, left, right } : null;
}

/**
 * The part of `rect` (of text in `parent`) that the statement shows: left by the clip of
 * `parent` and of each box up to the statement (a screen-reader-only span, an ellipsis, a line
 * clamp). Whether the statement itself is on screen is `inViewport`'s question, not this one.
 */
function textVisiblePart(
  parent: HTMLElement,
  statement: HTMLElement,
  rect: ClientBox,
  view: Window,
): ClientBox | null {
  let box: ClientBox | null = rect;
  for (let el: HTMLElement | null = parent; el && box; el = el.parentElement) {
    const style = view.getComputedStyle(el);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
      box = overlap(box, paddingClientBox(el));
    if (el === statement) break;
  }
  return box;
}

/**
 * Whether something other than the text's own boxes and ancestors is painted at its first line
 * (a panel positioned behind it, a layer over it), above the first opaque ancestor: the
 * ancestors' colours are then not what the text is read against, so its contrast is unknown.
 */
function foreignBackdrop(el: Element, rect: ClientBox): boolean {
  const root = el.getRootNode() as Document | ShadowRoot;
  const view = el.ownerDocument.defaultView;
  if (!view || typeof root.elementsFromPoint !== 'function') return false;
  const x = (rect.left + rect.right) / 2;
  const y = (rect.top + rect.bottom) / 2;
  for (const hit of root.elementsFromPoint(x, y)) {
    if (el.contains(hit)) continue;
    if (!hit.contains(el)) return true;
    const style = view.getComputedStyle(hit);
    const color = parseColor(style.backgroundColor);
    if ((color && color[3] >= 1) || (style.backgroundImage !== '' && style.backgroundImage !== 'none'))
      return false;
  }
  return false;
}

/** What the statement's text looked like: only its text on screen (clipped, truncated or hidden text left out). */
interface StatementText {
  /** The text on screen, or null when all of it was (then `innerText` says it, as drawn). */
  partial: string | null;
  /** The smallest font size drawn (scaled as drawn), the lightest weight, the lowest contrast (null: unknown). */
  fontSizePx: number;
  fontWeight: number;
  contrast: number | null;
}

function statementText(statement: HTMLElement, view: Window): StatementText {
  const doc = statement.ownerDocument;
  const walker = doc.createTreeWalker(statement, 4 /* NodeFilter.SHOW_TEXT */);
  const range = doc.createRange();
  const memo = new Map<Element, boolean>();
  let partial = '';
  let cut = false;
  let fontSizePx = Infinity;
  let fontWeight = Infinity;
  let contrast: number | null = 21;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || !/\S/.test(node.data)) {
      partial += node.data;
      continue;
    }
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    // By geometry only: text in a box fading in (opacity, the dialog's opening) is text shown;
    // whether the statement could be seen at all is inViewport's question.
    const wholly =
      rects.length > 0 &&
      rects.every((r) => {
        const v = textVisiblePart(parent, statement, r, view);
        return (
          v !== null &&
          v.top <= r.top + 1 &&
          v.left <= r.left + 1 &&
          v.bottom >= r.bottom - 1 &&
          v.right >= r.right - 1
        );
      });
    let seen = node.data;
    if (!wholly) {
      cut = true;
      // Character by character: what of it is on screen (a statement is a sentence or two).
      seen = '';
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        const v = r.width > 0 && r.height > 0 ? textVisiblePart(parent, statement, r, view) : null;
        if (v && v.right - v.left >= (r.right - r.left) / 2 && v.bottom - v.top >= (r.bottom - r.top) / 2)
          seen += node.data[i];
      }
    }
    partial += seen;
    if (!/\S/.test(seen)) continue;
    const style = view.getComputedStyle(parent);
    fontSizePx = Math.min(fontSizePx, (parseFloat(style.fontSize) || 0) * layoutScale(parent).y);
    fontWeight = Math.min(fontWeight, Number.parseInt(style.fontWeight, 10) || 400);
    const c = rects[0] && foreignBackdrop(parent, rects[0]) ? null : textContrast(parent, memo);
    contrast = c === null || contrast === null ? null : Math.min(contrast, c);
  }
  range.detach?.();
  if (fontSizePx === Infinity) {
    const style = view.getComputedStyle(statement);
    fontSizePx = parseFloat(style.fontSize) || 0;
    fontWeight = Number.parseInt(style.fontWeight, 10) || 400;
    contrast = textContrast(statement, memo);
  }
  return { partial: cut ? collapse(partial) : null, fontSizePx, fontWeight, contrast };
}

/**
 * The Accept button's visible text, as the statement's is read (what only screen readers get,
 * clipped or cut-off text left out; an `<input>`'s value), or null when it shows none (an icon).
 * Whole: the receipt maker cuts it to what a receipt records, and says so (fitPresentation).
 */
function buttonText(button: HTMLElement, view: Window): string | null {
  const text =
    button.tagName === 'INPUT'
      ? collapse((button as HTMLInputElement).value)
      : (statementText(button, view).partial ?? collapse(button.innerText ?? button.textContent));
  return text || null;
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
  const memo = new Map<Element, boolean>();
  for (const link of links) {
    const style = view.getComputedStyle(link);
    const isUnderlined = /underline/.test(style.textDecorationLine || style.textDecoration);
    if (isUnderlined) underlined += 1;
    const contrast = textContrast(link, memo);
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
  const s = boxOf(statement, view);
  const b = boxOf(accept, view);
  if (s.width === 0 || s.height === 0 || b.width === 0 || b.height === 0)
    return notMeasured('no-layout', theme);

  const text = statementText(statement, view);
  // A statement that shows no text (only screen readers get it): nothing to record as seen, and
  // a receipt needs some text there, so the presentation is recorded as not measured.
  if (text.partial === '') return notMeasured('no-layout', theme);
  // In a frame inside a page of another origin, the frame's own viewport is not the screen: what
  // that page leaves of the frame is known only to the observer (unknown there: not on screen).
  const onTop = (element: HTMLElement) =>
    !inForeignFrame(view) || (elements.wholeOnTop ? elements.wholeOnTop(element) : false);
  const media = (query: string) =>
    typeof view.matchMedia === 'function' ? view.matchMedia(query).matches : false;
  return {
    measured: true,
    reason: null,
    assent: {
      accessibleName: accessibleName(assent),
      visibleText: text.partial ?? collapse(statement.innerText ?? statement.textContent),
      inViewport: whollyVisible(statement, s) && onTop(statement),
      fontSizePx: round(text.fontSizePx),
      fontWeight: text.fontWeight,
      contrast: text.contrast,
    },
    acceptButton: {
      label: accessibleName(accept),
      visibleText: buttonText(accept, view),
      inViewport: whollyVisible(accept, b) && onTop(accept),
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
