import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ConsentSettings, type ConsentSettingsProps } from '../../src';
import type { Message } from '../../src/messages';
import { createFakeServer } from '../../src/components/consent-settings.test-utils';
import { componentProps, environmentFrom, fill, useStoryEnvironment } from '../environment';
import { StatesDocs } from './states-docs';

const TERMS = 'Instadesk Terms and Conditions';
const PRIVACY = 'Example Privacy Policy';

/**
 * How the fake server behaves: `up` answers every route; `slow` never answers (still loading);
 * `down` cannot be reached at all; `withdrawals-fail` answers the list but cannot be reached for a
 * withdrawal.
 */
type ServerMode = 'up' | 'slow' | 'down' | 'withdrawals-fail';

interface ExampleProps extends Partial<ConsentSettingsProps> {
  /** A new Terms version is published: the accepted one needs re-consent. */
  needsReconsent?: boolean;
  /** Nobody is signed in: the server answers 401. */
  signedOut?: boolean;
  server?: ServerMode;
  /** Told of every request the component makes (method and path), answered or not. */
  onRequest?: (method: string, path: string) => void;
}

/**
 * Against a recorded fake of react-clickwrap/server (the routes of src/server/README.md, with the
 * example's texts and their hashes): a person who accepted the Terms and the privacy policy and
 * granted marketing e-mail. The toolbar's theme, language and direction apply; the story's args win.
 */
