'use client';

/**
 * The two elements the presentation is measured on (the assent checkbox and the Accept button),
 * kept by callback refs; the measuring itself (./measure-presentation.ts) loads on demand with
 * the receipt maker; the development warnings about it, in development only, from
 * ./presentation-warnings.ts.
 */
import { useEffect, useState, type RefObject } from 'react';
import { inForeignFrame } from '../../internal/scroll';
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
 * at the moment of accept: an observer (whose implicit root is the top-level viewport, clipped
 * by every frame on the way) keeps, for the statement and the button, whether all of each was
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
  let observer: IntersectionObserver | null = null;
  const whole = new WeakMap<Element, boolean>();
  const observed = new Set<Element>();
  const elements: RefObject<PresentationElements> = {
    current: {
      assent: null,
      accept: null,
      // Not seen by the observer (yet): not known to have been on screen.
      wholeOnTop: (element) => {
        watch();
        return whole.get(element) === true;
      },
    },
  };
  /** Observes what `assent` and `accept` show now, and nothing else (only in a foreign frame). */
  const watch = () => {
    const { assent, accept } = elements.current;
    const view = (assent ?? accept)?.ownerDocument.defaultView;
    if (!view || typeof IntersectionObserver === 'undefined' || !inForeignFrame(view)) return;
    const io = (observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) whole.set(entry.target, entry.intersectionRatio >= WHOLE);
      },
      { threshold: [0, WHOLE, 1] },
    ));
    const targets = new Set<Element>();
    if (assent) targets.add(statementOf(assent));
    if (accept) targets.add(accept);
    for (const el of observed) {
      if (targets.has(el)) continue;
      io.unobserve(el);
      observed.delete(el);
      whole.delete(el);
    }
    for (const el of targets) {
      if (observed.has(el)) continue;
      io.observe(el);
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
      observer?.disconnect();
      observer = null;
      observed.clear();
    },
  };
}
