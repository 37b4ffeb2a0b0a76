import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_PUBLIC_NAMES, publicNames } from '../public-names.test-utils';
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
      'Iso27560Error',
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
      'deserializeAgreement',
      'diffAgreements',
      'hashAgreement',
      'lintAgreement',
      'minimumAgeFor',
      'missingRequirements',
      'parseAgreement',
      'parseCalendarDate',
      'receiptDocuments',
      'receiptIntegrity',
      'requiresGuardian',
      'serializeAgreement',
      'serializeReceipt',
      'toIso27560Record',
      'toKantaraReceipt',
      'todayIn',
      'verifyReceipt',
    ]);
  });

  it('exports exactly these names, types included, and at most 60 of them', () => {
    const names = publicNames(fileURLToPath(new URL('./index.ts', import.meta.url)));
    expect(names).toEqual([
      'AGE_BRACKETS',
      'AGREEMENT_COPY_END',
      'Age',
      'AgeBracket',
      'AgeError',
      'Agreement',
      'AgreementCopy',
      'AgreementDiff',
      'AgreementError',
      'AgreementInput',
      'BirthDateInput',
      'CANONICALIZATION_VERSION',
      'CLICKWRAP_NAMESPACE',
      'CalendarDate',
      'ClauseChange',
      'ConsentReceipt',
      'CreateReceiptInput',
      'GuardianDecision',
      'GuardianRule',
      'Iso27560Error',
      'Iso27560Options',
      'Iso27560Record',
      'KantaraConsentReceipt',
      'KantaraError',
      'KantaraOptions',
      'KeyClause',
      'LintError',
      'LintFinding',
      'LintOptions',
      'MissingRequirement',
      'RECEIPT_SCHEMA',
      'ReceiptError',
      'ReceiptPolicy',
      'ReceiptProblem',
      'ReceiptVerification',
      'RequirementsState',
      'VerifyReceiptOptions',
      'ageBracketOf',
      'ageOn',
      'buildAgreementCopy',
      'canonicalizeAgreement',
      'createReceipt',
      'defaultTagClause',
      'deserializeAgreement',
      'diffAgreements',
      'hashAgreement',
      'lintAgreement',
      'minimumAgeFor',
      'missingRequirements',
      'parseAgreement',
      'parseCalendarDate',
      'receiptDocuments',
      'receiptIntegrity',
      'requiresGuardian',
      'serializeAgreement',
      'serializeReceipt',
      'toIso27560Record',
      'toKantaraReceipt',
      'todayIn',
      'verifyReceipt',
    ]);
    expect(names.length).toBeLessThanOrEqual(MAX_PUBLIC_NAMES);
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
