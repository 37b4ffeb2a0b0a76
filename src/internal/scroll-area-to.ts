'use client';
import { layoutScale, resolveScrollBehavior } from './scroll';

/** Options of {@link scrollAreaTo}. */
export interface ScrollAreaToOptions {
  /** Smooth unless the user asked for reduced motion (see `resolveScrollBehavior`). */
  behavior?: ScrollBehavior;
  /** Space left above the target, in the area's own pixels, besides its `scroll-margin-top`. */
  gap?: number;
}

/** Frames a jump keeps checking where its target ended (about two seconds). */
const MAX_FRAMES = 120;
/** Frames a smooth scroll may take to begin on a busy machine. */
const START_FRAMES = 15;
/** Corrections at most, each at once. */
const MAX_CORRECTIONS = 4;
/** What the person does that ends the checking: from then on, where the area is is theirs. */
const PERSON_INPUT = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/** The checking of the last jump in each area, so that a new jump ends it. */
const settling = new WeakMap<HTMLElement, () => void>();

/**
 * Scrolls the agreement's scroll area `area` (and only it: element.scrollIntoView would also
 * scroll the page around it to put the target at its edge) so that `target`, inside it, is at
 * its top; or to its start when `target` is the area. The area itself is brought into view
 * first (nothing moves when it is): after the person scrolled to something else, such as
 * another document, a jump would otherwise end out of sight, and the target not count as seen.
 *
 * A long agreement's parts off screen have estimated sizes (`content-visibility: auto`) that
 * become real as they come near the screen, during a smooth scroll or right after a jump, so
 * the target can end a screen or more beside the place measured at the start. So once the area
 * has stopped moving, the place is measured again and the area put there at once, and the area
 * brought into view again if the page's scroll did not get there, a few times at most; not once
 * the person scrolls, touches or presses a key meanwhile, or jumps again.
 */
export function scrollAreaTo(
  area: HTMLElement,
  target: HTMLElement,
  options: ScrollAreaToOptions = {},
): void {
  const behavior = resolveScrollBehavior(area, options.behavior);
  const place = () => {
    if (target === area) return 0;
    const { y, rect } = layoutScale(area);
    const areaTop = rect.top + area.clientTop * y;
    const style = target.ownerDocument.defaultView?.getComputedStyle(target);
    const margin = (parseFloat(style?.scrollMarginTop ?? '') || 0) + (options.gap ?? 0);
    const offset = (target.getBoundingClientRect().top - areaTop) / (y || 1) - margin;
    return Math.max(0, Math.min(area.scrollHeight - area.clientHeight, area.scrollTop + offset));
  };
  settling.get(area)?.();
  area.scrollIntoView({ block: 'nearest', behavior });
  area.scrollTo({ top: place(), behavior });

  const view = area.ownerDocument.defaultView;
  if (!view?.requestAnimationFrame) return;
  let frame = 0;
  let still = 0;
  let moved = false;
  let corrections = 0;
  // Where the area is scrolled to, and where it is on screen (the page around it scrolls too).
  let last = [area.scrollTop, area.getBoundingClientRect().top];
  let handle = 0;
  const stop = () => {
    view.cancelAnimationFrame(handle);
    for (const type of PERSON_INPUT) view.removeEventListener(type, stop, true);
    if (settling.get(area) === stop) settling.delete(area);
  };
  const check = () => {
    if (++frame > MAX_FRAMES || !target.isConnected) return stop();
    const now = [area.scrollTop, area.getBoundingClientRect().top];
    const moving = now.some((v, i) => Math.abs(v - last[i]!) >= 0.5);
    last = now;
    still = moving ? 0 : still + 1;
    moved ||= moving;
    // Ended: still for three frames, the area and the page around it, after moving (a scroll of
    // the area while the page's is under way would stop that one, with the area out of sight);
    // or still from the start for longer than a smooth scroll takes to begin.
    if (still >= 3 && (moved || still >= START_FRAMES)) {
      // The area into view again, at once (nothing moves when it is): on a busy machine the
      // page's smooth scroll can be stopped before it began, by the area's own, with the area
      // out of sight and its target then not counted as seen.
      const onScreen = area.getBoundingClientRect().top;
      area.scrollIntoView({ block: 'nearest', behavior: 'instant' });
      const pageMoved = Math.abs(area.getBoundingClientRect().top - onScreen) >= 0.5;
      const top = area.scrollTop;
      const wanted = place();
      const areaMoves = Math.abs(wanted - top) > 1;
      if ((!areaMoves && !pageMoved) || corrections >= MAX_CORRECTIONS) return stop();
      corrections++;
      still = 0;
      moved = false;
      if (areaMoves) area.scrollTo({ top: wanted, behavior: 'instant' });
    }
    handle = view.requestAnimationFrame(check);
  };
  for (const type of PERSON_INPUT) view.addEventListener(type, stop, { capture: true, passive: true });
  settling.set(area, stop);
  handle = view.requestAnimationFrame(check);
}
