// The modal's body on demand (issue 11): for an app with `import { ClickwrapModal }`, the agreement
// view (react-markdown), the key-clause summary, the forms and the action bar are in a chunk the
// modal preloads when it mounts, not in the first load. Vite (Rolldown), as an app following the
// README bundles it, from the package's barrel; esbuild from the modal's module (from the barrel,
// esbuild keeps what the barrel re-exports statically in the first load whenever a lazy chunk uses
// it too, as src/components/README.md says: only the body's own module is on demand there).
import path from 'node:path';
import { build as viteBuild, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { esbuildSplit, root, type Split } from './split.test-utils';

const BODY = [
  'src/components/on-demand/modal-content.tsx',
  'src/components/agreement-view.tsx',
  'src/components/key-clause-summary.tsx',
  'src/components/decision-buttons.tsx',
  'src/components/guardian-form.tsx',
  'node_modules/react-markdown/lib/index.js',
];
const SHELL = ['src/components/clickwrap-modal.tsx', 'src/components/on-demand/modal-parts.ts'];

/** The same with Vite's production build (the entry's source given as a virtual module). */
async function viteSplit(code: string): Promise<Split> {
  const entryId = '\0modal-entry.ts';
  const out = await viteBuild({
    root,
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'modal-entry',
        resolveId: (id) => (id === 'modal-entry' ? entryId : null),
        load: (id) => (id === entryId ? code : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      rollupOptions: {
        input: 'modal-entry',
        external: [/^react($|\/)/, /^react-dom($|\/)/],
        preserveEntrySignatures: 'strict',
      },
    },
  });
  const chunks = (Array.isArray(out) ? out[0]! : (out as Rollup.RollupOutput)).output.filter(
    (o): o is Rollup.OutputChunk => o.type === 'chunk',
  );
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const firstChunks = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (firstChunks.has(chunk.fileName)) return;
    firstChunks.add(chunk.fileName);
    for (const imported of chunk.imports) if (byName.has(imported)) visit(byName.get(imported)!);
  };
  visit(chunks.find((c) => c.isEntry)!);
  const split: Split = { first: new Set(), later: new Set() };
  for (const chunk of chunks) {
    for (const [id, info] of Object.entries(chunk.modules)) {
      if (info.renderedLength === 0) continue;
      const file = path.relative(root, id.replace(/\?.*$/, ''));
      (firstChunks.has(chunk.fileName) ? split.first : split.later).add(file);
    }
  }
  return split;
}

describe('ClickwrapModal: its body loads on demand', () => {
  it('with Vite, from the package barrel', async () => {
    const { first, later } = await viteSplit("export { ClickwrapModal } from './src/index.ts';");
    expect(SHELL.filter((file) => !first.has(file))).toEqual([]);
    expect(BODY.filter((file) => first.has(file))).toEqual([]);
    expect(BODY.filter((file) => !later.has(file))).toEqual([]);
  }, 120_000);

  it('with esbuild, from the modal module', async () => {
    const { first, later } = await esbuildSplit(
      "export { ClickwrapModal } from './src/components/clickwrap-modal.tsx';",
    );
    expect(SHELL.filter((file) => !first.has(file))).toEqual([]);
    expect(BODY.filter((file) => first.has(file))).toEqual([]);
    expect(BODY.filter((file) => !later.has(file))).toEqual([]);
  });

  it('with esbuild, from the package barrel: the body module itself', async () => {
    const { first, later } = await esbuildSplit("export { ClickwrapModal } from './src/index.ts';");
    expect(first).toContain('src/components/clickwrap-modal.tsx');
    expect(first).not.toContain('src/components/on-demand/modal-content.tsx');
    expect(later).toContain('src/components/on-demand/modal-content.tsx');
  });
});
