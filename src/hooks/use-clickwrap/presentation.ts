'use client';

/**
 * The two elements the presentation is measured on (the assent checkbox and the Accept button),
 * kept by callback refs; the measuring itself (./measure-presentation.ts) loads on demand with
 * the receipt maker; the development warnings about it, in development only, from
 * ./presentation-warnings.ts.
 */
import { useEffect, useState, type RefObject } from 'react';
import { inForeignFrame } from '../../internal/scroll';
import type { TopScreen } from '../../internal/top-screen';
import type { PresentationElements } from './measure-presentation';
import { statementOf } from './statement';

export type { PresentationElements } from './measure-presentation';

/** At least this share of an element inside the top-level viewport counts as all of it (rounding). */
const WHOLE = 0.99;

/**
 * Callback refs for the assent checkbox and the Accept button (the getters merge them with the
 * caller's), and `elements`, which holds them for the measurement when accept is pressed.
 *
 * In a frame inside a page of another origin, where the frame lies in that page cannot be read
 * at the moment of accept: an observer of the top-level screen (../../internal/top-screen.ts,
 * loaded on demand there only) keeps, for the statement and the button, whether all of each was
 * on that screen when it last changed, for the measurement to ask (`wholeOnTop`).
 */
export function usePresentationElements(): {
  refs: { assent: (element: HTMLElement | null) => void; accept: (element: HTMLElement | null) => void };
  elements: RefObject<PresentationElements>;
} {
  const [tracker] = useState(createTracker);
  // A label given (or replaced) in a later render than the checkbox: observed from then.
  useEffect(() => tracker.watch());
  useEffect(() => tracker.stop, [tracker]);
  return tracker;
}

function createTracker() {
  /** The top-level screen's observer: null until needed (a foreign frame), then loading, then loaded. */
  let screen: TopScreen | 'loading' | null = null;
  /** Counts stops: a load that finishes after one (StrictMode's unmount and remount) is dropped. */
  let stops = 0;
  const observed = new Set<Element>();
  const elements: RefObject<PresentationElements> = {
    current: {
      assent: null,
      accept: null,
      // Not (yet) reported by the observer: not known to have been on screen.
      wholeOnTop: (element) => {
        watch();
        return typeof screen === 'object' && (screen?.share(element) ?? 0) >= WHOLE;
      },
    },
  };
  /** Observes what `assent` and `accept` show now, and nothing else (only in a foreign frame). */
  const watch = () => {
    const { assent, accept } = elements.current;
    const view = (assent ?? accept)?.ownerDocument.defaultView;
    if (!view || typeof IntersectionObserver === 'undefined' || !inForeignFrame(view)) return;
    if (screen === null) {
      screen = 'loading';
      const at = stops;
      void import('../../internal/top-screen').then(
        ({ topScreen }) => {
          if (at !== stops) return;
          screen = topScreen([0, WHOLE, 1], () => {});
          watch();
        },
        // Not loaded (offline): still not on screen as far as is known; the next look tries again.
        () => {
          if (at === stops) screen = null;
        },
      );
    }
    if (screen === 'loading') return;
    const targets = new Set<Element>();
    if (assent) targets.add(statementOf(assent));
    if (accept) targets.add(accept);
    for (const el of observed) {
      if (targets.has(el)) continue;
      screen.unobserve(el);
      observed.delete(el);
    }
    for (const el of targets) {
      if (observed.has(el)) continue;
      screen.observe(el);
      observed.add(el);
    }
  };
  return {
    refs: {
      assent: (element: HTMLElement | null) => {
        elements.current.assent = element;
        watch();
      },
      accept: (element: HTMLElement | null) => {
        elements.current.accept = element;
        watch();
      },
    },
    elements,
    watch,
    stop: () => {
      stops += 1;
      if (typeof screen === 'object') screen?.disconnect();
      screen = null;
      observed.clear();
    },
  };
}
