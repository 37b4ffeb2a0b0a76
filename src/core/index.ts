/**
 * react-clickwrap/core: the framework-free layer. No React, no DOM, no directive: safe to import
 * in Node >= 20, in edge runtimes and in React Server Components.
 *
 * At most 60 names (checked by `public-api.test.ts` and the API report in `etc/`): the shapes of
 * nested fields and error codes are indexed accesses, e.g. `ConsentReceipt['reading']`,
 * `ReceiptError['code']`, `AgreementDiff['changes'][number]`.
 */
export {
  AGE_BRACKETS,
  AgeError,
  ageBracketOf,
  ageOn,
  minimumAgeFor,
  parseCalendarDate,
  requiresGuardian,
  todayIn,
} from './age';
export type { Age, AgeBracket, BirthDateInput, CalendarDate, GuardianDecision, GuardianRule } from './age';
export {
  AgreementError,
  defaultTagClause,
  deserializeAgreement,
  parseAgreement,
  serializeAgreement,
} from './agreement';
export { CANONICALIZATION_VERSION, canonicalizeAgreement } from './canonical';
export { AGREEMENT_COPY_END, buildAgreementCopy } from './copy';
export type { AgreementCopy } from './copy';
export { diffAgreements } from './diff';
export type { AgreementDiff, ClauseChange } from './diff';
export { hashAgreement } from './hash';
export { KantaraError, toKantaraReceipt } from './exports/kantara';
export type { KantaraConsentReceipt, KantaraOptions } from './exports/kantara';
export { toIso27560Record } from './exports/iso-27560';
export { Iso27560Error } from './exports/iso-27560-problems';
export { CLICKWRAP_NAMESPACE } from './exports/iso-27560-types';
export type { Iso27560Options, Iso27560Record } from './exports/iso-27560-types';
export { createReceipt } from './receipt/create';
export { missingRequirements } from './receipt/rules';
export type { MissingRequirement, RequirementsState } from './receipt/rules';
export { receiptDocuments, receiptIntegrity, serializeReceipt } from './receipt/serialize';
export { ReceiptError } from './receipt/types';
export type {
  CreateReceiptInput,
  ReceiptPolicy,
  ReceiptProblem,
  ReceiptVerification,
  VerifyReceiptOptions,
} from './receipt/types';
export { verifyReceipt } from './receipt/verify';
export { RECEIPT_SCHEMA } from './types';
export type { Agreement, AgreementInput, ConsentReceipt, KeyClause } from './types';
export { LintError, lintAgreement } from './lint';
export type { LintFinding, LintOptions } from './lint';
