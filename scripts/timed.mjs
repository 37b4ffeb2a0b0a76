#!/usr/bin/env node
// Runs commands one after another (stopping at the first that fails) and prints how long each
// took and the wall time of the whole, e.g. for `npm test`:
//   node scripts/timed.mjs "npm run typecheck" "npm run lint" "vitest run"
import { spawnSync } from 'node:child_process';

const steps = process.argv.slice(2);
const started = performance.now();
const timings = [];
let status = 0;
for (const command of steps) {
  const t = performance.now();
  const result = spawnSync(command, { shell: true, stdio: 'inherit' });
  status = result.status ?? 1;
  timings.push(`${command} ${((performance.now() - t) / 1000).toFixed(0)} s${status ? ' (failed)' : ''}`);
  if (status !== 0) break;
}
const total = (performance.now() - started) / 1000;
console.log(
  `\n${status ? '✗' : '✓'} wall time ${Math.floor(total / 60)} min ${(total % 60).toFixed(0)} s ` +
    `(${timings.join('; ')})`,
);
process.exit(status);
