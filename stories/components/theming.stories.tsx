import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { AgreementView, AssentControls, ClickwrapRoot, ReadingProgress } from '../../src';
import type { ClickwrapRootProps } from '../../src';
import { undocumentedDataAttributes } from '../docs/stylesheet';
import { componentProps, useStoryEnvironment } from '../environment';
import { shortAgreement, signer } from '../fixtures';
import { getReady, objectArgTypes, personIn, pressAccept } from './play';

/**
 * Brand tokens, overridden on the root by a class of your own, each with its light and dark
 * value in light-dark() (both keep WCAG AA contrast: axe checks this story). The bar keeps the
 * brand colour when complete (`--rcw-color-progress-complete`).
 */
const BRAND_CSS = `
.brand.rcw-root {
  --rcw-color-accent: light-dark(#6d28d9, #c4b5fd);
  --rcw-color-accent-hover: light-dark(#5b21b6, #ddd6fe);
  --rcw-color-on-accent: light-dark(#ffffff, #1e1033);
  --rcw-color-link: light-dark(#6d28d9, #c4b5fd);
  --rcw-color-focus: light-dark(#6d28d9, #c4b5fd);
  --rcw-color-progress: light-dark(#6d28d9, #c4b5fd);
  --rcw-color-progress-complete: light-dark(#6d28d9, #c4b5fd);
  --rcw-radius-sm: 0;
  --rcw-radius-md: 0;
  --rcw-radius-lg: 0;
  --rcw-font-family-agreement: Georgia, 'Times New Roman', serif;
  --rcw-agreement-max-block-size: 14rem;
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

/**
 * Tokens overridden by a class on the root: accent colour, square corners, a serif agreement;
 * shown ready to accept, so Accept and the complete progress bar carry the brand.
 */
export const BrandTokens: Story = {
  render: (args) => <BrandTokensExample {...args} />,
  play: async (context) => {
    const p = personIn(context);
    await getReady(p);
    // With the toolbar on "unstyled" there is no .rcw-root for the brand class to refine.
    if (p.env.unstyled) return;
    const root = p.root();
    await expect(root).toHaveClass('brand', 'rcw-root');
    const brand = p.env.theme === 'dark' ? 'rgb(196, 181, 253)' : 'rgb(109, 40, 217)';
    await expect(p.accept()).not.toHaveAttribute('aria-disabled');
    // After the colour transitions settle.
    await waitFor(() => expect(getComputedStyle(p.accept()).backgroundColor).toBe(brand));
    const bar = root.querySelector('.rcw-progress-indicator');
    await waitFor(() => expect(bar && getComputedStyle(bar).backgroundColor).toBe(brand));
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
