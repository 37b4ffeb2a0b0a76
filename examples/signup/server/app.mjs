// The signup example's server: node:http, no framework. Consent records are react-clickwrap/server's
// job (mounted at /api/clickwrap, the routes below); this file is the wiring around it: which
// document versions are published, accounts and a signed session cookie (the handler's
// `authenticate`), this app's organisation rule (its `policy.rules`), admin switches, the built app.
//
// API (JSON in and out; the /api/clickwrap routes are the entry's, see src/server/README.md):
//   GET  /api/clickwrap/agreements/:id              a document's current version (text + sha256)
//   GET  /api/clickwrap/agreements/:id/versions/:v  a version published so far
//   GET  /api/clickwrap/.well-known/jwks.json       the public keys that countersign
//   POST /api/clickwrap/receipts                    a ConsentReceipt, signed by the signed-in account
//   GET  /api/clickwrap/consents                    the signed-in account's status, per document
//   POST /api/clickwrap/withdrawals                 { id, all: true } | { id, optionalConsents: [...] }
//   POST /api/clickwrap/declines                    { id, documents: [{ id, version }] }
//   GET  /api/offers                                what comes with the Terms: the call-center
//                                                   commitments and the optional consents
//   POST /api/accounts            { email, name, kind }  201 { account } + session cookie | 409 email taken
//   POST /api/sessions            { email }         200 { account } + session cookie (demo: no password)
//   GET  /api/session                               { account, acceptedAsMinor } | 401
//   DELETE /api/session                             signs out
//   POST /api/admin/publish       { version, document? }  makes a version current (the Terms by default)
//   POST /api/admin/down | /up                      POST receipts answers 503 while down
//   GET  /api/admin/stats                           receipt delivery counters since start
//   GET  /api/admin/log                             the log as JSON Lines (react-clickwrap verify-log)
//   POST /api/admin/parse-only                      reads and parses the body, answers 200 (benchmark baseline)
// Admin routes answer only on loopback connections, and never to a browser page (no Origin).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import {
  createCatalog,
  createClickwrapHandler,
  createKeyring,
  exportLog,
  toNodeListener,
} from 'react-clickwrap/server';

/** Where the entry's routes are mounted. */
export const CLICKWRAP_BASE = '/api/clickwrap';
const MAX_BODY = 16 * 1024;

/**
 * @typedef {object} SignupServerOptions
 * @property {ReturnType<typeof import('./accounts.mjs').openAccounts>} accounts
 * @property {import('react-clickwrap/server').LogStore} log
 * @property {import('react-clickwrap/server').SigningKey} signingKey
 * @property {ReturnType<typeof import('./session.mjs').createSessions>} sessions
 * @property {import('./agreements.mjs').AgreementCatalog} agreements
 * @property {string} [version]      make this Terms version current at start (`AGREEMENT_VERSION`)
 * @property {string | null} [staticDir]  the built app (vite build output), or null
 * @property {{ middlewares: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void } | null} [vite]
 */

/** An HTTP error with a JSON body. */
class HttpError extends Error {
  /** @param {number} status @param {Record<string, unknown>} body */
  constructor(status, body) {
    super(String(body.message ?? body.error));
    this.status = status;
    this.body = body;
  }
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** A small JSON body (415 unless JSON, 413 past 16 KiB, 400 when not JSON). @param {http.IncomingMessage} req */
async function readJson(req) {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    throw new HttpError(415, {
      error: 'unsupported-media-type',
      message: 'Send JSON (content-type: application/json).',
    });
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw new HttpError(413, { error: 'body-too-large', message: `The body is over ${MAX_BODY} bytes.` });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, { error: 'invalid-json', message: 'The body is not JSON.' });
  }
}

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Creates the server (not yet listening).
 * @param {SignupServerOptions} options
 */
