import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core';
import { ClickwrapHarness } from './harness.test-utils';

// The organisation's name and the signer's authority are typed by the person, so no development
// warning can reach them: the inputs take no more than a receipt can carry (the default server's
// 2,000 characters), so a consent is never collected with a value the server then refuses.

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('given a clickwrap that asks for the organisation', () => {
  it('takes at most 2,000 characters in each of its fields', async () => {
    render(<ClickwrapHarness agreement={agreement} onAccept={vi.fn()} organization />);
    const name = screen.getByRole('textbox', { name: 'Organisation name' });
    const role = screen.getByRole('textbox', { name: 'Your role or authority' });
    expect(name).toHaveProperty('maxLength', 2000);
    expect(role).toHaveProperty('maxLength', 2000);
    const user = userEvent.setup();
    await user.click(name);
    await user.paste('A'.repeat(2500));
    expect(name).toHaveProperty('value', 'A'.repeat(2000));
  });
});
