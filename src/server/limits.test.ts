import fc from 'fast-check';
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

  it('reports the same first refusal, at the same path, as a walk with a stack of every value', () => {
    const limits = {
      ...DEFAULT_LIMITS,
      maxDepth: 3,
      maxStringLength: 6,
      maxArrayLength: 3,
      maxObjectKeys: 3,
      maxListedIds: 4,
    };
    // The walk as first written: every value an item on one stack, the last pushed visited first.
    const reference = (root: unknown): string | null => {
      type Item = { value: unknown; depth: number; parent: Item | null; key: string | number };
      const pathOf = (item: Item) => {
        const parts: string[] = [];
        for (let at: Item | null = item; at?.parent; at = at.parent)
          parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
        return `$${parts.reverse().join('')}`;
      };
      const fault = (t: string) =>
        t.includes('\u0000') || /[\ud800-\udfff]/.test(t.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
      const stack: Item[] = [{ value: root, depth: 0, parent: null, key: '' }];
      while (stack.length > 0) {
        const item = stack.pop()!;
        const v = item.value;
        if (typeof v === 'string') {
          if (v.length > limits.maxStringLength) return `too-long ${pathOf(item)}`;
          if (fault(v)) return `invalid-text ${pathOf(item)}`;
          continue;
        }
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) return `number-out-of-range ${pathOf(item)}`;
          continue;
        }
        if (typeof v !== 'object' || v === null) continue;
        if (item.depth >= limits.maxDepth) return `too-deep ${pathOf(item)}`;
        if (Array.isArray(v)) {
          const most = item.key === 'keyClausesSeen' ? limits.maxListedIds : limits.maxArrayLength;
          if (v.length > most) return `too-many-items ${pathOf(item)}`;
          v.forEach((x, i) => stack.push({ value: x, depth: item.depth + 1, parent: item, key: i }));
        } else {
          const keys = Object.keys(v);
          if (keys.length > limits.maxObjectKeys) return `too-many-items ${pathOf(item)}`;
          for (const key of keys) {
            if (key.length > limits.maxStringLength) return `too-long key ${pathOf(item)}`;
            if (fault(key)) return `invalid-text key ${pathOf(item)}`;
            stack.push({
              value: (v as Record<string, unknown>)[key],
              depth: item.depth + 1,
              parent: item,
              key,
            });
          }
        }
      }
      return null;
    };
    const said = (refusal: ReturnType<typeof checkBounds>) => {
      if (!refusal) return null;
      const key = refusal.message.startsWith('A key of ');
      const path = /^(?:A key of )?(\$\S*)/.exec(refusal.message)![1];
      return `${refusal.error}${key ? ' key' : ''} ${path}`;
    };
    const text = fc.constantFrom('ok', 'x\u0000', '\ud800', 'a\udc00', '\u{1F600}', 'too long', '');
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'keyClausesSeen', 'k\u0000', 'far too long');
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.constantFrom(1, Infinity, null, true),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    }));
    fc.assert(
      fc.property(value, (v) => {
        expect(said(checkBounds(v, limits))).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
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
