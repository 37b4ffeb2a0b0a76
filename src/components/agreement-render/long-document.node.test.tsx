'use client';
import { readFileSync } from 'node:fs';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../../core/agreement';
import { ClickwrapPage } from '../index';

const terms = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const long = parseAgreement({
  id: 'long',
  version: '1',
  markdown: Array.from({ length: 3 }, () => terms).join('\n'),
});

describe('a long agreement rendered on a server (issue 11)', () => {
  it('holds every part with its text, none left for later', () => {
    const html = renderToString(<ClickwrapPage agreement={long} signer={{ id: 'u' }} onAccept={() => {}} />);
    const parts = html.match(/data-agreement-part=""/g) ?? [];
    expect(parts.length).toBeGreaterThan(10);
    expect(html).not.toContain('data-pending');
    expect(html.match(/data-key-clause="/g)).toHaveLength(long.keyClauses.length);
    expect(html.match(/VIII\. Other/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
