'use client';

/**
 * The scroll behaviour to use: the caller's, else smooth unless the user asked for reduced
 * motion. `instant` rather than `auto`, so a stylesheet's `scroll-behavior: smooth` cannot
 * bring the animation back for someone who asked for none.
 */
export function resolveScrollBehavior(el: Element, requested?: ScrollBehavior): ScrollBehavior {
  if (requested) return requested;
  const reduce = el.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)');
  return reduce?.matches ? 'instant' : 'smooth';
}

/** The event a jump dispatches when its target is in a part of a long agreement not yet mounted. */
export const MOUNT_ALL_PARTS = 'rcw-mount-all-parts';

/**
 * Asks every long agreement in `node`'s document that is still mounting its parts to mount them
 * all now, synchronously, so that a jump (table of contents, key-clause summary) can find its
 * target in the same click.
 */
export function mountAllParts(node: Node): void {
  (node.ownerDocument ?? node).dispatchEvent(new Event(MOUNT_ALL_PARTS));
}

/** A rectangle in viewport (client) coordinates. */
export interface ClientBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * How a scroll container's own lengths (`scrollTop`, `clientHeight`, which leave out CSS zoom
 * and transforms) relate to the viewport coordinates `getBoundingClientRect` gives (which
 * include them). 1 without zoom or scaling.
 */
export function layoutScale(el: HTMLElement): { x: number; y: number; rect: DOMRect } {
  const rect = el.getBoundingClientRect();
  return {
    x: el.offsetWidth > 0 ? rect.width / el.offsetWidth : 1,
    y: el.offsetHeight > 0 ? rect.height / el.offsetHeight : 1,
    rect,
  };
}

/**
 * The part of a scroll container's padding box (borders and scrollbars left out) that is on
 * screen, in viewport coordinates; null when none of it is.
 */
export function visibleClientBox(el: HTMLElement): ClientBox | null {
  const { x, y, rect } = layoutScale(el);
  const top = rect.top + el.clientTop * y;
  const left = rect.left + el.clientLeft * x;
  const viewport = el.ownerDocument.documentElement;
  const box = {
    top: Math.max(top, 0),
    bottom: Math.min(top + el.clientHeight * y, viewport.clientHeight),
    left: Math.max(left, 0),
    right: Math.min(left + el.clientWidth * x, viewport.clientWidth),
  };
  return box.bottom > box.top && box.right > box.left ? box : null;
}
