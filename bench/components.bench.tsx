import { Profiler, memo, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { marked } from 'marked';
import Markdown from 'react-markdown';
import {
  AgreementView,
  AssentControls,
  ClickwrapModal,
  ClickwrapRoot,
  KeyClauseSummary,
  ReadingProgress,
} from '../src/components';
import { modalEngine } from '../src/components/on-demand/modal-parts';
import { parseAgreement } from '../src/core/agreement';
import type { Agreement } from '../src/core/types';
import { median, nextFrame, round, type BenchSection } from './stats';

const RENDER_RUNS = 12;
const SCROLL_RUNS = 5;
const SCROLL_STEPS = 300;
const signer = { id: 'bench-user' };
const onAccept = () => undefined;

/** Whether any part of an agreement in the page is still waiting to mount (`data-pending`). */
const pending = () => document.body.querySelector('[data-agreement-part][data-pending]') !== null;

/** Resolves once no part is pending: checked after every DOM change (the commit that mounts them). */
function allMounted(): Promise<void> {
  if (!pending()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('the agreement still had parts pending 10 s after its first render'));
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (pending()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-pending'],
    });
  });
}

/**
 * Milliseconds from render() to a laid-out page (`first`: a synchronous render and commit, then
 * layout), and to the page laid out with every part of the agreement mounted (`all`: the parts
 * after the first screens mount in transitions right after; equal to `first` when none waits).
 */
async function timeMount(ui: ReactNode): Promise<{ first: number; all: number }> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const start = performance.now();
  flushSync(() => root.render(ui));
  void document.body.getBoundingClientRect(); // force style and layout of what was committed
  const first = performance.now() - start;
  await allMounted();
  void document.body.getBoundingClientRect();
  const all = performance.now() - start;
  root.unmount();
  host.remove();
  return { first, all };
}

/** Milliseconds to turn markdown into HTML with `marked` and lay it out: the floor (no React). */
function timeMarked(markdown: string): number {
  const host = document.createElement('div');
  host.style.cssText = 'height: 400px; overflow: auto';
  document.body.append(host);
  const start = performance.now();
  host.innerHTML = marked.parse(markdown, { async: false });
  void document.body.getBoundingClientRect();
  const ms = performance.now() - start;
  host.remove();
  return ms;
}

/**
 * First render of ClickwrapModal and of AgreementView alone, against a bare react-markdown render
 * of the same text (which parses it; the agreement, parsed beforehand, is not parsed again), and
 * `marked` to an HTML string as the floor.
 */
export async function firstRenderBench(terms: string): Promise<BenchSection> {
  // The modal's body is loaded on demand and preloaded when the modal mounts: timed as a person
  // meets it (the modal mounted closed, then opened), loaded before the first timed render.
  await modalEngine.load();
  const rows = [];
  for (const [name, markdown] of [
    ['default agreement', terms],
    ['ten copies', Array.from({ length: 10 }, () => terms).join('\n')],
  ] as const) {
    const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown });
    const modal: number[] = [];
    const modalAll: number[] = [];
    const view: number[] = [];
    const viewAll: number[] = [];
    const bare: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RENDER_RUNS + 2; run++) {
      // Alternate, so drift in the machine's speed touches all alike; drop two warm-up runs.
      const m = await timeMount(
        <ClickwrapModal open agreement={agreement} signer={signer} onAccept={onAccept} />,
      );
      const v = await timeMount(
        <ClickwrapRoot agreement={agreement} signer={signer} onAccept={onAccept}>
          <AgreementView style={{ height: 400 }} />
        </ClickwrapRoot>,
      );
      const b = await timeMount(
        <div style={{ height: 400, overflow: 'auto' }}>
          <Markdown>{agreement.markdown}</Markdown>
        </div>,
      );
      const f = timeMarked(agreement.markdown);
      if (run >= 2) {
        modal.push(m.first);
        modalAll.push(m.all);
        view.push(v.first);
        viewAll.push(v.all);
        bare.push(b.first);
        floor.push(f);
      }
      await nextFrame();
    }
    const ratio = (values: number[]) => round(median(values) / median(bare), 2);
    rows.push({
      name,
      'ClickwrapModal (ms)': round(median(modal), 1),
      'modal, all mounted (ms)': round(median(modalAll), 1),
      'AgreementView alone (ms)': round(median(view), 1),
      'view, all mounted (ms)': round(median(viewAll), 1),
      'bare react-markdown (ms)': round(median(bare), 1),
      'marked → innerHTML (ms)': round(median(floor), 1),
      'modal / bare': ratio(modal),
      'modal all mounted / bare': ratio(modalAll),
      'view / bare': ratio(view),
      'marked / bare': ratio(floor),
    });
  }
  return {
    title: `First render (median of ${RENDER_RUNS} runs, render + commit + layout; baseline: react-markdown alone on the same text, measured alternately in the same run)`,
    note:
      'The agreement is parsed once beforehand (apps parse it once, outside render, or on a server) and the view renders that tree: it does not parse again. ' +
      'react-markdown alone parses the text at each render; marked to an HTML string is the floor. ' +
      'An agreement longer than a few screens mounts its first screens (and its last part) with the first render, the rest in transitions right after: ' +
      '"all mounted" is the time from render() until no part is pending, laid out. ' +
      "The modal's body (a chunk loaded on demand, preloaded when the modal mounts) is loaded before timing, as when the modal was mounted closed and then opened.",
    rows,
  };
}

