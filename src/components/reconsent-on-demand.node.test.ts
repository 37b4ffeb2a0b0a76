// Re-consent on demand (issue 11): the components reach the diff, and the `diff` package, only
// through the dynamic import in root/reconsent-loader.ts, so an app without re-consent ships
// neither. Walks the static imports from the layouts, as a bundler does (the size figures come
// from bundling the built package: see the report of issue 11).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The modules `file` imports for their values (not `import type`, not `import()`). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const [, spec] of code.matchAll(re)) {
    // An import whose every name is a type is erased too.
    out.push(spec!);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return spec;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Every module (files and packages) reachable by static imports from `entry`. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith('/')) continue;
    for (const spec of staticImports(file)) {
      const target = resolve(file, spec);
      if (target) queue.push(target);
    }
  }
  return seen;
}

describe('re-consent on demand', () => {
  // From the layouts, not the package's barrel (whose re-exports of core a bundler drops unused).
  const graph = new Set([
    ...reachable(path.join(src, 'components/clickwrap-modal.tsx')),
    ...reachable(path.join(src, 'components/clickwrap-page.tsx')),
  ]);
  const rel = (file: string) => path.relative(src, file);

  it('reaches the parts, the hooks and core from the layouts (the walk works)', () => {
    expect(graph.has(path.join(src, 'components/on-demand/reconsent-parts.tsx'))).toBe(true);
    expect(graph.has(path.join(src, 'hooks/use-clickwrap/index.ts'))).toBe(true);
    expect(graph.has(path.join(src, 'components/root/reconsent-loader.ts'))).toBe(true);
    expect(graph.has('react-markdown')).toBe(true);
  });

  it('does not import the diff, or the `diff` package, statically', () => {
    const diffModules = [...graph].filter(
      (f) => f === 'diff' || f.startsWith('diff/') || /components\/reconsent-diff\.ts$|core\/diff\//.test(f),
    );
    expect(diffModules.map((f) => (f.startsWith('/') ? rel(f) : f))).toEqual([]);
  });

  it('loads it with a dynamic import from the re-consent loader', () => {
    const loader = readFileSync(path.join(src, 'components/root/reconsent-loader.ts'), 'utf8');
    expect(loader).toMatch(/import\('\.\.\/reconsent-diff'\)/);
    expect(reachable(path.join(src, 'components/reconsent-diff.ts')).has('diff')).toBe(true);
  });
});
