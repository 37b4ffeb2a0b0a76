import { describe, expect, it } from 'vitest';
import { readSource } from './source';

describe('readSource', () => {
  it('maps each character back to its line and column through escapes and list indentation', () => {
    const markdown = '# T\n\n- 1\\. First line\n  continues **here** &amp; on.\n';
    const { blocks, locate } = readSource(markdown);
    const item = blocks[1];
    expect(item?.flat.text).toBe('1. First line\ncontinues here & on.');
    expect(item?.number).toBe('1.');
    const at = (needle: string) => {
      const i = item?.flat.text.indexOf(needle) ?? -1;
      return locate(item?.flat.offsets[i] ?? -1);
    };
    expect(at('First')).toEqual({ line: 3, column: 7 });
    expect(at('continues')).toEqual({ line: 4, column: 3 });
    expect(at('here')).toEqual({ line: 4, column: 15 });
    expect(at('on.')).toEqual({ line: 4, column: 28 });
    expect(at('&')).toEqual({ line: 4, column: 22 });
    expect(item?.flat.bold[item.flat.text.indexOf('here')]).toBe(true);
    expect(item?.flat.bold[item.flat.text.indexOf('continues')]).toBe(false);
  });

  it('reads the clause numbers the agreements use', () => {
    const numbers = readSource(
      '## II. Software\n\n### 1.Services\n\n2.4 Text\n\n- 3\\) Item\n\n(b) Letter\n\nPlain\n',
    ).blocks.map((b) => b.number);
    expect(numbers).toEqual(['II.', '1.', '2.4', '3)', '(b)', '']);
  });
});
