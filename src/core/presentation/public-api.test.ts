import { describe, expect, it } from 'vitest';
import * as entry from './index';

describe('react-clickwrap/core/presentation public API', () => {
  it('exports exactly checkPresentation (and the type PresentationFinding)', () => {
    expect(Object.keys(entry).sort()).toEqual(['checkPresentation']);
  });
});
