/**
 * The public types of `useClickwrap`: its options, its result and the records it hands out.
 */
import type { Agreement, ConsentReceipt, ReceiptReading, ReceiptSigner } from '../../core/types';
import type { AnyProps } from '../../internal/merge-props';
import type { DocumentReading } from '../use-document-reading';
import type { UseGuardianCoSignOptions, UseGuardianCoSignResult } from '../use-guardian-co-sign';
import type { UseKeyClausesOptions, UseKeyClausesResult } from '../use-key-clauses';
import type { UseScrollToEndOptions, UseScrollToEndResult } from '../use-scroll-to-end';
import type { ClickwrapStatus, OrganizationField } from './reducer';
import type { ClickwrapReasonMessages, MissingRequirement } from './requirements';

/** A required acknowledgement: a statement the person ticks on its own, e.g. a commitment. */
export interface ClickwrapAcknowledgement {
  /** Stable id, recorded in the receipt. */
  id: string;
  /** The text shown next to the checkbox, recorded word for word. */
  label: string;
}

/**
 * An optional consent offered with the agreement, e.g. marketing e-mails: never ticked by
 * default, never required to accept, and recorded in the receipt whether granted or not.
 */
export interface ClickwrapOptionalConsent {
  /** Stable id, recorded in the receipt. */
  id: string;
  /** The text shown next to the checkbox, recorded word for word. */
  label: string;
}

/**
 * A document agreed to together with the agreement (e.g. a privacy policy shown with the Terms):
 * its own reading requirement, key clauses and hash, gated by the same accept and recorded in
 * the same receipt (`additionalDocuments`).
 */
export interface ClickwrapDocument {
  /** The document shown, from `parseAgreement` (an id other than the agreement's). */
  agreement: Agreement;
  /** What has been read of it: `useDocumentReading(agreement).reading`. */
  reading: DocumentReading;
  /** Whether its end must be reached. @default true */
  requireScrollToEnd?: boolean;
  /** Whether every one of its key clauses must have been on screen. @default false */
  requireAllKeyClausesSeen?: boolean;
  /** The consent to this document that this one replaces. @default null */
  replaces?: { version: string; receiptId?: string | null; changeKind?: 'material' | 'minor' } | null;
}

/**
 * What `decline()` records and hands to `onDecline`: what was shown and read when the person
 * declined. It has no receipt id: a decline is not a consent and never shares an id with one.
 */
export interface DeclineRecord {
  /**
   * A random UUID naming this decision. A decline pressed again with no accept between (its
   * delivery failed, a double click, a key held down) hands on the same record, this id and time
   * included: send it under this id (react-clickwrap/server's `POST declines` takes it as `id`),
   * and a retry is recorded once.
   */
  id: string;
  /** The agreement shown. */
  agreement: {
    id: string;
    version: string;
    title: string;
    /** SHA-256 (hex) of the canonical text shown; null only if declined before it was computed. */
    sha256: string | null;
    canonicalization: string;
  };
  /** When the agreement was first shown (ISO 8601, client clock). */
  shownAt: string;
  /** When the person declined (ISO 8601, client clock). */
  declinedAt: string;
  /** The person who declined, as the app identifies them. */
  signer: ReceiptSigner;
  /** How far they had read. */
  reading: ReceiptReading;
  /** BCP 47 tag of the UI language. */
  locale: string;
  /** Which UI showed the agreement. */
  uiVariant: string;
  /** The version a consent would have replaced, or null. */
  replaces: { version: string; receiptId: string | null } | null;
  /** The additional documents shown, and how far each was read. */
  additionalDocuments: { id: string; version: string; title: string; reading: ReceiptReading }[];
  /**
   * The receipt of an accept whose delivery failed before the person declined, or null. That
   * receipt may yet reach the server (its answer was lost, or an outbox sends it later): the
   * decline takes it back, so send this id with the decline (react-clickwrap/server's
   * `POST declines` takes it as `receiptId`, left out when null) and drop the receipt from any
   * outbox. A decline pressed again (the first one's delivery failed) names the same receipt. A
   * later accept makes a new receipt.
   */
  undeliveredReceiptId: string | null;
}

