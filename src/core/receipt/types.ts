/**
 * The public types of consent receipts: what `createReceipt` takes, what `verifyReceipt` finds,
 * and the error both speak. The receipt itself (`ConsentReceipt`) lives in ../types.ts.
 */
import type { GuardianRule } from '../age';
import type { MissingCode, RequirementsState } from './rules';
import type {
  ConsentReceipt,
  KeyClause,
  KeyClauseSummary,
  ReadingRequirement,
  ReceiptAge,
  ReceiptGuardian,
  ReceiptMinor,
  ReceiptOrganization,
} from '../types';

/** A date-time as a `Date` or an ISO 8601 string with a time zone; stored as UTC ISO 8601. */
export type ReceiptDateInput = Date | string;

/**
 * A document as shown, for `createReceipt`. An `Agreement` from `parseAgreement` fits; when it
 * carries `keyClauses`, the reading evidence is checked against them.
 */
export interface ReceiptAgreementInput {
  id: string;
  version: string;
  title: string;
  /** The text shown; hashed in canonical form into `sha256`. */
  markdown: string;
  /**
   * The document's key clauses, if known: `keyClausesSeen` must name only these. Their
   * plain-language summaries, if any, are recorded as shown (`summaries`); without them, those
   * of the text's own summaries section are.
   */
  keyClauses?: readonly { id: string; summary?: KeyClauseSummary }[];
}

/** Evidence of reading one document, for `createReceipt`. */
export interface ReceiptReadingInput {
  /**
   * What had to be read before accepting: `whole` (to the end: `reachedEnd` must be true),
   * `changes` (re-consent: every added or changed passage, so `changesSeen` must list all
   * `changesTotal`, and `replaces` must be set), or `none`.
   * @default 'none' (the receipt claims no reading requirement)
   */
  required?: ReadingRequirement;
  reachedEnd: boolean;
  /** Required when `reachedEnd` is true, null otherwise. */
  reachedEndAt: ReceiptDateInput | null;
  /** Ids of the key clauses that were on screen, in the order first seen, each once. */
  keyClausesSeen: readonly string[];
  /** How many key clauses the document has. */
  keyClausesTotal: number;
  /** Re-consent: ids of the added or changed passages that were on screen, in the order first seen. @default [] */
  changesSeen?: readonly string[];
  /** Re-consent: how many passages were added or changed since the replaced version. @default 0 */
  changesTotal?: number;
}

/** What `createReceipt` takes. Dates may be `Date`s; the receipt stores them as UTC ISO strings. */
export interface CreateReceiptInput {
  /** The agreement the consent is given to, as shown (e.g. the Terms). */
  agreement: ReceiptAgreementInput;
  /** When the agreement was first shown (client clock). */
  shownAt: ReceiptDateInput;
  /** When the person accepted (client clock); not before `shownAt`. */
  acceptedAt: ReceiptDateInput;
  /** The person who agreed, as the app identifies them. An empty name is stored as null. */
  signer: { id: string; name?: string | null };
  /** The organisation the signer agreed for. @default null */
  organization?: ReceiptOrganization | null;
  /** The guardian who read the agreement with a minor; required exactly when `minor` is set. @default null */
  guardian?: (Omit<ReceiptGuardian, 'verification'> & { verification?: string | null }) | null;
  /** The minor's age bracket and the rule that required a guardian. @default null */
  minor?: ReceiptMinor | null;
  /**
   * The age check that ran, adult or minor (`guardianRequired` says which).
   * @default the `minor`'s check (with `guardianRequired: true`) when `minor` is set, else null
   */
  age?: ReceiptAge | null;
  /** Each required acknowledgement the person ticked, with the label shown. @default [] */
  acknowledgements?: readonly { id: string; label: string; at: ReceiptDateInput }[];
  /**
   * Every optional consent offered (e.g. marketing), granted or not, with the label shown and
   * when it was last ticked or unticked (null when left unticked). @default []
   */
  optionalConsents?: readonly {
    id: string;
    label: string;
    granted: boolean;
    at: ReceiptDateInput | null;
  }[];
  /** Evidence of reading `agreement`. */
  reading: ReceiptReadingInput;
  /** BCP 47 tag of the UI language, e.g. `"en-GB"`. */
  locale: string;
  /** Which UI collected the consent, e.g. `"modal"`, `"page"`. */
  uiVariant: string;
  /** The version (and receipt) of `agreement` this consent replaces, for re-consent. @default null */
  replaces?: { version: string; receiptId?: string | null; changeKind?: 'material' | 'minor' } | null;
  /**
   * The other documents agreed to in the same flow (e.g. a privacy policy), each as shown, with
   * its own reading evidence and, for re-consent, the version it replaces. @default []
   */
  additionalDocuments?: readonly {
    agreement: ReceiptAgreementInput;
    reading: ReceiptReadingInput;
    replaces?: { version: string; receiptId?: string | null; changeKind?: 'material' | 'minor' } | null;
  }[];
  /**
   * What the flow required beyond what the receipt records, so that `createReceipt` refuses
   * exactly what the accept gate refuses (both call the one rule set, `missingRequirements`).
   * `useClickwrap` passes it; leave it out for a consent assembled elsewhere.
   * @default {} (only what the receipt itself records is checked)
   */
  requirements?: ReceiptRequirementsInput;
  /**
   * What the assent statement and the Accept button looked like at the moment of accept, as
   * `useClickwrap` measures it in the browser. @default { measured: false, reason: 'not-provided', … }
   */
  presentation?: ConsentReceipt['presentation'];
  /**
   * The receipt id, e.g. an idempotency key the server issued. Must be a UUID; stored in
   * lowercase. @default crypto.randomUUID() (a v4 UUID)
   */
  receiptId?: string;
}

