import { describe, expect, it } from 'vitest';
import { diffAgreements } from '../core/index';
import { consentStatus } from './status';
import type { LogEntry } from './log';
import { AGREEMENTS, makeReceipt, setup } from './test-fixtures';

/** The subject's log: one receipt accepting Terms 2023-01-01 and the privacy policy. */
async function acceptedV1(): Promise<LogEntry[]> {
  const receipt = await makeReceipt('alice');
  const entry = {
    id: receipt.receiptId,
    kind: 'receipt',
    subject: 'alice',
    receivedAt: '2025-01-01T00:00:00.000Z',
    bodyHash: '0'.repeat(64),
    payload: JSON.stringify({ receipt }),
    seq: 1,
    prev: '0'.repeat(64),
    hash: '1'.repeat(64),
  } satisfies LogEntry;
  return [entry];
}

describe('consentStatus: material and minor version changes', () => {
  it('asks for re-consent when a newer version is served and nothing says the change is minor', async () => {
    const { catalog } = await setup('2025-06-01');
    const terms = consentStatus('alice', await acceptedV1(), catalog).documents['instadesk-terms'];
    expect(terms).toMatchObject({
      accepted: false,
      acceptedVersion: '2023-01-01',
      currentVersion: '2025-06-01',
      changeKind: 'material',
      needsReconsent: true,
      needsNotice: false,
    });
  });

  it('asks only for a notice when the app says the change is minor', async () => {
    const { catalog } = await setup('2025-06-01');
    const calls: string[][] = [];
    const status = consentStatus('alice', await acceptedV1(), catalog, {
      changeKind: (id, from, to) => {
        calls.push([id, from, to]);
        // As an app would: the author's marking lists every change of this version (a key
        // clause's wording is minor only listed by id).
        const ids = diffAgreements(AGREEMENTS.terms, AGREEMENTS.termsV2).changes.map((c) => c.id);
        return diffAgreements(AGREEMENTS.terms, AGREEMENTS.termsV2, {
          minorChanges: { since: from, ids },
        }).changeKind;
      },
    });
    expect(calls).toEqual([['instadesk-terms', '2023-01-01', '2025-06-01']]);
    // Its five edits add, change and remove no key clause and re-bold nothing: all may be minor.
    expect(status.documents['instadesk-terms']).toMatchObject({
      changeKind: 'minor',
      needsReconsent: false,
      needsNotice: true,
    });
  });

  it('takes "minor" for a notice and anything else for material, and says nothing of an accepted version', async () => {
    const { catalog } = await setup('2025-06-01');
    const entries = await acceptedV1();
    const minor = consentStatus('alice', entries, catalog, { changeKind: () => 'minor' });
    expect(minor.documents['instadesk-terms']).toMatchObject({
      changeKind: 'minor',
      needsReconsent: false,
      needsNotice: true,
    });
    const odd = consentStatus('alice', entries, catalog, { changeKind: () => 'trivial' as never });
    expect(odd.documents['instadesk-terms']).toMatchObject({ changeKind: 'material', needsReconsent: true });
    // "none" between two versions whose texts differ is no answer the diff gives: material.
    const none = consentStatus('alice', entries, catalog, { changeKind: () => 'none' });
    expect(none.documents['instadesk-terms']).toMatchObject({ changeKind: 'material', needsReconsent: true });
    // The privacy policy's current version is the one accepted: no change to speak of.
    expect(minor.documents['privacy-policy']).toMatchObject({
      accepted: true,
      changeKind: null,
      needsReconsent: false,
      needsNotice: false,
    });
  });
});