/** What `useClickwrap` takes. */
export interface UseClickwrapOptions {
  /** The agreement shown, from `parseAgreement`. */
  agreement: Agreement;
  /** The person agreeing, as the app identifies them. */
  signer: { id: string; name?: string | null };
  /**
   * Delivers the receipt (e.g. POSTs it, with `receiptId` as the idempotency key). A rejection
   * sets status 'failed'; accepting again retries with the same receipt.
   */
  onAccept: (receipt: ConsentReceipt) => Promise<unknown> | unknown;
  /** Called by `decline()` with what was declined. */
  onDecline?: (record: DeclineRecord) => void;
  /** Whether the end of the agreement must be reached. @default true */
  requireScrollToEnd?: boolean;
  /** Whether every key clause must have been on screen. @default false */
  requireAllKeyClausesSeen?: boolean;
  /** Statements that must each be ticked on their own, e.g. the six call-center commitments. @default [] */
  acknowledgements?: readonly ClickwrapAcknowledgement[];
  /**
   * Consents the person may give or not, e.g. marketing e-mails: never ticked by default, never
   * required to accept, recorded in the receipt's `optionalConsents` granted or not. @default []
   */
  optionalConsents?: readonly ClickwrapOptionalConsent[];
  /**
   * Further documents agreed to with the agreement (e.g. a privacy policy), each with its own
   * reading (from `useDocumentReading`) and requirement. Accepting needs every document's
   * requirement met; the receipt lists each in `additionalDocuments`. @default []
   */
  documents?: readonly ClickwrapDocument[];
  /** Ask for the organisation's name and the signer's authority. @default false */
  organization?: boolean;
  /** Age gate and guardian co-signing (in `joint` mode `minorName` defaults to `signer.name`). @default false */
  guardian?: false | UseGuardianCoSignOptions;
  /** BCP 47 tag of the UI language, recorded in the receipt. @default 'en' */
  locale?: string;
  /** Which UI collects the consent, recorded in the receipt. @default 'headless' */
  uiVariant?: string;
  /** The consent this one replaces (re-consent). @default null */
  replaces?: { version: string; receiptId?: string | null; changeKind?: 'material' | 'minor' } | null;
  /**
   * Re-consent: the passages added or changed since the replaced version, as the ids of those
   * seen so far (e.g. from a second `useKeyClauses` over them) and how many there are; recorded
   * in the receipt (`reading.changesSeen`, `changesTotal`; it needs `replaces`). With
   * `required: true` (a re-consent that asks to read only what changed), each must have been on
   * screen before accepting (the reason shown is `messages.passages`), instead of the end
   * (`requireScrollToEnd` is then ignored), and the receipt says `reading.required: "changes"`.
   * @default null (a first consent)
   */
  changes?: { seen: readonly string[]; total: number; required?: boolean } | null;
  /**
   * Replaces some or all of the English reasons in `missing` (the catalogue's `reasons`, e.g.
   * `zhCN.reasons`). The age gate's and guardian's reasons are the guardian form's sentences:
   * replace those through `guardian.messages`.
   */
  messages?: Partial<ClickwrapReasonMessages>;
  /** Options for the inner `useScrollToEnd`. */
  scroll?: UseScrollToEndOptions;
  /** Options for the inner `useKeyClauses` (its `root` is the scroll area). */
  keyClauses?: Omit<UseKeyClausesOptions, 'root'>;
}

/** The organisation signer's fields. */
export interface ClickwrapOrganization {
  /** The organisation's name, as typed. */
  name: string;
  /** The signer's authority to bind it (their role), as typed. */
  signerAuthority: string;
  /** Sets the organisation's name. */
  setName: (name: string) => void;
  /** Sets the signer's authority. */
  setSignerAuthority: (authority: string) => void;
  /** Every current error. */
  errors: Partial<Record<OrganizationField, string>>;
  /** The errors to show now (touched fields, or all after an accept attempt). */
  shownErrors: Partial<Record<OrganizationField, string>>;
}

