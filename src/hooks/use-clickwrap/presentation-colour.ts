/**
 * The colours of text as drawn, for the presentation evidence: computed colours read (sRGB,
 * OKLCH, OKLab), composited over the backgrounds behind them, and their WCAG contrast. Unknown
 * (null) rather than guessed wherever the page paints otherwise than the colours say.
 */

/** A colour as 0–255 sRGB channels and alpha (0–1). */
export type Rgba = [number, number, number, number];

/** Floored, so that a ratio just under a threshold is never recorded as meeting it. */
export const floorRatio = (n: number) => Math.floor(n * 100) / 100;

/** A computed colour (`rgb()`/`rgba()`/`color(srgb …)`/`oklch()`/`oklab()`) as 0–255 sRGB channels and alpha; null for anything else. */
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
  // OKLCH and OKLab, as design tokens (Tailwind's among them) write colours and browsers keep them.
  m = /^(oklch|oklab)\(\s*(\S+)\s+(\S+)\s+(\S+?)(?:\s*\/\s*(\S+?))?\s*\)$/.exec(v);
  if (m) {
    const num = (x: string, percent: number) =>
      x === 'none' ? 0 : x.endsWith('%') ? (parseFloat(x) / 100) * percent : parseFloat(x);
    const lightness = num(m[2]!, 1);
    let a: number;
    let b: number;
    if (m[1] === 'oklch') {
      const chroma = num(m[3]!, 0.4);
      const hue = (num(m[4]!.replace(/deg$/, ''), 1) * Math.PI) / 180;
      a = chroma * Math.cos(hue);
      b = chroma * Math.sin(hue);
    } else {
      a = num(m[3]!, 0.4);
      b = num(m[4]!, 0.4);
    }
    const alpha = m[5] === undefined ? 1 : num(m[5], 1);
    const rgb = oklabToSrgb(lightness, a, b);
    return [...rgb, alpha].some((x) => Number.isNaN(x)) ? null : [...rgb, alpha];
  }
  return null;
}

/** OKLab to sRGB, 0–255 per channel, clamped to the sRGB gamut (Björn Ottosson's matrices). */
function oklabToSrgb(lightness: number, a: number, b: number): [number, number, number] {
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const encode = (c: number) => {
    const clamped = Math.min(1, Math.max(0, c));
    return 255 * (clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * clamped ** (1 / 2.4) - 0.055);
  };
  return [
    encode(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    encode(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    encode(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  ];
}

/** `top` over `bottom`, by alpha (source-over). */
export function over(top: Rgba, bottom: Rgba): Rgba {
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
    // Nothing opaque: the canvas shows, white only in a light scheme (in a dark one it is the
    // browser's own colour, not known here).
    if (canvasMayBeDark(element.ownerDocument, view)) return null;
    base = [255, 255, 255, 1];
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), base);
}

/**
 * Whether the page's canvas may be dark: the root's `color-scheme` (or, where it is `normal`,
 * the page's `<meta name="color-scheme">`) offers dark, and light is not offered or the person
 * prefers dark.
 */
function canvasMayBeDark(doc: Document, view: Window): boolean {
  let scheme = view.getComputedStyle(doc.documentElement).colorScheme ?? '';
  if (!/\b(light|dark)\b/.test(scheme))
    scheme = doc.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
  if (!/\bdark\b/.test(scheme)) return false;
  return (
    !/\blight\b/.test(scheme) ||
    (typeof view.matchMedia === 'function' && view.matchMedia('(prefers-color-scheme: dark)').matches)
  );
}

/**
 * Whether an element is painted as its colours say: no ancestor (or itself) made translucent,
 * filtered or blended, which change the colours drawn in ways not measured here.
 */
function paintedAsStyled(element: Element, view: Window, memo: Map<Element, boolean>): boolean {
  const chain: Element[] = [];
  let result = true;
  for (let el: Element | null = element; el; el = el.parentElement) {
    const known = memo.get(el);
    if (known !== undefined) {
      result = known;
      break;
    }
    chain.push(el);
    const style = view.getComputedStyle(el);
    if (
      parseFloat(style.opacity) < 1 ||
      (style.filter !== '' && style.filter !== 'none') ||
      (style.mixBlendMode !== '' && style.mixBlendMode !== 'normal')
    ) {
      result = false;
      break;
    }
  }
  for (const el of chain) memo.set(el, result);
  return result;
}

/** An element's text colour against its effective background, or null when either is unknown. */
export function textContrast(element: Element, memo: Map<Element, boolean> = new Map()): number | null {
  const view = element.ownerDocument.defaultView;
  if (view && !paintedAsStyled(element, view, memo)) return null;
  const color = view ? parseColor(view.getComputedStyle(element).color) : null;
  const background = effectiveBackground(element);
  if (!color || !background) return null;
  return floorRatio(contrastRatio(over(color, background), background));
}
