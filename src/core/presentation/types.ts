/**
 * The presentation evidence a receipt carries: what the assent statement and the Accept button
 * looked like at the moment of accept, as measured in the browser. Plain JSON, no personal data,
 * no screenshot. Reached from the public API as `NonNullable<ConsentReceipt['presentation']>`.
 */

/** Why a receipt's presentation was not measured. */
export type PresentationNotMeasuredReason =
  /** No window or document: a server render, or a receipt made where there is no page. */
  | 'server-render'
  /**
   * The elements have no layout boxes (jsdom, `display: none`), or the assent statement shows no
   * text (it is for screen readers only): sizes, positions and what was read would be guesses.
   */
  | 'no-layout'
  /** The assent checkbox was not found (its prop getter was not spread on an element in the page). */
  | 'assent-not-found'
  /** The Accept button was not found (its prop getter was not spread on an element in the page). */
  | 'accept-button-not-found'
  /** `createReceipt` was not given any (a receipt assembled outside `useClickwrap`). */
  | 'not-provided';

/** The assent statement (the assent checkbox's label) as shown. */
export interface PresentationAssent {
  /**
   * The checkbox's accessible name (from `aria-labelledby`, `aria-label` or its labels); at most
   * 2,000 characters, as `visibleText`.
   */
  accessibleName: string;
  /** The accessible name's full length when `accessibleName` holds only its first characters; else absent. */
  accessibleNameFullLength?: number;
  /**
   * The label's visible text, whitespace collapsed: only what was on screen (text hidden for
   * screen readers only, cut off by an ellipsis or clipped is left out). At most 2,000
   * characters (UTF-16 code units, what the default server accepts): a longer text keeps its
   * beginning, and `visibleTextFullLength` says it was cut.
   */
  visibleText: string;
  /**
   * The visible text's full length when `visibleText` holds only its first characters; absent
   * when it was recorded whole (and in receipts made before texts were cut).
   */
  visibleTextFullLength?: number;
  /**
   * Whether the statement's box was wholly on screen: inside the viewport and every box that
   * clips it, not hidden, and nothing drawn over it. In a frame, on the top-level screen: each
   * page around the frame clips it too (inside a page of another origin, as an
   * IntersectionObserver on the top-level viewport last saw it).
   */
  inViewport: boolean;
  /** The smallest font size of its text, CSS px, as drawn (scaled by transforms). */
  fontSizePx: number;
  /** The lightest font weight of its text (400 normal, 700 bold): with the size, says whether WCAG counts it as large text. */
  fontWeight: number;
  /**
   * The lowest text-to-background contrast ratio of the statement's text on screen (1–21), or
   * null when its colours cannot be measured: a background image or gradient, transparency, a
   * filter or a blend mode on the way (unknown, not guessed).
   */
  contrast: number | null;
}

/** The Accept button as shown. */
export interface PresentationAcceptButton {
  /**
   * Its accessible name (its label): what a screen reader says and voice control answers to. At
   * most 2,000 characters (UTF-16 code units, what the default server accepts).
   */
  label: string;
  /** The name's full length when `label` holds only its first characters; else absent. */
  labelFullLength?: number;
  /**
   * Its visible text, whitespace collapsed: only what was on screen (text hidden for screen
   * readers only, cut off by an ellipsis or clipped is left out), at most 200 characters (a
   * longer text keeps its beginning, and `visibleTextFullLength` says it was cut). It differs
   * from `label` when an `aria-label` says something else ("Continue" shown, "I agree" heard).
   * Null when the button showed no text (an icon only); absent in receipts made before it was
   * recorded, where `label` is all that is known.
   */
  visibleText?: string | null;
  /**
   * The visible text's full length when `visibleText` holds only its first 200 characters;
   * absent when recorded whole (receipts made before this was recorded cut at 200 silently).
   */
  visibleTextFullLength?: number;
  /** Whether its box was wholly on screen: as {@link PresentationAssent.inViewport} says for the statement. */
  inViewport: boolean;
  /** Its width, CSS px (WCAG 2.5.8 target size). */
  widthPx: number;
  /** Its height, CSS px. */
  heightPx: number;
}

/** The links in the agreement and the assent statement as shown. */
export interface PresentationLinks {
  /** How many links were measured (at most 200: the first in document order). */
  count: number;
  /** How many of them were underlined. */
  underlined: number;
  /** The lowest link-to-background contrast ratio, or null when none is known (no links, or image backgrounds). */
  minContrast: number | null;
  /** The lowest contrast between a link's colour and its surrounding text's colour (links in running text), or null when none is known. */
  minContrastWithText: number | null;
  /**
   * Whether every link in running text (a block with other text; not a table of contents) was
   * underlined or differed from its surrounding text by at least 3:1; null when unknown.
   */
  distinct: boolean | null;
}

/** The viewport and zoom at the moment of accept. */
export interface PresentationViewport {
  /** Layout viewport width, CSS px (`innerWidth`; in a frame, the frame's). */
  widthPx: number;
  /** Layout viewport height, CSS px (`innerHeight`). */
  heightPx: number;
  /** `window.devicePixelRatio`: browser zoom times the screen's pixel density (1 at 100% on a standard screen). */
  devicePixelRatio: number;
  /** `visualViewport.scale`: pinch zoom (1 when not pinched), or null when the browser has no visualViewport. */
  visualViewportScale: number | null;
}

/**
 * What the assent statement and the Accept button looked like at the moment of accept. When
 * `measured` is false, `reason` says why and every measurement is null: nothing is guessed.
 */
export interface ReceiptPresentation {
  /** Whether layout was measured in a browser at the moment of accept. */
  measured: boolean;
  /** Why not, when `measured` is false; null when it is true. */
  reason: PresentationNotMeasuredReason | null;
  /** The assent statement, or null when not measured. */
  assent: PresentationAssent | null;
  /** The Accept button, or null when not measured. */
  acceptButton: PresentationAcceptButton | null;
  /** The shortest distance between the assent statement's box and the button's box, CSS px (0 when they touch), or null. */
  distancePx: number | null;
  /** The links of the agreement and the assent statement, or null when not measured. */
  links: PresentationLinks | null;
  /** The viewport and zoom, or null when not measured. */
  viewport: PresentationViewport | null;
  /** The components' theme (the nearest `data-theme`, e.g. "light", "dark", "system"), or null when none is set. */
  theme: string | null;
  /** The colour scheme the page was in (`prefers-color-scheme`, or the theme when it forces one), or null when not measured. */
  colorScheme: 'light' | 'dark' | null;
  /** Whether `prefers-reduced-motion: reduce` matched, or null when not measured. */
  reducedMotion: boolean | null;
}
