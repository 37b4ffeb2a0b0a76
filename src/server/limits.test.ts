import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, checkBounds, readJsonBody } from './limits';

describe('checkBounds', () => {
  it('names where a body is out of bounds, as a path', () => {
    const long = 'x'.repeat(DEFAULT_LIMITS.maxStringLength + 1);
    expect(checkBounds({ a: [{ b: 'ok' }, { c: long }] }, DEFAULT_LIMITS)?.message).toMatch(
      /^\$\.a\[1\]\.c is 2001 characters long/,
    );
    expect(checkBounds({ list: Array.from({ length: 201 }, () => 0) }, DEFAULT_LIMITS)).toMatchObject({
      error: 'too-many-items',
      message: expect.stringMatching(/^\$\.list has 201 items/),
    });
    let deep: unknown = 1;
    for (let i = 0; i < 13; i++) deep = [deep];
    expect(checkBounds(deep, DEFAULT_LIMITS)?.message).toMatch(
      /^\$(\[0\]){12} is nested deeper than 12 levels/,
    );
    expect(checkBounds({ [long]: 1 }, DEFAULT_LIMITS)?.message).toBe('A key of $ is 2001 characters long.');
  });

  it('refuses a number JSON.parse reads as Infinity (1e400), naming where', () => {
    expect(checkBounds(JSON.parse('{"a":[1,{"b":-1e400}]}'), DEFAULT_LIMITS)).toMatchObject({
      status: 400,
      error: 'number-out-of-range',
      message: expect.stringMatching(
        /^\$\.a\[1\]\.b is a number too large to be represented \(it reads as -Infinity\)/,
      ),
    });
    expect(checkBounds({ big: 1.7976931348623157e308, small: 5e-324 }, DEFAULT_LIMITS)).toBeNull();
  });

  it('refuses a NUL or a lone surrogate in a string or a key, naming where and what to send', () => {
    expect(checkBounds({ signer: { name: 'Al\u0000ice' } }, DEFAULT_LIMITS)).toEqual({
      status: 400,
      error: 'invalid-text',
      message:
        '$.signer.name holds a NUL character (U+0000, at position 2), which cannot be stored: remove it and send the text without it.',
    });
    expect(checkBounds(JSON.parse('{"a":["ok","x\\ud800"]}'), DEFAULT_LIMITS)).toMatchObject({
      error: 'invalid-text',
      message: expect.stringMatching(
        /^\$\.a\[1\] holds a lone surrogate \(\\ud800 at position 1\), which is not a character: send well-formed Unicode/,
      ),
    });
    expect(checkBounds({ b: '\udfff' }, DEFAULT_LIMITS)?.error).toBe('invalid-text');
    expect(checkBounds({ ['k\u0000']: 1 }, DEFAULT_LIMITS)?.message).toMatch(/^A key of \$ holds a NUL/);
    // A pair is a character (an emoji), not two lone halves.
    expect(checkBounds({ name: 'Zoë \ud83d\ude00' }, DEFAULT_LIMITS)).toBeNull();
  });

  it('lets a body within every bound through', () => {
    expect(checkBounds({ a: [1, 'two', { three: null }] }, DEFAULT_LIMITS)).toBeNull();
  });
});

describe('readJsonBody', () => {
  const body = (text: string) =>
    readJsonBody(
      new Request('http://x/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      }),
      DEFAULT_LIMITS,
    );

  it('refuses a NUL or a lone surrogate escaped anywhere, in a key as in a value', async () => {
    for (const text of [
      '{"a":"x\\u0000"}',
      '{"a":["ok","\\uD800"]}',
      '{"k\\u0000":1}',
      '{"a":"\\\\\\udc00"}',
    ])
      expect(await body(text), text).toMatchObject({ ok: false, status: 400, error: 'invalid-text' });
  });

  it('takes escapes that are text, and characters outside the BMP as they are', async () => {
    expect(await body('{"a":"\\\\u0000","b":"\\ud83d\\ude00","c":"\u{1F600}"}')).toEqual({
      ok: true,
      value: { a: '\\u0000', b: '\u{1F600}', c: '\u{1F600}' },
    });
  });
});
