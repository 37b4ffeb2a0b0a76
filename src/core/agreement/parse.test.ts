import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { AgreementError, defaultTagClause, keyClauseAt, parseAgreement, sectionAt } from './index';
import { CANONICALIZATION_VERSION, canonicalizeAgreement } from '../canonical';
import { parsePieces } from './chunks';
import { walk } from './tree';
import type { Agreement, AgreementInput, KeyClause } from '../types';

const TERMS = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');

const parse = (markdown: string, extra: Partial<Parameters<typeof parseAgreement>[0]> = {}): Agreement =>
  parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown, ...extra });

const ids = (agreement: Agreement): string[] => agreement.keyClauses.map((c) => c.id);

/** Section VIII's subsection, where clauses nest. */
const TERMINATION = '1-suspension-interruption-and-termination-of-services';

function clause(agreement: Agreement, id: string): KeyClause {
  const found = agreement.keyClauses.find((c) => c.id === id);
  if (!found) throw new Error(`no key clause "${id}" in ${ids(agreement).join(', ')}`);
  return found;
}

/**
 * An independent reading of the rules, on the whole document in one parse (recursive: only for
 * small inputs): heading spans, and the spans of paragraphs outside list items and of list items
 * whose own paragraphs (not those of nested items, not headings) contain bold text.
 */
function oracle(markdown: string) {
  const headings: [number, number, number][] = [];
  const blocks: { span: [number, number, number]; bold: boolean }[] = [];
  const spanOf = (node: Nodes): [number, number, number] => [
    node.position?.start.offset ?? -1,
    node.position?.end.offset ?? -1,
    node.position?.start.line ?? -1,
  ];
  const hasStrong = (node: Nodes): boolean =>
    node.type === 'strong' || ('children' in node && node.children.some((c) => hasStrong(c)));
  const visit = (node: Nodes, item: { bold: boolean } | null): void => {
    if (node.type === 'heading') {
      headings.push(spanOf(node));
      return;
    }
    if (node.type === 'paragraph') {
      const owner = item ?? { span: spanOf(node), bold: false };
      if (!item) blocks.push(owner as { span: [number, number, number]; bold: boolean });
      if (hasStrong(node)) owner.bold = true;
      return;
    }
    if (node.type === 'listItem') {
      const own = { span: spanOf(node), bold: false };
      blocks.push(own);
      node.children.forEach((c) => visit(c, own));
      return;
    }
    if ('children' in node) node.children.forEach((c) => visit(c, item));
  };
  visit(fromMarkdown(markdown), null);
  return { headings, clauses: blocks.filter((b) => b.bold).map((b) => b.span) };
}

const spans = (agreement: Agreement) => ({
  headings: agreement.sections.map((s) => [s.span.start, s.span.end, s.span.line]),
  clauses: agreement.keyClauses.map((c) => [c.span.start, c.span.end, c.span.line]),
});

