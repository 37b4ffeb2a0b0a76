import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ConsentSettings, type ConsentSettingsProps } from '../../src';
import { createFakeServer } from '../../src/components/consent-settings.test-utils';

const LABELS = { 'marketing-email': 'Send me Instadesk product news by e-mail.' };

/**
 * Against a recorded fake of react-clickwrap/server (the routes of src/server/README.md, with the
 * example's texts and their hashes): a person who accepted the Terms and the privacy policy and
 * granted marketing e-mail. `needsReconsent` publishes a new Terms version first.
 */
function Example({
  needsReconsent = false,
  signedOut = false,
  ...props
}: Partial<ConsentSettingsProps> & { needsReconsent?: boolean; signedOut?: boolean }) {
  const [server] = useState(() => {
    const fake = createFakeServer();
    if (needsReconsent) fake.state.current['instadesk-terms'] = '2025-06-01';
    fake.state.signedIn = !signedOut;
    return fake;
  });
  return (
    <ConsentSettings
      basePath="/api/clickwrap"
      fetch={server.fetch}
      optionalConsentLabels={LABELS}
      locale="en-GB"
      {...props}
    />
  );
}

const meta = {
  title: 'Components/ConsentSettings',
  component: Example,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof Example>;
export default meta;
type Story = StoryObj<typeof meta>;

/** What was agreed, a copy of each version, and withdrawal: marketing in one step, everything after a confirmation. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const terms = await canvas.findByText(/You accepted version 2023-01-01 on 4 March 2025/);
    await expect(terms).toBeVisible();
    await userEvent.click(
      canvas.getByRole('button', { name: 'Withdraw: Send me Instadesk product news by e-mail.' }),
    );
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Withdrawn: Send me Instadesk product news by e-mail.',
      ),
    );
    await expect(canvas.getByText('Not given.')).toBeVisible();

    const trigger = canvas.getByRole('button', { name: 'Withdraw all consent…' });
    await userEvent.click(trigger);
    const confirm = await canvas.findByRole('group', { name: 'Withdraw all consent?' });
    await waitFor(() => expect(confirm).toHaveFocus());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(trigger).toHaveFocus());
    await expect(canvas.queryByRole('group', { name: 'Withdraw all consent?' })).toBeNull();
    // The documents are still agreed to: only marketing was withdrawn.
    await expect(canvas.getByText(/You accepted version 2023-01-01/)).toBeVisible();
  },
};

/** A new Terms version: the accepted one is named, and the new one needs consent. */
export const NeedsReconsent: Story = {
  args: { needsReconsent: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/Version 2025-06-01 is new and needs your consent/)).toBeVisible();
  },
};

/** Nobody signed in: the server answers 401. */
export const SignedOut: Story = {
  args: { signedOut: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Sign in to see your consents.');
  },
};
