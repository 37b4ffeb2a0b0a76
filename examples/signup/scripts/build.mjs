// Builds what the example needs: the library (root `npm run build`) when dist/ is missing or
// older than its sources, then the app (vite build into examples/signup/dist).
//
//   node examples/signup/scripts/build.mjs [--force-lib]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(EXAMPLE_DIR, '../..');

/** Newest modification time of the files under `entry` (a file or a folder), 0 when absent. */
function newest(entry) {
  let info;
  try {
    info = statSync(entry);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let max = 0;
  for (const name of readdirSync(entry)) max = Math.max(max, newest(path.join(entry, name)));
  return max;
}

/** Whether the built package is missing or older than what it is built from. */
export function libraryIsStale() {
  const outputs = [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/core/index.js',
    'dist/core/index.d.ts',
    'dist/styles.css',
  ];
  const inputs = ['src', 'package.json', 'tsup.config.ts', 'scripts/check-directives.mjs'];
  const built = Math.min(...outputs.map((f) => newest(path.join(ROOT, f)) || -1));
  if (built <= 0) return true;
  return Math.max(...inputs.map((f) => newest(path.join(ROOT, f)))) > built;
}

/** @param {{ forceLibrary?: boolean, log?: (line: string) => void }} [options] */
export async function buildExample({ forceLibrary = false, log = console.log } = {}) {
  if (forceLibrary || libraryIsStale()) {
    log('signup example: building react-clickwrap (npm run build)…');
    // Quiet unless it fails: tsup reports every file it writes.
    const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout}${result.stderr}`);
      throw new Error('npm run build failed (its output is above)');
    }
  } else {
    log('signup example: react-clickwrap dist/ is up to date');
  }
  log('signup example: building the app (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(EXAMPLE_DIR, 'vite.config.mjs'), logLevel: 'warn' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildExample({ forceLibrary: process.argv.includes('--force-lib') });
  console.log(`signup example: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
