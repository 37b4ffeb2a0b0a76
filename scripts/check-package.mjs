#!/usr/bin/env node
// Checks what dist/ asks of the app it is installed in (run after `npm run build`):
// 1. Every package a module of dist/ imports or requires is a Node builtin or one of ours
//    ("dependencies", "peerDependencies"): a package manager that does not hoist (pnpm) leaves
//    nothing else in reach, so a dependency's dependency left as an import would fail there.
//    Builtins are named with "node:" (Deno and edge runtimes' Node compatibility need it).
// 2. Every CommonJS entry of the packed package loads where Node cannot `require()` an ES
//    module (Node 20.0-20.18, 22.0-22.11, Jest): each entry is required in a child
//    `node --no-experimental-require-module`. ESM-only dependencies must be bundled into the
//    CommonJS build (tsup.config.ts), never required from it; and bundled once, into
//    dist/vendor/ (no other CommonJS module holds a dependency's code), so the markdown parser
//    is not in the tarball three times. The bundled copy parses and renders an agreement there.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { installPacked, root } from './lib/packed.mjs';
import { ENTRIES } from './package-entries.mjs';

const problems = [];
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
]);

// ---------------------------------------------------------------------------------------------
// 1. What dist/ imports
// ---------------------------------------------------------------------------------------------

const dist = path.join(root, 'dist');
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
/** Import statements, dynamic imports and requires, as esbuild writes them. */
const IMPORTS = [
  /^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"/gm,
  /^import\s*"([^"]+)"/gm,
  /\bimport\(\s*"([^"]+)"\s*\)/g,
  /\brequire\(\s*"([^"]+)"\s*\)/g,
];
const packageName = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/', 2).join('/') : specifier.split('/')[0];
const imported = new Map();
const unprefixed = new Set();
const modules = files(dist).filter((file) => /\.c?js$/.test(file));
for (const file of modules) {
  const text = readFileSync(file, 'utf8');
  for (const pattern of IMPORTS) {
    for (const [, specifier] of text.matchAll(pattern)) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
      if (isBuiltin(specifier)) {
        if (!specifier.startsWith('node:')) unprefixed.add(`"${specifier}" in ${path.relative(dist, file)}`);
        continue;
      }
      const name = packageName(specifier);
      if (!imported.has(name)) imported.set(name, new Set());
      imported.get(name).add(path.relative(dist, file));
    }
  }
}
const undeclared = problems.length;
// Deno and the Node compatibility of edge runtimes resolve builtins by their `node:` names only.
for (const found of unprefixed) problems.push(`dist imports a builtin without "node:": ${found}`);
for (const [name, importers] of imported) {
  if (!declared.has(name)) {
    const some = [...importers].slice(0, 3).join(', ');
    problems.push(`dist imports "${name}", which package.json does not declare (${some})`);
  }
}
if (problems.length === undeclared)
  console.log(
    `check-package: ${modules.length} modules of dist import ${imported.size} packages, each declared, builtins as node: (${[...imported.keys()].sort().join(', ')})`,
  );
// esbuild names each bundled file in a comment: `// ../../node_modules/micromark/dev/index.js`.
const BUNDLED = /^\/\/ (?:\.\.\/)*node_modules\//m;
const vendored = modules.filter((file) => file.endsWith('.cjs') && BUNDLED.test(readFileSync(file, 'utf8')));
for (const file of vendored) {
  const rel = path.relative(dist, file);
  if (!rel.startsWith('vendor/'))
    problems.push(`${rel} bundles a dependency: the CommonJS build bundles them once, into dist/vendor/`);
}

// ---------------------------------------------------------------------------------------------
// 2. CommonJS entries without require(esm)
// ---------------------------------------------------------------------------------------------

// Node 20.17+ knows the flag (and 20.19+ / 22.12+ need it to turn require(esm) off); an older
// Node cannot require an ES module at all, so it runs the check as it is.
const NO_REQUIRE_ESM = '--no-experimental-require-module';
const flags = process.allowedNodeEnvironmentFlags.has(NO_REQUIRE_ESM) ? [NO_REQUIRE_ESM] : [];
const subpaths = ENTRIES.filter((entry) => entry.subpath !== null).map((entry) =>
  entry.subpath === '.' ? manifest.name : `${manifest.name}/${entry.subpath.slice(2)}`,
);
const app = installPacked('cjs');
const failedBefore = problems.length;
try {
  for (const specifier of subpaths) {
    try {
      execFileSync(
        process.execPath,
        [
          ...flags,
          '-e',
          `const m = require(${JSON.stringify(specifier)}); if (!Object.keys(m).length) throw new Error('no exports');`,
        ],
        { cwd: app.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      const message = String(error.stderr || error.message);
      const line = message.split('\n').find((l) => /Error|ERR_/.test(l)) ?? message.slice(0, 300);
      problems.push(`require(${JSON.stringify(specifier)}) fails without require(esm): ${line.trim()}`);
    }
  }
  // The bundled markdown parser and react-markdown, through the modules that require them.
  try {
    execFileSync(
      process.execPath,
      [
        ...flags,
        '-e',
        `const core = require('${manifest.name}/core');
const { ClickwrapRoot, AgreementView } = require('${manifest.name}');
const { createElement: h } = require('react');
const { renderToString } = require('react-dom/server');
const agreement = core.parseAgreement({ id: 't', version: '1', markdown: '# T\\n\\n1. **Bold.** [Link](https://example.com)\\n' });
if (agreement.keyClauses.length !== 1) throw new Error('parseAgreement found no key clause');
core.lintAgreement(agreement.markdown);
const html = renderToString(h(ClickwrapRoot, { agreement, signer: { id: 'u' }, onAccept() {} }, h(AgreementView)));
if (!html.includes('<strong>Bold.</strong>') || !html.includes('href="https://example.com"')) throw new Error(html);`,
      ],
      { cwd: app.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const message = String(error.stderr || error.message);
    const line = message.split('\n').find((l) => /Error|ERR_/.test(l)) ?? message.slice(0, 300);
    problems.push(`CommonJS parseAgreement and AgreementView fail without require(esm): ${line.trim()}`);
  }
  if (problems.length === failedBefore) {
    console.log(
      `check-package: ${subpaths.length} CommonJS entries load with node ${[...flags, ''].join(' ')}(${process.version}), and parse and render an agreement with the ESM-only dependencies of dist/vendor/`,
    );
  }
} finally {
  app.cleanup();
}

if (problems.length) {
  console.error(`check-package: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
