import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ClickwrapPage } from '../../src';
import { FIVE_CHANGES } from '../../src/core/diff.fixtures';
import { agreement, signer, updatedAgreement } from '../fixtures';
import { objectArgTypes, personIn } from './play';
import { StatesDocs } from './states-docs';
import { ModalStory, PageStory } from './wrappers';

/** The two plain (non-key) edits of the five: II 1.1 reworded and item 5) of V 5 removed. */
const PLAIN_EDITS = ['1-declaration-of-intellectual-property-rights--1-1', 'v-rights-and-obligations--5--5'];
/**
 * Every one of the five, by id: a key clause's wording (II 2.4, III 2.3: a word each) is minor
 * only listed by id; `'all'` would leave those two material.
 */
const EVERY_EDIT = FIVE_CHANGES.map((change) => change.id);
const ACCEPTED = { agreement, acceptedAt: '2024-06-03T09:12:00.000Z', receiptId: null };

const meta = {
  title: 'Components/Re-consent: minor changes',
  component: ClickwrapPage,
  render: (args) => <PageStory {...args} />,
  args: { agreement: updatedAgreement, signer, onAccept: fn(), onDecline: fn() },
  argTypes: objectArgTypes,
  parameters: {
    layout: 'fullscreen',
    // The first story, the props and a link to each: the modal story, shown there, opened over
    // the whole Docs page and took its focus, and play functions do not run there.
    docs: { page: StatesDocs },
  },
} satisfies Meta<typeof ClickwrapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const onContinue = fn();

/** How long a play function waits for re-consent's diff, loaded on demand (a cold dev server compiles it first). */
const LOADING = { timeout: 10_000 };

/**
 * Every change of the new version is marked minor by its author (`previous.minorChanges`, each
 * by id): the
 * page shows a notice of what changed, word by word, and Continue goes on without a fresh
 * assent, so no receipt is made.
 */
export const MinorChangesOnly: Story = {
  args: {
    previous: { ...ACCEPTED, minorChanges: { since: agreement.version, ids: EVERY_EDIT }, onContinue },
  },
  play: async (context) => {
    const p = personIn(context);
    onContinue.mockClear();
    // Re-consent's diff loads on demand, so the page appears a moment later.
    const notice = await p.screen.findByRole('region', { name: p.m.minorChangesHeading }, LOADING);
    await expect(notice).toBeVisible();
    await expect(p.screen.queryByRole('region', { name: p.m.reconsentHeading })).toBeNull();
    const changes = p.screen.getByRole('region', { name: p.m.changesHeading });
    // The word diff: what was inserted and deleted, each announced as such.
    await expect(changes.querySelectorAll('ins').length).toBeGreaterThan(0);
    await expect(changes.querySelectorAll('del').length).toBeGreaterThan(0);
    // By keyboard: focus Continue and press Enter.
    const next = within(notice).getByRole('button', { name: p.m.minorChangesContinue });
    next.focus();
    await p.user.keyboard('{Enter}');
    await waitFor(() => expect(onContinue).toHaveBeenCalledTimes(1));
    await expect(context.args.onAccept).not.toHaveBeenCalled();
  },
};

/**
 * The author marks two of the five changes minor; the other three (two of them to key clauses)
 * are material, so the modal asks for re-consent as for any change, and tags the minor ones.
 */
export const MixedChanges: Story = {
  render: (args) => <ModalStory {...args} defaultOpen />,
  // An open modal covers the page and takes focus: on the Docs page it gets a frame of its own.
  parameters: { docs: { story: { inline: false, height: '720px' } } },
  args: {
    previous: { ...ACCEPTED, minorChanges: { since: agreement.version, ids: PLAIN_EDITS }, onContinue },
  },
  play: async (context) => {
    const p = personIn(context);
    // The dialog fades in.
    await waitFor(
      () => expect(p.screen.getByRole('region', { name: p.m.reconsentHeading })).toBeVisible(),
      LOADING,
    );
    await expect(p.screen.queryByRole('button', { name: p.m.minorChangesContinue })).toBeNull();
    const changes = p.screen.getByRole('region', { name: p.m.changesHeading });
    const tagged = within(changes)
      .getAllByRole('listitem')
      .filter((item) => item.textContent?.includes(p.m.changeMinorTag));
    await expect(tagged).toHaveLength(2);
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
  },
};
