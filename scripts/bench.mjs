// `npm run bench`: builds the benchmark page (React production build, with the profiling
// react-dom so <Profiler> counts commits), serves it on localhost, runs it in Chromium and prints
// the figures. Every figure is a median over several runs, next to a baseline measured in the
// same run. Nothing here asserts a time: the numbers are for people to read.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
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

/**
 * What an app pays for importing part of the client entry: esbuild bundles an import of just
 * those names from the entry, minified and tree-shaken as an app's bundler would, with react and
 * react-dom left out (the app has them anyway) and every other dependency counted.
 */
async function sizeOf(name, code) {
  const result = await esbuild.build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'],
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return {
    name,
    'minified (KB)': +(bytes.length / 1024).toFixed(1),
    'min+gzip (KB)': +(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1),
  };
}

const sizes = only
  ? []
  : [
      await sizeOf(
        'only the hooks',
        "export { useClickwrap, useScrollToEnd, useKeyClauses, useGuardianCoSign } from './src/index.ts';",
      ),
      await sizeOf('only ClickwrapModal', "export { ClickwrapModal } from './src/index.ts';"),
      await sizeOf('everything', "export * from './src/index.ts';"),
      await sizeOf('baseline: react-markdown alone', "export { default } from 'react-markdown';"),
    ];
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
  if (sizes.length) {
    console.log('## Size of the client entry (react and react-dom excluded; dependencies included)');
    console.table(Object.fromEntries(sizes.map(({ name, ...row }) => [name, row])));
  }
} finally {
  await browser.close();
  server.close();
}
