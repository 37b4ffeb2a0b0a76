/**
 * The catalogue's sections that a hook or a part takes on its own (`useClickwrap`'s reasons,
 * `useGuardianCoSign`'s texts, the receipt summary's labels, the consent settings' texts).
 */
import type { DocumentCount, DocumentProgress, Message, Progress } from './message';

/**
 * The reasons `useClickwrap` lists while accepting is not possible yet (`missing`), one per
 * requirement of the core's rule set. The age gate's and the guardian's reasons are the
 * guardian form's own sentences (`GuardianCoSignMessages`): one wording for one problem.
 */
export interface ClickwrapReasonMessages {
  /** The end of the agreement has not been reached. */
  scrollToEnd: string;
  /** Not every key clause has been on screen (only with `requireAllKeyClausesSeen`). */
  keyClauses: Message<Progress>;
  /** Not every changed passage has been on screen (a re-consent that asks to read only the changes). */
  passages: Message<Progress>;
  /** The end of an additional document (e.g. the privacy policy) has not been reached. */
  documentEnd: Message<{ title: string }>;
  /** Not every key clause of an additional document has been on screen. */
  documentKeyClauses: Message<DocumentProgress>;
  /** Not every changed passage of an additional document has been on screen. */
  documentPassages: Message<DocumentProgress>;
  /** A birth date is entered but today's date is not known yet (before hydration). */
  agePending: string;
  /** The organisation's name is empty. */
  organizationName: string;
  /** The signer's authority is empty. */
  signerAuthority: string;
  /** The one required acknowledgement is not ticked; `{label}` is its text. */
  acknowledgement: Message<{ label: string }>;
  /** Several required acknowledgements, some not ticked; `{missing}` of `{total}`. */
  acknowledgements: Message<{ missing: number; total: number }>;
  /** The assent checkbox is not ticked; `{count}` is how many documents it agrees to. */
  assent: Message<DocumentCount>;
}

/**
 * The age gate's and the guardian form's texts (`useGuardianCoSign`). The same sentence is shown
 * at the field and listed among the clickwrap's reasons, so they are addressed to the person
 * agreeing ("you"), as the form is. Core's errors carry developer wording; the hook maps each
 * error code to one of these.
 */
export interface GuardianCoSignMessages {
  /** No birth date entered yet (also the gate's reason). */
  birthDateRequired: string;
  /** The gate's reason for any invalid birth date (the field says which problem). */
  birthDateInvalid: string;
  /** Some of day, month, year are empty; `{parts}` is one name or two joined by `birthDatePartsJoin`. */
  birthDateMissing: Message<{ parts: string }>;
  /** The day's name inside `birthDateMissing`. */
  birthDateDay: string;
  /** The month's name inside `birthDateMissing`. */
  birthDateMonth: string;
  /** The year's name inside `birthDateMissing`. */
  birthDateYear: string;
  /** Two of those names together; `{first}`, `{second}`. */
  birthDatePartsJoin: Message<{ first: string; second: string }>;
  /** No such date (30 February, month 13), or letters typed (core: `impossible`, `format`). */
  birthDateNotReal: string;
  /** The year is not 4 numbers; `{digits}` is 4, written as the hook's `locale` writes numbers. */
  birthDateYearDigits: Message<{ digits: number }>;
  /** The birth date is after today (core: `future`). */
  birthDateFuture: string;
  /**
   * The birth date is more than 150 years ago (core: `too-old`); `{years}` is 150, written as the
   * hook's `locale` writes numbers.
   */
  birthDateTooOld: Message<{ years: number }>;
  /** A single birth-date input (`getBirthDateInputProps`) holds something other than year-month-day. */
  birthDateUnparsable: string;
  /** The guardian's name is empty (also the gate's reason for any problem with the name). */
  nameRequired: string;
  /** The guardian's name equals the minor's. */
  nameSameAsMinor: string;
  /** The relationship is empty (also the gate's reason). */
  relationshipRequired: string;
  /** The attestation is not ticked (also the gate's reason). */
  attestationRequired: string;
  /** `verifyGuardian` is given and has not succeeded yet (also the gate's reason). */
  verificationRequired: string;
  /** `verifyGuardian` answered `ok: false` without a message. */
  verificationFailed: string;
  /** `verifyGuardian` threw or rejected. */
  verificationError: string;
  /** The default attestation in `joint` mode. */
  attestationJoint: string;
  /** The default attestation in `guardian-only` mode. */
  attestationGuardianOnly: string;
}

