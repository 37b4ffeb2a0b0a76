'use client';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ClausesHarness, TERMS } from './harness.test-utils';

describe('useKeyClauses on a server', () => {
  it('renders every key clause with its id, none seen yet', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <StrictMode>
        <ClausesHarness />
      </StrictMode>,
    );
    expect(html).toMatch(/<div[^>]*role="region"[^>]*aria-label="Agreement"/);
    const clauses = [...html.matchAll(/<div([^>]*data-key-clause="[^"]*"[^>]*)>/g)].map((m) => m[1] ?? '');
    expect(clauses).toHaveLength(TERMS.keyClauses.length);
    for (const attrs of clauses) {
      expect(attrs).toMatch(/ id="[^"]+"/);
      expect(attrs).toContain('tabindex="-1"');
      expect(attrs).not.toContain('data-seen');
    }
    expect(html).toContain(`Seen 0 of ${TERMS.keyClauses.length}`);
    // The "next unseen" button points at the first clause's element id.
    const controls = html.match(/aria-controls="([^"]+)"/)?.[1];
    expect(controls).toBeTruthy();
    expect(html).toContain(`id="${controls}" data-key-clause="${TERMS.keyClauses[0]?.id}"`);
  });

  it('renders clauses seen before (defaultSeen) as seen', () => {
    const id = TERMS.keyClauses[3]?.id ?? '';
    const html = renderToString(<ClausesHarness options={{ defaultSeen: [id] }} />);
    expect(html).toMatch(new RegExp(`data-key-clause="${id}" data-seen=""`));
    expect(html).toContain(`Seen 1 of ${TERMS.keyClauses.length}`);
  });
});
