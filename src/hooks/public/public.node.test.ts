// One hook from the package's barrel (issue 11, "an app importing only hooks gets only hooks"):
// bundled with esbuild as an app's bundler does (code splitting, as scripts/check-size.mjs
// measures), its first load holds that hook and what it uses, not the other hooks. esbuild makes
// every dynamic import() a chunk even where unused (the modal's on-demand body, which uses every
// hook), and follows every import of a module any of whose names is used: with the six public
// names in one module, useScrollToEnd alone came with all of them.
import { describe, expect, it } from 'vitest';
import { esbuildSplit as split } from '../../components/on-demand/split.test-utils';

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
