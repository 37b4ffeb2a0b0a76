import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../agreement';
import { createReceipt, guardianRuleName, receiptIntegrity, verifyReceipt } from '.';
import type { CreateReceiptInput, ReceiptPolicy } from '.';
import type { ConsentReceipt } from '../types';

// Issue 9, finding 4: the server states what it requires, and verifyReceipt holds the client's
// receipt to it. Each tampered receipt below has its integrity recomputed, as an attacker would:
// integrity is a checksum anyone can recompute, not a signature.

const markdown = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const privacyMarkdown = '# Privacy Policy\n\nWe keep your data **only as long as the law requires**.\n';
const privacy = parseAgreement({ id: 'privacy-policy', version: '2024-06-01', markdown: privacyMarkdown });

function input(): CreateReceiptInput {
  return {
    agreement: { id: 'instadesk-terms', version: '2024-05-01', title: 'Terms', markdown },
    shownAt: '2024-05-01T09:00:00Z',
    acceptedAt: '2024-05-01T09:05:00Z',
    signer: { id: 'user-7', name: 'Li Wei' },
    guardian: {
      name: 'Li Na',
      relationship: 'parent',
      attestation: 'I read the agreement with my child.',
      mode: 'joint',
    },
    minor: { ageBracket: '16-17', rule: 'agreement', minimumAge: 18 },
    reading: {
      required: 'whole',
      reachedEnd: true,
      reachedEndAt: '2024-05-01T09:03:00Z',
      keyClausesSeen: [],
      keyClausesTotal: 0,
    },
    additionalDocuments: [
      {
        agreement: privacy,
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T09:04:00Z',
          keyClausesSeen: [],
          keyClausesTotal: privacy.keyClauses.length,
        },
      },
    ],
    locale: 'en',
    uiVariant: 'page',
  };
}

/** What the server requires: the Terms 2024-05-01 read whole, the agreement's own guardian rule, the privacy policy read whole. */
const policy: ReceiptPolicy = {
  agreement: { id: 'instadesk-terms', version: '2024-05-01' },
  reading: 'whole',
  guardian: { rule: { kind: 'agreement' }, requireGuardianForMinor: true },
  documents: { 'privacy-policy': { version: '2024-06-01', reading: 'whole' } },
};
const served = { 'privacy-policy': privacyMarkdown };

async function forge(receipt: ConsentReceipt, edit: (r: ConsentReceipt) => void): Promise<ConsentReceipt> {
  const forged = structuredClone(receipt);
  edit(forged);
  forged.integrity = await receiptIntegrity(forged);
  return forged;
}

const verify = (receipt: unknown) =>
  verifyReceipt(receipt, markdown, { additionalDocuments: served, policy });
const codesAt = (problems: readonly { code: string; path: string }[]) =>
  problems.map((p) => [p.code, p.path]);

describe('verifyReceipt with the server policy', () => {
  it('accepts an honest receipt that meets the policy', async () => {
    const receipt = await createReceipt(input());
    await expect(verify(receipt)).resolves.toEqual({ ok: true, problems: [] });
  });

  it('fails a receipt whose reading requirement was edited to "none" with the end not reached', async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      r.reading.required = 'none';
      r.reading.reachedEnd = false;
      r.reading.reachedEndAt = null;
    });
    // Without the policy the receipt is consistent: it claims nothing had to be read.
    await expect(verifyReceipt(receipt, markdown, { additionalDocuments: served })).resolves.toMatchObject({
      ok: true,
    });
    const result = await verify(receipt);
    expect(result.ok).toBe(false);
    expect(codesAt(result.problems)).toEqual([['reading-below-policy', 'reading.required']]);
    expect(result.problems[0]?.message).toMatch(/requires "whole"/);
  });

  it("fails an additional document's reading edited below the policy", async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      const doc = r.additionalDocuments[0]!;
      doc.reading.required = 'none';
      doc.reading.reachedEnd = false;
      doc.reading.reachedEndAt = null;
    });
    const result = await verify(receipt);
    expect(codesAt(result.problems)).toEqual([
      ['reading-below-policy', 'additionalDocuments[0].reading.required'],
    ]);
  });

  it('fails a receipt whose minor and guardian were removed: it must carry the age decision', async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      r.guardian = null;
      r.minor = null;
      delete (r as Partial<ConsentReceipt>).age;
    });
    const result = await verify(receipt);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toContain('age-decision-missing');
  });

  it('fails a version changed without the version option: the policy names the version served', async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      r.agreement.version = '2023-01-01';
    });
    const result = await verify(receipt);
    expect(codesAt(result.problems)).toEqual([['version-mismatch', 'agreement.version']]);
  });

  it('fails an additional document that the policy requires but the receipt does not list', async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      r.additionalDocuments = [];
    });
    const result = await verifyReceipt(receipt, markdown, { policy });
    expect(codesAt(result.problems)).toEqual([['document-missing', 'additionalDocuments']]);
  });
});

