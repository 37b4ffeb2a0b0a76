import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ClickwrapPage } from '../../src';
import type { ConsentReceipt } from '../../src/core';
import { fill } from '../environment';
import { agreement, callCenterCommitments, signer } from '../fixtures';
import {
  getReady,
  objectArgTypes,
  personIn,
  pressAccept,
  reasonsShown,
  scrollToEnd,
  tickAssent,
} from './play';
import type { Person } from './play';
import { StatesDocs } from './states-docs';
import { PageStory } from './wrappers';

const meta = {
  title: 'Components/Scenarios',
  component: ClickwrapPage,
  render: (args) => <PageStory {...args} />,
  args: { agreement, signer, onAccept: fn(() => Promise.resolve()), onDecline: fn() },
  argTypes: objectArgTypes,
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'What the Instadesk agreement itself asks for, each shown in `ClickwrapPage` (the same ' +
          'parts make up `ClickwrapModal`): a legal guardian for users under 18, the six ' +
          'call-center commitments of III 2.4 as required acknowledgements, and an organisation ' +
          'signer for corporate users.',
      },
      // Every scenario is reached by its play function, which does not run on the Docs page:
      // there each would show the same first view, so the page links to them instead.
      page: () => <StatesDocs primary={false} />,
    },
  },
} satisfies Meta<typeof ClickwrapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** 1 January, `years` years before this year: the person is exactly `years` old all year. */
function birthDateAged(years: number): string {
  return `${new Date().getFullYear() - years}-01-01`;
}

/** Types a 'YYYY-MM-DD' date into the day, month and year fields. */
async function typeBirthDate(p: Person, date: string): Promise<void> {
  const [year, month, day] = date.split('-').map(Number);
  await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateDayLabel }), String(day));
  await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateMonthLabel }), String(month));
  await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateYearLabel }), String(year));
}

/** The receipt the story's `onAccept` was given. */
function deliveredReceipt(onAccept: unknown): ConsentReceipt {
  const receipt = (onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0];
  if (!receipt) throw new Error('onAccept was not called.');
  return receipt as ConsentReceipt;
}

/** Types the birth date of a 15-year-old and leaves the field: the guardian's part appears. */
async function enterMinorsBirthDate(p: Person): Promise<HTMLElement> {
  await typeBirthDate(p, birthDateAged(15));
  await p.user.tab();
  return p.screen.findByRole('group', { name: p.m.guardianLegend });
}

/** The guardian fills in their part: name, relationship, attestation. */
async function guardianSigns(p: Person, attestation: string): Promise<void> {
  await p.user.type(p.screen.getByRole('textbox', { name: p.m.guardianNameLabel }), 'Maria Berg');
  await p.user.type(p.screen.getByRole('textbox', { name: p.m.relationshipLabel }), 'parent');
  await p.user.click(p.screen.getByRole('checkbox', { name: attestation }));
}

/**
 * A 15-year-old with a legal guardian, in `joint` mode: the minor reads and agrees, and the
 * guardian co-signs. The receipt names the guardian and holds the minor's age bracket, never
 * the birth date.
 */
