/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `fn` in `runs` samples after `warmup` unmeasured calls; each sample calls it `iterations`
 * times in a row (the browser's clock is coarsened to 0.1 ms, too coarse for one fast call).
 * Returns each sample's milliseconds per call.
 */
export async function timeRuns(
  fn: () => unknown,
  runs: number,
  { warmup = 3, iterations = 1 }: { warmup?: number; iterations?: number } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (let j = 0; j < iterations; j++) await fn();
    times.push((performance.now() - start) / iterations);
  }
  return times;
}

/** Rounds for display. */
export const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export interface BenchRow {
  name: string;
  [column: string]: string | number;
}

export interface BenchSection {
  title: string;
  note?: string;
  rows: BenchRow[];
}

/** Waits for the next animation frame (and the work React scheduled for it). */
export const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
