import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgreementError, blocksOf, parseAgreement } from './agreement';
import { diffAgreements, wordChanges } from './diff';
import type { ClauseChange, ClauseChanged, WordChange } from './diff';
import { FIVE_CHANGES, withFiveChanges } from './diff.fixtures';
import type { Agreement } from './types';

const TERMS = readFileSync(new URL('../../agreements/instadesk-terms.md', import.meta.url), 'utf8');

const parse = (markdown: string, version: string, id = 'instadesk-terms'): Agreement =>
  parseAgreement({ id, version, markdown });

const v1 = parse(TERMS, '2024-05-01');

/** Edits the default agreement, failing loudly when the text to edit is not there. */
function edit(find: string, replace: string, markdown = TERMS): string {
  expect(markdown).toContain(find);
  return markdown.replace(find, replace);
}

const spell = (words: readonly WordChange[], side: 'removed' | 'added') =>
  words
    .filter((w) => w.kind === 'equal' || w.kind === side)
    .map((w) => w.text)
    .join('');

const brief = (changes: readonly ClauseChange[]) =>
  changes.map((c) => ({ kind: c.kind, id: c.id, isKeyClause: c.isKeyClause }));

function changed(changes: readonly ClauseChange[], id: string): ClauseChanged {
  const found = changes.find((c): c is ClauseChanged => c.kind === 'changed' && c.id === id);
  if (!found) throw new Error(`no changed clause "${id}" in ${JSON.stringify(brief(changes))}`);
  return found;
}

