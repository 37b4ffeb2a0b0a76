'use client';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useScrollToEnd } from './index';
import { ScrollHarness } from './harness.test-utils';

describe('useScrollToEnd on a server', () => {
  it('runs where there is no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect(typeof useScrollToEnd).toBe('function');
  });

  it('renders the named, focusable region, not yet read', () => {
    const html = renderToString(
      <StrictMode>
        <ScrollHarness />
      </StrictMode>,
    );
    const region = html.match(/<div[^>]*role="region"[^>]*>/)?.[0] ?? '';
    expect(region).toContain('aria-label="Agreement"');
    expect(region).toContain('tabindex="0"');
    expect(region).toContain('data-progress="0"');
    expect(region).not.toContain('data-reached-end');
    expect(html).toContain('data-clickwrap-end-marker=""');
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain('Reached end: no');
    expect(html).toContain('Progress: 0%');
  });

  it('renders a region already read from defaultReachedEnd', () => {
    const html = renderToString(<ScrollHarness options={{ defaultReachedEnd: true }} />);
    expect(html).toMatch(/role="region"[^>]*data-reached-end=""/);
    expect(html).toContain('Progress: 100%');
  });
});
