// The one catalogue: both languages have every text with the same placeholders, none empty, and
// the catalogue is plain data a Server Component can import and hand to a client component.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ar, defaultDescription, en, format, placeholders, zhCN, type ClickwrapMessages } from '.';

type Entry = { path: string; value: unknown };

/** Every leaf of a catalogue, with its dotted path. */
function leaves(node: unknown, prefix = ''): Entry[] {
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
  }
  return [{ path: prefix, value: node }];
}

/** The texts that take values, and the names of those values (as their types declare them). */
const PARAMS: Record<string, string[]> = {
  description: ['count'],
  descriptionAccepted: ['count'],
  descriptionDeclined: ['count'],
  reconsentDescription: ['count'],
  reconsentDescriptionChanges: ['count'],
  agreementLabel: ['title'],
  documentProgressLabel: ['title'],
  documentReachedEnd: ['title'],
  progressValue: ['percent'],
  documentKeyClausesHeading: ['title'],
  keyClausesCount: ['seen', 'total'],
  keyClausesSectionCount: ['seen', 'total'],
  birthDateHint: ['example'],
  guardianIntro: ['minimumAge'],
  assentLabel: ['title'],
  documentTitle: ['title'],
  receiptId: ['id'],
  reconsentUpdatedOn: ['date'],
  reconsentPreviouslyAccepted: ['version', 'date'],
  reconsentPreviousVersion: ['version'],
  changesCount: ['changed', 'added', 'removed'],
  changesSeenCount: ['seen', 'total'],
  changeRemovedFrom: ['section'],
  copyDownloadDocument: ['title'],
  'reasons.keyClauses': ['seen', 'total'],
  'reasons.passages': ['seen', 'total'],
  'reasons.documentEnd': ['title'],
  'reasons.documentKeyClauses': ['title', 'seen', 'total'],
  'reasons.documentPassages': ['title', 'seen', 'total'],
  'reasons.acknowledgement': ['label'],
  'reasons.acknowledgements': ['missing', 'total'],
  'reasons.assent': ['count'],
  'consentSettings.accepted': ['version', 'date'],
  'consentSettings.needsReconsent': ['version', 'date', 'current'],
  'consentSettings.minorChanges': ['version', 'date', 'current'],
  'consentSettings.acceptedThenWithdrawn': ['version', 'date', 'withdrawn'],
  'consentSettings.withdrawnOn': ['date'],
  'consentSettings.download': ['title', 'version'],
  'consentSettings.downloadFailed': ['title'],
  'consentSettings.optionalGranted': ['date'],
  'consentSettings.withdrawLabel': ['label'],
  'consentSettings.withdrawn': ['label'],
  'consentSettings.confirmText': ['documents'],
  'guardian.birthDateMissing': ['parts'],
  'guardian.birthDatePartsJoin': ['first', 'second'],
  'guardian.birthDateYearDigits': ['digits'],
  'guardian.birthDateTooOld': ['years'],
};

const catalogues: Array<[string, ClickwrapMessages]> = [
  ['en', en],
  ['zh-CN', zhCN],
  ['ar', ar],
];

