/**
 * The requests `useConsentSettings` makes, as plain functions of a fetch and a base path: no
 * React, so they are tested and read on their own.
 */
import type { ConsentSettingsError, ServedConsentStatus, ServedVersion, ServedWithdrawal } from './types';

/** A failed request, carrying what the hook shows. */
export class ConsentSettingsRequestError extends Error implements ConsentSettingsError {
  override name = 'ConsentSettingsRequestError';
  constructor(
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `basePath` + `path`, with one slash between. */
export const join = (basePath: string, path: string) => `${basePath.replace(/\/+$/, '')}/${path}`;

/** Sends a request and parses the JSON answer; rejects with a ConsentSettingsRequestError. */
export async function requestJson<T>(fetcher: typeof fetch, url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(url, { credentials: 'same-origin', ...init });
  } catch (caught) {
    throw new ConsentSettingsRequestError(
      null,
      'network',
      `The server could not be reached (${(caught as Error)?.message ?? caught}).`,
    );
  }
  const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
  if (!response.ok) {
    const code = typeof body?.error === 'string' ? body.error : `http-${response.status}`;
    const message =
      typeof body?.message === 'string' ? body.message : `The server answered ${response.status}.`;
    throw new ConsentSettingsRequestError(response.status, code, message);
  }
  if (body === null || typeof body !== 'object') {
    throw new ConsentSettingsRequestError(
      response.status,
      'bad-response',
      `${url} did not answer JSON: is basePath where react-clickwrap/server's routes are mounted?`,
    );
  }
  return body as T;
}

/** `GET consents`, checked to be a consent status. */
export async function fetchStatus(fetcher: typeof fetch, basePath: string): Promise<ServedConsentStatus> {
  const url = join(basePath, 'consents');
  const status = await requestJson<ServedConsentStatus>(fetcher, url);
  if (
    typeof status.documents !== 'object' ||
    status.documents === null ||
    typeof status.optionalConsents !== 'object' ||
    status.optionalConsents === null
  ) {
    throw new ConsentSettingsRequestError(
      200,
      'bad-response',
      `${url} did not answer a consent status: is basePath where react-clickwrap/server's routes are mounted?`,
    );
  }
  return status;
}

/** `GET agreements/:id` (the current version), or `…/versions/:v`. */
export function fetchVersion(
  fetcher: typeof fetch,
  basePath: string,
  id: string,
  version?: string,
): Promise<ServedVersion> {
  const path = `agreements/${encodeURIComponent(id)}${version === undefined ? '' : `/versions/${encodeURIComponent(version)}`}`;
  return requestJson<ServedVersion>(fetcher, join(basePath, path));
}

/** `POST withdrawals`: `{ id, all: true }` or `{ id, optionalConsents }`; the answer, checked to be this withdrawal recorded. */
export async function postWithdrawal(
  fetcher: typeof fetch,
  basePath: string,
  body: { id: string; all: true } | { id: string; optionalConsents: readonly string[] },
): Promise<ServedWithdrawal> {
  const url = join(basePath, 'withdrawals');
  const answer = await requestJson<Partial<ServedWithdrawal>>(fetcher, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // Only the record of this withdrawal is handed on: a 2xx from anything else is not proof of it.
  if (
    answer.withdrawal?.id !== body.id ||
    typeof answer.receivedAt !== 'string' ||
    typeof answer.subject !== 'string' ||
    typeof answer.countersignature !== 'string' ||
    typeof answer.seq !== 'number'
  ) {
    throw new ConsentSettingsRequestError(
      200,
      'bad-response',
      `${url} did not answer a recorded withdrawal: is basePath where react-clickwrap/server's routes are mounted?`,
    );
  }
  return answer as ServedWithdrawal;
}

/** A v4 UUID, the withdrawal's idempotency key (`crypto.randomUUID` exists only in secure contexts). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
