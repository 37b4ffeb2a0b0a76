// The parts shown later or in some flows only (issue 11): an app bundling a layout from the
// package's barrel, as an app's bundler does (esbuild, code splitting, as scripts/check-size.mjs
// measures), gets the re-consent notice and change summary and the copy actions (with
// buildAgreementCopy) in a chunk fetched on demand, not in its first load. The guardian's fields
// stay in the page's first load: they appear as a minor's birth date is typed, and the next Tab
// must find them there.
import { describe, expect, it } from 'vitest';
import { esbuildSplit as split } from './split.test-utils';

const LATER = ['src/components/reconsent.tsx', 'src/components/copy-actions.tsx', 'src/core/copy.ts'];

describe.each([
  [
    'ClickwrapModal',
    "export { ClickwrapModal } from './src/index.ts';",
    'src/components/clickwrap-modal.tsx',
  ],
  ['ClickwrapPage', "export { ClickwrapPage } from './src/index.ts';", 'src/components/guardian-form.tsx'],
])('%s from the package barrel', (_name, code, walked) => {
  it('loads the parts shown later on demand, not in the first load', async () => {
    const { first, later } = await split(code);
    // The walk works: the layout (the page: with its form) is in the first load.
    expect(first).toContain(walked);
    expect(LATER.filter((file) => first.has(file))).toEqual([]);
    expect(LATER.filter((file) => !later.has(file))).toEqual([]);
  });
});

describe('ClickwrapModal from the package barrel, with esbuild', () => {
  // esbuild puts in the first load every module a live module imports, and a module that
  // re-exports always counts as live: were the public names re-exports, the barrel would pull in
  // everything the modal loads on demand (87.7 KB instead of 16.7).
  it('leaves all but the trigger and the dialog (state, hooks, parts, react-markdown) to a chunk preloaded after mount', async () => {
    const { first, later } = await split("export { ClickwrapModal } from './src/index.ts';");
    expect(first).toContain('src/components/clickwrap-modal.tsx');
    const body = [
      'src/components/on-demand/modal-engine.tsx',
      'src/components/on-demand/modal-content.tsx',
      'src/components/root/provider.tsx',
      'src/hooks/use-clickwrap/index.ts',
      'src/hooks/use-guardian-co-sign/index.ts',
      'src/messages/en.ts',
      'src/components/agreement-view.tsx',
      'src/components/key-clause-summary.tsx',
      'src/components/guardian-form.tsx',
      'src/components/assent-controls.tsx',
      'node_modules/react-markdown/lib/index.js',
    ];
    expect(body.filter((file) => first.has(file))).toEqual([]);
    expect(body.filter((file) => !later.has(file))).toEqual([]);
  });
});

describe('the public parts from the barrel', () => {
  it('load on demand too (the barrel does not import them statically)', async () => {
    const { first } = await split(
      "export { ReconsentNotice, ChangeSummary, CopyActions, GuardianForm } from './src/index.ts';",
    );
    expect(first).toContain('src/components/on-demand/reconsent-parts.tsx');
    expect(LATER.filter((file) => first.has(file))).toEqual([]);
  });
});
