/**
 * The shape of the one message catalogue: every text the hooks and the components show.
 * Framework-free (no React, no DOM, no directive), so a Server Component or a Node script can
 * import it and pass a catalogue to the client components.
 */

/** A value a text can take: numbers and lists are formatted for the locale (see `format`). */
export type MessageValue = string | number | readonly string[];

/** The named values of a text with placeholders. */
export type MessageValues = Record<string, MessageValue>;

/**
 * A text with named placeholders (`'{seen} of {total} read'`), or a function of the same values
 * for a language that needs logic (plural forms). The catalogues hold only strings, so a
 * catalogue can cross from a Server Component to a Client Component; a function works only in
 * client code.
 */
export type Message<P extends MessageValues> = string | ((values: P) => string);

/** Reading progress: how many of how many. */
type Progress = { seen: number; total: number };
/** An additional document's progress. */
type DocumentProgress = { title: string; seen: number; total: number };

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
  /** The assent checkbox is not ticked. */
  assent: string;
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
  /** The year is not 4 numbers. */
  birthDateYearDigits: string;
  /** The birth date is after today (core: `future`). */
  birthDateFuture: string;
  /** The birth date is more than 150 years ago (core: `too-old`). */
  birthDateTooOld: string;
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
  /** A document never accepted (or withdrawn since). */
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
  /** A withdrawal could not be recorded. */
  withdrawFailed: string;
  /** Heading of a copy made without a receipt (from the text served and the recorded status). */
  copyHeading: string;
}

/**
 * Every text the hooks and components show, in one language. All keys are required, so a
 * translation cannot silently fall back to English. Placeholders are in braces
 * (`{seen} of {total}`) and filled by `format`.
 */
export interface ClickwrapMessages {
  /** BCP 47 tag of these messages; the default `locale` recorded in receipts. */
  locale: string;

  // ---- Layout ---------------------------------------------------------------------------------
  /** The one-line description under the title. */
  description: string;
  /** The modal's close button (closing records no decision). */
  close: string;
  /** The group around Accept and Decline. */
  actionsLabel: string;
  /** The one action left after a decision in the modal: closes it. */
  done: string;

  // ---- Agreement view -------------------------------------------------------------------------
  /** Accessible name of the scroll region; `{title}` is the agreement's title. */
  agreementLabel: Message<{ title: string }>;
  /** Accessible name of a scroll region given no label (`useScrollToEnd`'s default). */
  agreementRegionLabel: string;
  /** Appended (visually hidden) to links that open in a new tab. */
  opensInNewTab: string;

  // ---- Reading progress -----------------------------------------------------------------------
  /** Accessible name of the progress bar. */
  progressLabel: string;
  /** The same, for an additional document; `{title}`. */
  documentProgressLabel: Message<{ title: string }>;
  /** The progress as text (`aria-valuetext` and the visible label); `{percent}` is 0–100. */
  progressValue: Message<{ percent: number }>;
  /** Announced once, politely, when the end is reached. */
  reachedEnd: string;

  // ---- Key-clause summary ---------------------------------------------------------------------
  /** Heading of the summary. */
  keyClausesHeading: string;
  /** The same, for an additional document (e.g. the privacy policy); `{title}`. */
  documentKeyClausesHeading: Message<{ title: string }>;
  /** One line under the heading. */
  keyClausesIntro: string;
  /** How many key clauses were read; `{seen}` and `{total}`. */
  keyClausesCount: Message<Progress>;
  /** Screen-reader text after a clause that was on screen. */
  keyClauseSeen: string;
  /** Screen-reader text after a clause not yet on screen. */
  keyClauseUnseen: string;
  /** The small visible tag on a highlighted clause (screen readers hear the clause's own name). */
  keyClauseTag: string;
  /** The summary's button that goes to the first clause not read yet. */
  keyClausesNextUnread: string;
  /** A section's count in the grouped summary; `{seen}` and `{total}`. */
  keyClausesSectionCount: Message<Progress>;
  /** The group of clauses before the first heading. */
  keyClausesNoSection: string;

  // ---- Table of contents ----------------------------------------------------------------------
  /** Accessible name of the table of contents. */
  tocLabel: string;

  // ---- Age gate and guardian ------------------------------------------------------------------
  /** Legend of the date of birth (day, month, year), or the label of a single date input. */
  birthDateLabel: string;
  /** Hint under that legend. */
  birthDateHint: string;
  /** Label of the day field. */
  birthDateDayLabel: string;
  /** Label of the month field. */
  birthDateMonthLabel: string;
  /** Label of the year field. */
  birthDateYearLabel: string;
  /** Legend of the guardian section. */
  guardianLegend: string;
  /** Heading of the error summary at the top of the guardian form (GOV.UK's "There is a problem"). */
  errorSummaryHeading: string;
  /** Why the guardian section is shown; `{minimumAge}`. */
  guardianIntro: Message<{ minimumAge: number }>;
  /** Label of the guardian's name. */
  guardianNameLabel: string;
  /** Label of the relationship. */
  relationshipLabel: string;
  /** Hint under the relationship. */
  relationshipHint: string;
  /** The verify button. */
  verifyGuardian: string;
  /** While verifying. */
  verifyingGuardian: string;
  /** After a successful verification. */
  guardianVerified: string;

