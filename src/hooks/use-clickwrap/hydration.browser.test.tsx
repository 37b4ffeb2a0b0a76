'use client';

import { StrictMode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { ASSENT_LABEL, CALL_CENTER_COMMITMENTS, ClickwrapHarness, frames } from './harness.test-utils';

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  root?.unmount();
  container?.remove();
  root = null;
  container = null;
  vi.restoreAllMocks();
});

describe('useClickwrap hydration', () => {
  it('hydrates server HTML without mismatches, then runs the client-only parts', async () => {
    const onAccept = vi.fn();
    const ui = (
      <StrictMode>
        <ClickwrapHarness
          agreement={agreement}
          onAccept={onAccept}
          acknowledgements={CALL_CENTER_COMMITMENTS}
          organization
          guardian={{ defaultBirthDate: '2010-01-15' }}
        />
      </StrictMode>
    );
    const html = renderToString(ui);
    container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const serverAccept = container.querySelector('button');

    const error = vi.spyOn(console, 'error');
    const onRecoverableError = vi.fn();
    root = hydrateRoot(container, ui, { onRecoverableError });
    await frames(4);

    expect(error).not.toHaveBeenCalled();
    expect(onRecoverableError).not.toHaveBeenCalled();
    // The server's nodes were adopted, not replaced.
    expect(container.querySelector('button')).toBe(serverAccept);

    // Today's date is taken after hydration: the age gate now knows a guardian is needed.
    await expect.element(page.getByRole('group', { name: 'Legal guardian' })).toBeVisible();
    await expect.element(page.getByText('Your age is being checked.')).not.toBeInTheDocument();
    // And the page is interactive.
    const assent = page.getByRole('checkbox', { name: ASSENT_LABEL });
    await expect.element(assent).not.toBeChecked();
    await userEvent.click(assent);
    await expect.element(assent).toBeChecked();
    expect(error).not.toHaveBeenCalled();
  });
});