/** What the flow required beyond what a receipt records (`CreateReceiptInput.requirements`). */
export interface ReceiptRequirementsInput {
  /** Whether the person gave the assent. @default true */
  assented?: boolean;
  /** The ids of the acknowledgements that had to be ticked: each must be in `acknowledgements`. @default [] */
  acknowledgements?: readonly string[];
  /** The ids of the documents whose every key clause had to be on screen. @default [] */
  allKeyClausesSeen?: readonly string[];
  /** Whether the organisation was asked for: then `organization` must be given. @default false */
  organization?: boolean;
  /** The age gate's and guardian form's state, as the gate saw it. @default null (derived from `minor`) */
  guardian?: RequirementsState['guardian'];
}

/** What a {@link ReceiptProblem} (or a {@link ReceiptError}) is about; safe to branch on. */
export type ReceiptProblemCode =
  /** The receipt (or the input) is not a JSON object. */
  | 'not-an-object'
  /** A required field is absent, or an empty string. */
  | 'missing-field'
  /** A field has the wrong type or format. */
  | 'invalid-field'
  /** A date-time field is not a valid ISO 8601 date-time with a time zone. */
  | 'invalid-date'
  /** A field the schema does not define. */
  | 'unknown-field'
  /** `schema` is not this library's receipt schema id. */
  | 'unknown-schema'
  /** A document's `canonicalization` (the agreement's or an additional document's) names rules this version of the library does not know, so its hash is unchecked. */
  | 'unknown-canonicalization'
  /** `acceptedAt` is earlier than `shownAt`. */
  | 'accepted-before-shown'
  /**
   * A time the receipt records as part of the consent (a document's end reached, an
   * acknowledgement ticked, an optional consent ticked or unticked) is later than `acceptedAt`.
   */
  | 'after-accepted'
  /**
   * `reading.reachedEnd` and `reading.reachedEndAt` disagree; or the changes read do not fit
   * (`changesSeen` repeats an id or lists more than `changesTotal`, or changes are recorded
   * without `replaces`).
   */
  | 'reading-inconsistent'
  /**
   * The reading the receipt says was required was not done: `required: "whole"` without
   * `reachedEnd`, or `required: "changes"` with a changed passage not seen.
   */
  | 'reading-requirement-unmet'
  /** `reading.keyClausesSeen` repeats an id, lists more than the total, or names an unknown clause. */
  | 'key-clauses-inconsistent'
  /** A guardian without a minor, or a minor without a guardian. */
  | 'guardian-minor-mismatch'
  /** `age` disagrees with `minor`, or its bracket with its own `guardianRequired`. */
  | 'age-inconsistent'
  /** Something the flow required (`requirements`: assent, an acknowledgement, the organisation, the guardian form, every key clause) was not given; `requirement` says which. */
  | 'requirement-unmet'
  /** `policy`: the receipt states a weaker reading requirement than the policy's. */
  | 'reading-below-policy'
  /** `policy`: the policy applies a guardian rule and the receipt carries no age check (`age` is null). */
  | 'age-decision-missing'
  /** `policy`: the receipt's age check ran under another rule or threshold than the policy's. */
  | 'guardian-rule-mismatch'
  /** `policy`: the age check required a guardian and the receipt has none. */
  | 'guardian-missing'
  /** `policy`: the number of changed passages is not the one the policy states. */
  | 'changes-mismatch'
  /** Two acknowledgements with the same id. */
  | 'duplicate-acknowledgement'
  /** Two optional consents with the same id. */
  | 'duplicate-optional-consent'
  /** An optional consent recorded as granted without the time it was granted. */
  | 'optional-consent-inconsistent'
  /** Two documents (the agreement or an additional document) with the same id. */
  | 'duplicate-document'
  /** The agreement text is empty (after canonicalisation). */
  | 'empty-agreement'
  /** An argument other than the receipt is unusable (e.g. the agreement text is not a string). */
  | 'invalid-argument'
  /** A document's `sha256` does not match the text passed to `verifyReceipt` for it. */
  | 'agreement-mismatch'
  /** The receipt lists an additional document whose text was not passed to `verifyReceipt`, so its hash is unchecked. */
  | 'document-unverified'
  /** A document passed to `verifyReceipt` (`options.additionalDocuments`) is not in the receipt. */
  | 'document-missing'
  /** `agreement.id` is not the one the caller expected. */
  | 'agreement-id-mismatch'
  /** `agreement.version` is not the one the caller expected. */
  | 'version-mismatch'
  /** A document's `summaries.variant` disagrees with `minor` (minors are shown the minors' variants). */
  | 'summaries-inconsistent'
  /** A document's `summaries` do not match the plain-language summaries of the text passed to `verifyReceipt` (or one side has none). */
  | 'summaries-mismatch'
  /** `integrity` does not match the receipt's other fields: the receipt changed after creation. */
  | 'integrity-mismatch';

