import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, spyOn, waitFor, within } from 'storybook/test';
import { ClickwrapModal } from '../../src';
import type { ConsentReceipt } from '../../src/core';
import { fill } from '../environment';
import { agreement, marketingConsent, privacyPolicy, signer, updatedAgreement } from '../fixtures';
import {
  DELIVERY_ERROR,
  getReady,
  never,
  objectArgTypes,
  personIn,
  pressAccept,
  readEveryClause,
  reasonsShown,
  scrollToEnd,
  tickAssent,
  showEnd,
} from './play';
import type { Person } from './play';
import { StatesDocs } from './states-docs';
import { ModalStory } from './wrappers';
import { modalEngine } from '../../src/components/on-demand/modal-parts';

const meta = {
  title: 'Components/ClickwrapModal',
  component: ClickwrapModal,
  render: (args) => <ModalStory {...args} />,
  args: { agreement, signer, defaultOpen: true, onAccept: fn(), onDecline: fn(), onOpenChange: fn() },
  argTypes: {
    ...objectArgTypes,
    trigger: { control: false },
    // The hook's JSDoc says 'headless'; the modal records 'modal' (docgen cannot see that default).
    uiVariant: { table: { defaultValue: { summary: "'modal'" } } },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'system'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  parameters: {
    // A modal covers the page and traps focus: on the Docs page its story gets a frame of its own,
    // and the page shows one story, several frames at once having taken focus from one another
    // (a reader saw focus jump between dialogs). That story is the closed one, behind its trigger:
    // opened by itself, the dialog took focus into its frame as the page loaded. Every state is
    // linked from there.
    docs: {
      story: { inline: false, height: '720px' },
      page: () => <StatesDocs of={Closed} />,
    },
  },
} satisfies Meta<typeof ClickwrapModal>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The open dialog, named by its title. */
function dialogOf(p: Person) {
  return p.screen.getByRole('dialog', { name: p.agreement.title });
}

/**
 * How long a play function waits for what follows the modal's opening: its first frame and the
 * body it loads on demand come late on a busy machine (a docs page renders several stories at
 * once), and the 1 s default failed there. waitFor passes as soon as it holds.
 */
const ON_A_BUSY_MACHINE = { timeout: 5000 };

/**
 * Waits for the dialog to be there and shown, as a person would before acting: it fades in
 * (unless the reader prefers reduced motion), and a play function is faster than that.
 */
async function dialogShown(p: Person): Promise<HTMLElement> {
  const dialog = await p.screen.findByRole('dialog', { name: p.agreement.title });
  await waitFor(() => expect(dialog).toBeVisible(), ON_A_BUSY_MACHINE);
  return dialog;
}

/**
 * As first shown: focus is on the agreement (so End and Page Down work at once, and Accept is
 * never focused first); Accept says what is missing.
 */
export const Initial: Story = {
  play: async (context) => {
    const p = personIn(context);
    const dialog = await dialogShown(p);
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog).toHaveAccessibleDescription(fill(p.m.description, { count: 1 }));
    // Focus lands on the agreement once the body (loaded on demand) has rendered it.
    await waitFor(() => expect(p.region()).toHaveFocus(), ON_A_BUSY_MACHINE);
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
    await expect(reasonsShown(p)).toEqual([p.m.reasons.scrollToEnd, fill(p.m.reasons.assent, { count: 1 })]);
  },
};

/**
 * Closed, as a signup page shows it before the person asks to read the terms: the app's trigger
 * opens it. Try it by mouse or keyboard. (The Docs page shows this one: it moves no focus by itself.)
 */
export const Closed: Story = {
  args: { defaultOpen: false },
};

