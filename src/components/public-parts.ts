'use client';
// The themed layer's public names, but the layouts' (ClickwrapModal, ClickwrapPage,
// ConsentSettings), and the catalogues. Each is a constant or function of this module, not a
// re-export: for esbuild, a module that re-exports (`export { X } from`) always counts as used,
// so an app importing only ClickwrapModal from the package entry would reach, through the
// entry's re-exports, every module its on-demand chunk uses (the provider and hooks, the parts,
// react-markdown) and load them up front (esbuild's first load for the modal: 87.7 KB gzipped,
// 16.7 with these). A name nobody uses is dropped, with its imports. Their documentation lives here.

import type { JSX } from 'react';
import type { DocumentScopeProps } from './document-scope';
import type { UseClickwrapResult } from '../hooks/use-clickwrap';
import { en as enCatalogue, zhCN as zhCNCatalogue } from '../messages';
import {
  ClickwrapProvider as ClickwrapProviderPart,
  ClickwrapRoot as ClickwrapRootPart,
  ClickwrapRootElement as ClickwrapRootElementPart,
  useClickwrapContext as useClickwrapContextPart,
  useRootAttributes as useRootAttributesPart,
  type ClickwrapProviderProps,
} from './root';
import { AgreementView as AgreementViewPart } from './agreement-view';
import { ReadingProgress as ReadingProgressPart } from './reading-progress';
import { KeyClauseSummary as KeyClauseSummaryPart } from './key-clause-summary';
import { TableOfContents as TableOfContentsPart } from './table-of-contents';
import { GuardianForm as GuardianFormPart } from './guardian-form';
import { Acknowledgements as AcknowledgementsPart } from './acknowledgements';
import { OptionalConsents as OptionalConsentsPart } from './optional-consents';
import {
  AdditionalDocuments as AdditionalDocumentsPart,
  DocumentScope as DocumentScopePart,
} from './document-scope';
import { OrganizationForm as OrganizationFormPart } from './organization-form';
import {
  AssentControls as AssentControlsPart,
  AssentCheckbox as AssentCheckboxPart,
  MissingReasons as MissingReasonsPart,
  AcceptButton as AcceptButtonPart,
  DeclineButton as DeclineButtonPart,
  DeliveryStatus as DeliveryStatusPart,
} from './assent-controls';
import {
  ReconsentNotice as ReconsentNoticePart,
  ChangeSummary as ChangeSummaryPart,
} from './on-demand/reconsent-parts';
import { CopyActions as CopyActionsPart } from './on-demand/copy-actions';

/**
 * Runs `useClickwrap` once and shares it with the parts below, without rendering any element.
 * `ClickwrapRoot` adds the themed root element; `ClickwrapModal` uses this directly, so the
 * state (every document's reading, and a receipt being delivered) outlives the dialog's
 * content when it closes.
 *
 * With `previous`, it first loads re-consent's diff (a chunk of its own, so an app without
 * re-consent never ships it) and, beside it, the chunk of parts shown later (the notice and
 * change summary among them), and renders nothing until both have: a first-consent screen must not
 * stand in for a re-consent. Streaming server rendering (`renderToReadableStream`,
 * `renderToPipeableStream`) waits for it; `renderToString` sends the empty fallback unless the
 * diff was loaded before.
 */
export const ClickwrapProvider: (props: ClickwrapProviderProps) => JSX.Element = ClickwrapProviderPart;

/**
 * The root of a custom layout: runs `useClickwrap`, provides it to the parts inside, and renders
 * the themed root element (`rcw-root`, state as data attributes, `dir`, `lang`, `data-theme`).
 */
export const ClickwrapRoot = ClickwrapRootPart;

/**
 * The themed root element: `rcw-root` (unless unstyled) and the state as data attributes.
 * @selector [data-state="idle"|"submitting"|"accepted"|"failed"] [data-reached-end] [data-can-accept] [data-minor] [data-declined] [data-reconsent] [data-theme]
 */
export const ClickwrapRootElement = ClickwrapRootElementPart;

/**
 * The live `useClickwrap` result of the enclosing `ClickwrapRoot`, for custom parts. Throws a
 * message naming `partName` when used outside one. Re-renders on every state change.
 */
export function useClickwrapContext(partName: string): UseClickwrapResult {
  return useClickwrapContextPart(partName);
}

/** The data attributes of a themed root, for custom roots (e.g. inside your own dialog). */
export function useRootAttributes(): Record<string, string | undefined> {
  return useRootAttributesPart();
}

/** English, the default catalogue of every text the hooks and components show (also in `react-clickwrap/messages`). */
export const en: typeof enCatalogue = enCatalogue;

/** Simplified Chinese (`zh-CN`), a complete catalogue to pass as `messages` (also in `react-clickwrap/messages`). */
export const zhCN: typeof zhCNCatalogue = zhCNCatalogue;

