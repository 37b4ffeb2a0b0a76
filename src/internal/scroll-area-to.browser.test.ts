import { afterEach, describe, expect, it } from 'vitest';
import { scrollAreaTo } from './scroll-area-to';

/** n animation frames. */
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });

/**
 * A scroll area whose first block changes its size once the area has been scrolled (as a part
 * of a long agreement takes its real size when it comes near the screen), and a target after it.
 * Without scroll anchoring, which makes up for such a change only where nothing is animating
 * (a smooth scroll goes on to the place it set out for).
 */
function setup() {
  const area = document.createElement('div');
  area.style.cssText = 'height: 300px; overflow: auto; scroll-behavior: auto; overflow-anchor: none';
  const before = document.createElement('div');
  before.style.height = '2000px';
  const target = document.createElement('p');
  target.textContent = 'The target';
  target.tabIndex = -1;
  const after = document.createElement('div');
  after.style.height = '3000px';
  area.append(before, target, after);
  document.body.append(area);
  // Its real size, 600 px more, arrives after the scroll began.
  area.addEventListener('scroll', () => (before.style.height = '2600px'), { once: true });
  const offset = () => target.getBoundingClientRect().top - area.getBoundingClientRect().top;
  return { area, target, offset };
}

afterEach(() => {
  document.body.replaceChildren();
  window.scrollTo({ top: 0, behavior: 'instant' });
});

describe('scrollAreaTo', () => {
  it('puts the target at the top once the sizes above it changed during the scroll', async () => {
    const { area, target, offset } = setup();
    scrollAreaTo(area, target, { behavior: 'instant' });
    await frames(30);
    expect(Math.round(offset())).toBe(0);
    expect(area.scrollTop).toBeGreaterThan(2600);
  });

  it('brings the area into view again when the page did not get there', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.prepend(spacer);
    const { area, target, offset } = setup();
    scrollAreaTo(area, target, { behavior: 'instant' });
    // The page's scroll undone before it showed the area (as when, on a busy machine, the area's
    // own scroll stops the page's smooth one before it began); by no person's input.
    window.scrollTo({ top: 0, behavior: 'instant' });
    await frames(30);
    const box = area.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(window.innerHeight);
    expect(Math.round(offset())).toBe(0);
  });

  it('leaves the area where the person scrolled it meanwhile', async () => {
    const { area, target } = setup();
    scrollAreaTo(area, target, { behavior: 'instant' });
    // The person turns the wheel before the scroll is checked.
    area.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
    area.scrollTop = 1500;
    await frames(30);
    expect(area.scrollTop).toBe(1500);
  });
});
