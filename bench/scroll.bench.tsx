import { Profiler, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ClausesHarness, TERMS } from '../src/hooks/use-key-clauses/harness.test-utils';
import { median, nextFrame, round, type BenchSection } from './stats';

const RUNS = 7;
const EVENTS = 400;

/**
 * The baseline: the same agreement in the same 300px area, with the naive way to track reading
 * (a state update on every scroll event).
 */
function NaiveHarness() {
  const [progress, setProgress] = useState(0);
  return (
    <div>
      <div
        role="region"
        aria-label="Agreement"
        tabIndex={0}
        style={{ height: 300, overflowY: 'auto' }}
        onScroll={(e) => {
          const el = e.currentTarget;
          setProgress(el.scrollTop / (el.scrollHeight - el.clientHeight));
        }}
      >
        {TERMS.markdown.split(/\n\s*\n/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <output>{Math.round(progress * 100)}%</output>
    </div>
  );
}

/** Mounts `ui`, scrolls its region top to bottom in EVENTS steps (one per frame), counts commits. */
async function scrollOnce(ui: ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  let commits = 0;
  flushSync(() =>
    root.render(
      <Profiler id="bench" onRender={() => void commits++}>
        {ui}
      </Profiler>,
    ),
  );
  for (let i = 0; i < 5; i++) await nextFrame(); // let mount effects and observers settle
  const area = host.querySelector<HTMLElement>('[role="region"]')!;
  const max = area.scrollHeight - area.clientHeight;
  const mountCommits = commits;
  let events = 0;
  area.addEventListener('scroll', () => void events++);
  for (let i = 1; i <= EVENTS; i++) {
    area.scrollTop = (max * i) / EVENTS;
    await nextFrame();
  }
  for (let i = 0; i < 5; i++) await nextFrame();
  const reachedEnd = area.hasAttribute('data-reached-end');
  root.unmount();
  host.remove();
  return { commits: commits - mountCommits, events, reachedEnd };
}

export async function scrollBench(): Promise<BenchSection> {
  const rows = [];
  const hooks = [];
  const naive = [];
  for (let run = 0; run < RUNS; run++) {
    hooks.push(await scrollOnce(<ClausesHarness />));
    naive.push(await scrollOnce(<NaiveHarness />));
  }
  if (!hooks.every((r) => r.reachedEnd)) {
    throw new Error('useScrollToEnd did not report the end after a full scroll: the figures are void');
  }
  for (const [name, results] of [
    ['useScrollToEnd + useKeyClauses', hooks],
    ['baseline: setState on every scroll event', naive],
  ] as const) {
    rows.push({
      name,
      'scroll events (median)': median(results.map((r) => r.events)),
      'commits per 100 scroll events (median)': round(
        median(results.map((r) => (r.commits / r.events) * 100)),
        1,
      ),
      'commits over the whole scroll (median)': median(results.map((r) => r.commits)),
    });
  }
  const ratio =
    Number(rows[0]!['commits per 100 scroll events (median)']) /
    Number(rows[1]!['commits per 100 scroll events (median)']);
  return {
    title: `Scrolling the default agreement top to bottom (${EVENTS} steps, one per frame, median of ${RUNS} runs)`,
    note: `Commits by the hooks relative to the baseline: ${round(ratio, 3)}× (progress is kept to whole percent and key-clause updates are batched per frame).`,
    rows,
  };
}
