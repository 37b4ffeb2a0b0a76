import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import { AgreementView, ClickwrapPage, ClickwrapRoot } from '../src/components';
import { progressiveSwitch } from '../src/components/agreement-render/progressive';
import { parseAgreement } from '../src/core/agreement';
import type { Agreement } from '../src/core/types';
import { median, nextFrame, round, type BenchSection } from './stats';

const RUNS = 3;
const WHEEL_FRAMES = 120;
/** About what one notch of a mouse wheel scrolls. */
const WHEEL_STEP = 120;
const signer = { id: 'bench-user' };
const onAccept = () => undefined;
/** Limits raised for the 5 MB agreement (the defaults refuse it: 384 KiB, 5,000 lines). */
const RAISED = {
  maxBytes: 16 * 1024 * 1024,
  maxLines: 1_000_000,
  maxComplexity: 100_000_000,
  maxInlineMarks: 10_000_000,
};
/** Turns the long-document measures off, for the "before" figures in the same run. */
const WITHOUT_PARTS = '.rcw-agreement-part { content-visibility: visible !important; }';

interface Mounted {
  host: HTMLElement;
  unmount: () => void;
}

/** Mounts `ui` and waits for its first frame: render, commit, style, layout and paint. */
async function mount(ui: ReactNode): Promise<Mounted & { ms: number; allMs: number }> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const start = performance.now();
  flushSync(() => root.render(ui));
  await nextFrame();
  const ms = performance.now() - start;
  // A long agreement's parts mount in batches after the first frame: until none is pending.
  while (host.querySelector('[data-pending]')) await nextFrame();
  const allMs = performance.now() - start;
  return {
    host,
    ms,
    allMs,
    unmount: () => {
      root.unmount();
      host.remove();
    },
  };
}

/**
 * The main-thread time of one wheel frame: the scroll position moves in an animation frame, and
 * the frame's work (scroll handlers, style, layout, paint, observers) runs before the next task.
 */
async function wheelFrames(area: HTMLElement): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WHEEL_FRAMES; i++) {
    times.push(
      await new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const start = performance.now();
          area.scrollTop += WHEEL_STEP;
          setTimeout(() => resolve(performance.now() - start), 0);
        }),
      ),
    );
  }
  return times;
}

interface Measured {
  firstRender: number[];
  allMounted: number[];
  nodes: number;
  wheel: number[];
  summaryButtons: number;
  tocLinks: number;
}

async function measure(ui: () => ReactNode, runs: number): Promise<Measured> {
  const result: Measured = {
    firstRender: [],
    allMounted: [],
    nodes: 0,
    wheel: [],
    summaryButtons: 0,
    tocLinks: 0,
  };
  for (let run = 0; run < runs; run++) {
    const mounted = await mount(ui());
    result.firstRender.push(mounted.ms);
    result.allMounted.push(mounted.allMs);
    result.nodes = mounted.host.getElementsByTagName('*').length;
    result.summaryButtons = mounted.host.querySelectorAll('.rcw-summary-link').length;
    result.tocLinks = mounted.host.querySelectorAll('.rcw-toc-link').length;
    const area = mounted.host.querySelector<HTMLElement>('.rcw-agreement, .bench-area')!;
    // Half-way first (a reader who jumped), then wheel from there.
    area.scrollTop = area.scrollHeight / 2;
    for (let i = 0; i < 3; i++) await nextFrame();
    result.wheel.push(...(await wheelFrames(area)));
    mounted.unmount();
    await nextFrame();
  }
  return result;
}

function row(name: string, m: Measured, baseline: Measured) {
  return {
    name,
    'first render (ms)': round(median(m.firstRender), 0),
    '× bare': round(median(m.firstRender) / median(baseline.firstRender), 2),
    'all parts mounted (ms)': round(median(m.allMounted), 0),
    'wheel frame (ms)': round(median(m.wheel), 1),
    'wheel frame p90 (ms)': round(m.wheel.sort((a, b) => a - b)[Math.floor(m.wheel.length * 0.9)]!, 1),
    'DOM nodes': m.nodes,
    'summary buttons': m.summaryButtons,
    'TOC links': m.tocLinks,
  };
}

/** Runs `fn` with the long-document measures off: content-visibility removed, every part mounted at once. */
async function withoutParts<T>(fn: () => Promise<T>): Promise<T> {
  const style = document.createElement('style');
  style.textContent = WITHOUT_PARTS;
  document.head.append(style);
  progressiveSwitch.enabled = false;
  try {
    return await fn();
  } finally {
    progressiveSwitch.enabled = true;
    style.remove();
  }
}

async function sizeRows(name: string, agreement: Agreement, runs: number) {
  const view = () => (
    <ClickwrapRoot agreement={agreement} signer={signer} onAccept={onAccept}>
      <AgreementView style={{ height: 600 }} />
    </ClickwrapRoot>
  );
  const page = () => <ClickwrapPage agreement={agreement} signer={signer} onAccept={onAccept} />;
  const bare = () => (
    <div className="bench-area" style={{ height: 600, overflow: 'auto' }}>
      <Markdown>{agreement.markdown}</Markdown>
    </div>
  );
  console.info(`  ${name}: bare react-markdown…`);
  const baseline = await measure(bare, runs);
  console.info(`  ${name}: AgreementView…`);
  const viewAfter = await measure(view, runs);
  const viewBefore = await withoutParts(() => measure(view, runs));
  console.info(`  ${name}: ClickwrapPage…`);
  const pageAfter = await measure(page, runs);
  const pageBefore = await withoutParts(() => measure(page, runs));
  return [
    row(`${name}: baseline, bare react-markdown (parses)`, baseline, baseline),
    row(`${name}: AgreementView`, viewAfter, baseline),
    row(`${name}: AgreementView, before (all parts at once, all laid out)`, viewBefore, baseline),
    row(`${name}: ClickwrapPage (TOC, summary, forms)`, pageAfter, baseline),
    row(`${name}: ClickwrapPage, before (all parts at once, all laid out)`, pageBefore, baseline),
  ];
}

/**
 * Long documents (issue 11): the default agreement ×10 (308 KB, the largest the default limits
 * take) and ×167 (5 MB, parsed with raised limits), first render to the first frame and the
 * main-thread time of wheel frames, against bare react-markdown of the same text in the same run.
 */
export async function longDocumentBench(terms: string): Promise<BenchSection> {
  const rows = [];
  const parseMs: string[] = [];
  for (const [name, copies, limits] of [
    ['×10 (308 KB)', 10, undefined],
    ['×167 (5 MB)', 167, RAISED],
  ] as const) {
    const markdown = Array.from({ length: copies }, () => terms).join('\n');
    const start = performance.now();
    const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown, limits });
    parseMs.push(`${name} ${round(performance.now() - start, 0)} ms`);
    rows.push(...(await sizeRows(name, agreement, RUNS)));
  }
  return {
    title: `Long documents (median of ${RUNS} first renders to the first frame; wheel: ${WHEEL_FRAMES} frames of ${WHEEL_STEP}px per run from the middle, main-thread time per frame)`,
    note:
      `parseAgreement ahead of rendering (not counted above): ${parseMs.join(', ')}; the 5 MB text needs raised limits (the defaults refuse it). ` +
      '"before" is the same build with every part mounted in the first render and laid out (no content-visibility), as before this change, measured in the same run ' +
      '(the table of contents and key-clause summary changes stay on in both). First render = render, commit and the first frame; the rest of a long agreement mounts after it, in batches ("all parts mounted").',
    rows,
  };
}
