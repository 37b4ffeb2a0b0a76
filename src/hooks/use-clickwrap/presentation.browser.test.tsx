import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { measurePresentation } from './measure-presentation';
import { contrastRatio, parseColor } from './presentation-colour';

/** A notice built from plain DOM: `html` inside a fresh container. */
function mount(html: string): { assent: HTMLElement; accept: HTMLElement } {
  const host = document.createElement('div');
  host.id = 'host';
  host.innerHTML = html;
  document.body.append(host);
  return {
    assent: host.querySelector<HTMLElement>('input[type="checkbox"]')!,
    accept: host.querySelector<HTMLElement>('button')!,
  };
}

beforeEach(async () => {
  await page.viewport(1000, 700);
});

afterEach(() => {
  document.getElementById('host')?.remove();
});

describe('measurePresentation in Chromium', () => {
  it('computes WCAG contrast: black on white is 21:1, #767676 on white 4.54:1', () => {
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(contrastRatio([0x76, 0x76, 0x76, 1], [255, 255, 255, 1])).toBeCloseTo(4.54, 2);
  });

  it('finds the background through transparent ancestors, compositing a translucent layer', () => {
    const { assent, accept } = mount(`
      <div style="background: rgb(0, 0, 0)">
        <div style="background: rgba(255, 255, 255, 0.5); padding: 8px">
          <input type="checkbox" id="a"><label for="a" style="color: rgb(255, 255, 255)">I agree to the Terms</label>
          <button style="width: 80px; height: 32px">Accept</button>
        </div>
      </div>`);
    const p = measurePresentation({ assent, accept });
    // White text on 50% white over black = rgb(127.5…): about 3.98:1 (floored to two decimals).
    expect(p.assent!.contrast).toBeGreaterThan(3.9);
    expect(p.assent!.contrast).toBeLessThan(4.1);
    expect(p.acceptButton).toEqual({ label: 'Accept', inViewport: true, widthPx: 80, heightPx: 32 });
  });

  it('reads OKLCH and OKLab colours (as Tailwind writes them), as Chromium keeps them computed', () => {
    const close = (value: string, expected: number[]) =>
      parseColor(value)!.forEach((channel, i) => expect(channel).toBeCloseTo(expected[i]!, 0));
    close('oklch(1 0 0)', [255, 255, 255, 1]);
    close('oklch(0 0 0 / 0.5)', [0, 0, 0, 0.5]);
    close('oklab(0.627955 0.224863 0.125846)', [255, 0, 0, 1]);
    close('oklch(62.7955% 0.257683 29.2339deg)', [255, 0, 0, 1]);
    const { assent, accept } = mount(`
      <div style="background: oklch(1 0 0)">
        <input type="checkbox" id="a"><label for="a" style="color: oklch(0.3 0 0)">I agree to the Terms</label>
        <button>Accept</button>
      </div>`);
    expect(getComputedStyle((assent as HTMLInputElement).labels![0]!).color).toMatch(/^oklch/);
    // oklch(0.3 0 0) is about rgb(46, 46, 46): some 13.6:1 on white.
    expect(measurePresentation({ assent, accept }).assent!.contrast).toBeCloseTo(13.6, 0);
  });

  it('measures a label laid out as display: contents by its text', () => {
    const { assent, accept } = mount(`
      <div style="background: #fff; color: #222">
        <input type="checkbox" id="a"><label for="a" style="display: contents">I agree to the Terms</label>
        <button style="width: 80px; height: 32px">Accept</button>
      </div>`);
    const p = measurePresentation({ assent, accept });
    expect(p).toMatchObject({
      measured: true,
      assent: { visibleText: 'I agree to the Terms', inViewport: true },
    });
  });

  it('says unknown (null) for text over a panel that is not its ancestor, whose colour the ancestors do not give', () => {
    const { assent, accept } = mount(`
      <div style="position: relative; background: #fff; padding: 16px">
        <div style="position: absolute; inset: 0; background: #111"></div>
        <input type="checkbox" id="a"><label for="a" style="position: relative; color: #eee">I agree to the Terms</label>
        <button style="position: relative">Accept</button>
      </div>`);
    // #eee on the white ancestor would be 1.16:1; on the dark panel, as drawn, about 15.6:1.
    expect(measurePresentation({ assent, accept }).assent!.contrast).toBeNull();
  });

  it('says unknown (null) for text on a gradient or an image, rather than guess', () => {
    const { assent, accept } = mount(`
      <div style="background: linear-gradient(#fff, #000)">
        <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
        <button>Accept</button>
      </div>`);
    expect(measurePresentation({ assent, accept }).assent!.contrast).toBeNull();
  });

  it('tells links in running text that look like the text from underlined or contrasting ones, and skips lists of links', () => {
    const links = (style: string) => {
      document.getElementById('host')?.remove();
      const { assent, accept } = mount(`
        <div style="color: rgb(30, 30, 30); background: #fff">
          <p>Read the <a href="#t" style="${style}">Terms</a> first.</p>
          <nav><ul><li><a href="#toc" style="color: rgb(30, 30, 30); text-decoration: none">Contents</a></li></ul></nav>
          <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
          <button>Accept</button>
        </div>`);
      return measurePresentation({ assent, accept }).links!;
    };
    expect(links('color: rgb(30, 30, 30); text-decoration: none')).toMatchObject({
      count: 2,
      underlined: 0,
      minContrastWithText: 1,
      distinct: false,
    });
    expect(links('color: rgb(30, 30, 30); text-decoration: underline')).toMatchObject({
      underlined: 1,
      distinct: true,
    });
    expect(links('color: rgb(0, 90, 200); text-decoration: none').distinct).toBe(false);
    expect(links('color: rgb(200, 200, 255); text-decoration: none').distinct).toBe(true);
  });

  it('records a statement scrolled out of its scroll container as not in the viewport', () => {
    const { assent, accept } = mount(`
      <div id="box" style="height: 100px; overflow: auto">
        <div style="height: 400px"></div>
        <input type="checkbox" id="a"><label for="a">I agree to the Terms</label>
      </div>
      <button>Accept</button>`);
    const p = measurePresentation({ assent, accept });
    expect(p.assent!.inViewport).toBe(false);
    expect(p.acceptButton!.inViewport).toBe(true);
    document.getElementById('box')!.scrollTop = 400;
    expect(measurePresentation({ assent, accept }).assent!.inViewport).toBe(true);
  });

  it('says not measured when an element is missing or has no layout box', () => {
    const { assent, accept } = mount(`
      <input type="checkbox" id="a"><label for="a">I agree</label><button style="display: none">Accept</button>`);
    expect(measurePresentation({ assent, accept: null })).toMatchObject({
      measured: false,
      reason: 'accept-button-not-found',
    });
    expect(measurePresentation({ assent: null, accept })).toMatchObject({
      measured: false,
      reason: 'assent-not-found',
    });
    expect(measurePresentation({ assent, accept })).toMatchObject({
      measured: false,
      reason: 'no-layout',
      viewport: null,
    });
  });
});
