import { describe, expect, it } from 'vitest';
import { isText } from './problems';

describe('isText', () => {
  it('is true for a string with a character that is not a space, as /\\S/ says, whatever comes first', () => {
    const spaces = [
      '\t',
      '\n',
      '\v',
      '\f',
      '\r',
      ' ',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
    ];
    const firsts = [
      ...spaces,
      '!',
      'a',
      '~',
      '\u007f',
      '\u0085',
      '\u009f',
      '\u00a1',
      '\u200b',
      '\u{1F600}',
      '\u0000',
      '\u001f',
    ];
    for (const first of firsts)
      for (const rest of ['', ' ', 'x', ...spaces])
        expect(isText(first + rest), JSON.stringify(first + rest)).toBe(/\S/.test(first + rest));
    for (let c = 0; c < 0x3100; c++) {
      const s = String.fromCharCode(c);
      expect(isText(s), c.toString(16)).toBe(/\S/.test(s));
    }
    expect(isText('')).toBe(false);
    expect(isText(1)).toBe(false);
    expect(isText(null)).toBe(false);
  });
});
