#!/usr/bin/env node
// Checks the static Storybook (`npm run build-storybook`) as a visitor would get it: serves
// storybook-static on 127.0.0.1, opens every entry of its index.json in Chromium (each story in
// story mode, where its play function runs and axe checks it; each docs page, including the
// story frames it embeds), and fails on any uncaught error, console error, failed request,
// failed play function or accessibility report. Also opens the Storybook UI itself once, and
// checks that the props tables of the two main components show a description for every prop
// and their defaults.
//
//   npm run check:storybook [-- --dir storybook-static --concurrency 2 --timeout 60000 --only <id-substring>]
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    dir: { type: 'string', default: 'storybook-static' },
    concurrency: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60000' },
    only: { type: 'string' },
  },
});
const staticDir = path.resolve(root, options.dir);
const concurrency = Math.max(1, Number(options.concurrency) || 2);
const timeout = Number(options.timeout) || 60_000;

// -------------------------------------------------------------------------------------------
// A static server
// -------------------------------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function serve(dir) {
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let file = path.join(dir, decodeURIComponent(url.pathname));
      if (!file.startsWith(dir)) throw Object.assign(new Error('outside'), { status: 403 });
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw Object.assign(new Error('not found'), { status: 404 });
      response.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
      });
      createReadStream(file).pipe(response);
    } catch (error) {
      response.writeHead(error.status ?? 500, { 'content-type': 'text/plain' });
      response.end(String(error.message));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// -------------------------------------------------------------------------------------------
// Following Storybook's preview in every frame
// -------------------------------------------------------------------------------------------

/**
 * Runs in every frame before Storybook's own code: records the preview's channel events in
 * `globalThis.__storybookCheck`, by catching the channel when Storybook installs it.
 */
function recordStorybookEvents() {
  const EVENTS = [
    'storyFinished',
    'docsRendered',
    'storyErrored',
    'storyThrewException',
    'playFunctionThrewException',
    'unhandledErrorsWhilePlaying',
    'storyMissing',
  ];
  const record = (globalThis.__storybookCheck = { events: [] });
  const hooked = new WeakSet();
  let channel;
  const hook = (next) => {
    if (!next || typeof next.on !== 'function' || hooked.has(next)) return;
    hooked.add(next);
    for (const name of EVENTS) {
      next.on(name, (payload) => {
        let detail;
        try {
          detail = JSON.parse(JSON.stringify(payload ?? null));
        } catch {
          detail = String(payload);
        }
        record.events.push({ name, detail });
      });
    }
  };
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set: (next) => {
      channel = next;
      hook(next);
    },
  });
}

/** Waits until Storybook in `frame` has finished the entry (played and checked, or rendered docs). */
async function waitForStorybook(frame, viewMode) {
  const done =
    viewMode === 'docs'
      ? ['docsRendered', 'storyErrored', 'storyThrewException', 'storyMissing']
      : ['storyFinished', 'storyErrored', 'storyThrewException', 'storyMissing'];
  await frame.waitForFunction(
    (names) => globalThis.__storybookCheck?.events.some((event) => names.includes(event.name)),
    done,
    { timeout, polling: 50 },
  );
  return frame.evaluate(() => globalThis.__storybookCheck.events);
}

/** What the recorded events say went wrong. */
function problemsIn(events, where) {
  const problems = [];
  for (const { name, detail } of events) {
    if (name === 'storyFinished' && detail?.status === 'error') {
      const reports = (detail.reporters ?? [])
        .filter((report) => report.status === 'failed')
        .map((report) => `${report.type}: ${summariseReport(report)}`);
      problems.push(
        `${where}: the story finished with errors${reports.length ? `\n      ${reports.join('\n      ')}` : ''}`,
      );
    } else if (name !== 'storyFinished' && name !== 'docsRendered') {
      problems.push(`${where}: ${name} ${JSON.stringify(detail).slice(0, 600)}`);
    }
  }
  return problems;
}

