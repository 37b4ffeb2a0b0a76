// What an app gets in its first load when it uses one public name (issue 11, "an app importing
// only hooks gets only hooks"), bundled with esbuild as an app's bundler does (code splitting, as
// scripts/check-size.mjs measures). esbuild makes every dynamic import() a chunk even where the
// call is unused, so whatever an on-demand chunk uses counts as used; and it follows every import
// of a module any of whose names is used, and every re-export. Hence the public hooks are one
// module each (src/hooks/public/) and the public parseAgreement a function, not a re-export.
import { describe, expect, it } from 'vitest';
import { esbuildBundle, esbuildSplit as split } from '../src/components/on-demand/split.test-utils';

const HOOKS = {
  useScrollToEnd: 'src/hooks/use-scroll-to-end/index.ts',
  useKeyClauses: 'src/hooks/use-key-clauses/index.ts',
  useGuardianCoSign: 'src/hooks/use-guardian-co-sign/index.ts',
  useDocumentReading: 'src/hooks/use-document-reading/index.ts',
  useClickwrap: 'src/hooks/use-clickwrap/index.ts',
  useConsentSettings: 'src/hooks/use-consent-settings/index.ts',
} as const;

describe.each([
  ['useScrollToEnd', ['useScrollToEnd']],
  ['useKeyClauses', ['useKeyClauses']],
  ['useGuardianCoSign', ['useGuardianCoSign']],
  ['useDocumentReading', ['useDocumentReading', 'useScrollToEnd', 'useKeyClauses']],
] as const)('%s alone, from the package barrel', (name, uses) => {
  it('loads that hook (and the hooks it calls), no other', async () => {
    const { first } = await split(`export { ${name} } from './src/index.ts';`);
    const loaded = Object.entries(HOOKS)
      .filter(([, file]) => first.has(file))
      .map(([hook]) => hook)
      .sort();
    expect(loaded).toEqual([...uses].sort());
  });
});

describe.each([
  ['useScrollToEnd', ['src/messages/en-region.ts']],
  ['useKeyClauses', []],
  // date-order.ts is no text: the locale's order of the birth date's parts, which the hook's
  // messages follow (84c907b).
  [
    'useGuardianCoSign',
    ['src/messages/date-order.ts', 'src/messages/en-guardian.ts', 'src/messages/format.ts'],
  ],
] as const)('%s alone, from the package barrel, and the texts', (name, texts) => {
  // A bundler keeps a shared module whole in the chunk that holds it: one module of English
  // texts for all the hooks put the guardian's and the gate's texts in useScrollToEnd's load.
  it("loads its own English texts, not the other hooks' nor the components'", async () => {
    const { first } = await split(`export { ${name} } from './src/index.ts';`);
    const loaded = [...first].filter((file) => file.startsWith('src/messages/')).sort();
    expect(loaded).toEqual([...texts].sort());
  });
});

describe('useConsentSettings alone, from the package barrel (a settings page)', () => {
  it('loads neither the markdown parser nor the diff (it imported the core barrel, which reaches both)', async () => {
    const { first } = await split("export { useConsentSettings } from './src/index.ts';");
    expect(first).toContain('src/hooks/use-consent-settings/index.ts');
    const heavy = [...first].filter(
      (file) => file.includes('node_modules/micromark') || file.includes('node_modules/diff/'),
    );
    expect(heavy).toEqual([]);
  });
});

describe.each([
  ['hashAgreement', false],
  ['verifyReceipt', false],
  ['createReceipt', false],
  // A precompiled agreement read in the browser (README): the walk takes the tree it read.
  ['deserializeAgreement', false],
  ['parseAgreement', true],
] as const)('%s alone, from react-clickwrap/core', (name, parses) => {
  it(
    parses
      ? 'loads the markdown parser'
      : 'does not load the markdown parser (the receipt loads it on demand)',
    async () => {
      const { first } = await split(`export { ${name} } from './src/core/index.ts';`);
      const parser = [...first].filter(
        (file) => file === 'src/core/agreement/parse.ts' || file.includes('node_modules/micromark'),
      );
      if (parses) expect(parser).toContain('src/core/agreement/parse.ts');
      else expect(parser).toEqual([]);
    },
  );
});

describe('development warnings', () => {
  // Every warning is guarded by `process.env.NODE_ENV !== 'production'` written out at its call
  // site: a flag imported from another module is not inlined by esbuild, and kept the messages.
  const bundle = async (mode: string) =>
    (await esbuildBundle("export * from './src/index.ts';", mode)).outputFiles
      .map((file) => file.text)
      .join('\n');
  // One phrase from each warning: the pre-ticked box, an unknown clause id, a controlled value
  // turning uncontrolled, a minor change without onContinue, the notice rules at accept.
  const phrases = [
    'never pre-ticked',
    'names no key clause of agreement',
    'Decide between a controlled value',
    'is asked to accept again',
    "The clickwrap's presentation fails the rule",
  ];

  it('are in a development build', async () => {
    const code = await bundle('development');
    for (const phrase of phrases) expect(code).toContain(phrase);
  });

  it('are left out of a production build, messages and all', async () => {
    const code = await bundle('production');
    expect(phrases.filter((phrase) => code.includes(phrase))).toEqual([]);
    expect(code).not.toContain('[react-clickwrap]');
  });
});
