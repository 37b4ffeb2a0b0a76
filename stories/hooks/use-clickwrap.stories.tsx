import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { useClickwrap } from '../../src';
import type { UseClickwrapOptions } from '../../src';
import { hashAgreement } from '../../src/core';
import type { ConsentReceipt } from '../../src/core';
import { agreement, signer } from '../fixtures';
import { AgreementMarkdown, HookState, stateOf, yesNo } from './parts';

type ClickwrapDemoProps = Pick<
  UseClickwrapOptions,
  'onAccept' | 'onDecline' | 'requireScrollToEnd' | 'requireAllKeyClausesSeen' | 'signer' | 'locale'
> & {
  /** Height of the agreement's scroll area in px. @default 320 */
  height?: number;
};

const ASSENT_LABEL = 'I have read and agree to the Instadesk Terms and Conditions';

const STATUS_TEXT = {
  idle: '',
  submitting: 'Sending your consent…',
  accepted: 'Consent recorded.',
  failed: 'Your consent could not be sent. Try again.',
} as const;

/** The whole clickwrap from `useClickwrap`'s prop getters, with the hook's state and receipt. */
function ClickwrapDemo({ height = 320, ...options }: ClickwrapDemoProps) {
  const cw = useClickwrap({ agreement, ...options });
  return (
    <div style={{ display: 'grid', gap: 12, maxWidth: 720 }}>
      <div
        {...cw.scroll.getScrollAreaProps({
          style: { height, overflowY: 'auto', border: '1px solid', padding: '0 12px' },
        })}
      >
        <AgreementMarkdown agreement={agreement} getClauseProps={cw.keyClauses.getClauseProps} />
        <div {...cw.scroll.getEndMarkerProps()} />
      </div>
      <label>
        <input {...cw.getAssentCheckboxProps()} /> {ASSENT_LABEL}
      </label>
      <div style={{ display: 'flex', gap: 8 }}>
        <button {...cw.getAcceptButtonProps()}>{cw.status === 'failed' ? 'Retry' : 'Accept'}</button>
        <button {...cw.getDeclineButtonProps()}>Decline</button>
      </div>
      <ul {...cw.getMissingProps({ style: { margin: 0 } })}>
        {cw.missing.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p {...cw.getStatusProps({ style: { margin: 0 } })}>{STATUS_TEXT[cw.status]}</p>
      <HookState
        label="useClickwrap state"
        items={[
          ['Status', cw.status],
          ['Can accept', yesNo(cw.canAccept)],
          ['Reached the end', yesNo(cw.scroll.reachedEnd)],
          ['Key clauses seen', `${cw.keyClauses.seenCount} of ${cw.keyClauses.total}`],
          ['Missing', cw.missing.length ? String(cw.missing.length) : 'nothing'],
          [
            'Receipt',
            cw.receipt ? (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {JSON.stringify(cw.receipt, null, 2)}
              </pre>
            ) : (
              'none yet'
            ),
          ],
        ]}
      />
    </div>
  );
}

const meta = {
  title: 'Hooks/useClickwrap',
  component: ClickwrapDemo,
  args: {
    signer,
    requireScrollToEnd: true,
    requireAllKeyClausesSeen: false,
    locale: 'en',
    height: 320,
    onAccept: fn(),
    onDecline: fn(),
  },
  parameters: {
    docs: {
      description: {
        component:
          'The composite: reading (scroll to end, key clauses), optional age gate and guardian, ' +
          'acknowledgements and organisation signer, and the assent, gated into one Accept ' +
          'button that explains what is missing (it is `aria-disabled`, never `disabled`, so it ' +
          'stays focusable). Accepting builds the consent receipt, with the SHA-256 of the ' +
          'canonical text shown, and hands it to `onAccept`.',
      },
    },
  },
} satisfies Meta<typeof ClickwrapDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Read to the end, tick the assent, accept: the receipt records the agreement's hash. */
export const Default: Story = {
  play: async ({ canvas, userEvent, args, step }) => {
    const region = canvas.getByRole('region', { name: 'Agreement' });
    const assent = canvas.getByRole('checkbox', { name: ASSENT_LABEL });
    const accept = canvas.getByRole('button', { name: 'Accept' });

    await step('before reading, Accept explains what is missing', async () => {
      await expect(assent).not.toBeChecked();
      await expect(accept).toHaveAttribute('aria-disabled', 'true');
      await expect(accept).toHaveAccessibleDescription(
        'Scroll to the end of the agreement. Tick the box to agree to the agreement.',
      );
      await userEvent.click(accept);
      await expect(stateOf(canvas, 'Status')).toBe('idle');
      await waitFor(() => expect(assent).toBeInvalid());
      await expect(args.onAccept).not.toHaveBeenCalled();
    });

    await step('scroll the agreement to the end', async () => {
      region.scrollTo({ top: region.scrollHeight, behavior: 'instant' });
      await waitFor(() => expect(stateOf(canvas, 'Reached the end')).toBe('yes'));
      await expect(accept).toHaveAccessibleDescription('Tick the box to agree to the agreement.');
    });

    await step('tick the assent', async () => {
      await userEvent.click(assent);
      await expect(assent).toBeChecked();
      await waitFor(() => expect(stateOf(canvas, 'Can accept')).toBe('yes'));
      await expect(accept).not.toHaveAttribute('aria-disabled');
    });

    await step('press Accept', async () => {
      await userEvent.click(accept);
      await waitFor(() => expect(stateOf(canvas, 'Status')).toBe('accepted'));
      await expect(canvas.getByRole('status')).toHaveTextContent('Consent recorded.');
    });

    await step('the receipt records the SHA-256 of the text shown, and the language it is in', async () => {
      const sha256 = await hashAgreement(agreement.markdown);
      const receipt = JSON.parse(stateOf(canvas, 'Receipt')) as ConsentReceipt;
      await expect(receipt.agreement).toEqual({
        id: 'instadesk-terms',
        version: '2024-05-01',
        title: 'Instadesk Terms and Conditions',
        sha256,
        canonicalization: agreement.canonicalization,
        // The stories' agreement says it is English (parseAgreement's language).
        language: 'en',
      });
      await expect(receipt.signer).toEqual({ id: 'user-1', name: 'Anna Berg' });
      await expect(receipt.reading.reachedEnd).toBe(true);
      await expect(args.onAccept).toHaveBeenCalledTimes(1);
      await expect(args.onAccept).toHaveBeenCalledWith(receipt);
    });
  },
};