describe('diffAgreements', () => {
  describe('given the default agreement and a version with five changes', () => {
    const v2 = parse(withFiveChanges(TERMS), '2024-09-01');
    const diff = diffAgreements(v1, v2);

    it('names the two versions compared', () => {
      expect(diff.from).toEqual({ id: 'instadesk-terms', version: '2024-05-01' });
      expect(diff.to).toEqual({ id: 'instadesk-terms', version: '2024-09-01' });
    });

    it('reports exactly those five changes, with their kinds and ids, in document order', () => {
      expect(brief(diff.changes)).toEqual(
        FIVE_CHANGES.map(({ kind, id, isKeyClause }) => ({ kind, id, isKeyClause })),
      );
      expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 3 });
    });

    it('says key clauses changed (II 2.4 and III 2.3 are bold)', () => {
      expect(diff.keyClausesChanged).toBe(true);
    });

    it('lists the sections to re-read, in document order', () => {
      expect(diff.changedSectionIds).toEqual([
        'instadesk-terms-and-conditions',
        '1-declaration-of-intellectual-property-rights',
        '2-scope-of-software-licenses',
        '2-account-usage-standards',
        'v-rights-and-obligations',
      ]);
    });

    it('gives each changed clause its word-level changes', () => {
      expect(changed(diff.changes, '2-scope-of-software-licenses--2-4').words).toEqual([
        { kind: 'equal', text: expect.stringMatching(/^2\.4 The Software .* we do not $/) },
        { kind: 'removed', text: 'guarantee' },
        { kind: 'added', text: 'warrant' },
        { kind: 'equal', text: expect.stringMatching(/^ that the Software product /) },
      ]);
      expect(changed(diff.changes, '2-account-usage-standards--2-3').words).toEqual([
        { kind: 'equal', text: expect.stringMatching(/to make corrections within $/) },
        { kind: 'removed', text: 'a specified period' },
        { kind: 'added', text: '15 days' },
        { kind: 'equal', text: expect.stringMatching(/^ or suspending your use\./) },
      ]);
      expect(changed(diff.changes, '1-declaration-of-intellectual-property-rights--1-1').words).toEqual([
        { kind: 'equal', text: expect.stringMatching(/is considered an infringement$/) },
        { kind: 'added', text: ' of our rights' },
        { kind: 'equal', text: '.' },
      ]);
    });

    it('spells both versions of each changed clause from its word changes', () => {
      for (const change of diff.changes) {
        if (change.kind !== 'changed') continue;
        expect(spell(change.words, 'removed')).toBe(change.previousText);
        expect(spell(change.words, 'added')).toBe(change.text);
        expect(change.previousId).toBe(change.id);
        expect(change.keyClauseStatusChanged).toBe(false);
      }
    });

    it('points each change at its place in the markdown of its version', () => {
      const added = diff.changes[0];
      expect(added).toMatchObject({
        kind: 'added',
        blockType: 'paragraph',
        sectionId: 'instadesk-terms-and-conditions',
      });
      if (added?.kind !== 'added') throw new Error('expected an added paragraph first');
      expect(v2.markdown.slice(added.span.start, added.span.end)).toBe(
        'This version replaces the terms dated 1 January 2023.',
      );
      expect(added.span.line).toBe(5);

      const removed = diff.changes[4];
      if (removed?.kind !== 'removed') throw new Error('expected a removed item last');
      expect(removed).toMatchObject({
        blockType: 'listItem',
        text: '5) Lottery with prizes and gambling games;',
        sectionId: 'v-rights-and-obligations',
        sectionTitle: 'V. Rights and Obligations',
      });
      expect(v1.markdown.slice(removed.previousSpan.start, removed.previousSpan.end)).toBe(
        '- 5\\) Lottery with prizes and gambling games;',
      );

      const key = changed(diff.changes, '2-scope-of-software-licenses--2-4');
      expect(v2.markdown.slice(key.span.start, key.span.end)).toMatch(/^- 2\.4 \*\*The Software/);
      expect(v1.markdown.slice(key.previousSpan.start, key.previousSpan.end)).toContain(
        'we do not guarantee',
      );
      expect(key).toMatchObject({ sectionTitle: '2. Scope of software licenses' });
    });

    it('does not report the preamble paragraphs whose ordinal ids shifted', () => {
      // "Unless you have read…" was preamble--p3 and is now preamble--p4: same text, no change.
      const ids = blocksOf(v2).map((b) => b.id);
      expect(ids).toContain('instadesk-terms-and-conditions--p5');
      expect(diff.changes.map((c) => c.id)).not.toContain('instadesk-terms-and-conditions--p3');
    });
  });

  describe('given two versions with the same text', () => {
    it('reports no changes for the same agreement twice', () => {
      expect(diffAgreements(v1, parse(TERMS, '2024-05-01'))).toEqual({
        from: { id: 'instadesk-terms', version: '2024-05-01' },
        to: { id: 'instadesk-terms', version: '2024-05-01' },
        changes: [],
        keyClausesChanged: false,
        changeKind: 'none',
        summary: { added: 0, removed: 0, changed: 0 },
        changedSectionIds: [],
      });
    });

    it('reports no changes when only the line endings differ (CRLF)', () => {
      const crlf = parse(TERMS.replace(/\n/g, '\r\n'), '2024-05-02');
      const diff = diffAgreements(v1, crlf);
      expect(diff.changes).toEqual([]);
      expect(diff.to.version).toBe('2024-05-02');
    });

    it('reports no changes when only line wrapping and italics differ', () => {
      const rewrapped = edit(
        '- 1.1 Any copying, selling, transferring, renting, or modifying the software',
        '- 1.1 Any copying, selling, transferring, renting,\n  or modifying the *software*',
      );
      const diff = diffAgreements(v1, parse(rewrapped, '2024-05-02'));
      expect(diff.changes).toEqual([]);
      expect(diff.keyClausesChanged).toBe(false);
    });
  });

  describe('given a change to a clause that is not a key clause only', () => {
    it('says no key clause changed', () => {
      const v2 = parse(edit('considered an infringement.', 'considered a breach.'), '2');
      const diff = diffAgreements(v1, v2);
      expect(brief(diff.changes)).toEqual([
        {
          kind: 'changed',
          id: '1-declaration-of-intellectual-property-rights--1-1',
          isKeyClause: false,
        },
      ]);
      expect(diff.keyClausesChanged).toBe(false);
    });
  });

  describe('given a clause that became, or stopped being, a key clause', () => {
    it('reports bold added to a whole clause as a change of key status, words unchanged', () => {
      const v2 = parse(
        edit('- 2.3 Reserved rights: all other rights', '- 2.3 **Reserved rights:** all other rights'),
        '2',
      );
      const diff = diffAgreements(v1, v2);
      expect(diff.changes).toHaveLength(1);
      const change = changed(diff.changes, '2-scope-of-software-licenses--2-3');
      expect(change).toMatchObject({ isKeyClause: true, keyClauseStatusChanged: true });
      expect(change.words).toEqual([{ kind: 'equal', text: change.text }]);
      expect(diff.keyClausesChanged).toBe(true);
    });

    it('reports bold removed from a key clause the same way', () => {
      const v2 = parse(
        edit(
          '- 3.3 **The commercial acts occurring with this authorized software are your own responsibility, and all disputes arising from the commercial acts using this software have nothing to do with us.**',
          '- 3.3 The commercial acts occurring with this authorized software are your own responsibility, and all disputes arising from the commercial acts using this software have nothing to do with us.',
        ),
        '2',
      );
      const diff = diffAgreements(v1, v2);
      expect(diff.changes).toHaveLength(1);
      expect(changed(diff.changes, '3-user-instruments--3-3')).toMatchObject({
        isKeyClause: false,
        keyClauseStatusChanged: true,
      });
      expect(diff.keyClausesChanged).toBe(true);
    });
  });

  describe('given clauses removed, renumbered and retitled', () => {
    it('pairs a renumbered clause with its old number, and reports the clause removed before it', () => {
      const removed = edit(
        '- 2.3 Reserved rights: all other rights not expressly authorized still belong to us, you must additionally obtain our written consent when using other rights.\n\n',
        '',
      );
      const v2 = parse(edit('- 2.4 **The Software', '- 2.3 **The Software', removed), '2');
      const diff = diffAgreements(v1, v2);
      expect(brief(diff.changes)).toEqual([
        { kind: 'removed', id: '2-scope-of-software-licenses--2-3', isKeyClause: false },
        { kind: 'changed', id: '2-scope-of-software-licenses--2-3', isKeyClause: true },
      ]);
      const renumbered = diff.changes[1] as ClauseChanged;
      expect(renumbered.previousId).toBe('2-scope-of-software-licenses--2-4');
      expect(renumbered.words.slice(0, 4)).toEqual([
        { kind: 'equal', text: '2.' },
        { kind: 'removed', text: '4' },
        { kind: 'added', text: '3' },
        { kind: 'equal', text: expect.stringMatching(/^ The Software is provided/) },
      ]);
    });

    it('reports a renamed heading once, not every clause whose id follows the section slug', () => {
      const v2 = parse(edit('### 3. User instruments', '### 3. User instructions'), '2');
      const diff = diffAgreements(v1, v2);
      expect(diff.changes).toEqual([
        expect.objectContaining({
          kind: 'changed',
          blockType: 'heading',
          id: '3-user-instructions',
          previousId: '3-user-instruments',
          previousText: '3. User instruments',
          text: '3. User instructions',
          sectionId: '3-user-instructions',
        }),
      ]);
      expect(diff.changedSectionIds).toEqual(['3-user-instructions']);
      expect(diff.keyClausesChanged).toBe(false);
    });

    it('reports a paragraph replaced by an unrelated one as removed and added', () => {
      const v2 = parse(
        edit('Welcome to use this software and services!', 'Read these terms before you sign up.'),
        '2',
      );
      expect(brief(diffAgreements(v1, v2).changes)).toEqual([
        { kind: 'changed', id: 'instadesk-terms-and-conditions--p1', isKeyClause: false },
      ]);
      // Same id, so the same clause edited; a different place makes it removed plus added:
      const moved = parse(
        edit(
          'Welcome to use this software and services!\n\n',
          '',
          edit('## VIII. Other\n', '## VIII. Other\n\nWelcome to use this software and services!\n'),
        ),
        '3',
      );
      const diff = diffAgreements(v1, moved);
      expect(diff.changes.map((c) => [c.kind, c.id])).toEqual([
        ['removed', 'instadesk-terms-and-conditions--p1'],
        ['added', 'viii-other--p1'],
      ]);
      expect(diff.changedSectionIds).toEqual(['instadesk-terms-and-conditions', 'viii-other']);
    });

    it('places removed clauses where they were: before anything added in their place', () => {
      const v2 = parse(
        edit(
          '- 2.2 You have based',
          '- 2.2 New text entirely about something else altogether.\n\n- 2.9 You have based',
          edit(
            '- 2.1 We will provide the Licensed software to you, and you are entitled to a non-exclusive, time-limited right to use the software in accordance with the law, and the term and scope of the license shall be subject to the agreement in the relevant contract signed between you and us.\n\n',
            '',
          ),
        ),
        '2',
      );
      const diff = diffAgreements(v1, v2);
      expect(diff.changes.map((c) => [c.kind, c.id])).toEqual([
        ['removed', '2-scope-of-software-licenses--2-1'],
        ['added', '2-scope-of-software-licenses--2-2'],
        ['changed', '2-scope-of-software-licenses--2-9'],
      ]);
    });
  });

  describe('given arguments that are not two versions of one agreement', () => {
    it('throws when the ids differ', () => {
      const other = parse(TERMS, '2024-05-01', 'privacy-policy');
      expect(() => diffAgreements(v1, other)).toThrow(
        new AgreementError(
          'different-agreements',
          'diffAgreements compares two versions of one agreement: got ids "instadesk-terms" and "privacy-policy".',
        ),
      );
      try {
        diffAgreements(v1, other);
      } catch (error) {
        expect(error).toBeInstanceOf(AgreementError);
        expect((error as AgreementError).code).toBe('different-agreements');
      }
    });

    it('throws a clear error for something that is not an Agreement', () => {
      expect(() => diffAgreements(v1, undefined as unknown as Agreement)).toThrow(
        /expects two Agreements from parseAgreement; `current` is undefined/,
      );
      expect(() => diffAgreements({ id: 'x' } as unknown as Agreement, v1)).toThrow(
        /`previous` is an object without a string id, version and markdown/,
      );
    });

    it('compares two texts that claim the same version all the same', () => {
      const v2 = parse(edit('considered an infringement.', 'considered a breach.'), '2024-05-01');
      expect(diffAgreements(v1, v2).summary).toEqual({ added: 0, removed: 0, changed: 1 });
    });
  });
});

