/**
 * The types of `useConsentSettings`: the wire shapes of react-clickwrap/server's `GET consents`,
 * `GET agreements/:id/versions/:v` and `POST withdrawals` (declared here, so the client never
 * imports the server entry), and what the hook returns.
 */
import type { AgreementCopy, ConsentReceipt } from '../../core/index';
import type { ClickwrapMessages } from '../../messages';

/** One document's status, as `GET consents` answers it. */
export interface ServedDocumentStatus {
  /** The version served now. */
  currentVersion: string;
  /** Whether the current version is accepted (and not withdrawn since). */
  accepted: boolean;
  /** The newest version accepted, or null. */
  acceptedVersion: string | null;
  /** The receipt that accepted it, or null. */
  acceptedReceiptId: string | null;
  /** When the server received that receipt (ISO 8601), or null. */
  acceptedAt: string | null;
  /** An earlier version is accepted but not the current one. */
  needsReconsent: boolean;
  /** When consent as a whole was last withdrawn (ISO 8601), or null. */
  withdrawnAt: string | null;
  /**
   * Only minor changes separate the accepted version from the current one: the person is told of
   * them, no new consent is needed (absent from servers before it was served).
   */
  needsNotice?: boolean;
  /**
   * The newest version this person ever accepted, withdrawn since or not, or null (absent from
   * servers before it was served): what the page shows they had agreed to after a withdrawal.
   */
  lastAcceptedVersion?: string | null;
  /** The receipt that accepted `lastAcceptedVersion`, or null. */
  lastAcceptedReceiptId?: string | null;
  /** When the server received that receipt (ISO 8601), or null. */
  lastAcceptedAt?: string | null;
}

/** What `GET consents` answers, for the signed-in person. */
export interface ServedConsentStatus {
  /** The signed-in person, as the server identifies them. */
  subject: string;
  /** Each document, by id. */
  documents: Record<string, ServedDocumentStatus>;
  /** Each optional consent offered, by id. */
  optionalConsents: Record<string, { offered: boolean; granted: boolean; at: string | null }>;
}

/** A document version, as `GET agreements/:id` and `…/versions/:v` answer it. */
export interface ServedVersion {
  /** The document id. */
  id: string;
  /** The version id. */
  version: string;
  /** The title. */
  title: string;
  /** SHA-256 of the canonical text. */
  sha256: string;
  /** The text (markdown). */
  markdown: string;
  /** When it takes effect, or null. */
  effectiveDate: string | null;
  /** Whether it is the current version. */
  current: boolean;
}

/** A signed checkpoint of the server's log, as its answers carry it: the log had `count` entries ending in `head`. */
export interface ServedCheckpoint {
  /** How many entries the log had. */
  count: number;
  /** The hash of entry `count`. */
  head: string;
  /** When the server signed it (ISO 8601). */
  at: string;
  /** The server's detached JWS (Ed25519) over the canonical JSON of `{ checkpoint: { at, count, head } }`. */
  jws: string;
}

/** What `POST withdrawals` answers once the server recorded a withdrawal (201; 200 for a retry of one recorded). */
export interface ServedWithdrawal {
  /** The withdrawal as recorded: its id, and `all` or the optional consents withdrawn. */
  withdrawal: { id: string; all?: true; optionalConsents?: string[] };
  /** When the server received it (ISO 8601, the server's clock). */
  receivedAt: string;
  /** The signed-in person, as the server identifies them. */
  subject: string;
  /** The server's countersignature: a detached JWS over `{ receivedAt, subject, withdrawal }`. */
  countersignature: string;
  /** Its place in the server's log. */
  seq: number;
  /** The log's head once it was committed, signed; kept outside the server, it shows entries later deleted from the log's end (absent when signing failed). */
  checkpoint?: ServedCheckpoint;
}

/** One document in the settings: its status and title. */
export interface ConsentSettingsDocument extends ServedDocumentStatus {
  /** The document id. */
  id: string;
  /** Its title (of the current version). */
  title: string;
}

/** One optional consent in the settings. */
export interface ConsentSettingsOptionalConsent {
  /** The optional consent's id. */
  id: string;
  /** Its label (from `optionalConsentLabels`; the id when none is given). */
  label: string;
  /** Whether any receipt offered it. */
  offered: boolean;
  /** The latest answer (false once withdrawn). */
  granted: boolean;
  /** When the server recorded that answer (ISO 8601), or null. */
  at: string | null;
}

/** Why a request failed: the HTTP status (null for a network failure), a stable code and the server's message. */
export interface ConsentSettingsError {
  /** The HTTP status, or null when the request did not reach the server. */
  status: number | null;
  /** The server's `error` code, `network`, or `bad-response`. */
  code: string;
  /** What went wrong, in the server's words or ours. */
  message: string;
}

/** Options of `useConsentSettings`. */
export interface UseConsentSettingsOptions {
  /** Where react-clickwrap/server's routes are mounted, e.g. `"/api/clickwrap"`. */
  basePath: string;
  /** The fetch to use (sends the session cookie: same origin by default). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Labels of the optional consents, by id (the status names only ids). @default the ids */
  optionalConsentLabels?: Readonly<Record<string, string>>;
  /**
   * The receipt with this id, when the app has it (e.g. from its outbox): a copy is then
   * `buildAgreementCopy(text, receipt)`; otherwise the served text with its hash and the status.
   */
  getReceipt?: (
    receiptId: string,
  ) => ConsentReceipt | null | undefined | Promise<ConsentReceipt | null | undefined>;
  /** Called with the server's answer once it recorded a withdrawal (never for a failed or refused one), e.g. to keep its checkpoint. */
  onWithdrawn?: (result: ServedWithdrawal) => void;
  /** Texts of the copy's heading and labels. @default en */
  messages?: Pick<ClickwrapMessages, 'consentSettings' | 'copyReceipt' | 'copyReceiptHeading'>;
}

/** What `useConsentSettings` returns. */
export interface UseConsentSettingsResult {
  /** `loading` until the status arrives (and on the server), then `ready` or `error`; `loading` again on `reload()`. */
  status: 'loading' | 'ready' | 'error';
  /** Why loading failed, or null. */
  error: ConsentSettingsError | null;
  /** Each document, the main agreement first. */
  documents: ConsentSettingsDocument[];
  /** Each optional consent offered. */
  optionalConsents: ConsentSettingsOptionalConsent[];
  /** The withdrawal being recorded, or null. */
  pending: 'withdraw' | 'withdrawAll' | null;
  /** Why the last withdrawal failed, or null. */
  actionError: ConsentSettingsError | null;
  /**
   * Which withdrawal `actionError` is about, so its message can be shown by the control that
   * asked for it: the ids passed to `withdraw` (sorted, without repeats), or `'all'` for
   * `withdrawAll()`; null when `actionError` is (cleared, as it is, when a withdrawal starts).
   */
  failedWithdrawal: readonly string[] | 'all' | null;
  /** Withdraws these optional consents (`POST withdrawals`), then reloads; resolves true when recorded. */
  withdraw(ids: readonly string[]): Promise<boolean>;
  /** Withdraws consent as a whole (`{ all: true }`), then reloads; resolves true when recorded. */
  withdrawAll(): Promise<boolean>;
  /** Loads the status again: `status` is `loading` until it answers (the lists keep their last values). */
  reload(): void;
  /** A copy of the version of `documentId` the person accepted (rejects with a ConsentSettingsError). */
  getCopy(documentId: string): Promise<AgreementCopy>;
}
