'use client';
import { readFileSync } from 'node:fs';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../core/agreement';
import { ClickwrapModal, ClickwrapPage, en } from './index';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const agreement = parseAgreement({
  id: 'instadesk-terms',
  version: '2024-05-01',
  markdown: `${read('../../agreements/instadesk-terms.md')}\n${read('../../agreements/instadesk-terms.summaries.md')}`,
});
const SIGNER = { id: 'user-1', name: 'Anna Berg' };
const asIs = agreement.keyClauses.find((c) => c.id === '2-scope-of-software-licenses--2-4')!;

describe('plain-language summaries, rendered on a server', () => {
  it('renders each summary beside its clause and in the summary, with no window or document', () => {
    expect(typeof document).toBe('undefined');
    const html = renderToString(
      <StrictMode>
        <ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} />
      </StrictMode>,
    );
    expect(html.match(/role="note"/g)).toHaveLength(7);
    expect(html.match(/data-variant="adult"/g)?.length).toBe(14);
    expect(html).toContain(asIs.summary!.general);
    expect(html.split(en.keyClausePlainSummary).length - 1).toBe(14);
    // The section itself is never rendered as agreement text.
    expect(html).not.toContain('Plain-language summaries');
  });

  it('renders the modal closed without them, as before', () => {
    const html = renderToString(
      <ClickwrapModal
        agreement={agreement}
        signer={SIGNER}
        onAccept={() => {}}
        trigger={<button type="button">Sign up</button>}
      />,
    );
    expect(html).not.toContain('role="note"');
  });
});
