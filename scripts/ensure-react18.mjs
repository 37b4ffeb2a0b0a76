#!/usr/bin/env node
// Installs React 18.3 into compat/react18 (its own package and lock) when it is missing, so that
// `npm install && npm test` on a fresh clone also runs the `react18` projects. A top-level npm
// alias cannot do this: react-dom@18's peer `react` would resolve to the root's React 19.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const compat = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../compat/react18');
const wanted = JSON.parse(readFileSync(path.join(compat, 'package.json'), 'utf8')).dependencies;
const installed = (name) => {
  const manifest = path.join(compat, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
};
const stale = Object.entries(wanted).filter(([name, version]) => installed(name) !== version);
if (stale.length === 0) process.exit(0);

console.log(
  `Installing React 18 for the react18 tests (compat/react18: ${stale.map(([n, v]) => `${n}@${v}`).join(', ')})…`,
);
try {
  execFileSync('npm', ['ci', '--prefix', compat, '--no-audit', '--no-fund', '--ignore-scripts'], {
    stdio: 'inherit',
  });
} catch {
  console.error(
    'Could not install compat/react18 (React 18.3 for the react18 tests). With the npm registry reachable,\n' +
      'run `npm ci --prefix compat/react18`, then the tests again.',
  );
  process.exit(1);
}
