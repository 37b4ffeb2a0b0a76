import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintAgreement } from '.';

const terms = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const summaries = readFileSync(
  new URL('../../../agreements/instadesk-terms.summaries.md', import.meta.url),
  'utf8',
);

describe('lintAgreement and a plain-language summaries section', () => {
  it('leaves the summaries out: their plain words ("never liable") are not clauses', () => {
    expect(summaries).toMatch(/never liable/);
    expect(lintAgreement(`${terms}\n${summaries}`)).toEqual(lintAgreement(terms));
  });

  it('still checks the same words in the agreement’s text', () => {
    const unbolded = `${terms}\nWe are never liable for anything.\n\n${summaries}`;
    expect(lintAgreement(unbolded).length).toBeGreaterThan(lintAgreement(terms).length);
  });
});
