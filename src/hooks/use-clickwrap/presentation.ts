'use client';

/**
 * The two elements the presentation is measured on (the assent checkbox and the Accept button),
 * kept by callback refs; the measuring itself (./measure-presentation.ts) loads on demand with
 * the receipt maker. Also the development warnings about what was measured.
 */
import type { PresentationFinding } from '../../core/presentation/check';
import { useMemo, useRef, type RefObject } from 'react';
import { __DEV__, warnOnce } from '../../internal/dev';
import type { PresentationElements } from './measure-presentation';

export type { PresentationElements } from './measure-presentation';

/**
 * Callback refs for the assent checkbox and the Accept button (the getters merge them with the
 * caller's), and `elements`, which holds them for the measurement when accept is pressed.
 */
export function usePresentationElements(): {
  refs: { assent: (element: HTMLElement | null) => void; accept: (element: HTMLElement | null) => void };
  elements: RefObject<PresentationElements>;
} {
  const elements = useRef<PresentationElements>({ assent: null, accept: null });
  return useMemo(
    () => ({
      refs: {
        assent: (element: HTMLElement | null) => {
          elements.current.assent = element;
        },
        accept: (element: HTMLElement | null) => {
          elements.current.accept = element;
        },
      },
      elements,
    }),
    [],
  );
}

const warnedRules = new Set<string>();

/**
 * In development, warns once per rule that the presentation just measured fails a notice rule
 * (see `checkPresentation`): the app's layout or wording, not the person, is at fault.
 */
export function warnPresentationFindings(findings: readonly PresentationFinding[]): void {
  if (!__DEV__) return;
  for (const finding of findings) {
    if (finding.status !== 'fail' || warnedRules.has(finding.rule)) continue;
    warnedRules.add(finding.rule);
    warnOnce(
      `The clickwrap's presentation fails the rule "${finding.rule}" at accept: ${finding.message} ` +
        `(${finding.source}). The receipt records this evidence; checkPresentation(receipt) lists every rule.`,
    );
  }
}
