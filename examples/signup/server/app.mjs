// The signup example's server: node:http, no framework. It serves the documents' versions (the
// Terms, and the privacy policy accepted with them), takes consent receipts (verifies each
// document against the version it served, stamps its own time, stores it once, with a row per
// document and per optional consent), records declines, answers "has this account accepted the
// current versions? does it want marketing e-mail?", and serves the built app (or Vite's dev
// middleware).
//
// API (JSON in and out):
//   GET  /api/agreements/instadesk-terms                  the Terms' current version (+ markdown,
//                                                         the call-center commitments and the optional consents)
//   GET  /api/agreements/instadesk-terms/versions/:v      a version published so far
//   GET  /api/agreements/privacy-policy                   the privacy policy's current version (+ markdown)
//   GET  /api/agreements/privacy-policy/versions/:v       a version published so far
//   POST /api/accounts            { email, name, kind }   201 { account } | 409 email taken
//   POST /api/sessions            { email }               200 { account } | 404 (demo sign-in: no password)
//   GET  /api/accounts/:id/consent-status                 { accepted, acceptedVersion, currentVersion, …,
//                                                           documents: { 'privacy-policy': { accepted, … } },
//                                                           optionalConsents: { 'marketing-email': { granted, … } } }
//   POST /api/consents            a ConsentReceipt        201 stored | 200 same receipt again
//                                                         409 other body, same id | 422 problems | 503 down
//   POST /api/declines            a DeclineRecord, with an Idempotency-Key header (a UUID)
//   POST /api/admin/publish       { version, document? }  makes a version current (document: the Terms by default)
//   POST /api/admin/down | /up                            POST /api/consents answers 503 while down
//   GET  /api/admin/stats                                 delivery counters since start
//   POST /api/admin/parse-only                            reads and parses the body, answers 200 (benchmark baseline)
// Admin routes answer only on loopback connections.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { receiptDocuments, serializeReceipt, verifyReceipt } from 'react-clickwrap/core';

const MAX_BODY = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * @typedef {object} SignupServerOptions
 * @property {import('./db.mjs').Store} store
 * @property {import('./agreements.mjs').AgreementCatalog} agreements
 * @property {string} [version]      make this version current at start (`AGREEMENT_VERSION`)
 * @property {string | null} [staticDir]  the built app (vite build output), or null
 * @property {{ middlewares: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void } | null} [vite]
 *   Vite's dev server in middleware mode, used instead of `staticDir`
 */

/** An HTTP error with a JSON body. */
class HttpError extends Error {
  /** @param {number} status @param {Record<string, unknown>} body @param {Record<string, string>} [headers] */
  constructor(status, body, headers = {}) {
    super(String(body.message ?? body.error));
    this.status = status;
    this.body = body;
    this.headers = headers;
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

/** The request body parsed as JSON (400 when it is not JSON, 413 past 1 MiB). @param {http.IncomingMessage} req */
async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) {
      throw new HttpError(413, { error: 'body-too-large', message: `The body is over ${MAX_BODY} bytes.` });
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, { error: 'invalid-json', message: 'The body is not JSON.' });
  }
}

/** @param {string} code @param {string} path @param {string} message */
const problem = (code, path, message) => ({ code, path, message });

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {import('./db.mjs').AccountRow} row */
const accountView = (row) => ({ id: row.account_id, email: row.email, name: row.name, kind: row.kind });

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Creates the server (not yet listening).
 * @param {SignupServerOptions} options
 */
