import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import {
  AcceptButton,
  Acknowledgements,
  AgreementView,
  AssentCheckbox,
  AssentControls,
  ClickwrapRoot,
  DeclineButton,
  DeliveryStatus,
  GuardianForm,
  KeyClauseSummary,
  MissingReasons,
  OrganizationForm,
  ReadingProgress,
  TableOfContents,
  useClickwrapContext,
} from '../../src';
import type { ClickwrapRootProps } from '../../src';
import { componentProps, useStoryEnvironment } from '../environment';
import { agreement, signer } from '../fixtures';
import { objectArgTypes, personIn, getReady, pressAccept } from './play';

/**
 * A part of your own: the steps to consent, from the live state of the enclosing root
 * (`useClickwrapContext` throws a clear message outside one).
 */
function ConsentSteps() {
  const cw = useClickwrapContext('ConsentSteps');
  const { texts } = useStoryEnvironment();
  const steps = [
    [texts.steps.read, cw.scroll.reachedEnd],
    [texts.steps.agree, cw.assented],
    [texts.steps.send, cw.status === 'accepted'],
  ] as const;
  const current = steps.findIndex(([, done]) => !done);
  return (
    <nav aria-label={texts.steps.label}>
      <ol style={{ margin: 0, paddingInlineStart: '1.25rem', display: 'grid', gap: 4 }}>
        {steps.map(([label, done], i) => (
          <li key={label} aria-current={i === current ? 'step' : undefined}>
            {i === current ? <strong>{label}</strong> : label}
            {done ? ` ${texts.steps.done}` : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Two columns built from the exported parts inside `ClickwrapRoot`: the steps, the table of
 * contents and the key-clause summary beside the agreement; the assent controls below it.
 */
function CustomLayout(props: ClickwrapRootProps) {
  const env = useStoryEnvironment();
  return (
    <ClickwrapRoot
      {...componentProps(env)}
      {...props}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem', padding: '1rem', ...props.style }}
    >
      <div style={{ flex: '1 1 16rem', display: 'grid', gap: '1rem', alignContent: 'start' }}>
        <ConsentSteps />
        <TableOfContents maxDepth={2} />
      </div>
      <div style={{ flex: '3 1 24rem', display: 'grid', gap: '1rem', minWidth: 0 }}>
        <h2 style={{ margin: 0 }}>{agreement.title}</h2>
        <ReadingProgress />
        <AgreementView headingOffset={2} style={{ maxBlockSize: '24rem' }} />
        <GuardianForm />
        <OrganizationForm />
        <Acknowledgements />
        <AssentControls />
      </div>
      <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
        <KeyClauseSummary headingLevel={3} />
      </div>
    </ClickwrapRoot>
  );
}

const meta = {
  title: 'Components/Custom layout',
  component: ClickwrapRoot,
  subcomponents: {
    AgreementView,
    ReadingProgress,
    KeyClauseSummary,
    TableOfContents,
    GuardianForm,
    Acknowledgements,
    OrganizationForm,
    AssentControls,
    AssentCheckbox,
    MissingReasons,
    DeclineButton,
    AcceptButton,
    DeliveryStatus,
  },
  render: (args) => <CustomLayout {...args} />,
  args: { agreement, signer, onAccept: fn(() => Promise.resolve()), onDecline: fn() },
  argTypes: {
    ...objectArgTypes,
    // The hook's JSDoc says 'headless'; ClickwrapRoot records 'custom' (docgen cannot see that default).
    uiVariant: { table: { defaultValue: { summary: "'custom'" } } },
  },
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          '`ClickwrapRoot` runs `useClickwrap` and provides it to the parts inside, which you ' +
          'arrange as you like; `useClickwrapContext` gives your own parts the live state. The ' +
          'tabs below list the props of every part.',
      },
    },
  },
} satisfies Meta<typeof ClickwrapRoot>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The parts in a layout of your own, with a part of your own (the steps) following the state. */
export const TwoColumns: Story = {
  play: async (context) => {
    const p = personIn(context);
    const steps = p.screen.getByRole('navigation', { name: p.env.texts.steps.label });
    const current = () => steps.querySelector('[aria-current="step"]');
    await expect(current()).toHaveTextContent(p.env.texts.steps.read);
    await getReady(p);
    await expect(current()).toHaveTextContent(p.env.texts.steps.send);
    await pressAccept(p);
    await waitFor(() => expect(p.status()).toHaveTextContent(p.m.accepted));
    await expect(current()).toBeNull();
    await expect(p.root()).toHaveAttribute('data-state', 'accepted');
  },
};