export const MinorJoint: Story = {
  name: 'Minor (joint)',
  args: { guardian: { mode: 'joint' } },
  play: async (context) => {
    const p = personIn(context);
    await scrollToEnd(p);
    await enterMinorsBirthDate(p);
    await expect(p.root()).toHaveAttribute('data-minor');
    await guardianSigns(p, p.m.guardian.attestationJoint);
    await tickAssent(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    const receipt = deliveredReceipt(context.args.onAccept);
    await expect(receipt.guardian).toMatchObject({
      name: 'Maria Berg',
      relationship: 'parent',
      attestation: p.m.guardian.attestationJoint,
      mode: 'joint',
    });
    await expect(receipt.minor).toMatchObject({ ageBracket: '15', rule: 'agreement', minimumAge: 18 });
    await expect(JSON.stringify(receipt)).not.toContain(birthDateAged(15));
  },
};

/** `guardian-only` mode: the guardian agrees alone, on the minor's behalf. */
export const MinorGuardianOnly: Story = {
  name: 'Minor (guardian only)',
  args: { guardian: { mode: 'guardian-only' } },
  play: async (context) => {
    const p = personIn(context);
    await scrollToEnd(p);
    await enterMinorsBirthDate(p);
    await guardianSigns(p, p.m.guardian.attestationGuardianOnly);
    await tickAssent(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    await expect(deliveredReceipt(context.args.onAccept).guardian).toMatchObject({
      mode: 'guardian-only',
      attestation: p.m.guardian.attestationGuardianOnly,
    });
  },
};

/**
 * Accept pressed with the guardian's part incomplete, and the minor's own name typed as the
 * guardian's: every error shows, tied to its field, and nothing is sent.
 */
export const GuardianValidationErrors: Story = {
  name: "Guardian's validation errors",
  args: { guardian: { mode: 'joint' } },
  play: async (context) => {
    const p = personIn(context);
    await scrollToEnd(p);
    await enterMinorsBirthDate(p);
    const name = p.screen.getByRole('textbox', { name: p.m.guardianNameLabel });
    await p.user.type(name, signer.name);
    await tickAssent(p);
    await pressAccept(p);

    const relationship = p.screen.getByRole('textbox', { name: p.m.relationshipLabel });
    const attestation = p.screen.getByRole('checkbox', { name: p.m.guardian.attestationJoint });
    await waitFor(() => expect(name).toHaveAccessibleDescription(p.m.guardian.nameSameAsMinor));
    await expect(name).toBeInvalid();
    await expect(relationship).toHaveAccessibleDescription(
      `${p.m.guardian.relationshipRequired} ${p.m.relationshipHint}`,
    );
    await expect(relationship).toBeInvalid();
    // The field and the reasons for Accept say the same sentence.
    const guardianPart = p.screen.getByRole('group', { name: p.m.guardianLegend });
    await expect(within(guardianPart).getByText(p.m.guardian.attestationRequired)).toBeVisible();
    await expect(attestation).toBeInvalid();
    await expect(reasonsShown(p)).toEqual([
      p.m.guardian.nameRequired,
      p.m.guardian.relationshipRequired,
      p.m.guardian.attestationRequired,
    ]);
    await expect(context.args.onAccept).not.toHaveBeenCalled();
  },
};

/**
 * Users of the call-center function give six commitments (III 2.4, items 1 to 6): each is a
 * required acknowledgement, ticked on its own and recorded word for word with when it was ticked.
 */
export const CallCenterCommitments: Story = {
  name: 'Call-center commitments',
  args: { acknowledgements: callCenterCommitments },
  play: async (context) => {
    const p = personIn(context);
    const total = callCenterCommitments.length;
    await scrollToEnd(p);
    await tickAssent(p);
    const group = p.screen.getByRole('group', { name: p.m.acknowledgementsLegend });
    for (const [i, commitment] of callCenterCommitments.entries()) {
      await expect(reasonsShown(p)).toEqual([
        fill(p.m.reasons.acknowledgements, { missing: total - i, total }, p.m.locale),
      ]);
      await p.user.click(p.screen.getByRole('checkbox', { name: commitment.label }));
    }
    await waitFor(() => expect(group).toHaveAttribute('data-complete'));
    await expect(reasonsShown(p)).toEqual([]);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    const receipt = deliveredReceipt(context.args.onAccept);
    await expect(receipt.acknowledgements.map(({ id, label }) => ({ id, label }))).toEqual(
      callCenterCommitments,
    );
  },
};

/** A corporate user agreeing on behalf of an organisation: its name and their authority. */
export const OrganisationSigner: Story = {
  name: 'Organisation signer',
  args: { organization: true },
  play: async (context) => {
    const p = personIn(context);
    await p.user.type(
      p.screen.getByRole('textbox', { name: p.m.organizationNameLabel }),
      'Northwind Trading Ltd',
    );
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.signerAuthorityLabel }), 'Administrator');
    await getReady(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    await expect(deliveredReceipt(context.args.onAccept).organization).toEqual({
      name: 'Northwind Trading Ltd',
      signerAuthority: 'Administrator',
    });
  },
};
