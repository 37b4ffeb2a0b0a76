/**
 * The receipt handler on web-standard Request/Response: usable as-is in a Next.js route handler,
 * Hono, Deno or Bun, and in Node `http` through `toNodeListener` (node.ts).
 *
 * Routes, under `basePath`:
 *   GET  agreements/:id                  the current version: { id, version, title, sha256, markdown, effectiveDate }
 *   GET  agreements/:id/versions/:v      a version served so far
 *   GET  .well-known/jwks.json           the public keys that countersign
 *   POST receipts                        a ConsentReceipt → 201 countersigned | 200 same again | 409 | 422 | 503
 *                                        (+ superseded, when accepted before a withdrawal stored before it;
 *                                        + overridden, when a receipt stored before it, given after it,
 *                                        answered its optional consents otherwise)
 *   GET  consents                        the authenticated subject's status, per document
 *   POST withdrawals                     { id, all?: true, optionalConsents?: [...] } → 201 recorded as an event
 *                                        | 200 same again | 409 | 422 nothing-to-withdraw (ends nothing in force)
 *   POST declines                        { id, documents: [{ id, version }], receiptId? } → 201 recorded as an event
 *                                        (receiptId: the undelivered receipt of the same showing, taken back)
 *   GET  log/checkpoint                  the newest signed checkpoint { count, head, at, jws }, for witnesses to keep
 *
 * Every 201/200 for an event carries `seq` (its place in the log) and `checkpoint`, signed after
 * its batch committed: proof, for whoever keeps it, that the log reached `count` entries ending
 * in `head` (see appender.ts).
 */
import type { ConsentReceipt } from '../core/index';
import { canonicalJson } from './jcs';
import { checkDecline, checkWithdrawal, repeatedInWithdrawal, UUID } from './events';
import { createAppender, type AppenderOptions } from './appender';
import type { AgreementCatalog } from './catalog';
import type { Keyring } from './countersign';
import { checkHandlerOptions } from './handler-options';
import {
  authenticated as authenticatedBy,
  conflict,
  error,
  json,
  methodGuard,
  normaliseBasePath,
  notARequest,
  routeSegments,
  versionView,
} from './handler-request';
import { readJsonBody, type RequestLimits } from './limits';
import { limitsFor } from './served-limits';
import {
  StoreBusyError,
  eventBodyHash,
  signCheckpoint,
  type Checkpoint,
  type LogEntry,
  type LogStore,
} from './log';
import { createKeyedQueue } from './keyed-queue';
import { createRecorder } from './recorder';
import { checkReceipt, signerAllowed, type PolicyProblem, type ServerPolicy } from './policy';
import { overriddenBy, storedReceipts, supersededBy, takeBackProblem } from './status-events';
import {
  consentStatus,
  nothingToWithdraw,
  type ConsentStatus,
  type ConsentStatusOptions,
  type Decline,
  type Withdrawal,
} from './status';
import { createTrustedEntries, HistoryTooLongError } from './trusted-entries';

/** Options of {@link createClickwrapHandler}. */
export interface ClickwrapHandlerOptions {
  /** Where entries are appended. */
  store: LogStore;
  /** The keys that countersign receipts and checkpoints. */
  keyring: Keyring;
  /** The documents served (`createCatalog`). */
  catalog: AgreementCatalog;
  /**
   * Who is asking: the subject (the app's user id) from the request's session, or null to refuse
   * (401). The handler never trusts a signer id inside a receipt by itself.
   */
  authenticate: (request: Request) => string | null | Promise<string | null>;
  /** The server's policy. @default {} */
  policy?: ServerPolicy;
  /** Request limits. @default DEFAULT_LIMITS */
  limits?: Partial<RequestLimits>;
  /** The path the routes are under. @default "/" */
  basePath?: string;
  /** The server's clock. @default () => new Date() */
  now?: () => Date;
  /** Batching and checkpoints. */
  appender?: AppenderOptions;
  /**
   * A guard on memory: most log entries of one person read to answer their status (and to check a
   * receipt against their earlier consents). A status is computed from every entry of the
   * person's; a person with more answers 503 `history-too-long` (and the app's log is told),
   * never a status from part of them. @default 10000
   */
  statusEntryLimit?: number;
  /**
   * Told of a stored entry the server did not write (its countersignature does not verify with
   * the keyring's keys, or its content is not as the server writes it), which a status therefore
   * leaves out: a row added to the log behind the server's back. Alert on it; `verifyLog` with
   * `countersignatures: true` names every such entry.
   * @default logs it with console.error
   */
  onUnverifiedEntry?: (entry: LogEntry, reason: string) => void;
  /**
   * The kind of change between two versions of a document, for the status's `needsReconsent`
   * (material) and `needsNotice` (minor), e.g. `diffAgreements(from, to, { minorChanges }).changeKind`
   * computed once per pair. A receipt whose `replaces.changeKind` is another kind for those
   * versions is refused (`change-kind-mismatch`). @default every change is material, and a
   * receipt's `replaces.changeKind` is not checked
   */
  changeKind?: ConsentStatusOptions['changeKind'];
}

