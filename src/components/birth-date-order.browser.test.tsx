'use client';
// The birth date's day, month and year fields in the order the UI's language writes a date, as a
// person meets them in Chromium: where they stand, what they are called, the order Tab visits
// them in, what autofill fills, and where the error summary's link leads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ar, en, format, zhCN, type ClickwrapMessages } from '../messages';
import { ClickwrapPage } from './clickwrap-page';
import { agreement, agreementElement, press, SIGNER, tabUntil } from './test-utils.test-utils';

type Part = 'day' | 'month' | 'year';

const CASES: ReadonlyArray<{
  locale: string;
  messages: ClickwrapMessages;
  order: Part[];
  dir: 'ltr' | 'rtl';
  /** The hint, as the server renders it too (birth-date-order.node.test.tsx). */
  hint: string;
}> = [
  {
    locale: 'en-US',
    messages: en,
    order: ['month', 'day', 'year'],
    dir: 'ltr',
    hint: 'For example, 3 27 2007',
  },
  {
    locale: 'en-GB',
    messages: en,
    order: ['day', 'month', 'year'],
    dir: 'ltr',
    hint: 'For example, 27 3 2007',
  },
  { locale: 'zh-CN', messages: zhCN, order: ['year', 'month', 'day'], dir: 'ltr', hint: '例如：2007 3 27' },
  { locale: 'ar', messages: ar, order: ['day', 'month', 'year'], dir: 'rtl', hint: 'مثال: 27 3 2007' },
];

const LABEL = { day: 'birthDateDayLabel', month: 'birthDateMonthLabel', year: 'birthDateYearLabel' } as const;

/** A part's name inside the guardian hook's "must include" error. */
const NAME = { day: 'birthDateDay', month: 'birthDateMonth', year: 'birthDateYear' } as const;

const isDatePart = (el: Element | null): el is HTMLInputElement =>
  el instanceof HTMLInputElement && el.autocomplete.startsWith('bday-');
const labelOf = (el: Element | null) => ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').trim();

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});
afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

for (const { locale, messages: m, order, dir, hint } of CASES) {
  describe(`given a ${locale} UI`, () => {
    beforeEach(async () => {
      await render(
        <ClickwrapPage
          agreement={agreement}
          signer={SIGNER}
          messages={m}
          locale={locale}
          guardian={{ today: '2025-06-01' }}
          onAccept={async () => {}}
        />,
      );
    });

    const field = (part: Part) => page.getByRole('textbox', { name: m[LABEL[part]], exact: true });

    it(`shows ${order.join(', ')}, each labelled and autofilled as its part`, async () => {
      const group = page.getByRole('group', { name: m.birthDateLabel, exact: true });
      await expect.element(group).toHaveAccessibleDescription(hint);
      for (const part of order) {
        await expect.element(field(part)).toHaveAttribute('autocomplete', `bday-${part}`);
      }
      // Where they stand, in reading order: left to right, or right to left in Arabic.
      const starts = order.map((part) => field(part).element().getBoundingClientRect().left);
      const sorted = [...starts].sort((a, b) => (dir === 'ltr' ? a - b : b - a));
      expect(starts).toEqual(sorted);
      expect(new Set(starts).size).toBe(3);
    });

    it('Tab visits them in the order they show', async () => {
      agreementElement().focus();
      const visited = [labelOf(await tabUntil(isDatePart))];
      for (let i = 0; i < 2; i++) {
        await userEvent.tab();
        visited.push(labelOf(document.activeElement));
      }
      expect(visited).toEqual(order.map((part) => m[LABEL[part]]));
    });

    it('with two parts missing, the error names them in the order they stand on screen', async () => {
      const typed = order[2]!;
      await userEvent.fill(field(typed), typed === 'year' ? '2010' : '1');
      await userEvent.tab();
      // The parts left empty, as they stand in reading order (right to left in Arabic).
      const edge = (part: Part) => {
        const box = field(part).element().getBoundingClientRect();
        return dir === 'ltr' ? box.left : -box.right;
      };
      const [first, second] = (['day', 'month', 'year'] as const)
        .filter((part) => part !== typed)
        .sort((a, b) => edge(a) - edge(b));
      const g = m.guardian;
      const error = format(
        g.birthDateMissing,
        { parts: format(g.birthDatePartsJoin, { first: g[NAME[first!]], second: g[NAME[second!]] }) },
        locale,
      );
      const group = page.getByRole('group', { name: m.birthDateLabel, exact: true });
      await expect.element(group).toHaveAccessibleDescription(`${hint} ${error}`);
      // The error summary says it in the same words, and leads to the first of them.
      await press(page.getByRole('button', { name: m.accept, exact: true }));
      const link = page.getByRole('alert').getByRole('link', { name: error, exact: true });
      await expect.element(link).toBeVisible();
      await userEvent.click(link);
      await expect.element(field(first!)).toHaveFocus();
    });

    it('with nothing entered, the error summary leads to the first field', async () => {
      await press(page.getByRole('button', { name: m.accept, exact: true }));
      const link = page.getByRole('alert').getByRole('link', { name: m.guardian.birthDateRequired });
      await expect.element(link).toBeVisible();
      await userEvent.click(link);
      await expect.element(field(order[0]!)).toHaveFocus();
    });
  });
}

describe("given a guardian option's own locale", () => {
  it("the error still names the parts in the order of the UI's fields", async () => {
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        locale="en-GB"
        guardian={{ today: '2025-06-01', locale: 'en-US' }}
        onAccept={async () => {}}
      />,
    );
    await userEvent.fill(page.getByRole('textbox', { name: 'Year', exact: true }), '2010');
    await userEvent.tab();
    await expect
      .element(page.getByRole('group', { name: en.birthDateLabel, exact: true }))
      .toHaveAccessibleDescription('For example, 27 3 2007 Date of birth must include a day and month.');
  });
});
