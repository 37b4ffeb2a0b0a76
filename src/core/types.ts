/**
 * The data the core works with. Everything here is plain, serialisable data: no classes, no
 * functions, so it can cross a server/client boundary and be stored as JSON. (The one exception is
 * the optional `tagClause` callback of `AgreementInput`, an input only: it never reaches an
 * `Agreement`.)
 */

import type { ReceiptPresentation } from './presentation/types';

// ---------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------

/** What an app passes to `parseAgreement`. */
export interface AgreementInput {
  /** The app's stable identifier of the document, e.g. `"instadesk-terms"`. */
  id: string;
  /** The version the app serves, e.g. `"2024-05-01"` or `"3"`; recorded in every receipt. */
  version: string;
  /** The agreement as markdown (CommonMark). Bold text marks the key clauses. */
  markdown: string;
  /** The title; defaults to the first level-1 heading, then to `id`. */
  title?: string;
  /**
   * BCP 47 language tag of the agreement's own text: its `lang` and its direction in the view.
   * Not given, the parsed agreement says "en", but the view marks its text with no language of
   * its own (it takes the UI's) and lets its first letters set the direction. @default "en"
   */
  language?: string;
  /** When this version takes effect, as `YYYY-MM-DD`. Shown in re-consent notices. */
  effectiveDate?: string;
  /**
   * Tags each key clause, replacing the default tagger, which reads English only (it tags
   * `minors` on words such as "minor", "under 18", "guardian", "parent", "child"). Pass one for
   * agreements in other languages, or to extend the default (`defaultTagClause`).
   * @default defaultTagClause
   */
  tagClause?: (clause: Readonly<Omit<KeyClause, 'tags'>>) => readonly KeyClauseTag[];
}

/** A tag on a key clause that says what it concerns. */
export type KeyClauseTag = 'minors';

/** A span of the canonical markdown, as UTF-16 offsets (what `String.prototype.slice` takes). */
export interface SourceSpan {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** 1-based line of the first character. */
  line: number;
}

/** A heading of the agreement and the part of the document it opens. */
export interface AgreementSection {
  /**
   * Stable id: a slug of the heading (lowercase letters and digits of any script, other runs
   * become `-`, at most 64 characters, `section` if nothing is left), with `-2`, `-3`… when two
   * headings slug alike. E.g. `ii-software-licenses`.
   */
  id: string;
  /** The heading's plain text. */
  title: string;
  /** Heading level, 1–6. */
  depth: number;
  /** The id of the enclosing section (the nearest heading of a lower depth), if any. */
  parentId: string | null;
  /** Where the heading stands in the canonical markdown. */
  span: SourceSpan;
}

/**
 * A clause the agreement brings to the reader's attention in bold: a paragraph or list item
 * that contains bold text. Nested list items are clauses of their own.
 */
export interface KeyClause {
  /**
   * Stable id, derived from the enclosing section and the clause's own number ("2.4", "1)")
   * where it has one, else its position among the section's blocks. Unchanged by edits that
   * do not move the clause, so a clause keeps its id across versions.
   *
   * Format: `${sectionId ?? 'preamble'}--${path}`, where `path` is the clause's number with dots
   * as dashes (`2-4`), its number in an ordered list, or `p` and its ordinal among the section's
   * un-numbered paragraphs and list items (`p3`); a nested list item's path is prefixed by its
   * parent item's (`3-1--2`). A repeated id gets `_2`, `_3`…
   * E.g. `2-scope-of-software-licenses--2-4`.
   */
  id: string;
  /** The clause's plain text (markup removed, whitespace collapsed). */
  text: string;
  /** Only the bold parts of the clause, joined with a space. */
  boldText: string;
  /** The id of the nearest section heading above the clause, or null before any heading. */
  sectionId: string | null;
  /** The plain text of that heading, or null. */
  sectionTitle: string | null;
  /** What the clause concerns, e.g. `minors` for clauses about minors or guardians. */
  tags: readonly KeyClauseTag[];
  /**
   * Where the clause (the whole paragraph or list item, nested items included) stands in the
   * canonical markdown. Spans of nested items lie inside their parent item's; spans never cross.
   */
  span: SourceSpan;
  /**
   * The author's plain-language summary of the clause, from the agreement's
   * `## Plain-language summaries` section; absent when the author wrote none for it.
   */
  summary?: KeyClauseSummary;
}

/**
 * An author-written plain-language summary of one key clause (never generated): shown next to
 * the clause, and hashed into the receipt (`ReceiptAgreement.summaries`) as shown.
 */
export interface KeyClauseSummary {
  /** The summary every reader is shown (plain text, whitespace collapsed). */
  general: string;
  /** The variant shown instead when the guardian rule applies (a minor reads), or null when none was written. */
  minor: string | null;
}

