import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ClickwrapPage } from '../../src';
import { hashAgreement } from '../../src/core';
import type { ConsentReceipt } from '../../src/core';
import { fill } from '../environment';
import {
  agreement,
  marketingConsent,
  privacyPolicy,
  shortAgreement,
  signer,
  tenCopies,
  updatedAgreement,
} from '../fixtures';
import {
  DELIVERY_ERROR,
  objectArgTypes,
  getReady,
  never,
  personIn,
  pressAccept,
  readEveryClause,
  reasonsShown,
  scrollToEnd,
  tickAssent,
} from './play';
import { StatesDocs } from './states-docs';
import { PageStory } from './wrappers';

const meta = {
  title: 'Components/ClickwrapPage',
  component: ClickwrapPage,
  render: (args) => <PageStory {...args} />,
  args: { agreement, signer, onAccept: fn(), onDecline: fn() },
  argTypes: {
    ...objectArgTypes,
    theme: { control: 'inline-radio', options: ['light', 'dark', 'system'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  parameters: {
    layout: 'fullscreen',
    // Play functions do not run on the Docs page: it shows the first story, the props, and a
    // link to every state (each the same first view there, the page was ~87,000 px tall).
    docs: { page: StatesDocs },
  },
} satisfies Meta<typeof ClickwrapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** As first shown: nothing read, nothing ticked; Accept says what is missing. */
export const Initial: Story = {
  play: async (context) => {
    const p = personIn(context);
    await expect(p.screen.getByRole('heading', { level: 1, name: agreement.title })).toBeVisible();
    await expect(p.screen.getByRole('progressbar', { name: p.m.progressLabel })).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
    await expect(p.assent()).not.toBeChecked();
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
    await expect(p.accept()).toHaveAccessibleDescription(
      `${p.m.missingHeading} ${p.m.reasons.scrollToEnd} ${fill(p.m.reasons.assent, { count: 1 })}`,
    );
    await expect(p.root()).toHaveAttribute('data-state', 'idle');
  },
};

/** Scrolled to the end: the progress is full, announced once; only the assent is missing. */
export const ScrolledToEnd: Story = {
  play: async (context) => {
    const p = personIn(context);
    await scrollToEnd(p);
    await expect(p.root()).toHaveAttribute('data-reached-end');
    await waitFor(() =>
      expect(p.screen.getByRole('progressbar', { name: p.m.progressLabel })).toHaveAttribute(
        'aria-valuenow',
        '100',
      ),
    );
    await expect(p.screen.getByText(p.m.reachedEnd)).toBeInTheDocument();
    await waitFor(() => expect(reasonsShown(p)).toEqual([fill(p.m.reasons.assent, { count: 1 })]));
  },
};

/**
 * With `requireAllKeyClausesSeen`, every bolded clause must have been on screen: the summary
 * ticks each one off as it scrolls by, and counts them.
 */
export const EveryKeyClauseSeen: Story = {
  args: { requireAllKeyClausesSeen: true },
  play: async (context) => {
    const p = personIn(context);
    const total = agreement.keyClauses.length;
    // Not all read yet: the clauses on the first screen may already count as read when the play
    // function looks (the observers report them as soon as they are laid out).
    const unread = reasonsShown(p).filter((reason) =>
      Array.from({ length: total }, (_, seen) => fill(p.m.reasons.keyClauses, { seen, total })).includes(
        reason,
      ),
    );
    await expect(unread).toHaveLength(1);
    await readEveryClause(p);
    const summary = p.screen.getByRole('region', { name: p.m.keyClausesHeading });
    await waitFor(() => expect(summary).toHaveAttribute('data-complete'));
    await expect(summary).toHaveTextContent(fill(p.m.keyClausesCount, { seen: total, total }));
    await waitFor(() => expect(reasonsShown(p)).toEqual([fill(p.m.reasons.assent, { count: 1 })]));
  },
};

/** Read and ticked: Accept is available and nothing is missing. */
export const ReadyToAccept: Story = {
  play: async (context) => {
    const p = personIn(context);
    await getReady(p);
    await expect(p.root()).toHaveAttribute('data-can-accept');
    await expect(reasonsShown(p)).toEqual([]);
    await expect(context.args.onAccept).not.toHaveBeenCalled();
  },
};

/** Accept pressed, the receipt on its way (`onAccept` has not settled): the answers are frozen. */
export const Submitting: Story = {
  args: { onAccept: fn(never) },
  play: async (context) => {
    const p = personIn(context);
    await getReady(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.submitting));
    await expect(p.accept()).toHaveAttribute('aria-busy', 'true');
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
    await expect(p.decline()).toHaveAttribute('aria-disabled', 'true');
    await expect(p.root()).toHaveAttribute('data-state', 'submitting');
    // Submitting starts at the press; onAccept follows once the receipt is made (its maker may
    // still be loading, and hashing takes a moment on a busy machine).
    await waitFor(() => expect(context.args.onAccept).toHaveBeenCalledTimes(1), { timeout: 5000 });
  },
};

/** The delivery failed (`onAccept` rejected): the error is shown and Accept becomes Retry. */
export const Failed: Story = {
  args: { onAccept: fn(() => Promise.reject(new Error(DELIVERY_ERROR))) },
  play: async (context) => {
    const p = personIn(context);
    await getReady(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(`${p.m.failed} ${DELIVERY_ERROR}`));
    await expect(p.status()).toHaveTextContent(p.m.failedHint);
    const retry = p.screen.getByRole('button', { name: p.m.retry });
    await expect(retry).toHaveAttribute('data-retry');
    await expect(retry).not.toHaveAttribute('aria-disabled');
    await expect(p.root()).toHaveAttribute('data-state', 'failed');
  },
};

/** Fails the first delivery, accepts the next (mock state is reset before every story). */
const failOnce = fn((_receipt: ConsentReceipt) =>
  failOnce.mock.calls.length === 1 ? Promise.reject(new Error(DELIVERY_ERROR)) : Promise.resolve(),
);

/** Retry after a failure sends the same receipt (same id: the server can de-duplicate). */
export const RetryAfterFailure: Story = {
  args: { onAccept: failOnce },
  play: async (context) => {
    const p = personIn(context);
    const onAccept = failOnce;
    await getReady(p);
    await pressAccept(p);
    const retry = await p.screen.findByRole('button', { name: p.m.retry });
    await p.user.click(retry);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    await expect(onAccept).toHaveBeenCalledTimes(2);
    const [first, second] = onAccept.mock.calls.map(([receipt]) => receipt as ConsentReceipt);
    await expect(second).toBe(first);
  },
};

/**
 * Delivered: the receipt's id is shown, and it records the SHA-256 of the text shown. With
 * `onDone`, the bar holds the outcome and one Done, no Decline or Accept left behind.
 */
export const Accepted: Story = {
  args: { onAccept: fn(() => Promise.resolve()), onDone: fn() },
  play: async (context) => {
    const p = personIn(context);
    await getReady(p);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    await expect(p.root()).toHaveAttribute('data-state', 'accepted');
    await expect(context.args.onAccept).toHaveBeenCalledTimes(1);
    const receipt = (context.args.onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0] as ConsentReceipt;
    await expect(p.status()).toHaveTextContent(fill(p.m.receiptId, { id: receipt.receiptId }));
    await expect(receipt.agreement.sha256).toBe(await hashAgreement(agreement.markdown));
    await expect(receipt.reading.reachedEnd).toBe(true);
    await expect(receipt.locale).toBe(p.m.locale);
    await expect(receipt.uiVariant).toBe('page');
    await expect(p.screen.queryByRole('button', { name: p.m.decline })).not.toBeInTheDocument();
    await expect(p.screen.queryByRole('button', { name: p.m.accept })).not.toBeInTheDocument();
    await p.user.click(p.screen.getByRole('button', { name: p.m.done }));
    await expect(context.args.onDone).toHaveBeenCalledTimes(1);
  },
};

/** Declined: no consent is recorded; `onDecline` gets what was shown. */
export const Declined: Story = {
  play: async (context) => {
    const p = personIn(context);
    await p.user.click(p.decline());
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.declined));
    await expect(p.root()).toHaveAttribute('data-declined');
    await expect(context.args.onDecline).toHaveBeenCalledTimes(1);
    await expect(context.args.onAccept).not.toHaveBeenCalled();
  },
};