/** Closed: the app's trigger opens it; Escape closes it (no decision) and focus returns to the trigger. */
export const OpenedFromTrigger: Story = {
  args: { defaultOpen: false },
  play: async (context) => {
    const p = personIn(context);
    const trigger = p.screen.getByRole('button', { name: p.env.texts.openTerms });
    await p.user.click(trigger);
    // Focus lands on the agreement once the body (loaded on demand) has rendered it.
    await waitFor(() => expect(p.region()).toHaveFocus(), ON_A_BUSY_MACHINE);
    await expect(context.args.onOpenChange).toHaveBeenLastCalledWith(true);
    await p.user.keyboard('{Escape}');
    await waitFor(() => expect(p.screen.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(trigger).toHaveFocus();
    await expect(context.args.onDecline).not.toHaveBeenCalled();
    await p.user.click(trigger);
    await dialogShown(p);
  },
};

/** Scrolled to the end: only the assent is missing. */
export const ScrolledToEnd: Story = {
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    await scrollToEnd(p);
    await waitFor(() => expect(reasonsShown(p)).toEqual([fill(p.m.reasons.assent, { count: 1 })]));
    await expect(p.screen.getByText(p.m.reachedEnd)).toBeInTheDocument();
  },
};

/** With `requireAllKeyClausesSeen`: every bolded clause scrolled by is ticked off in the summary. */
export const EveryKeyClauseSeen: Story = {
  args: { requireAllKeyClausesSeen: true },
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    const total = agreement.keyClauses.length;
    await readEveryClause(p);
    const summary = p.screen.getByRole('region', { name: p.m.keyClausesHeading });
    await waitFor(() => expect(summary).toHaveAttribute('data-complete'));
    await expect(summary).toHaveTextContent(fill(p.m.keyClausesCount, { seen: total, total }));
    await waitFor(() => expect(reasonsShown(p)).toEqual([fill(p.m.reasons.assent, { count: 1 })]));
  },
};

/** Read and ticked: Accept is available. */
export const ReadyToAccept: Story = {
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    await getReady(p);
    await expect(reasonsShown(p)).toEqual([]);
    await expect(dialogOf(p)).toHaveAttribute('data-state', 'open');
  },
};

/** The receipt on its way (`onAccept` has not settled): the dialog stays, and says so. */
export const Submitting: Story = {
  args: { onAccept: fn(never) },
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    await getReady(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.submitting));
    await expect(p.accept()).toHaveAttribute('aria-busy', 'true');
    await expect(dialogOf(p)).toHaveAttribute('data-state', 'open');
  },
};

/** The delivery failed: the error is shown, Accept becomes Retry, the dialog stays open. */
export const Failed: Story = {
  args: { onAccept: fn(() => Promise.reject(new Error(DELIVERY_ERROR))) },
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    await getReady(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(`${p.m.failed} ${DELIVERY_ERROR}`));
    await expect(p.screen.getByRole('button', { name: p.m.retry })).toHaveAttribute('data-retry');
    await expect(dialogOf(p)).toHaveAttribute('data-state', 'open');
  },
};

/**
 * Delivered: the dialog closes (`closeOnDecision`) and focus returns to the trigger; opened
 * again, it says it is accepted and shows the outcome and the receipt's id.
 */
export const Accepted: Story = {
  args: { onAccept: fn(() => Promise.resolve()) },
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    await getReady(p);
    await pressAccept(p);
    const trigger = p.screen.getByRole('button', { name: p.env.texts.openTerms, hidden: true });
    await waitFor(() => expect(p.screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(trigger).toHaveFocus());
    await p.user.click(trigger);
    const dialog = await dialogShown(p);
    const receipt = (context.args.onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0] as ConsentReceipt;
    // The line under the title says what is true now, not to read and accept.
    await expect(dialog).toHaveAccessibleDescription(fill(p.m.descriptionAccepted, { count: 1 }));
    await expect(p.status()).toHaveTextContent(p.m.accepted);
    await expect(p.status()).toHaveTextContent(fill(p.m.receiptId, { id: receipt.receiptId }));
    await expect(receipt.uiVariant).toBe('modal');
    await expect(p.screen.getByRole('button', { name: p.m.close })).toBeVisible();
  },
};

/**
 * `dismissible={false}`: no Close button, and Escape or a click outside do nothing, until the
 * person accepts or declines. Here the dialog stays after the decision (`closeOnDecision={false}`)
 * to show it: declined, and Close offered only now.
 */