describe('verifyReceipt with the server policy: the age check', () => {
  const adult = (): CreateReceiptInput => ({
    ...input(),
    guardian: null,
    minor: null,
    age: { ageBracket: '18-plus', rule: 'agreement', minimumAge: 18, guardianRequired: false },
  });

  it("accepts an adult's receipt that carries the age check under the policy's rule", async () => {
    await expect(verify(await createReceipt(adult()))).resolves.toEqual({ ok: true, problems: [] });
  });

  it('fails a receipt with no age check at all when the policy applies a guardian rule', async () => {
    const receipt = await createReceipt({ ...adult(), age: null });
    expect(codesAt((await verify(receipt)).problems)).toEqual([['age-decision-missing', 'age']]);
  });

  it('fails an age check made under another rule', async () => {
    const receipt = await createReceipt({
      ...adult(),
      age: { ageBracket: '16-17', rule: 'gdpr:DE', minimumAge: 16, guardianRequired: false },
    });
    expect(codesAt((await verify(receipt)).problems)).toEqual([['guardian-rule-mismatch', 'age.rule']]);
  });

  it('takes Greece by either code: the rule has one name', async () => {
    const greek = (country: string) => ({ kind: 'gdpr' as const, country });
    expect([guardianRuleName(greek('EL')), guardianRuleName(greek('gr'))]).toEqual(['gdpr:GR', 'gdpr:GR']);
    const policyGR = { ...policy, guardian: { rule: greek('GR') } };
    for (const rule of ['gdpr:GR', 'gdpr:EL']) {
      const receipt = await createReceipt({
        ...adult(),
        age: { ageBracket: '18-plus', rule, minimumAge: 15, guardianRequired: false },
      });
      expect(
        await verifyReceipt(receipt, markdown, { policy: policyGR, additionalDocuments: served }),
      ).toEqual({
        ok: true,
        problems: [],
      });
    }
  });

  it('fails a minor whose age check was flipped to "no guardian required"', async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      r.guardian = null;
      r.minor = null;
      r.age = { ...r.age!, guardianRequired: false };
    });
    expect(codesAt((await verify(receipt)).problems)).toEqual([['age-inconsistent', 'age.guardianRequired']]);
  });

  it('fails a minor without a guardian even when the policy alone says so', async () => {
    const receipt = await forge(await createReceipt(input()), (r) => {
      r.guardian = null;
      r.minor = null;
    });
    const { problems } = await verify(receipt);
    expect(codesAt(problems)).toEqual([
      ['age-inconsistent', 'minor'],
      ['guardian-missing', 'guardian'],
    ]);
  });
});

describe('verifyReceipt with the server policy: re-consent and bad policies', () => {
  it('fails a re-consent whose number of changes was edited down to nothing to read', async () => {
    const receipt = await createReceipt({
      ...input(),
      replaces: { version: '2023-01-01' },
      reading: {
        required: 'changes',
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: 0,
        changesSeen: ['a'],
        changesTotal: 2,
      },
    }).catch((e: unknown) => e);
    expect(receipt).toBeInstanceOf(Error);
    const forged = await forge(
      await createReceipt({
        ...input(),
        replaces: { version: '2023-01-01' },
        reading: {
          required: 'changes',
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: [],
          keyClausesTotal: 0,
          changesSeen: ['a', 'b'],
          changesTotal: 2,
        },
      }),
      (r) => {
        r.reading.changesSeen = [];
        r.reading.changesTotal = 0;
      },
    );
    const reconsent = {
      ...policy,
      reading: 'changes' as const,
      agreement: { ...policy.agreement, changes: 2 },
    };
    const result = await verifyReceipt(forged, markdown, { additionalDocuments: served, policy: reconsent });
    expect(codesAt(result.problems)).toEqual([['changes-mismatch', 'reading.changesTotal']]);
  });

  it('reports a policy it cannot read as a bad argument, not as a bad receipt', async () => {
    const receipt = await createReceipt(input());
    const result = await verifyReceipt(receipt, markdown, {
      additionalDocuments: served,
      policy: { reading: 'most' as never, guardian: { rule: { kind: 'gdpr', country: 'XX' } } },
    });
    expect(result.problems.map((p) => p.code)).toEqual(['invalid-argument', 'invalid-argument']);
    expect(result.problems[1]?.message).toMatch(/options\.policy\.guardian\.rule/);
  });
});
