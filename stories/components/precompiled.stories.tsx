import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ClickwrapPage } from '../../src';
import type { ClickwrapPageProps } from '../../src';
import { deserializeAgreement } from '../../src/core';
import { componentProps, useStoryEnvironment } from '../environment';
import { signer } from '../fixtures';
// What the server sent: `serializeAgreement(parseAgreement({ id, version, markdown }))`, written
// by a build step (the test in src/core/agreement/precompiled.test.ts keeps it up to date).
import precompiled from './precompiled-terms.json';

/**
 * Precompiled agreements: a Server Component, a build step or a server parses the agreement
 * and sends `serializeAgreement(agreement)`, plain JSON with the markdown, its tree by offsets
 * and the key clauses' tags; the client reads it with `deserializeAgreement` and renders it.
 * No markdown is parsed in the browser: neither by `parseAgreement` nor by the view.
 *
 * ```tsx
 * // app/signup/page.tsx (a Server Component)
 * const terms = serializeAgreement(parseAgreement({ id: 'terms', version, markdown }));
 * return <SignupConsent terms={terms} />;
 *
 * // signup-consent.tsx ('use client')
 * const agreement = useMemo(() => deserializeAgreement(terms), [terms]);
 * return <ClickwrapPage agreement={agreement} signer={signer} onAccept={send} />;
 * ```
 */
function PrecompiledStory(props: Omit<ClickwrapPageProps, 'agreement'>) {
  const env = useStoryEnvironment();
  const agreement = deserializeAgreement(precompiled);
  return <ClickwrapPage {...componentProps(env)} {...props} agreement={agreement} />;
}

const meta = {
  title: 'Components/Precompiled agreement',
  component: PrecompiledStory,
  args: { signer, onAccept: fn() },
} satisfies Meta<typeof PrecompiledStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The server parsed it; the browser only renders it, key clauses and all. */
export const FromTheServer: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const region = await canvas.findByRole('region', { name: 'Instadesk Terms and Conditions, full text' });
    await waitFor(() => expect(region.querySelectorAll('[data-key-clause]').length).toBe(45));
    await expect(region).toHaveTextContent('Terms and Conditions');
  },
};
