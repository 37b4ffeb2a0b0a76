'use client';

import { readFileSync } from 'node:fs';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { parseAgreement } from '../../core/agreement';
import { ClickwrapHarness, CALL_CENTER_COMMITMENTS } from './harness.test-utils';
import { loadedReceiptMaker, setReceiptMakerLoader } from './receipt-maker';

const terms = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });

describe('useClickwrap on the server', () => {
  it('renders every hook to HTML with no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const onAccept = vi.fn();
    const html = renderToString(
      <StrictMode>
        <ClickwrapHarness
          agreement={agreement}
          onAccept={onAccept}
          acknowledgements={CALL_CENTER_COMMITMENTS}
          organization
          guardian={{ defaultBirthDate: '2010-01-15' }}
        />
      </StrictMode>,
    );
    expect(onAccept).not.toHaveBeenCalled();

    // The assent checkbox is there and not ticked.
    const assent = /<label><input([^>]*)\/?>I have read and agree/.exec(html)?.[1];
    expect(assent).toBeDefined();
    expect(assent).toContain('type="checkbox"');
    expect(assent).not.toMatch(/\schecked/);

    // The accept button is aria-disabled (never natively disabled) and explains itself.
    const button = /<button([^>]*)>Accept<\/button>/.exec(html)?.[1];
    expect(button).toBeDefined();
    expect(button).toContain('aria-disabled="true"');
    expect(button).not.toMatch(/\sdisabled/);
    const describedBy = /aria-describedby="([^"]+)"/.exec(button ?? '')?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}" data-state="incomplete"`);

    // The reasons are in the HTML; the age is only decided on the client (today is not taken in render).
    expect(html).toContain('Scroll to the end of the agreement.');
    expect(html).toContain('Your age is being checked.');
    expect(html).toContain('role="region"');
    expect(html).toContain('Instadesk Terms and Conditions');
  });

  it('imports nothing on demand: the receipt maker loads only after mount, in a browser', () => {
    const load = vi.fn(() => import('./make-receipt'));
    setReceiptMakerLoader(load);
    try {
      renderToString(<ClickwrapHarness agreement={agreement} onAccept={vi.fn()} />);
      expect(load).not.toHaveBeenCalled();
      expect(loadedReceiptMaker()).toBeNull();
    } finally {
      setReceiptMakerLoader(null);
    }
  });
});