/** A request handler with a shutdown. */
export interface ClickwrapHandler {
  /** Answers one request. */
  (request: Request): Promise<Response>;
  /** The path its routes are under, normalised: `"/"` or e.g. `"/api/clickwrap"`. */
  readonly basePath: string;
  /**
   * Stops taking requests (503), waits for those in flight, writes them and signs a checkpoint.
   * It rejects when the checkpoint cannot be stored (the store locked or away); call it again to
   * retry (requests stay refused meanwhile).
   */
  drain(): Promise<void>;
  /**
   * Writes what is queued, stores a signed checkpoint of the log's head (when entries were added
   * since the last one stored) and returns the newest checkpoint (null while the log is empty).
   * Call it before `exportLog(store, { through: checkpoint.count })`, so that a checkpoint in the
   * export covers every entry of it: `verify-log` says VERIFIED only then. It rejects when the
   * checkpoint cannot be stored (the store locked or away); requests go on meanwhile.
   */
  checkpoint(): Promise<Checkpoint | null>;
}

/** Makes the handler. */
export function createClickwrapHandler(options: ClickwrapHandlerOptions): ClickwrapHandler {
  checkHandlerOptions(options);
  const { store, keyring, catalog } = options;
  // Raised to fit what the catalog serves (a long agreement's key clauses and changes), where
  // the app sets no limit of its own.
  const limits: RequestLimits = limitsFor(catalog, options.limits);
  const policy = options.policy ?? {};
  const now = options.now ?? (() => new Date());
  const base = normaliseBasePath(options.basePath ?? '/');
  const appender = createAppender(store, keyring, { now, ...options.appender });
  const statusLimit = options.statusEntryLimit ?? 10_000;
  const onUnverifiedEntry =
    options.onUnverifiedEntry ??
    ((entry: LogEntry, reason: string) =>
      console.error(
        `react-clickwrap/server: log entry seq ${entry.seq} (id ${JSON.stringify(entry.id)}) was not written by this server, so the status leaves it out: ${reason} If it was signed with a retired key, pass that key's public JWK to createKeyring (retired); otherwise the log was written to behind the server's back: run verifyLog with countersignatures to check the whole log.`,
      ));

  const subjectEntries = createTrustedEntries({ store, keyring, limit: statusLimit, onUnverifiedEntry });
  const statusOptions: ConsentStatusOptions = options.changeKind ? { changeKind: options.changeKind } : {};
  const inFlight = new Set<Promise<Response>>();
  let stopping = false;
  let draining: Promise<void> | null = null;

  const authenticated = (request: Request) => authenticatedBy(options, request);

  // Countersigns and appends an event; the stored record for a repeat, null for another body.
  const record = createRecorder(keyring, appender, now);
  const withdrawals = createKeyedQueue<Response>();

  async function acceptReceipt(request: Request): Promise<Response> {
    const subject = await authenticated(request);
    if (subject instanceof Response) return subject;
    const body = await readJsonBody(request, limits);
    if (!body.ok) return error(body.status, body.error, body.message);
    const receipt = body.value as Record<string, unknown>;
    if (!(await signerAllowed(policy, subject, receipt))) {
      return error(
        403,
        'signer-not-subject',
        "The receipt's signer is not the signed-in person: a receipt is stored only for whoever signed it.",
      );
    }
    const id = typeof receipt.receiptId === 'string' ? receipt.receiptId : '';
    if (!UUID.test(id))
      return json(422, {
        error: 'invalid-receipt',
        message: 'The receipt was not stored: see problems.',
        problems: [
          { code: 'invalid-field', path: 'receiptId', message: 'receiptId must be a lowercase UUID.' },
        ],
      });
    const canonical = canonicalJson(receipt);
    const bodyHash = eventBodyHash('receipt', subject, canonical);
    // The subject's entries and status, read from the log only when a check needs them (a
    // required document left out, or a re-consent), and then once.
    let entries: Promise<LogEntry[]> | null = null;
    const subjectLog = () => (entries ??= subjectEntries(subject));
    let status: Promise<ConsentStatus> | null = null;
    const subjectStatus = () =>
      (status ??= subjectLog().then((list) => consentStatus(subject, list, catalog, statusOptions)));
    const alreadyAccepted = async () =>
      new Set(
        Object.entries((await subjectStatus()).documents)
          .filter(([, d]) => d.accepted)
          .map(([docId]) => docId),
      );
    const acceptedVersions = async () =>
      new Map(
        Object.entries((await subjectStatus()).documents).flatMap(([docId, d]) =>
          d.acceptedVersion === null ? [] : [[docId, d.acceptedVersion] as const],
        ),
      );
    // No read before the write: a retry or a reused id is told apart by the append itself
    // (duplicate: 200 with the stored record; conflict: 409), which saves a query per receipt.
    // Only a receipt that fails verification is looked up first, so a retry of one stored
    // earlier (which may fail today, e.g. as too old) still gets its stored record.
    const problems = await checkReceipt(receipt, {
      catalog,
      policy,
      now: now(),
      subject,
      alreadyAccepted,
      acceptedVersions,
      acceptedReceipts: async () => storedReceipts(await subjectLog()),
      ...(options.changeKind ? { changeKind: options.changeKind } : {}),
    });
    if (problems.length > 0) {
      const existing = await store.get(id);
      if (!existing) return unprocessable(problems);
      if (existing.bodyHash !== bodyHash) return conflict('receipt');
    }
    const stored = await record('receipt', id, subject, canonical, bodyHash);
    if (!stored) return conflict('receipt');
    // Accepted before a withdrawal stored before it (an outbox delivered it late): stored, but
    // it brings back nothing the withdrawal ended, and the answer says so. Of its optional
    // answers, those a receipt stored before it but given after it answered otherwise do not
    // stand either (the answer given last does): said too, from the person's history before it
    // (left out past statusEntryLimit, where their status answers 503 anyway).
    // The person's first entry (the usual sign-up) has nothing before it: no read.
    if (stored.firstOfSubject === true) return json(stored.status, stored.text);
    const given = receipt as unknown as ConsentReceipt;
    const history =
      given.optionalConsents.length > 0
        ? await subjectEntries.before(subject, stored.seq).catch((caught: unknown) => {
            if (caught instanceof HistoryTooLongError) return null;
            throw caught;
          })
        : null;
    const before = history ?? (await subjectEntries.withdrawalsBefore(subject, stored.seq));
    const superseded = before.length > 0 ? supersededBy(before, given) : null;
    const overridden = history ? overriddenBy(history, given) : [];
    const notes = [
      ...(superseded ? [`"superseded":${JSON.stringify(superseded)}`] : []),
      ...(overridden.length > 0 ? [`"overridden":${JSON.stringify(overridden)}`] : []),
    ];
    return json(
      stored.status,
      notes.length > 0 ? `${stored.text.slice(0, -1)},${notes.join(',')}}` : stored.text,
    );
  }

  function unprocessable(problems: PolicyProblem[]): Response {
    const shown = problems
      .slice(0, limits.maxProblems)
      .map((p) => ({ ...p, message: p.message.slice(0, 500) }));
    return json(422, {
      error: 'invalid-receipt',
      message: 'The receipt was not stored: see problems.',
      problems: shown,
      ...(problems.length > shown.length ? { moreProblems: problems.length - shown.length } : {}),
    });
  }

  async function acceptEvent(request: Request, kind: 'withdrawal' | 'decline'): Promise<Response> {
    const subject = await authenticated(request);
    if (subject instanceof Response) return subject;
    const body = await readJsonBody(request, limits);
    if (!body.ok) return error(body.status, body.error, body.message);
    const event = body.value as Record<string, unknown>;
    const problem = kind === 'withdrawal' ? checkWithdrawal(event, catalog) : checkDecline(event, catalog);
    if (problem) return json(422, { error: `invalid-${kind}`, message: problem });
    if (kind === 'decline' && typeof event.receiptId === 'string') {
      const named = await store.get(event.receiptId);
      const mismatch = named && takeBackProblem(event as unknown as Decline, named, subject);
      if (mismatch) return json(422, { error: 'invalid-decline', message: mismatch });
    }
    const canonical = canonicalJson(event);
    const bodyHash = eventBodyHash(kind, subject, canonical);
    const storeIt = async (): Promise<Response> => {
      const existing = await store.get(event.id as string);
      if (existing && existing.bodyHash !== bodyHash) return conflict(kind);
      if (!existing && kind === 'withdrawal') {
        // A new withdrawal must end something in force; a retry (looked up above) is answered with
        // its record even when nothing is left to withdraw by now.
        const withdrawal = event as unknown as Withdrawal;
        const repeated = repeatedInWithdrawal(withdrawal);
        if (repeated) return json(422, { error: 'invalid-withdrawal', message: repeated });
        const status = consentStatus(subject, await subjectEntries(subject), catalog, statusOptions);
        const nothing = nothingToWithdraw(withdrawal, status);
        if (nothing) return error(422, 'nothing-to-withdraw', nothing);
      }
      const stored = await record(kind, event.id as string, subject, canonical, bodyHash);
      return stored ? json(stored.status, stored.text) : conflict(kind);
    };
    // A subject's withdrawals, one at a time: each reads what is in force after the one before
    // it is stored, so two sent at once (two tabs) cannot both end the same consent.
    return kind === 'withdrawal' ? withdrawals(subject, storeIt) : storeIt();
  }

  async function route(request: Request): Promise<Response> {
    const refused = notARequest(request);
    if (refused) return refused;
    const segments = routeSegments(request, base);
    if (segments instanceof Response) return segments;
    const only = methodGuard(request.method);
    const [first, second, third, fourth, ...rest] = segments;
    if (rest.length > 0) return error(404, 'not-found', 'No such route.');
    if (first === 'agreements' && second !== undefined) {
      const doc = catalog.document(second);
      if (!doc)
        return error(
          404,
          'unknown-document',
          `There is no document ${JSON.stringify(second.slice(0, 100))}.`,
        );
      if (third === undefined) return only('GET', () => json(200, versionView(doc.current, true)));
      const v = third === 'versions' && fourth !== undefined ? doc.versions.get(fourth) : undefined;
      if (!v) return error(404, 'unknown-version', `That version of ${doc.id} was never served here.`);
      return only('GET', () => json(200, versionView(v, v === doc.current)));
    }
    if (third !== undefined) return error(404, 'not-found', 'No such route.');
    const path = segments.join('/');
    if (path === '.well-known/jwks.json') {
      return only('GET', () => json(200, keyring.jwks(), { 'cache-control': 'public, max-age=300' }));
    }
    if (path === 'log/checkpoint') {
      return only('GET', async () => {
        const newest = appender.latest() ?? (await store.checkpoints()).at(-1) ?? null;
        return newest
          ? json(200, newest)
          : error(404, 'no-checkpoint', 'No checkpoint has been signed yet: the log is empty.');
      });
    }
    if (path === 'receipts') return only('POST', () => acceptReceipt(request));
    if (path === 'withdrawals') return only('POST', () => acceptEvent(request, 'withdrawal'));
    if (path === 'declines') return only('POST', () => acceptEvent(request, 'decline'));
    if (path === 'consents') {
      return only('GET', async () => {
        const subject = await authenticated(request);
        if (subject instanceof Response) return subject;
        return json(200, consentStatus(subject, await subjectEntries(subject), catalog, statusOptions));
      });
    }
    return error(404, 'not-found', 'No such route.');
  }

  let busyLoggedAt = -Infinity;
  async function answer(request: Request): Promise<Response> {
    try {
      return await route(request);
    } catch (caught) {
      if (caught instanceof StoreBusyError) {
        // A store that cannot be reached (a wrong host or port) answers 503 like a busy one: the
        // log says why, at most once a minute, so a mistake is not taken for a passing load.
        const at = Date.now();
        if (at - busyLoggedAt >= 60_000) {
          busyLoggedAt = at;
          console.error(
            `react-clickwrap/server: answering 503 busy: ${caught.message.replace(/\.?$/, '.')} If this goes on, check the store: that it can be reached (its URL, host and port) and that no other process holds its lock.`,
          );
        }
        return error(503, 'busy', 'The consent store is busy: retry shortly.', {
          'retry-after': String(caught.retryAfter),
        });
      }
      if (caught instanceof HistoryTooLongError) {
        // Never a status from part of a history: the operator raises the limit.
        console.error('react-clickwrap/server:', caught.message);
        return error(503, 'history-too-long', caught.message);
      }
      // Never a stack trace to the client; the app's logs get the error.
      console.error('react-clickwrap/server:', caught);
      return error(500, 'internal', 'The request failed on the server.');
    }
  }

  const handler = (request: Request): Promise<Response> => {
    if (stopping)
      return Promise.resolve(
        error(503, 'shutting-down', 'The server is shutting down: retry shortly.', { 'retry-after': '1' }),
      );
    const pending = answer(request);
    inFlight.add(pending);
    void pending.finally(() => inFlight.delete(pending));
    return pending;
  };
  handler.basePath = base || '/';
  handler.drain = () => {
    stopping = true;
    // A drain that failed (the store locked or away for the final checkpoint) is not kept: the
    // server keeps refusing new requests, and a later drain() tries again.
    draining ??= (async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await appender.flush();
    })().catch((error: unknown) => {
      draining = null;
      throw error;
    });
    return draining;
  };
  handler.checkpoint = async () => {
    await appender.flush();
    // Of the head as stored now (another instance may have appended too), and stored: one of
    // that count may be there already (kept, this one ignored), which covers the same entries.
    const head = await store.head();
    if (!head) return null;
    const checkpoint = await signCheckpoint(keyring, head, now());
    await store.addCheckpoint(checkpoint);
    return checkpoint;
  };
  return handler;
}
