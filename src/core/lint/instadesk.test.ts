/**
 * The lint against the project's own default agreement: as rendered it must raise nothing, and
 * each clause its rendition test requires to be bold must be found once its bold is removed.
 * The list of clauses is read from agreements/instadesk-terms.test.ts, so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintAgreement } from './index';
import { readSource } from './source';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const markdown = read('../../../agreements/instadesk-terms.md');
const renditionTest = read('../../../agreements/instadesk-terms.test.ts');

/** `[label, section, prefix]` entries of one `const NAME: readonly Clause[] = [...]` list. */
function clauseList(name: string): [string, string, string][] {
  const start = renditionTest.indexOf(`const ${name}`);
  const body = renditionTest.slice(start, renditionTest.indexOf('];', start));
  return [...body.matchAll(/\['([^']*)', '([^']*)', '([^']*)'\]/g)].map((m) => [
    m[1] ?? '',
    m[2] ?? '',
    m[3] ?? '',
  ]);
}

const source = readSource(markdown);

/** The paragraph a clause is: in the given `##` section, starting with the given words. */
function clauseBlock(section: string, prefix: string) {
  let current = '';
  const found = source.blocks.filter((b) => {
    if (b.node.type === 'heading' && b.node.depth <= 2)
      current = b.node.depth === 2 ? b.number.replace('.', '') : '';
    return b.node.type === 'paragraph' && current === section && b.flat.text.startsWith(prefix);
  });
  expect(found, `one paragraph in "${section}" starts with "${prefix}"`).toHaveLength(1);
  const position = found[0]?.node.position;
  return {
    start: position?.start.offset ?? 0,
    end: position?.end.offset ?? 0,
    line: position?.start.line ?? 0,
    endLine: position?.end.line ?? 0,
  };
}

const memo = new Map<string, boolean>();

/** Whether removing the bold of that one clause makes the lint report an error inside it. */
function foundWhenUnbolded(section: string, prefix: string): boolean {
  const key = `${section}|${prefix}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const block = clauseBlock(section, prefix);
  const unbolded =
    markdown.slice(0, block.start) +
    markdown.slice(block.start, block.end).replaceAll('**', '') +
    markdown.slice(block.end);
  expect(unbolded).not.toBe(markdown);
  const found = lintAgreement(unbolded).some(
    (f) => f.rule === 'unbolded-limiting-clause' && f.line >= block.line && f.line <= block.endLine,
  );
  memo.set(key, found);
  return found;
}

const required = clauseList('REQUIRED_BOLD');
const extra = clauseList('EXTRA_BOLD');

describe('the Instadesk Terms', () => {
  it('as rendered, raise no finding at all', () => {
    expect(lintAgreement(markdown)).toEqual([]);
  });

  it('has its list of required bold clauses read from the rendition test', () => {
    expect(required).toHaveLength(38);
    expect(extra.length).toBeGreaterThan(0);
  });

  describe('with the bold removed from one required clause, the lint finds that clause', () => {
    it.each(required)('%s', (_label, section, prefix) => {
      expect(foundWhenUnbolded(section, prefix)).toBe(true);
    });
  });

  it('reports its recall on the required and the optional bold clauses', () => {
    const recall = (list: [string, string, string][]) => {
      const missed = list
        .filter(([, section, prefix]) => !foundWhenUnbolded(section, prefix))
        .map(([label]) => label);
      return { found: list.length - missed.length, of: list.length, missed };
    };
    const req = recall(required);
    const opt = recall(extra);
    console.log(
      `Instadesk recall: required bold clauses ${req.found}/${req.of}; ` +
        `clauses bolded by choice ${opt.found}/${opt.of} (missed: ${opt.missed.join(', ') || 'none'})`,
    );
    expect(req.missed).toEqual([]);
  });
});