  // ---- Acknowledgements and organisation -------------------------------------------------------
  /** Legend of the acknowledgements. */
  acknowledgementsLegend: string;
  /** Legend of the optional consents (e.g. marketing). */
  optionalConsentsLegend: string;
  /** Under that legend: that accepting does not need them. */
  optionalConsentsHint: string;
  /** Legend of the organisation section. */
  organizationLegend: string;
  /** Label of the organisation's name. */
  organizationNameLabel: string;
  /** Label of the signer's authority. */
  signerAuthorityLabel: string;
  /** Hint under the signer's authority. */
  signerAuthorityHint: string;

  // ---- Assent and delivery --------------------------------------------------------------------
  /** The assent checkbox; `{title}` is every document's title, joined (see `documentTitles`). */
  assentLabel: Message<{ title: string }>;
  /** A document's title as it reads inside `assentLabel`; `{title}`. */
  documentTitle: Message<{ title: string }>;
  /** Above the list of what is still missing. */
  missingHeading: string;
  /** The accept button. */
  accept: string;
  /** The accept button after a failed delivery. */
  retry: string;
  /** The decline button. */
  decline: string;
  /** While the receipt is being delivered. */
  submitting: string;
  /** After a failed delivery. */
  failed: string;
  /** After a failed delivery: what Retry does. */
  failedHint: string;
  /** After a successful delivery. */
  accepted: string;
  /** The receipt's id; `{id}`. */
  receiptId: Message<{ id: string }>;
  /** After Decline. */
  declined: string;

  // ---- Re-consent (with `previous`) ------------------------------------------------------------
  /** The description under the title in re-consent, reading the whole agreement. */
  reconsentDescription: string;
  /** The description under the title in re-consent, reading only the changes (`reconsentReading="changes"`). */
  reconsentDescriptionChanges: string;
  /** Heading of the re-consent notice. */
  reconsentHeading: string;
  /** When the new version takes effect; `{date}` is its `effectiveDate`, formatted for the UI locale. */
  reconsentUpdatedOn: Message<{ date: string }>;
  /** Instead of `reconsentUpdatedOn` when the agreement has no `effectiveDate`. */
  reconsentUpdated: string;
  /** What the person accepted before; `{version}`, and `{date}` (their acceptance, formatted). */
  reconsentPreviouslyAccepted: Message<{ version: string; date: string }>;
  /** Instead of `reconsentPreviouslyAccepted` when the acceptance date is not known; `{version}`. */
  reconsentPreviousVersion: Message<{ version: string }>;
  /** Heading of the summary of changes. */
  changesHeading: string;
  /** Under that heading, reading the whole agreement. */
  changesIntro: string;
  /** Under that heading, reading only the changes. */
  changesIntroChanges: string;
  /** How many changes of each kind; `{changed}`, `{added}`, `{removed}`. */
  changesCount: Message<{ changed: number; added: number; removed: number }>;
  /** How many changed passages were on screen; `{seen}`, `{total}`. */
  changesSeenCount: Message<Progress>;
  /** Shown when a change concerns a key (bold) clause. */
  changesKeyClauses: string;
  /** Shown when the text is the same as the version accepted before. */
  changesNone: string;
  /** The kind of a change, as shown in the summary. */
  changeAdded: string;
  /** The kind of a change, as shown in the summary. */
  changeChanged: string;
  /** The kind of a change, as shown in the summary. */
  changeRemoved: string;
  /** Where a removed clause stood; `{section}` is the section's title. */
  changeRemovedFrom: Message<{ section: string }>;
  /** Where a removed clause stood, when it was before any heading. */
  changeRemovedFromStart: string;
  /** A clause whose words are the same but which is now in bold (a key clause). */
  changeBecameKeyClause: string;
  /** A clause whose words are the same but which is no longer in bold. */
  changeNoLongerKeyClause: string;
  /** Screen-reader text that opens an added passage in the agreement. */
  changeMarkerAdded: string;
  /** Screen-reader text that opens a changed passage in the agreement. */
  changeMarkerChanged: string;
  /** Screen-reader text before deleted words in the summary's word-by-word view. */
  wordsDeleted: string;
  /** Screen-reader text before inserted words in the summary's word-by-word view. */
  wordsInserted: string;

  // ---- A copy of what was agreed to (after accepting) ------------------------------------------
  /** Accessible name of the group of copy actions. */
  copyLabel: string;
  /** The download button. */
  copyDownload: string;
  /** With several documents, one download button per document; `{title}`. */
  copyDownloadDocument: Message<{ title: string }>;
  /** The print button. */
  copyPrint: string;
  /** With several documents: the button that shows the downloads and Print. */
  copyMenu: string;
  /** The receipt's heading, in the printed copy and in the downloaded file. */
  copyReceiptHeading: string;
  /** Labels of the receipt summary printed under the agreement. */
  copyReceipt: CopyReceiptMessages;
  /** The texts of `ConsentSettings`: what a signed-in person agreed to, copies, withdrawal. */
  consentSettings: ConsentSettingsMessages;

  /** The reasons listed while Accept is unavailable (`useClickwrap`'s `messages`). */
  reasons: ClickwrapReasonMessages;
  /** The age gate's and guardian form's errors and default attestations (`useGuardianCoSign`'s `messages`). */
  guardian: GuardianCoSignMessages;
}