/** One thing wrong with a receipt. */
export interface ReceiptProblem {
  /** What kind of problem; stable, safe to branch on. */
  code: ReceiptProblemCode;
  /** Where, as a dotted path with `[index]` for arrays (`"acknowledgements[0].label"`); `""` for the whole receipt. */
  path: string;
  /** What is wrong and what to do, for developers and logs. */
  message: string;
  /** For `reading-requirement-unmet` and `requirement-unmet`: the code the one rule set (`missingRequirements`) gave. */
  requirement?: MissingCode;
}

/** What {@link verifyReceipt} found. */
export interface ReceiptVerification {
  /** True when there are no problems. */
  ok: boolean;
  /** Every problem found, in the order of the receipt's fields, then agreement and integrity checks. */
  problems: ReceiptProblem[];
}

/** A document's part of a {@link ReceiptPolicy}. */
export interface DocumentPolicy {
  /** The version served: the receipt must name it. */
  version?: string;
  /** The least reading the receipt must state (`whole` > `changes` > `none`) and have met. @default 'none' */
  reading?: ReadingRequirement;
  /** For a re-consent: how many passages were added or changed (e.g. from `diffAgreements`); the receipt's `changesTotal` must be it. */
  changes?: number;
}

/**
 * What a server requires of every receipt, whatever the client claims: `verifyReceipt` fails a
 * receipt that states less (a weaker reading, no age check, another version, a document left out).
 */
export interface ReceiptPolicy {
  /** The agreement served: the receipt must name this id and version. */
  agreement?: { id?: string; version?: string; changes?: number };
  /** The least reading of the agreement: `whole` > `changes` > `none`. @default 'none' */
  reading?: ReadingRequirement;
  /**
   * The guardian rule the server applies: every receipt must carry the age check (`age`) made
   * under it, and, with `requireGuardianForMinor` (default true), a guardian when it required one.
   * @default null (no age check required)
   */
  guardian?: { rule: GuardianRule; requireGuardianForMinor?: boolean } | null;
  /** The additional documents required, by id: each must be in the receipt and meet its policy. @default {} */
  documents?: Readonly<Record<string, DocumentPolicy>>;
}

/** What a caller of {@link verifyReceipt} expects the receipt to be about. */
export interface VerifyReceiptOptions {
  /**
   * What the server requires (see {@link ReceiptPolicy}); verification fails when the receipt
   * claims less. Without it, a receipt is only checked against itself and the texts given.
   */
  policy?: ReceiptPolicy;
  /** The agreement id the receipt must name. */
  agreementId?: string;
  /** The agreement version the receipt must name. */
  version?: string;
  /**
   * The text served for each additional document, by document id: e.g.
   * `{ "privacy-policy": privacyMarkdown }`, or `{ markdown, version }` to also require that
   * version. Each is checked like the agreement. Every additional document the receipt lists must
   * be given here (else `document-unverified`), and every one given here must be in the receipt
   * (else `document-missing`). A server that hashed the text it served once may pass
   * `{ sha256, version?, keyClauses? }` (the `hashAgreement` of that text, and the parsed
   * version's key clauses to check its plain-language summaries) instead of the text. @default {}
   */
  additionalDocuments?: Readonly<
    Record<
      string,
      | string
      | { markdown: string; version?: string }
      | { sha256: string; version?: string; keyClauses?: readonly Pick<KeyClause, 'id' | 'summary'>[] }
    >
  >;
}

/** The codes a {@link ReceiptError} can carry. */
export type ReceiptErrorCode =
  | ReceiptProblemCode
  /** `serializeReceipt` was given something that is not a well-formed receipt. */
  | 'invalid-receipt'
  /** Neither `crypto.randomUUID` nor `crypto.getRandomValues` exists to make a receipt id. */
  | 'crypto-unavailable';

/**
 * Thrown (or rejected with) when a receipt cannot be made or written. The message says what is
 * wrong and what to pass instead; `problems` lists everything found, not just the first.
 */
export class ReceiptError extends Error {
  override name = 'ReceiptError';
  /** Stable reason, safe to branch on: the first problem's code. */
  readonly code: ReceiptErrorCode;
  /** Where the first problem is, as in {@link ReceiptProblem.path}. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: readonly ReceiptProblem[];

  constructor(
    code: ReceiptErrorCode,
    path: string,
    message: string,
    problems: readonly ReceiptProblem[] = [],
  ) {
    super(message);
    this.code = code;
    this.path = path;
    this.problems = problems;
  }
}
