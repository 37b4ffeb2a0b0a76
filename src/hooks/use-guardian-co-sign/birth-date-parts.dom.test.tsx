'use client';

import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ar, zhCN } from '../../messages';
import { useGuardianCoSign, type UseGuardianCoSignOptions, type UseGuardianCoSignResult } from './index';

const TODAY = '2025-06-01';

afterEach(cleanup);

/** The GOV.UK date input, built only from the hook's prop getters, as an app would write it. */
function Harness({
  onResult,
  ...options
}: UseGuardianCoSignOptions & { onResult?: (result: UseGuardianCoSignResult) => void }) {
  const g = useGuardianCoSign({ today: TODAY, ...options });
  onResult?.(g);
  return (
    <form aria-label="Age check">
      <fieldset {...g.getBirthDateGroupProps({ 'aria-describedby': 'hint' })}>
        <legend>Date of birth</legend>
        <p id="hint">For example, 27 3 2007</p>
        <p {...g.getErrorProps('birthDate')}>{g.shownErrors.birthDate}</p>
        {g.birthDatePartOrder.map((part) => (
          <label key={part}>
            {part[0]!.toUpperCase() + part.slice(1)}
            <input {...g.getBirthDatePartProps(part)} />
          </label>
        ))}
      </fieldset>
      {g.required ? <p>A guardian co-signs</p> : null}
      <button type="button" onClick={g.showErrors}>
        Check
      </button>
    </form>
  );
}

function setup(options: UseGuardianCoSignOptions = {}) {
  const user = userEvent.setup();
  let latest!: UseGuardianCoSignResult;
  const view = render(<Harness {...options} onResult={(r) => (latest = r)} />);
  return { user, view, result: () => latest };
}

const field = (name: 'Day' | 'Month' | 'Year') => screen.getByRole('textbox', { name }) as HTMLInputElement;
const group = () => screen.getByRole('group', { name: 'Date of birth' });
const invalidFields = () =>
  (['Day', 'Month', 'Year'] as const).filter((name) => field(name).getAttribute('aria-invalid') === 'true');

/** Types into each field (empty strings leave it alone), then leaves the date. */
async function typeDate(user: ReturnType<typeof userEvent.setup>, day: string, month: string, year: string) {
  for (const [name, text] of [
    ['Day', day],
    ['Month', month],
    ['Year', year],
  ] as const) {
    await user.clear(field(name));
    if (text) await user.type(field(name), text);
  }
  await user.click(screen.getByRole('button', { name: 'Check' }));
}

