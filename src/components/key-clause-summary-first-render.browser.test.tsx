'use client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { en } from '../messages';
import { AgreementView } from './agreement-view';
import { KeyClauseSummary } from './key-clause-summary';
import { ClickwrapRoot } from './root';
import { agreement, SIGNER } from './test-utils.test-utils';

const ui = (
  <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}}>
    <AgreementView style={{ height: 240 }} />
    <KeyClauseSummary />
  </ClickwrapRoot>
);
const clauseButtons = () =>
  page.getByRole('toolbar', { name: en.keyClausesHeading }).getByRole('button').elements();

afterEach(() => vi.useRealTimers());

describe('the key-clause summary, first render (issue 11)', () => {
  it('lists the first clauses at once and the others right after; a key in the list lists them all first', async () => {
    // The rest is listed from a setTimeout: held back here, to look at the first render.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await render(ui);
    const first = clauseButtons().length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(agreement.keyClauses.length);
    // The Tab stop is listed, and End in the list reaches the last clause of all 45.
    const entry = clauseButtons().find((b) => b.tabIndex === 0)!;
    entry.focus();
    await userEvent.keyboard('{End}');
    expect(clauseButtons()).toHaveLength(agreement.keyClauses.length);
    expect(document.activeElement).toBe(clauseButtons().at(-1));
  });

  it('lists every clause soon after the first render, on its own', async () => {
    await render(ui);
    await expect.poll(() => clauseButtons().length).toBe(agreement.keyClauses.length);
  });

  it('lists every clause in the server HTML', () => {
    const html = renderToString(ui);
    expect(html.match(/rcw-summary-link\b/g)).toHaveLength(agreement.keyClauses.length);
  });
});
