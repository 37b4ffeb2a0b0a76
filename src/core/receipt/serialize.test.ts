import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceipt, ReceiptError, receiptIntegrity, serializeReceipt } from '.';
import { RECEIPT_SCHEMA } from '../types';
import type { ConsentReceipt } from '../types';
import {
  schema,
  fullInput,
  minimalInput,
  reorderKeys,
  keysDeep,
  resolve,
  schemaErrors,
  schemaProperties,
} from './fixtures.test-utils';

describe('serializeReceipt', () => {
  it('writes canonical JSON with a 2-space indent and a final newline', async () => {
    const receipt = await createReceipt(fullInput());
    const json = serializeReceipt(receipt);
    expect(json).toBe(`${JSON.stringify(receipt, null, 2)}\n`);
    expect(json.split('\n')[1]).toBe(`  "schema": "${RECEIPT_SCHEMA}",`);
  });

  it('writes the fixed order for a receipt parsed from JSON with its keys shuffled', async () => {
    const receipt = await createReceipt(fullInput());
    const expected = serializeReceipt(receipt);
    const reversed = JSON.parse(JSON.stringify(reorderKeys(receipt, (keys) => keys.reverse())));
    expect(keysDeep(reversed)).not.toEqual(keysDeep(receipt));
    expect(serializeReceipt(reversed)).toBe(expected);

    fc.assert(
      fc.property(fc.infiniteStream(fc.double()), (randoms) => {
        const shuffle = (keys: string[]) =>
          keys
            .map((k) => [randoms.next().value as number, k] as const)
            .sort(([a], [b]) => a - b)
            .map(([, k]) => k);
        const shuffled = JSON.parse(JSON.stringify(reorderKeys(receipt, shuffle)));
        expect(serializeReceipt(shuffled)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips: the parsed output is the receipt, in the same key order', async () => {
    const receipt = await createReceipt(minimalInput());
    const back = JSON.parse(serializeReceipt(receipt)) as ConsentReceipt;
    expect(back).toEqual(receipt);
    expect(keysDeep(back)).toEqual(keysDeep(receipt));
  });

  it('refuses something that is not a well-formed receipt rather than drop or invent fields', async () => {
    const receipt = await createReceipt(minimalInput());
    expect(() => serializeReceipt({ ...receipt, note: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'invalid-receipt', path: 'note' }),
    );
    const { locale: _, ...noLocale } = receipt;
    expect(() => serializeReceipt(noLocale as never)).toThrow(/locale is missing/);
    expect(() => serializeReceipt(null as never)).toThrow(ReceiptError);
  });
});

describe('receiptIntegrity', () => {
  it('is the same with or without the integrity field, and whatever the key order', async () => {
    const receipt = await createReceipt(fullInput());
    const { integrity, ...content } = receipt;
    expect(await receiptIntegrity(content)).toBe(integrity);
    expect(await receiptIntegrity(reorderKeys(receipt, (k) => k.reverse()))).toBe(integrity);
  });

  it('rejects something that is not an object', async () => {
    await expect(receiptIntegrity('x' as never)).rejects.toBeInstanceOf(ReceiptError);
  });
});

describe('schema/receipt.schema.json', () => {
  it('is a draft 2020-12 schema with the receipt schema id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(RECEIPT_SCHEMA);
    expect(schema.properties?.schema?.const).toBe(RECEIPT_SCHEMA);
  });

  it('documents every field', () => {
    const undocumented = schemaProperties(schema)
      .filter(([, node]) => !node.description)
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
    expect(schemaProperties(schema).length).toBeGreaterThan(40);
  });

  it.each([
    ['a full receipt', fullInput],
    ['a minimal receipt', minimalInput],
  ])('describes %s: same keys in the same order, all required, nothing else allowed', async (_, make) => {
    const receipt = await createReceipt(make());
    expect(schemaErrors(receipt, schema)).toEqual([]);
  });

  it('is checked against every new part of a receipt by the full receipt above', async () => {
    // So that the test above cannot pass with these left empty.
    const receipt = await createReceipt(fullInput());
    expect(receipt.optionalConsents.map((c) => c.granted)).toEqual([true, false]);
    expect(receipt.additionalDocuments.map((d) => d.reading.required)).toEqual(['whole', 'changes']);
    expect(receipt.reading.required).toBe('whole');
    expect(receipt.reading.changesSeen).not.toEqual([]);
    const readingDef = resolve({ $ref: '#/$defs/reading' });
    expect(Object.keys(readingDef.properties ?? {})).toEqual(Object.keys(receipt.reading));
    expect(readingDef.properties?.required?.enum).toEqual(['whole', 'changes', 'none']);
    const unticked = structuredClone(receipt);
    unticked.optionalConsents[1]!.at = null;
    expect(schemaErrors(unticked, schema)).toEqual([]);
  });

  it('would catch a receipt that departs from it', async () => {
    const receipt = await createReceipt(fullInput());
    const { acceptedAt, ...rest } = receipt;
    const moved = { ...rest, acceptedAt };
    expect(schemaErrors(moved, schema)).toEqual([expect.stringMatching(/^\(root\): keys .* ≠ properties/)]);
    expect(schemaErrors({ ...receipt, locale: 'en_GB' }, schema)).toEqual(['locale: pattern']);

    const departures: [(r: ConsentReceipt) => void, string[]][] = [
      [(r) => Object.assign(r.reading, { required: 'most' }), ['reading.required: not in enum']],
      [
        (r) => Object.assign(r.additionalDocuments[1]!.reading, { required: 'all' }),
        ['additionalDocuments[1].reading.required: not in enum'],
      ],
      [
        (r) =>
          r.additionalDocuments[0]!.reading.changesSeen.push(
            r.additionalDocuments[0]!.reading.changesSeen[0]!,
          ),
        ['additionalDocuments[0].reading.changesSeen: items not unique'],
      ],
      [
        (r) => Object.assign(r.optionalConsents[0]!, { granted: 'yes' }),
        ['optionalConsents[0].granted: string not allowed'],
      ],
      [
        (r) => Object.assign(r.optionalConsents[0]!, { channel: 'email' }),
        [expect.stringMatching(/^optionalConsents\[0\]: keys id,label,granted,at,channel ≠ properties/)],
      ],
      [
        (r) => Object.assign(r.additionalDocuments[0]!, { sha256: 'ABC' }),
        ['additionalDocuments[0].sha256: pattern'],
      ],
      [
        (r) => Object.assign(r.additionalDocuments[0]!, { replaces: { version: '1' } }),
        [expect.stringMatching(/^additionalDocuments\[0\]\.replaces: keys version ≠ properties/)],
      ],
    ];
    for (const [edit, errors] of departures) {
      const edited = structuredClone(receipt);
      edit(edited);
      expect(schemaErrors(edited, schema)).toEqual(errors);
    }
  });
});
