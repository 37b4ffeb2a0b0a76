import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReceipt, missingRequirements, normalizeSignerName, ReceiptError, verifyReceipt } from '.';
import type { CreateReceiptInput, DocumentRequirementState, RequirementsState } from '.';

const markdown = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');

const read: DocumentRequirementState = {
  id: 'terms',
  required: 'whole',
  reachedEnd: true,
  keyClausesSeen: 0,
  keyClausesTotal: 3,
};
const complete: RequirementsState = { documents: [read], assented: true };
const codes = (state: Partial<RequirementsState>) =>
  missingRequirements({ ...complete, ...state }).map((m) => m.code);

describe('missingRequirements (the one rule set)', () => {
  it('is empty when everything holds', () => {
    expect(missingRequirements(complete)).toEqual([]);
  });

  it('lists every requirement not met, in page order, with the data a message needs', () => {
    expect(
      missingRequirements({
        documents: [
          { ...read, reachedEnd: false, requireAllKeyClausesSeen: true, keyClausesSeen: 1 },
          {
            id: 'privacy',
            required: 'changes',
            reachedEnd: false,
            keyClausesSeen: 0,
            keyClausesTotal: 0,
            changesSeen: 1,
            changesTotal: 2,
          },
        ],
        guardian: {
          birthDateEntered: true,
          birthDateInvalid: false,
          decided: true,
          required: true,
          invalid: ['name', 'attestation'],
        },
        organization: { name: ' ', signerAuthority: 'Admin' },
        acknowledgements: ['a', 'b'],
        acknowledged: { b: true },
        assented: false,
      }),
    ).toEqual([
      { code: 'scroll-to-end' },
      { code: 'key-clauses', seen: 1, total: 3 },
      { code: 'document-passages', documentId: 'privacy', seen: 1, total: 2 },
      { code: 'guardian-name' },
      { code: 'guardian-attestation' },
      { code: 'organization-name' },
      { code: 'acknowledgements', missing: ['a'], total: 2 },
      { code: 'assent' },
    ]);
  });

  it('asks for the changes only when the reading required is "changes", and nothing when none changed', () => {
    const changes = (changesSeen: number, changesTotal: number) =>
      codes({ documents: [{ ...read, required: 'changes', reachedEnd: false, changesSeen, changesTotal }] });
    expect(changes(1, 2)).toEqual(['passages']);
    expect(changes(2, 2)).toEqual([]);
    expect(changes(0, 0)).toEqual([]);
    expect(codes({ documents: [{ ...read, required: 'none', reachedEnd: false }] })).toEqual([]);
  });

  it('checks the age gate step by step: birth date, valid, decided, then the guardian', () => {
    const gate = {
      birthDateEntered: false,
      birthDateInvalid: false,
      decided: false,
      required: false,
      invalid: [],
    };
    expect(codes({ guardian: gate })).toEqual(['birth-date']);
    expect(codes({ guardian: { ...gate, birthDateEntered: true, birthDateInvalid: true } })).toEqual([
      'birth-date-invalid',
    ]);
    expect(codes({ guardian: { ...gate, birthDateEntered: true } })).toEqual(['age-pending']);
    expect(
      codes({ guardian: { ...gate, birthDateEntered: true, decided: true, invalid: ['name'] } }),
    ).toEqual([]);
  });
});

describe('normalizeSignerName', () => {
  it('trims, and makes a blank name null', () => {
    expect(normalizeSignerName('  Anna Berg ')).toBe('Anna Berg');
    expect(normalizeSignerName('  ')).toBeNull();
    expect(normalizeSignerName('')).toBeNull();
    expect(normalizeSignerName(undefined)).toBeNull();
  });
});

function input(): CreateReceiptInput {
  return {
    agreement: { id: 'terms', version: '1', title: 'Terms', markdown },
    shownAt: '2024-05-01T09:00:00Z',
    acceptedAt: '2024-05-01T09:01:00Z',
    signer: { id: 'user-7', name: '  Li Wei ' },
    acknowledgements: [{ id: 'a', label: 'I will not resell numbers.', at: '2024-05-01T09:00:30Z' }],
    reading: {
      required: 'whole',
      reachedEnd: true,
      reachedEndAt: '2024-05-01T09:00:40Z',
      keyClausesSeen: [],
      keyClausesTotal: 0,
    },
    locale: 'en',
    uiVariant: 'page',
  };
}

describe('createReceipt and the one rule set', () => {
  it('stores the signer name trimmed', async () => {
    expect((await createReceipt(input())).signer).toEqual({ id: 'user-7', name: 'Li Wei' });
  });

  it('refuses what the gate would refuse, listing the rule codes', async () => {
    const error = (await createReceipt({
      ...input(),
      organization: null,
      requirements: {
        assented: false,
        acknowledgements: ['a', 'b'],
        organization: true,
        allKeyClausesSeen: ['terms'],
        guardian: {
          birthDateEntered: false,
          birthDateInvalid: false,
          decided: false,
          required: false,
          invalid: [],
        },
      },
      reading: { ...input().reading, keyClausesTotal: 2, keyClausesSeen: ['x'] },
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(error.problems.map((p) => [p.code, p.requirement])).toEqual([
      ['requirement-unmet', 'key-clauses'],
      ['requirement-unmet', 'birth-date'],
      ['requirement-unmet', 'organization-name'],
      ['requirement-unmet', 'signer-authority'],
      ['requirement-unmet', 'acknowledgements'],
      ['requirement-unmet', 'assent'],
    ]);
    expect(error.problems.find((p) => p.requirement === 'acknowledgements')?.message).toMatch(/"b"/);
  });

  it('makes the receipt once the gate state is complete', async () => {
    const receipt = await createReceipt({
      ...input(),
      requirements: { assented: true, acknowledgements: ['a'] },
    });
    await expect(verifyReceipt(receipt, markdown)).resolves.toEqual({ ok: true, problems: [] });
  });
});

describe('the age check in a receipt', () => {
  it("records an adult's age check, and verifies it", async () => {
    const receipt = await createReceipt({
      ...input(),
      age: { ageBracket: '18-plus', rule: 'agreement', minimumAge: 18, guardianRequired: false },
    });
    expect(receipt.age).toEqual({
      ageBracket: '18-plus',
      rule: 'agreement',
      minimumAge: 18,
      guardianRequired: false,
    });
    expect(receipt.minor).toBeNull();
    await expect(verifyReceipt(receipt, markdown)).resolves.toEqual({ ok: true, problems: [] });
  });

  it('refuses an age check that contradicts its own bracket', async () => {
    const error = (await createReceipt({
      ...input(),
      age: { ageBracket: '14', rule: 'agreement', minimumAge: 18, guardianRequired: false },
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error.problems.map((p) => [p.code, p.path])).toEqual([
      ['age-inconsistent', 'age.guardianRequired'],
    ]);
  });

  it('refuses an age check that required a guardian, without the minor', async () => {
    const error = (await createReceipt({
      ...input(),
      age: { ageBracket: '14', rule: 'agreement', minimumAge: 18, guardianRequired: true },
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error.problems.map((p) => [p.code, p.path])).toEqual([['age-inconsistent', 'minor']]);
  });
});