function summariseReport(report) {
  const violations = report.result?.violations;
  if (Array.isArray(violations)) {
    return violations.map((v) => `${v.id} (${v.nodes?.length ?? 0} nodes): ${v.help}`).join('; ');
  }
  return JSON.stringify(report.result ?? report).slice(0, 300);
}

// -------------------------------------------------------------------------------------------
// Props tables of the main components
// -------------------------------------------------------------------------------------------

/** Props whose default the Docs page must show, by docs entry. */
const EXPECTED_DEFAULTS = {
  'components-clickwrapmodal--docs': {
    defaultOpen: 'false',
    dismissible: 'true',
    closeOnDecision: 'true',
    requireScrollToEnd: 'true',
    theme: "'system'",
    unstyled: 'false',
  },
  'components-clickwrappage--docs': {
    headingLevel: '1',
    tableOfContents: 'true',
    requireAllKeyClausesSeen: 'false',
    theme: "'system'",
  },
};

async function checkPropsTable(page, id) {
  const expected = EXPECTED_DEFAULTS[id];
  if (!expected) return [];
  const rows = await page.$$eval('.docblock-argstable tbody tr', (trs) =>
    trs
      .map((tr) => Array.from(tr.children, (td) => td.textContent?.trim() ?? ''))
      .filter((cells) => cells.length >= 3),
  );
  const problems = [];
  if (rows.length === 0) problems.push(`${id}: no props table`);
  for (const [name = '', description = '', fallback = ''] of rows) {
    const prop = name.replace(/\*$/, '');
    // The description cell holds the text, then the type.
    if (!description || /^[-–]?$/.test(description))
      problems.push(`${id}: prop "${prop}" has no description`);
    if (prop in expected && !fallback.includes(expected[prop])) {
      problems.push(`${id}: prop "${prop}" shows the default "${fallback}", expected ${expected[prop]}`);
    }
  }
  const names = new Set(rows.map(([name = '']) => name.replace(/\*$/, '')));
  for (const prop of Object.keys(expected)) {
    if (!names.has(prop)) problems.push(`${id}: prop "${prop}" is missing from the props table`);
  }
  return problems;
}

// -------------------------------------------------------------------------------------------
// Visiting
// -------------------------------------------------------------------------------------------

/**
 * Chromium asks for /favicon.ico for any page opened on its own; iframe.html is meant to live
 * inside the Storybook UI (which declares favicon.svg), so that request is not the site's.
 */
function isFaviconProbe(url) {
  return /\/favicon\.ico$/.test(url);
}