/** Counts the commits of one subtree: memo keeps the parent's own renders out of the count. */
function makeProfiled(onCommit: () => void) {
  return memo(function Profiled({ children }: { children: ReactNode }) {
    return (
      <Profiler id="view" onRender={onCommit}>
        {children}
      </Profiler>
    );
  });
}

async function scrollOnce(agreement: Agreement) {
  let viewCommits = 0;
  let allCommits = 0;
  const ProfiledView = makeProfiled(() => void viewCommits++);
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  flushSync(() =>
    root.render(
      <Profiler id="all" onRender={() => void allCommits++}>
        <ClickwrapRoot agreement={agreement} signer={signer} onAccept={onAccept}>
          <ReadingProgress />
          <ProfiledView>
            <AgreementView style={{ height: 400 }} />
          </ProfiledView>
          <KeyClauseSummary />
          <AssentControls />
        </ClickwrapRoot>
      </Profiler>,
    ),
  );
  // Every part mounted and laid out first: on a busy machine the progressive mount can take more
  // than a few frames, and a scroll to a height measured before it would stop short of the end.
  await allMounted();
  for (let i = 0; i < 10; i++) await nextFrame();
  const area = host.querySelector<HTMLElement>('[role="region"]')!;
  const [viewAtMount, allAtMount] = [viewCommits, allCommits];
  for (let i = 1; i <= SCROLL_STEPS; i++) {
    // The height is read at each step: sections off screen are laid out at an estimated size
    // (content-visibility) until they come near, so the end moves a little as the reader goes.
    const max = area.scrollHeight - area.clientHeight;
    // Instant, as a wheel or a key press moves it (styles.css makes programmatic scrolls smooth).
    area.scrollTo({ top: (max * i) / SCROLL_STEPS, behavior: 'instant' });
    await nextFrame();
  }
  // The end is reported from an observer's callback: give a busy machine up to 2 s of frames.
  const settled = performance.now() + 2000;
  for (let i = 0; i < 10 || (!area.hasAttribute('data-reached-end') && performance.now() < settled); i++) {
    await nextFrame();
  }
  const reachedEnd = area.hasAttribute('data-reached-end');
  root.unmount();
  host.remove();
  return { view: viewCommits - viewAtMount, all: allCommits - allAtMount, reachedEnd };
}

/** React commits of the agreement view (and of the whole clickwrap) during a full scroll. */
export async function viewCommitsBench(terms: string): Promise<BenchSection> {
  const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
  const results = [];
  for (let run = 0; run < SCROLL_RUNS; run++) results.push(await scrollOnce(agreement));
  if (!results.every((r) => r.reachedEnd)) {
    throw new Error('the agreement view did not report the end after a full scroll');
  }
  return {
    title: `React commits during a full scroll of the default agreement (${SCROLL_STEPS} steps, one per frame, median of ${SCROLL_RUNS} runs; after mount)`,
    note: 'Target: none in the agreement view. The rest of the clickwrap (progress bar, summary, accept) updates as reading advances.',
    rows: [
      { name: 'AgreementView', commits: median(results.map((r) => r.view)) },
      { name: 'whole clickwrap (progress, summary, controls)', commits: median(results.map((r) => r.all)) },
    ],
  };
}
