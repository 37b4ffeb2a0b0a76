// The core's public functions (and AGREEMENT_COPY_END) whose modules the rest of the package
// imports too: the hooks and components, mostly in chunks they load on demand (the age rules,
// the receipt, its copy, the diff, the hash, the tagger). Each is a function or constant of this
// module, not a re-export: esbuild counts a module that re-exports (`export { X } from`) as
// used, and follows every import of a module any of whose names is used. src/core/index.ts is
// used by every app that imports any name of react-clickwrap/core, so while it imported these
// modules, an app using ClickwrapModal and deserializeAgreement alone loaded up front what the
// modal loads on demand, the diff and through it the markdown parser (esbuild's first load:
// 63.4 KB gzipped, with this module 24.9; Vite 23.6 either way). This module is left out, with
// its imports, when none of its names is used; an app using one of them loads them all up
// front, as before. Their documentation lives here.
//
// index.ts re-exports directly only modules that import nothing (the classes, the constants,
// canonicalizeAgreement with its constant), deserializeAgreement's own module, and modules
// nothing else in the package imports (parsing and serialising an agreement, verifying
// receipts, lint, the exports), which no app loads unless it uses them.

import type { AgeBracket } from './age/brackets';
import type { Age } from './age/compute';
import { ageBracketOf as ageBracketOfPart, ageOn as ageOnPart } from './age/compute';
import type { BirthDateInput, CalendarDate } from './age/calendar';
import { parseCalendarDate as parseCalendarDatePart, todayIn as todayInPart } from './age/calendar';
import type { GuardianDecision, GuardianRule } from './age/guardian';
import { minimumAgeFor as minimumAgeForPart, requiresGuardian as requiresGuardianPart } from './age/guardian';
import { defaultTagClause as defaultTagClausePart } from './agreement/tags';
import type { AgreementCopy, AgreementCopyOptions } from './copy';
import {
  AGREEMENT_COPY_END as AGREEMENT_COPY_END_PART,
  buildAgreementCopy as buildAgreementCopyPart,
} from './copy';
import { diffAgreements as diffAgreementsPart, type MinorChangesMarking } from './diff/diff-agreements';
import type { AgreementDiff } from './diff/types';
import { hashAgreement as hashAgreementPart } from './hash';
import { createReceipt as createReceiptPart } from './receipt/create';
import {
  receiptDocuments as receiptDocumentsPart,
  receiptIntegrity as receiptIntegrityPart,
  serializeReceipt as serializeReceiptPart,
} from './receipt/serialize';
import {
  missingRequirements as missingRequirementsPart,
  type MissingRequirement,
  type RequirementsState,
} from './receipt/rules';
import type { CreateReceiptInput } from './receipt/types';
import type { Agreement, ConsentReceipt, KeyClauseTag, ReceiptDocument } from './types';

// ---------------------------------------------------------------------------------------------
// Age and guardians
// ---------------------------------------------------------------------------------------------

/** Coarsens an age for receipts so they record which rules were met without revealing the birth date. */
export function ageBracketOf(age: Age): AgeBracket {
  return ageBracketOfPart(age);
}

/**
 * Computes age with calendar arithmetic only, so the answer never depends on the machine's time zone.
 *
 * @remarks Born on 29 February: each new year of age starts on 1 March in common years (UK and most
 * civil-law practice; some jurisdictions use 28 February). Likewise a monthly anniversary on a day
 * the month lacks falls on the 1st of the next month, which keeps `days` consistent with `years`.
 * Throws {@link AgeError}: `unparsable`/`impossible` for either date, `future` if the birth date is
 * after today, `too-old` if it is more than 150 years before today.
 */
export function ageOn(birthDate: BirthDateInput, today: BirthDateInput): Age {
  return ageOnPart(birthDate, today);
}

/**
 * Validates a birth date (or any calendar date) up front so a typo fails with a fixable message
 * instead of silently becoming a different day.
 *
 * @param label how the date is named in error messages.
 * @default label 'Date'
 */
export function parseCalendarDate(input: BirthDateInput, label?: string): CalendarDate {
  return parseCalendarDatePart(input, label);
}

/**
 * Gives "today" as the person in front of the form sees it, because their age changes at their
 * midnight, not the server's or UTC's.
 *
 * @param timeZone an IANA zone name such as 'Europe/Berlin'.
 * @default timeZone the runtime's local time zone
 */