/**
 * The agreement: a keyboard-focusable scroll region (`region`, named by the title) that renders
 * the agreement's markdown with `react-markdown` (raw HTML skipped, unsafe URLs removed by its
 * default `urlTransform`). Bold key clauses are highlighted and observed; headings get ids for
 * the table of contents; an end marker closes the content.
 *
 * In re-consent (`previous`), every added or changed passage (paragraph, list item or heading)
 * is marked: `data-change="added|changed"`, `data-change-id`, a visually hidden "Changed
 * passage:" before its text, focusable by script (the summary's links move focus to it), and
 * `data-change-seen` once it has been on screen.
 *
 * It never re-renders while the reader scrolls: the markdown tree is memoised, and the
 * attributes that follow reading (`data-reached-end`, `data-progress`, each clause's
 * `data-seen`, each change's `data-change-seen`) are written to the DOM by a store subscription
 * instead of by React renders.
 *
 * @selector .rcw-agreement[data-reached-end] [data-progress] .rcw-key-clause[data-key-clause][data-seen] .rcw-change[data-change="added"|"changed"][data-change-seen]
 */
export const AgreementView = AgreementViewPart;

/**
 * How far the agreement has been read: a `progressbar` (0–100, named "Reading progress") and a
 * polite live region that says once that the end was reached.
 * @selector .rcw-progress[data-reached-end] [data-value] --rcw-progress (0–1, on the track)
 */
export const ReadingProgress = ReadingProgressPart;

/**
 * "Terms that limit your rights": every bolded clause, each a button that jumps to it in the
 * agreement, marked once it has been on screen, with a count, grouped by the agreement's
 * sections (each with its own count), and a "Next unread" button. The clauses are one Tab stop
 * (a vertical toolbar per the WAI-ARIA APG): Up/Down move between them, Home/End jump, Enter or
 * Space goes to one. One list for all, so screen readers still hear "list, 45 items".
 * A clause with an author-written plain-language summary shows it under its label ("In plain
 * words", the minors' variant when the guardian rule applies), as the button's description.
 * With more than 100 clauses, only the sections holding the Tab stop and the next unread clause,
 * and those the reader opens, list their clauses; each other section is a button with its name
 * and count (`aria-expanded`), reached with the arrow keys like the clauses.
 * @selector .rcw-summary .rcw-summary-toolbar .rcw-summary-item[data-seen][data-section-start][data-collapsed] .rcw-summary-section[aria-expanded] .rcw-summary-next [data-complete] .rcw-summary-plain[data-variant] .rcw-summary-plain-label
 */
export const KeyClauseSummary = KeyClauseSummaryPart;

/**
 * The agreement's sections as links (a `nav` named and headed "Sections of the agreement").
 * Following one scrolls the agreement's own scroll area, not the page, and moves focus to the
 * heading. A long table of contents (more than `collapseAbove` entries) lists the top-level
 * sections, each with a button showing its subsections (rendered only once opened).
 * Needs an `AgreementView` in the same root.
 * @selector .rcw-toc .rcw-toc-heading .rcw-toc-list .rcw-toc-item[data-depth] .rcw-toc-link .rcw-toc-toggle[aria-expanded]
 */
export const TableOfContents = TableOfContentsPart;

/**
 * The age gate (date of birth) and, when the signer is a minor under the rule, the legal
 * guardian's co-signing: name, relationship, attestation, and the app's verification if it
 * has one. Renders nothing unless the root was given `guardian`.
 * The date of birth is the GOV.UK date input: a fieldset with a hint, the error, and day, month
 * and year fields. Errors are listed at the top as well (GOV.UK's error summary), each a link to
 * its field.
 * @selector .rcw-guardian[data-minor] .rcw-error-summary [data-invalid] [data-verification="idle"|"verifying"|"verified"|"failed"] .rcw-date-input .rcw-date-input-field .rcw-date-input-day|month|year
 */
export const GuardianForm = GuardianFormPart;

/**
 * The required acknowledgements (the root's `acknowledgements`), one checkbox each, in a
 * fieldset. Renders nothing when there are none.
 * @selector .rcw-acknowledgements[data-complete] input[data-state="checked"|"unchecked"][data-invalid]
 */
export const Acknowledgements = AcknowledgementsPart;

/**
 * The optional consents (the root's `optionalConsents`, e.g. marketing e-mails), one checkbox
 * each, in a fieldset that says they are optional. Never ticked by default, never required to
 * accept; the receipt records each, granted or not. Renders nothing when there are none.
 * @selector .rcw-optional-consents input[data-optional-consent][data-state="checked"|"unchecked"]
 */
export const OptionalConsents = OptionalConsentsPart;

/**
 * Every additional document (`documents`), each in a section under its title: reading progress,
 * the document in its own scroll region, and its key-clause summary. Renders nothing without
 * additional documents.
 * @selector .rcw-documents .rcw-document[data-document] .rcw-agreement[data-reached-end]
 */
export const AdditionalDocuments = AdditionalDocumentsPart;

