'use client';
// Screenshots of the stories that showed issue 14's eight findings, each now showing its fix, at
// 1280 and 375 px, light and dark. Each story runs as in Storybook (its args, globals, decorators
// and play function, through composeStory) in a canvas the size of the window, so the picture is
// what a person sees when the play function is done, modal and backdrop included.
//
// What makes the pictures repeatable: the text is set in Nunito Sans, loaded from the storybook
// package in node_modules (no system font decides the Latin glyphs), animations and transitions
// are off, the caret is hidden, the receipt's id is fixed, and the comparison allows a small
// share of pixels to differ (TOLERANCE, below). References are kept per Chromium major version
// (the system's and @sparticuz/chromium's), as their text rasterisers differ by more than a
// layout break would; see test/visual/README.md.
import { composeStory, setProjectAnnotations } from '@storybook/react-vite';
import type { Args } from '@storybook/react-vite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cdp, page } from 'vitest/browser';
import preview from '../../.storybook/preview';
import { en } from '../../src/messages';
import * as modal from '../../stories/components/clickwrap-modal.stories';
import * as pageStories from '../../stories/components/clickwrap-page.stories';
import * as scenarios from '../../stories/components/scenarios.stories';
import * as theming from '../../stories/components/theming.stories';
import { installVisualFont, STILL_CSS, VISUAL_FONT } from './still';

const annotations = setProjectAnnotations([preview]);

/**
 * How much of a picture may differ: anti-aliasing is ignored by pixelmatch, a pixel counts when
 * its colour moved by more than `threshold` (YIQ), and up to `allowedMismatchedPixelRatio` of the
 * pixels may differ. A layout break (a bar over the assent, a column that lost its width, a
 * border gone) moves far more than that; see test/visual/README.md for how this was checked.
 */
const TOLERANCE = {
  comparatorName: 'pixelmatch',
  comparatorOptions: { threshold: 0.2, allowedMismatchedPixelRatio: 0.005 },
} as const;

/** The window sizes of the review: a desktop and a phone. */
const SIZES = [
  [1280, 800],
  [375, 667],
] as const;
const THEMES = ['light', 'dark'] as const;

/** A fixed receipt id, so the decided modal shows the same words every run. */
const RECEIPT_ID = '00000000-0000-4000-8000-000000000014';

interface Case {
  /** The finding of issue 14 the story showed. */
  finding: number;
  /** The story's id in Storybook (its URL). */
  id: string;
  /** Renders the story in a theme, into the canvas, and runs its play function. */
  run: (theme: 'light' | 'dark', canvasElement: HTMLElement) => Promise<void>;
  /**
   * Text in a script the loaded font does not cover (Arabic): its glyphs come from whatever
   * fonts the machine has, so the reference is also keyed by how wide they draw this sample.
   */
  fallbackSample?: string;
  /**
   * What the picture shows: this element scrolled to the top of its scroll areas. Without it, the
   * window is scrolled to the end of the page (a modal does not scroll the page). Either way the
   * scroll position is the story's layout, not the timing of the play function's focus moves.
   */
  reveal?: () => HTMLElement;
}

const CASES: Case[] = [
  {
    // Several documents: each in its own region with its summary; after accepting, a status
    // banner, Done and one "Download copies" (the dialog stays open to show it).
    finding: 1,
    id: 'components-clickwrapmodal--terms-and-privacy-policy',
    run: storyRun(modal.TermsAndPrivacyPolicy, modal.default, 'TermsAndPrivacyPolicy', {
      closeOnDecision: false,
    }),
  },
  {
    // The highlight: a light tint, a small tag, no double tint when nested, every clause read.
    finding: 2,
    id: 'components-clickwrappage--every-key-clause-seen',
    run: storyRun(pageStories.EveryKeyClauseSeen, pageStories.default, 'EveryKeyClauseSeen'),
  },
  {
    // Read and unread side by side (jumped to the end: the last clauses read, those before not),
    // told apart by a dashed or solid bar and the tag's check as well as colour.
    finding: 3,
    id: 'components-clickwrappage--scrolled-to-end',
    run: storyRun(pageStories.ScrolledToEnd, pageStories.default, 'ScrolledToEnd'),
  },
  {
    // The summary grouped by section with counts and Next unread, in the modal's side column.
    finding: 4,
    id: 'components-clickwrapmodal--every-key-clause-seen',
    run: storyRun(modal.EveryKeyClauseSeen, modal.default, 'EveryKeyClauseSeen'),
    reveal: () => page.getByRole('region', { name: en.keyClausesHeading }).element() as HTMLElement,
  },
  {
    // The guardian's part on neutral tokens, the error summary at the top of the form.
    finding: 5,
    id: 'components-scenarios--guardian-validation-errors',
    run: storyRun(scenarios.GuardianValidationErrors, scenarios.default, 'GuardianValidationErrors'),
    reveal: () => page.getByRole('alert').element() as HTMLElement,
  },
  {
    // Brand tokens, ready to accept: Accept and the complete bar in the brand colour.
    finding: 6,
    id: 'components-theming--brand-tokens',
    run: storyRun(theming.BrandTokens, theming.default, 'BrandTokens'),
  },
  {
    // A failed delivery on a phone: the error and Retry end the form, not cover the assent.
    finding: 7,
    id: 'components-clickwrappage--failed',
    run: storyRun(pageStories.Failed, pageStories.default, 'Failed'),
  },
  {
    // Right to left in Arabic.
    finding: 8,
    id: 'components-clickwrappage--right-to-left',
    run: storyRun(pageStories.RightToLeft, pageStories.default, 'RightToLeft'),
    fallbackSample: 'قرأت الشروط وأوافق عليها',
  },
];