export function createSignupServer({ store, agreements, version, staticDir = null, vite = null }) {
  const agreementId = agreements.id;

  // ---- which versions were served -------------------------------------------------------------
  // Every version published so far was served to someone, so a receipt may name any of them; the
  // last one is current. The first start publishes each document's first version (the Terms':
  // `version`, when given). The lists live in the database (a restart keeps what was published)
  // and are cached here, by document id.
  const now = () => new Date().toISOString();
  /** @type {Map<string, string[]>} */
  const published = new Map(agreements.documents.map((d) => [d.id, store.publications(d.id)]));
  /** @param {string} documentId @param {string} v */
  function publish(documentId, v) {
    const doc = agreements.document(documentId);
    if (!doc) {
      throw new HttpError(422, {
        error: 'unknown-document',
        message: `There is no document "${documentId}"; known: ${agreements.documents.map((d) => d.id).join(', ')}.`,
      });
    }
    if (!doc.get(v)) {
      throw new HttpError(422, {
        error: 'unknown-version',
        message: `There is no version "${v}" of ${documentId}; known: ${doc.versions.map((x) => x.version).join(', ')}.`,
      });
    }
    if (published.get(documentId)?.at(-1) !== v) {
      store.publish(documentId, v, now());
      published.set(documentId, store.publications(documentId));
    }
  }
  for (const doc of agreements.documents) {
    if (doc.id === agreementId && version) publish(doc.id, version);
    else if (published.get(doc.id)?.length === 0) publish(doc.id, doc.versions[0].version);
  }

  /** The version of a document served now (the Terms by default). @param {string} [documentId] */
  const current = (documentId = agreementId) => {
    const last = published.get(documentId)?.at(-1) ?? '';
    const v = agreements.document(documentId)?.get(last);
    if (!v) throw new Error(`${documentId}: the published version "${last}" is not in the manifest.`);
    return v;
  };
  /** Whether a version of a document was ever served. @param {string} documentId @param {string} v */
  const served = (documentId, v) => published.get(documentId)?.includes(v) ?? false;

  // ---- state for the demo's switches and counters ---------------------------------------------
  let down = false;
  const stats = { received: 0, stored: 0, duplicates: 0, conflicts: 0, rejected: 0, unavailable: 0 };

  // ---- handlers ---------------------------------------------------------------------------------

  /** A stored consent, with the documents it accepts and its optional consents. @param {import('./db.mjs').ConsentRow} row */
  const consentView = (row) => ({
    receiptId: row.receipt_id,
    accountId: row.account_id,
    agreementId: row.agreement_id,
    version: row.version,
    sha256: row.sha256,
    acceptedAt: row.accepted_at,
    receivedAt: row.received_at,
    documents: store.documentsOfReceipt(row.receipt_id).map((d) => ({ id: d.document_id, version: d.version })),
    optionalConsents: store.optionsOfReceipt(row.receipt_id).map((o) => ({ id: o.option_id, granted: o.granted === 1 })),
  });

  /** @param {import('./agreements.mjs').AgreementVersion} v @param {boolean} withText */
  const versionView = (v, withText) => ({
    id: v.id,
    version: v.version,
    title: v.title,
    effectiveDate: v.effectiveDate,
    sha256: v.sha256,
    ...(withText ? { markdown: v.markdown } : {}),
  });

  /** @param {string} documentId */
  function knownDocument(documentId) {
    if (!agreements.document(documentId)) {
      throw new HttpError(404, { error: 'unknown-document', message: `There is no document "${documentId}".` });
    }
  }

  /** @param {string} documentId */
  function getCurrent(documentId) {
    knownDocument(documentId);
    const cur = current(documentId);
    return {
      ...versionView(cur, true),
      current: true,
      published: [...new Set(published.get(documentId))],
      // What the Terms come with: the commitments an organisation gives, the optional consents offered.
      ...(documentId === agreementId
        ? { acknowledgements: { callCenter: agreements.callCenterCommitments }, optionalConsents: agreements.optionalConsents }
        : {}),
    };
  }

  /** @param {string} documentId @param {string} v */
  function getVersion(documentId, v) {
    knownDocument(documentId);
    const found = agreements.document(documentId)?.get(v);
    if (!found || !served(documentId, v)) {
      throw new HttpError(404, { error: 'unknown-version', message: `Version "${v}" of ${documentId} has not been published.` });
    }
    return { ...versionView(found, true), current: found.version === current(documentId).version };
  }

  /** @param {unknown} body */
  function createAccount(body) {
    const problems = [];
    const email = isObject(body) && typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const name = isObject(body) && typeof body.name === 'string' ? body.name.trim() : '';
    const kind = isObject(body) && body.kind !== undefined ? body.kind : 'person';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.push(problem('invalid-field', 'email', 'Enter an email address.'));
    if (!name) problems.push(problem('missing-field', 'name', 'Enter a name.'));
    if (kind !== 'person' && kind !== 'organization') {
      problems.push(problem('invalid-field', 'kind', 'kind is "person" or "organization".'));
    }
    if (problems.length) throw new HttpError(422, { error: 'invalid-account', problems });
    const row = { account_id: randomUUID(), email, name, kind, created_at: now() };
    if (!store.insertAccount(row)) {
      throw new HttpError(409, { error: 'email-taken', message: 'An account with this email exists: sign in instead.' });
    }
    return accountView(row);
  }

  /** @param {unknown} body */
  function signIn(body) {
    const email = isObject(body) && typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const row = store.accountByEmail(email);
    if (!row) throw new HttpError(404, { error: 'unknown-account', message: 'No account has this email.' });
    return accountView(row);
  }

  /** @param {string} accountId */
  function consentStatus(accountId) {
    if (!store.accountById(accountId)) {
      throw new HttpError(404, { error: 'unknown-account', message: `No account "${accountId}".` });
    }
    const cur = current();
    const rows = store.consentsOf(accountId, agreementId);
    // The newest version accepted (by the manifest's order), and its latest receipt.
    let best = null;
    for (const row of rows) {
      const index = agreements.get(row.version)?.index ?? -1;
      if (!best || index > best.index) best = { row, index };
    }
    return {
      accountId,
      agreementId,
      accepted: rows.some((r) => r.version === cur.version),
      acceptedVersion: best ? best.row.version : null,
      acceptedReceiptId: best ? best.row.receipt_id : null,
      acceptedAt: best ? best.row.accepted_at : null,
      // Whether that consent was a minor's (with a guardian): a re-consent asks for the age again.
      // An adult's consent needs no age gate the next time: adults stay adults.
      acceptedAsMinor: best ? JSON.parse(best.row.receipt_json).minor !== null : null,
      currentVersion: cur.version,
      currentEffectiveDate: cur.effectiveDate,
      // Each document accepted with the Terms (the privacy policy): whether its current version is.
      documents: Object.fromEntries(agreements.additional.map((d) => [d.id, documentStatus(accountId, d.id)])),
      // Each optional consent (marketing): the person's latest answer, in the latest receipt that offered it.
      optionalConsents: Object.fromEntries(agreements.optionalConsents.map((o) => [o.id, optionStatus(accountId, o.id)])),
    };
  }

  /** Whether the account accepted a document's current version, and its newest accepted version. @param {string} accountId @param {string} documentId */
  function documentStatus(accountId, documentId) {
    const cur = current(documentId);
    const catalog = /** @type {import('./agreements.mjs').DocumentCatalog} */ (agreements.document(documentId));
    const rows = store.documentsOf(accountId, documentId);
    let best = null;
    for (const row of rows) {
      const index = catalog.get(row.version)?.index ?? -1;
      if (!best || index > best.index) best = { row, index };
    }
    return {
      accepted: rows.some((r) => r.version === cur.version),
      acceptedVersion: best ? best.row.version : null,
      acceptedReceiptId: best ? best.row.receipt_id : null,
      acceptedAt: best ? best.row.accepted_at : null,
      currentVersion: cur.version,
      currentEffectiveDate: cur.effectiveDate,
    };
  }

  /**
   * The account's latest answer to an optional consent: from the newest receipt (by its
   * acceptedAt) that offered it. `offered: false` when no receipt did (then not granted).
   * @param {string} accountId @param {string} optionId
   */
  function optionStatus(accountId, optionId) {
    const [latest] = store.optionsOf(accountId, optionId);
    return {
      offered: Boolean(latest),
      granted: latest?.granted === 1,
      at: latest?.at ?? null,
      receiptId: latest?.receipt_id ?? null,
    };
  }

  /** Whether the account has accepted the version of a document served now. @param {string} accountId @param {string} documentId */
  const acceptedCurrent = (accountId, documentId) =>
    store.documentsOf(accountId, documentId).some((r) => r.version === current(documentId).version);

  /**
   * Verifies and stores a receipt.
   * @param {unknown} receipt
   * @returns {Promise<{ status: number, body: unknown }>}
   */
  async function receiveConsent(receipt) {
    stats.received++;
    const reject = (/** @type {object[]} */ problems, error = 'invalid-receipt') => {
      stats.rejected++;
      return {
        status: 422,
        body: { error, message: 'The receipt was not stored: see problems.', problems },
      };
    };
    if (!isObject(receipt)) return reject([problem('not-an-object', '', 'The body is not a receipt object.')]);

    // The same receipt again (a retry whose first answer was lost): the stored row, not a second
    // one. The stored JSON was verified on the way in, so an identical body needs no new check.
    const existing = typeof receipt.receiptId === 'string' ? store.consentById(receipt.receiptId) : undefined;
    if (existing) return sameIdAnswer(existing, receipt);

    const claimed = isObject(receipt.agreement) ? receipt.agreement : {};
    if (claimed.id !== agreementId) {
      return reject([problem('agreement-id-mismatch', 'agreement.id', `This server takes consents to "${agreementId}" only.`)]);
    }
    const shown = typeof claimed.version === 'string' ? agreements.get(claimed.version) : undefined;
    const unknown = [];
    if (!shown || !served(agreementId, shown.version)) {
      unknown.push(
        problem('unknown-version', 'agreement.version', `Version ${JSON.stringify(claimed.version)} of ${agreementId} was never served here.`),
      );
    }
    // Each additional document is checked against the text served for the version it names...
    /** @type {Record<string, { markdown: string, version: string }>} */
    const texts = {};
    const listed = Array.isArray(receipt.additionalDocuments) ? receipt.additionalDocuments : [];
    for (const [i, doc] of listed.entries()) {
      if (!isObject(doc) || typeof doc.id !== 'string') continue; // verifyReceipt reports its shape
      const catalog = agreements.additional.find((d) => d.id === doc.id);
      const v = typeof doc.version === 'string' ? catalog?.get(doc.version) : undefined;
      if (!catalog) {
        unknown.push(
          problem('unknown-document', `additionalDocuments[${i}].id`, `This server serves no document ${JSON.stringify(doc.id)} to accept with ${agreementId}.`),
        );
      } else if (!v || !served(doc.id, v.version)) {
        unknown.push(
          problem('unknown-version', `additionalDocuments[${i}].version`, `Version ${JSON.stringify(doc.version)} of ${doc.id} was never served here.`),
        );
      } else {
        texts[doc.id] = { markdown: v.markdown, version: v.version };
      }
    }
    if (unknown.length || !shown) return reject(unknown);
    // ...and one the account has not accepted in its current version must be in the receipt: the
    // current text is passed for it, so verifyReceipt reports `document-missing` when it is not.
    const signerId = isObject(receipt.signer) && typeof receipt.signer.id === 'string' ? receipt.signer.id : '';
    /** @type {Map<string, import('./agreements.mjs').AgreementVersion>} */
    const required = new Map();
    for (const doc of agreements.additional) {
      if (texts[doc.id] || acceptedCurrent(signerId, doc.id)) continue;
      const cur = current(doc.id);
      required.set(doc.id, cur);
      texts[doc.id] = { markdown: cur.markdown, version: cur.version };
    }
    // Every hash is recomputed from the text this server served for that version.
    const verification = await verifyReceipt(receipt, shown.markdown, {
      agreementId,
      version: shown.version,
      additionalDocuments: texts,
    });
    if (!verification.ok) {
      // verifyReceipt words `document-missing` for its caller; say it for the client instead. There
      // is one for each required document the receipt lacks, in the order they were passed.
      const missing = [...required.values()];
      let m = 0;
      return reject(
        verification.problems.map((p) => {
          const doc = p.code === 'document-missing' ? missing[m++] : undefined;
          return doc
            ? problem(
                p.code,
                p.path,
                `The receipt does not include the ${doc.title} ("${doc.id}"): this account has not accepted its current version (${doc.version}), so it must be accepted together with the Terms.`,
              )
            : p;
        }),
      );
    }

    const valid = /** @type {import('react-clickwrap/core').ConsentReceipt} */ (/** @type {unknown} */ (receipt));
    const policy = checkPolicy(valid);
    if (policy.length) return reject(policy, 'consent-rejected');

    const row = {
      receipt_id: valid.receiptId,
      account_id: valid.signer.id,
      agreement_id: valid.agreement.id,
      version: valid.agreement.version,
      sha256: valid.agreement.sha256,
      accepted_at: valid.acceptedAt,
      received_at: now(),
      receipt_json: serializeReceipt(valid),
    };
    // The Terms (position 0) and each additional document; every optional consent, granted or not.
    const documents = receiptDocuments(valid).map((d, position) => ({
      position,
      document_id: d.id,
      version: d.version,
      sha256: d.sha256,
      required: d.reading.required,
      reached_end: /** @type {0 | 1} */ (d.reading.reachedEnd ? 1 : 0),
    }));
    const options = valid.optionalConsents.map((o) => ({
      option_id: o.id,
      label: o.label,
      granted: /** @type {0 | 1} */ (o.granted ? 1 : 0),
      at: o.at,
    }));
    const { inserted, row: stored } = store.insertConsent(row, documents, options);
    // Not inserted: the same id arrived concurrently and was stored first.
    if (!inserted) return sameIdAnswer(stored, receipt);
    stats.stored++;
    return { status: 201, body: { status: 'stored', consent: consentView(stored) } };
  }

  /** @param {import('./db.mjs').ConsentRow} existing @param {Record<string, unknown>} receipt */
  function sameIdAnswer(existing, receipt) {
    let same;
    try {
      same = serializeReceipt(/** @type {any} */ (receipt)) === existing.receipt_json;
    } catch {
      same = false; // not even a well-formed receipt: certainly another body
    }
    if (same) {
      stats.duplicates++;
      return { status: 200, body: { status: 'already-stored', consent: consentView(existing) } };
    }
    stats.conflicts++;
    return {
      status: 409,
      body: {
        error: 'receipt-id-conflict',
        message: `Receipt ${existing.receipt_id} is already stored with a different body. A receipt id names one consent: make a new receipt for a new consent.`,
        consent: consentView(existing),
      },
    };
  }

  /**
   * This app's own rules, beyond the receipt's validity: the signer is an account; an
   * organisation's administrator agrees for the organisation and gives the six call-center
   * commitments, word for word; each optional consent is one this app offers, with its label
   * word for word; a re-consent replaces one of the account's own consents.
   * (A real app would also check that the signer is the signed-in account.)
   * @param {import('react-clickwrap/core').ConsentReceipt} receipt
   */
  function checkPolicy(receipt) {
    const problems = [];
    const account = store.accountById(receipt.signer.id);
    if (!account) {
      problems.push(problem('unknown-account', 'signer.id', `No account "${receipt.signer.id}": create the account first.`));
      return problems;
    }
    if (account.kind === 'organization') {
      if (!receipt.organization) {
        problems.push(problem('organization-required', 'organization', 'An organisation account agrees on behalf of the organisation: the receipt needs organization.'));
      }
      const given = new Map(receipt.acknowledgements.map((a) => [a.id, a.label]));
      for (const c of agreements.callCenterCommitments) {
        if (given.get(c.id) !== c.label) {
          problems.push(
            problem(
              'acknowledgement-missing',
              'acknowledgements',
              `The call-center commitment "${c.id}" is ${given.has(c.id) ? 'not word for word' : 'missing'}: organisation accounts give all six (section III 2.4).`,
            ),
          );
        }
      }
    }
    const offered = new Map(agreements.optionalConsents.map((o) => [o.id, o.label]));
    for (const [i, o] of receipt.optionalConsents.entries()) {
      if (offered.get(o.id) !== o.label) {
        problems.push(
          problem(
            'optional-consent-unknown',
            `optionalConsents[${i}]`,
            offered.has(o.id)
              ? `The optional consent "${o.id}" is not word for word the label this app offers.`
              : `This app offers no optional consent "${o.id}" (it offers ${[...offered.keys()].join(', ')}).`,
          ),
        );
      }
    }
    if (receipt.replaces?.receiptId) {
      const replaced = store.consentById(receipt.replaces.receiptId);
      if (!replaced || replaced.account_id !== account.account_id || replaced.version !== receipt.replaces.version) {
        problems.push(
          problem('replaces-unknown', 'replaces', `replaces names no consent of this account to version ${receipt.replaces.version}.`),
        );
      }
    }
    return problems;
  }

  /** @param {unknown} record @param {string | undefined} key */
  function receiveDecline(record, key) {
    if (typeof key !== 'string' || !UUID.test(key.toLowerCase())) {
      throw new HttpError(400, { error: 'idempotency-key-required', message: 'Send an Idempotency-Key header (a UUID) with each decline.' });
    }
    const id = key.toLowerCase();
    const problems = [];
    const r = isObject(record) ? record : {};
    const a = isObject(r.agreement) ? r.agreement : {};
    const signerId = isObject(r.signer) ? r.signer.id : undefined;
    const v = typeof a.version === 'string' ? agreements.get(a.version) : undefined;
    if (a.id !== agreementId) problems.push(problem('agreement-id-mismatch', 'agreement.id', `Declines of "${agreementId}" only.`));
    else if (!v || !served(agreementId, v.version)) problems.push(problem('unknown-version', 'agreement.version', 'That version was never served here.'));
    else if (a.sha256 !== null && a.sha256 !== v.sha256) {
      problems.push(problem('agreement-mismatch', 'agreement.sha256', 'The declined text is not the text served for that version.'));
    }
    // The documents shown with the Terms (the privacy policy): each a version served here. (A
    // record from before additional documents existed has none.)
    if (r.additionalDocuments !== undefined && !Array.isArray(r.additionalDocuments)) {
      problems.push(problem('invalid-field', 'additionalDocuments', 'additionalDocuments is a list of the documents shown.'));
    }
    for (const [i, doc] of (Array.isArray(r.additionalDocuments) ? r.additionalDocuments : []).entries()) {
      const id = isObject(doc) ? doc.id : undefined;
      const catalog = agreements.additional.find((d) => d.id === id);
      if (!catalog) {
        problems.push(problem('unknown-document', `additionalDocuments[${i}].id`, `This server serves no document ${JSON.stringify(id)} with ${agreementId}.`));
      } else if (!isObject(doc) || typeof doc.version !== 'string' || !catalog.get(doc.version) || !served(catalog.id, doc.version)) {
        problems.push(problem('unknown-version', `additionalDocuments[${i}].version`, `That version of ${catalog.id} was never served here.`));
      }
    }
    if (typeof signerId !== 'string' || !store.accountById(signerId)) {
      problems.push(problem('unknown-account', 'signer.id', 'The decline names no account.'));
    }
    if (typeof r.declinedAt !== 'string' || Number.isNaN(Date.parse(r.declinedAt))) {
      problems.push(problem('invalid-date', 'declinedAt', 'declinedAt is an ISO 8601 date-time.'));
    }
    if (problems.length) throw new HttpError(422, { error: 'invalid-decline', problems });
    const json = JSON.stringify(record);
    const { inserted, row } = store.insertDecline({
      decline_id: id,
      account_id: signerId,
      agreement_id: agreementId,
      version: /** @type {NonNullable<typeof v>} */ (v).version,
      sha256: a.sha256,
      declined_at: new Date(/** @type {string} */ (r.declinedAt)).toISOString(),
      received_at: now(),
      record_json: json,
    });
    if (!inserted && row.record_json !== json) {
      throw new HttpError(409, { error: 'idempotency-key-conflict', message: 'This Idempotency-Key was used for a different decline.' });
    }
    return {
      status: inserted ? 201 : 200,
      body: { status: inserted ? 'stored' : 'already-stored', decline: { id, version: row.version, receivedAt: row.received_at } },
    };
  }

  // ---- static files -----------------------------------------------------------------------------

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} pathname */
  async function serveStatic(req, res, pathname) {
    if (!staticDir) {
      sendJson(res, 404, { error: 'not-found', message: 'This server was started without the app.' });
      return;
    }
    let file = path.join(staticDir, decodeURIComponent(pathname));
    if (!file.startsWith(staticDir + path.sep) && file !== staticDir) {
      sendJson(res, 400, { error: 'bad-path' });
      return;
    }
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Client-side routes get the app; a missing asset is a 404.
      if (path.extname(pathname)) {
        sendJson(res, 404, { error: 'not-found' });
        return;
      }
      file = path.join(staticDir, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info) {
        sendJson(res, 404, { error: 'not-built', message: 'The app is not built: run npm run example.' });
        return;
      }
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
  const isLoopback = (req) => {
    const a = req.socket.remoteAddress ?? '';
    return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function route(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    const m = req.method ?? 'GET';

    if (!p.startsWith('/api/')) {
      if (m !== 'GET' && m !== 'HEAD') return sendJson(res, 405, { error: 'method-not-allowed' });
      if (vite) return vite.middlewares(req, res, () => sendJson(res, 404, { error: 'not-found' }));
      return serveStatic(req, res, p);
    }

    const documentRoute = /^\/api\/agreements\/([^/]+)(?:\/versions\/([^/]+))?$/.exec(p);
    if (m === 'GET' && documentRoute) {
      const documentId = decodeURIComponent(documentRoute[1] ?? '');
      const v = documentRoute[2];
      return sendJson(res, 200, v === undefined ? getCurrent(documentId) : getVersion(documentId, decodeURIComponent(v)));
    }
    if (m === 'GET' && p === '/api/health') return sendJson(res, 200, { ok: true, down });

    if (m === 'POST' && p === '/api/consents') {
      if (down) {
        // Drain the body so the connection can be reused, then refuse.
        req.resume();
        stats.unavailable++;
        return sendJson(
          res,
          503,
          { error: 'unavailable', message: 'The consent service is down for maintenance. Your receipt was not stored: send it again later.' },
          { 'retry-after': '1' },
        );
      }
      const { status, body } = await receiveConsent(await readJson(req));
      return sendJson(res, status, body);
    }
    if (m === 'POST' && p === '/api/declines') {
      const header = req.headers['idempotency-key'];
      const { status, body } = receiveDecline(await readJson(req), Array.isArray(header) ? header[0] : header);
      return sendJson(res, status, body);
    }
    if (m === 'POST' && p === '/api/accounts') return sendJson(res, 201, { account: createAccount(await readJson(req)) });
    if (m === 'POST' && p === '/api/sessions') return sendJson(res, 200, { account: signIn(await readJson(req)) });
    const status = /^\/api\/accounts\/([^/]+)\/consent-status$/.exec(p);
    if (m === 'GET' && status) return sendJson(res, 200, consentStatus(decodeURIComponent(status[1] ?? '')));

    if (p.startsWith('/api/admin/')) {
      if (!isLoopback(req)) return sendJson(res, 403, { error: 'forbidden', message: 'Admin routes answer on loopback only.' });
      if (m === 'POST' && p === '/api/admin/publish') {
        const body = await readJson(req);
        const documentId = isObject(body) && typeof body.document === 'string' ? body.document : agreementId;
        publish(documentId, isObject(body) && typeof body.version === 'string' ? body.version : '');
        return sendJson(res, 200, { document: documentId, currentVersion: current(documentId).version });
      }
      if (m === 'POST' && (p === '/api/admin/down' || p === '/api/admin/up')) {
        req.resume();
        down = p.endsWith('/down');
        return sendJson(res, 200, { down });
      }
      if (m === 'GET' && p === '/api/admin/stats') return sendJson(res, 200, { down, consents: stats });
      if (m === 'POST' && p === '/api/admin/parse-only') {
        await readJson(req);
        return sendJson(res, 200, { ok: true });
      }
    }
    return sendJson(res, 404, { error: 'not-found', message: `${m} ${p} is not an API route.` });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Something went wrong on the server.' });
      else res.destroy();
    });
  });
  // Loopback clients (tests, the benchmark) keep connections open; let close() end them.
  server.keepAliveTimeout = 5000;

  return {
    server,
    /** The version of a document served now (the Terms by default). @param {string} [documentId] */
    currentVersion: (documentId = agreementId) => current(documentId).version,
    /** The documents served, the Terms first. */
    documentIds: () => agreements.documents.map((d) => d.id),
    /** Ends every connection and closes the store. */
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      store.close();
    },
  };
}
