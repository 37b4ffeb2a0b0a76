import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { useKeyClauses, useScrollToEnd } from '../../src';
import type { UseKeyClausesOptions } from '../../src';
import { agreement } from '../fixtures';
import { AgreementMarkdown, HookState, stateOf, yesNo } from './parts';

interface KeyClausesDemoProps extends Pick<UseKeyClausesOptions, 'visibleRatio' | 'onClauseSeen'> {
  /** Height of the scroll area in px. @default 320 */
  height?: number;
}

/** Shortens a clause's bold text for the state list. */
function excerpt(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The agreement in a scroll area with every key clause registered, a button that jumps to the
 * next clause not yet seen, and the hook's state.
 */
function KeyClausesDemo({ height = 320, ...options }: KeyClausesDemoProps) {
  const scroll = useScrollToEnd();
  const keyClauses = useKeyClauses(agreement, { ...options, root: scroll.scrollArea });
  const { nextUnseen, seenIds } = keyClauses;
  const lastSeen = agreement.keyClauses.find((c) => c.id === seenIds[seenIds.length - 1]);
  return (
    <div style={{ display: 'grid', gap: 12, maxWidth: 720 }}>
      <div>
        {nextUnseen ? (
          <button type="button" {...keyClauses.getClauseLinkProps(nextUnseen.id)}>
            Next unseen clause
          </button>
        ) : (
          <p>Every key clause has been seen.</p>
        )}
      </div>
      <div
        {...scroll.getScrollAreaProps({
          style: { height, overflowY: 'auto', border: '1px solid', padding: '0 12px' },
        })}
      >
        <AgreementMarkdown agreement={agreement} getClauseProps={keyClauses.getClauseProps} />
        <div {...scroll.getEndMarkerProps()} />
      </div>
      <HookState
        label="useKeyClauses state"
        items={[
          ['Seen', `${keyClauses.seenCount} of ${keyClauses.total}`],
          ['All seen', yesNo(keyClauses.allSeen)],
          ['Last seen', lastSeen ? excerpt(lastSeen.boldText) : '—'],
          ['Next unseen', nextUnseen ? excerpt(nextUnseen.boldText) : '—'],
        ]}
      />
    </div>
  );
}

const meta = {
  title: 'Hooks/useKeyClauses',
  component: KeyClausesDemo,
  args: { visibleRatio: 0.5, height: 320, onClauseSeen: fn() },
  parameters: {
    docs: {
      description: {
        component:
          "Tracks which of the agreement's key clauses (the ones it brings to the reader's " +
          'attention in bold) have been on screen. Pass the scroll area as `root`, spread ' +
          "`getClauseProps(id)` on each clause's element, and `getClauseLinkProps(id)` on a " +
          'control that jumps to it (it scrolls the area, not the page, and moves focus there).',
      },
    },
  },
} satisfies Meta<typeof KeyClausesDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Jumping to the next unseen clause brings it on screen, focuses it and counts it as seen. */
export const Default: Story = {
  play: async ({ canvas, canvasElement, userEvent, args, step }) => {
    const seen = () => Number(/^(\d+) of 45$/.exec(stateOf(canvas, 'Seen'))?.[1]);
    await expect(stateOf(canvas, 'All seen')).toBe('no');

    for (const attempt of ['first', 'second']) {
      await step(`press "Next unseen clause" (${attempt} time)`, async () => {
        const before = seen();
        await userEvent.click(canvas.getByRole('button', { name: 'Next unseen clause' }));

        // Focus lands on the clause the button pointed to when pressed (the one it points to
        // now may be later: clauses seen on the way are skipped).
        const clause = canvasElement.ownerDocument.activeElement;
        await expect(clause).toHaveAttribute('data-key-clause');
        await waitFor(() => expect(clause).toHaveAttribute('data-seen'), { timeout: 5000 });
        await waitFor(() => expect(seen()).toBeGreaterThan(before));
      });
    }
    // Once per clause, with the clause: as many calls as clauses counted.
    await waitFor(() => expect(args.onClauseSeen).toHaveBeenCalledTimes(seen()));
  },
};