/** A parsed agreement: what hooks and components render, and what receipts refer to. */
export interface Agreement {
  id: string;
  version: string;
  title: string;
  language: string;
  effectiveDate: string | null;
  /** The canonical markdown: exactly the text that is rendered and hashed. */
  markdown: string;
  /** The version of the canonicalisation rules used. */
  canonicalization: string;
  /** Every heading, in document order. */
  sections: readonly AgreementSection[];
  /** Every key (bold) clause, in document order. */
  keyClauses: readonly KeyClause[];
}

// ---------------------------------------------------------------------------------------------
// Consent receipts
// ---------------------------------------------------------------------------------------------

/** The schema identifier every receipt carries, so stored receipts say how to read them. */
export const RECEIPT_SCHEMA = 'https://react-clickwrap.dev/schema/receipt/v1.json';

/** The person who agreed, as the app identifies them. */
export interface ReceiptSigner {
  /** The app's identifier (user id, email…). */
  id: string;
  /** A display name, if the app has one. */
  name: string | null;
}

/** The organisation on whose behalf the signer agreed. */
export interface ReceiptOrganization {
  name: string;
  /** The signer's authority to bind it, in the signer's words, e.g. "Administrator". */
  signerAuthority: string;
}

/** The legal guardian who read the agreement with a minor. */
export interface ReceiptGuardian {
  name: string;
  /** E.g. "parent", "legal guardian". */
  relationship: string;
  /** The statement the guardian attested to, word for word. */
  attestation: string;
  /** Whether the guardian co-signed with the minor (`joint`) or signed alone (`guardian-only`). */
  mode: 'joint' | 'guardian-only';
  /** What the app's own verification said, if it ran one. */
  verification: string | null;
}

/** The minor, described without the birth date. */
export interface ReceiptMinor {
  /** A coarse age bracket, e.g. `"16-17"` (one of `AGE_BRACKETS` under a built-in rule). */
  ageBracket: string;
  /** The rule that required a guardian, e.g. `"agreement"`, `"coppa"`, `"gdpr:FR"`. */
  rule: string;
  /** The age below which that rule requires a guardian. */
  minimumAge: number;
}

/**
 * The age check that ran, without the birth date: the bracket found and the rule applied. A
 * server whose policy applies a guardian rule requires it in every receipt, adult or minor, so a
 * receipt cannot escape the guardian by leaving the minor out.
 */
export interface ReceiptAge {
  /** A coarse age bracket, e.g. `"16-17"`, `"18-plus"` (one of `AGE_BRACKETS` under a built-in rule). */
  ageBracket: string;
  /** The rule applied, e.g. `"agreement"`, `"coppa"`, `"gdpr:FR"`. */
  rule: string;
  /** The age below which that rule requires a guardian. */
  minimumAge: number;
  /** Whether the rule required a guardian (the person is younger than `minimumAge`); then `minor` repeats this check and `guardian` is set. */
  guardianRequired: boolean;
}

/** One required acknowledgement the person ticked. */
export interface ReceiptAcknowledgement {
  id: string;
  /** The text shown next to the checkbox, word for word. */
  label: string;
  /** When it was ticked (ISO 8601, client clock). */
  at: string;
}

/**
 * What had to be read before the person could accept a document:
 * - `whole`: the document to its end;
 * - `changes`: in a re-consent, every passage added or changed since the version replaced
 *   (`changesSeen` then lists all `changesTotal` of them), and not necessarily the end;
 * - `none`: nothing (the document was shown, and reading it was left to the person).
 */
export type ReadingRequirement = 'whole' | 'changes' | 'none';

/** Evidence of reading one document. */
export interface ReceiptReading {
  /** What had to be read before accepting. */
  required: ReadingRequirement;
  reachedEnd: boolean;
  /** When the end was reached (ISO 8601, client clock), or null. */
  reachedEndAt: string | null;
  /** Ids of the key clauses that were on screen, in the order first seen. */
  keyClausesSeen: string[];
  /** How many key clauses the document has. */
  keyClausesTotal: number;
  /**
   * Re-consent: ids of the passages added or changed since the replaced version that were on
   * screen, in the order first seen (ids as `diffAgreements` gives them); `[]` otherwise.
   */
  changesSeen: string[];
  /** Re-consent: how many passages were added or changed since the replaced version; 0 otherwise. */
  changesTotal: number;
}

