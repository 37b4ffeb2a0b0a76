/**
 * react-clickwrap/core: the framework-free layer. No React, no DOM, no directive: safe to import
 * in Node >= 20, in edge runtimes and in React Server Components.
 */
export {
  AGE_BRACKETS,
  AgeError,
  GDPR_DIGITAL_CONSENT_AGE,
  ageBracketOf,
  ageOn,
  minimumAgeFor,
  parseCalendarDate,
  requiresGuardian,
  todayIn,
} from './age';
export type {
  Age,
  AgeBracket,
  AgeErrorCode,
  BirthDateInput,
  CalendarDate,
  GuardianDecision,
  GuardianRule,
} from './age';
export {
  AgreementError,
  defaultTagClause,
  keyClauseAt,
  parseAgreement,
  sectionAt,
} from './agreement';
export type { AgreementErrorCode, AgreementErrorLocation, AgreementLimits } from './agreement';
export { CANONICALIZATION_VERSION, canonicalizeAgreement } from './canonical';
export { AGREEMENT_COPY_END, buildAgreementCopy } from './copy';
export type { AgreementCopy, AgreementCopyOptions } from './copy';
export { diffAgreements } from './diff';
export type {
  AgreementDiff,
  ClauseAdded,
  ClauseChange,
  ClauseChanged,
  ClauseRemoved,
  WordChange,
} from './diff';
export { hashAgreement, sha256Hex } from './hash';
export { KANTARA_VERSION, KantaraError, toKantaraReceipt } from './exports/kantara';
export type {
  KantaraConsentReceipt,
  KantaraErrorCode,
  KantaraOptions,
  KantaraPiiController,
  KantaraPostalAddress,
  KantaraProblem,
  KantaraPurpose,
  KantaraPurposeOption,
  KantaraService,
} from './exports/kantara';
export { toIso27560Record } from './exports/iso-27560';
export { Iso27560Error } from './exports/iso-27560-problems';
export type { Iso27560ErrorCode, Iso27560Problem } from './exports/iso-27560-problems';
export {
  CLICKWRAP_NAMESPACE,
  ISO_27560_CONTEXT,
  ISO_27560_PROFILE,
} from './exports/iso-27560-types';
export type {
  Iso27560Controller,
  Iso27560Decline,
  Iso27560Event,
  Iso27560Options,
  Iso27560PostalAddress,
  Iso27560Purpose,
  Iso27560Record,
  JsonLdNode,
  JsonLdValue,
} from './exports/iso-27560-types';
export { createReceipt } from './receipt/create';
export { missingRequirements } from './receipt/rules';
export type {
  DocumentRequirementState,
  GuardianRequirementField,
  MissingCode,
  MissingRequirement,
  RequirementsState,
} from './receipt/rules';
export { receiptDocuments, receiptIntegrity, serializeReceipt } from './receipt/serialize';
export { ReceiptError } from './receipt/types';
export type {
  CreateReceiptInput,
  DocumentPolicy,
  ReceiptAgreementInput,
  ReceiptDateInput,
  ReceiptErrorCode,
  ReceiptPolicy,
  ReceiptProblem,
  ReceiptProblemCode,
  ReceiptReadingInput,
  ReceiptRequirementsInput,
  ReceiptVerification,
  VerifyReceiptOptions,
} from './receipt/types';
export { verifyReceipt } from './receipt/verify';
export { RECEIPT_SCHEMA } from './types';
export type {
  Agreement,
  AgreementInput,
  AgreementSection,
  ConsentReceipt,
  KeyClause,
  KeyClauseTag,
  ReadingRequirement,
  ReceiptAcknowledgement,
  ReceiptAge,
  ReceiptAgreement,
  ReceiptDocument,
  ReceiptGuardian,
  ReceiptMinor,
  ReceiptOptionalConsent,
  ReceiptOrganization,
  ReceiptReading,
  ReceiptReplaces,
  ReceiptSigner,
  SourceSpan,
} from './types';
export { LintError, lintAgreement } from './lint';
export type {
  LimitingPhrase,
  LintErrorCode,
  LintFinding,
  LintOptions,
  LintRuleId,
  LintSeverity,
} from './lint';
