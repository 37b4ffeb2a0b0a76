'use client';
// The dialog's title and the agreement's own first heading are the same words: shown once (the
// agreement's heading), while the dialog keeps the title as its accessible name.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { ClickwrapModal } from './clickwrap-modal';
import { agreement, SIGNER } from './test-utils.test-utils';

afterEach(async () => {
  await page.viewport(1024, 768);
});

/** The elements a person sees with exactly this text. */
function shown(text: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')).filter(
    (el) => el.textContent?.trim() === text && el.checkVisibility() && el.getBoundingClientRect().width > 1,
  );
}

describe("the modal's title", () => {
  it('is shown once when the agreement opens with it, and still names the dialog', async () => {
    await page.viewport(375, 667);
    await render(<ClickwrapModal agreement={agreement} signer={SIGNER} onAccept={() => {}} defaultOpen />);
    const dialog = page.getByRole('dialog', { name: agreement.title });
    await expect.element(dialog).toBeVisible();
    const heading = page.getByRole('heading', { name: agreement.title, level: 3 });
    await expect.element(heading).toBeVisible();
    expect(shown(agreement.title)).toEqual([heading.element()]);
  });

  it('is shown when the agreement does not open with it', async () => {
    const untitled = parseAgreement({
      id: 'beta',
      version: '1',
      title: 'Beta terms',
      markdown: 'Thank you for trying the beta.\n\n## Feedback\n\nSend us your feedback.\n',
    });
    await render(<ClickwrapModal agreement={untitled} signer={SIGNER} onAccept={() => {}} defaultOpen />);
    await expect.element(page.getByRole('dialog', { name: 'Beta terms' })).toBeVisible();
    expect(shown('Beta terms')).toHaveLength(1);
  });

  it('is shown as given when the app gives its own, beside the agreement’s heading', async () => {
    await render(
      <ClickwrapModal
        agreement={agreement}
        signer={SIGNER}
        onAccept={() => {}}
        title="Before you start"
        defaultOpen
      />,
    );
    await expect.element(page.getByRole('dialog', { name: 'Before you start' })).toBeVisible();
    expect(shown('Before you start')).toHaveLength(1);
    expect(shown(agreement.title)).toHaveLength(1);
  });
});
