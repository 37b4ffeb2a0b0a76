// What an app's bundler puts in the first load and what it fetches on demand: the on-demand
// node tests bundle a public use and look at where our modules land.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Modules (paths from the repository's root) in the first load and in chunks on demand. */
export interface Split {
  first: Set<string>;
  later: Set<string>;
}

/**
 * Bundles `code` with esbuild as scripts/check-size.mjs does (code splitting, minified, react
 * external), for `mode` (what `process.env.NODE_ENV` becomes): the chunks and their metafile.
 */
export function esbuildBundle(code: string, mode = 'production') {
  return build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'out',
    write: false,
    metafile: true,
    minify: true,
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    loader: { '.css': 'text', '.md': 'text' },
    external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    logLevel: 'silent',
  });
}

/**
 * Bundles `code` with esbuild as scripts/check-size.mjs does (code splitting, minified, react
 * external) and sorts our modules: in the entry's chunk or a chunk it imports statically (the
 * first load), or only in chunks imported on demand.
 */
export async function esbuildSplit(code: string): Promise<Split> {
  const result = await esbuildBundle(code);
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint !== undefined)!;
  const firstChunks = new Set<string>();
  const visit = (file: string) => {
    if (firstChunks.has(file)) return;
    firstChunks.add(file);
    for (const imported of outputs[file]!.imports) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  visit(entry);
  const split: Split = { first: new Set(), later: new Set() };
  for (const [file, output] of Object.entries(outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) (firstChunks.has(file) ? split.first : split.later).add(input);
    }
  }
  return split;
}
