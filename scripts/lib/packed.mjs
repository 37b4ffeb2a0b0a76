// The package as a user gets it: `npm pack` of the built package, unpacked into a throwaway
// app's node_modules the way npm lays it out. Its dependencies (and react) are linked from this
// repository's node_modules rather than downloaded, so the checks run offline and fast; the
// tarball itself is exactly what would be published.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm pack --dry-run --json`: the files the tarball would hold, without writing it. */
export function packedFiles() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out);
  return info.files.map((file) => file.path).sort();
}

/**
 * Packs the built package and unpacks it into `<dir>/node_modules/react-clickwrap` of a new
 * throwaway app (`name` is a label for the folder). Returns the app's folder; `cleanup()`
 * removes it.
 */
export function installPacked(name = 'consumer') {
  if (!existsSync(path.join(root, 'dist/index.js'))) {
    throw new Error('No dist/: run `npm run build` first.');
  }
  const app = mkdtempSync(path.join(tmpdir(), `react-clickwrap-${name}-`));
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', app], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out);
  const tarball = path.join(app, info.filename);
  const modules = path.join(app, 'node_modules');
  const target = path.join(modules, 'react-clickwrap');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  rmSync(tarball);

  // Everything else the app needs (react, react-dom, the package's dependencies, vite, esbuild)
  // comes from this repository's node_modules, one link per top-level entry.
  const ours = path.join(root, 'node_modules');
  for (const entry of readdirSync(ours)) {
    if (entry === 'react-clickwrap' || entry === '.bin' || entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      mkdirSync(path.join(modules, entry), { recursive: true });
      for (const scoped of readdirSync(path.join(ours, entry))) {
        symlinkSync(path.join(ours, entry, scoped), path.join(modules, entry, scoped), 'junction');
      }
    } else {
      symlinkSync(path.join(ours, entry), path.join(modules, entry), 'junction');
    }
  }
  const manifest = JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8'));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    if (!existsSync(path.join(modules, dependency))) {
      throw new Error(`The packed package depends on ${dependency}, which is not installed here.`);
    }
  }
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: `${name}-app`, private: true, type: 'module' }, null, 2),
  );
  return {
    dir: app,
    packageDir: target,
    manifest,
    cleanup: () => rmSync(app, { recursive: true, force: true }),
  };
}
