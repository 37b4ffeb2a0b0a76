/**
 * A recorded fake of react-clickwrap/server for the browser tests of ConsentSettings. The real
 * handler cannot run in Chromium: it hashes and signs with `node:crypto` (src/server/jcs.ts,
 * countersign.ts). So this fake answers the routes the component uses with the exact shapes of
 * src/server/README.md and status.ts (`GET consents`, `GET agreements/:id[/versions/:v]`,
 * `POST withdrawals`), applies a withdrawal as status.ts does (recorded, the status recomputed),
 * and refuses what the handler refuses (401 signed out, 415 not JSON, 422 an unknown id or shape,
 * or nothing left in force to withdraw, 409 the same id with another body, 200 the same again). A withdrawal's answer carries its `seq`
 * and a checkpoint of a hash-chained log that starts with the person's receipt (its `jws` is not a
 * real signature). Its texts are the example's, with the SHA-256 the server computes for them.
 */
import { hashAgreement } from '../core/hash';
import privacy from '../../examples/signup/agreements/privacy-policy/2024-01-01.md?raw';
import termsV1 from '../../examples/signup/agreements/instadesk-terms/2023-01-01.md?raw';
import termsV2 from '../../examples/signup/agreements/instadesk-terms/2025-06-01.md?raw';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Version {
  version: string;
  title: string;
  markdown: string;
  effectiveDate: string;
}

const DOCUMENTS: Record<string, Version[]> = {
  'instadesk-terms': [
    {
      version: '2023-01-01',
      title: 'Instadesk Terms and Conditions',
      markdown: termsV1,
      effectiveDate: '2023-01-01',
    },
    {
      version: '2025-06-01',
      title: 'Instadesk Terms and Conditions',
      markdown: termsV2,
      effectiveDate: '2025-06-01',
    },
  ],
  'privacy-policy': [
    {
      version: '2024-01-01',
      title: 'Example Privacy Policy',
      markdown: privacy,
      effectiveDate: '2024-01-01',
    },
  ],
};

/** What the fake server holds for its one subject. */
export interface FakeServerState {
  /** Whether a session is signed in (else 401). */
  signedIn: boolean;
  /** The current version of each document. */
  current: Record<string, string>;
  /** Accepted versions, per document: { version, receiptId, at } (at: server receive time). */
  accepted: Record<string, { version: string; receiptId: string; at: string }[]>;
  /** Optional consents: offered, latest answer, when. */
  options: Record<string, { offered: boolean; granted: boolean; at: string | null }>;
  /** Withdrawal time per document after `all`. */
  withdrawnAt: Record<string, string>;
  /** The version last accepted, per document, kept after a withdrawal (the status's `lastAccepted*`). */
  lastAccepted: Record<string, { version: string; receiptId: string; at: string }>;
  /** Documents whose current version changes the accepted one only in minor ways (`needsNotice`). */
  minorChange: Record<string, boolean>;
}

/** One request the fake answered. */
export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
  /** The body it answered (undefined when the request failed at the network). */
  answer?: unknown;
}

const sha256Hex = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * A fetch that answers like react-clickwrap/server mounted at `basePath`, for a person who
 * accepted the Terms 2023-01-01 and the privacy policy, and granted marketing e-mail.
 */
