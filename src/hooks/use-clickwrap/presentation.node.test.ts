import { describe, expect, it } from 'vitest';
import { measurePresentation } from './measure-presentation';

describe('measurePresentation on a server (no window, no document)', () => {
  it('says not measured: server-render, and touches no global', () => {
    expect(typeof window).toBe('undefined');
    expect(measurePresentation({ assent: null, accept: null })).toEqual({
      measured: false,
      reason: 'server-render',
      assent: null,
      acceptButton: null,
      distancePx: null,
      links: null,
      viewport: null,
      theme: null,
      colorScheme: null,
      reducedMotion: null,
    });
  });
});
