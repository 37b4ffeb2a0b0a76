/**
 * A subject's consent status, document by document, from their log entries in the server's order
 * (seq): the server's clock decides, so a late or future-dated receipt cannot override a later
 * withdrawal. An event counts once, and only in the entry that carries its id.
 * A decline that names a receipt (`receiptId`: an accept whose delivery failed before the person
 * declined) takes that receipt back wherever it stands in the log: stored before the decline (its
 * answer was lost) or after it (an outbox sent it late), it accepts nothing.
 *
 * A receipt accepted before a withdrawal but stored after it (an outbox sent it late) does not
 * bring back what the withdrawal ended: when its `acceptedAt` (client clock) is earlier than the
 * `receivedAt` (server clock) of a withdrawal of everything stored before it, it accepts nothing
 * and grants nothing; of a withdrawal naming an optional consent, it does not grant that one
 * (see {@link Superseded}).
 *
 * An optional consent's answer is the one given last, not the one stored last: a receipt's answer
 * applies only when the receipt was given (`acceptedAt`) no earlier than the answer in force was
 * decided, i.e. the `acceptedAt` of the receipt that gave it, or the `receivedAt` of the withdrawal
 * that ended it. So a refusal given at 10:00 that an outbox delivers after a grant given at 11:00
 * leaves the grant in force (and a late grant, a later refusal); `POST receipts` says so
 * (`overridden`). A withdrawal always applies (it is the server's own time, and later than
 * anything stored before it). Of one document version accepted twice, the status names the
 * receipt given last. (A late acceptance of a document changes nothing else: accepting it again
 * is the same answer.)
 *
 * The limit is the client's clock, which orders two answers from two devices: one far behind
 * makes an answer given later look earlier than it (and not count), one ahead (by at most
 * `maxClockAheadMs`, beyond which a receipt is refused) makes an answer given earlier look later.
 * A consent given after a withdrawal can look earlier than it in the same way.
 *
 * The rules that read one event against another (superseded, taken back, overridden) are in
 * status-events.ts; this module folds them into the status.
 */
import type { AgreementCatalog } from './catalog';
import type { LogEntry } from './log';
import {
  applyReceipt,
  applyWithdrawal,
  countedEvents,
  supersededReceipts,
  takenBack,
  type Answer,
} from './status-events';

/** One document's status for the subject. */
export interface DocumentStatus {
  /** The version served now. */
  currentVersion: string;
  /** Whether the subject has accepted the current version and not withdrawn since. */
  accepted: boolean;
  /** The newest version accepted (and not withdrawn), or null. */
  acceptedVersion: string | null;
  /**
   * The receipt that accepted it, or null: of two that accepted it, the one given last
   * (`acceptedAt`, client clock), so one given earlier and delivered late changes nothing.
   */
  acceptedReceiptId: string | null;
  /** When the server received that receipt, or null. */
  acceptedAt: string | null;
  /**
   * True when an earlier version was accepted but not the current one, and the change since is
   * material: ask again for this document alone.
   */
  needsReconsent: boolean;
  /**
   * The change from the accepted version to the current one, when they differ: `material` (fresh
   * assent: `needsReconsent`) or `minor` (only a notice: `needsNotice`), as `changeKind` says;
   * null when the current version is accepted or none was.
   */
  changeKind: 'material' | 'minor' | null;
  /** True when only minor changes separate the accepted version from the current one: show a notice, no fresh assent. */
  needsNotice: boolean;
  /**
   * The newest version this person ever accepted here, withdrawn since or not (a receipt a decline
   * took back accepted nothing), or null: what a settings page shows they had agreed to after a
   * withdrawal, when `acceptedVersion` is null. Same order as `acceptedVersion`: the newest
   * version served, and of one version the receipt given last (`acceptedAt`, client clock; of two
   * given at once, the one stored last).
   */
  lastAcceptedVersion: string | null;
  /** The receipt that accepted `lastAcceptedVersion` (to offer its copy), or null. */
  lastAcceptedReceiptId: string | null;
  /** When the server received that receipt, or null. */
  lastAcceptedAt: string | null;
  /**
   * When consent as a whole was last withdrawn (server clock) while a version of this document
   * was accepted, or null (never withdrawn, or never accepted).
   */
  withdrawnAt: string | null;
}

/** One optional consent's status. */
export interface OptionalConsentStatus {
  /** Whether any receipt offered it. */
  offered: boolean;
  /**
   * The answer given last (false when never offered or withdrawn): a receipt's answer stands only
   * when it was given (`acceptedAt`, client clock) no earlier than the answer before it was (a
   * receipt's `acceptedAt`, a withdrawal's `receivedAt`), so one given earlier and delivered late
   * changes nothing.
   */
  granted: boolean;
  /** When the server recorded (received) that answer, or null. */
  at: string | null;
}

