import terms from '../agreements/instadesk-terms.md?raw';
import { hashBench } from './hash.bench';
import { scrollBench } from './scroll.bench';
import type { BenchSection } from './stats';

declare global {
  interface Window {
    __benchResults?: { ua: string; sections: BenchSection[] };
  }
}

async function main() {
  const sections: BenchSection[] = [];
  sections.push(await scrollBench());
  sections.push(await hashBench(terms));
  window.__benchResults = { ua: navigator.userAgent, sections };
}

main().catch((error) => {
  console.error(error);
});
