#!/usr/bin/env node
// Checks the package as it would be published (run after `npm run build`):
// 1. `npm pack --dry-run` holds only what users need: package.json, README, LICENSE, the
//    receipt schema and dist/ (modules, their types, source maps, the stylesheet); no tests,
//    stories, fixtures or test helpers, and every file "exports" names is there.
// 2. The packed tarball, unpacked into a throwaway app, works by its name from ESM and CommonJS,
//    and both entries share one core: an AgeError made by a hook of `react-clickwrap` is an
//    instance of `react-clickwrap/core`'s AgeError, and the classes (ReceiptError,
//    AgreementError, AgeError) the client entry loads are the very ones the core entry exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { installPacked, packedFiles, root } from './lib/packed.mjs';

const problems = [];

// ---------------------------------------------------------------------------------------------
// 1. What the tarball holds
// ---------------------------------------------------------------------------------------------

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICEN[CS]E(\.md|\.txt)?$/,
  /^schema\/[\w.-]+\.json$/,
  /^dist\/[\w./-]+\.(js|cjs|d\.ts|d\.cts|js\.map|cjs\.map|css)$/,
];
const STRAY = /(^|[/.-])(test|tests|spec|stories|story|fixtures?|vectors|test-utils|__\w+__|bench)([/.-]|$)/;
const files = packedFiles();
for (const file of files) {
  if (!ALLOWED.some((pattern) => pattern.test(file)))
    problems.push(`the tarball holds ${file}, which users do not need`);
  else if (STRAY.test(file)) problems.push(`the tarball holds ${file}, a test or development file`);
}
const manifest = JSON.parse(execFileSync('npm', ['pkg', 'get', '--json'], { cwd: root, encoding: 'utf8' }));
const targets = (value) =>
  typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets);
for (const target of new Set(targets(manifest.exports).map((t) => t.replace(/^\.\//, '')))) {
  if (!target.includes('*') && !files.includes(target))
    problems.push(`"exports" names ./${target}, which is not in the tarball`);
}
for (const needed of [
  'package.json',
  'README.md',
  'dist/index.js',
  'dist/core/index.js',
  'dist/styles.css',
]) {
  if (!files.includes(needed)) problems.push(`the tarball lacks ${needed}`);
}
// The CommonJS build's copy of the ESM-only dependencies has no source map (tsup.config.ts,
// CJS_VENDOR): its map carried their sources again, 0.16 MB of the tarball gzipped.
for (const file of files.filter((file) => /^dist\/vendor\/.*\.map$/.test(file)))
  problems.push(`the tarball holds ${file}, a source map of bundled dependencies`);
const maps = files.filter((file) => file.endsWith('.map')).length;
console.log(`check-pack: the tarball holds ${files.length} files (${maps} source maps)`);

// ---------------------------------------------------------------------------------------------
// 2. The packed package in an app
// ---------------------------------------------------------------------------------------------

const CLASSES = ['ReceiptError', 'AgreementError', 'AgeError'];

/** Runs in the app, as ESM and as CommonJS: what an app that imports both entries sees. */
const appCode = (kind) => `
${
  kind === 'esm'
    ? `
import * as client from 'react-clickwrap';
import * as core from 'react-clickwrap/core';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
`
    : `
const client = require('react-clickwrap');
const core = require('react-clickwrap/core');
const { createElement } = require('react');
const { renderToString } = require('react-dom/server');
`
}
const results = {};
// An AgeError made inside the client entry (the guardian hook parses an impossible date).
let made = null;
function Probe() {
  const guardian = client.useGuardianCoSign({ birthDate: '2010-02-31', today: '2026-01-01' });
  made = guardian.ageError;
  return null;
}
renderToString(createElement(Probe));
results.hookAgeError = {
  made: made != null,
  name: made?.name ?? null,
  instanceOfCore: made instanceof core.AgeError,
};
// The classes each entry reaches: the core entry's export and the module the client entry loaded.
${
  kind === 'cjs'
    ? `
const loaded = Object.values(require.cache).filter((m) => /react-clickwrap[\\\\/]dist[\\\\/]/.test(m.id));
results.identity = Object.fromEntries(${JSON.stringify(CLASSES)}.map((name) => {
  const exporters = loaded.filter((m) => m.exports && Object.prototype.hasOwnProperty.call(m.exports, name));
  return [name, { modules: exporters.length, same: exporters.every((m) => m.exports[name] === core[name]) }];
}));
`
    : `
results.identity = {};
`
}
console.log(JSON.stringify(results));
`;

const app = installPacked('pack');
try {
  for (const kind of ['esm', 'cjs']) {
    const file = path.join(app.dir, kind === 'esm' ? 'app.mjs' : 'app.cjs');
    writeFileSync(file, appCode(kind));
    let results;
    try {
      results = JSON.parse(execFileSync(process.execPath, [file], { cwd: app.dir, encoding: 'utf8' }));
    } catch (error) {
      problems.push(`${kind}: the app failed to run: ${String(error.stderr || error.message).slice(0, 800)}`);
      continue;
    }
    const { hookAgeError, identity } = results;
    if (!hookAgeError.made) problems.push(`${kind}: useGuardianCoSign reported no ageError for 2010-02-31`);
    else if (!hookAgeError.instanceOfCore) {
      problems.push(
        `${kind}: the client entry's AgeError is not instanceof react-clickwrap/core's AgeError (two copies of the core)`,
      );
    }
    for (const [name, { modules, same }] of Object.entries(identity)) {
      // Every loaded module that exports the class (its own module and the barrels re-exporting
      // it) must hand out the core entry's very class.
      if (modules === 0 || !same) {
        problems.push(
          `${kind}: ${name}: ${modules} loaded modules export it${same ? '' : ', and not all the same class as react-clickwrap/core'}`,
        );
      }
    }
    if (kind === 'cjs') assert.deepEqual(Object.keys(identity).sort(), [...CLASSES].sort());
    console.log(
      `check-pack: ${kind}: both entries load by name and share one core (${hookAgeError.name} instanceof core.AgeError)`,
    );
  }
} finally {
  app.cleanup();
}

if (problems.length) {
  console.error(`check-pack: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('check-pack: the tarball holds only what users need, and its entries share one core.');