describe('the message catalogue', () => {
  it('has the same keys in English and Simplified Chinese, each of the same kind', () => {
    const shape = (c: ClickwrapMessages) =>
      leaves(c).map(({ path, value }) => [
        path,
        typeof value === 'function' ? `function/${value.length}` : typeof value,
      ]);
    expect(shape(zhCN)).toEqual(shape(en));
    expect(shape(ar)).toEqual(shape(en));
    expect(leaves(en).length).toBeGreaterThan(100);
  });

  it.each(catalogues)(
    '%s: every text is a non-empty string with the placeholders its values name',
    (_, c) => {
      for (const { path, value } of leaves(c)) {
        expect(typeof value, path).toBe('string');
        expect((value as string).trim(), path).not.toBe('');
        expect(placeholders(value as string).sort(), path).toEqual([...(PARAMS[path] ?? [])].sort());
      }
    },
  );

  it('names its language in `locale`', () => {
    expect(en.locale).toBe('en');
    expect(zhCN.locale).toBe('zh-CN');
    expect(Intl.getCanonicalLocales([en.locale, zhCN.locale])).toEqual(['en', 'zh-CN']);
  });

  it('is plain data, so a Server Component can pass it as a prop', () => {
    expect(JSON.parse(JSON.stringify(en))).toEqual(en);
    expect(JSON.parse(JSON.stringify(zhCN))).toEqual(zhCN);
  });

  it('is importable on a server: no DOM, no React, no "use client"', () => {
    expect(typeof document).toBe('undefined');
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.test.'));
    expect(sources).toEqual(expect.arrayContaining(['en.ts', 'zh-CN.ts', 'format.ts', 'index.ts']));
    for (const file of sources) {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      expect(text, file).not.toMatch(/^\s*['"]use (client|server)['"]/m);
      const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const specifier of imports) expect(specifier, file).toMatch(/^\.\/[\w-]+$/);
    }
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(format(en.reasons.keyClauses, { seen: 2, total: 5 })).toBe(
      'Read every term that limits your rights (2 of 5 read so far).',
    );
    expect(format('{a} and {b}' as string, { a: 'x' })).toBe('x and {b}');
  });

  it('formats numbers and lists for the locale', () => {
    const m = '{n} items: {list}';
    expect(format(m, { n: 12345, list: ['a', 'b', 'c'] }, 'en')).toBe('12,345 items: a, b, and c');
    expect(format(m, { n: 12345, list: ['a', 'b', 'c'] }, 'de')).toBe('12.345 items: a, b und c');
    expect(format(m, { n: 3, list: ['甲', '乙', '丙'] }, 'zh-CN')).toBe('3 items: 甲、乙和丙');
  });

  it('writes numbers as they are without a locale, and falls back to English for an invalid tag', () => {
    expect(format('{n}', { n: 12345 })).toBe('12345');
    expect(format('{n} {list}', { n: 12345, list: ['a', 'b'] }, 'not a tag!')).toBe('12,345 a and b');
  });

  it('chooses a count’s plural form for the locale: one and other in English', () => {
    const read = (seen: number, total: number) => format(en.changesSeenCount, { seen, total }, 'en');
    expect(read(1, 1)).toBe('1 of 1 changed passage read');
    expect(read(0, 2)).toBe('0 of 2 changed passages read');
    expect(read(0, 1000)).toBe('0 of 1,000 changed passages read');
  });

  it('chooses among Arabic’s six forms: zero, one, two, few, many and other', () => {
    const passages = (total: number, locale = 'ar') =>
      format(ar.changesSeenCount, { seen: 0, total }, locale).replace(/^تمت قراءة 0 من /, '');
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => passages(n))).toEqual([
      '0 مقطع متغيّر',
      'مقطع متغيّر واحد',
      'مقطعين متغيّرين',
      '3 مقاطع متغيّرة',
      '10 مقاطع متغيّرة',
      '11 مقطعًا متغيّرًا',
      '99 مقطعًا متغيّرًا',
      '100 مقطع متغيّر',
      '102 مقطع متغيّر',
    ]);
    expect(format(ar.guardianIntro, { minimumAge: 18 }, 'ar')).toMatch(/^عمرك أقل من 18 سنة\. /);
    expect(format(ar.guardianIntro, { minimumAge: 3 }, 'ar')).toMatch(/^عمرك أقل من 3 سنوات\. /);
    // The number in the locale's digits.
    expect(format(ar.guardianIntro, { minimumAge: 13 }, 'ar-EG')).toMatch(/^عمرك أقل من ١٣ سنة\. /);
  });

  it('takes `=n` before the category, `other` for what it lacks, and English rules without a locale', () => {
    const m = '{n, plural, =0 {none} one {# item ({label})} other {# items}}';
    expect(format(m, { n: 0, label: 'x' }, 'en')).toBe('none');
    expect(format(m, { n: 1, label: 'x' }, 'en')).toBe('1 item (x)');
    expect(format(m, { n: 2, label: 'x' }, 'ar')).toBe('2 items');
    expect(format(m, { n: 1, label: 'x' })).toBe('1 item (x)');
    expect(format(m, { label: 'x' } as never, 'en')).toBe(m);
    expect(placeholders(m)).toEqual(['n', 'label']);
  });

  it.each(catalogues)('%s: each plural has a form for every plural category of its language', (_, c) => {
    const categories = new Intl.PluralRules(c.locale).resolvedOptions().pluralCategories;
    const plurals = leaves(c).flatMap(({ value }) => [
      ...String(value).matchAll(
        /\{\w+,\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*(?:\{\w+\}[^{}]*)*\})+)\s*\}/g,
      ),
    ]);
    for (const [whole, branches] of plurals) {
      const forms = [...branches!.matchAll(/(zero|one|two|few|many|other)\s*\{/g)].map((m) => m[1]);
      expect(forms, whole).toEqual(expect.arrayContaining([...categories]));
    }
    if (c.locale !== 'zh-CN') expect(plurals.length).toBeGreaterThan(0);
  });

  it('says "this agreement" of one document and "these documents" of several', () => {
    const lines = (count: number) =>
      [null, 'accepted', 'declined'].map((decision) =>
        defaultDescription(en, null, decision as 'accepted' | 'declined' | null, count, 'en'),
      );
    expect(lines(1)).toEqual([
      'Read the agreement to the end, then accept it to continue.',
      'You accepted this agreement.',
      'You declined this agreement.',
    ]);
    expect(lines(2)).toEqual([
      'Read each document to the end, then accept them to continue.',
      'You accepted these documents.',
      'You declined these documents.',
    ]);
    // Without a count, one document (an app calling it as before).
    expect(defaultDescription(en, null)).toBe(lines(1)[0]);
    expect(format(en.reasons.assent, { count: 3 }, 'en')).toBe('Tick the box to agree to the documents.');
  });

  it.each(catalogues)('%s: the one-document and several-document texts differ, for 1 to 12', (_, c) => {
    const texts = (count: number) => [
      ...[null, 'accepted', 'declined'].map((decision) =>
        defaultDescription(c, null, decision as 'accepted' | 'declined' | null, count, c.locale),
      ),
      ...(['whole', 'changes'] as const).map((reading) =>
        defaultDescription(c, { reading }, null, count, c.locale),
      ),
      format(c.reasons.assent, { count }, c.locale),
    ];
    const one = texts(1);
    for (let count = 2; count <= 12; count++) {
      for (const [i, text] of texts(count).entries()) {
        expect(text, `${count}: ${text}`).not.toMatch(/[{}#]/);
        expect(text, `${count}: ${text}`).not.toBe(one[i]);
      }
    }
  });

  it('calls a text given as a function (a caller may need plural logic)', () => {
    const keyClauses = ({ seen, total }: { seen: number; total: number }) =>
      total - seen === 1 ? 'One term left to read.' : `${total - seen} terms left to read.`;
    expect(format(keyClauses, { seen: 4, total: 5 })).toBe('One term left to read.');
    expect(format(keyClauses, { seen: 1, total: 5 })).toBe('4 terms left to read.');
  });
});
