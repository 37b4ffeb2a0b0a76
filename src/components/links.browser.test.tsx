'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { AgreementView } from './agreement-view';
import { ClickwrapRoot } from './root';
import { en } from '../messages';
import { frames, SIGNER } from './test-utils.test-utils';

const markdown = [
  '# Links',
  '',
  'A [relative host](//evil.example/x), a [web page](https://example.com/terms),',
  'a [mail address](mailto:legal@example.com) and a [page of ours](/privacy).',
  '',
  'A [script](javascript:alert(1)) and [data](data:text/html,hi) do nothing.',
  '',
  'See [liability](#liability) and [nowhere](#no-such-section).',
  '',
  ...Array.from({ length: 40 }, (_, i) => `Filler paragraph ${i + 1}.\n`),
  '## Liability',
  '',
  'We are liable for nothing we can avoid.',
].join('\n');
const links = parseAgreement({ id: 'links', version: '1', markdown });

/**
 * Clicks that would load another document in this page are recorded and stopped (the test page
 * must survive a failure); everything else is left to the browser.
 */
function watchNavigation() {
  const startedAt = window.location.href;
  const wouldLeave: string[] = [];
  const listener = (event: MouseEvent) => {
    const a = (event.target as Element | null)?.closest?.('a');
    if (!a || !a.hasAttribute('href') || event.defaultPrevented) return;
    if (a.target === '_blank') {
      // A new browsing context: this page stays. Not opened, to keep the test offline.
      event.preventDefault();
      return;
    }
    const to = new URL(a.getAttribute('href')!, window.location.href);
    const here = new URL(window.location.href);
    if (to.href.split('#')[0] === here.href.split('#')[0] && to.hash) {
      wouldLeave.push(`fragment ${to.hash}`);
    } else {
      wouldLeave.push(to.href);
    }
    event.preventDefault();
  };
  window.addEventListener('click', listener);
  return {
    wouldLeave,
    startedAt,
    stop: () => window.removeEventListener('click', listener),
  };
}

let watch: ReturnType<typeof watchNavigation>;
beforeEach(async () => {
  watch = watchNavigation();
  await render(
    <ClickwrapRoot agreement={links} signer={SIGNER} onAccept={async () => {}}>
      <AgreementView style={{ height: 200, overflow: 'auto' }} />
    </ClickwrapRoot>,
  );
});
afterEach(() => watch.stop());

const link = (name: string) => page.getByRole('link', { name });

describe('links in an agreement', () => {
  it.each([
    ['relative host', '//evil.example/x'],
    ['web page', 'https://example.com/terms'],
    ['mail address', 'mailto:legal@example.com'],
    ['page of ours', '/privacy'],
  ])('"%s" (%s) opens in a new tab, says so, and never navigates this page', async (text, href) => {
    const a = link(`${text} ${en.opensInNewTab}`);
    await expect.element(a).toHaveAttribute('href', href);
    await expect.element(a).toHaveAttribute('target', '_blank');
    await expect.element(a).toHaveAttribute('rel', 'noopener noreferrer');
    await userEvent.click(a);
    expect(watch.wouldLeave).toEqual([]);
    expect(window.location.href).toBe(watch.startedAt);
  });

  it('neutralises javascript: and data: URLs', async () => {
    for (const name of ['script', 'data']) {
      const el = page.getByText(name, { exact: true }).element();
      expect(el.closest('a')?.hasAttribute('href') ?? false).toBe(false);
    }
  });

  it('an in-document anchor moves to its section in place, without touching the URL', async () => {
    const area = page.getByRole('region').element() as HTMLElement;
    area.style.scrollBehavior = 'auto';
    await userEvent.click(link('liability'));
    const heading = page.getByRole('heading', { name: 'Liability' });
    await expect.element(heading).toHaveFocus();
    await frames(2);
    await vi.waitFor(() => expect(area.scrollTop).toBeGreaterThan(0));
    await userEvent.click(link('nowhere'));
    expect(watch.wouldLeave).toEqual([]);
    expect(window.location.href).toBe(watch.startedAt);
  });
});