/** A short agreement that fits without scrolling counts as read to the end at once. */
export const ShortAgreement: Story = {
  args: { agreement: shortAgreement },
  play: async (context) => {
    const p = personIn(context);
    const region = p.region();
    await expect(region.scrollHeight).toBeLessThanOrEqual(region.clientHeight + 4);
    await waitFor(() => expect(region).toHaveAttribute('data-reached-end'));
    await expect(reasonsShown(p)).toEqual([fill(p.m.reasons.assent, { count: 1 })]);
    await tickAssent(p);
    await waitFor(() => expect(p.accept()).not.toHaveAttribute('aria-disabled'));
  },
};

/** Ten copies of the agreement (310 kB, 450 key clauses): the page stays usable. */
export const VeryLongAgreement: Story = {
  // Never rendered on a Docs page (ten copies take long to lay out): open it on its own.
  tags: ['!autodocs'],
  loaders: [() => ({ agreement: tenCopies() })],
  render: (args, { loaded }) => <PageStory {...args} agreement={loaded.agreement as typeof agreement} />,
  play: async (context) => {
    const p = personIn(context);
    const total = p.agreement.keyClauses.length;
    await expect(total).toBe(450);
    const summary = p.screen.getByRole('region', { name: p.m.keyClausesHeading });
    // Only the clauses on the first screen may count as read yet (the first is at the top).
    const firstScreen = [0, 1, 2, 3].map((seen) => fill(p.m.keyClausesCount, { seen, total }));
    await expect(firstScreen.some((text) => summary.textContent?.includes(text))).toBe(true);
    await getReady(p);
  },
};