export function createFakeServer({
  basePath = '/api/clickwrap',
  now = () => new Date('2026-02-01T10:00:00.000Z'),
} = {}) {
  const receiptId = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
  const state: FakeServerState = {
    signedIn: true,
    current: { 'instadesk-terms': '2023-01-01', 'privacy-policy': '2024-01-01' },
    accepted: {
      'instadesk-terms': [{ version: '2023-01-01', receiptId, at: '2025-03-04T09:15:00.000Z' }],
      'privacy-policy': [{ version: '2024-01-01', receiptId, at: '2025-03-04T09:15:00.000Z' }],
    },
    options: { 'marketing-email': { offered: true, granted: true, at: '2025-03-04T09:15:00.000Z' } },
    withdrawnAt: {},
    lastAccepted: {},
    minorChange: {},
  };
  const withdrawals = new Map<string, { canonical: string; seq: number; receivedAt: string }>();
  // The log: entry 1 is the person's receipt; each withdrawal recorded extends it.
  const log = { count: 1, head: '' };
  const requests: FakeRequest[] = [];
  /** Makes the next requests fail at the network (as when the server is down). */
  let offline = false;

  const version = async (id: string, v: Version) => ({
    id,
    version: v.version,
    title: v.title,
    sha256: await hashAgreement(v.markdown),
    effectiveDate: v.effectiveDate,
    current: state.current[id] === v.version,
    markdown: v.markdown,
  });

  function status() {
    const documents: Record<string, unknown> = {};
    for (const [id, versions] of Object.entries(DOCUMENTS)) {
      const list = state.accepted[id] ?? [];
      const order = versions.map((v) => v.version);
      const newest = list.reduce<(typeof list)[number] | null>(
        (best, a) => (!best || order.indexOf(a.version) >= order.indexOf(best.version) ? a : best),
        null,
      );
      const current = list.some((a) => a.version === state.current[id]);
      const last = newest ?? state.lastAccepted[id] ?? null;
      const changed = !current && newest !== null;
      documents[id] = {
        currentVersion: state.current[id],
        accepted: current,
        acceptedVersion: newest?.version ?? null,
        acceptedReceiptId: newest?.receiptId ?? null,
        acceptedAt: newest?.at ?? null,
        needsReconsent: changed && !state.minorChange[id],
        changeKind: changed ? (state.minorChange[id] ? 'minor' : 'material') : null,
        needsNotice: changed && Boolean(state.minorChange[id]),
        lastAcceptedVersion: last?.version ?? null,
        lastAcceptedReceiptId: last?.receiptId ?? null,
        lastAcceptedAt: last?.at ?? null,
        withdrawnAt: state.withdrawnAt[id] ?? null,
      };
    }
    return { subject: 'account-1', documents, optionalConsents: state.options };
  }

  async function answer(
    method: string,
    path: string,
    init: RequestInit | undefined,
  ): Promise<[number, unknown]> {
    const segments = path.slice(basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
    const [first, second, third, fourth] = segments;
    if (method === 'GET' && first === 'agreements' && second) {
      const versions = DOCUMENTS[second];
      if (!versions)
        return [
          404,
          { error: 'unknown-document', message: `There is no document ${JSON.stringify(second)}.` },
        ];
      const v =
        third === undefined
          ? versions.find((x) => x.version === state.current[second])
          : versions.find((x) => third === 'versions' && x.version === fourth);
      if (!v)
        return [
          404,
          { error: 'unknown-version', message: `That version of ${second} was never served here.` },
        ];
      return [200, await version(second, v)];
    }
    if (!state.signedIn && (path.endsWith('/consents') || path.endsWith('/withdrawals')))
      return [401, { error: 'unauthenticated', message: 'Sign in first.' }];
    if (method === 'GET' && path === `${basePath}/consents`) return [200, status()];
    if (method === 'POST' && path === `${basePath}/withdrawals`) {
      if (!new Headers(init?.headers).get('content-type')?.startsWith('application/json')) {
        return [415, { error: 'unsupported-media-type', message: 'Send JSON.' }];
      }
      const body = JSON.parse(String(init?.body)) as {
        id?: unknown;
        all?: unknown;
        optionalConsents?: unknown;
      };
      const ids = body.optionalConsents;
      if (typeof body.id !== 'string' || !UUID.test(body.id))
        return [
          422,
          {
            error: 'invalid-withdrawal',
            message: 'id must be a lowercase UUID (it makes a retry idempotent).',
          },
        ];
      if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => !(id in state.options)))) {
        return [
          422,
          {
            error: 'invalid-withdrawal',
            message: `optionalConsents lists ids of optional consents offered here: ${Object.keys(state.options).join(', ')}.`,
          },
        ];
      }
      if (body.all !== true && (!Array.isArray(ids) || ids.length === 0))
        return [
          422,
          { error: 'invalid-withdrawal', message: 'Say what is withdrawn: all: true, or optionalConsents.' },
        ];
      const canonical = JSON.stringify(body);
      const seen = withdrawals.get(body.id);
      if (seen !== undefined && seen.canonical !== canonical)
        return [
          409,
          {
            error: 'id-conflict',
            message:
              'A different withdrawal with this id is already stored: make a new id for a new withdrawal.',
          },
        ];
      // As the handler: a new withdrawal that ends nothing in force is refused.
      const inForce = body.all
        ? Object.values(state.accepted).some((list) => list.length > 0) ||
          Object.values(state.options).some((o) => o.granted)
        : (ids as string[]).some((id) => state.options[id]?.granted);
      if (seen === undefined && !inForce)
        return [422, { error: 'nothing-to-withdraw', message: 'Nothing this withdrawal names is in force.' }];
      const receivedAt = seen?.receivedAt ?? now().toISOString();
      if (seen === undefined) {
        log.head = await sha256Hex(`${log.head || (await sha256Hex('receipt'))}\n${canonical}`);
        log.count += 1;
        withdrawals.set(body.id, { canonical, seq: log.count, receivedAt });
        if (body.all) {
          for (const id of Object.keys(DOCUMENTS)) {
            const newest = state.accepted[id]?.at(-1);
            if (newest) state.lastAccepted[id] = newest;
            state.accepted[id] = [];
            state.withdrawnAt[id] = receivedAt;
          }
        }
        for (const id of body.all ? Object.keys(state.options) : (ids as string[])) {
          state.options[id] = {
            offered: state.options[id]?.offered ?? false,
            granted: false,
            at: receivedAt,
          };
        }
      }
      const withdrawal = {
        id: body.id,
        ...(body.all ? { all: true } : {}),
        ...(Array.isArray(ids) ? { optionalConsents: ids } : {}),
      };
      return [
        seen === undefined ? 201 : 200,
        {
          withdrawal,
          receivedAt,
          subject: 'account-1',
          countersignature: 'eyJhbGciOiJFZERTQSIsImtpZCI6InRlc3QifQ..c2ln',
          seq: withdrawals.get(body.id)!.seq,
          checkpoint: {
            count: log.count,
            head: log.head,
            at: now().toISOString(),
            jws: 'eyJhbGciOiJFZERTQSIsImtpZCI6InRlc3QifQ..Y2hlY2twb2ludA',
          },
        },
      ];
    }
    return [404, { error: 'not-found', message: 'No such route.' }];
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://app.test',
    );
    const method = (init?.method ?? 'GET').toUpperCase();
    if (offline) {
      requests.push({
        method,
        path: url.pathname,
        body: init?.body ? JSON.parse(String(init.body)) : null,
        status: 0,
      });
      throw new TypeError('Failed to fetch');
    }
    const [statusCode, body] = await answer(method, url.pathname, init);
    requests.push({
      method,
      path: url.pathname,
      body: init?.body ? JSON.parse(String(init.body)) : null,
      status: statusCode,
      answer: body,
    });
    return json(statusCode, body);
  };
  return {
    fetch,
    state,
    requests,
    receiptId,
    setOffline(value: boolean) {
      offline = value;
    },
  };
}
