/**
 * The shape of the one message catalogue: every text the hooks and the components show.
 * Framework-free (no React, no DOM, no directive), so a Server Component or a Node script can
 * import it and pass a catalogue to the client components.
 */
import type { DocumentCount, Message, Progress } from './message';
import type {
  ClickwrapReasonMessages,
  ConsentSettingsMessages,
  CopyReceiptMessages,
  GuardianCoSignMessages,
} from './sections';

export type {
  DocumentCount,
  DocumentProgress,
  Message,
  MessageValue,
  MessageValues,
  Progress,
} from './message';
export type {
  ClickwrapReasonMessages,
  ConsentSettingsMessages,
  CopyReceiptMessages,
  GuardianCoSignMessages,
} from './sections';

/**
 * Every text the hooks and components show, in one language. All keys are required, so a
 * translation cannot silently fall back to English. Placeholders are in braces
 * (`{seen} of {total}`) and filled by `format`.
 */
export interface ClickwrapMessages {
  /** BCP 47 tag of these messages; the default `locale` recorded in receipts. */
  locale: string;

  // ---- Layout ---------------------------------------------------------------------------------
  /**
   * The one-line description under the title, while the decision is open. `{count}` is how many
   * documents are shown (1, or 1 + `documents`), so a plural can say "each document".
   */
  description: Message<DocumentCount>;
  /** The description under the title once the agreement is accepted (it replaces the instruction); `{count}` as in `description`. */
  descriptionAccepted: Message<DocumentCount>;
  /** The description under the title once the agreement is declined and only Done is left; `{count}` as in `description`. */
  descriptionDeclined: Message<DocumentCount>;
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
  /** The same, for an additional document; `{title}` is its title. */
  documentReachedEnd: Message<{ title: string }>;

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
  /** Label of a clause's author-written plain-language summary, in the summary and beside the clause. */
  keyClausePlainSummary: string;

  // ---- Table of contents ----------------------------------------------------------------------
  /** Accessible name of the table of contents, also shown as its heading. */
  tocLabel: string;
  /** A long table of contents: the button that shows a section's subsections (named with the section's title after it). */
  tocSubsections: string;

  // ---- Age gate and guardian ------------------------------------------------------------------
  /**
   * Legend of the date of birth (day, month and year, in the order the UI's locale writes a
   * date), or the label of a single date input.
   */
  birthDateLabel: string;
  /**
   * Hint under that legend; `{example}` is 27 March 2007 in the fields' order ("3 27 2007" for
   * `en-US`, "27 3 2007" for `en-GB`, "2007 3 27" for `zh-CN`).
   */
  birthDateHint: Message<{ example: string }>;
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
  /**
   * The description under the title in re-consent, reading the whole agreement; `{count}` as in
   * `description`, so that with other documents beside it the line asks for them to be read too.
   */
  reconsentDescription: Message<DocumentCount>;
  /** The description under the title in re-consent, reading only the changes (`reconsentReading="changes"`); `{count}` as in `description`. */
  reconsentDescriptionChanges: Message<DocumentCount>;
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
  /** Heading of the notice when every change is marked minor (no fresh assent needed). */
  minorChangesHeading: string;
  /** Under that heading: why no fresh assent is asked for. */
  minorChangesText: string;
  /** The button that goes on without accepting again, after minor changes. */
  minorChangesContinue: string;
  /** Beside a change the author marked minor, in a summary that also has material changes. */
  changeMinorTag: string;
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
  /**
   * A clause whose words are the same but which shows differently: a link's destination, the
   * words in bold, a number, a code block before it, or its plain-language summary.
   */
  changeShownDifferently: string;
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
  /** Shown in place of a part that is loaded on demand (e.g. the copy actions) when it could not be. */
  partLoadFailed: string;
  /** The button that loads such a part again. */
  partLoadRetry: string;
  /** Said (a status, with focus) while such a part loads again after that button. */
  partLoading: string;
  /** In the modal while its agreement and controls load (a polite status; opened before they have). */
  modalLoading: string;
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
