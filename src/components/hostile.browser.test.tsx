'use client';
import { Component, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { AgreementError, parseAgreement } from '../core/agreement';
import type { Agreement } from '../core/types';
import { ClickwrapPage } from './clickwrap-page';
import { agreement, agreementElement, frames, SIGNER, terms } from './test-utils.test-utils';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

const HOSTILE =
  String.raw`# Hostile terms

<script>window.__pwned = 'script'</script>

<img src=x onerror="window.__pwned = 'img'">

Inline <img src=x onerror="window.__pwned = 'inline'"> HTML, and <b onclick="window.__pwned='b'">bold</b>.

**Key clause with [a javascript link](javascript:window.__pwned='js') in it.**

[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nZGF0YSc8L3NjcmlwdD4=),
[mixed case](JaVaScRiPt:window.__pwned='case'), [entity](&#106;avascript:window.__pwned='entity'),
[vbscript](vbscript:msgbox(1)), [a safe link](https://example.com/terms) and [mail](mailto:legal@example.com).

![picture](javascript:window.__pwned='image')

<a href="javascript:window.__pwned='raw-a'">raw anchor</a>

<svg onload="window.__pwned='svg'"></svg>

<iframe src="javascript:window.__pwned='iframe'"></iframe>

Use [the reference link][ref].

[ref]: javascript:window.__pwned='ref'

` +
  "`<script>window.__pwned = 'code'</script>`" +
  ` stays text.
`;

async function renderPage(a: Agreement) {
  return render(
    <Boundary>
      <ClickwrapPage agreement={a} signer={SIGNER} onAccept={() => {}} />
    </Boundary>,
  );
}

beforeEach(async () => {
  await page.viewport(1024, 800);
  delete window.__pwned;
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(window.__pwned).toBeUndefined();
  vi.restoreAllMocks();
});

describe('given a hostile agreement', () => {
  it('parseAgreement refuses its raw HTML, naming where it is (hashed = shown)', () => {
    expect(() => parseAgreement({ id: 'hostile', version: '1', markdown: HOSTILE })).toThrow(
      expect.objectContaining({ name: 'AgreementError', code: 'raw-html', line: 3, column: 1 }),
    );
  });

  it('renders raw HTML and unsafe URLs inert even in an agreement that bypassed parseAgreement', async () => {
    // Defence in depth: an app could build the Agreement object itself.
    const hostile: Agreement = {
      ...agreement,
      id: 'hostile',
      markdown: HOSTILE,
      keyClauses: [],
      sections: [],
    };
    await renderPage(hostile);
    const area = agreementElement();
    await frames(5);
    expect(window.__pwned).toBeUndefined();
    expect(area.querySelector('script, iframe, svg, [onerror], [onload], [onclick]')).toBeNull();
    expect(document.querySelector('img[onerror], [onload]')).toBeNull();
    for (const a of area.querySelectorAll('a')) {
      const href = a.getAttribute('href');
      expect(href === null || href === '' || /^(https?:|mailto:|#)/.test(href), String(href)).toBe(true);
    }
    expect(area.querySelector('a[href^="https://example.com"]')?.getAttribute('target')).toBe('_blank');
    expect(area.querySelector('a[href^="https://example.com"]')?.getAttribute('rel')).toContain('noopener');
    // Code is shown as text, not run.
    expect(area.textContent).toContain("<script>window.__pwned = 'code'</script>");
    // Following the neutralised links does nothing.
    for (const name of ['a javascript link', 'data link', 'mixed case', 'the reference link']) {
      await userEvent.click(page.getByText(name, { exact: true }));
    }
    await frames(3);
    expect(window.__pwned).toBeUndefined();
    expect(console.error).not.toHaveBeenCalled();
  });

  it('renders a list nested to the depth limit, with a key clause at each level', async () => {
    let markdown = '# Deep\n\n';
    for (let i = 0; i < 16; i++) markdown += `${'  '.repeat(i)}- level ${i} **bold ${i}**\n`;
    const deep = parseAgreement({ id: 'deep', version: '1', markdown });
    expect(deep.keyClauses).toHaveLength(16);
    await renderPage(deep);
    const area = agreementElement();
    await expect.poll(() => area.querySelectorAll('[data-key-clause]').length).toBe(16);
    expect(area.querySelectorAll('li')).toHaveLength(16);
    expect(console.error).not.toHaveBeenCalled();
  });

  it('refuses a list nested deeper than the limit at once, before the markdown parser runs', () => {
    expect(() => parseAgreement({ id: 'deep', version: '1', markdown: `${'- '.repeat(10_000)}x` })).toThrow(
      expect.objectContaining({ code: 'too-deep' }),
    );
  });

  // 5 MB is refused by default (limits.maxBytes); its parse time is measured by bench/parse.bench.ts.
  it('refuses a 5 MB agreement at once, and renders ten copies (310 KB) to the end', async () => {
    const huge = Array.from({ length: 170 }, () => terms).join('\n\n');
    expect(() => parseAgreement({ id: 'big', version: '1', markdown: huge })).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    const big = parseAgreement({
      id: 'big',
      version: '1',
      markdown: Array.from({ length: 10 }, () => terms).join('\n\n'),
    });
    await renderPage(big);
    const area = agreementElement();
    await expect
      .poll(() => area.querySelectorAll('[data-key-clause]').length, { timeout: 30_000 })
      .toBe(big.keyClauses.length);
    area.style.scrollBehavior = 'auto';
    area.scrollTop = area.scrollHeight;
    await expect.element(area, { timeout: 10_000 }).toHaveAttribute('data-reached-end', '');
    expect(console.error).not.toHaveBeenCalled();
  });
});

describe('given an empty agreement', () => {
  it('parseAgreement refuses it, saying it is empty', () => {
    expect(() => parseAgreement({ id: 'terms', version: '1', markdown: ' \n\n ' })).toThrow(AgreementError);
    expect(() => parseAgreement({ id: 'terms', version: '1', markdown: '' })).toThrow(/empty/);
  });

  it('the components throw a clear error instead of collecting consent to nothing', async () => {
    // React reports the error the boundary catches; that report is expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    await renderPage({ ...agreement, markdown: '   ' });
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(/the agreement "instadesk-terms" \(version 2024-05-01\) has no text/);
    // React logs the caught render error; that is the expected signal here.
    vi.mocked(console.error).mockClear();
  });
});
