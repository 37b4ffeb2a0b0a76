import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('react-clickwrap/core public API', () => {
  it('exports exactly these names (a change here is a change to the public contract)', () => {
    expect(Object.keys(core).sort()).toEqual([
      'AGE_BRACKETS',
      'AGREEMENT_COPY_END',
      'AgeError',
      'AgreementError',
      'CANONICALIZATION_VERSION',
      'CLICKWRAP_NAMESPACE',
      'GDPR_DIGITAL_CONSENT_AGE',
      'ISO_27560_CONTEXT',
      'ISO_27560_PROFILE',
      'Iso27560Error',
      'KANTARA_VERSION',
      'KantaraError',
      'LintError',
      'RECEIPT_SCHEMA',
      'ReceiptError',
      'ageBracketOf',
      'ageOn',
      'buildAgreementCopy',
      'canonicalizeAgreement',
      'createReceipt',
      'defaultTagClause',
      'diffAgreements',
      'hashAgreement',
      'keyClauseAt',
      'lintAgreement',
      'minimumAgeFor',
      'missingRequirements',
      'parseAgreement',
      'parseCalendarDate',
      'receiptDocuments',
      'receiptIntegrity',
      'requiresGuardian',
      'sectionAt',
      'serializeReceipt',
      'sha256Hex',
      'toIso27560Record',
      'toKantaraReceipt',
      'todayIn',
      'verifyReceipt',
    ]);
  });

  it('has the names DESIGN.md promises', () => {
    for (const name of [
      'parseAgreement',
      'canonicalizeAgreement',
      'hashAgreement',
      'ageOn',
      'requiresGuardian',
      'createReceipt',
      'verifyReceipt',
      'diffAgreements',
    ]) {
      expect(typeof core[name as keyof typeof core]).toBe('function');
    }
  });
});