describe('blocksOf (what diffAgreements compares)', () => {
  const blocks = blocksOf(v1);

  it('gives key clauses exactly the ids parseAgreement gives them', () => {
    expect(blocks.filter((b) => b.isKeyClause).map((b) => b.id)).toEqual(v1.keyClauses.map((c) => c.id));
  });

  it('lists every heading, paragraph and list item once, in document order, with unique ids', () => {
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.id)).toEqual(v1.sections.map((s) => s.id));
    expect(new Set(blocks.map((b) => b.id)).size).toBe(blocks.length);
    const starts = blocks.map((b) => b.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('keeps unique ids when two blocks of a section carry the same number', () => {
    const twice = blocksOf(parse('# T\n\n- 1.1 one\n\n- 1.1 **two**\n\n- 1.1 three\n', '1'));
    expect(twice.map((b) => b.id)).toEqual(['t', 't--1-1_2', 't--1-1', 't--1-1_3']);
  });
});

describe('wordChanges', () => {
  const word = fc.constantFrom('the', 'a', 'we', 'you', 'shall', 'not', '15', 'days', ',', '.');
  const text = fc.array(word, { maxLength: 12 }).map((words) => words.join(' ').replace(/ ([,.])/g, '$1'));

  it('spells both texts exactly, with no empty piece and no two equal pieces in a row', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const words = wordChanges(before, after);
        expect(spell(words, 'removed')).toBe(before);
        expect(spell(words, 'added')).toBe(after);
        words.forEach((w, i) => {
          expect(w.text).not.toBe('');
          if (i > 0) expect(w.kind === 'equal' && words[i - 1]?.kind === 'equal').toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('spells any two strings exactly, whatever their spacing', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '  ', '\n', '.', 'é');
    const messy = fc.string({ unit, maxLength: 30 });
    fc.assert(
      fc.property(messy, messy, (before, after) => {
        const words = wordChanges(before, after);
        expect(spell(words, 'removed')).toBe(before);
        expect(spell(words, 'added')).toBe(after);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a changed word as a whole word in every script written with spaces', () => {
    // Arabic: "users" → "subscribers"; split into letters, its letters would not join either.
    expect(wordChanges('يحق للمستخدمين الإلغاء', 'يحق للمشتركين الإلغاء')).toEqual([
      { kind: 'equal', text: 'يحق ' },
      { kind: 'removed', text: 'للمستخدمين' },
      { kind: 'added', text: 'للمشتركين' },
      { kind: 'equal', text: ' الإلغاء' },
    ]);
    expect(wordChanges('Пользователь может отказаться.', 'Подписчик может отказаться.')).toEqual([
      { kind: 'removed', text: 'Пользователь' },
      { kind: 'added', text: 'Подписчик' },
      { kind: 'equal', text: ' может отказаться.' },
    ]);
    expect(wordChanges('Ο χρήστης συμφωνεί.', 'Ο συνδρομητής συμφωνεί.')).toContainEqual({
      kind: 'removed',
      text: 'χρήστης',
    });
    expect(wordChanges('आप सहमत हैं।', 'आप असहमत हैं।')).toEqual([
      { kind: 'equal', text: 'आप ' },
      { kind: 'removed', text: 'सहमत' },
      { kind: 'added', text: 'असहमत' },
      { kind: 'equal', text: ' हैं।' },
    ]);
  });

  it('compares Chinese, Japanese and Thai character by character (they put no spaces between words)', () => {
    expect(wordChanges('我们不承担责任', '我们承担责任')).toEqual([
      { kind: 'equal', text: '我们' },
      { kind: 'removed', text: '不' },
      { kind: 'equal', text: '承担责任' },
    ]);
    expect(wordChanges('ผู้ใช้ยอมรับ', 'ผู้ใช้ปฏิเสธ')).toEqual([
      { kind: 'equal', text: 'ผู้ใช้' },
      { kind: 'removed', text: 'ยอมรับ' },
      { kind: 'added', text: 'ปฏิเสธ' },
    ]);
  });

  it('reads a replaced phrase as one removal and one addition', () => {
    expect(wordChanges('the big red dog ran home', 'the small blue cat ran home')).toEqual([
      { kind: 'equal', text: 'the ' },
      { kind: 'removed', text: 'big red dog' },
      { kind: 'added', text: 'small blue cat' },
      { kind: 'equal', text: ' ran home' },
    ]);
  });
});

describe('diffAgreements: what shows differently with the same words', () => {
  const small = (markdown: string, version: string) => parseAgreement({ id: 't', version, markdown });
  const kinds = (a: string, b: string) =>
    diffAgreements(small(a, '1'), small(b, '2')).changes.map((c) => `${c.kind} ${c.id}`);

  it("reports a link's new destination, the words in bold moved, a list renumbered and a heading moved a level", () => {
    expect(
      kinds(
        '# T\n\nYou accept the [Privacy Policy](https://example.com/privacy-2023).\n',
        '# T\n\nYou accept the [Privacy Policy](https://example.com/privacy-2025).\n',
      ),
    ).toEqual(['changed t--p1']);
    expect(
      kinds(
        '# T\n\nYou accept the [Privacy Policy][p].\n\n[p]: https://example.com/privacy-2023\n',
        '# T\n\nYou accept the [Privacy Policy][p].\n\n[p]: https://example.com/privacy-2025\n',
      ),
    ).toEqual(['changed t--p1']);
    expect(
      kinds(
        '# T\n\n- 2.1 **We are not liable** for data loss, except as the law requires.\n',
        '# T\n\n- 2.1 We are not liable for data loss, **except as the law requires.**\n',
      ),
    ).toEqual(['changed t--2-1']);
    expect(
      kinds(
        '# T\n\n1. You may cancel.\n2. Fees are refundable.\n',
        '# T\n\n7. You may cancel.\n8. Fees are refundable.\n',
      ),
    ).toEqual(['changed t--7', 'changed t--8']);
    expect(kinds('# T\n\n## A\n\na\n\n### B\n\nb\n', '# T\n\n## A\n\na\n\n## B\n\nb\n')).toEqual([
      'changed b',
    ]);
  });

  it('places a change in a code block on the clause after it, or the last clause', () => {
    expect(
      kinds(
        '# T\n\nFees:\n\n    Monthly fee: 10 USD\n\nMore.\n',
        '# T\n\nFees:\n\n    Monthly fee: 99 USD\n\nMore.\n',
      ),
    ).toEqual(['changed t--p2']);
    expect(kinds('# T\n\nFees:\n\n```\n10 USD\n```\n', '# T\n\nFees:\n\n```\n99 USD\n```\n')).toEqual([
      'changed t--p1',
    ]);
  });

  it('reports a key clause whose plain-language summary changed, the text alone the same', () => {
    const body = '# T\n\n- 2.1 **We are not liable for data loss.**\n\n## Plain-language summaries\n\n';
    const diff = diffAgreements(
      small(`${body}- \`t--2-1\`: We pay if we lose your data, up to 100 USD.\n`, '1'),
      small(`${body}- \`t--2-1\`: We never pay for lost data.\n`, '2'),
    );
    expect([diff.changeKind, diff.changes.map((c) => `${c.kind} ${c.id}`)]).toEqual([
      'material',
      ['changed t--2-1'],
    ]);
  });

  it('lets a marking name a removed clause apart from the clause renumbered into its id', () => {
    const before = small(
      '# T\n\n## 2. Rights\n\n- 2.3 You may export your data, free.\n- 2.4 Prices change with notice.\n',
      '1',
    );
    const after = small('# T\n\n## 2. Rights\n\n- 2.3 Prices change with notice.\n', '2');
    const mark = (ids: string[]) =>
      diffAgreements(before, after, { minorChanges: { since: '1', ids } }).changes.map(
        (c) => `${c.kind} ${c.id} ${c.materiality}`,
      );
    // The renumbering is minor; the removal of the export right stays material.
    expect(mark(['2-rights--2-3'])).toContain('removed 2-rights--2-3 material');
    expect(mark(['2-rights--2-3']).filter((c) => c.endsWith(' minor'))).toHaveLength(1);
    expect(mark(['removed:2-rights--2-3'])).toContain('removed 2-rights--2-3 minor');
  });
});