/** What `GET …/consents` answers, for the authenticated subject only. */
export interface ConsentStatus {
  /** The subject. */
  subject: string;
  /** Each document, by id. */
  documents: Record<string, DocumentStatus>;
  /** Each optional consent offered by this server, by id. */
  optionalConsents: Record<string, OptionalConsentStatus>;
}

/** A decline as recorded in the log. */
export interface Decline {
  /** The decline's id (idempotency key): a UUID. */
  id: string;
  /** The documents declined. */
  documents: { id: string; version: string }[];
  /** The receipt of an accept whose delivery failed before the person declined: taken back. */
  receiptId?: string;
}

/** A withdrawal as recorded in the log. */
export interface Withdrawal {
  /** The withdrawal's id (idempotency key): a UUID. */
  id: string;
  /** Withdraws consent as a whole: every document and every optional consent. */
  all?: boolean;
  /** Optional consents withdrawn. */
  optionalConsents?: string[];
}

/** What {@link consentStatus} may be told beyond the log and the catalog. */
export interface ConsentStatusOptions {
  /**
   * The kind of change between two versions of a document, e.g. from
   * `diffAgreements(from, to, { minorChanges }).changeKind` computed once per pair. `minor` and
   * `none` ask only for a notice; anything else counts as material. @default every change is material
   */
  changeKind?: (documentId: string, fromVersion: string, toVersion: string) => 'material' | 'minor' | 'none';
}

/**
 * What a withdrawal stored before a receipt, but received (server clock) after the receipt was
 * accepted (client clock), ended of it: the receipt is on record and was given, but does not
 * bring back what the withdrawal ended. `POST receipts` answers it as `superseded`.
 */
export interface Superseded {
  /** The id of the (first) withdrawal that ended it. */
  by: string;
  /** When the server received that withdrawal. */
  receivedAt: string;
  /** A withdrawal of everything: the receipt accepts no document and grants no optional consent. */
  all?: true;
  /** Otherwise, the optional consents it grants that a withdrawal ended: not granted by it. */
  optionalConsents?: string[];
}

/**
 * Optional answers of a receipt that do not stand because the person gave another answer later:
 * a receipt stored before it but accepted after it (client clock) answered them otherwise, and is
 * in force. `POST receipts` answers them as `overridden`, one per receipt in force.
 */
export interface Overridden {
  /** The id of the receipt whose answer is in force. */
  by: string;
  /** When that receipt was accepted (client clock): later than this one. */
  acceptedAt: string;
  /** The optional consents this receipt answers otherwise than that one: its answer does not stand. */
  optionalConsents: string[];
}

