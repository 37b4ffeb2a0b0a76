// The UI's language and the agreement's are two languages: what the clickwrap says is marked as
// the UI's (`lang`), what the agreement says as the agreement's, so a screen reader reads each in
// its own voice; and numbers are written as the UI's locale writes them. Rendered on the server
// (as an app's first HTML), then read in jsdom by role and accessible name.
import { readFileSync } from 'node:fs';
import type { ReactNode } from 'react';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAgreement } from '../core/agreement';
import { withFiveChanges } from '../core/diff.fixtures';
import { describeMissing } from '../hooks/use-clickwrap/requirements';
import { ar, format } from '../messages';
import { ClickwrapPage } from './index';
import { renderStreamed } from './server-render.test-utils';

async function show(ui: ReactNode): Promise<void> {
  document.body.innerHTML = await renderStreamed(ui);
}

afterEach(() => {
  document.body.innerHTML = '';
});

/** The language an element's text is read in: its nearest `lang`, or null when none says. */
const langOf = (el: Element) => el.closest('[lang]')?.getAttribute('lang') ?? null;

/** Elements whose own text (not their children's) has Arabic script, each with its language. */
function arabicTextLanguages(root: Element): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    if (/[\u0600-\u06FF]/.test(text)) out.push([text, langOf(node.parentElement!)]);
  }
  return out;
}

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
// An external link, so "(opens in a new tab)" is said inside the agreement too.
const terms = `${read('../../agreements/instadesk-terms.md')}\nSee [our site](https://example.com/terms).\n`;
const summaries = read('../../agreements/instadesk-terms.summaries.md');
const v1 = parseAgreement({
  id: 'instadesk-terms',
  version: '1',
  language: 'en',
  markdown: `${terms}\n${summaries}`,
});
const v2 = parseAgreement({
  id: 'instadesk-terms',
  version: '2',
  language: 'en',
  effectiveDate: '2025-06-01',
  markdown: withFiveChanges(terms),
});
const SIGNER = { id: 'u1', name: 'ليلى' };

describe('given an Arabic UI over an English agreement', () => {
  describe.each([
    ['a first consent', {}],
    ['a re-consent', { previous: { agreement: v1, acceptedAt: '2024-05-02T10:00:00Z' } }],
  ] as const)('in %s', (_name, extra) => {
    const agreement = 'previous' in extra ? v2 : v1;
    const ui = () => (
      <ClickwrapPage
        agreement={agreement}
        {...extra}
        messages={ar}
        dir="rtl"
        tableOfContents
        signer={SIGNER}
        onAccept={() => {}}
      />
    );

    it("marks every Arabic word the clickwrap says as Arabic, none as the agreement's English", async () => {
      await show(ui());
      const wrong = arabicTextLanguages(document.body).filter(([, lang]) => lang !== 'ar');
      expect(wrong).toEqual([]);
    });

    it("names the agreement's region in Arabic and keeps the agreement's own text English", async () => {
      await show(ui());
      const region = screen.getByRole('region', {
        name: format(ar.agreementLabel, { title: agreement.title }),
      });
      expect(langOf(region)).toBe('ar');
      const clause = region.querySelector('[data-key-clause]')!;
      expect(langOf(clause)).toBe('en');
      const heading = within(region).getAllByRole('heading')[0]!;
      expect(langOf(heading)).toBe('en');
      for (const note of within(region).queryAllByRole('note', { name: ar.keyClausePlainSummary })) {
        expect(langOf(within(note).getByText(ar.keyClausePlainSummary))).toBe('ar');
        expect(langOf(note.lastElementChild!)).toBe('en');
      }
      const link = within(region).getByRole('link', {
        name: new RegExp(`our site.*${ar.opensInNewTab.replace(/[()]/g, '\\$&')}`),
      });
      expect(langOf(within(link).getByText('our site'))).toBe('en');
    });

    it("lists the key clauses in the agreement's words, said unread in the UI's", async () => {
      await show(ui());
      const summary = screen.getByRole('region', { name: ar.keyClausesHeading });
      const unread = within(summary).getAllByRole('button', {
        name: new RegExp(ar.keyClauseUnseen.replace(/[()]/g, '\\$&')),
      });
      expect(unread.length).toBeGreaterThan(1);
      for (const button of unread) {
        expect(langOf(within(button).getByText(ar.keyClauseUnseen))).toBe('ar');
        expect(langOf(button.querySelector('[dir="auto"]')!)).toBe('en');
      }
    });

    it("lists the sections in the agreement's words", async () => {
      await show(ui());
      const toc = screen.getByRole('navigation', { name: ar.tocLabel });
      for (const link of within(toc).getAllByRole('link')) expect(langOf(link.firstElementChild!)).toBe('en');
    });
  });

  it("says what changed in the UI's words, and quotes the agreement's in English", async () => {
    await show(
      <ClickwrapPage
        agreement={v2}
        previous={{ agreement: v1, acceptedAt: '2024-05-02T10:00:00Z' }}
        messages={ar}
        dir="rtl"
        signer={SIGNER}
        onAccept={() => {}}
      />,
    );
    const changes = screen.getByRole('region', { name: ar.changesHeading });
    const kinds = within(changes).getAllByText(
      new RegExp(`^(${ar.changeAdded}|${ar.changeChanged}|${ar.changeRemoved})`),
    );
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(langOf(kind)).toBe('ar');
    for (const word of changes.querySelectorAll('del, ins')) expect(langOf(word)).toBe('en');
  });
});

