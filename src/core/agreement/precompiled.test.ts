import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { blocksOf } from './blocks';
import { AgreementError, deserializeAgreement, parseAgreement, serializeAgreement } from './index';
import { treeOf } from './rendered';

vi.mock('mdast-util-from-markdown', { spy: true });
const { fromMarkdown } = await import('mdast-util-from-markdown');

const TERMS = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');

describe('precompiled agreements (issue 11)', () => {
  const agreement = parseAgreement({
    id: 'instadesk-terms',
    version: '2024-05-01',
    markdown: TERMS,
    effectiveDate: '2024-05-01',
  });

  describe('given the default agreement sent as JSON', () => {
    const json = JSON.stringify(serializeAgreement(agreement));

    it('reads back the same agreement and the same tree, without parsing the markdown', () => {
      vi.mocked(fromMarkdown).mockClear();
      const back = deserializeAgreement(JSON.parse(json));
      expect(fromMarkdown).not.toHaveBeenCalled();
      expect(back).toEqual(agreement);
      expect(treeOf(back)).toEqual(treeOf(agreement));
    });

    it('gives the blocks a re-consent diff compares from the tree it read, without parsing', () => {
      const expected = blocksOf(agreement);
      const back = deserializeAgreement(JSON.parse(json));
      vi.mocked(fromMarkdown).mockClear();
      expect(blocksOf(back)).toEqual(expected);
      expect(fromMarkdown).not.toHaveBeenCalled();
    });

    it('is compact: key clauses refer to the markdown instead of repeating it', () => {
      // The agreement as plain JSON (what a Server Component passed before) repeats each key
      // clause's text; the precompiled form carries the tree instead, and is smaller.
      expect(json.length).toBeLessThan(JSON.stringify(agreement).length);
      const phrase = agreement.keyClauses[0]?.text.slice(0, 40) ?? '';
      const count = (text: string) => text.split(phrase).length - 1;
      expect(count(json)).toBe(count(JSON.stringify(agreement.markdown)));
      expect(JSON.parse(json)).toMatchObject({
        format: 'react-clickwrap/agreement@1',
        tags: expect.any(Object),
      });
    });
  });

  it('matches the precompiled Terms the Storybook story renders (regenerate it when the format changes)', () => {
    const fixture = readFileSync(
      new URL('../../../stories/components/precompiled-terms.json', import.meta.url),
      'utf8',
    );
    const terms = parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown: TERMS });
    expect(JSON.parse(fixture)).toEqual(JSON.parse(JSON.stringify(serializeAgreement(terms))));
  });

  it('keeps the tags a custom tagger gave', () => {
    const tagged = parseAgreement({
      id: 't',
      version: '1',
      markdown: 'A **bold** clause.\n\nAnother **one**.\n',
      tagClause: (c) => (c.text.startsWith('Another') ? ['minors'] : []),
    });
    const back = deserializeAgreement(JSON.parse(JSON.stringify(serializeAgreement(tagged))));
    expect(back.keyClauses.map((c) => c.tags)).toEqual([[], ['minors']]);
  });

  it.each([
    ['nothing', undefined, /got undefined/],
    ['a parsed agreement (not precompiled)', JSON.parse(JSON.stringify(agreement)), /got format undefined/],
    [
      'another format version',
      { ...serializeAgreement(agreement), format: 'react-clickwrap/agreement@0' },
      /got format "react-clickwrap\/agreement@0"\. Precompile the agreement again/,
    ],
    [
      'a precompiled agreement without its tree',
      { ...serializeAgreement(agreement), tree: undefined },
      /is incomplete/,
    ],
    [
      'a tree past the end of the markdown',
      { ...serializeAgreement(agreement), markdown: 'short\n' },
      /does not lie within the markdown/,
    ],
  ])('refuses %s with a clear error', (_, value, message) => {
    expect(() => deserializeAgreement(value)).toThrow(AgreementError);
    expect(() => deserializeAgreement(value)).toThrow(message);
  });

  it('does not import the markdown parser: an app reading a precompiled agreement does not download it', async () => {
    // Every module deserializeAgreement imports, directly or not (dependencies left as imports).
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./precompiled.ts', import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const imported = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.map((i) => i.path),
    );
    expect(inputs.filter((file) => /agreement\/(chunks|rendered|parse|summaries)\.ts$/.test(file))).toEqual(
      [],
    );
    expect(imported.filter((path) => /micromark|mdast-util-from-markdown/.test(path))).toEqual([]);
  });
});
