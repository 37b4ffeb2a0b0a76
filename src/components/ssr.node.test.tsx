'use client';
import { readFileSync } from 'node:fs';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { parseAgreement } from '../core/agreement';
import { withFiveChanges } from '../core/diff.fixtures';
import { ClickwrapModal, ClickwrapPage, en, zhCN } from './index';
import { format } from '../messages';
import { renderStreamed } from './server-render.test-utils';

const terms = readFileSync(new URL('../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const agreement = parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown: terms });
const SIGNER = { id: 'user-1', name: 'Anna Berg' };

describe('server rendering', () => {
  it('imports and renders with no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders several documents and optional consents, nothing ticked', () => {
    const privacy = parseAgreement({
      id: 'privacy-policy',
      version: '3',
      markdown: readFileSync(new URL('../../agreements/example-privacy-policy.md', import.meta.url), 'utf8'),
    });
    const html = renderToString(
      <ClickwrapPage
        agreement={agreement}
        documents={[{ agreement: privacy }]}
        optionalConsents={[{ id: 'marketing-email', label: 'Send me product news.' }]}
        signer={SIGNER}
        onAccept={() => {}}
      />,
    );
    expect(html).toContain(`aria-label="${agreement.title}, full text"`);
    expect(html).toContain(`aria-label="${privacy.title}, full text"`);
    expect(html).toContain(`data-document="privacy-policy"`);
    expect(html.match(/role="progressbar"/g)).toHaveLength(2);
    expect(html).toContain(en.optionalConsentsLegend);
    const optional = /<input([^>]*data-optional-consent="marketing-email"[^>]*)>/.exec(html)?.[1];
    expect(optional).toBeDefined();
    expect(optional).not.toMatch(/\schecked/);
    expect(optional).not.toContain('aria-required');
    expect(html).toContain(`I have read and agree to the ${agreement.title} and the ${privacy.title}.`);
  });

  it('renders ClickwrapPage with its full content', () => {
    const onAccept = vi.fn();
    const html = renderToString(
      <StrictMode>
        <ClickwrapPage
          agreement={agreement}
          signer={SIGNER}
          onAccept={onAccept}
          organization
          acknowledgements={[{ id: 'a', label: 'I will not make harassing calls.' }]}
          guardian={{ defaultBirthDate: '2012-03-04' }}
        />
      </StrictMode>,
    );
    expect(onAccept).not.toHaveBeenCalled();
    // Title, description, the whole agreement (its last section too) and the table of contents.
    expect(html).toContain('<h1');
    expect(html).toContain(format(en.description, { count: 1 }));
    expect(html).toContain('VIII. Other');
    expect(html).toContain('role="region"');
    expect(html).toContain(`aria-label="${en.tocLabel}"`);
    const lastClause = agreement.keyClauses.at(-1)!;
    expect(html).toContain(`data-key-clause="${lastClause.id}"`);
    expect(html.match(/class="rcw-key-clause"/g)).toHaveLength(agreement.keyClauses.length);
    // Reading progress, summary, forms and controls.
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="0"');
    expect(html).toContain(en.keyClausesHeading);
    expect(html).toContain(`0 of ${agreement.keyClauses.length} read`);
    expect(html).toContain(en.organizationNameLabel);
    expect(html).toContain('I will not make harassing calls.');
    expect(html).toContain(en.birthDateLabel);
    const assent = /<input([^>]*name="clickwrap-assent"[^>]*)>/.exec(html)?.[1];
    expect(assent).toBeDefined();
    expect(assent).not.toMatch(/\schecked/);
    expect(assent).toContain('required');
    const accept = new RegExp(`<button([^>]*)>${en.accept}</button>`).exec(html)?.[1];
    expect(accept).toContain('aria-disabled="true"');
    expect(accept).not.toMatch(/\sdisabled/);
    // The theme and state attributes are in the HTML (no flash of the wrong theme).
    expect(html).toContain('data-theme="system"');
    expect(html).toContain('data-state="idle"');
  });

  it('renders in Chinese and right-to-left, and unstyled', () => {
    const zh = renderToString(
      <ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} messages={zhCN} dir="rtl" />,
    );
    expect(zh).toContain('lang="zh-CN"');
    expect(zh).toContain('dir="rtl"');
    expect(zh).toContain(zhCN.keyClausesHeading);
    const bare = renderToString(
      <ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} unstyled />,
    );
    expect(bare).not.toMatch(/class="[^"]*\brcw-/);
  });

  it('renders re-consent on the server: the notice with its date, the changes, the marked passages', async () => {
    const current = parseAgreement({
      id: agreement.id,
      version: '2025-06-01',
      effectiveDate: '2025-06-01',
      markdown: withFiveChanges(agreement.markdown),
    });
    // Re-consent's diff loads on demand (a dynamic import): a streaming render waits for it.
    const html = await renderStreamed(
      <StrictMode>
        <ClickwrapPage
          agreement={current}
          previous={{ agreement, acceptedAt: '2024-05-02T10:00:00Z', receiptId: null }}
          reconsentReading="changes"
          signer={SIGNER}
          onAccept={() => {}}
        />
      </StrictMode>,
    );
    expect(html).toContain('data-reconsent=""');
    expect(html).toContain(format(en.reconsentDescriptionChanges, { count: 1 }));
    expect(html).toContain('Updated on <span><time dateTime="2025-06-01">June 1, 2025</time></span>.');
    expect(html).toContain(en.changesHeading);
    expect(html.match(/data-change="(added|changed)"/g)).toHaveLength(8); // 4 passages + 4 items
    expect(html.match(/data-change="removed"/g)).toHaveLength(1);
    expect(html).toContain(`${en.changeMarkerChanged} </span>`);
    // Nothing after accepting is rendered yet.
    expect(html).not.toContain(en.copyDownload);
  });

  it('renders ClickwrapModal (open) without crashing; the dialog itself mounts on the client', () => {
    for (const props of [{ open: true }, { defaultOpen: true }]) {
      const html = renderToString(
        <StrictMode>
          <ClickwrapModal
            agreement={agreement}
            signer={SIGNER}
            onAccept={() => {}}
            trigger={<button type="button">Review the terms</button>}
            {...props}
          />
        </StrictMode>,
      );
      expect(html).toContain('Review the terms');
      expect(html).toContain('aria-haspopup="dialog"');
      expect(html).not.toContain('role="dialog"');
    }
  });
});