/** What `useClickwrap` returns: state, actions and prop getters. */
export interface UseClickwrapResult {
  /** The inner scroll-to-end hook: spread `scroll.getScrollAreaProps()` on the agreement's scroll area. */
  scroll: UseScrollToEndResult;
  /** The inner key-clauses hook: spread `keyClauses.getClauseProps(id)` on each key clause. */
  keyClauses: UseKeyClausesResult;
  /** The inner guardian hook, or null without `guardian`. */
  guardian: UseGuardianCoSignResult | null;
  /** Whether the assent checkbox is ticked (never true by default). */
  assented: boolean;
  /** Ticks or unticks the assent (ignored while locked). */
  setAssented: (assented: boolean) => void;
  /** When each acknowledgement was ticked, by id; undefined when not ticked. */
  acknowledged: Readonly<Record<string, Date | undefined>>;
  /** Ticks or unticks an acknowledgement (ignored while locked). */
  setAcknowledged: (id: string, acknowledged: boolean) => void;
  /** Whether each optional consent is granted, by id (false until the person ticks it). */
  optionalConsents: Readonly<Record<string, boolean>>;
  /** Grants or withdraws an optional consent (ignored while locked). */
  setOptionalConsent: (id: string, granted: boolean) => void;
  /** The organisation signer's fields, or null without `organization`. */
  organization: ClickwrapOrganization | null;
  /** Whether every requirement holds now. */
  canAccept: boolean;
  /** What still stands between the person and accepting, as sentences, in page order. */
  missing: string[];
  /** The same, with a stable `code` for each. */
  missingRequirements: MissingRequirement[];
  /** The dom id of the reasons element (`getMissingProps`). */
  missingId: string;
  /** Delivery status: idle → submitting → accepted | failed; after 'failed', accepting again retries the same receipt. */
  status: ClickwrapStatus;
  /** Whether the answers are frozen (from the first accept on). */
  locked: boolean;
  /** Whether accept was pressed while something was missing (every error is then shown). */
  attempted: boolean;
  /**
   * How many times accept was pressed while something was missing: a summary of errors (GOV.UK's
   * pattern) takes its list at each attempt, rather than changing with every keystroke.
   */
  attempts: number;
  /** What the last delivery (or building the receipt) failed with. */
  error: unknown;
  /** The receipt being delivered or delivered: the same object, same id, across retries. */
  receipt: ConsentReceipt | null;
  /**
   * Accepts: builds the receipt (once) and calls `onAccept`. Resolves to the receipt when
   * delivered, null when something is missing (errors are then shown) or delivery failed.
   * While submitting, returns the pending promise; after a failure, retries the same receipt.
   */
  accept: () => Promise<ConsentReceipt | null>;
  /** Declines: calls `onDecline` with the record and returns it; null while submitting or after accepting. */
  decline: () => DeclineRecord | null;
  /**
   * Props for the assent checkbox `<input>`; never pre-ticked. Once Accept was pressed while it
   * was unticked, it is `aria-invalid` and described by the reasons (`getMissingProps`). Its `ref`
   * (merged with yours) lets accept measure the assent statement (its label) for the receipt's
   * `presentation`.
   * @selector [data-state="checked"] [data-invalid]
   */
  getAssentCheckboxProps: (props?: AnyProps) => AnyProps;
  /**
   * Props for an acknowledgement checkbox `<input>`; like the assent's, marked invalid and
   * described by the reasons (`getMissingProps`) once Accept was pressed while it was unticked.
   * @selector [data-state="checked"] [data-invalid]
   */
  getAcknowledgementCheckboxProps: (id: string, props?: AnyProps) => AnyProps;
  /**
   * Props for an optional consent's checkbox `<input>`: never pre-ticked, never required.
   * @selector [data-state="checked"] [data-optional-consent]
   */
  getOptionalConsentCheckboxProps: (id: string, props?: AnyProps) => AnyProps;
  /**
   * Props for the accept button: `aria-disabled` and described by the reasons when it cannot
   * accept (never native `disabled`). Its `ref` (merged with yours) lets accept measure the
   * button for the receipt's `presentation`. @selector [data-state=<status>] [data-retry]
   */
  getAcceptButtonProps: (props?: AnyProps) => AnyProps;
  /** Props for the decline button. */
  getDeclineButtonProps: (props?: AnyProps) => AnyProps;
  /**
   * Props for the element listing `missing`: its id, which describes the accept button. Not a
   * live region: its counts change as the person reads, and a region that spoke each one would
   * talk over the reading. To say the reasons when accept is pressed too early, announce them at
   * each new `attempts` (the themed `MissingReasons` does). @selector [data-state="complete"|"incomplete"]
   */
  getMissingProps: (props?: AnyProps) => AnyProps;
  /** Props for an element announcing the delivery status. @selector [data-state=<status>] */
  getStatusProps: (props?: AnyProps) => AnyProps;
  /** Props for the organisation name `<input>` (only with `organization`). */
  getOrganizationNameInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the signer authority `<input>` (only with `organization`). */
  getSignerAuthorityInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the element showing an organisation field's error. */
  getOrganizationErrorProps: (field: OrganizationField, props?: AnyProps) => AnyProps;
}
