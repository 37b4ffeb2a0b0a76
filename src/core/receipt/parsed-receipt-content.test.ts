import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceipt } from '.';
import { parsedReceiptContent } from './serialize';
import { CONTENT, ordered } from './shape';
import { fullInput, getAt, leafPaths, minimalInput, reorderKeys, setAt } from './fixtures.test-utils';

// parsedReceiptContent writes a receipt already in the spec's order as it is, without the copy
// `ordered` makes: it must give canonicalContent's string (or throw as it does) for anything.
const byCopy = (value: unknown) => JSON.stringify(ordered(value, CONTENT));
const same = (value: unknown) => {
  let expected: string | Error;
  try {
    expected = byCopy(value);
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) expect(() => parsedReceiptContent(value)).toThrow(expected.message);
  else expect(parsedReceiptContent(value)).toBe(expected);
};
const parsed = async (full = true) =>
  JSON.parse(JSON.stringify(await createReceipt(full ? fullInput() : minimalInput()))) as Record<
    string,
    unknown
  >;

describe('parsedReceiptContent', () => {
  it('writes a parsed receipt, sealed or not, as the copy in the spec order does', async () => {
    for (const full of [true, false]) {
      const receipt = await parsed(full);
      same(receipt);
      const { integrity: _, ...content } = receipt;
      same(content);
      expect(parsedReceiptContent(content)).toBe(parsedReceiptContent(receipt));
      same(reorderKeys(receipt, (keys) => keys.reverse()));
    }
  });

  it('gives the copy’s string whatever one field is changed to, added or taken out', async () => {
    const receipt = await parsed();
    const paths = leafPaths(receipt).filter((p) => p.length > 0);
    class Thing {
      constructor(public id = 'x') {}
    }
    const odd: unknown[] = [
      undefined,
      null,
      0,
      Number.NaN,
      'text',
      [],
      [1, undefined],
      {},
      { id: 'x', extra: 1 },
      new Thing(),
      Object.assign(Object.create(null), { id: 'x' }),
      { toJSON: () => 'replaced' },
      Object.assign([1], { toJSON: () => 'array replaced' }),
      () => 1,
      Symbol('s'),
      new Date(0),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.constantFrom(...odd), fc.boolean(), (path, value, parent) => {
        const copy = structuredClone(receipt);
        const at = parent && path.length > 1 ? path.slice(0, -1) : path;
        setAt(copy, at, value);
        same(copy);
        // The same value under a new key, and the field taken out.
        const holder = getAt(copy, at.slice(0, -1));
        if (holder && typeof holder === 'object') {
          (holder as Record<string, unknown>).unknownField = value;
          same(copy);
          delete (holder as Record<string, unknown>)[at[at.length - 1] as string];
          same(copy);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('leaves nothing out that the copy keeps, and calls no toJSON the copy does not', async () => {
    const receipt = await parsed();
    // A field not enumerable: the copy holds it (Object.hasOwn), JSON.stringify would not.
    const hidden = structuredClone(receipt);
    Object.defineProperty(hidden.signer, 'name', { value: 'Hidden', enumerable: false });
    same(hidden);
    expect(parsedReceiptContent(hidden)).toContain('"Hidden"');

    // The same in the middle: a field skipped over must be absent.
    const skipped = structuredClone(receipt);
    Object.defineProperty(skipped.signer, 'id', { value: 'hidden-id', enumerable: false });
    same(skipped);
    expect(parsedReceiptContent(skipped)).toContain('"hidden-id"');

    // A toJSON JSON.stringify would call on the receipt's own objects, but the copy does not hold.
    const hiddenToJson = structuredClone(receipt);
    Object.defineProperty(hiddenToJson.signer, 'toJSON', { value: () => 'replaced' });
    same(hiddenToJson);
    const arrayToJson = structuredClone(receipt);
    Object.defineProperty(arrayToJson.additionalDocuments, 'toJSON', { value: () => 'replaced' });
    same(arrayToJson);
    expect(parsedReceiptContent(arrayToJson)).not.toContain('replaced');

    // Arrays the copy (`map`) makes into something else, or cannot copy.
    const species = structuredClone(receipt);
    Object.defineProperty(species.additionalDocuments, 'constructor', {
      value: { [Symbol.species]: class {} },
    });
    same(species);
    const noPrototype = structuredClone(receipt);
    Object.setPrototypeOf(noPrototype.additionalDocuments, null);
    same(noPrototype);
    const sub = structuredClone(receipt);
    class Items extends Array {}
    sub.acknowledgements = Items.from(['a']);
    same(sub);

    for (const integrity of ['0'.repeat(64), 1, undefined, null]) {
      same({ ...receipt, integrity });
      same({ integrity });
    }
    // `integrity` first, or twice-removed from the end.
    const { integrity, ...content } = receipt;
    same({ integrity, ...content });
    same({ ...content, integrity, extra: 1 });
    // Every field undefined but integrity.
    same(Object.fromEntries(Object.keys(receipt).map((k) => [k, k === 'integrity' ? integrity : undefined])));

    const cyclic = structuredClone(receipt);
    (cyclic.signer as Record<string, unknown>).name = { back: cyclic };
    same(cyclic);
    same({ ...receipt, receiptId: 1n });
    same(null);
    same('text');
    same([receipt]);
  });
});