export function todayIn(date: Date, timeZone?: string): CalendarDate {
  return todayInPart(date, timeZone);
}

/** Resolves a rule to its threshold on its own, so a form can say "you must be N" before asking for a birth date. */
export function minimumAgeFor(rule: GuardianRule): number {
  return minimumAgeForPart(rule);
}

/**
 * Decides whether a guardian must take part, returning the evidence (threshold, age, bracket,
 * reason) a receipt should store instead of the birth date.
 *
 * Throws {@link AgeError} for a bad rule (`invalid-rule`, `unknown-country`) or bad dates (see {@link ageOn}).
 */
export function requiresGuardian(
  birthDate: BirthDateInput,
  rule: GuardianRule,
  today: BirthDateInput,
): GuardianDecision {
  return requiresGuardianPart(birthDate, rule, today);
}

// ---------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------

/**
 * SHA-256 (lowercase hex) of the canonical form of an agreement's text: the value a receipt's
 * `agreement.sha256` holds and a server recomputes from the version it served. Gives the same
 * result in Node and in browsers, and for any text that canonicalises to the same string.
 */
export function hashAgreement(text: string): Promise<string> {
  return hashAgreementPart(text);
}

/** The default key-clause tagger (English only), exported so an app's `tagClause` can extend it. */
export function defaultTagClause(clause: { readonly text: string }): KeyClauseTag[] {
  return defaultTagClausePart(clause);
}

/**
 * Compares two versions of one agreement clause by clause, for re-consent: what was added,
 * removed or changed (with a word-level diff), whether any key clause is involved, and which
 * sections a reader needs to re-read. Two versions with the same canonical text (whatever their
 * version strings) have no changes; two with the same version string but different text are
 * compared all the same.
 * @param previous The version the person accepted, from `parseAgreement`.
 *
 * Each change is `material` (fresh assent) unless the author marks it minor in
 * `options.minorChanges`, written against the version just before `current`; a key clause added
 * or removed, or a clause that became or stopped being one, is always material.
 * @param previous The version the person accepted, from `parseAgreement`.
 * @param current The version now served, from `parseAgreement`.
 * @param options `minorChanges`: the author's marking of `current`'s minor changes.
 * @throws AgreementError (`different-agreements`) when the two have different ids, and
 *   (`invalid-input`) when either is not an Agreement, or the marking is malformed, names a
 *   change that does not exist, or marks a key-clause change minor.
 */
export function diffAgreements(
  previous: Agreement,
  current: Agreement,
  options?: { minorChanges?: MinorChangesMarking | null },
): AgreementDiff {
  return diffAgreementsPart(previous, current, options);
}

// ---------------------------------------------------------------------------------------------
// Receipts
// ---------------------------------------------------------------------------------------------

/**
 * Every requirement that does not hold yet, in a stable order that follows the page: reading
 * the agreement, then each additional document, age and guardian, organisation,
 * acknowledgements, assent. Empty means the consent is complete.
 */
export function missingRequirements(state: RequirementsState): MissingRequirement[] {
  return missingRequirementsPart(state);
}

/**
 * Makes a consent receipt: hashes the canonical agreement text into `agreement.sha256`, records
 * the canonicalisation version, normalises every date to a UTC ISO 8601 string, and seals the
 * result with `integrity`. The receipt's keys (and its nested objects' keys) are in the fixed
 * order of `ConsentReceipt` and the JSON Schema.
 *
 * Rejects with a {@link ReceiptError} whose message says what to pass instead when the input is
 * not a valid consent: a missing signer id, empty agreement text, an invalid date or one without
 * a time zone, `acceptedAt` before `shownAt`, `reachedEnd` without `reachedEndAt` (or the
 * reverse), repeated key clauses or more than the total, a guardian without a minor (or the
 * reverse), an acknowledgement without a label, or any ill-typed field. It also refuses what
 * the one rule set (`missingRequirements`) finds missing, from the reading recorded and from
 * `requirements` (what the flow required): those problems carry the rule's code in
 * `requirement`. The signer's name is stored trimmed, and null when blank.
 */
export function createReceipt(input: CreateReceiptInput): Promise<ConsentReceipt> {
  return createReceiptPart(input);
}