/**
 * On a 320 px phone the action bar sticks to the bottom, and never hides what has focus
 * (WCAG 2.4.11): the assent checkbox, ticked by keyboard, stays above the bar.
 */
export const SmallPhone: Story = {
  globals: { viewport: { value: 'smallPhone', isRotated: false } },
  play: async (context) => {
    const p = personIn(context);
    await scrollToEnd(p);
    const assent = p.assent();
    assent.focus();
    await p.user.keyboard(' ');
    await expect(assent).toBeChecked();
    const bar = p.screen.getByRole('group', { name: p.m.actionsLabel });
    await waitFor(() =>
      expect(assent.getBoundingClientRect().bottom).toBeLessThanOrEqual(bar.getBoundingClientRect().top),
    );
    await waitFor(() => expect(p.accept()).not.toHaveAttribute('aria-disabled'));
  },
};

/** The dark theme (`theme="dark"`): both themes meet WCAG AA contrast, checked by axe here. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async (context) => {
    const p = personIn(context);
    await expect(p.root()).toHaveAttribute('data-theme', 'dark');
    await getReady(p);
  },
};

/** `unstyled`: no `rcw-` class is rendered, so styles.css styles nothing; the data attributes stay. */
export const Unstyled: Story = {
  globals: { theme: 'unstyled' },
  play: async (context) => {
    const p = personIn(context);
    await expect(p.root().querySelectorAll('[class*="rcw-"]')).toHaveLength(0);
    await expect(p.root()).not.toHaveClass('rcw-root');
    await getReady(p);
    await expect(p.root()).toHaveAttribute('data-can-accept');
  },
};

/** In Simplified Chinese (`messages={zhCN}`): the UI and the receipt's locale; the agreement keeps its own language. */
export const SimplifiedChinese: Story = {
  globals: { locale: 'zh-CN' },
  play: async (context) => {
    const p = personIn(context);
    await expect(p.root()).toHaveAttribute('lang', 'zh-CN');
    // The agreement's own words are in its language; the region's name is the UI's.
    await expect(p.region().firstElementChild).toHaveAttribute('lang', 'en');
    await getReady(p);
    await expect(p.accept()).toHaveAccessibleName('接受');
  },
};

