'use client';
// Languages and directions as a person meets them, in Chromium: the UI's direction follows its
// language unless the app says otherwise, the agreement's text runs in its own language's
// direction, and what the clickwrap says outside its root (after the modal closes, when a part
// cannot be loaded) is still said in the UI's language and direction.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { withFiveChanges } from '../core/diff.fixtures';
import { ar, en } from '../messages';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { reconsentDiff } from './root/reconsent-loader';
import { agreement as englishAgreement, SIGNER } from './test-utils.test-utils';

afterEach(() => {
  vi.restoreAllMocks();
});

// An Arabic agreement whose first words are a Latin brand name.
const arabic = `# Instadesk: شروط الخدمة

Instadesk هي خدمة لإدارة العملاء. تسري هذه الشروط على كل المستخدمين.

**لا نتحمل أي مسؤولية عن الأضرار غير المباشرة.**
`;

const direction = (el: Element) => getComputedStyle(el).direction;
const region = (title: string, m = en) =>
  page.getByRole('region', { name: m.agreementLabel.replace('{title}', title) });
const firstParagraph = (title: string, m = en) =>
  region(title, m).element().querySelector('p') as HTMLElement;

describe('the agreement runs in its own language’s direction', () => {
  it('an Arabic agreement that starts with a Latin word reads right to left in an Arabic UI', async () => {
    const a = parseAgreement({ id: 't', version: '1', language: 'ar', markdown: arabic });
    await render(<ClickwrapPage agreement={a} signer={SIGNER} onAccept={() => {}} messages={ar} dir="rtl" />);
    await expect.element(region(a.title, ar)).toBeVisible();
    expect(direction(firstParagraph(a.title, ar))).toBe('rtl');
    expect(direction(region(a.title, ar).getByRole('heading').first().element())).toBe('rtl');
  });

  it('an Arabic agreement reads right to left in an English UI too', async () => {
    const a = parseAgreement({ id: 't', version: '1', language: 'ar', markdown: arabic });
    await render(<ClickwrapPage agreement={a} signer={SIGNER} onAccept={() => {}} />);
    await expect.element(region(a.title)).toBeVisible();
    expect(direction(firstParagraph(a.title))).toBe('rtl');
  });

  it('an English agreement reads left to right in an Arabic UI', async () => {
    await render(
      <ClickwrapPage agreement={englishAgreement} signer={SIGNER} onAccept={() => {}} messages={ar} />,
    );
    await expect.element(region(englishAgreement.title, ar)).toBeVisible();
    expect(direction(firstParagraph(englishAgreement.title, ar))).toBe('ltr');
  });

  it('an agreement in no language given follows its own text', async () => {
    const a = parseAgreement({ id: 't', version: '1', markdown: arabic.replace('# Instadesk: ', '# ') });
    await render(<ClickwrapPage agreement={a} signer={SIGNER} onAccept={() => {}} />);
    await expect.element(region(a.title)).toBeVisible();
    expect(direction(firstParagraph(a.title))).toBe('rtl');
  });
});

describe('the UI’s direction follows its language', () => {
  it('an Arabic UI given no `dir` is laid out right to left', async () => {
    await render(
      <ClickwrapPage agreement={englishAgreement} signer={SIGNER} onAccept={() => {}} messages={ar} />,
    );
    const accept = page.getByRole('button', { name: ar.accept, exact: true });
    await expect.element(accept).toBeVisible();
    expect(direction(accept.element())).toBe('rtl');
  });

  it('an explicit `dir` wins', async () => {
    await render(
      <ClickwrapPage
        agreement={englishAgreement}
        signer={SIGNER}
        onAccept={() => {}}
        messages={ar}
        dir="ltr"
      />,
    );
    const accept = page.getByRole('button', { name: ar.accept, exact: true });
    await expect.element(accept).toBeVisible();
    expect(direction(accept.element())).toBe('ltr');
  });
});

describe('what is said outside the root is in the UI’s language and direction', () => {
  it('the modal’s announcement after it closes on a decision', async () => {
    await render(
      <ClickwrapModal
        agreement={englishAgreement}
        signer={SIGNER}
        onAccept={() => {}}
        messages={ar}
        defaultOpen
        dismissible={false}
        trigger={<button type="button">افتح</button>}
      />,
    );
    await userEvent.click(page.getByRole('dialog').getByRole('button', { name: ar.decline, exact: true }));
    const announced = page.getByRole('status').filter({ hasText: ar.declined });
    await expect.element(announced).toBeInTheDocument();
    await expect.element(announced).toHaveAttribute('lang', 'ar');
    expect(direction(announced.element())).toBe('rtl');
  });

  it('the alert when re-consent cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const previous = { agreement: englishAgreement, acceptedAt: '2024-05-02T10:00:00Z' };
    const current = parseAgreement({
      id: englishAgreement.id,
      version: '2',
      markdown: withFiveChanges(englishAgreement.markdown),
    });
    await reconsentDiff.load();
    const error = new TypeError('Failed to fetch dynamically imported module');
    const failure = { error };
    vi.spyOn(reconsentDiff, 'failure').mockReturnValue(failure);
    vi.spyOn(reconsentDiff, 'peek').mockReturnValue(null);
    vi.spyOn(reconsentDiff, 'preload').mockImplementation(() => {});
    vi.spyOn(reconsentDiff, 'read').mockImplementation(() => {
      throw error;
    });
    vi.spyOn(reconsentDiff, 'isLoadError').mockImplementation((caught) => caught === error);
    await render(
      <ClickwrapPage
        agreement={current}
        previous={previous}
        signer={SIGNER}
        onAccept={() => {}}
        messages={ar}
      />,
    );
    const alert = page.getByRole('alert').filter({ hasText: ar.partLoadFailed });
    await expect.element(alert).toBeVisible();
    expect(alert.element().closest('[lang]')?.getAttribute('lang')).toBe('ar');
    expect(direction(alert.element())).toBe('rtl');
  });
});
