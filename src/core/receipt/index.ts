/**
 * Consent receipts: the plain JSON record of what was shown, what was read and who agreed.
 * One module per job: types, shape (the field list), consistency, rules (what a consent
 * requires), create, verify, serialize. Framework-free: Web Crypto through `globalThis.crypto`.
 */
export { createReceipt } from './create';
export { receiptDocuments, receiptIntegrity, serializeReceipt } from './serialize';
export { ReceiptError } from './types';
export type {
  CreateReceiptInput,
  ReceiptAgreementInput,
  ReceiptDateInput,
  ReceiptErrorCode,
  ReceiptProblem,
  ReceiptProblemCode,
  ReceiptReadingInput,
  ReceiptVerification,
  VerifyReceiptOptions,
} from './types';
export { verifyReceipt } from './verify';
