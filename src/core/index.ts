/**
 * react-clickwrap/core: the framework-free layer. No React, no DOM, no directive: safe to import
 * in Node >= 20, in edge runtimes and in React Server Components.
 *
 * At most 60 names (checked by `public-api.test.ts` and the API report in `etc/`): the shapes of
 * nested fields and error codes are indexed accesses, e.g. `ConsentReceipt['reading']`,
 * `ReceiptError['code']`, `AgreementDiff['changes'][number]`.
 *
 * Every module this one imports lands in an app's first load with esbuild whenever the app uses
 * any name of it and loads that module at all, even on demand (the modal's chunks): so each name
 * comes from the module that defines it (or a barrel of modules nothing else imports), and the
 * names whose modules the components load on demand are functions and constants of
 * public-functions.ts (see there).
 */
export { AGE_BRACKETS } from './age/brackets';
export { AgeError } from './age/errors';
export type { Age, AgeBracket, BirthDateInput, CalendarDate, GuardianDecision, GuardianRule } from './age';
export { AgreementError } from './agreement/errors';
export { deserializeAgreement } from './agreement/precompiled';
export { parseAgreement } from './agreement/parse-agreement';
export { serializeAgreement } from './agreement/precompile';
export { CANONICALIZATION_VERSION, canonicalizeAgreement } from './canonical';
export type { AgreementCopy } from './copy';
export type { AgreementDiff, ClauseChange } from './diff';
export { KantaraError, toKantaraReceipt } from './exports/kantara';
export type { KantaraConsentReceipt, KantaraOptions } from './exports/kantara';
export { toIso27560Record } from './exports/iso-27560';
export { Iso27560Error } from './exports/iso-27560-problems';
export { CLICKWRAP_NAMESPACE } from './exports/iso-27560-types';
export type { Iso27560Options, Iso27560Record } from './exports/iso-27560-types';
export {
  AGREEMENT_COPY_END,
  ageBracketOf,
  ageOn,
  buildAgreementCopy,
  createReceipt,
  defaultTagClause,
  diffAgreements,
  hashAgreement,
  minimumAgeFor,
  missingRequirements,
  parseCalendarDate,
  receiptDocuments,
  receiptIntegrity,
  requiresGuardian,
  serializeReceipt,
  todayIn,
} from './public-functions';
export type { MissingRequirement, RequirementsState } from './receipt/rules';
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
