import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { ClickwrapPage } from '../../src';
import { fill } from '../environment';
import { agreement, signer } from '../fixtures';
import { objectArgTypes, personIn, type Person } from './play';
import { PageStory } from './wrappers';

const meta = {
  title: 'Components/Birth date',
  component: ClickwrapPage,
  render: (args) => <PageStory {...args} />,
  args: { agreement, signer, guardian: { today: '2025-06-01' }, onAccept: fn(), onDecline: fn() },
  argTypes: objectArgTypes,
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'The age gate’s day, month and year fields in the order the UI’s `locale` writes a date ' +
          '(`Intl.DateTimeFormat`): month first in US English, day first in British English and ' +
          'Arabic, year first in Chinese. Tab follows the order shown; the hint’s example follows it too.',
      },
    },
  },
} satisfies Meta<typeof ClickwrapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The fields' labels in the order they are in the page (the order Tab visits them). */
function fieldsInOrder(p: Person): string[] {
  const group = p.screen.getByRole('group', { name: p.m.birthDateLabel });
  return within(group)
    .getAllByRole('textbox')
    .map((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
}

/**
 * Types the last field shown and leaves the date: the error names the two left empty in the
 * order they show (the hook is given the same locale as the fields), in the UI's words.
 */
async function missingNamedInOrder(p: Person): Promise<void> {
  const group = p.screen.getByRole('group', { name: p.m.birthDateLabel });
  const inputs = within(group).getAllByRole('textbox') as HTMLInputElement[];
  const partOf = (input: HTMLInputElement) => input.dataset.part as 'day' | 'month' | 'year';
  const last = inputs[2]!;
  await p.user.type(last, partOf(last) === 'year' ? '2010' : '1');
  await p.user.tab();
  const g = p.m.guardian;
  const name = { day: g.birthDateDay, month: g.birthDateMonth, year: g.birthDateYear };
  const [first, second] = inputs.slice(0, 2).map((input) => name[partOf(input)]);
  const error = fill(g.birthDateMissing, {
    parts: fill(g.birthDatePartsJoin, { first: first!, second: second! }),
  });
  await expect(await within(group).findByText(error)).toBeVisible();
}

/** US English (`locale="en-US"`, and the default `en`): month, day, year. */
export const USEnglish: Story = {
  name: 'US English',
  args: { locale: 'en-US' },
  play: async (context) => {
    const p = personIn(context);
    await expect(fieldsInOrder(p)).toEqual([
      p.m.birthDateMonthLabel,
      p.m.birthDateDayLabel,
      p.m.birthDateYearLabel,
    ]);
    await expect(p.screen.getByRole('group', { name: p.m.birthDateLabel })).toHaveAccessibleDescription(
      fill(p.m.birthDateHint, { example: '3 27 2007' }),
    );
    await missingNamedInOrder(p);
  },
};

/** British English (`locale="en-GB"`): day, month, year. */
export const BritishEnglish: Story = {
  name: 'British English',
  args: { locale: 'en-GB' },
  play: async (context) => {
    const p = personIn(context);
    await expect(fieldsInOrder(p)).toEqual([
      p.m.birthDateDayLabel,
      p.m.birthDateMonthLabel,
      p.m.birthDateYearLabel,
    ]);
    await missingNamedInOrder(p);
  },
};

/** Simplified Chinese: year, month, day (年月日). */
export const SimplifiedChinese: Story = {
  globals: { locale: 'zh-CN' },
  play: async (context) => {
    const p = personIn(context);
    await expect(fieldsInOrder(p)).toEqual(['年', '月', '日']);
    await missingNamedInOrder(p);
  },
};

/** Arabic, right to left: day, month, year, the day at the right. */
export const Arabic: Story = {
  globals: { direction: 'rtl', locale: 'ar' },
  play: async (context) => {
    const p = personIn(context);
    await expect(fieldsInOrder(p)).toEqual([
      p.m.birthDateDayLabel,
      p.m.birthDateMonthLabel,
      p.m.birthDateYearLabel,
    ]);
    const day = p.screen.getByRole('textbox', { name: p.m.birthDateDayLabel }).getBoundingClientRect();
    const year = p.screen.getByRole('textbox', { name: p.m.birthDateYearLabel }).getBoundingClientRect();
    await expect(day.left).toBeGreaterThan(year.left);
    await missingNamedInOrder(p);
  },
};
