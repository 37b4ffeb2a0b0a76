import { describe, expect, it } from 'vitest';
import { lintAgreement } from '../index';

const gaps = (markdown: string) =>
  lintAgreement(markdown, {
    rules: { 'unbolded-limiting-clause': false, 'partial-bold': false },
  }).map((f) => `${f.line}:${f.column} ${f.message.replace(/^Clause numbering: |\. Renumber.*$/g, '')}`);

describe('numbering-gap', () => {
  it('finds a skipped and a repeated number among list items written "1\\." and "1\\)"', () => {
    expect(gaps('- 1\\. a\n- 2\\. b\n- 4\\. c\n')).toEqual(['3:3 "4." follows "2.", so "3." is missing']);
    expect(gaps('- 1\\) a\n- 2\\) b\n- 2\\) c\n')).toEqual(['3:3 "2)" repeats the number before it']);
  });

  it('finds gaps in dotted clause numbers, and a new group that does not start at 1', () => {
    expect(gaps('2.1 a\n\n2.3 b\n\n2.4 c\n\n3.2 d\n')).toEqual([
      '3:1 "2.3" follows "2.1", so "2.2" is missing',
      '7:1 "3.2" starts a new group after "2.4", so "3.1" is missing',
    ]);
  });

  it('checks Roman section numbers and the numbered headings under each section', () => {
    const markdown = ['## II. A', '### 1. x', '### 3. y', '## III. B', '### 1. z', '## V. C'].join('\n\n');
    expect(gaps(markdown)).toEqual([
      '5:5 "3." follows "1.", so "2." is missing',
      '11:4 "V." follows "III.", so "IV." is missing',
    ]);
  });

  it('checks the source numbers of a markdown ordered list and lettered items', () => {
    expect(gaps('1. a\n2. b\n5. c\n')).toEqual(['3:1 "5." follows "2.", so "3." to "4." are missing']);
    expect(gaps('- (a) x\n- (b) y\n- (d) z\n')).toEqual(['3:3 "(d)" follows "(b)", so "(c)" is missing']);
    expect(gaps('- (h) x\n- (i) y\n- (j) z\n')).toEqual([]);
    expect(gaps('- (i) x\n- (ii) y\n- (iv) z\n')).toEqual([
      '3:3 "(iv)" follows "(ii)", so "(iii)" is missing',
    ]);
  });

  it('compares siblings only: nested lists and other sections restart, and starts may be anywhere', () => {
    const markdown = [
      '## II. A',
      '- 3.1 x\n\n  - 1\\) a\n  - 2\\) b\n\n- 3.2 y\n\n  - 1\\) c',
      '## III. B',
      '- 1\\. z\n- 2\\. w',
    ].join('\n\n');
    expect(gaps(markdown)).toEqual([]);
  });
});
