'use client';

/**
 * The two elements the presentation is measured on (the assent checkbox and the Accept button),
 * kept by callback refs; the measuring itself (./measure-presentation.ts) loads on demand with
 * the receipt maker; the development warnings about it, in development only, from
 * ./presentation-warnings.ts.
 */
import { useMemo, useRef, type RefObject } from 'react';
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
