// The example server's API, typed. See server/app.mjs for the routes.
import type { DeclineRecord } from 'react-clickwrap';

export interface Commitment {
  id: string;
  label: string;
}

/** An optional consent the app offers with the Terms (e.g. marketing e-mail). */
export interface OptionalConsentOffer {
  id: string;
  label: string;
}

/** A document version (the Terms, the privacy policy) as the server serves it. */
export interface ServedAgreement {
  id: string;
  version: string;
  title: string;
  effectiveDate: string | null;
  sha256: string;
  markdown: string;
  current: boolean;
  /** Only on the current version: the versions published so far, oldest first. */
  published?: string[];
  /** Only on the Terms' current version: what an organisation account acknowledges. */
  acknowledgements?: { callCenter: Commitment[] };
  /** Only on the Terms' current version: the optional consents offered with them. */
  optionalConsents?: OptionalConsentOffer[];
}

export interface Account {
  id: string;
  email: string;
  name: string;
  kind: 'person' | 'organization';
}

export interface ConsentStatus {
  accountId: string;
  agreementId: string;
  accepted: boolean;
  acceptedVersion: string | null;
  acceptedReceiptId: string | null;
  /** When the newest accepted version was accepted (the receipt's `acceptedAt`). */
  acceptedAt: string | null;
  /** Whether that consent was given as a minor, with a guardian. */
  acceptedAsMinor: boolean | null;
  currentVersion: string;
  currentEffectiveDate: string | null;
  /** Each document accepted with the Terms, by id (e.g. `privacy-policy`). */
  documents: Record<string, DocumentStatus>;
  /** Each optional consent the app offers, by id (e.g. `marketing-email`): the latest answer. */
  optionalConsents: Record<string, OptionalConsentStatus>;
}

/** Whether an account has accepted the current version of a document. */
export interface DocumentStatus {
  accepted: boolean;
  /** The newest version accepted, and the receipt that did. */
  acceptedVersion: string | null;
  acceptedReceiptId: string | null;
  acceptedAt: string | null;
  currentVersion: string;
  currentEffectiveDate: string | null;
}

/** An account's latest answer to an optional consent (from the newest receipt that offered it). */
export interface OptionalConsentStatus {
  /** Whether any receipt of the account offered it. */
  offered: boolean;
  granted: boolean;
  /** When it was last ticked or unticked; null when left unticked. */
  at: string | null;
  receiptId: string | null;
}

/** A stored consent, as the server answers POST /api/consents. */
export interface StoredConsent {
  receiptId: string;
  accountId: string;
  agreementId: string;
  version: string;
  sha256: string;
  acceptedAt: string;
  receivedAt: string;
  /** The documents accepted: the Terms first, then e.g. the privacy policy. */
  documents: { id: string; version: string }[];
  /** The optional consents recorded, granted or not. */
  optionalConsents: { id: string; granted: boolean }[];
}

export interface Problem {
  code: string;
  path: string;
  message: string;
}

/** A non-2xx answer. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; problems?: Problem[] },
  ) {
    super(body.message ?? body.error ?? `HTTP ${status}`);
  }
}

async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, json);
  return json as T;
}

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const AGREEMENT_ID = 'instadesk-terms';
/** The privacy policy, accepted together with the Terms. */
export const PRIVACY_POLICY_ID = 'privacy-policy';

export const api = {
  /** The current version of a document (the Terms by default). */
  currentAgreement: (id: string = AGREEMENT_ID) => call<ServedAgreement>('GET', `/api/agreements/${encodeURIComponent(id)}`),
  agreementVersion: (version: string, id: string = AGREEMENT_ID) =>
    call<ServedAgreement>('GET', `/api/agreements/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`),
  createAccount: (input: { email: string; name: string; kind: Account['kind'] }) =>
    call<{ account: Account }>('POST', '/api/accounts', input).then((r) => r.account),
  signIn: (email: string) => call<{ account: Account }>('POST', '/api/sessions', { email }).then((r) => r.account),
  consentStatus: (accountId: string) =>
    call<ConsentStatus>('GET', `/api/accounts/${encodeURIComponent(accountId)}/consent-status`),
  decline: (record: DeclineRecord) =>
    call<unknown>('POST', '/api/declines', record, { 'idempotency-key': uuid() }),
};
