import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { AgreementView, AssentControls, ClickwrapRoot, ReadingProgress } from '../../src';
import type { ClickwrapRootProps } from '../../src';
import { undocumentedDataAttributes } from '../docs/stylesheet';
import { componentProps, useStoryEnvironment } from '../environment';
import { shortAgreement, signer } from '../fixtures';
import { getReady, objectArgTypes, personIn, pressAccept } from './play';

/**
 * Brand tokens, overridden on the root by a class of your own: the light values, and the dark
 * ones under `[data-theme='dark']` (both keep WCAG AA contrast: axe checks this story).
 */
const BRAND_CSS = `
.brand.rcw-root {
  --rcw-color-accent: #6d28d9;
  --rcw-color-accent-hover: #5b21b6;
  --rcw-color-link: #6d28d9;
  --rcw-color-focus: #6d28d9;
  --rcw-color-progress: #6d28d9;
  --rcw-radius-sm: 0;
  --rcw-radius-md: 0;
  --rcw-radius-lg: 0;
  --rcw-font-family-agreement: Georgia, 'Times New Roman', serif;
  --rcw-agreement-max-block-size: 14rem;
}
.brand.rcw-root[data-theme='dark'] {
  --rcw-color-accent: #c4b5fd;
  --rcw-color-accent-hover: #ddd6fe;
  --rcw-color-on-accent: #1e1033;
  --rcw-color-link: #c4b5fd;
  --rcw-color-focus: #c4b5fd;
  --rcw-color-progress: #c4b5fd;
}
`;

/** Your own CSS on an unstyled root, keyed on the state attributes only. */
const OWN_CSS = `
.own-css { display: grid; gap: 0.75rem; max-inline-size: 40rem; }
.own-css [role='region'] { max-block-size: 12rem; overflow: auto; border: 2px dashed; padding-inline: 1rem; }
.own-css [role='region'][data-reached-end] { border-style: solid; }
.own-css [data-key-clause] { outline: 2px dotted; outline-offset: 2px; }
.own-css [data-key-clause][data-seen] { outline-style: solid; }
.own-css button { min-block-size: 2.75rem; padding-inline: 1rem; font: inherit; }
.own-css button[aria-disabled='true'] { opacity: 0.7; cursor: not-allowed; }
.own-css[data-state='accepted'] { border-inline-start: 0.5rem solid; padding-inline-start: 1rem; }
`;

function BrandTokensExample(props: ClickwrapRootProps) {
  const env = useStoryEnvironment();
  return (
    <>
      <style>{BRAND_CSS}</style>
      <ClickwrapRoot {...componentProps(env)} {...props} className="brand" style={{ padding: '1rem' }}>
        <ReadingProgress />
        <AgreementView />
        <AssentControls />
      </ClickwrapRoot>
    </>
  );
}

function OwnCssExample(props: ClickwrapRootProps) {
  const env = useStoryEnvironment();
  return (
    <>
      <style>{OWN_CSS}</style>
      <ClickwrapRoot {...componentProps(env)} {...props} unstyled className="own-css">
        <AgreementView />
        <AssentControls />
      </ClickwrapRoot>
    </>
  );
}

const meta = {
  title: 'Components/Theming',
  component: ClickwrapRoot,
  args: { agreement: shortAgreement, signer, onAccept: fn(() => Promise.resolve()), onDecline: fn() },
  argTypes: {
    ...objectArgTypes,
    // The hook's JSDoc says 'headless'; ClickwrapRoot records 'custom' (docgen cannot see that default).
    uiVariant: { table: { defaultValue: { summary: "'custom'" } } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The two ways to restyle the components: override the `--rcw-` custom properties on ' +
          'the root (the default theme stays), or render `unstyled` and write your own CSS on ' +
          'the state attributes. See Guides › Theming for every property and attribute.',
      },
    },
  },
} satisfies Meta<typeof ClickwrapRoot>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Tokens overridden by a class on the root: accent colour, square corners, a serif agreement. */
export const BrandTokens: Story = {
  render: (args) => <BrandTokensExample {...args} />,
  play: async (context) => {
    const p = personIn(context);
    await getReady(p);
    // With the toolbar on "unstyled" there is no .rcw-root for the brand class to refine.
    if (p.env.unstyled) return;
    const root = p.root();
    await expect(root).toHaveClass('brand', 'rcw-root');
    const accent = getComputedStyle(root).getPropertyValue('--rcw-color-accent').trim();
    await expect(accent).toBe(p.env.theme === 'dark' ? '#c4b5fd' : '#6d28d9');
    await expect(getComputedStyle(p.accept()).borderRadius).toBe('0px');
  },
};

/**
 * `unstyled` with CSS of your own on the data attributes (dashed until read to the end, a
 * dotted outline around each unread key clause). Every `data-*` attribute styles.css uses is
 * documented in Guides › Theming: this story fails if one is not.
 */
export const OwnCssOnDataAttributes: Story = {
  name: 'Own CSS on data attributes',
  render: (args) => <OwnCssExample {...args} />,
  play: async (context) => {
    const p = personIn(context);
    await expect(undocumentedDataAttributes()).toEqual([]);
    await expect(p.root().querySelectorAll('[class*="rcw-"]')).toHaveLength(0);
    await getReady(p);
    await expect(getComputedStyle(p.region()).borderStyle).toBe('solid');
    await pressAccept(p);
    await waitFor(() => expect(p.root()).toHaveAttribute('data-state', 'accepted'));
  },
};