export async function createSignupServer({
  accounts,
  log,
  signingKey,
  sessions,
  agreements,
  version,
  staticDir = null,
  vite = null,
}) {
  const termsId = agreements.id;
  const keyring = createKeyring(signingKey);

  // ---- published versions -> the entry's catalog ------------------------------------------------
  // A receipt may name any version published so far; the last one is current. The first start
  // publishes each document's first version (the Terms': `version`, when given).
  /** @param {string} documentId @param {string} v */
  function publish(documentId, v) {
    const doc = agreements.document(documentId);
    if (!doc)
      throw new HttpError(422, {
        error: 'unknown-document',
        message: `There is no document "${documentId}".`,
      });
    if (!doc.get(v)) {
      throw new HttpError(422, {
        error: 'unknown-version',
        message: `There is no version "${v}" of ${documentId}; known: ${doc.versions.map((x) => x.version).join(', ')}.`,
      });
    }
    if (accounts.publications(documentId).at(-1) !== v) accounts.publish(documentId, v);
  }
  for (const doc of agreements.documents) {
    if (doc.id === termsId && version) publish(doc.id, version);
    else if (accounts.publications(doc.id).length === 0) publish(doc.id, doc.versions[0].version);
  }

  /** The entry's input for one document: every version published, in order; the last is current. @param {import('./agreements.mjs').DocumentCatalog} doc */
  const documentInput = (doc) => {
    const order = [...new Set(accounts.publications(doc.id))];
    const current = accounts.publications(doc.id).at(-1);
    return {
      id: doc.id,
      versions: doc.versions
        .filter((v) => order.includes(v.version))
        .map((v) => ({
          version: v.version,
          markdown: v.markdown,
          title: v.title,
          effectiveDate: v.effectiveDate ?? undefined,
        })),
      current,
      // A re-consent to new Terms may ask to read only what changed; the privacy policy is read whole.
      reading: /** @type {const} */ (doc.id === termsId ? 'changes' : 'whole'),
    };
  };

  /** @param {import('react-clickwrap/server').AgreementCatalog} catalog */
  const makeHandler = (catalog) =>
    createClickwrapHandler({
      store: log,
      keyring,
      catalog,
      basePath: CLICKWRAP_BASE,
      // Only a signed-in account that still exists; the handler then stores a receipt only when
      // its signer is this account, and answers consents only for it.
      authenticate: (request) => {
        const id = sessions.subject(request.headers.get('cookie'));
        return id && accounts.byId(id) ? id : null;
      },
      policy: { rules: organizationProblems },
    });
  const buildCatalog = () =>
    createCatalog({
      agreement: documentInput(agreements.documents[0]),
      additional: agreements.additional.map(documentInput),
      acknowledgements: agreements.callCenterCommitments,
      optionalConsents: agreements.optionalConsents,
    });
  let catalog = await buildCatalog();
  let handler = makeHandler(catalog);

  // ---- the app's own rule, then the entry ------------------------------------------------------
  let down = false;
  const stats = { received: 0, stored: 0, duplicates: 0, conflicts: 0, rejected: 0, unavailable: 0 };

  /**
   * This app's rule on top of the entry's (its `policy.rules`, run on a receipt that meets all of
   * the entry's): an organisation's administrator agrees for the organisation and gives all six
   * call-center commitments (the entry checks each one given is offered, word for word; which are
   * required is the app's business).
   * @param {import('react-clickwrap/core').ConsentReceipt} receipt @param {string} subject
   */
  function organizationProblems(receipt, subject) {
    if (accounts.byId(subject)?.kind !== 'organization') return [];
    const problems = [];
    if (!receipt.organization) {
      problems.push({
        code: 'organization-required',
        path: 'organization',
        message:
          'An organisation account agrees on behalf of the organisation: the receipt needs organization.',
      });
    }
    const given = new Set(receipt.acknowledgements.map((a) => a.id));
    for (const c of agreements.callCenterCommitments) {
      if (!given.has(c.id)) {
        problems.push({
          code: 'acknowledgement-missing',
          path: 'acknowledgements',
          message: `The call-center commitment "${c.id}" is missing: organisation accounts give all six (section III 2.4).`,
        });
      }
    }
    return problems;
  }

  /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
  const jsonResponse = (status, body, headers = {}) =>
    Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });

  /** The entry behind the demo's "down" switch, counting its answers to receipts. @param {Request} request */
  async function clickwrap(request) {
    const isReceipt =
      request.method === 'POST' && new URL(request.url).pathname === `${CLICKWRAP_BASE}/receipts`;
    if (!isReceipt) return handler(request);
    stats.received++;
    if (down) {
      stats.unavailable++;
      return jsonResponse(
        503,
        {
          error: 'unavailable',
          message:
            'The consent service is down for maintenance. Your receipt was not stored: send it again later.',
        },
        { 'retry-after': '1' },
      );
    }
    const response = await handler(request);
    const counter =
      { 201: 'stored', 200: 'duplicates', 409: 'conflicts', 503: 'unavailable' }[response.status] ??
      'rejected';
    stats[/** @type {keyof typeof stats} */ (counter)]++;
    return response;
  }
  const clickwrapListener = toNodeListener(clickwrap);

  // ---- accounts and the session ----------------------------------------------------------------

  /** @param {unknown} body */
  function createAccount(body) {
    const problems = [];
    const email = isObject(body) && typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const name = isObject(body) && typeof body.name === 'string' ? body.name.trim() : '';
    const kind = isObject(body) && body.kind !== undefined ? body.kind : 'person';
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
      problems.push({ code: 'invalid-field', path: 'email', message: 'Enter an email address.' });
    if (!name || name.length > 200)
      problems.push({
        code: 'invalid-field',
        path: 'name',
        message: 'Enter a name (at most 200 characters).',
      });
    if (kind !== 'person' && kind !== 'organization')
      problems.push({ code: 'invalid-field', path: 'kind', message: 'kind is "person" or "organization".' });
    if (problems.length) throw new HttpError(422, { error: 'invalid-account', problems });
    const account = accounts.create({ id: randomUUID(), email, name, kind });
    if (!account)
      throw new HttpError(409, {
        error: 'email-taken',
        message: 'An account with this email exists: sign in instead.',
      });
    return account;
  }

  /** Whether the account's newest consent to the Terms was a minor's (a re-consent asks for the age again). @param {string} subject */
  async function acceptedAsMinor(subject) {
    // Every receipt of theirs, page by page (the newest N alone could miss an old consent).
    let minor = null;
    for (let after = 0; ;) {
      const page = await log.bySubjectAfter(subject, after, 500, 'receipt');
      for (const entry of page) {
        const receipt = JSON.parse(entry.payload).receipt;
        if (receipt?.agreement?.id === termsId) minor = receipt.minor !== null;
      }
      if (page.length < 500) return minor;
      after = page.at(-1).seq;
    }
  }

  // ---- static files -----------------------------------------------------------------------------

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} pathname */
  async function serveStatic(req, res, pathname) {
    if (!staticDir)
      return sendJson(res, 404, { error: 'not-found', message: 'This server was started without the app.' });
    let file = path.join(staticDir, pathname);
    if (!file.startsWith(staticDir + path.sep) && file !== staticDir)
      return sendJson(res, 400, { error: 'bad-path' });
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Client-side routes get the app; a missing asset is a 404.
      if (path.extname(pathname)) return sendJson(res, 404, { error: 'not-found' });
      file = path.join(staticDir, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info)
        return sendJson(res, 404, {
          error: 'not-built',
          message: 'The app is not built: run npm run example.',
        });
    }
    res.writeHead(200, {
      'content-type': MIME[/** @type {keyof MIME} */ (path.extname(file))] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  // ---- routing ----------------------------------------------------------------------------------

  /** @param {http.IncomingMessage} req */
  const isAdminCaller = (req) => {
    const a = req.socket.remoteAddress ?? '';
    const loopback = a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
    // A page in a browser always sends Origin on a POST: no web page may flip these switches.
    return loopback && req.headers.origin === undefined;
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function route(req, res) {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return sendJson(res, 400, { error: 'bad-url', message: 'The URL is malformed.' });
    }
    const m = req.method ?? 'GET';
    if (p === CLICKWRAP_BASE || p.startsWith(`${CLICKWRAP_BASE}/`)) return clickwrapListener(req, res);
    if (!p.startsWith('/api/')) {
      if (m !== 'GET' && m !== 'HEAD') return sendJson(res, 405, { error: 'method-not-allowed' });
      if (vite) return vite.middlewares(req, res, () => sendJson(res, 404, { error: 'not-found' }));
      return serveStatic(req, res, p);
    }
    if (m === 'GET' && p === '/api/health') return sendJson(res, 200, { ok: true, down });
    if (m === 'GET' && p === '/api/offers') {
      return sendJson(res, 200, {
        acknowledgements: { callCenter: agreements.callCenterCommitments },
        optionalConsents: agreements.optionalConsents,
      });
    }
    if (m === 'POST' && p === '/api/accounts') {
      const account = createAccount(await readJson(req));
      return sendJson(res, 201, { account }, { 'set-cookie': sessions.cookieFor(account.id) });
    }
    if (m === 'POST' && p === '/api/sessions') {
      const body = await readJson(req);
      const account = accounts.byEmail(
        isObject(body) && typeof body.email === 'string' ? body.email.trim().toLowerCase() : '',
      );
      if (!account)
        throw new HttpError(404, { error: 'unknown-account', message: 'No account has this email.' });
      return sendJson(res, 200, { account }, { 'set-cookie': sessions.cookieFor(account.id) });
    }
    if (p === '/api/session') {
      if (m === 'DELETE')
        return sendJson(res, 200, { signedOut: true }, { 'set-cookie': sessions.clearCookie() });
      const id = sessions.subject(req.headers.cookie);
      const account = id ? accounts.byId(id) : null;
      if (!account) return sendJson(res, 401, { error: 'unauthenticated', message: 'Sign in first.' });
      return sendJson(res, 200, { account, acceptedAsMinor: await acceptedAsMinor(account.id) });
    }

    if (p.startsWith('/api/admin/')) {
      if (!isAdminCaller(req))
        return sendJson(res, 403, {
          error: 'forbidden',
          message: 'Admin routes answer on loopback only, never to a web page.',
        });
      if (m === 'POST' && p === '/api/admin/publish') {
        const body = await readJson(req);
        const documentId = isObject(body) && typeof body.document === 'string' ? body.document : termsId;
        publish(documentId, isObject(body) && typeof body.version === 'string' ? body.version : '');
        // Requests already in the old handler finish there; it signs a checkpoint when they have.
        const previous = handler;
        catalog = await buildCatalog();
        handler = makeHandler(catalog);
        void previous.drain();
        return sendJson(res, 200, {
          document: documentId,
          currentVersion: catalog.document(documentId)?.current.version,
        });
      }
      if (m === 'POST' && (p === '/api/admin/down' || p === '/api/admin/up')) {
        req.resume();
        down = p.endsWith('/down');
        return sendJson(res, 200, { down });
      }
      if (m === 'GET' && p === '/api/admin/stats') return sendJson(res, 200, { down, consents: stats });
      if (m === 'GET' && p === '/api/admin/log') {
        res.writeHead(200, {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'cache-control': 'no-store',
        });
        // Up to a checkpoint stored now, so that one in the export covers every entry in it
        // (verify-log says VERIFIED only then), however many are appended meanwhile.
        const head = await handler.checkpoint();
        for await (const line of exportLog(log, { through: head?.count ?? 0 })) res.write(line);
        return res.end();
      }
      if (m === 'POST' && p === '/api/admin/parse-only') {
        await readJson(req);
        return sendJson(res, 200, { ok: true });
      }
    }
    return sendJson(res, 404, { error: 'not-found', message: `${m} ${p} is not an API route.` });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body);
      console.error(error);
      if (!res.headersSent)
        sendJson(res, 500, { error: 'internal', message: 'Something went wrong on the server.' });
      else res.destroy();
    });
  });
  // Loopback clients (tests, the benchmark) keep connections open; close() ends idle ones.
  server.keepAliveTimeout = 5000;

  return {
    server,
    /** The version of a document served now (the Terms by default). @param {string} [documentId] */
    currentVersion: (documentId = termsId) => catalog.document(documentId)?.current.version,
    /** The documents served, the Terms first. */
    documentIds: () => agreements.documents.map((d) => d.id),
    /** Stops taking connections, lets requests in flight finish and be written, then closes the stores. */
    async close() {
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeIdleConnections();
      await handler.drain();
      server.closeAllConnections();
      await closed;
      await log.close();
      accounts.close();
    },
  };
}
