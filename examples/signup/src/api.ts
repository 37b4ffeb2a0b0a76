// The example server's API, typed. See server/app.mjs for the routes: the consent routes are
// react-clickwrap/server's, mounted at /api/clickwrap; accounts and the session are the app's.
import type { DeclineRecord } from 'react-clickwrap';
import type { ConsentReceipt } from 'react-clickwrap/core';
import type { Checkpoint, ConsentStatus } from 'react-clickwrap/server';
import { keepCheckpoint } from './checkpoints';

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
}

export interface Account {
  id: string;
  email: string;
  name: string;
  kind: 'person' | 'organization';
}

/** The signed-in account, and whether its newest consent to the Terms was a minor's. */
export interface Session {
  account: Account;
  acceptedAsMinor: boolean | null;
}

/** What comes with the Terms: the commitments an organisation gives, the optional consents offered. */
export interface Offers {
  acknowledgements: { callCenter: Commitment[] };
  optionalConsents: OptionalConsentOffer[];
}

/** The signed-in account's status, per document and optional consent (react-clickwrap/server's GET consents). */
export type { ConsentStatus, DocumentStatus, OptionalConsentStatus } from 'react-clickwrap/server';

/** A stored receipt, as POST /api/clickwrap/receipts answers: the receipt, the server's time and its countersignature. */
export interface StoredReceipt {
  receipt: ConsentReceipt;
  receivedAt: string;
  subject: string;
  countersignature: string;
  seq: number;
  /** The log's head after the receipt's batch committed, signed: kept on the device (checkpoints.ts). */
  checkpoint?: Checkpoint;
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

async function call<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
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
/** Where react-clickwrap/server's routes are mounted. */
export const CLICKWRAP_BASE = '/api/clickwrap';

export const api = {
  /** The current version of a document (the Terms by default). */
  currentAgreement: (id: string = AGREEMENT_ID) =>
    call<ServedAgreement>('GET', `${CLICKWRAP_BASE}/agreements/${encodeURIComponent(id)}`),
  agreementVersion: (version: string, id: string = AGREEMENT_ID) =>
    call<ServedAgreement>(
      'GET',
      `${CLICKWRAP_BASE}/agreements/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`,
    ),
  offers: () => call<Offers>('GET', '/api/offers'),
  /** Creates the account and signs it in (a session cookie). */
  createAccount: (input: { email: string; name: string; kind: Account['kind'] }) =>
    call<{ account: Account }>('POST', '/api/accounts', input).then((r) => r.account),
  signIn: (email: string) =>
    call<{ account: Account }>('POST', '/api/sessions', { email }).then((r) => r.account),
  signOut: () => call<unknown>('DELETE', '/api/session'),
  session: () => call<Session>('GET', '/api/session'),
  /** The signed-in account's status. */
  consentStatus: () => call<ConsentStatus>('GET', `${CLICKWRAP_BASE}/consents`),
  /**
   * Records a decline as the entry takes it: an id (idempotency key), each document declined and,
   * when an accept whose delivery failed came first, that receipt's id (the decline takes it
   * back). A decline takes back one receipt: with several waiting, one decline is sent for each.
   */
  decline: async (record: DeclineRecord, takenBack: readonly string[]) => {
    const documents = [record.agreement, ...record.additionalDocuments].map((d) => ({
      id: d.id,
      version: d.version,
    }));
    const answers = await Promise.all(
      (takenBack.length > 0 ? takenBack : [null]).map(async (receiptId, i) => {
        // The record's id for the first: a decline pressed again hands on the same record, so
        // a retry is answered from the log (200), not recorded twice.
        const id = i === 0 && record.id ? record.id : uuid();
        const answer = await call<{ subject?: string; seq?: number; checkpoint?: Checkpoint }>(
          'POST',
          `${CLICKWRAP_BASE}/declines`,
          { id, documents, ...(receiptId ? { receiptId } : {}) },
        );
        keepCheckpoint(answer, id);
        return answer;
      }),
    );
    return answers[0]!;
  },
};
