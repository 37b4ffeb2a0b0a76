import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { AcceptButton, AgreementView, AssentCheckbox, ClickwrapPage, ClickwrapRoot } from '../../src';
import type { ClickwrapPageProps } from '../../src';
import type { ConsentReceipt } from '../../src/core';
import { checkPresentation } from '../../src/core/presentation';
import type { PresentationFinding } from '../../src/core/presentation';
import { componentProps, useStoryEnvironment } from '../environment';
import { shortAgreement, signer } from '../fixtures';
import { getReady, objectArgTypes, personIn, pressAccept } from './play';
import { PageStory } from './wrappers';

const EVERY_RULE: PresentationFinding['rule'][] = [
  'assent-names-agreement',
  'assent-states-consequence',
  'contrast',
  'links-distinct',
  'visible-together',
  'button-label',
  'target-size',
];

/** The receipt `onAccept` was given, once delivered. */
async function receiptOf(onAccept: unknown): Promise<ConsentReceipt> {
  const mock = onAccept as ReturnType<typeof fn>;
  await waitFor(() => expect(mock).toHaveBeenCalledTimes(1));
  return mock.mock.calls[0]![0] as ConsentReceipt;
}

const meta = {
  title: 'Components/Presentation evidence',
  component: ClickwrapPage,
  render: (args) => <PageStory {...args} />,
  args: { agreement: shortAgreement, signer, onAccept: fn(() => Promise.resolve()) },
  argTypes: objectArgTypes,
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'At the moment of accept the receipt records what the notice looked like (`presentation`: ' +
          'the assent statement and the Accept button, on screen or not, their distance, contrast, ' +
          'font size, link styling, viewport, zoom, theme). `checkPresentation(receipt)` runs the ' +
          'notice rules over it; each play function below accepts and checks every rule.',
      },
    },
  },
} satisfies Meta<typeof ClickwrapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Accepts and checks that every notice rule passes on the evidence the receipt recorded. */
const everyRulePasses: Story['play'] = async (context) => {
  const p = personIn(context);
  await getReady(p);
  await pressAccept(p);
  const receipt = await receiptOf(context.args.onAccept);
  await expect(receipt.presentation).toMatchObject({ measured: true, theme: p.env.theme });
  const findings = checkPresentation(receipt);
  await expect(findings.map((f) => f.rule)).toEqual(EVERY_RULE);
  await expect(findings.filter((f) => f.status !== 'pass')).toEqual([]);
};

/** The default light theme: every rule passes. */
export const LightTheme: Story = {
  args: { theme: 'light' },
  globals: { theme: 'light' },
  play: everyRulePasses,
};

/** The default dark theme: every rule passes. */
export const DarkTheme: Story = {
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: everyRulePasses,
};

/**
 * What the rules are for, done wrong on purpose: a bare "Continue" button too small to hit, and
 * far above it, in grey small print, a statement that neither names the agreement nor says
 * that continuing means agreeing, with a link that looks like the text around it.
 */
const BAD_CSS = `
.bad-notice .bad-continue { all: unset; font: 10px/1 sans-serif; padding: 1px 4px; border: 1px solid #999; }
.bad-notice .bad-gap { block-size: 150vh; }
.bad-notice .bad-assent label { color: #b0b0b0; font-size: 10px; }
.bad-notice .bad-assent a { color: inherit; text-decoration: none; }
`;

function BadNotice({ agreement, signer: person, onAccept }: ClickwrapPageProps) {
  const env = useStoryEnvironment();
  return (
    <>
      <style>{BAD_CSS}</style>
      <ClickwrapRoot
        {...componentProps(env)}
        agreement={agreement}
        signer={person}
        onAccept={onAccept}
        unstyled
        className="bad-notice"
        requireScrollToEnd={false}
        uiVariant="bad-example"
      >
        <AgreementView />
        <AcceptButton className="bad-continue">Continue</AcceptButton>
        <div className="bad-gap" />
        <AssentCheckbox
          className="bad-assent"
          label={
            <>
              Keep me signed up (<a href="#details">details</a>).
            </>
          }
        />
      </ClickwrapRoot>
    </>
  );
}

/**
 * Each rule fails, and the receipt says so. axe's colour-contrast rule is off for this story
 * only: the grey small print is the deliberate bad example the rules must catch.
 */
export const EveryRuleFails: Story = {
  name: 'Every rule fails (a deliberately bad notice)',
  render: (args) => <BadNotice {...args} />,
  parameters: {
    // A deliberate bad example: its low contrast is what `contrast` must report.
    a11y: { config: { rules: [{ id: 'color-contrast', enabled: false }] } },
  },
  play: async (context) => {
    const p = personIn(context);
    const assent = p.screen.getByRole('checkbox', { name: /Keep me signed up/ });
    await p.user.click(assent);
    await expect(assent).toBeChecked();
    const continueButton = p.screen.getByRole('button', { name: 'Continue' });
    await waitFor(() => expect(continueButton).not.toHaveAttribute('aria-disabled'));
    await p.user.click(continueButton);
    const receipt = await receiptOf(context.args.onAccept);
    await expect(receipt.presentation).toMatchObject({
      measured: true,
      assent: { inViewport: false },
      acceptButton: { label: 'Continue', visibleText: 'Continue' },
      links: { count: 1, underlined: 0, distinct: false },
    });
    const findings = checkPresentation(receipt);
    await expect(findings.map((f) => [f.rule, f.status])).toEqual(EVERY_RULE.map((rule) => [rule, 'fail']));
    for (const finding of findings) await expect(finding.source).not.toBe('');
  },
};