describe('given an agreement parsed without a language', () => {
  const arabic = parseAgreement({
    id: 't',
    version: '1',
    markdown: '# شروط الخدمة\n\n## الحساب\n\n**يجوز لنا تعليق حسابك في أي وقت.**\n',
  });

  it('marks none of its text as English: it inherits the UI’s language', async () => {
    await show(<ClickwrapPage agreement={arabic} messages={ar} signer={SIGNER} onAccept={() => {}} />);
    expect(document.querySelector('[lang="en"]')).toBeNull();
    const region = screen.getByRole('region', { name: format(ar.agreementLabel, { title: arabic.title }) });
    expect(langOf(within(region).getAllByRole('heading')[0]!)).toBe('ar');
    const summary = screen.getByRole('region', { name: ar.keyClausesHeading });
    expect(langOf(within(summary).getByText(/يجوز لنا/))).toBe('ar');
  });

  it('warns in development, outside an English UI, that its language should be given', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const untold = parseAgreement({ id: 'untold', version: '1', markdown: '# Terms\n\nYou agree.\n' });
    await show(<ClickwrapPage agreement={untold} messages={ar} signer={SIGNER} onAccept={() => {}} />);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/"untold" was parsed without a language.*"ar"/));
    warn.mockClear();
    const told = parseAgreement({
      id: 'told',
      version: '1',
      language: 'en',
      markdown: '# Terms\n\nYou agree.\n',
    });
    await show(<ClickwrapPage agreement={told} messages={ar} signer={SIGNER} onAccept={() => {}} />);
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('without a language'));
    warn.mockRestore();
  });

  it('still says "en" in its data, as parseAgreement documents (only the view leaves it out)', () => {
    expect(arabic.language).toBe('en');
    expect(JSON.parse(JSON.stringify(arabic)).language).toBe('en');
  });
});

describe('given locale="ar-EG", whose numbers are written in Arabic-Indic digits', () => {
  const digits = (n: number) => new Intl.NumberFormat('ar-EG').format(n);

  it('writes every number as the dates are written, not in Western digits', async () => {
    await show(
      <ClickwrapPage
        agreement={v2}
        previous={{ agreement: v1, acceptedAt: '2024-05-02T10:00:00Z' }}
        messages={ar}
        locale="ar-EG"
        signer={SIGNER}
        onAccept={() => {}}
        guardian={{ defaultBirthDate: '2012-03-04', today: '2025-06-01' }}
      />,
    );
    expect(digits(0)).not.toBe('0');
    const progress = screen.getByRole('progressbar', { name: ar.progressLabel });
    expect(progress.getAttribute('aria-valuetext')).toBe(format(ar.progressValue, { percent: digits(0) }));
    const summary = screen.getByRole('region', { name: ar.keyClausesHeading });
    const total = v2.keyClauses.length;
    within(summary).getByText(format(ar.keyClausesCount, { seen: digits(0), total: digits(total) }));
    const changes = screen.getByRole('region', { name: ar.changesHeading });
    within(changes).getByText(/^تغيّر: [٠-٩]+، أُضيف: [٠-٩]+، حُذف: [٠-٩]+\.$/);
    // "0 of n changed passages read", the passages in the plural form for n, its digits Arabic-Indic.
    const seenCounts = Array.from({ length: 20 }, (_, n) =>
      format(ar.changesSeenCount, { seen: 0, total: n + 1 }, 'ar-EG'),
    );
    within(changes).getByText((text) => seenCounts.includes(text));
    // The guardian's form, for a minor: "under {minimumAge}", with the noun's form for 18.
    screen.getByText(format(ar.guardianIntro, { minimumAge: 18 }, 'ar-EG'));
    // The birth date's hint: its example date in the fields' order, in the locale's digits.
    screen.getByText(
      format(ar.birthDateHint, {
        example: [27, 3, 2007]
          .map((n) => new Intl.NumberFormat('ar-EG', { useGrouping: false }).format(n))
          .join(' '),
      }),
    );
    // No number the clickwrap fills in is in Western digits.
    const words = arabicTextLanguages(document.body).map(([text]) => text);
    expect(words.filter((text) => /[0-9]/.test(text))).toEqual([]);
  });

  it('words the reasons Accept is blocked with the locale’s digits, given the locale', () => {
    const reasons = describeMissing(
      [
        { code: 'key-clauses', seen: 0, total: 45 },
        { code: 'acknowledgements', total: 6, missing: ['a', 'b'] },
      ],
      { titles: {}, labels: {} },
      { reasons: ar.reasons, guardian: ar.guardian },
      'ar-EG',
    );
    expect(reasons.map((r) => r.message)).toEqual([
      format(ar.reasons.keyClauses, { seen: digits(0), total: digits(45) }),
      format(ar.reasons.acknowledgements, { missing: digits(2), total: digits(6) }),
    ]);
  });
});