export const NonDismissible: Story = {
  args: { dismissible: false, closeOnDecision: false },
  play: async (context) => {
    const p = personIn(context);
    const dialog = await dialogShown(p);
    await expect(p.screen.queryByRole('button', { name: p.m.close })).not.toBeInTheDocument();
    await p.user.keyboard('{Escape}');
    await expect(dialog).toBeInTheDocument();
    // A click on the backdrop, outside the dialog (the page under it takes no pointer events).
    const backdrop = Array.from(dialog.parentElement?.children ?? []).find(
      (el) => el !== dialog && el.getAttribute('data-state') === 'open',
    );
    if (!backdrop) throw new Error('The dialog has no backdrop beside it.');
    await p.user.click(backdrop);
    await expect(dialog).toBeInTheDocument();
    await expect(context.args.onOpenChange).not.toHaveBeenCalled();
    await p.user.click(p.decline());
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.declined));
    await expect(context.args.onDecline).toHaveBeenCalledTimes(1);
    await expect(dialogOf(p)).toHaveAttribute('data-state', 'open');
    await expect(p.screen.getByRole('button', { name: p.m.close })).toBeVisible();
  },
};

/** On a 320 px phone the dialog fills the screen, and the action bar stays in view below the scrolling body. */
export const SmallPhone: Story = {
  globals: { viewport: { value: 'smallPhone', isRotated: false } },
  play: async (context) => {
    const p = personIn(context);
    const dialog = await dialogShown(p);
    await getReady(p);
    const view = context.canvasElement.ownerDocument.defaultView;
    const [width, height] = [view?.innerWidth ?? 0, view?.innerHeight ?? 0];
    await expect(p.accept().getBoundingClientRect().bottom).toBeLessThanOrEqual(height);
    // The viewport is set by the toolbar (or the test runner); opened on its own at desktop
    // size, the story has nothing small to fill.
    if (width <= 640) {
      await expect(dialog.getBoundingClientRect().width).toBeGreaterThanOrEqual(width - 1);
    }
  },
};

/** A minor in the modal: the age gate asks for a legal guardian in the side column. */
export const Minor: Story = {
  args: { guardian: { mode: 'joint' } },
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    await scrollToEnd(p);
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateDayLabel }), '1');
    await p.user.type(p.screen.getByRole('textbox', { name: p.m.birthDateMonthLabel }), '1');
    await p.user.type(
      p.screen.getByRole('textbox', { name: p.m.birthDateYearLabel }),
      String(new Date().getFullYear() - 15),
    );
    await p.user.tab();
    await expect(
      await p.screen.findByRole('group', { name: p.m.guardianLegend }),
    ).toHaveAccessibleDescription(fill(p.m.guardianIntro, { minimumAge: 18 }, p.m.locale));
    await expect(p.root()).toHaveAttribute('data-minor');
  },
};

/**
 * The Terms and a privacy policy in one dialog, sharing its height, with an optional marketing
 * consent beside them (left unticked here: it is never needed to accept). Accepted, the dialog
 * stays (`closeOnDecision={false}`) to show the outcome, Done and the copies of both documents.
 */
export const TermsAndPrivacyPolicy: Story = {
  args: {
    documents: [{ agreement: privacyPolicy }],
    optionalConsents: [marketingConsent],
    onAccept: fn(() => Promise.resolve()),
    closeOnDecision: false,
  },
  play: async (context) => {
    const p = personIn(context);
    await scrollToEnd(p);
    const privacy = p.documentRegion(privacyPolicy.title);
    showEnd(privacy);
    await waitFor(() => expect(privacy).toHaveAttribute('data-reached-end'));
    await tickAssent(p);
    await expect(p.screen.getByRole('checkbox', { name: marketingConsent.label })).not.toBeChecked();
    await pressAccept(p);
    await waitFor(() => expect(context.args.onAccept).toHaveBeenCalledTimes(1));
    const receipt = (context.args.onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0] as ConsentReceipt;
    await expect(receipt.additionalDocuments.map((d) => d.id)).toEqual(['privacy-policy']);
    await expect(receipt.optionalConsents).toEqual([{ ...marketingConsent, granted: false, at: null }]);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    await expect(dialogOf(p)).toHaveAttribute('data-state', 'open');
    // Under the title: "these documents", as two were agreed to.
    await expect(dialogOf(p)).toHaveAccessibleDescription(
      fill(p.m.descriptionAccepted, { count: 2 }, p.m.locale),
    );
    // Done takes Accept's place once the outcome is shown; on a busy machine it can still be
    // fading in (opacity) when the status is: wait for it, as a person waits to see it.
    await waitFor(() => expect(p.screen.getByRole('button', { name: p.m.done })).toBeVisible());
  },
};

