/**
 * Exporting a consent receipt as a Kantara Initiative Consent Receipt (Consent Receipt
 * Specification v1.1.0, 2018-02-20), the JSON record of consent that consent-management tools
 * and privacy dashboards read.
 *
 * The two records overlap only in part. From the react-clickwrap receipt come the receipt id, the
 * time of acceptance, the person's id and the language; everything a Kantara receipt says about
 * the controller, the jurisdiction, the privacy policy, the service and its purposes, the app
 * knows and passes as options. Which purposes apply can depend on the receipt: a purpose only
 * some people consent to, e.g. marketing, is tied to the optional consent that grants it
 * (`optionalConsentId`) and is in the Kantara receipt only when that consent was granted.
 *
 * The other way round, Kantara v1.1 has no field for the versions and hashes of the documents
 * agreed to (the agreement and the additional documents agreed in the same flow, e.g. a privacy
 * policy: the default `collectionMethod` only names them), the reading evidence and the reading
 * that was required, the organisation, the guardian, or the wording of the acknowledgements and
 * optional consents: these stay only in the react-clickwrap receipt. Keep it as the proof of what
 * was shown and read, and the Kantara one as its summary for other tools.
 *
 * Framework-free and synchronous; it does not verify the receipt (run `verifyReceipt` first on
 * a receipt that came from a client or from storage).
 */

export { toKantaraReceipt } from './build';
export { KantaraError } from './errors';
export type { KantaraErrorCode, KantaraProblem } from './errors';
export { KANTARA_VERSION } from './types';
export type {
  KantaraConsentReceipt,
  KantaraOptions,
  KantaraPiiController,
  KantaraPostalAddress,
  KantaraPurpose,
  KantaraPurposeOption,
  KantaraService,
} from './types';
