import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import summaries from '../../agreements/instadesk-terms.summaries.md?raw';
import terms from '../../agreements/instadesk-terms.md?raw';
import { ClickwrapPage } from '../../src';
import { hashAgreement, parseAgreement, verifyReceipt } from '../../src/core';
import type { ConsentReceipt } from '../../src/core';
import { agreement as plainTerms, signer } from '../fixtures';
import { objectArgTypes, personIn, pressAccept, scrollToEnd, tickAssent } from './play';
import type { Person } from './play';
import { StatesDocs } from './states-docs';
import { ModalStory, PageStory } from './wrappers';

/**
 * The Instadesk Terms as their author serves them with plain-language summaries: the text, then
 * a `## Plain-language summaries` section (agreements/instadesk-terms.summaries.md) that gives
 * seven key clauses a summary, four of them with a variant for minors. A story-only source: the
 * default rendition (agreements/instadesk-terms.md) and its fixtures stay as they are.
 */
const source = `${terms}\n${summaries}`;
const agreement = parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown: source });
const modify = agreement.keyClauses.find((c) => c.id === 'instadesk-terms-and-conditions--3')!;
const asIs = agreement.keyClauses.find((c) => c.id === '2-scope-of-software-licenses--2-4')!;

const meta = {
  title: 'Components/Plain-language summaries',
  component: ClickwrapPage,
  render: (args) => <PageStory {...args} />,
  args: { agreement, signer, onAccept: fn(() => Promise.resolve()), onDecline: fn() },
  argTypes: objectArgTypes,
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Author-written plain-language summaries of key clauses, from a `## Plain-language ' +
          'summaries` section at the end of the agreement’s markdown: "In plain words" beside ' +
          'each summarised clause and under its label in the summary; the minors’ variants once ' +
          'the guardian rule applies. The receipt records which were shown (`agreement.summaries`).',
      },
      // The first story, the props and a link to each: the modal story, shown there, opened over
      // the whole Docs page and took its focus, and play functions do not run there.
      page: StatesDocs,
    },
  },
} satisfies Meta<typeof ClickwrapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The notes beside the clauses, named "In plain words" (in the toolbar's language). */
function notes(p: Person, scope: HTMLElement = p.region()): HTMLElement[] {
  return within(scope).getAllByRole('note', { name: p.m.keyClausePlainSummary });
}

/** The receipt the story's `onAccept` was given. */
function deliveredReceipt(onAccept: unknown): ConsentReceipt {
  const receipt = (onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0];
  if (!receipt) throw new Error('onAccept was not called.');
  return receipt as ConsentReceipt;
}

/**
 * An adult: each summarised clause has "In plain words" beside it, and the summary lists the
 * same words under the clause. The receipt records the summaries shown, which a server checks
 * against the source it served.
 */
export const OnThePage: Story = {
  name: 'On the page',
  play: async (context) => {
    const p = personIn(context);
    // The notes in the text's later parts mount just after the first render.
    await waitFor(() => expect(notes(p)).toHaveLength(7));
    await expect(notes(p)[0]).toHaveTextContent(agreement.keyClauses[0]!.summary!.general);
    await expect(notes(p)[0]).toBeVisible();
    const toolbar = p.screen.getByRole('toolbar', { name: p.m.keyClausesHeading });
    const item = within(toolbar).getByRole('button', {
      description: new RegExp(escape(asIs.summary!.general)),
    });
    await expect(item).toHaveAccessibleDescription(`${p.m.keyClausePlainSummary} ${asIs.summary!.general}`);
    await scrollToEnd(p);
    await tickAssent(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    const receipt = deliveredReceipt(context.args.onAccept);
    await expect(receipt.agreement.summaries?.variant).toBe('adult');
    // The agreement's hash is its text's alone: the same as without summaries.
    await expect(receipt.agreement.sha256).toBe(await hashAgreement(plainTerms.markdown));
    await expect(await verifyReceipt(receipt, source)).toEqual({ ok: true, problems: [] });
  },
};

/** 1 January, `years` years before this year. */
function birthDateAged(years: number): string {
  return `${new Date().getFullYear() - years}-01-01`;
}

/**
 * A 15-year-old with a guardian: once the birth date says the guardian rule applies, the minors'
 * variants replace the general summaries (a clause without one keeps its general summary), and
 * the receipt records the `minor` variant.
 */
export const ForAMinor: Story = {
  name: 'For a minor',
  args: { guardian: { mode: 'joint' } },
  play: async (context) => {
    const p = personIn(context);
    await waitFor(() =>
      expect(notes(p).map((n) => n.textContent)).toContain(
        `${p.m.keyClausePlainSummary} ${modify.summary!.general}`,
      ),
    );
    await scrollToEnd(p);
    const [year, month, day] = birthDateAged(15).split('-').map(Number);
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateDayLabel }), String(day));
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateMonthLabel }), String(month));
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateYearLabel }), String(year));
    await p.user.tab();
    await p.screen.findByRole('group', { name: p.m.guardianLegend });
    await waitFor(() =>
      expect(notes(p).map((n) => n.textContent)).toContain(
        `${p.m.keyClausePlainSummary} ${modify.summary!.minor}`,
      ),
    );
    await expect(notes(p).map((n) => n.textContent)).toContain(
      `${p.m.keyClausePlainSummary} ${asIs.summary!.general}`,
    );
    const toolbar = p.screen.getByRole('toolbar', { name: p.m.keyClausesHeading });
    await expect(within(toolbar).getByText(modify.summary!.minor!)).toBeVisible();

    await p.user.type(p.screen.getByRole('textbox', { name: p.m.guardianNameLabel }), 'Maria Berg');
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.relationshipLabel }), 'parent');
    await p.user.click(p.screen.getByRole('checkbox', { name: p.m.guardian.attestationJoint }));
    await tickAssent(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    const receipt = deliveredReceipt(context.args.onAccept);
    await expect(receipt.agreement.summaries?.variant).toBe('minor');
    await expect(await verifyReceipt(receipt, source)).toEqual({ ok: true, problems: [] });
  },
};

/** The same notes in the modal, inside the dialog's agreement region. */
export const InTheModal: Story = {
  name: 'In the modal',
  render: (args) => <ModalStory {...args} defaultOpen />,
  // An open modal covers the page and takes focus: on the Docs page it gets a frame of its own.
  parameters: { docs: { story: { inline: false, height: '720px' } } },
  play: async (context) => {
    const p = personIn(context);
    const dialog = await p.screen.findByRole('dialog', { name: agreement.title });
    await waitFor(() => expect(dialog).toBeVisible(), { timeout: 5000 });
    await waitFor(() => expect(notes(p, dialog)).toHaveLength(7));
    await expect(notes(p, dialog)[0]).toHaveTextContent(agreement.keyClauses[0]!.summary!.general);
  },
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
