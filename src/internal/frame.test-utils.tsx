import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';

/** A same-origin frame in the test page, with a React root rendering into its document. */
export interface TestFrame {
  frame: HTMLIFrameElement;
  /** The frame's document (queries in it: `within(doc.body)`). */
  doc: Document;
  /** Renders `ui` into the frame's body, replacing what it showed. */
  render: (ui: ReactNode) => void;
  /** Unmounts and takes the frame (and the page around it) away. */
  remove: () => void;
}

/**
 * An embedded page, as an app's clickwrap inside a frame is: a same-origin frame `height` px
 * high (taller than the test viewport, so the page around it scrolls), `above` px below the
 * top of the page. Scroll the page with `window.scrollTo`, the frame's own page with
 * `doc.defaultView.scrollTo`.
 *
 * `foreign`: the frame sees the page around it as a page of another origin would make it see:
 * no `frameElement` to measure, a `top` that is not itself (the observers still see the truth).
 */
export async function mountFrame({ height = 1200, above = 0, foreign = false } = {}): Promise<TestFrame> {
  const page = document.createElement('div');
  page.style.cssText = `padding-top:${above}px;padding-bottom:100vh`;
  const frame = document.createElement('iframe');
  frame.title = 'Embedded signup';
  frame.style.cssText = `display:block;width:100%;height:${height}px;border:0`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = '<!doctype html><html><body style="margin:0"><div id="app"></div></body></html>';
  page.append(frame);
  document.body.append(page);
  await loaded;
  const doc = frame.contentDocument!;
  if (foreign) {
    Object.defineProperty(frame.contentWindow!, 'frameElement', { get: () => null, configurable: true });
    if (frame.contentWindow!.frameElement !== null || frame.contentWindow!.top === frame.contentWindow)
      throw new Error('mountFrame: could not make the frame see a page of another origin.');
  }
  let root: Root | null = createRoot(doc.getElementById('app')!);
  return {
    frame,
    doc,
    render: (ui) => flushSync(() => root?.render(ui)),
    remove: () => {
      root?.unmount();
      root = null;
      page.remove();
      window.scrollTo({ top: 0, behavior: 'instant' });
    },
  };
}
