import terms from '../agreements/instadesk-terms.md?raw';
import '../src/components/styles.css';
import { firstRenderBench, viewCommitsBench } from './components.bench';
import { hashBench } from './hash.bench';
import { longDocumentBench } from './long.bench';
import { scrollBench } from './scroll.bench';
import type { BenchSection } from './stats';

declare global {
  interface Window {
    __benchResults?: { ua: string; sections: BenchSection[]; error?: string };
  }
}

const BENCHES: Array<[string, () => Promise<BenchSection>]> = [
  ['hooks: scrolling', scrollBench],
  ['core: hashAgreement', () => hashBench(terms)],
  ['components: first render', () => firstRenderBench(terms)],
  ['components: commits while scrolling', () => viewCommitsBench(terms)],
  ['components: long documents', () => longDocumentBench(terms)],
];

async function main() {
  const sections: BenchSection[] = [];
  // `?only=long` (node scripts/bench.mjs --only=long) runs the benchmarks whose name contains it.
  const only = new URLSearchParams(location.search).get('only');
  for (const [name, run] of BENCHES) {
    if (only && !name.includes(only)) continue;
    console.info(`running ${name}…`);
    sections.push(await run());
  }
  window.__benchResults = { ua: navigator.userAgent, sections };
}

main().catch((error: unknown) => {
  window.__benchResults = { ua: navigator.userAgent, sections: [], error: String(error) };
});