/**
 * Points the parts inside at one of the additional documents (`documents`) instead of the
 * agreement: `AgreementView` renders that document in its own scroll region, `ReadingProgress`
 * and `KeyClauseSummary` follow its reading. What is read is kept by the root (its one store),
 * not by this scope: it survives the scope unmounting (e.g. the modal closing), gates Accept
 * and is recorded in the receipt. Renders no element.
 */
export const DocumentScope: (props: DocumentScopeProps) => JSX.Element = DocumentScopePart;

/**
 * The organisation signer: the organisation's name and the signer's authority to agree for
 * it. Renders nothing unless the root was given `organization`.
 * @selector .rcw-organization input[data-invalid]
 */
export const OrganizationForm = OrganizationFormPart;

/**
 * The assent checkbox, the missing reasons, Decline and Accept side by side, and the delivery
 * status: the end of a clickwrap in one part.
 */
export const AssentControls = AssentControlsPart;

/**
 * The assent checkbox and its label: never pre-ticked. Inside a `<form>` it is a real field:
 * `name`, `value`, `required`, and a custom validity that lists what is still missing, so the
 * form cannot be submitted before consent is complete; a form reset unticks it. Forwards its
 * ref to the `<input>` and merges your `onChange`/`onBlur` (react-hook-form's `register` fits).
 * @selector .rcw-assent input[data-state="checked"|"unchecked"][data-invalid]
 */
export const AssentCheckbox = AssentCheckboxPart;

/**
 * What still stands between the person and Accept (the accept button's description). Empty
 * once everything is done. It is not a live region (its counts change as the person reads):
 * each press of Accept while something is missing says the reasons once, in a status beside it.
 * @selector .rcw-missing[data-state="complete"|"incomplete"][data-attempted]
 */
export const MissingReasons = MissingReasonsPart;

/**
 * Accept: always focusable; `aria-disabled` and described by the missing reasons while it
 * cannot accept (pressing it then shows every error and brings the reasons into view);
 * "Retry" after a failed delivery, which sends the same receipt.
 * @selector .rcw-button[data-variant="primary"][data-state="idle"|"submitting"|"accepted"|"failed"][data-retry][aria-disabled]
 */
export const AcceptButton = AcceptButtonPart;

/**
 * Decline: always available (except while a receipt is being delivered or after accepting),
 * the same size as Accept. Calls `onDecline`; records no consent.
 * @selector .rcw-button[data-variant="secondary"][aria-disabled]
 */
export const DeclineButton = DeclineButtonPart;

/**
 * The delivery status in a polite `status` region: sending, failed (with the error and what
 * Retry does), accepted (with the receipt id), or declined.
 * @selector .rcw-status[data-state="idle"|"submitting"|"accepted"|"failed"][data-declined]
 */
export const DeliveryStatus = DeliveryStatusPart;

/**
 * In re-consent (`previous`): "This agreement has changed", when the new version takes effect
 * (its `effectiveDate`, as a calendar date in the UI language) and which version the person
 * accepted, and when. Renders nothing for a first consent. When every change is minor (see
 * `previous.minorChanges`), it says so and offers Continue, which goes on without a fresh assent.
 * When `previous` was given after mount and what changed could not be loaded, it is an alert
 * that says so, with "Try again" (the clickwrap stays as it is meanwhile: a first consent).
 * @selector .rcw-notice[data-reading="whole"|"changes"][data-change-kind="minor"|"material"|"none"] .rcw-notice-continue .rcw-load-failed
 */
export const ReconsentNotice = ReconsentNoticePart;

/**
 * "What changed" (re-consent only): how many passages were changed, added and removed, whether
 * key clauses are concerned, and each change in document order. A changed or added passage is a
 * button that scrolls the agreement to it and moves focus there, marked once it has been on
 * screen; a changed one shows its words, deleted (`<del>`) and inserted (`<ins>`), each
 * announced as such. A removed clause shows its previous text and jumps to the section it was
 * removed from. Renders nothing for a first consent.
 * @selector .rcw-changes[data-complete][data-reading="whole"|"changes"] .rcw-change-item[data-change="added"|"changed"|"removed"][data-seen]
 */
export const ChangeSummary = ChangeSummaryPart;

/**
 * After acceptance: "Download a copy" (a `.md` file with the agreement's canonical markdown,
 * exactly as hashed, and the receipt as JSON; see `buildAgreementCopy` in
 * `react-clickwrap/core`; with `documents`, one "Download the {title}" per document, behind one
 * "Download copies" button) and "Print" (the browser's print dialog; `styles.css` prints the whole
 * agreement, unclipped, and the receipt summary, without the controls). Renders nothing before
 * the consent is recorded. Its code loads on demand, once the person can accept.
 *
 * The receipt summary under the buttons is `hidden` on screen (the status already shows the
 * receipt id) and shown by the print stylesheet. While printing from here the root carries
 * `data-printing`, and only that clickwrap is printed, not the page around it.
 * @selector .rcw-copy .rcw-copy-menu[data-state="open"|"closed"] .rcw-receipt-summary[data-print-only] .rcw-root[data-printing]
 */
export const CopyActions = CopyActionsPart;
