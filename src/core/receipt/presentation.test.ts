import { describe, expect, it } from 'vitest';
import { createReceipt, receiptIntegrity, serializeReceipt, verifyReceipt } from '.';
import { fairPresentation, unmeasuredPresentation } from '../presentation/fixtures.test-utils';
import type { ConsentReceipt } from '../types';
import {
  codesAt,
  forge,
  getAt,
  leafPaths,
  markdown,
  minimalInput,
  pathString,
  reorderKeys,
  schema,
  schemaErrors,
  setAt,
} from './fixtures.test-utils';

const measured = () => createReceipt({ ...minimalInput(), presentation: fairPresentation() });

describe('the receipt’s presentation evidence', () => {
  describe('given a receipt made with measured evidence', () => {
    it('records it as given, after the other fields and before integrity, and verifies', async () => {
      const receipt = await measured();
      expect(receipt.presentation).toEqual(fairPresentation());
      expect(Object.keys(receipt).slice(-2)).toEqual(['presentation', 'integrity']);
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
      expect(schemaErrors(receipt, schema)).toEqual([]);
    });

    it('is covered by integrity: changing any measurement breaks it', async () => {
      const receipt = await measured();
      const paths = leafPaths(receipt.presentation).filter((p) => getAt(receipt.presentation, p) !== null);
      expect(paths.length).toBeGreaterThan(20);
      for (const path of paths) {
        const edited = structuredClone(receipt) as ConsentReceipt;
        const value = getAt(edited.presentation, path);
        // A change that keeps the block well-formed, so only integrity can notice it.
        const next =
          typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : `${String(value)}x`;
        if (pathString(path) === 'colorScheme') setAt(edited.presentation, path, 'dark');
        else if (pathString(path) === 'measured')
          continue; // also inconsistent: see 'not measured, with a measurement' below
        else setAt(edited.presentation, path, next);
        const { ok, problems } = await verifyReceipt(edited, markdown);
        expect(ok, pathString(path)).toBe(false);
        expect(codesAt(problems), pathString(path)).toEqual([['integrity-mismatch', 'integrity']]);
      }
    });

    it('survives a JSON round trip with its keys in another order, and serialises in the schema order', async () => {
      const receipt = await measured();
      const shuffled = reorderKeys(JSON.parse(JSON.stringify(receipt)) as ConsentReceipt, (k) => k.reverse());
      expect(await verifyReceipt(shuffled, markdown)).toEqual({ ok: true, problems: [] });
      expect(serializeReceipt(shuffled)).toBe(serializeReceipt(receipt));
      expect(serializeReceipt(receipt)).toContain('"presentation": {\n    "measured": true,');
    });
  });

  describe('given a receipt made without evidence (outside useClickwrap)', () => {
    it('says so explicitly: not measured, not provided, nothing guessed', async () => {
      const receipt = await createReceipt(minimalInput());
      expect(receipt.presentation).toEqual(unmeasuredPresentation('not-provided'));
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
      expect(schemaErrors(receipt, schema)).toEqual([]);
    });
  });

  describe('given an older receipt without the field', () => {
    it('still verifies, and its integrity is the one it was made with', async () => {
      const receipt = await createReceipt(minimalInput());
      const { presentation: _, integrity: __, ...rest } = receipt;
      const old = { ...rest, integrity: await receiptIntegrity(rest) } as ConsentReceipt;
      expect(await verifyReceipt(old, markdown)).toEqual({ ok: true, problems: [] });
      expect(schemaErrors(old, schema)).toEqual([]);
      expect(serializeReceipt(old)).not.toContain('presentation');
    });
  });

  describe("given the Accept button's visible text", () => {
    it('records it after the name, and verifies with it, with null (an icon only) and without it (older receipts)', async () => {
      const receipt = await measured();
      expect(Object.keys(receipt.presentation!.acceptButton!).slice(0, 2)).toEqual(['label', 'visibleText']);
      for (const visibleText of ['Continue', null, undefined]) {
        const presentation = fairPresentation();
        if (visibleText === undefined) delete presentation.acceptButton!.visibleText;
        else presentation.acceptButton!.visibleText = visibleText;
        const made = await createReceipt({ ...minimalInput(), presentation });
        expect(made.presentation!.acceptButton, String(visibleText)).toEqual(presentation.acceptButton);
        expect(await verifyReceipt(made, markdown), String(visibleText)).toEqual({ ok: true, problems: [] });
        expect(schemaErrors(made, schema), String(visibleText)).toEqual([]);
      }
    });

    it('leaves it out of an older receipt made without it (not written as null), so its integrity is as made', async () => {
      const presentation = fairPresentation();
      delete presentation.acceptButton!.visibleText;
      const receipt = await createReceipt({ ...minimalInput(), presentation });
      const stored = JSON.parse(serializeReceipt(receipt)) as ConsentReceipt;
      expect(stored.presentation!.acceptButton).not.toHaveProperty('visibleText');
      const withNull = await createReceipt({
        ...minimalInput(),
        presentation: { ...presentation, acceptButton: { ...presentation.acceptButton!, visibleText: null } },
      });
      expect(withNull.integrity).not.toBe(receipt.integrity);
    });
  });

  describe('given a malformed block', () => {
    it.each<[string, (p: Record<string, unknown>) => void, string[][]]>([
      [
        'a string for a number',
        (p) => ((p.assent as Record<string, unknown>).fontSizePx = '16px'),
        [['invalid-field', 'presentation.assent.fontSizePx']],
      ],
      [
        'a contrast above 21',
        (p) => ((p.assent as Record<string, unknown>).contrast = 22),
        [['invalid-field', 'presentation.assent.contrast']],
      ],
      [
        'a negative size',
        (p) => ((p.acceptButton as Record<string, unknown>).widthPx = -1),
        [['invalid-field', 'presentation.acceptButton.widthPx']],
      ],
      [
        "a number for the button's visible text",
        (p) => ((p.acceptButton as Record<string, unknown>).visibleText = 42),
        [['invalid-field', 'presentation.acceptButton.visibleText']],
      ],
      [
        'an unknown field',
        (p) => (p.screenshot = 'data:image/png;base64,AAAA'),
        [['unknown-field', 'presentation.screenshot']],
      ],
      [
        'an unknown reason',
        (p) => Object.assign(p, unmeasuredPresentation(), { reason: 'busy' }),
        [['invalid-field', 'presentation.reason']],
      ],
      [
        'a missing measurement',
        (p) => delete p.viewport,
        [
          ['missing-field', 'presentation.viewport'],
          ['invalid-field', 'presentation'],
        ],
      ],
      ['measured, with a reason', (p) => (p.reason = 'no-layout'), [['invalid-field', 'presentation']]],
      ['measured, without the button', (p) => (p.acceptButton = null), [['invalid-field', 'presentation']]],
      ['not measured, with a measurement', (p) => (p.measured = false), [['invalid-field', 'presentation']]],
      [
        'not measured, without a reason',
        (p) => Object.assign(p, unmeasuredPresentation(), { reason: null }),
        [['invalid-field', 'presentation']],
      ],
    ])('reports %s as a problem', async (_, change, expected) => {
      const forged = await forge(await measured(), (r) =>
        change(r.presentation as unknown as Record<string, unknown>),
      );
      const { ok, problems } = await verifyReceipt(forged, markdown);
      expect(ok).toBe(false);
      expect(codesAt(problems)).toEqual(expected);
    });

    it('is refused by createReceipt with what to pass', async () => {
      const bad = { ...fairPresentation(), measured: 'yes' } as never;
      await expect(createReceipt({ ...minimalInput(), presentation: bad })).rejects.toMatchObject({
        code: 'invalid-field',
        path: 'presentation.measured',
        message: expect.stringMatching(/Pass whether layout was measured, as true or false/),
      });
    });

    it('is refused by serializeReceipt', async () => {
      const forged = await forge(await measured(), (r) => Object.assign(r.presentation!, { extra: 1 }));
      expect(() => serializeReceipt(forged)).toThrow(/presentation\.extra is not a receipt field/);
    });
  });
});
