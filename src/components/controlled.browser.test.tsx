'use client';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapModal } from './clickwrap-modal';
import { agreement, frames, SIGNER } from './test-utils.test-utils';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a controlled ClickwrapModal `open`', () => {
  describe('whose parent refuses to close it', () => {
    it('hears every Escape (1st, 2nd, 3rd) and stays open', async () => {
      const onOpenChange = vi.fn();
      await render(
        <ClickwrapModal
          open
          onOpenChange={onOpenChange}
          agreement={agreement}
          signer={SIGNER}
          onAccept={async () => {}}
        />,
      );
      const dialog = page.getByRole('dialog');
      await expect.element(dialog).toBeVisible();
      for (let i = 1; i <= 3; i++) {
        await userEvent.keyboard('{Escape}');
        await vi.waitFor(() => expect(onOpenChange).toHaveBeenCalledTimes(i));
        expect(onOpenChange).toHaveBeenLastCalledWith(false);
        await frames(2);
        await expect.element(dialog).toBeVisible();
      }
    });
  });

  describe('whose parent agrees the second time', () => {
    it('closes on the second Escape', async () => {
      function App() {
        const [open, setOpen] = useState(true);
        const [asked, setAsked] = useState(0);
        return (
          <>
            <p>Asked to close {asked} times</p>
            <ClickwrapModal
              open={open}
              onOpenChange={(next) => {
                setAsked((n) => n + 1);
                if (asked >= 1) setOpen(next);
              }}
              agreement={agreement}
              signer={SIGNER}
              onAccept={async () => {}}
            />
          </>
        );
      }
      await render(<App />);
      const dialog = page.getByRole('dialog');
      await expect.element(dialog).toBeVisible();
      await userEvent.keyboard('{Escape}');
      await expect.element(page.getByText('Asked to close 1 times')).toBeInTheDocument();
      await expect.element(dialog).toBeVisible();
      await userEvent.keyboard('{Escape}');
      await expect.element(page.getByText('Asked to close 2 times')).toBeInTheDocument();
      await expect.element(dialog).not.toBeInTheDocument();
    });
  });
});
