// What react-clickwrap/core's entry brings into an app's first load besides the names the app
// uses, bundled with esbuild as an app's bundler does (as scripts/check-size.mjs measures).
// esbuild follows every import of a module any of whose names is used, so src/core/index.ts
// imports directly only what may land there; the names whose modules the components load on
// demand are functions of src/core/public/, one module per area, each left out unless one of its
// names is used (so one name does not bring the other areas up front).
import { describe, expect, it } from 'vitest';
import { esbuildSplit as split } from '../src/components/on-demand/split.test-utils';

/** Modules the modal loads on demand, which a precompiled agreement's first load must not hold. */
const ON_DEMAND = [
  'src/core/agreement/chunks.ts',
  'src/core/diff/diff-agreements.ts',
  'src/core/receipt/create.ts',
  'src/core/copy.ts',
  'src/core/age/guardian.ts',
];
const isParser = (file: string) => /node_modules\/(micromark|mdast-util-from-markdown)/.test(file);

describe('ClickwrapModal and deserializeAgreement (the precompiled recipe), from the two entries', () => {
  const app =
    "export { ClickwrapModal } from './src/index.ts'; export { deserializeAgreement } from './src/core/index.ts';";

  it('loads the reader of a precompiled agreement, not the markdown parser', async () => {
    const { first, later } = await split(app);
    expect(first).toContain('src/core/agreement/precompiled.ts');
    expect([...first].filter(isParser)).toEqual([]);
    // The modal still loads it on demand (react-markdown imports it).
    expect([...later].some(isParser)).toBe(true);
  });

  it('leaves the diff, the receipt, its copy and the age rules to the modal, on demand', async () => {
    const { first, later } = await split(app);
    expect(ON_DEMAND.filter((file) => first.has(file))).toEqual([]);
    expect(ON_DEMAND.filter((file) => later.has(file))).toEqual(ON_DEMAND);
  });
});

describe('ClickwrapModal and one public function of the core', () => {
  const app = (name: string) =>
    `export { ClickwrapModal } from './src/index.ts'; export { ${name} } from './src/core/index.ts';`;

  it('loads the hash up front, not the diff, the receipt, its copy, the age rules or the parser', async () => {
    const { first } = await split(app('hashAgreement'));
    expect(first).toContain('src/core/hash.ts');
    expect([...first].filter(isParser)).toEqual([]);
    expect(ON_DEMAND.filter((file) => first.has(file))).toEqual([]);
  });

  it('loads the receipt maker (and the age rules it checks) with createReceipt, not the diff or the copy', async () => {
    const { first } = await split(app('createReceipt'));
    expect([...first].filter(isParser)).toEqual([]);
    expect(ON_DEMAND.filter((file) => first.has(file))).toEqual([
      'src/core/receipt/create.ts',
      'src/core/age/guardian.ts',
    ]);
  });

  it('loads the diff and what it parses with up front only with diffAgreements', async () => {
    const { first } = await split(app('diffAgreements'));
    expect(ON_DEMAND.filter((file) => first.has(file))).toEqual([
      'src/core/agreement/chunks.ts',
      'src/core/diff/diff-agreements.ts',
    ]);
  });
});
