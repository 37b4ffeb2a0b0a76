import { describe, expect, it } from 'vitest';
import { createReceipt, receiptIntegrity, verifyReceipt } from '.';
import type { ReceiptProblemCode } from '.';
import type { ConsentReceipt } from '../types';
import {
  markdown,
  privacyMarkdown,
  cookieMarkdown,
  withDocs,
  fullInput,
  codes,
  leafPaths,
  pathString,
  getAt,
  setAt,
  changed,
  reorderKeys,
  RECEIPT_KEYS,
} from './fixtures.test-utils';

describe('verifyReceipt', () => {
  it('accepts the same text with Windows line endings (canonicalisation)', async () => {
    const receipt = await createReceipt(fullInput());
    const crlf = markdown.replace(/\r?\n/g, '\r\n');
    expect(crlf).not.toBe(markdown);
    expect(await verifyReceipt(receipt, crlf, withDocs)).toEqual({ ok: true, problems: [] });
    expect(await verifyReceipt(receipt, `\uFEFF${crlf}\r\n\r\n`, withDocs)).toEqual({
      ok: true,
      problems: [],
    });
    const crlfDocs = {
      'privacy-policy': privacyMarkdown.replace(/\n/g, '\r\n'),
      'cookie-policy': { markdown: `\uFEFF${cookieMarkdown.replace(/\n/g, '\r')}\r\n` },
    };
    expect(await verifyReceipt(receipt, markdown, { additionalDocuments: crlfDocs })).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('reports an agreement mismatch when the text differs by one character', async () => {
    const receipt = await createReceipt(fullInput());
    const i = markdown.indexOf('bold');
    const edited = `${markdown.slice(0, i)}B${markdown.slice(i + 1)}`;
    const { ok, problems } = await verifyReceipt(receipt, edited, withDocs);
    expect(ok).toBe(false);
    expect(problems).toEqual([
      {
        code: 'agreement-mismatch',
        path: 'agreement.sha256',
        message: expect.stringMatching(
          /^The receipt's hash of the agreement \([0-9a-f]{64}\) does not match the text you passed \([0-9a-f]{64}\): the person saw different text, or you passed another version\.$/,
        ),
      },
    ]);
  });

  it('reports a receipt for another agreement id or version', async () => {
    const receipt = await createReceipt(fullInput());
    const { problems } = await verifyReceipt(receipt, markdown, {
      ...withDocs,
      agreementId: 'privacy-policy',
      version: '2025-01-01',
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['agreement-id-mismatch', 'agreement.id'],
      ['version-mismatch', 'agreement.version'],
    ]);
  });

  describe('given a stored receipt that was edited afterwards', () => {
    const integrityBound = async () => {
      const receipt = await createReceipt(fullInput());
      // `presentation` (not measured here, so mostly null) has its own tests in presentation.test.ts.
      const paths = leafPaths(receipt).filter((p) => p[0] !== 'integrity' && p[0] !== 'presentation');
      return { receipt, paths };
    };

    /** Problems other than the integrity mismatch that a given edit also (rightly) causes. */
    const alsoReported: Record<string, ReceiptProblemCode[]> = {
      schema: ['unknown-schema'],
      'agreement.sha256': ['agreement-mismatch'],
      'agreement.canonicalization': ['unknown-canonicalization'],
      // The minor and the age check it repeats no longer agree.
      'minor.ageBracket': ['age-inconsistent'],
      'minor.rule': ['age-inconsistent'],
      'minor.minimumAge': ['age-inconsistent'],
      'age.ageBracket': ['age-inconsistent'],
      'age.rule': ['age-inconsistent'],
      'age.minimumAge': ['age-inconsistent'],
      'age.guardianRequired': ['age-inconsistent'],
      // reachedEndAt is now set without reachedEnd, and the reading required was "whole".
      'reading.reachedEnd': ['reading-inconsistent', 'reading-requirement-unmet'],
      // The server's text for "privacy-policy" now has no document, and this one no text.
      'additionalDocuments[0].id': ['document-unverified', 'document-missing'],
      'additionalDocuments[0].sha256': ['agreement-mismatch'],
      'additionalDocuments[0].canonicalization': ['unknown-canonicalization'],
      'additionalDocuments[0].reading.reachedEnd': ['reading-inconsistent', 'reading-requirement-unmet'],
      'additionalDocuments[1].id': ['document-unverified', 'document-missing'],
      'additionalDocuments[1].sha256': ['agreement-mismatch'],
      'additionalDocuments[1].canonicalization': ['unknown-canonicalization'],
      'additionalDocuments[1].reading.reachedEnd': ['reading-inconsistent'],
      // One more change than the two the person saw, and "changes" had to be read.
      'additionalDocuments[1].reading.changesTotal': ['reading-requirement-unmet'],
    };

    it('covers every field of the receipt', async () => {
      const { receipt, paths } = await integrityBound();
      // Everything but `integrity` is bound; a full receipt has no null leaves (or empty arrays) left to miss.
      const names = paths.map(pathString);
      expect(names).toContain('acknowledgements[1].label');
      expect(names).toContain('optionalConsents[1].at');
      expect(names).toContain('reading.required');
      expect(names).toContain('reading.changesSeen[0]');
      expect(names).toContain('replaces.receiptId');
      expect(names).toContain('additionalDocuments[1].reading.changesSeen[1]');
      expect(names).toContain('additionalDocuments[1].replaces.receiptId');
      expect(paths.every((p) => getAt(receipt, p) !== null && !Array.isArray(getAt(receipt, p)))).toBe(true);
      // 2 top-level ids + agreement 5 + 2 dates + signer 2 + organization 2 + guardian 5 +
      // minor 3 + age 4 + 2 acknowledgements × 3 + 2 optional consents × 4 + reading (5 + 3 clause ids +
      // 1 change id) + locale, uiVariant + replaces 2 + additional documents (5 + reading 5 +
      // replaces 2) × 2 + their 2 + 1 clause ids and 1 + 2 change ids.
      expect(paths).toHaveLength(2 + 5 + 2 + 2 + 2 + 5 + 3 + 4 + 6 + 8 + 9 + 2 + 2 + 24 + 6);
    });

    it('reports an integrity mismatch for a change to any single field', async () => {
      const { receipt, paths } = await integrityBound();
      for (const path of paths) {
        const edited = structuredClone(receipt);
        setAt(edited, path, changed(getAt(receipt, path)));
        const { ok, problems } = await verifyReceipt(edited, markdown, withDocs);
        const name = pathString(path);
        expect(ok, name).toBe(false);
        expect(codes(problems).sort(), name).toEqual(
          ['integrity-mismatch', ...(alsoReported[name] ?? [])].sort(),
        );
      }
    });

    it('reports an integrity mismatch when an item is added, removed or moved', async () => {
      const receipt = await createReceipt(fullInput());
      const edits: ((r: ConsentReceipt) => void)[] = [
        (r) => r.acknowledgements.pop(),
        (r) => r.reading.keyClausesSeen.push('vii-1'),
        (r) => r.reading.keyClausesSeen.reverse(),
        (r) => {
          r.organization = null;
        },
        (r) => r.optionalConsents.pop(),
        (r) => r.optionalConsents.reverse(),
        (r) => r.reading.changesSeen.pop(),
        (r) => r.additionalDocuments.reverse(),
        (r) => r.additionalDocuments[1]!.reading.changesSeen.reverse(),
        (r) => r.additionalDocuments[0]!.reading.keyClausesSeen.pop(),
        (r) => {
          r.additionalDocuments[0]!.replaces = null;
          r.additionalDocuments[0]!.reading.changesSeen = [];
          r.additionalDocuments[0]!.reading.changesTotal = 0;
        },
      ];
      for (const [i, edit] of edits.entries()) {
        const edited = structuredClone(receipt);
        edit(edited);
        expect(codes((await verifyReceipt(edited, markdown, withDocs)).problems), `edit ${i}`).toEqual([
          'integrity-mismatch',
        ]);
      }
    });

    it('reports an integrity mismatch when the integrity value itself is edited', async () => {
      const receipt = await createReceipt(fullInput());
      const edited = { ...receipt, integrity: changed(receipt.integrity) };
      expect(codes((await verifyReceipt(edited, markdown, withDocs)).problems)).toEqual([
        'integrity-mismatch',
      ]);
    });

    it('does not mind the order of keys', async () => {
      const receipt = await createReceipt(fullInput());
      const shuffled = reorderKeys(receipt, (keys) => keys.reverse());
      expect(Object.keys(shuffled.additionalDocuments[0]!)[0]).toBe('replaces');
      expect(await verifyReceipt(shuffled, markdown, withDocs)).toEqual({ ok: true, problems: [] });
    });
  });

  it('reports an unknown canonicalisation version and skips the hash check', async () => {
    const receipt = await createReceipt(fullInput());
    const future = {
      ...receipt,
      agreement: { ...receipt.agreement, canonicalization: 'react-clickwrap/canonical-v9' },
    };
    future.integrity = await receiptIntegrity(future);
    const { problems } = await verifyReceipt(future, 'other text', withDocs);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-canonicalization', 'agreement.canonicalization'],
    ]);
  });

  it('reports a receipt of another schema', async () => {
    const receipt = await createReceipt(fullInput());
    const other = { ...receipt, schema: 'https://example.com/receipt.json' } as unknown as ConsentReceipt;
    other.integrity = await receiptIntegrity(other);
    expect(codes((await verifyReceipt(other, markdown, withDocs)).problems)).toEqual(['unknown-schema']);
  });

  it('reports fields the schema does not define', async () => {
    const receipt = await createReceipt(fullInput());
    const extra = {
      ...receipt,
      ipAddress: '203.0.113.9',
      signer: { ...receipt.signer, email: 'a@b.c' },
      optionalConsents: [{ ...receipt.optionalConsents[0]!, channel: 'email' }, receipt.optionalConsents[1]],
      additionalDocuments: [
        receipt.additionalDocuments[0],
        {
          ...receipt.additionalDocuments[1]!,
          url: 'https://instadesk.example/cookies',
          reading: { ...receipt.additionalDocuments[1]!.reading, scrolledPercent: 100 },
        },
      ],
    };
    const { problems } = await verifyReceipt(extra, markdown, withDocs);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-field', 'signer.email'],
      ['unknown-field', 'optionalConsents[0].channel'],
      ['unknown-field', 'additionalDocuments[1].reading.scrolledPercent'],
      ['unknown-field', 'additionalDocuments[1].url'],
      ['unknown-field', 'ipAddress'],
    ]);
  });

  it('checks the same cross-field rules as createReceipt', async () => {
    const receipt = await createReceipt(fullInput());
    const forged = {
      ...receipt,
      minor: null,
      acceptedAt: '2024-04-30T09:00:00.000Z',
      reading: { ...receipt.reading, keyClausesSeen: ['a', 'a'] },
    } as ConsentReceipt;
    forged.integrity = await receiptIntegrity(forged);
    const { problems } = await verifyReceipt(forged, markdown, withDocs);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['accepted-before-shown', 'acceptedAt'],
      // Moved before everything, acceptedAt is also before every time the consent rests on.
      ['after-accepted', 'reading.reachedEndAt'],
      ['after-accepted', 'additionalDocuments[0].reading.reachedEndAt'],
      ['after-accepted', 'additionalDocuments[1].reading.reachedEndAt'],
      ['after-accepted', 'acknowledgements[0].at'],
      ['after-accepted', 'acknowledgements[1].at'],
      ['after-accepted', 'optionalConsents[0].at'],
      ['after-accepted', 'optionalConsents[1].at'],
      ['guardian-minor-mismatch', 'minor'],
      // The age check still says a guardian was required, so a minor it was.
      ['age-inconsistent', 'minor'],
      ['key-clauses-inconsistent', 'reading.keyClausesSeen[1]'],
    ]);
  });

  it('refuses an age decision that contradicts its own rule', async () => {
    /** The problems of the full receipt with its age check replaced (a minor's, unless no guardian was required). */
    const problemsWith = async (decision: Record<string, unknown>, guardianRequired = true) => {
      const receipt = await createReceipt(fullInput());
      const forged = {
        ...receipt,
        ...(guardianRequired ? { minor: decision } : { minor: null, guardian: null }),
        age: { ...decision, guardianRequired },
      } as unknown as ConsentReceipt;
      forged.integrity = await receiptIntegrity(forged);
      return (await verifyReceipt(forged, markdown, withDocs)).problems.map((p) => [p.code, p.path]);
    };
    // An adult recorded as a minor: at or over the minimum age, no guardian is required.
    expect(await problemsWith({ ageBracket: '18-plus', rule: 'agreement', minimumAge: 18 })).toEqual([
      ['age-inconsistent', 'minor.ageBracket'],
    ]);
    expect(await problemsWith({ ageBracket: '14', rule: 'gdpr:SE', minimumAge: 13 })).toEqual([
      ['age-inconsistent', 'minor.ageBracket'],
    ]);
    // A built-in rule has its own minimum age and its own brackets.
    expect(await problemsWith({ ageBracket: '16-17', rule: 'coppa', minimumAge: 18 })).toEqual([
      ['age-inconsistent', 'minor.minimumAge'],
    ]);
    expect(await problemsWith({ ageBracket: 'adult', rule: 'agreement', minimumAge: 18 }, false)).toEqual([
      ['age-inconsistent', 'age.ageBracket'],
    ]);
    expect(await problemsWith({ ageBracket: '14', rule: 'gdpr:ZZ', minimumAge: 15 })).toEqual([
      ['age-inconsistent', 'minor.rule'],
    ]);
    // An app's own rule keeps its own brackets.
    expect(await problemsWith({ ageBracket: 'under-21', rule: 'custom:club', minimumAge: 21 })).toEqual([]);
    expect(await problemsWith({ ageBracket: '16-17', rule: 'agreement', minimumAge: 18 })).toEqual([]);
  });

  it('refuses a receipt whose end was reached, or a box ticked, after the person accepted', async () => {
    const receipt = await createReceipt(fullInput());
    const accepted = Date.parse(receipt.acceptedAt);
    const later = (ms: number) => new Date(accepted + ms).toISOString();
    const forged = {
      ...receipt,
      reading: { ...receipt.reading, reachedEndAt: later(4 * 60_000) },
      acknowledgements: [receipt.acknowledgements[0]!, { ...receipt.acknowledgements[1]!, at: later(1) }],
      optionalConsents: [
        { ...receipt.optionalConsents[0]!, at: '2099-01-01T00:00:00.000Z' },
        receipt.optionalConsents[1]!,
      ],
    } as ConsentReceipt;
    forged.integrity = await receiptIntegrity(forged);
    const { ok, problems } = await verifyReceipt(forged, markdown, withDocs);
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['after-accepted', 'reading.reachedEndAt'],
      ['after-accepted', 'acknowledgements[1].at'],
      ['after-accepted', 'optionalConsents[0].at'],
    ]);
    expect(problems[0]!.message).toMatch(/reaching the end cannot happen after the person accepted/);
    // At the very moment of accepting is not after it.
    const same = { ...receipt, reading: { ...receipt.reading, reachedEndAt: receipt.acceptedAt } };
    same.integrity = await receiptIntegrity(same);
    expect((await verifyReceipt(same, markdown, withDocs)).problems).toEqual([]);
  });

  it('collects every problem, not just the first', async () => {
    const receipt = await createReceipt(fullInput());
    const broken = structuredClone(receipt) as unknown as Record<string, unknown>;
    delete broken.locale;
    broken.shownAt = 'not a date';
    (broken.reading as Record<string, unknown>).keyClausesTotal = -1;
    const { ok, problems } = await verifyReceipt(broken, `${markdown}!`, { ...withDocs, version: '1' });
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid-date', 'shownAt'],
      ['invalid-field', 'reading.keyClausesTotal'],
      ['missing-field', 'locale'],
      ['agreement-mismatch', 'agreement.sha256'],
      ['version-mismatch', 'agreement.version'],
      ['integrity-mismatch', 'integrity'],
    ]);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(20);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', '{"schema":"x"}'],
    ['a number', 42],
  ])('returns a problem instead of throwing for %s', async (_, garbage) => {
    expect(await verifyReceipt(garbage, markdown)).toEqual({
      ok: false,
      problems: [{ code: 'not-an-object', path: '', message: expect.stringMatching(/receipt object/) }],
    });
  });

  it('reports every missing field of an empty object', async () => {
    const { ok, problems } = await verifyReceipt({}, markdown);
    expect(ok).toBe(false);
    expect(problems.every((p) => p.code === 'missing-field')).toBe(true);
    // `presentation` is optional: receipts made before it was recorded have none.
    expect(problems.map((p) => p.path)).toEqual(RECEIPT_KEYS.filter((key) => key !== 'presentation'));
  });

  it('survives deeply wrong shapes and bad arguments without throwing', async () => {
    const receipt = await createReceipt(fullInput());
    const weird = {
      ...receipt,
      agreement: [],
      reading: 'yes',
      acknowledgements: [null, 3],
      signer: { id: 5 },
      optionalConsents: [null, { id: 7, granted: 'no', at: 1 }, 'x'],
      additionalDocuments: [
        null,
        3,
        { id: 5, reading: [], replaces: 'x' },
        { id: 'privacy-policy', sha256: 1 },
      ],
    };
    const result = await verifyReceipt(weird, 17 as never, 'nope' as never);
    expect(result.ok).toBe(false);
    expect(codes(result.problems)).toEqual(
      expect.arrayContaining([
        'invalid-field',
        'invalid-argument',
        'integrity-mismatch',
        'document-unverified',
      ]),
    );
    const weirdOptions = await verifyReceipt(weird, markdown, {
      additionalDocuments: {
        'privacy-policy': { markdown: 5 },
        'cookie-policy': null,
        'x-policy': [],
      } as never,
    });
    expect(codes(weirdOptions.problems)).toEqual(
      expect.arrayContaining(['invalid-argument', 'document-missing']),
    );
    const empty = await verifyReceipt(receipt, '  \n', withDocs);
    expect(codes(empty.problems)).toEqual(['empty-agreement']);
  });
});
