'use client';
import { StrictMode, type ReactElement } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { parseAgreement } from '../core/agreement';
import { withFiveChanges } from '../core/diff.fixtures';
import privacyMarkdown from '../../agreements/example-privacy-policy.md?raw';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { en, format } from '../messages';
import { agreement, COMMITMENTS, frames, scrollToEnd, SIGNER } from './test-utils.test-utils';
import { loadReconsentDiff } from './root/reconsent-loader';

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  root?.unmount();
  container?.remove();
  root = null;
  container = null;
  vi.restoreAllMocks();
});

async function hydrate(ui: ReactElement) {
  const html = renderToString(ui);
  container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const error = vi.spyOn(console, 'error');
  const warn = vi.spyOn(console, 'warn');
  const onRecoverableError = vi.fn();
  root = hydrateRoot(container, ui, { onRecoverableError });
  await frames(4);
  return { error, warn, onRecoverableError, html };
}

describe('hydration', () => {
  it('hydrates several documents and optional consents with no warnings', async () => {
    const privacy = parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });
    const { error, warn, onRecoverableError } = await hydrate(
      <StrictMode>
        <ClickwrapPage
          agreement={agreement}
          documents={[{ agreement: privacy }]}
          optionalConsents={[{ id: 'marketing-email', label: 'Send me product news.' }]}
          signer={SIGNER}
          onAccept={() => {}}
        />
      </StrictMode>,
    );
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(onRecoverableError).not.toHaveBeenCalled();
    const box = page.getByRole('checkbox', { name: 'Send me product news.' });
    await userEvent.click(box);
    await expect.element(box).toBeChecked();
    await expect
      .element(page.getByRole('region', { name: format(en.agreementLabel, { title: privacy.title }) }))
      .toHaveAttribute('data-progress', '0');
  });

  it('hydrates ClickwrapPage with no warnings, adopting the server’s nodes', async () => {
    const onAccept = vi.fn();
    const ui = (
      <StrictMode>
        <ClickwrapPage
          agreement={agreement}
          signer={SIGNER}
          onAccept={onAccept}
          organization
          acknowledgements={COMMITMENTS}
          guardian={{ defaultBirthDate: '2012-03-04' }}
        />
      </StrictMode>
    );
    const serverRegion = () => container!.querySelector('[role="region"][data-progress]');
    const html = renderToString(ui);
    container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const before = serverRegion();
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const onRecoverableError = vi.fn();
    root = hydrateRoot(container, ui, { onRecoverableError });
    await frames(4);
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(serverRegion()).toBe(before);
    // Interactive, and the client-only age decision has run.
    await expect.element(page.getByRole('group', { name: en.guardianLegend })).toBeVisible();
    await scrollToEnd();
    const assent = page.getByRole('checkbox', {
      name: format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) }),
    });
    await userEvent.click(assent);
    await expect.element(assent).toBeChecked();
  });

  it('hydrates re-consent (notice, dates, changes, marked passages) with no warnings', async () => {
    const current = parseAgreement({
      id: agreement.id,
      version: '2025-06-01',
      effectiveDate: '2025-06-01',
      markdown: withFiveChanges(agreement.markdown),
    });
    // An earlier test may have scrolled the page; the added passage is near the top.
    window.scrollTo(0, 0);
    // Re-consent's diff loads on demand; renderToString does not wait for it (a server streams),
    // so load it first, as a server that rendered re-consent before has.
    await loadReconsentDiff();
    const { error, warn, onRecoverableError } = await hydrate(
      <StrictMode>
        <ClickwrapPage
          agreement={current}
          previous={{ agreement, acceptedAt: '2024-05-02T23:30:00-05:00', receiptId: null }}
          reconsentReading="changes"
          signer={SIGNER}
          onAccept={() => {}}
        />
      </StrictMode>,
    );
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(onRecoverableError).not.toHaveBeenCalled();
    // The acceptance's day is its UTC day, the same on the server and in the browser.
    await expect
      .element(page.getByRole('region', { name: en.reconsentHeading }))
      .toHaveTextContent('You accepted version 2024-05-01 on May 3, 2024.');
    await expect
      .element(container!.querySelector<HTMLElement>('[data-change-id][data-change="added"]')!)
      .toHaveAttribute('data-change-seen', '');
  });

  it('hydrates an open ClickwrapModal; the dialog appears after hydration', async () => {
    const { error, warn, onRecoverableError } = await hydrate(
      <StrictMode>
        <ClickwrapModal
          agreement={agreement}
          signer={SIGNER}
          onAccept={() => {}}
          defaultOpen
          trigger={<button type="button">Review the terms</button>}
        />
      </StrictMode>,
    );
    await expect.element(page.getByRole('dialog')).toBeVisible();
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(onRecoverableError).not.toHaveBeenCalled();
  });
});