async function visit(context, base, entry) {
  const page = await context.newPage();
  const problems = [];
  const label = `${entry.type === 'docs' ? 'docs ' : ''}${entry.id}`;
  page.on('pageerror', (error) => problems.push(`${label}: uncaught ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    const where = message.location()?.url ?? '';
    if (message.type() === 'error' && !isFaviconProbe(where)) {
      problems.push(`${label}: console error: ${message.text()}${where ? `\n      at ${where}` : ''}`);
    }
  });
  page.on('requestfailed', (request) => {
    // A docs page re-rendering its story frames cancels a frame's first navigation: harmless.
    const cancelledFrame =
      request.isNavigationRequest() &&
      request.frame() !== page.mainFrame() &&
      request.failure()?.errorText === 'net::ERR_ABORTED';
    if (!cancelledFrame) {
      problems.push(`${label}: request failed: ${request.url()} (${request.failure()?.errorText})`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isFaviconProbe(response.url())) {
      problems.push(`${label}: HTTP ${response.status()} for ${response.url()}`);
    }
  });
  const started = performance.now();
  try {
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}`);
    const events = await waitForStorybook(page.mainFrame(), viewMode);
    problems.push(...problemsIn(events, label));
    if (viewMode === 'docs') {
      // Stories shown in frames of their own (the modal's) play and are checked there. The
      // frames load lazily: those on screen are checked here, every story on its own anyway.
      await page.waitForFunction(
        () =>
          [...globalThis.document.querySelectorAll('#storybook-docs iframe')].every((f) => {
            const box = f.getBoundingClientRect();
            const onScreen = box.bottom > 0 && box.top < globalThis.innerHeight;
            return (
              !onScreen ||
              (f.contentDocument?.readyState === 'complete' &&
                f.contentWindow?.location.href.includes('iframe.html'))
            );
          }),
        null,
        { timeout },
      );
      const frames = page
        .frames()
        .filter((frame) => frame !== page.mainFrame() && frame.url().includes('iframe.html'));
      for (const frame of frames) {
        const id = new URL(frame.url()).searchParams.get('id') ?? frame.url();
        await frame.waitForLoadState('load', { timeout });
        problems.push(...problemsIn(await waitForStorybook(frame, 'story'), `${label} › frame ${id}`));
      }
      problems.push(...(await checkPropsTable(page, entry.id)));
      // A docs page is read, scrolled and tabbed through: nothing on it may take focus as it
      // loads (a modal story opening by itself did, into its frame, and a reader's keys went there).
      const focused = await page.evaluate(() => {
        const { activeElement: active, body } = globalThis.document;
        return active && active !== body ? active.outerHTML.slice(0, 120) : null;
      });
      if (focused) problems.push(`${label}: the page moved focus as it loaded, to ${focused}`);
    }
  } catch (error) {
    problems.push(`${label}: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return { entry, problems, ms: performance.now() - started };
}

/** The Storybook UI (manager) itself: it loads, lists the stories and shows the first one. */
async function visitManager(context, base) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`manager: uncaught ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`manager: console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`manager: HTTP ${response.status()} for ${response.url()}`);
  });
  const started = performance.now();
  try {
    await page.goto(`${base}/index.html`);
    await page.getByRole('link', { name: 'Introduction' }).first().waitFor({ timeout });
    const preview = page.frameLocator('#storybook-preview-iframe');
    await preview.locator('#storybook-docs h1').first().waitFor({ timeout });
  } catch (error) {
    problems.push(`manager: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return { entry: { id: 'index.html (the Storybook UI)' }, problems, ms: performance.now() - started };
}

async function main() {
  const started = performance.now();
  const index = JSON.parse(
    await readFile(path.join(staticDir, 'index.json'), 'utf8').catch(() => {
      throw new Error(
        `No ${path.relative(root, staticDir)}/index.json: run \`npm run build-storybook\` first.`,
      );
    }),
  );
  const entries = Object.values(index.entries).filter(
    (entry) => !options.only || entry.id.includes(options.only),
  );
  const server = await serve(staticDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordStorybookEvents);

  const results = [];
  try {
    if (!options.only) results.push(await visitManager(context, base));
    const queue = [...entries];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let entry = queue.shift(); entry; entry = queue.shift()) {
          const result = await visit(context, base, entry);
          results.push(result);
          process.stdout.write(result.problems.length ? 'F' : '.');
        }
      }),
    );
  } finally {
    process.stdout.write('\n');
    await browser.close();
    server.close();
  }

  const failed = results.filter((result) => result.problems.length > 0);
  const stories = entries.filter((entry) => entry.type === 'story').length;
  const docs = entries.length - stories;
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 3);
  for (const result of failed) {
    console.error(`\n✗ ${result.entry.id}`);
    for (const problem of [...new Set(result.problems)]) console.error(`    ${problem}`);
  }
  console.log(
    `\n${failed.length ? '✗' : '✓'} ${results.length - failed.length} of ${results.length} pages clean ` +
      `(${stories} stories, ${docs} docs pages${options.only ? '' : ', the Storybook UI'}) ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s; slowest: ` +
      slowest.map((r) => `${r.entry.id} ${(r.ms / 1000).toFixed(1)} s`).join(', '),
  );
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