/**
 * Re-consent to updated Terms, with a privacy policy the person has not accepted yet beside them
 * (as the signup example shows a returning account): the dialog says what changed in the Terms and
 * asks for each document to be read to its end. One Accept agrees to both; the receipt records the
 * version of the Terms it replaces.
 */
export const ReconsentWithPrivacyPolicy: Story = {
  args: {
    agreement: updatedAgreement,
    previous: { agreement, acceptedAt: '2024-06-03T09:12:00.000Z', receiptId: null },
    documents: [{ agreement: privacyPolicy }],
    onAccept: fn(() => Promise.resolve()),
    closeOnDecision: false,
  },
  play: async (context) => {
    const p = personIn(context);
    await dialogShown(p);
    // Re-consent's diff loads on demand, so the notice appears a moment later.
    await expect(
      await p.screen.findByRole('region', { name: p.m.changesHeading }, { timeout: 10_000 }),
    ).toBeVisible();
    await expect(dialogOf(p)).toHaveAccessibleDescription(
      fill(p.m.reconsentDescription, { count: 2 }, p.m.locale),
    );
    await scrollToEnd(p);
    await tickAssent(p);
    // The privacy policy is still unread, and Accept says so.
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
    await expect(reasonsShown(p)).toEqual([fill(p.m.reasons.documentEnd, { title: privacyPolicy.title })]);
    const privacy = p.documentRegion(privacyPolicy.title);
    showEnd(privacy);
    await waitFor(() => expect(privacy).toHaveAttribute('data-reached-end'));
    await pressAccept(p);
    await waitFor(() => expect(context.args.onAccept).toHaveBeenCalledTimes(1));
    const receipt = (context.args.onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0] as ConsentReceipt;
    await expect([receipt.agreement.version, receipt.replaces?.version]).toEqual([
      updatedAgreement.version,
      agreement.version,
    ]);
    await expect(receipt.additionalDocuments.map((d) => [d.id, d.reading.reachedEnd])).toEqual([
      ['privacy-policy', true],
    ]);
    await waitFor(() =>
      expect(dialogOf(p)).toHaveAccessibleDescription(
        fill(p.m.descriptionAccepted, { count: 2 }, p.m.locale),
      ),
    );
  },
};

/** Right to left in Arabic: the dialog mirrors (Close at the top left, Accept left of Decline). */
export const RightToLeft: Story = {
  globals: { direction: 'rtl', locale: 'ar' },
  play: async (context) => {
    const p = personIn(context);
    const dialog = await dialogShown(p);
    await expect(p.root()).toHaveAttribute('dir', 'rtl');
    await expect(p.root()).toHaveAttribute('lang', 'ar');
    const close = p.screen.getByRole('button', { name: p.m.close }).getBoundingClientRect();
    await expect(close.left - dialog.getBoundingClientRect().left).toBeLessThan(80);
    await getReady(p);
  },
};

/**
 * Opened before the rest of the modal has loaded (it is preloaded when the modal mounts; a slow
 * network can still be slower than the person): a small dialog with the title and Close says so
 * in a polite status, which is also its description, and holds focus on the title. Nothing can
 * be accepted or declined until the agreement arrives; it then takes this dialog's place. The
 * story holds the load back for as long as it is shown.
 */
export const StillLoading: Story = {
  beforeEach: () => {
    const peek = spyOn(modalEngine, 'peek').mockReturnValue(null);
    const read = spyOn(modalEngine, 'read').mockImplementation(() => {
      throw new Promise<never>(() => {});
    });
    return () => {
      peek.mockRestore();
      read.mockRestore();
    };
  },
  play: async (context) => {
    const p = personIn(context);
    const dialog = await dialogShown(p);
    await expect(within(dialog).getByRole('status')).toHaveTextContent(p.m.modalLoading);
    await expect(dialog).toHaveAccessibleDescription(p.m.modalLoading);
    await waitFor(() =>
      expect(within(dialog).getByRole('heading', { name: p.agreement.title })).toHaveFocus(),
    );
    await expect(within(dialog).queryByRole('button', { name: p.m.accept })).toBeNull();
    await expect(within(dialog).getByRole('button', { name: p.m.close })).toBeVisible();
  },
};