/** The labels of the receipt summary printed under the agreement (and in the downloaded copy). */
export interface CopyReceiptMessages {
  /** The receipt's id. */
  receiptId: string;
  /** When it was accepted. */
  acceptedAt: string;
  /** The agreement and its version. */
  agreement: string;
  /** The hash of the text shown. */
  sha256: string;
  /** Who accepted. */
  signer: string;
  /** The organisation agreed for. */
  organization: string;
  /** The legal guardian. */
  guardian: string;
  /** The acknowledgements given. */
  acknowledgements: string;
  /** The version this consent replaces. */
  replaces: string;
  /** Another document agreed to in the same consent. */
  document: string;
  /** The optional consents, each then marked granted or not. */
  optionalConsents: string;
  /** An optional consent that was given. */
  granted: string;
  /** An optional consent that was not given. */
  notGranted: string;
}

/** The texts of `ConsentSettings` (`useConsentSettings`): what a signed-in person agreed to, copies, withdrawal. */
export interface ConsentSettingsMessages {
  /** The heading of the whole view. */
  heading: string;
  /** While the status is loading. */
  loading: string;
  /** The status could not be loaded. */
  loadFailed: string;
  /** The server answered 401: nobody is signed in. */
  signInRequired: string;
  /** The button that loads the status again. */
  reload: string;
  /** Heading of the documents. */
  documentsHeading: string;
  /** A document accepted in its current version; `{version}`, `{date}` (server time, formatted). */
  accepted: Message<{ version: string; date: string }>;
  /** A document whose accepted version is no longer current; `{version}` accepted, `{date}`, `{current}` the new one. */
  needsReconsent: Message<{ version: string; date: string; current: string }>;
  /** An earlier version is accepted and the current one changes it only in minor ways: told, no new consent. */
  minorChanges: Message<{ version: string; date: string; current: string }>;
  /** A document accepted, then withdrawn with consent as a whole; `{version}`, `{date}`, `{withdrawn}` (the withdrawal's date). */
  acceptedThenWithdrawn: Message<{ version: string; date: string; withdrawn: string }>;
  /** A document never accepted. */
  notAccepted: string;
  /** When consent as a whole was withdrawn; `{date}`. */
  withdrawnOn: Message<{ date: string }>;
  /** A document's download button; `{title}`, `{version}`. */
  download: Message<{ title: string; version: string }>;
  /** A copy could not be made; `{title}`. */
  downloadFailed: Message<{ title: string }>;
  /** Heading of the optional consents. */
  optionalHeading: string;
  /** Under that heading: withdrawing is as easy as giving. */
  optionalIntro: string;
  /** No optional consent is offered. */
  optionalNone: string;
  /** An optional consent given; `{date}`. */
  optionalGranted: Message<{ date: string }>;
  /** An optional consent not given (or withdrawn). */
  optionalNotGranted: string;
  /** The visible text of an optional consent's withdraw button. */
  withdraw: string;
  /** Its accessible name (starts with `withdraw`); `{label}`. */
  withdrawLabel: Message<{ label: string }>;
  /** Announced after an optional consent is withdrawn; `{label}`. */
  withdrawn: Message<{ label: string }>;
  /** Heading of the section that withdraws consent as a whole. */
  withdrawAllHeading: string;
  /** What withdrawing as a whole means. */
  withdrawAllIntro: string;
  /** The button that asks for confirmation. */
  withdrawAll: string;
  /** Heading of the confirmation step. */
  confirmHeading: string;
  /** The confirmation's text; `{documents}` is the list of document titles. */
  confirmText: Message<{ documents: readonly string[] }>;
  /** The button that withdraws consent as a whole. */
  confirm: string;
  /** The button that goes back without withdrawing. */
  cancel: string;
  /** Announced after consent as a whole is withdrawn. */
  withdrawnAll: string;
  /** While a withdrawal is being recorded. */
  working: string;
  /**
   * A withdrawal was not confirmed: refused, or its answer lost (it may have been recorded). A
   * retry is the same withdrawal, never recorded twice.
   */
  withdrawFailed: string;
  /** Why, when the server could not be reached (no answer at all). */
  unreachable: string;
  /** Why, when the server answered that it is busy or failed (429, 5xx): to try again later. */
  busy: string;
  /** Heading of a copy made without a receipt (from the text served and the recorded status). */
  copyHeading: string;
}