/** Which document was shown: enough to find its text again and to check it. */
export interface ReceiptAgreement {
  /** The app's id of the document, e.g. `"instadesk-terms"`. */
  id: string;
  /** The version shown. */
  version: string;
  title: string;
  /** SHA-256 (hex) of the canonical text shown. */
  sha256: string;
  /** The canonicalisation rules the hash was taken under. */
  canonicalization: string;
  /**
   * The plain-language summaries shown next to the document's key clauses, and which variant;
   * absent when the document has none (receipts of such documents are as before).
   */
  summaries?: ReceiptSummaries;
  /**
   * BCP 47 tag of the document's own language, as the app declared it (`language` when parsing),
   * e.g. `"fr-CA"`; absent when it declared none (the view then marked the text with the UI's
   * language, `locale`), and in receipts made before it was recorded. The UI's language is
   * `locale`: an English agreement shown in a French UI records `"en"` here and `"fr"` there.
   * Recorded as declared: nothing checks it against the text.
   */
  language?: string;
}

/** Which plain-language summaries were shown with a document (see `KeyClauseSummary`). */
export interface ReceiptSummaries {
  /** `minor` when the guardian rule applied and the minors' variants were shown, else `adult`. */
  variant: 'adult' | 'minor';
  /** SHA-256 (hex) of the summaries shown, in the canonical serialisation named by `canonicalization`. */
  sha256: string;
  /** The serialisation the hash was taken under, e.g. `"react-clickwrap/summaries-v1"`. */
  canonicalization: string;
}

/** The consent a re-consent replaces. */
export interface ReceiptReplaces {
  /** The version accepted before. */
  version: string;
  /** That consent's receipt id, when known. */
  receiptId: string | null;
  /**
   * What the version change was, as `diffAgreements` marked it: `material` (fresh assent was
   * needed) or `minor` (a notice was enough, and the person assented all the same). Absent in
   * receipts made before it was recorded, or when the app did not say.
   */
  changeKind?: 'material' | 'minor';
}

/**
 * A document agreed to in the same flow as the receipt's `agreement`, e.g. a privacy policy
 * shown with the Terms: its own hash, reading evidence and re-consent.
 */
export interface ReceiptDocument extends ReceiptAgreement {
  reading: ReceiptReading;
  /** The version of this document the consent replaces, or null. */
  replaces: ReceiptReplaces | null;
}

/**
 * An optional consent offered in the flow, e.g. "Send me product news": never ticked by default,
 * never required to accept, recorded whether it was granted or not.
 */
export interface ReceiptOptionalConsent {
  id: string;
  /** The text shown next to the checkbox, word for word. */
  label: string;
  /** Whether the person ticked it. */
  granted: boolean;
  /** When they last ticked or unticked it (ISO 8601, client clock); null when left as shown, unticked. */
  at: string | null;
}

/** A consent receipt: a plain JSON object. Field order is fixed so receipts diff cleanly. */
export interface ConsentReceipt {
  schema: typeof RECEIPT_SCHEMA;
  /** Unique id: a lowercase UUID (a random v4 unless the app supplied one); also the idempotency key for delivery. */
  receiptId: string;
  /** The agreement the consent is given to (e.g. the Terms). */
  agreement: ReceiptAgreement;
  /** When the agreement was first shown (ISO 8601, client clock). */
  shownAt: string;
  /** When the person accepted (ISO 8601, client clock). Servers add their own time. */
  acceptedAt: string;
  signer: ReceiptSigner;
  organization: ReceiptOrganization | null;
  guardian: ReceiptGuardian | null;
  minor: ReceiptMinor | null;
  /** The age check that ran (for adults too), or null when the app ran none. */
  age: ReceiptAge | null;
  acknowledgements: ReceiptAcknowledgement[];
  /** Every optional consent offered, granted or not, in the order shown; `[]` when none was offered. */
  optionalConsents: ReceiptOptionalConsent[];
  /** Evidence of reading `agreement`. */
  reading: ReceiptReading;
  /** BCP 47 tag of the UI language. */
  locale: string;
  /** Which UI collected the consent, e.g. `"modal"`, `"page"`, or the app's own name. */
  uiVariant: string;
  /** The version of `agreement` this consent replaces (re-consent), or null. */
  replaces: ReceiptReplaces | null;
  /**
   * The other documents agreed to in the same flow (e.g. a privacy policy), each with its own
   * hash and reading evidence, in the order shown; `[]` when only `agreement` was shown.
   * `receiptDocuments(receipt)` lists `agreement` and these alike.
   */
  additionalDocuments: ReceiptDocument[];
  /**
   * What the assent statement and the Accept button looked like at the moment of accept,
   * measured in the browser (`{ measured: false, reason, … }` when it could not be); absent in
   * receipts made before it was recorded. `checkPresentation` (react-clickwrap/core/presentation)
   * checks it.
   */
  presentation?: ReceiptPresentation;
  /**
   * SHA-256 over the receipt's other fields in canonical JSON (see `receiptIntegrity`): a
   * checksum that detects accidental changes to a stored receipt. Not a signature: anyone who
   * edits a receipt can recompute it. Hold a client's receipt to your own policy
   * (`verifyReceipt`'s `policy`) and keep or countersign what you received.
   */
  integrity: string;
}
