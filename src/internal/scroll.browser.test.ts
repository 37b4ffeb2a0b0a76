// What is on screen, as the browser clips it: the reading's end and the presentation evidence
// both ask `visiblePartOf`.
import { afterEach, describe, expect, it } from 'vitest';
import { mountFrame, type TestFrame } from './frame.test-utils';
import { visiblePartOf } from './scroll';

let host: HTMLElement;

function mount(html: string): HTMLElement {
  host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host;
}

const boxOf = (el: Element) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, left: r.left, bottom: r.bottom, right: r.right };
};

afterEach(() => host?.remove());

describe('visiblePartOf', () => {
  it('clips a fixed box by an ancestor that holds it (a transform), not by those between', () => {
    mount(`
      <div id="clip" style="overflow:hidden;width:100px;height:100px;transform:translateZ(0)">
        <div style="overflow:hidden;width:10px;height:10px">
          <div id="fixed" style="position:fixed;top:200px;left:0;width:50px;height:50px"></div>
        </div>
      </div>`);
    const fixed = host.querySelector('#fixed')!;
    // Held by the transformed box: 200px down inside a 100px-high box that clips it.
    expect(visiblePartOf(fixed, boxOf(fixed))).toBeNull();
    (host.querySelector('#clip') as HTMLElement).style.transform = 'none';
    // Held by the viewport now: the small box between does not clip it.
    expect(visiblePartOf(fixed, boxOf(fixed))).toMatchObject({ top: 200, bottom: 250 });
  });

  it('clips what is inside a shadow root by the boxes around its host', () => {
    mount(
      `<div id="outer" style="overflow:hidden;height:40px"><div style="height:100px"></div><div id="host"></div></div>`,
    );
    const shadow = host.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="inside" style="margin:0;height:20px">Hidden below the clip</p>';
    const inside = shadow.querySelector('#inside')!;
    expect(inside.getBoundingClientRect().height).toBe(20);
    expect(visiblePartOf(inside, boxOf(inside))).toBeNull();
    (host.querySelector('#outer') as HTMLElement).style.overflow = 'visible';
    expect(visiblePartOf(inside, boxOf(inside))).not.toBeNull();
  });

  it("does not clip by the body's overflow, which is the viewport's", () => {
    const before = document.body.style.cssText;
    document.documentElement.style.overflowY = 'scroll';
    document.body.style.cssText = 'overflow:hidden;height:20px;margin:0';
    try {
      mount('<div id="fixed" style="position:fixed;top:100px;left:0;width:50px;height:50px"></div>');
      const fixed = host.querySelector('#fixed')!;
      expect(visiblePartOf(fixed, boxOf(fixed))).toMatchObject({ top: 100, bottom: 150 });
    } finally {
      document.body.style.cssText = before;
      document.documentElement.style.overflowY = '';
    }
  });

  describe('in a same-origin frame', () => {
    let embedded: TestFrame | undefined;
    afterEach(() => {
      embedded?.remove();
      embedded = undefined;
    });

    it("clips by what the page leaves of the frame on screen, through the frame's border, padding and scale", async () => {
      embedded = await mountFrame({ height: 2000 });
      const { frame, doc } = embedded;
      // Drawn at half size: the frame's viewport starts (10 + 5) / 2 = 7.5px down the page.
      frame.style.cssText +=
        ';border:10px solid;padding:5px;box-sizing:content-box;transform:scale(0.5);transform-origin:0 0';
      doc.body.innerHTML = `
        <div id="seen" style="position:absolute;top:1400px;left:0;width:100px;height:100px"></div>
        <div id="below" style="position:absolute;top:1560px;left:0;width:100px;height:100px"></div>`;
      const seen = doc.getElementById('seen')!;
      const below = doc.getElementById('below')!;
      // Both in the frame's own viewport (2000px high).
      expect(doc.documentElement.clientHeight).toBe(2000);
      // 7.5 + 700 = 707.5 to 757.5 on the page: on screen in its 768px.
      expect(visiblePartOf(seen, boxOf(seen))).toMatchObject({ top: 1400, bottom: 1500 });
      // 7.5 + 780 = 787.5 on the page: below its fold.
      expect(window.innerHeight).toBe(768);
      expect(visiblePartOf(below, boxOf(below))).toBeNull();
      // The page scrolled down by 100px: 687.5 to 737.5 on the page, on screen.
      window.scrollTo({ top: 100, behavior: 'instant' });
      expect(visiblePartOf(below, boxOf(below))).toMatchObject({ top: 1560, bottom: 1660 });
      window.scrollTo({ top: 730, behavior: 'instant' });
      // The page's top is now 730 - 7.5 = 722.5px into the frame's drawing, 1445px of the
      // frame's own: the top of the first is cut off.
      expect(visiblePartOf(seen, boxOf(seen))).toMatchObject({ top: 1445, bottom: 1500 });
    });
  });
});
