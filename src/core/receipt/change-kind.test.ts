import { describe, expect, it } from 'vitest';
import { createReceipt, receiptIntegrity, verifyReceipt } from '.';
import { codes, forge, markdown, minimalInput, schema, schemaErrors } from './fixtures.test-utils';

/** A re-consent replacing version 2024-01-01, with the change kind the app recorded (if any). */
const reconsent = (changeKind?: unknown) => ({
  ...minimalInput(),
  replaces: {
    version: '2024-01-01',
    receiptId: null,
    ...(changeKind === undefined ? {} : { changeKind }),
  } as never,
});

describe("receipts: the replaced version's change kind", () => {
  it('records a minor or material change in replaces.changeKind, and verifies', async () => {
    for (const kind of ['minor', 'material'] as const) {
      const receipt = await createReceipt(reconsent(kind));
      expect(receipt.replaces).toEqual({ version: '2024-01-01', receiptId: null, changeKind: kind });
      expect(schemaErrors(receipt, schema)).toEqual([]);
      const result = await verifyReceipt(receipt, markdown);
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it('leaves the field out when the app does not say, so older receipts still verify', async () => {
    const receipt = await createReceipt(reconsent());
    expect(receipt.replaces).toEqual({ version: '2024-01-01', receiptId: null });
    expect('changeKind' in (receipt.replaces ?? {})).toBe(false);
    expect((await verifyReceipt(receipt, markdown)).ok).toBe(true);
  });

  it('refuses another value when creating, saying what to pass', async () => {
    await expect(createReceipt(reconsent('major'))).rejects.toThrow(
      /replaces\.changeKind.*"material" or "minor"/s,
    );
  });

  it('is covered by integrity: editing it without resealing fails, and a forged bad value is refused', async () => {
    const receipt = await createReceipt(reconsent('material'));
    const edited = structuredClone(receipt);
    edited.replaces = { ...edited.replaces!, changeKind: 'minor' };
    expect(await receiptIntegrity(edited)).not.toBe(receipt.integrity);
    expect((await verifyReceipt(edited, markdown)).ok).toBe(false);

    const forged = await forge(receipt, (r) => {
      (r.replaces as { changeKind: unknown }).changeKind = 'trivial';
    });
    const result = await verifyReceipt(forged, markdown);
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.path === 'replaces.changeKind')).toBeDefined();
    expect(codes(result.problems)).toContain('invalid-field');
  });
});
