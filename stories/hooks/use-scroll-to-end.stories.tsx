import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { useScrollToEnd } from '../../src';
import type { UseScrollToEndOptions } from '../../src';
import { agreement } from '../fixtures';
import { AgreementMarkdown, HookState, stateOf, yesNo } from './parts';

interface ScrollToEndDemoProps extends Pick<UseScrollToEndOptions, 'label' | 'threshold' | 'onReachedEnd'> {
  /** Height of the scroll area in px. @default 320 */
  height?: number;
}

/** The agreement in a scroll area, with the hook's state beside it. */
function ScrollToEndDemo({ height = 320, ...options }: ScrollToEndDemoProps) {
  const scroll = useScrollToEnd(options);
  return (
    <div style={{ display: 'grid', gap: 12, maxWidth: 720 }}>
      <div
        {...scroll.getScrollAreaProps({
          style: { height, overflowY: 'auto', border: '1px solid', padding: '0 12px' },
        })}
      >
        <AgreementMarkdown agreement={agreement} />
        <div {...scroll.getEndMarkerProps()} />
      </div>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" onClick={() => scroll.scrollToEnd()}>
          Scroll to the end
        </button>
        <button type="button" onClick={() => scroll.scrollToTop()}>
          Back to the top
        </button>
      </div>
      <HookState
        label="useScrollToEnd state"
        items={[
          ['Reached the end', yesNo(scroll.reachedEnd)],
          ['Progress', `${Math.round(scroll.progress * 100)}%`],
          ['Reached the end at', scroll.reachedEndAt?.toISOString() ?? '—'],
        ]}
      />
    </div>
  );
}

const meta = {
  title: 'Hooks/useScrollToEnd',
  component: ScrollToEndDemo,
  args: { label: 'Agreement', threshold: 4, height: 320, onReachedEnd: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'Tracks whether the reader has scrolled the agreement to its end, and how far they have ' +
          'got. Spread `getScrollAreaProps()` on the element that scrolls and put ' +
          '`getEndMarkerProps()` on an empty element after the content. The area is a named, ' +
          'focusable region, so keyboard users can scroll it with the arrow keys, Page Down or End.',
      },
    },
  },
} satisfies Meta<typeof ScrollToEndDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Reading by keyboard: the region is the first tab stop. Keys pressed by a script are untrusted
 * events, on which the browser does not scroll, so the play function scrolls the focused region
 * itself, as End, Page Down or a wheel would; the hook measures the real scroll events.
 */
export const Default: Story = {
  play: async ({ canvas, userEvent, args, step }) => {
    const region = canvas.getByRole('region', { name: 'Agreement' });
    await expect(stateOf(canvas, 'Reached the end')).toBe('no');
    await expect(stateOf(canvas, 'Progress')).toBe('0%');

    await step('Tab focuses the agreement', async () => {
      await userEvent.tab();
      await expect(region).toHaveFocus();
    });

    await step('half way down: progress, but not the end', async () => {
      region.scrollTo({ top: (region.scrollHeight - region.clientHeight) / 2, behavior: 'instant' });
      await waitFor(() => expect(stateOf(canvas, 'Progress')).toMatch(/^(4\d|5\d)%$/));
      await expect(stateOf(canvas, 'Reached the end')).toBe('no');
      await expect(region).not.toHaveAttribute('data-reached-end');
    });

    await step('at the end (as End would take it there): reached', async () => {
      region.scrollTo({ top: region.scrollHeight, behavior: 'instant' });
      await waitFor(() => expect(stateOf(canvas, 'Reached the end')).toBe('yes'));
      await expect(stateOf(canvas, 'Progress')).toBe('100%');
      await expect(stateOf(canvas, 'Reached the end at')).toMatch(/^\d{4}-\d\d-\d\dT/);
      await expect(region).toHaveAttribute('data-reached-end');
      await expect(args.onReachedEnd).toHaveBeenCalledTimes(1);
    });

    await step('back at the top: still reached', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Back to the top' }));
      await waitFor(() => expect(region.scrollTop).toBe(0), { timeout: 5000 });
      await expect(stateOf(canvas, 'Reached the end')).toBe('yes');
      await expect(args.onReachedEnd).toHaveBeenCalledTimes(1);
    });
  },
};

/** The "Scroll to the end" button calls the hook's `scrollToEnd()`. */
export const ScrollToEndButton: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Scroll to the end' }));
    await waitFor(() => expect(stateOf(canvas, 'Reached the end')).toBe('yes'), { timeout: 5000 });
    await expect(stateOf(canvas, 'Progress')).toBe('100%');
    await expect(args.onReachedEnd).toHaveBeenCalledTimes(1);
  },
};
