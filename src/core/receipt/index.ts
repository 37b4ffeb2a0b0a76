/**
 * Consent receipts: the plain JSON record of what was shown, what was read and who agreed.
 * One module per job: types, shape (the field list), consistency, rules (what a consent
 * requires), requirements (rules ↔ receipts), policy, create, verify, serialize.
 * Framework-free: Web Crypto through `globalThis.crypto`. Inside the library only: the package
 * entry (`../index.ts`) picks what is public.
 */
export { createReceipt } from './create';
export { missingRequirements, normalizeSignerName } from './rules';
export type {
  DocumentRequirementState,
  GuardianRequirementField,
  MissingCode,
  MissingRequirement,
  RequirementsState,
} from './rules';
export { guardianRuleName } from './policy';
export { receiptDocuments, receiptIntegrity, serializeReceipt } from './serialize';
export { ReceiptError } from './types';
export type {
  CreateReceiptInput,
  DocumentPolicy,
  ReceiptAgreementInput,
  ReceiptDateInput,
  ReceiptErrorCode,
  ReceiptProblem,
  ReceiptPolicy,
  ReceiptProblemCode,
  ReceiptReadingInput,
  ReceiptRequirementsInput,
  ReceiptVerification,
  VerifyReceiptOptions,
} from './types';
export { verifyReceipt } from './verify';
