// `npm run bench`: builds the benchmark page (React production build, with the profiling
// react-dom so <Profiler> counts commits), serves it on localhost, runs it in Chromium and prints
// the figures. Every figure is a median over several runs, next to a baseline measured in the
// same run. Nothing here asserts a time: the numbers are for people to read.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
// `--only=<part of a name>` runs only the page benchmarks whose name contains it (e.g. `long`),
// skipping the parse benchmark and the sizes.
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);

// First step, in Node: parseAgreement on worst-case inputs (bench/parse.bench.ts), bundled by
// esbuild since Node 20 cannot run TypeScript.
const parseBench = join(root, '.tmp/bench-parse/parse.bench.mjs');
await esbuild.build({
  entryPoints: [join(root, 'bench/parse.bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: parseBench,
  logLevel: 'warning',
});
if (!only) execFileSync(process.execPath, [parseBench], { cwd: root, stdio: 'inherit' });

const outDir = join(root, '.tmp/bench');

await build({
  root: join(root, 'bench'),
  logLevel: 'warn',
  mode: 'production',
  plugins: [react()],
  resolve: { alias: { 'react-dom/client': 'react-dom/profiling' } },
  build: { outDir, emptyOutDir: true, minify: true, chunkSizeWarningLimit: 5000 },
});

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = join(outDir, path === '/' ? 'index.html' : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    else if (m.type() === 'info') process.stderr.write(`  ${m.text()}\n`);
  });
  await page.goto(`http://127.0.0.1:${port}/${only ? `?only=${encodeURIComponent(only)}` : ''}`);
  const results = await page.waitForFunction(() => globalThis.__benchResults, null, {
    timeout: 10 * 60_000,
    polling: 250,
  });
  const { ua, sections, error } = await results.jsonValue();
  if (error) throw new Error(`a benchmark failed in the page: ${error}`);
  if (errors.length) throw new Error(`the benchmark page reported errors:\n${errors.join('\n')}`);
  console.log(`react-clickwrap benchmarks — ${ua}\n`);
  for (const section of sections) {
    console.log(`## ${section.title}`);
    if (section.note) console.log(section.note);
    console.table(Object.fromEntries(section.rows.map(({ name, ...row }) => [name, row])));
    console.log('');
  }
} finally {
  await browser.close();
  server.close();
}

// Sizes as an app's bundler sees what users install: the package built and packed, each public
// use bundled from it by esbuild and Vite (scripts/check-size.mjs, which also holds the budgets).
if (!only) {
  console.log(
    '## Size of each public use, from the built package (first load, min+gzip, react external; chunks loaded on demand apart)',
  );
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    execFileSync(process.execPath, [join(root, 'scripts/check-size.mjs')], { cwd: root, stdio: 'inherit' });
  } catch {
    console.log('(over a budget: see above; `npm run check:size` fails the same way)');
  }
}