/**
 * Right to left (`dir="rtl"`) in Arabic (`messages={ar}`): the layout mirrors and the UI's
 * punctuation falls where Arabic puts it; the English agreement still reads left to right.
 */
export const RightToLeft: Story = {
  globals: { direction: 'rtl', locale: 'ar' },
  play: async (context) => {
    const p = personIn(context);
    await expect(p.root()).toHaveAttribute('dir', 'rtl');
    await expect(p.root()).toHaveAttribute('lang', 'ar');
    await expect(p.accept()).toHaveAccessibleName('موافقة');
    await expect(p.region().firstElementChild).toHaveAttribute('dir', 'ltr');
    const decline = p.decline().getBoundingClientRect();
    const accept = p.accept().getBoundingClientRect();
    // Accept comes after Decline in reading order: to its left in a right-to-left layout.
    await expect(accept.right).toBeLessThanOrEqual(decline.left);
    await getReady(p);
  },
};

/**
 * Re-consent: the person accepted the previous version; the page says what changed, marks the
 * changed passages, and (here) asks them to read only those.
 */
export const Reconsent: Story = {
  args: {
    agreement: updatedAgreement,
    previous: { agreement, acceptedAt: '2024-06-03T09:12:00.000Z', receiptId: null },
    reconsentReading: 'changes',
  },
  play: async (context) => {
    const p = personIn(context);
    // Re-consent's diff loads on demand, so the page appears a moment later.
    await expect(
      await p.screen.findByRole('region', { name: p.m.changesHeading }, { timeout: 10_000 }),
    ).toBeVisible();
    await expect(p.root()).toHaveAttribute('data-reconsent');
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
    // Jump to the first changed passage from the summary: focus lands on it in the agreement.
    const summary = p.screen.getByRole('region', { name: p.m.changesHeading });
    const [first] = within(summary).getAllByRole('button');
    await p.user.click(first!);
    await waitFor(() =>
      expect(p.region().contains(context.canvasElement.ownerDocument.activeElement)).toBe(true),
    );
    await expect(context.canvasElement.ownerDocument.activeElement).toHaveAttribute('data-change');
  },
};

/**
 * Several documents in one flow: the Terms and a privacy policy, each in its own scroll region
 * with its own progress and key clauses, and an optional marketing consent. One Accept waits for
 * both documents; the one receipt lists each with its own hash, and the marketing consent,
 * granted or not.
 */
export const TermsAndPrivacyPolicy: Story = {
  args: {
    documents: [{ agreement: privacyPolicy }],
    optionalConsents: [marketingConsent],
    onAccept: fn(() => Promise.resolve()),
  },
  play: async (context) => {
    const p = personIn(context);
    const privacy = p.documentRegion(privacyPolicy.title);
    await expect(privacy).toBeVisible();
    const marketing = p.screen.getByRole('checkbox', { name: marketingConsent.label });
    await expect(marketing).not.toBeChecked();

    await scrollToEnd(p);
    await tickAssent(p);
    // The privacy policy is still unread, and Accept says so.
    await expect(p.accept()).toHaveAttribute('aria-disabled', 'true');
    await expect(p.accept()).toHaveAccessibleDescription(
      `${p.m.missingHeading} ${fill(p.m.reasons.documentEnd, { title: privacyPolicy.title })}`,
    );
    await readEveryClause(p, privacy);
    await p.user.click(marketing);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));

    const receipt = (context.args.onAccept as ReturnType<typeof fn>).mock.calls[0]?.[0] as ConsentReceipt;
    await expect(
      receipt.additionalDocuments.map((d) => [d.id, d.reading.required, d.reading.reachedEnd]),
    ).toEqual([['privacy-policy', 'whole', true]]);
    await expect(receipt.additionalDocuments[0]?.sha256).toBe(await hashAgreement(privacyPolicy.markdown));
    await expect(receipt.optionalConsents.map((c) => [c.id, c.granted])).toEqual([['marketing-email', true]]);
  },
};