function Example({
  needsReconsent = false,
  signedOut = false,
  server = 'up',
  onRequest,
  ...props
}: ExampleProps) {
  const env = useStoryEnvironment();
  const [fetcher] = useState(() => {
    const fake = createFakeServer();
    if (needsReconsent) fake.state.current['instadesk-terms'] = '2025-06-01';
    fake.state.signedIn = !signedOut;
    fake.setOffline(server === 'down');
    const answer: typeof globalThis.fetch = (input, init) => {
      const method = (init?.method ?? 'GET').toUpperCase();
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      onRequest?.(method, new URL(url, 'http://app.test').pathname);
      if (server === 'slow') return new Promise<never>(() => {});
      if (server === 'withdrawals-fail' && method === 'POST') {
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return fake.fetch(input, init);
    };
    return answer;
  });
  return (
    <ConsentSettings
      {...componentProps(env)}
      basePath="/api/clickwrap"
      fetch={fetcher}
      // The app's own label, in the toolbar's language like the rest of the page.
      optionalConsentLabels={{ 'marketing-email': env.texts.marketingEmail }}
      {...props}
    />
  );
}

const meta = {
  title: 'Components/ConsentSettings',
  component: Example,
  args: { onRequest: fn(), onWithdrawn: fn() },
  argTypes: {
    server: { control: 'inline-radio', options: ['up', 'slow', 'down', 'withdrawals-fail'] },
    messages: { control: false },
    fetch: { control: false },
    optionalConsentLabels: { control: false },
  },
  parameters: {
    layout: 'padded',
    // Most states are reached by a play function, which does not run on the Docs page.
    docs: { page: StatesDocs },
  },
} satisfies Meta<typeof Example>;
export default meta;
type Story = StoryObj<typeof meta>;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Stands for a value a message is matched with whatever it says (a date, in the language's format). */
const ANY = '\u0000';

/** A message as shown, with `ANY` for the values it may show in any form. */
function shown<P extends Record<string, string | readonly string[]>>(message: Message<P>, values: P): RegExp {
  return new RegExp(escape(fill(message, values)).split(ANY).join('.+'));
}

/** The view, its texts in the toolbar's language, and the person's user-event. */
function viewOf(context: Pick<StoryContext, 'canvasElement' | 'globals' | 'userEvent'>) {
  const { messages: m, texts } = environmentFrom(context.globals);
  const canvas = within(context.canvasElement);
  return {
    canvas,
    /** The optional consent's label, as the app gives it. */
    marketing: texts.marketingEmail,
    user: context.userEvent,
    t: m.consentSettings,
    /** The view, named by its heading, once the list has loaded. */
    loaded: async () => {
      const view = canvas.getByRole('region', { name: m.consentSettings.heading });
      await canvas.findByRole('heading', { name: m.consentSettings.documentsHeading });
      return view;
    },
  };
}

/** What was agreed, a copy of each version, and withdrawal: marketing in one step, everything after a confirmation. */
export const Default: Story = {
  play: async (context) => {
    const { canvas, user, t, loaded, marketing } = viewOf(context);
    await loaded();
    await expect(canvas.getByText(shown(t.accepted, { version: '2023-01-01', date: ANY }))).toBeVisible();
    await expect(
      canvas.getByRole('button', { name: fill(t.download, { title: TERMS, version: '2023-01-01' }) }),
    ).toBeVisible();
    await user.click(canvas.getByRole('button', { name: fill(t.withdrawLabel, { label: marketing }) }));
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(fill(t.withdrawn, { label: marketing })),
    );
    await expect(canvas.getByText(t.optionalNotGranted)).toBeVisible();

    const trigger = canvas.getByRole('button', { name: t.withdrawAll });
    await user.click(trigger);
    const confirm = await canvas.findByRole('group', { name: t.confirmHeading });
    await waitFor(() => expect(confirm).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(trigger).toHaveFocus());
    await expect(canvas.queryByRole('group', { name: t.confirmHeading })).toBeNull();
    // The documents are still agreed to: only marketing was withdrawn.
    await expect(canvas.getByText(shown(t.accepted, { version: '2023-01-01', date: ANY }))).toBeVisible();
  },
};

/** A new Terms version: the accepted one is named, and the new one needs consent. */
export const NeedsReconsent: Story = {
  args: { needsReconsent: true },
  play: async (context) => {
    const { canvas, t } = viewOf(context);
    await expect(
      await canvas.findByText(
        shown(t.needsReconsent, { version: '2023-01-01', date: ANY, current: '2025-06-01' }),
      ),
    ).toBeVisible();
  },
};

/** Nobody signed in: the server answers 401. */
export const SignedOut: Story = {
  args: { signedOut: true },
  play: async (context) => {
    const { canvas, t } = viewOf(context);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(t.signInRequired);
  },
};

/** The server has not answered yet: the heading, and a polite status that says it is loading. */
export const Loading: Story = {
  args: { server: 'slow' },
  play: async (context) => {
    const { canvas, t } = viewOf(context);
    await expect(canvas.getByRole('heading', { name: t.heading })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent(t.loading);
    await expect(canvas.queryByRole('heading', { name: t.documentsHeading })).toBeNull();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

/**
 * The server cannot be reached: an alert says the consents could not be loaded, with Try again.
 * Pressed while the server is still down, it asks again (focus on the view's heading meanwhile)
 * and the alert comes back.
 */
export const LoadFailed: Story = {
  args: { server: 'down' },
  play: async (context) => {
    const { canvas, user, t } = viewOf(context);
    const onRequest = context.args.onRequest as ReturnType<typeof fn>;
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(t.loadFailed);
    const asked = onRequest.mock.calls.length;
    await user.click(within(alert).getByRole('button', { name: t.reload }));
    await expect(canvas.getByRole('heading', { name: t.heading })).toHaveFocus();
    await waitFor(() => expect(onRequest.mock.calls.length).toBeGreaterThan(asked));
    const again = await canvas.findByRole('alert');
    await expect(again).toHaveTextContent(t.loadFailed);
    await expect(within(again).getByRole('button', { name: t.reload })).toBeVisible();
  },
};

/**
 * Everything withdrawn, after the confirmation: each document says which version was accepted and
 * when consent was withdrawn, with a copy of what was agreed to; marketing is not given, and
 * nothing is left to withdraw.
 */
export const AllWithdrawn: Story = {
  play: async (context) => {
    const { canvas, user, t, loaded } = viewOf(context);
    await loaded();
    await user.click(canvas.getByRole('button', { name: t.withdrawAll }));
    const confirm = await canvas.findByRole('group', { name: t.confirmHeading });
    await expect(confirm).toHaveAccessibleDescription(shown(t.confirmText, { documents: [ANY] }));
    await user.click(within(confirm).getByRole('button', { name: t.confirm }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(t.withdrawnAll));
    await expect(canvas.getByRole('heading', { name: t.heading })).toHaveFocus();
    for (const title of [TERMS, PRIVACY]) {
      const doc = canvas.getByRole('heading', { name: title }).closest('li')!;
      // What they had agreed to stays shown, with when they withdrew, and its copy.
      await expect(
        within(doc).getByText(shown(t.acceptedThenWithdrawn, { version: ANY, date: ANY, withdrawn: ANY })),
      ).toBeVisible();
      await expect(
        within(doc).getByRole('button', { name: shown(t.download, { title, version: ANY }) }),
      ).toBeVisible();
    }
    await expect(canvas.getByText(t.optionalNotGranted)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: t.withdrawAll })).toBeNull();
    await expect(context.args.onWithdrawn).toHaveBeenCalledTimes(1);
  },
};

/**
 * A withdrawal the server cannot record (it cannot be reached): an alert says so, with the
 * reason, and marketing e-mail stays given, its Withdraw still there to try again.
 */
export const WithdrawFailed: Story = {
  args: { server: 'withdrawals-fail' },
  play: async (context) => {
    const { canvas, user, t, loaded, marketing } = viewOf(context);
    await loaded();
    const withdraw = canvas.getByRole('button', { name: fill(t.withdrawLabel, { label: marketing }) });
    await user.click(withdraw);
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(t.withdrawFailed);
    await expect(alert).toHaveTextContent(t.unreachable);
    // Said where the person acted: in the consent's own row. The alert announces it; the button
    // that failed, still focused, is described by it once focus leaves it (for coming back).
    await expect(withdraw.closest('li')).toContainElement(alert);
    await expect(withdraw).toHaveFocus();
    await expect(withdraw).not.toHaveAttribute('aria-describedby');
    await user.tab();
    await expect(withdraw).toHaveAttribute('aria-describedby', alert.id);
    await expect(canvas.getByText(shown(t.optionalGranted, { date: ANY }))).toBeVisible();
    await expect(withdraw).toBeVisible();
    await expect(withdraw).not.toHaveAttribute('aria-disabled');
    await expect(context.args.onWithdrawn).not.toHaveBeenCalled();
  },
};
