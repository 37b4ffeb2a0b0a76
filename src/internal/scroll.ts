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

/** `a` ∩ `b`. */
function intersect(a: ClientBox, b: ClientBox): ClientBox {
  return {
    top: Math.max(a.top, b.top),
    bottom: Math.min(a.bottom, b.bottom),
    left: Math.max(a.left, b.left),
    right: Math.min(a.right, b.right),
  };
}

/** An element's padding box (borders and scrollbars left out), in viewport coordinates. */
export function paddingClientBox(el: HTMLElement): ClientBox {
  const { x, y, rect } = layoutScale(el);
  const top = rect.top + el.clientTop * y;
  const left = rect.left + el.clientLeft * x;
  return { top, bottom: top + el.clientHeight * y, left, right: left + el.clientWidth * x };
}

/**
 * The part of a scroll container's padding box (borders and scrollbars left out) that is on
 * screen, in viewport coordinates; null when none of it is. On screen: see {@link visiblePartOf}.
 * `own` is `el`'s padding box, when the caller has it already.
 */
export function visibleClientBox(el: HTMLElement, own: ClientBox = paddingClientBox(el)): ClientBox | null {
  return visiblePartOf(el, own);
}

/**
 * The part of `box` (a box of `el`, in viewport coordinates) that is on screen; null when none of
 * it is. On screen means inside the viewport and inside every ancestor that clips `el`
 * (overflow other than visible, along its containing-block chain, as the browser clips): a
 * document below a modal's scrolling column, or below the fold of a page, is not on screen. The
 * body and the root are not among them: their overflow is the viewport's (a dialog's scroll
 * lock puts overflow: hidden on the body, which clips neither a fixed dialog nor the viewport).
 * In a same-origin frame, also inside the part of the frame that its page leaves on screen, up to
 * the top: a tall embedded frame's lower half, below the page's fold, is not on screen.
 */
export function visiblePartOf(el: Element, box: ClientBox): ClientBox | null {
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  if (view) {
    let position = view.getComputedStyle(el).position;
    for (let a = flatParent(el); a && a !== doc.body && a !== doc.documentElement; a = flatParent(a)) {
      const style = view.getComputedStyle(a);
      // A fixed box's containing block is the viewport, unless an ancestor's transform, filter or
      // containment makes one; an absolute one's, the nearest positioned ancestor (or such a
      // one): the ancestors in between do not clip it.
      if (position === 'fixed' && !holdsFixed(style)) continue;
      if (position === 'absolute' && style.position === 'static' && !holdsFixed(style)) continue;
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
        box = intersect(box, paddingClientBox(a as HTMLElement));
      position = style.position;
    }
  }
  const viewport = doc.documentElement;
  box = intersect(box, { top: 0, bottom: viewport.clientHeight, left: 0, right: viewport.clientWidth });
  if (!(box.bottom > box.top && box.right > box.left)) return null;
  // In a frame, the viewport is itself a box in the parent's page, which may have scrolled it
  // (partly) off screen: what the parent leaves of it is what is on screen. A parent of another
  // origin cannot be asked (no frameElement): there the frame's own viewport is all we know.
  const frame = view && frameOf(view);
  if (!frame) return box;
  const { x, y, left, top } = originIn(frame);
  const outer = visiblePartOf(frame, {
    top: top + box.top * y,
    bottom: top + box.bottom * y,
    left: left + box.left * x,
    right: left + box.right * x,
  });
  return (
    outer && {
      top: (outer.top - top) / y,
      bottom: (outer.bottom - top) / y,
      left: (outer.left - left) / x,
      right: (outer.right - left) / x,
    }
  );
}

/** The frame that holds `view`'s document, or null: at the top, or where the parent is of another origin. */
function frameOf(view: Window): HTMLElement | null {
  try {
    return view.frameElement as HTMLElement | null;
  } catch {
    return null;
  }
}

/**
 * Whether `view` is in a frame inside a page of another origin (at any depth), where the frame
 * lies in the top-level page cannot be read: {@link visiblePartOf} knows the frames only up to
 * that page.
 */
export function inForeignFrame(view: Window): boolean {
  let v = view;
  for (let f = frameOf(v); f?.ownerDocument.defaultView; f = frameOf(v)) v = f.ownerDocument.defaultView;
  return v !== v.top;
}

/**
 * Where a frame draws its document's viewport in its page: the origin of its content box (inside
 * border and padding), and the scale of a CSS pixel (a transform), in the page's coordinates.
 */
function originIn(frame: HTMLElement): { x: number; y: number; left: number; top: number } {
  const { x, y, rect } = layoutScale(frame);
  const style = frame.ownerDocument.defaultView?.getComputedStyle(frame);
  return {
    x,
    y,
    left: rect.left + (frame.clientLeft + (parseFloat(style?.paddingLeft ?? '') || 0)) * x,
    top: rect.top + (frame.clientTop + (parseFloat(style?.paddingTop ?? '') || 0)) * y,
  };
}

/**
 * Listens for whatever may move a box on screen: a scroll anywhere in `view`'s document
 * (captured), a resize, and the same in every same-origin page that holds it in a frame (the
 * page around a frame scrolling it fires nothing inside it). Returns the cleanup.
 */
export function onViewportChange(view: Window, listener: () => void): () => void {
  const views: Window[] = [];
  for (let v: Window | null | undefined = view; v; v = frameOf(v)?.ownerDocument.defaultView) {
    v.addEventListener('scroll', listener, { capture: true, passive: true });
    v.addEventListener('resize', listener, { passive: true });
    views.push(v);
  }
  return () => {
    for (const v of views) {
      v.removeEventListener('scroll', listener, { capture: true });
      v.removeEventListener('resize', listener);
    }
  };
}

/** The parent in the flat tree: a slotted element's slot, a shadow root's host, else the parent. */
function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}

/** Whether a box is the containing block of fixed (and absolute) descendants, as a transform makes it. */
function holdsFixed(style: CSSStyleDeclaration): boolean {
  return (
    (style.transform !== '' && style.transform !== 'none') ||
    (style.perspective !== '' && style.perspective !== 'none') ||
    (style.filter !== '' && style.filter !== 'none') ||
    /\b(paint|layout|strict|content)\b/.test(style.contain ?? '') ||
    /\b(transform|perspective|filter)\b/.test(style.willChange ?? '')
  );
}

/**
 * Whether something other than `el` (and its content) is drawn over the point (`x`, `y`), in
 * viewport coordinates: a sticky footer, a cookie banner or another dialog over the end of the
 * text hides it as surely as the fold does. What lets pointer events through is not seen (the
 * browser's hit test skips it), and neither is `el`'s own ancestor: a hit on it means nothing
 * else is on top there. In a same-origin frame, the pages around it are asked too (a cookie
 * banner of the page that embeds the frame). False where the document cannot tell (no
 * `elementFromPoint`).
 */
export function coveredAt(el: HTMLElement, x: number, y: number): boolean {
  const root = el.getRootNode() as Document | ShadowRoot;
  const hit = typeof root.elementFromPoint === 'function' ? root.elementFromPoint(x, y) : null;
  if (hit !== null && !el.contains(hit) && !hit.contains(el)) return true;
  const view = el.ownerDocument.defaultView;
  const frame = view && frameOf(view);
  if (!frame) return false;
  const o = originIn(frame);
  return coveredAt(frame, o.left + x * o.x, o.top + y * o.y);
}