/**
 * The value of a receipt's `integrity` field: SHA-256 (lowercase hex) of the UTF-8 bytes of the
 * canonical JSON of every other field. Canonical here means: the fields of the receipt schema
 * only, in the schema's order (nested objects likewise), no whitespace, strings escaped as
 * ECMAScript's `JSON.stringify` does (`"` `\` and control characters escaped, `\u00xx` in
 * lowercase hex, lone surrogates as `\udxxx`, everything else literal), whole numbers in decimal.
 * Fields the schema does not define are ignored; `integrity` itself is never included.
 *
 * `integrity` is a checksum that detects accidental changes to a stored receipt. It is **not a
 * signature**: anyone who edits a receipt can recompute it (this function is public for that
 * reason: so can any auditor). A server holds a client to its own texts and policy with
 * `verifyReceipt`, and countersigns what it stored with `react-clickwrap/server`.
 * @throws ReceiptError (`not-an-object`) when `receipt` is not an object.
 */
export function receiptIntegrity(
  receipt: ConsentReceipt | Omit<ConsentReceipt, 'integrity'>,
): Promise<string> {
  return receiptIntegrityPart(receipt);
}

/**
 * A receipt as pretty JSON for storage and review: the schema's fields in the schema's fixed
 * order (whatever order the object's keys are in, e.g. after a round trip through a database),
 * 2-space indent, ending with a newline, so two receipts diff cleanly line by line.
 * It does not check `integrity` or the agreement: use {@link verifyReceipt} for that.
 * @throws ReceiptError (`invalid-receipt`) when `receipt` is not a well-formed receipt: a missing,
 *   ill-typed or unknown field, which this function would otherwise drop or write unchecked.
 */
export function serializeReceipt(receipt: ConsentReceipt): string {
  return serializeReceiptPart(receipt);
}

/**
 * Every document a receipt records, alike: its `agreement` (with `reading` and `replaces`) first,
 * then its `additionalDocuments`. E.g. to find the privacy policy version a person accepted:
 * `receiptDocuments(receipt).find((d) => d.id === 'privacy-policy')?.version`.
 */
export function receiptDocuments(receipt: ConsentReceipt): ReceiptDocument[] {
  return receiptDocumentsPart(receipt);
}

/**
 * The line that ends the document in a copy (an HTML comment, so markdown viewers hide it). The
 * document is everything before the last line that is exactly this: see {@link buildAgreementCopy}.
 */
export const AGREEMENT_COPY_END = AGREEMENT_COPY_END_PART;

/**
 * Builds the copy a person keeps of a document they agreed to: its canonical markdown exactly as
 * hashed, a closing line {@link AGREEMENT_COPY_END}, and the whole receipt as JSON
 * (`serializeReceipt`). The document is any the receipt lists (`receiptDocuments`): its
 * `agreement` (then `verifyReceipt(receipt, text)` holds for the text the copy starts with) or one
 * of its `additionalDocuments`, e.g. a privacy policy accepted in the same flow (then
 * `verifyReceipt(receipt, agreementText, { additionalDocuments: { [id]: text } })` does). Build
 * one copy per document.
 *
 * To get the document back out of a copy:
 * `text.slice(0, text.lastIndexOf('\n' + AGREEMENT_COPY_END + '\n'))` (the receipt's JSON
 * cannot hold a line break, so the last such line is always this one).
 *
 * It checks that the receipt lists a document with this id and version; it does not recompute
 * the hash (that needs Web Crypto, which is asynchronous): use `verifyReceipt` for that.
 * @param agreement The document as shown, e.g. from `parseAgreement` (any line endings: the copy
 *   holds its canonical form).
 * @param receipt The receipt of the consent, from `createReceipt` or `useClickwrap`.
 * @throws ReceiptError (`agreement-id-mismatch`) when the receipt lists no document with this id
 *   (the message names those it lists); (`version-mismatch`) when it records another version of
 *   it; (`invalid-receipt`) when it is not a well-formed receipt; (`empty-agreement`) when the
 *   document has no text.
 */
export function buildAgreementCopy(
  agreement: { id: string; version: string; markdown: string },
  receipt: ConsentReceipt,
  options?: AgreementCopyOptions,
): AgreementCopy {
  return buildAgreementCopyPart(agreement, receipt, options);
}
