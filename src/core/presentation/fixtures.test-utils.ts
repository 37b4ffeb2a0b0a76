/** Presentation evidence for tests: a fair notice as measured, and one not measured. */
import type { ReceiptPresentation } from './types';

/** A fair notice: everything a court and WCAG ask for, as the browser measured it. */
export function fairPresentation(): ReceiptPresentation {
  return {
    measured: true,
    reason: null,
    assent: {
      accessibleName: 'I have read and agree to the Instadesk Terms and Conditions',
      visibleText: 'I have read and agree to the Instadesk Terms and Conditions',
      inViewport: true,
      fontSizePx: 16,
      fontWeight: 400,
      contrast: 15.3,
    },
    acceptButton: { label: 'Accept', visibleText: 'Accept', inViewport: true, widthPx: 96, heightPx: 44 },
    distancePx: 24,
    links: { count: 2, underlined: 2, minContrast: 7.1, minContrastWithText: 1.4, distinct: true },
    viewport: { widthPx: 1280, heightPx: 800, devicePixelRatio: 1, visualViewportScale: 1 },
    theme: 'light',
    colorScheme: 'light',
    reducedMotion: false,
  };
}

/** Not measured (e.g. jsdom): every measurement null, with the reason. */
export function unmeasuredPresentation(
  reason: NonNullable<ReceiptPresentation['reason']> = 'no-layout',
): ReceiptPresentation {
  return {
    measured: false,
    reason,
    assent: null,
    acceptButton: null,
    distancePx: null,
    links: null,
    viewport: null,
    theme: null,
    colorScheme: null,
    reducedMotion: null,
  };
}