/**
 * A story as Storybook runs it (its args, the toolbar's globals, the decorators of
 * .storybook/preview and its play function), in a theme, with args of this test's own.
 */
function storyRun<TArgs extends Args>(
  story: { args?: Partial<TArgs>; globals?: Record<string, unknown> },
  meta: object,
  name: string,
  extraArgs: Partial<TArgs> = {},
): Case['run'] {
  const annotated = { ...story, args: { ...story.args, ...extraArgs } };
  // Each story file's own Args type: composeStory takes them all, but its types are per file.
  return (theme, canvasElement) =>
    composeStory(
      { ...annotated, globals: { ...story.globals, theme } } as never,
      meta as never,
      undefined,
      name,
    ).run({ canvasElement });
}

/** The Chromium major version: references are kept per build (see the header). */
function chromiumBuild(): string {
  const major = /(?:Headless)?Chrome\/(\d+)/.exec(navigator.userAgent)?.[1];
  if (!major) throw new Error(`Not a Chromium: ${navigator.userAgent}`);
  return `chromium${major}`;
}

/**
 * Which fallback font draws `sample`, as the width it draws at 100 px (a system with no font for
 * the script draws empty boxes, another font other widths): e.g. `ar1052`.
 */
function fallbackKey(sample: string): string {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('No 2D canvas to measure the fallback font with.');
  context.font = `100px '${VISUAL_FONT}', sans-serif`;
  return `ar${Math.round(context.measureText(sample).width)}`;
}

/**
 * Scrolls the nearest area that scrolls (overflow auto or scroll) so `el` is at its top, as a
 * person would; scrollIntoView would also move boxes that clip with overflow: hidden.
 */
function revealAtTop(el: HTMLElement): void {
  for (let area = el.parentElement; area; area = area.parentElement) {
    const overflow = getComputedStyle(area).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && area.scrollHeight > area.clientHeight) {
      const top = el.getBoundingClientRect().top - area.getBoundingClientRect().top;
      area.scrollTo({ top: area.scrollTop + top, behavior: 'instant' });
      return;
    }
  }
  throw new Error('Nothing scrolls around the element to reveal.');
}

let canvas: HTMLElement | null = null;
let still: HTMLStyleElement | null = null;

beforeAll(async () => {
  await annotations.beforeAll?.();
  await installVisualFont();
  still = document.head.appendChild(document.createElement('style'));
  still.textContent = STILL_CSS;
  await cdp().send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
  });
});

afterAll(async () => {
  // Emulation belongs to the browser tab that every test file shares: leave it as found, or the
  // files after this one run with reduced motion (and this window size).
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  still?.remove();
  await page.viewport(1024, 768);
});

afterEach(() => {
  // The next story's run unmounts this one (the modal's portal with it) before it renders.
  canvas?.remove();
  canvas = null;
  vi.restoreAllMocks();
});

describe.each(CASES)('finding $finding: $id', ({ id, run, fallbackSample, reveal }) => {
  it.each(SIZES.flatMap(([width, height]) => THEMES.map((theme) => [width, height, theme] as const)))(
    'at %i × %i px, %s',
    async (width, height, theme) => {
      vi.spyOn(crypto, 'randomUUID').mockReturnValue(RECEIPT_ID);
      await page.viewport(width, height);
      canvas = document.body.appendChild(document.createElement('div'));
      canvas.className = 'visual-canvas';
      await run(theme, canvas);
      if (reveal) revealAtTop(reveal());
      else canvas.scrollTo({ top: canvas.scrollHeight, behavior: 'instant' });
      await document.fonts.ready;
      const key = [
        id,
        width,
        theme,
        chromiumBuild(),
        ...(fallbackSample ? [fallbackKey(fallbackSample)] : []),
      ];
      await expect.element(page.elementLocator(canvas)).toMatchScreenshot(key.join('-'), TOLERANCE);
    },
  );
});