describe('parseAgreement', () => {
  describe('given the default agreement (Instadesk Terms)', () => {
    const agreement = parse(TERMS);

    it('keeps the canonical markdown and the metadata', () => {
      expect(agreement).toMatchObject({
        id: 'instadesk-terms',
        version: '2024-05-01',
        title: 'Instadesk Terms and Conditions',
        language: 'en',
        effectiveDate: null,
        canonicalization: CANONICALIZATION_VERSION,
      });
      expect(agreement.markdown).toBe(canonicalizeAgreement(TERMS));
    });

    it('lists every heading as a section with a slug id and its parent', () => {
      expect(agreement.sections.map((s) => [s.id, s.depth, s.parentId])).toEqual([
        ['instadesk-terms-and-conditions', 1, null],
        ['ii-software-licenses', 2, 'instadesk-terms-and-conditions'],
        ['1-declaration-of-intellectual-property-rights', 3, 'ii-software-licenses'],
        ['2-scope-of-software-licenses', 3, 'ii-software-licenses'],
        ['3-user-instruments', 3, 'ii-software-licenses'],
        ['iii-account-and-usage-standards', 2, 'instadesk-terms-and-conditions'],
        ['1-registration-process', 3, 'iii-account-and-usage-standards'],
        ['2-account-usage-standards', 3, 'iii-account-and-usage-standards'],
        ['iv-our-services', 2, 'instadesk-terms-and-conditions'],
        ['1-services', 3, 'iv-our-services'],
        ['2-service-fees', 3, 'iv-our-services'],
        ['v-rights-and-obligations', 2, 'instadesk-terms-and-conditions'],
        ['vi-legal-liability-and-disclaimer', 2, 'instadesk-terms-and-conditions'],
        ['vii-protection-of-your-information', 2, 'instadesk-terms-and-conditions'],
        ['viii-other', 2, 'instadesk-terms-and-conditions'],
        ['1-suspension-interruption-and-termination-of-services', 3, 'viii-other'],
      ]);
      expect(agreement.sections[1]).toMatchObject({ title: 'II. Software Licenses' });
      for (const section of agreement.sections) {
        expect(agreement.markdown.slice(section.span.start, section.span.end)).toBe(
          `${'#'.repeat(section.depth)} ${section.title}`,
        );
      }
    });

    it('finds one key clause per bolded block, list items counting once', () => {
      // 38 clauses the agreement must bold, 7 more bolded by choice (see instadesk-terms.test.ts).
      expect(agreement.keyClauses).toHaveLength(45);
      expect(spans(agreement)).toEqual(oracle(agreement.markdown));
    });

    it('names clauses by section and number, whatever the markdown escaping', () => {
      expect(ids(agreement).slice(0, 4)).toEqual([
        'instadesk-terms-and-conditions--p3',
        'instadesk-terms-and-conditions--p4',
        'instadesk-terms-and-conditions--3', // written `- 3\.**We have the right…`
        '2-scope-of-software-licenses--2-4',
      ]);
      expect(clause(agreement, '2-scope-of-software-licenses--2-4')).toMatchObject({
        sectionId: '2-scope-of-software-licenses',
        sectionTitle: '2. Scope of software licenses',
        tags: [],
      });
      expect(clause(agreement, '2-scope-of-software-licenses--2-4').boldText).toMatch(
        /^The Software is provided as is and we do not guarantee .* the terms of relevant service\.$/,
      );
      expect(clause(agreement, 'vi-legal-liability-and-disclaimer--1').text).toMatch(
        /^1\.If you violate the provisions of this agreement/,
      );
      expect(clause(agreement, 'v-rights-and-obligations--10').sectionTitle).toBe(
        'V. Rights and Obligations',
      );
    });

    it('gives nested list items their own clauses, prefixed by the parent item', () => {
      const parent = clause(agreement, `${TERMINATION}--1-3`);
      const nested = clause(agreement, `${TERMINATION}--1-3--2`);
      expect(parent.text).toBe(
        "1.3 In case of the following situations, we have the right to terminate this agreement directly by canceling the account, and have the right to permanently freeze (cancel) your account's permissions in our product:",
      );
      expect(nested.text).toMatch(/^2\) When this agreement \(including rules\) is changed/);
      expect(nested.span.start).toBeGreaterThan(parent.span.start);
      expect(nested.span.end).toBeLessThanOrEqual(parent.span.end);
    });

    it('counts a bold paragraph after a nested list as part of its list item', () => {
      const callCenter = clause(agreement, '2-account-usage-standards--2-4');
      expect(callCenter.text).toMatch(
        /^2\.4 If you use our call center function, .* The specific commitment are: If you violate the above commitments, /,
      );
      expect(callCenter.boldText).toMatch(/^If you violate the above commitments, /);
      const callCenterIds = ids(agreement).filter((id) => id.startsWith(callCenter.id));
      expect(callCenterIds).toEqual([callCenter.id]);
    });

    it('tags the under-18 paragraph (and the guardian clause) as about minors', () => {
      expect(clause(agreement, 'instadesk-terms-and-conditions--p4')).toMatchObject({
        text: 'If you are under 18 years old, please read this Agreement accompanied by a legal guardian and especially pay attention to the terms of use for minors.',
        sectionId: 'instadesk-terms-and-conditions',
        tags: ['minors'],
      });
      const aboutMinors = agreement.keyClauses.filter((c) => c.tags.includes('minors'));
      expect(aboutMinors.map((c) => c.id)).toEqual([
        'instadesk-terms-and-conditions--p4',
        '1-registration-process--1-2',
      ]);
    });

    it('spans each clause over the markdown of its bold text', () => {
      for (const c of agreement.keyClauses) {
        const source = agreement.markdown.slice(c.span.start, c.span.end).replace(/\s+/g, ' ');
        expect(source, c.id).toContain(`**${c.boldText}**`);
        expect(source, c.id).toMatch(/^(- |\*\*)/);
        expect(agreement.markdown.split('\n')[c.span.line - 1]?.trimStart(), c.id).toBe(
          agreement.markdown.slice(c.span.start).split('\n')[0],
        );
      }
    });

    it('gives unique ids, the same on every parse', () => {
      expect(new Set(ids(agreement)).size).toBe(agreement.keyClauses.length);
      expect(parse(TERMS)).toEqual(agreement);
    });

    it('keeps every id when another section gains a paragraph', () => {
      const edited = parse(
        TERMS.replace(
          '## V. Rights and Obligations\n\n',
          '## V. Rights and Obligations\n\n**A new clause, bold.**\n\nAnd a plain one.\n\n',
        ).replace('- 1.1 Any copying', 'A new opening paragraph.\n\n- 1.1 Any copying'),
      );
      const added = 'v-rights-and-obligations--p1';
      expect(ids(edited).filter((id) => id !== added)).toEqual(ids(agreement));
      expect(ids(edited)).toContain(added);
    });

    it('keeps a clause’s id when its wording changes', () => {
      const edited = parse(TERMS.replace('provided as is', 'provided "as is"'));
      expect(ids(edited)).toEqual(ids(agreement));
    });

    it('reads Windows line endings and a BOM exactly as LF', () => {
      expect(parse(`\uFEFF${TERMS.replace(/\n/g, '\r\n')}`)).toEqual(agreement);
    });
  });

  describe('sections', () => {
    it('slugs any script, and numbers repeated headings', () => {
      const agreement = parse(
        [
          '# Условия использования',
          '## 利用規約',
          '## नियम और शर्तें',
          '## Données personnelles',
          '## A 2',
          '## A',
          '## A',
          '## #',
          '## ¡¡ !!',
        ].join('\n\n'),
      );
      expect(agreement.sections.map((s) => s.id)).toEqual([
        'условия-использования',
        '利用規約',
        'नियम-और-शर्तें',
        'données-personnelles',
        'a-2',
        'a',
        'a-3',
        'section',
        'section-2',
      ]);
    });

    it('takes as parent the nearest heading above of a lower depth', () => {
      const agreement = parse('# A\n\n### B\n\n## C\n\n#### D\n\n## E\n\nSetext\n======\n\n## F\n');
      expect(agreement.sections.map((s) => [s.id, s.parentId])).toEqual([
        ['a', null],
        ['b', 'a'],
        ['c', 'a'],
        ['d', 'c'],
        ['e', 'a'],
        ['setext', null],
        ['f', 'setext'],
      ]);
    });

    it('keeps long slugs short', () => {
      const [section] = parse(`# ${'word '.repeat(100)}\n\n**x**\n`).sections;
      expect(section?.id.length).toBeLessThanOrEqual(64);
      expect(section?.id).toMatch(/^word(-word)+$/);
    });
  });

  describe('key clauses', () => {
    it('numbers clauses by their own leading number, or by position', () => {
      const agreement = parse(
        [
          'Before any heading **bold**.',
          '# Terms',
          'Plain paragraph.',
          '**First bold paragraph.**',
          '1\\.**Escaped number.**',
          '2.4 **Two four.**',
          '3\\. **Three.**',
          '- 1.1 **One one.**',
          '- 1\\) **One paren.**',
          '- **Un-numbered item.**',
          '1. **Ordered one.**\n2. plain\n3. **Ordered three.**',
          'A plain paragraph ends the ordered list.',
          '7. **Ordered from seven.**',
          '2024 **was a year**, not a clause number.',
        ].join('\n\n'),
      );
      expect(ids(agreement)).toEqual([
        'preamble--p1',
        'terms--p2',
        'terms--1',
        'terms--2-4',
        'terms--3',
        'terms--1-1',
        'terms--1_2', // "1)" in a bullet list, like "1\." before it
        'terms--p3',
        'terms--1_3', // the ordered list's first item
        'terms--3_2',
        'terms--7',
        'terms--2024',
      ]);
      expect(agreement.keyClauses[0]).toMatchObject({ sectionId: null, sectionTitle: null });
    });

    it('numbers nested items below their parent, and un-numbered ones per parent', () => {
      const agreement = parse(
        [
          '# Terms',
          '- 3.1 **Parent.**',
          '  - 1\\) **Child one.**',
          '  - **Child without number.**',
          '    - **Grandchild.**',
          '- plain item',
          '  - **Child of a plain item.**',
        ].join('\n'),
      );
      expect(ids(agreement)).toEqual([
        'terms--3-1',
        'terms--3-1--1',
        'terms--3-1--p1',
        'terms--3-1--p1--p1',
        'terms--p1--p1',
      ]);
    });

    it('takes a list item’s text from its own paragraphs, not from nested lists', () => {
      const [item, nested] = parse(
        '- **Intro**\n  with a soft break\\\n  and a hard one.\n\n  - **nested**\n\n  Closing *words*.\n',
      ).keyClauses;
      expect(item).toMatchObject({
        text: 'Intro with a soft break and a hard one. Closing words.',
        boldText: 'Intro',
      });
      expect(nested).toMatchObject({ text: 'nested', boldText: 'nested' });
    });

    it('joins several bold parts, and takes bold from links, quotes and nested emphasis', () => {
      const agreement = parse(
        'You **must** read [**this** `code`](https://x.test) and ***that***.\n\n> Quoted **bold** paragraph.\n',
      );
      expect(agreement.keyClauses.map((c) => [c.text, c.boldText])).toEqual([
        ['You must read this code and that.', 'must this that'],
        ['Quoted bold paragraph.', 'bold'],
      ]);
      expect(agreement.keyClauses[1]?.span.start).toBe(agreement.markdown.indexOf('Quoted'));
    });

    it('ignores bold in headings and code', () => {
      expect(parse('# **Bold** title\n\n    **indented code**\n\n`**code**`\n').keyClauses).toEqual([]);
    });
  });

  describe('tags', () => {
    const tagsOf = (text: string) => parse(`**${text}**`).keyClauses[0]?.tags;

    it.each([
      'Users under 18 need consent.',
      'If you are under the age of 16, stop.',
      'Persons under sixteen may not register.',
      'A parent or legal guardian must agree.',
      'Parental consent is required.',
      'We do not knowingly collect data from children.',
      'Minors may not use the call center.',
      'Until you reach the age of majority.',
    ])('tags "%s" as about minors', (text) => {
      expect(tagsOf(text)).toEqual(['minors']);
    });

    it.each([
      'We may make minor changes without notice.',
      'Our parent company may process the data.',
      'Refunds are issued under 30 days.',
      'The Software is provided as is.',
    ])('does not tag "%s"', (text) => {
      expect(tagsOf(text)).toEqual([]);
    });

    it('lets the app replace the English-only tagger', () => {
      const seen: unknown[] = [];
      const french = '# Mineurs\n\n**Si vous avez moins de 18 ans, lisez avec un tuteur.**\n\n**Autre.**';
      const agreement = parse(french, {
        language: 'fr',
        tagClause: ({ text, sectionTitle }) => {
          seen.push(sectionTitle);
          return /\b(mineurs?|tuteur|moins de 18 ans)\b/i.test(text) ? ['minors', 'minors'] : [];
        },
      });
      expect(agreement.keyClauses.map((c) => c.tags)).toEqual([['minors'], []]);
      expect(seen).toEqual(['Mineurs', 'Mineurs']);
      const untagged = parse('**Under 18s need a guardian.**', { tagClause: () => [] });
      expect(untagged.keyClauses[0]?.tags).toEqual([]);
    });

    it('exports the default tagger so an app can extend it', () => {
      expect(defaultTagClause({ text: 'Ask a guardian.' })).toEqual(['minors']);
    });

    it('says what a tagger must return', () => {
      expect(() => parse('**x**', { tagClause: (() => 'minors') as never })).toThrow(
        /`tagClause` must return an array of tags .* it returned "minors" for clause "preamble--p1"/,
      );
    });
  });

  describe('title, language and effective date', () => {
    it('takes the title given, else the first level-1 heading, else the id', () => {
      expect(parse(TERMS, { title: ' Terms ' }).title).toBe('Terms');
      expect(parse('## Sub\n\n#\n\n# Main\n').title).toBe('Main');
      expect(parse('Just text.').title).toBe('instadesk-terms');
    });

    it('keeps the language and a valid effective date', () => {
      expect(parse('x', { language: 'fr-CA', effectiveDate: '2024-02-29' })).toMatchObject({
        language: 'fr-CA',
        effectiveDate: '2024-02-29',
      });
    });
  });

  describe('given bad input', () => {
    const md = '# T\n';
    it.each([
      [
        'a string',
        'terms' as never,
        'invalid-input',
        /expects an object \{ id, version, markdown \}, got "terms"/,
      ],
      ['null', null as never, 'invalid-input', /got null/],
      [
        'no id',
        { version: '1', markdown: md },
        'invalid-id',
        /`id` must be a non-empty string, e\.g\. "instadesk-terms"; got undefined/,
      ],
      [
        'an empty id',
        { id: ' ', version: '1', markdown: md },
        'invalid-id',
        /`id` must be a non-empty string/,
      ],
      [
        'a numeric version',
        { id: 'a', version: 3, markdown: md },
        'invalid-version',
        /`version` must be a non-empty string, e\.g\. "2024-05-01" or "3"; got number 3/,
      ],
      [
        'no markdown',
        { id: 'a', version: '1' },
        'invalid-markdown',
        /`markdown` must be the agreement's text as a string; got undefined for agreement "a" version "1"/,
      ],
      [
        'a bad title',
        { id: 'a', version: '1', markdown: md, title: 1 },
        'invalid-title',
        /`title` must be a string/,
      ],
      [
        'an empty language',
        { id: 'a', version: '1', markdown: md, language: '' },
        'invalid-language',
        /`language` must be a BCP 47 tag .* got an empty string/,
      ],
      [
        'a bad date format',
        { id: 'a', version: '1', markdown: md, effectiveDate: '1 May 2024' },
        'invalid-effective-date',
        /`effectiveDate` must be a calendar date written YYYY-MM-DD, e\.g\. "2024-05-01"; got "1 May 2024"/,
      ],
      [
        'an impossible date',
        { id: 'a', version: '1', markdown: md, effectiveDate: '2023-02-29' },
        'invalid-effective-date',
        /YYYY-MM-DD/,
      ],
      [
        'a tagger that is not a function',
        { id: 'a', version: '1', markdown: md, tagClause: 'minors' },
        'invalid-tag-clause',
        /`tagClause` must be a function/,
      ],
    ])('given %s, throws a clear AgreementError', (_, input, code, message) => {
      const error = (() => {
        try {
          parseAgreement(input as AgreementInput);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(AgreementError);
      expect(error).toMatchObject({ name: 'AgreementError', code });
      expect((error as Error).message).toMatch(message);
    });

    it('says how to fix an agreement that is empty once canonicalised', () => {
      expect(() => parseAgreement({ id: 'x', version: 'y', markdown: '\uFEFF \r\n\t\n' })).toThrow(
        new AgreementError(
          'empty-agreement',
          'The agreement "x" version "y" is empty: pass its markdown text in `markdown`.',
        ),
      );
    });
  });

  describe('given large or deeply nested input', () => {
    // Stress sizes (5 MB, thousands of levels) are measured by `bench/parse.bench.ts`, not here.
    it('parses ten copies of the agreement in pieces, with counts that scale', () => {
      const copies = 10;
      const big = parse(Array.from({ length: copies }, () => TERMS).join('\n'));
      const one = parse(TERMS);
      expect(big.markdown.length).toBeGreaterThan(300_000);
      expect(big.sections).toHaveLength(copies * one.sections.length);
      expect(big.keyClauses).toHaveLength(copies * one.keyClauses.length);
      expect(new Set(ids(big)).size).toBe(big.keyClauses.length);
      // The last copy's clauses stand where the first copy's do, shifted by the copies before it.
      const shift = (copies - 1) * (one.markdown.length + 1);
      const lines = (copies - 1) * one.markdown.split('\n').length;
      expect(big.keyClauses.slice(-one.keyClauses.length).map((c) => c.span)).toEqual(
        one.keyClauses.map(({ span }) => ({
          start: span.start + shift,
          end: span.end + shift,
          line: span.line + lines,
        })),
      );
      expect(big.keyClauses.at(-1)?.id).toBe(`${TERMINATION}-${copies}--1-4`);
    });

    it('gives the same tree and walk in pieces as in one parse, whatever the blocks', () => {
      // Pieces of 256 units or 8 lines instead of 16 KiB or 256 lines: the same rules, small inputs.
      const CHUNK = 256;
      const LINES = 8;
      const fragment = fc.constantFrom(
        '# Heading',
        '## Sub **heading**',
        'Plain paragraph text.',
        '**Bold paragraph** and a tail.',
        'Lazy\ncontinuation with **bold**',
        '- item **b**\n  - nested **n**\n- plain',
        '- a\n\n  continued **para**',
        '1. one\n2. **two**',
        '3. **three**',
        '> quoted **q**\nlazy line',
        '>',
        '    indented **code**',
        'Setext **s**\n===',
        '---',
        '1\\. escaped **number**',
        '2.4 Numbered **clause**',
        '2024 was a **year**.',
        '*',
        '* * *',
        '+ plus **item**\n\n\tcode after a tab',
        '   # indented heading',
        '#not a heading',
        'Text\n---',
        '1)',
        '-\n\n  **empty start**',
        '# Heading right after\n- a list',
        '- tight\n- list\n# heading',
        '> quote\n# heading',
        'para\n# heading\n===',
        '    code\n# heading',
        '- a\n- b\n- c',
        '* star\n* items',
        '+ plus',
        '4. four\n5. five\n6) paren',
        '1. one\n   - nested\n\n   para\n2. two',
        'Text then\n7. lazy\n8. lazier',
        '- loose\n\n- items\n\n\n- far',
        '- item\n  - nested\n\n  - nested loose',
        '- a\n\n      indented code in item',
        '> - quoted list\n> - more',
        'See [ref] and [Other *ref*][o].',
        '   Three spaces **in**',
        `Filler ${'lorem ipsum '.repeat(40)}`,
      );
      // Constructs that reach across blank lines or the whole text.
      const global = fc.constantFrom(
        '```\n# not a heading\n\n**in code**\n- nor a list\n```',
        '~~~\n\n# not a heading either\n\n~~~',
        '[ref]: https://x.test\n\n[ref] **linked**',
        '- [o]: https://o.test\n\n[o] used',
        '```\nnever closed\n\n# still code',
      );
      const separator = fc.constantFrom('\n', '\n\n', '\n\n\n');
      const doc = fc
        .tuple(
          fc.array(fc.tuple(fragment, separator), { minLength: 5, maxLength: 40 }),
          fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: global, weight: 2 }),
          fc.nat(),
        )
        .map(([parts, odd, at]) => {
          const blocks = parts.map(([text, sep]) => text + sep);
          if (odd) blocks.splice(at % blocks.length, 0, `${odd}\n\n`);
          let text = blocks.join('');
          while (text.length < 4 * CHUNK) text += `\n\n${blocks.join('')}`;
          return canonicalizeAgreement(text);
        });
      let cut = 0;
      const numRuns = Number(process.env.PIECES_RUNS ?? 40);
      fc.assert(
        fc.property(doc, (markdown) => {
          // The tree the view renders, node by node and position by position, and the walk of it
          // (spans, texts, bold parts, ordinals) equal those of one parse.
          const { root: pieces, starts } = parsePieces(markdown, CHUNK, LINES);
          if (starts.length > 1) cut++;
          expect(JSON.stringify(pieces)).toBe(JSON.stringify(fromMarkdown(markdown)));
          const flat = ({ sections, blocks }: ReturnType<typeof walk>) =>
            JSON.stringify([
              sections,
              blocks.map((b) => [
                b.kind,
                blocks.indexOf(b.parent as never),
                b.section,
                b.ordinal,
                b.span,
                b.text.join(''),
                b.bold,
                b.hasStrong,
              ]),
            ]);
          expect(flat(walk(markdown, undefined, pieces))).toBe(
            flat(walk(markdown, undefined, fromMarkdown(markdown))),
          );
          let agreement: Agreement;
          try {
            agreement = parse(markdown);
          } catch (error) {
            // Ordered fragments can join into a list whose written numbers are not those shown.
            expect(error).toMatchObject({ code: 'hidden-text' });
            return;
          }
          expect(spans(agreement)).toEqual(oracle(agreement.markdown));
        }),
        { numRuns },
      );
      // Nearly every document was indeed parsed in pieces, fences and definitions included (not
      // one whose fence, never closed, runs from near its start to its end).
      expect(cut).toBeGreaterThan(numRuns / 2);
    });

    it('walks lists and quotes nested to the limit, and deeper when it is raised, without a RangeError', () => {
      const atLimit = parse(`${'- '.repeat(16)}**deep**\n`);
      expect(atLimit.keyClauses[0]?.id).toBe(`preamble--${Array(16).fill('p1').join('--')}`);

      const lists = parse(`${'- '.repeat(300)}**deep**\n`, { limits: { maxDepth: 300 } });
      expect(lists.keyClauses).toHaveLength(1);
      expect(lists.keyClauses[0]?.id).toBe(`preamble--${Array(300).fill('p1').join('--')}`);

      const quotes = parse(`${'>'.repeat(2_000)} **deep**\n`, {
        limits: { maxDepth: 2_000, maxComplexity: 100_000 },
      });
      expect(quotes.keyClauses.map((c) => c.text)).toEqual(['deep']);

      const indented = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- **level ${i}**`);
      expect(parse(indented.join('\n'), { limits: { maxDepth: 100 } }).keyClauses).toHaveLength(100);
    });

    it('walks deeply nested bold and emphasis, once the limit is raised, without a RangeError', () => {
      const agreement = parse(`${'*a '.repeat(300)}**x**${' a*'.repeat(300)}\n`, {
        limits: { maxDepth: 400, maxInlineMarksPerBlock: 2_000 },
      });
      expect(agreement.keyClauses).toHaveLength(1);
      expect(agreement.keyClauses[0]?.boldText).toBe('x');
    });
  });
});

describe('keyClauseAt', () => {
  const agreement = parse(TERMS);
  const at = (offset: number) => keyClauseAt(agreement, offset)?.id;

  it('finds the clause of every bold node, by the offset react-markdown reports', () => {
    const strongs: number[] = [];
    const visit = (node: Nodes): void => {
      if (node.type === 'strong') strongs.push(node.position?.start.offset ?? -1);
      if ('children' in node) node.children.forEach(visit);
    };
    visit(fromMarkdown(agreement.markdown));
    const found = strongs.map((offset) => keyClauseAt(agreement, offset));
    expect(found.every((c, i) => c && c.span.start <= (strongs[i] ?? -1))).toBe(true);
    expect(new Set(found).size).toBe(agreement.keyClauses.length);
    for (const c of agreement.keyClauses) expect(keyClauseAt(agreement, c.span.start)).toBe(c);
  });

  it('finds the innermost clause where clauses nest', () => {
    const nested = clause(agreement, `${TERMINATION}--1-3--2`);
    expect(at(nested.span.start + 5)).toBe(nested.id);
    expect(at(nested.span.end - 1)).toBe(nested.id);
    // Between two nested items: still inside the parent item.
    expect(at(nested.span.end)).toBe(`${TERMINATION}--1-3`);
    // A plain nested item of a bold item, and the bold paragraph after the nested list.
    const callCenter = '2-account-usage-standards--2-4';
    expect(at(agreement.markdown.indexOf('1\\) Ensure that the source'))).toBe(callCenter);
    expect(at(agreement.markdown.indexOf('If you violate the above'))).toBe(callCenter);
  });

  it('finds nothing outside key clauses', () => {
    expect(at(0)).toBeUndefined();
    expect(at(agreement.markdown.indexOf('- 1.1 Any copying'))).toBeUndefined();
    expect(at(-1)).toBeUndefined();
    expect(at(Number.NaN)).toBeUndefined();
    expect(at(agreement.markdown.length)).toBeUndefined();
  });

  it('works on an agreement that went through JSON', () => {
    const revived = JSON.parse(JSON.stringify(agreement)) as Agreement;
    const offset = agreement.markdown.indexOf('If you are under 18');
    expect(keyClauseAt(revived, offset)?.id).toBe('instadesk-terms-and-conditions--p4');
  });
});

describe('sectionAt', () => {
  const agreement = parse(TERMS);

  it('finds the section of every key clause', () => {
    for (const c of agreement.keyClauses) {
      expect(sectionAt(agreement, c.span.start)?.id).toBe(c.sectionId);
    }
  });

  it('finds the heading itself, and nothing before the first heading or past the end', () => {
    const heading = agreement.sections[5];
    expect(heading && sectionAt(agreement, heading.span.start)).toBe(heading);
    expect(sectionAt(agreement, agreement.markdown.length)).toBeUndefined();
    expect(sectionAt(parse('Preamble.\n\n# A\n'), 0)).toBeUndefined();
    expect(sectionAt(parse('Preamble.\n\n# A\n'), 12)?.id).toBe('a');
  });
});
