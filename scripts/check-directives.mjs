// Checks dist/ after the build, one module per source file:
// - every client module (hooks, components, the main entry) starts with exactly one
//   "use client" and has no other; a framework-free module (core) has none, and never imports a
//   client module (a server importing core would otherwise get client references);
// - the core exists once: each error class and core function is defined in one file only, which
//   both entries import (two copies made `instanceof` fail across entries);
// - every relative import points at a file that exists, with its extension (Node's ESM needs it);
// - `process.env.NODE_ENV` is left for the app's bundler: a build that replaced it would keep
//   development-only code (warnings, the notice rules) in every production app.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isClientOutput } from './package-entries.mjs';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

/** The core's public classes and main functions: each must be defined in exactly one file. */
const TRACKED = [
  'ReceiptError',
  'AgreementError',
  'AgeError',
  'createReceipt',
  'verifyReceipt',
  'parseAgreement',
  'canonicalizeAgreement',
  'hashAgreement',
];
const DIRECTIVE = /^\s*(["'])use client\1;?\s*$/m;
const problems = [];
const definitions = new Map();
let nodeEnvKept = 0;
let client = 0;
let framework = 0;
for (const file of files(dist)) {
  if (!/\.(c|m)?js$/.test(file)) continue;
  const rel = relative(dist, file);
  const text = readFileSync(file, 'utf8');
  const directives = text.split('\n').filter((line) => DIRECTIVE.test(line)).length;
  if (rel.endsWith('.js') && text.includes('process.env.NODE_ENV')) nodeEnvKept++;
  const first = text.trimStart().split('\n', 1)[0].trim();
  if (isClientOutput(rel)) {
    client++;
    if (!DIRECTIVE.test(first))
      problems.push(`${rel} is a client module but does not start with "use client"`);
    if (directives > 1)
      problems.push(`${rel} has "use client" ${directives} times (one at the top is right)`);
  } else {
    framework++;
    if (directives > 0) problems.push(`${rel} is framework-free but has "use client"`);
  }
  const format = rel.endsWith('.cjs') ? 'cjs' : 'esm';
  const imports = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1],
  );
  for (const specifier of imports) {
    const target = resolve(dirname(file), specifier);
    if (!existsSync(target)) problems.push(`${rel} imports ${specifier}, which is not in dist`);
    const targetRel = relative(dist, target);
    if (!isClientOutput(rel) && isClientOutput(targetRel)) {
      problems.push(`${rel} is framework-free but imports the client module ${targetRel}`);
    }
  }
  // esbuild writes a class as `var X = class extends ...` or `class X`. A public name that only
  // calls the definition (src/core/public/*.ts: `return xPart(...)`, in CommonJS
  // `return (0, import_x.x)(...)`) is not another one.
  for (const match of text.matchAll(
    /^(?:var|let|const|class|(?:async\s+)?function\*?)\s+([\w$]+)\b(\([^)]*\)\s*\{\s*return\s+(?:\1Part|\(0,\s*import_[\w$]+\.\1\))\()?/gm,
  )) {
    if (!TRACKED.includes(match[1]) || match[2]) continue;
    const key = `${format}:${match[1]}`;
    definitions.set(key, [...(definitions.get(key) ?? []), rel]);
  }
}
for (const [key, where] of definitions) {
  if (where.length > 1)
    problems.push(
      `${key.split(':')[1]} is defined ${where.length} times (${where.join(', ')}): the core must exist once`,
    );
}
for (const name of TRACKED) {
  if (!definitions.has(`esm:${name}`)) problems.push(`${name} is not defined anywhere in dist`);
}
const nodeEnvSources = files(new URL('../src/', import.meta.url).pathname).filter(
  (file) =>
    /\.tsx?$/.test(file) &&
    !/\.test\.|test-utils/.test(file) &&
    // Code only: a comment that names it (src/internal/dev.ts explains the guard) reads nothing.
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .includes('process.env.NODE_ENV'),
).length;
if (nodeEnvKept < nodeEnvSources) {
  problems.push(
    `${nodeEnvSources} source modules read process.env.NODE_ENV but only ${nodeEnvKept} built ESM modules still do: ` +
      'the build replaced it, so development-only code would stay in production apps; leave it to the app bundler (tsup define)',
  );
}
if (client === 0) problems.push('no client files found in dist: run the build first');
if (problems.length) {
  console.error(`check-directives: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `check-directives: ${client} client files start with one "use client"; ${framework} framework-free files have none; ` +
    'the core is defined once and every relative import resolves.',
);