/** Computes the status from a subject's entries (oldest first). */
export function consentStatus(
  subject: string,
  entries: readonly LogEntry[],
  catalog: AgreementCatalog,
  statusOptions: ConsentStatusOptions = {},
): ConsentStatus {
  /** An acceptance of a version: its receipt, when the server received it, and when it was given (ms, client clock). */
  type Acceptance = { version: string; receiptId: string; at: string; given: number };
  const accepted = new Map<string, Acceptance[]>();
  // Every acceptance ever (withdrawn since or not; not one a decline took back).
  const ever = new Map<string, Acceptance[]>();
  const withdrawn = new Map<string, string>();
  const options = new Map<string, Answer>();
  const events = countedEvents(entries);
  const declined = takenBack(events);
  const superseded = supersededReceipts(events);
  for (const { entry, payload } of events) {
    if (entry.kind === 'receipt' && payload.receipt && !declined.has(payload.receipt.receiptId)) {
      const r = payload.receipt;
      // Accepted before a withdrawal stored before it: it brings back nothing that ended.
      const ended = superseded.get(r.receiptId);
      for (const doc of [r.agreement, ...r.additionalDocuments]) {
        const given = {
          version: doc.version,
          receiptId: r.receiptId,
          at: entry.receivedAt,
          given: Date.parse(r.acceptedAt),
        };
        ever.set(doc.id, [...(ever.get(doc.id) ?? []), given]);
        if (ended?.all) {
          // As if it had arrived before the withdrawal: withdrawn by it (a later one stands).
          if ((withdrawn.get(doc.id) ?? '') < ended.receivedAt) withdrawn.set(doc.id, ended.receivedAt);
          continue;
        }
        accepted.set(doc.id, [...(accepted.get(doc.id) ?? []), given]);
      }
      applyReceipt(options, entry.receivedAt, r, ended);
    } else if (entry.kind === 'withdrawal' && payload.withdrawal) {
      const w = payload.withdrawal;
      if (w.all) {
        // Only a document with a consent in force is withdrawn (a withdrawal stored when nothing
        // was, which the handler now refuses, says nothing of the others).
        for (const doc of catalog.documents) {
          if (!accepted.get(doc.id)?.length) continue;
          accepted.delete(doc.id);
          withdrawn.set(doc.id, entry.receivedAt);
        }
      }
      applyWithdrawal(options, entry, w);
    }
  }
  const documents: Record<string, DocumentStatus> = {};
  for (const doc of catalog.documents) {
    const list = accepted.get(doc.id) ?? [];
    const order = [...doc.versions.keys()];
    // The newest version served; of one version, the receipt given last (client clock: one
    // given earlier and delivered late changes nothing), and of two given at once the one stored last.
    const newestOf = (acceptances: readonly Acceptance[]) =>
      acceptances.reduce<Acceptance | null>((best, a) => {
        if (!best) return a;
        const newer = order.indexOf(a.version) - order.indexOf(best.version);
        return newer > 0 || (newer === 0 && !(a.given < best.given)) ? a : best;
      }, null);
    const newest = newestOf(list);
    const last = newestOf(ever.get(doc.id) ?? []);
    const current = list.some((a) => a.version === doc.current.version);
    // Only a change the app says is minor (or none) spares a fresh assent: material is the safe default.
    const said =
      current || newest === null
        ? null
        : statusOptions.changeKind?.(doc.id, newest.version, doc.current.version);
    // 'none' for two versions whose texts differ is no answer the diff gives (it finds every
    // change shown): taken as material.
    const sameText = newest !== null && doc.versions.get(newest.version)?.sha256 === doc.current.sha256;
    const kind =
      current || newest === null
        ? null
        : said === 'minor' || (said === 'none' && sameText)
          ? 'minor'
          : 'material';
    documents[doc.id] = {
      currentVersion: doc.current.version,
      accepted: current,
      acceptedVersion: newest?.version ?? null,
      acceptedReceiptId: newest?.receiptId ?? null,
      acceptedAt: newest?.at ?? null,
      needsReconsent: kind === 'material',
      changeKind: kind,
      needsNotice: kind === 'minor',
      lastAcceptedVersion: last?.version ?? null,
      lastAcceptedReceiptId: last?.receiptId ?? null,
      lastAcceptedAt: last?.at ?? null,
      withdrawnAt: withdrawn.get(doc.id) ?? null,
    };
  }
  const optionalConsents: Record<string, OptionalConsentStatus> = {};
  for (const id of catalog.optionalConsents.keys()) {
    const answer = options.get(id);
    optionalConsents[id] = answer
      ? { offered: answer.offered, granted: answer.granted, at: answer.at }
      : { offered: false, granted: false, at: null };
  }
  return { subject, documents, optionalConsents };
}

/**
 * Why `withdrawal` ends nothing in force for the person whose `status` this is, or null when it
 * ends something: consent as a whole ends any document accepted (in any version) or optional
 * consent granted; a list ends those it names that are granted. The words say what is in force,
 * and what to send to end it.
 */
export function nothingToWithdraw(withdrawal: Withdrawal, status: ConsentStatus): string | null {
  const documents = Object.entries(status.documents)
    .filter(([, d]) => d.acceptedVersion !== null)
    .map(([id, d]) => `${id} ${d.acceptedVersion}`);
  const granted = Object.entries(status.optionalConsents)
    .filter(([, o]) => o.granted)
    .map(([id]) => id);
  if (withdrawal.all) {
    if (documents.length > 0 || granted.length > 0) return null;
    return (
      'Nothing is in force to withdraw: no document is accepted and no optional consent is ' +
      'granted (never given, or withdrawn already). Nothing was recorded.'
    );
  }
  const named = withdrawal.optionalConsents ?? [];
  if (named.some((id) => granted.includes(id))) return null;
  const inForce = [...documents, ...granted];
  return (
    `Nothing to withdraw: ${named.join(', ')} ${named.length === 1 ? 'is' : 'are'} not granted ` +
    '(never granted, refused, or withdrawn already). Nothing was recorded. ' +
    (inForce.length === 0
      ? 'Nothing is in force.'
      : `In force: ${inForce.join(', ')}; to end ${inForce.length === 1 ? 'it' : 'them'}, send { id, all: true }` +
        (granted.length > 0 ? ', or { id, optionalConsents } naming the optional ones.' : '.'))
  );
}
