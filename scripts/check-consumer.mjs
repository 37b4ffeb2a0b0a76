#!/usr/bin/env node
// A Vite production build of a small app that imports both entries of the packed package (as
// the README does), set up like Vite's React template, must print no warning about this package
// (MODULE_LEVEL_DIRECTIVE, unresolved imports, …), and must ship one copy of the core: each
// error class once in the app's bundle. Run after `npm run build`.  --keep leaves the app folder for a look.
//
// Plain Vite (no plugin-react) notes every module-level "use client", Radix's too; the React
// plugin silences exactly that note. So the plain build may note each of our modules once, and
// nothing else: a second directive in one file, or any other warning, fails.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installPacked } from './lib/packed.mjs';

const CLASSES = ['ReceiptError', 'AgreementError', 'AgeError'];

const MAIN = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ClickwrapModal, useClickwrap } from 'react-clickwrap';
import { AgeError, AgreementError, ReceiptError, parseAgreement, verifyReceipt } from 'react-clickwrap/core';
import 'react-clickwrap/styles.css';

const markdown = '# Terms\\n\\nYou agree to **the limits of our liability**.\\n';
const agreement = parseAgreement({ id: 'terms', version: '1', markdown });
createRoot(document.getElementById('root')).render(
  createElement(ClickwrapModal, {
    agreement,
    signer: { id: 'user-1' },
    defaultOpen: true,
    onAccept: async (receipt) => console.log(await verifyReceipt(receipt, markdown)),
  }),
);
// Kept so the bundle holds them: an app checks errors from both entries with instanceof.
globalThis.clickwrapErrors = { AgeError, AgreementError, ReceiptError, useClickwrap };
`;

const app = installPacked('consumer');
const keep = process.argv.includes('--keep');
const problems = [];
try {
  writeFileSync(
    path.join(app.dir, 'index.html'),
    '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>\n',
  );
  writeFileSync(path.join(app.dir, 'main.js'), MAIN);
  const { build, createLogger } = await import('vite');
  // The app is set up as Vite's React template sets one up: with @vitejs/plugin-react.
  const { default: react } = await import('@vitejs/plugin-react');

  /** Builds the app; returns what Vite printed and what the bundler warned. */
  async function viteBuild(plugins, outDir, { quiet = false } = {}) {
    const printed = [];
    const bundler = [];
    const logger = createLogger('warn', { allowClearScreen: false });
    for (const level of ['warn', 'warnOnce', 'error']) {
      const original = logger[level].bind(logger);
      logger[level] = (message, options) => {
        printed.push(String(message));
        original(message, options);
      };
    }
    await build({
      root: app.dir,
      configFile: false,
      logLevel: 'warn',
      customLogger: logger,
      plugins,
      build: {
        outDir,
        emptyOutDir: true,
        chunkSizeWarningLimit: 2000,
        rolldownOptions: {
          onwarn(warning, warn) {
            bundler.push(warning);
            if (!quiet) warn(warning);
          },
        },
      },
    });
    return { printed, bundler };
  }
  const ours = (text) => /react-clickwrap/.test(text);

  // 1. As Vite's React template builds it: not one warning about this package.
  const template = await viteBuild([react()], 'dist');
  for (const warning of template.printed.filter(ours)) {
    problems.push(`the app's Vite build (React template) warned: ${warning.split('\n')[0]}`);
  }
  // 2. Plain Vite notes each module-level "use client" once: allowed once per module, nothing else.
  const plain = await viteBuild([], 'dist-plain', { quiet: true });
  const notes = new Map();
  for (const warning of plain.bundler) {
    const text = `${warning.code ?? ''} ${warning.message}`;
    if (!ours(`${text} ${warning.id ?? ''}`)) continue;
    const file = String(warning.id ?? warning.message.match(/in "([^"]+)"/)?.[1] ?? '?');
    if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /"use client"/.test(warning.message)) {
      notes.set(file, (notes.get(file) ?? 0) + 1);
    } else {
      problems.push(`the app's plain Vite build warned: ${text.split('\n')[0]}`);
    }
  }
  for (const [file, count] of notes) {
    if (count > 1)
      problems.push(
        `${file.replace(/.*node_modules\//, '')} has ${count} "use client" directives (Vite warned ${count} times)`,
      );
  }
  const warnings = template.printed;

  const assets = path.join(app.dir, 'dist/assets');
  const js = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(path.join(assets, file), 'utf8'))
    .join('\n');
  for (const name of CLASSES) {
    const copies = js.match(new RegExp(`["'\`]${name}["'\`]`, 'g'))?.length ?? 0;
    if (copies !== 1)
      problems.push(`the app's bundle holds ${copies} copies of ${name} (one core means one)`);
  }
  const css = readdirSync(assets).some((file) => file.endsWith('.css'));
  if (!css) problems.push("the app's build has no stylesheet: react-clickwrap/styles.css was dropped");
  console.log(
    `check-consumer: Vite built the app (${(js.length / 1024).toFixed(0)} KB of JS): React template ` +
      `${warnings.filter(ours).length} warning(s) about this package; plain Vite ${notes.size} one-per-module "use client" notes`,
  );
} finally {
  if (keep) console.log(`check-consumer: the app is in ${app.dir}`);
  else app.cleanup();
}
if (problems.length) {
  console.error(`check-consumer: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('check-consumer: no warnings from react-clickwrap, and one copy of the core in the app.');