async function expectNoAxeViolations(container: HTMLElement) {
  const { violations } = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

describe('useGuardianCoSign: the date of birth as day, month and year', () => {
  describe('given three empty fields', () => {
    it('offers numeric fields with birthday autofill and no error yet', async () => {
      const { view, result } = setup();
      expect(field('Day').inputMode).toBe('numeric');
      expect(field('Day').autocomplete).toBe('bday-day');
      expect(field('Month').autocomplete).toBe('bday-month');
      expect(field('Year').autocomplete).toBe('bday-year');
      expect(group().getAttribute('aria-describedby')).toBe('hint');
      expect(invalidFields()).toEqual([]);
      expect(result().birthDate).toBe('');
      await expectNoAxeViolations(view.container);
    });

    it('asks for the date of birth once checked, and marks every field', async () => {
      const { user, view } = setup();
      await user.click(screen.getByRole('button', { name: 'Check' }));
      expect(screen.getByText('Enter your date of birth.')).toBeTruthy();
      expect(invalidFields()).toEqual(['Day', 'Month', 'Year']);
      await expectNoAxeViolations(view.container);
    });
  });

  describe('when a 15-year-old types their date of birth', () => {
    it('gives YYYY-MM-DD once the three fields make a date, trimming spaces', async () => {
      const onBirthDateChange = vi.fn();
      const { user, result } = setup({ onBirthDateChange });
      await typeDate(user, ' 15 ', '1 ', ' 2010');
      expect(result().birthDate).toBe('2010-01-15');
      expect(result().birthDateParts).toEqual({ day: ' 15 ', month: '1 ', year: ' 2010' });
      expect(result().decision?.required).toBe(true);
      expect(screen.getByText('A guardian co-signs')).toBeTruthy();
      // Never a half-typed date: nothing until the year has its 4 numbers, then the date.
      expect(onBirthDateChange.mock.calls).toEqual([['2010-01-15']]);
    });

    it.each([
      ['Arabic-Indic (an Arabic keyboard)', '١٥', '١', '٢٠١٠'],
      ['Persian (a Persian or Urdu keyboard)', '۱۵', '۱', '۲۰۱۰'],
      ['full-width (a Chinese or Japanese input method)', '１５', '１', '２０１０'],
      ['Devanagari', '१५', '१', '२०१०'],
    ])('reads digits typed with %s as the same date', async (_, day, month, year) => {
      const { user, result } = setup();
      await typeDate(user, day, month, year);
      expect(result().birthDate).toBe('2010-01-15');
      // The fields keep what was typed; the value is the date core reads.
      expect(result().birthDateParts).toEqual({ day, month, year });
      expect(invalidFields()).toEqual([]);
      expect(screen.getByText('A guardian co-signs')).toBeTruthy();
    });

    it('reads a single date field typed with Arabic-Indic digits', async () => {
      const user = userEvent.setup();
      const seen: UseGuardianCoSignResult[] = [];
      function Single() {
        const g = useGuardianCoSign({ today: TODAY });
        seen.push(g);
        return (
          <label>
            Date of birth
            <input {...g.getBirthDateInputProps()} />
          </label>
        );
      }
      render(<Single />);
      await user.type(screen.getByRole('textbox', { name: 'Date of birth' }), '٢٠١٠-٠١-١٥');
      expect(seen.at(-1)?.birthDate).toBe('2010-01-15');
      expect(seen.at(-1)?.decision?.required).toBe(true);
    });

    it('shows no error while moving from day to month to year, only once the date is left', async () => {
      // British English: the fields go day, month, year.
      const { user } = setup({ locale: 'en-GB' });
      await user.type(field('Day'), '15');
      await user.tab();
      await user.tab();
      expect(screen.queryByText(/Date of birth must/)).toBeNull();
      expect(invalidFields()).toEqual([]);
      await user.tab();
      expect(screen.getByText('Date of birth must include a month and year.')).toBeTruthy();
      expect(invalidFields()).toEqual(['Month', 'Year']);
    });
  });

  describe('given a date with a problem', () => {
    it.each([
      ['a month missing', ['15', '', '2010'], 'Date of birth must include a month.', ['Month']],
      [
        'a day and year missing',
        ['', '1', ''],
        'Date of birth must include a day and year.',
        ['Day', 'Year'],
      ],
      ['31 February', ['31', '2', '2010'], 'Date of birth must be a real date.', ['Day']],
      ['month 13', ['1', '13', '2010'], 'Date of birth must be a real date.', ['Month']],
      ['letters in the day', ['1st', '2', '2010'], 'Date of birth must be a real date.', ['Day']],
      ['a two-digit year', ['1', '2', '10'], 'Year must include 4 numbers.', ['Year']],
      [
        'a date in the future',
        ['1', '1', '2030'],
        'Date of birth must be in the past.',
        ['Day', 'Month', 'Year'],
      ],
      [
        'more than 150 years ago',
        ['1', '1', '1870'],
        'Date of birth must be less than 150 years ago.',
        ['Year'],
      ],
    ])(
      'with %s, says so once and marks the fields it is in',
      async (_, [day, month, year], message, marked) => {
        const { user, view, result } = setup();
        await typeDate(user, day!, month!, year!);
        expect(screen.getAllByText(message)).toHaveLength(1);
        expect(result().errors.birthDate).toBe(message);
        expect(invalidFields()).toEqual(marked);
        // The error is the group's description, read once on entering the fields.
        const described = (group().getAttribute('aria-describedby') ?? '').split(' ');
        expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(message);
        expect(result().decision).toBeNull();
        expect(result().isComplete).toBe(false);
        await expectNoAxeViolations(view.container);
      },
    );

    it("never shows core's developer wording", async () => {
      const { user, result } = setup();
      await typeDate(user, '30', '2', '2010');
      expect(result().ageError?.code).toBe('impossible');
      expect(screen.queryByText(/YYYY-MM-DD|February 2010 has/)).toBeNull();
    });
  });

  describe("given a locale, names the missing parts in its fields' order", () => {
    it.each([
      [
        'no locale (English: US order)',
        {},
        ['', '', '2010'],
        'Date of birth must include a month and day.',
        ['month', 'day'],
      ],
      [
        'en-US',
        { locale: 'en-US' },
        ['', '', '2010'],
        'Date of birth must include a month and day.',
        ['month', 'day'],
      ],
      [
        'en-GB',
        { locale: 'en-GB' },
        ['', '', '2010'],
        'Date of birth must include a day and month.',
        ['day', 'month'],
      ],
      [
        'de',
        { locale: 'de' },
        ['', '', '2010'],
        'Date of birth must include a day and month.',
        ['day', 'month'],
      ],
      [
        'zh-CN',
        { locale: 'zh-CN', messages: zhCN.guardian },
        ['', '1', ''],
        '出生日期须包含年和日。',
        ['year', 'day'],
      ],
      [
        'ar',
        { locale: 'ar', messages: ar.guardian },
        ['', '', '2010'],
        'يجب أن يتضمن تاريخ الميلاد اليوم والشهر.',
        ['day', 'month'],
      ],
    ] as const)('%s', async (_, options, [day, month, year], message, parts) => {
      const { user, result } = setup(options);
      await typeDate(user, day, month, year);
      const described = (group().getAttribute('aria-describedby') ?? '').split(' ');
      expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
        'For example, 27 3 2007',
        message,
      ]);
      expect(result().errors.birthDate).toBe(message);
      expect(result().birthDateProblem?.parts).toEqual(parts);
    });

    it.each([
      ['en-US', ['Month', 'Day', 'Year']],
      ['en-GB', ['Day', 'Month', 'Year']],
      ['zh-CN', ['Year', 'Month', 'Day']],
    ] as const)(
      'gives the fields in the order %s writes a date, which Tab follows',
      async (locale, names) => {
        const { user, result } = setup({ locale });
        expect(result().birthDatePartOrder.map((part) => part[0]!.toUpperCase() + part.slice(1))).toEqual(
          names,
        );
        await user.tab();
        const visited: string[] = [];
        for (let i = 0; i < 3; i++) {
          visited.push(
            (document.activeElement as HTMLInputElement).closest('label')!.firstChild!.textContent!,
          );
          await user.tab();
        }
        expect(visited).toEqual(names);
      },
    );

    it('follows a change of locale', async () => {
      const user = userEvent.setup();
      const view = render(<Harness locale="en-US" />);
      await typeDate(user, '', '', '2010');
      expect(screen.getByText('Date of birth must include a month and day.')).toBeTruthy();
      view.rerender(<Harness locale="en-GB" />);
      expect(screen.getByText('Date of birth must include a day and month.')).toBeTruthy();
    });
  });

  describe('writes the numbers in its messages as the locale writes them', () => {
    it.each([
      ['en, a two-digit year', {}, ['1', '2', '10'], 'Year must include 4 numbers.'],
      ['en, over 150 years ago', {}, ['1', '1', '1870'], 'Date of birth must be less than 150 years ago.'],
      [
        'ar-EG (Arabic-Indic digits), a two-digit year',
        { locale: 'ar-EG', messages: ar.guardian },
        ['1', '2', '10'],
        'يجب أن تتكون السنة من ٤ أرقام.',
      ],
      [
        'ar-EG (Arabic-Indic digits), over 150 years ago',
        { locale: 'ar-EG', messages: ar.guardian },
        ['1', '1', '1870'],
        'يجب أن يكون تاريخ الميلاد قبل أقل من ١٥٠ سنة.',
      ],
      [
        'zh-CN, a two-digit year',
        { locale: 'zh-CN', messages: zhCN.guardian },
        ['1', '2', '10'],
        '年份须为 4 位数字。',
      ],
    ] as const)('%s', async (_, options, [day, month, year], message) => {
      const { user, result } = setup(options);
      await typeDate(user, day, month, year);
      expect(screen.getByText(message)).toBeTruthy();
      expect(result().errors.birthDate).toBe(message);
    });
  });

  describe('given a controlled birth date', () => {
    function Parent({
      refuse = false,
      onChange,
    }: {
      refuse?: boolean;
      onChange: (v: string | null) => void;
    }) {
      const [value, setValue] = useState<string | null>('1990-04-12');
      return (
        <>
          <Harness
            birthDate={value}
            onBirthDateChange={(next) => {
              onChange(next);
              if (!refuse) setValue(next);
            }}
          />
          <button type="button" onClick={() => setValue('2010-01-15')}>
            Set a minor
          </button>
        </>
      );
    }

    it('shows the parent value in the fields and follows it', async () => {
      const user = userEvent.setup();
      const onChange = vi.fn();
      render(<Parent onChange={onChange} />);
      expect([field('Day').value, field('Month').value, field('Year').value]).toEqual(['12', '04', '1990']);
      await user.clear(field('Year'));
      expect(onChange).toHaveBeenLastCalledWith(null);
      await user.type(field('Year'), '1991');
      expect(onChange).toHaveBeenLastCalledWith('1991-04-12');
      await user.click(screen.getByRole('button', { name: 'Set a minor' }));
      expect([field('Day').value, field('Month').value, field('Year').value]).toEqual(['15', '01', '2010']);
      expect(screen.getByText('A guardian co-signs')).toBeTruthy();
    });

    it('keeps the parent value when the parent refuses a change, and asks again next time', async () => {
      const user = userEvent.setup();
      const onChange = vi.fn();
      render(<Parent refuse onChange={onChange} />);
      await user.type(field('Day'), '3');
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(field('Day').value).toBe('12');
      await user.type(field('Day'), '4');
      expect(onChange).toHaveBeenCalledTimes(2);
      expect(field('Day').value).toBe('12');
    });
  });
});
