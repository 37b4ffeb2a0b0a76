/**
 * react-clickwrap/core: the framework-free layer. No React, no DOM, no directive: safe to import
 * in Node >= 20, in edge runtimes and in React Server Components.
 *
 * At most 60 names (checked by `public-api.test.ts` and the API report in `etc/`): the shapes of
 * nested fields and error codes are indexed accesses, e.g. `ConsentReceipt['reading']`,
 * `ReceiptError['code']`, `AgreementDiff['changes'][number]`.
 *
 * Every module this one imports lands in an app's first load with esbuild whenever the app uses
 * any name of it and loads that module at all, even on demand (the modal's chunks): esbuild
 * counts a module that re-exports (`export { X } from`) as used, and follows every import of a
 * module any of whose names is used. So each name comes from the module that defines it, and
 * this module re-exports directly only modules that import nothing (the classes, the constants,
 * canonicalizeAgreement with its constant), deserializeAgreement's own module, and modules
 * nothing else in the package imports (parsing and serialising an agreement, verifying
 * receipts, lint, the exports), which no app loads unless it uses them.
 *
 * The names whose modules the components load on demand (the age rules, the receipt, its copy,
 * the diff, the hash, the tagger) are functions and constants of the modules in ./public/, one
 * per area, each documented there: a function that calls the definition, not a re-export, so
 * that esbuild leaves such a module out, with its imports, when none of its names is used.
 * While they were all one module (public-functions.ts, until 2 Dec), an app using the modal and
 * any one of them (hashAgreement, say) loaded all sixteen up front, the diff and through it the
 * markdown parser among them (esbuild, with hashAgreement: 62.5 KB gzipped; 19.2 since, the
 * modal alone 17.4: scripts/check-size.mjs). Split by what each imports, a name brings only its
 * own area: the diff (which parses) on its own; createReceipt (the receipt maker) apart from
 * missingRequirements (the rule set the hooks load anyway) and from the receipt's JSON and copy
 * (./public/receipt-copy.ts), which do not need it. A new public function whose module the
 * package imports elsewhere goes in the module of its area, or a new one, never in one that
 * imports more than it needs.
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
  ageBracketOf,
  ageOn,
  minimumAgeFor,
  parseCalendarDate,
  requiresGuardian,
  todayIn,
} from './public/age';
export { diffAgreements } from './public/diff';
export { hashAgreement } from './public/hash';
export { createReceipt } from './public/receipt';
export {
  AGREEMENT_COPY_END,
  buildAgreementCopy,
  receiptDocuments,
  receiptIntegrity,
  serializeReceipt,
} from './public/receipt-copy';
export { missingRequirements } from './public/requirements';
export { defaultTagClause } from './public/tagger';
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
