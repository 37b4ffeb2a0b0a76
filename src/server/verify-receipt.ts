/**
 * Offline verification of a countersigned receipt: the server's Ed25519 signature with its
 * published keys, and each document's hash with the text a party kept. Says what it proves.
 * Withdrawals and declines, countersigned the same way, are checked by `verifyCountersignedEvent`.
 */
import { canonicalizeAgreement, receiptDocuments, verifyReceipt, type ConsentReceipt } from '../core/index';
import { importJwks, verifyDetachedJws, type Jwks, type KeySet } from './countersign';
import { GENESIS, type Checkpoint, type LogEntryKind } from './log';
import type { PolicyProblem } from './policy';
import type { Overridden, Superseded } from './status';

/** What the server returns on storing a receipt, and what a party keeps: the receipt and the server's countersignature. */
export interface CountersignedReceipt {
  /** The receipt, as the client sent it. */
  receipt: ConsentReceipt;
  /** The server's receive time (ISO 8601): the server's clock. */
  receivedAt: string;
  /** The subject the server authenticated when it stored the receipt. */
  subject: string;
  /** A detached Ed25519 JWS over the canonical JSON (RFC 8785) of `{ receipt, receivedAt, subject }`. */
  countersignature: string;
  /** Its place in the server's log (1-based). */
  seq?: number;
  /**
   * The checkpoint the server signed after storing it: the log then had `count` (≥ `seq`) entries
   * ending in `head`. Keep it: against it, `verifyLog` shows entries deleted from the log's end.
   */
  checkpoint?: Checkpoint;
  /**
   * Said when the receipt was accepted (client clock) before a withdrawal that the server stored
   * before it (an outbox delivered it late): it is on record, but brings back nothing that
   * withdrawal ended. The server's note when it answered; not covered by the countersignature.
   */
  superseded?: Superseded;
  /**
   * Said when some of its optional answers do not stand because the person answered them otherwise
   * in a receipt given later (client clock) that the server stored before it (an outbox delivered
   * this one late): one per receipt in force. The server's note when it answered; not covered by
   * the countersignature.
   */
  overridden?: Overridden[];
}

/** Options of {@link verifyCountersignedReceipt}. */
export interface VerifyCountersignedOptions {
  /** The server's public keys: a JWKS, its JSON, or imported with `importJwks`. */
  keys: Jwks | string | KeySet;
  /**
   * The text of the receipt's agreement version (markdown, as served, e.g. by `GET agreements/:id`).
   * Checked as the receipt was made: a plain-language summaries section is cut before hashing,
   * and checked against the summaries the receipt records.
   */
  text: string;
  /**
   * Texts of additional documents, by document id, checked like `text`. A document the receipt
   * lists but left out here is reported as unchecked, not as a failure; a text for a document the
   * receipt does not list is a failure (`document-missing`): it was not agreed to. @default {}
   */
  documents?: Readonly<Record<string, string>>;
}

/** What a verified countersigned receipt proves. */
export interface ReceiptProof {
  /** The key that countersigned. */
  kid: string | null;
  /** Who the server authenticated. */
  subject: string;
  /** The signer the receipt names. */
  signer: ConsentReceipt['signer'];
  /** The organisation, if any. */
  organization: ConsentReceipt['organization'];
  /** The guardian, if any. */
  guardian: ConsentReceipt['guardian'];
  /** When the server received it (its clock). */
  receivedAt: string;
  /** When the person accepted (their clock). */
  acceptedAt: string;
  /** Each document: which version, which text hash, whether the text given matches, what was read. */
  documents: {
    /** The document id. */
    id: string;
    /** The version agreed to. */
    version: string;
    /** SHA-256 of the canonical text shown. */
    sha256: string;
    /**
     * Whether the text given is the text agreed to: true when it matches (the document's hash and
     * its summaries), false when it does not, null when no text was given for it.
     */
    textChecked: boolean | null;
    /**
     * The document's own language as the app declared it (a BCP 47 tag), or null when the
     * receipt records none (the text was then shown in the UI's language, `locale`).
     */
    language: string | null;
    /** The reading evidence. */
    reading: ConsentReceipt['reading'];
  }[];
  /** The UI's language (BCP 47), as the receipt records it. */
  locale: string;
  /** Acknowledgements given (ids). */
  acknowledgements: string[];
  /** Optional consents and the answer given. */
  optionalConsents: { id: string; granted: boolean }[];
  /**
   * The log position and the signed checkpoint covering it, when the record carries them and they
   * verify. The checkpoint (`count`, `head`, `at`) is signed; `seq` is as the record states it, not
   * signed, so it only says where to look: that the receipt is in the log, and where, is shown by
   * finding its `receiptId` in an exported log that `verifyLog` checks against this checkpoint.
   */
  log: { seq: number; count: number; head: string; at: string } | null;
}

/** The result of {@link verifyCountersignedReceipt}. */
export interface CountersignedVerification {
  /** True when the signature verifies, every text given matches, and the receipt lists every document a text was given for. */
  ok: boolean;
  /** Everything wrong. */
  problems: PolicyProblem[];
  /** What the record proves (present when the record could be read, even if a check failed). */
  proof: ReceiptProof | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Verifies a countersigned receipt (the object, or its JSON text) with the server's public keys
 * and the agreement text. Never throws on a bad record: it lists what is wrong.
 */
export async function verifyCountersignedReceipt(
  record: unknown,
  options: VerifyCountersignedOptions,
): Promise<CountersignedVerification> {
  let value = record;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {
        ok: false,
        problems: [{ code: 'invalid-json', path: '', message: 'The record is not JSON.' }],
        proof: null,
      };
    }
  }
  if (
    !isObject(value) ||
    !isObject(value.receipt) ||
    typeof value.receivedAt !== 'string' ||
    typeof value.subject !== 'string'
  ) {
    return {
      ok: false,
      problems: [
        {
          code: 'not-countersigned',
          path: '',
          message:
            isObject(value) && 'receiptId' in value && 'integrity' in value
              ? 'This is a receipt as the browser sent it, which proves nothing by itself: give the record the server answered POST receipts with (201 or 200), { receipt, receivedAt, subject, countersignature, … }.'
              : 'Expected a countersigned receipt: { receipt, receivedAt, subject, countersignature }, as the server returned it.',
        },
      ],
      proof: null,
    };
  }
  const keys =
    options.keys instanceof Map ? (options.keys as KeySet) : await importJwks(options.keys as Jwks | string);
  const problems: PolicyProblem[] = [];
  const signed = await verifyDetachedJws(
    value.countersignature,
    { receipt: value.receipt, receivedAt: value.receivedAt, subject: value.subject },
    keys,
  );
  if (!signed.ok)
    problems.push({ code: 'countersignature', path: 'countersignature', message: signed.reason });
  const log = await checkPromise(value, keys, problems);

  const receipt = value.receipt;
  if (typeof options.text !== 'string' || canonicalizeAgreement(options.text) === '') {
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: 'Pass the agreement text (markdown) of the version the receipt names.',
    });
    return { ok: false, problems, proof: null };
  }
  // Core's own check of the texts, so they are treated as createReceipt treated them: each hashed
  // without its plain-language summaries section, the summaries the receipt records checked
  // against that section, and a text given for a document the receipt does not list reported.
  const given = options.documents ?? {};
  const found = (await verifyReceipt(receipt, options.text, { additionalDocuments: given })).problems;
  const listing = listedDocuments(receipt);
  // A document whose text was not given is unchecked, which the proof says; it is not a forgery.
  problems.push(
    ...found
      .filter((p) => p.code !== 'document-unverified')
      .map((p) =>
        p.code === 'document-missing' ? { ...p, message: `${p.message} The receipt lists ${listing}.` } : p,
      ),
  );
  const unchecked = new Set(found.filter((p) => p.code === 'document-unverified').map((p) => p.path));

  let proof: ReceiptProof | null = null;
  try {
    const r = receipt as unknown as ConsentReceipt;
    proof = {
      kid: signed.kid,
      subject: value.subject,
      signer: r.signer,
      organization: r.organization,
      guardian: r.guardian,
      receivedAt: value.receivedAt,
      acceptedAt: r.acceptedAt,
      documents: receiptDocuments(r).map((d, i) => ({
        id: d.id,
        version: d.version,
        sha256: d.sha256,
        textChecked: textMatches(found, i === 0 ? 'agreement' : `additionalDocuments[${i - 1}]`, unchecked),
        language: d.language ?? null,
        reading: d.reading,
      })),
      locale: r.locale,
      acknowledgements: r.acknowledgements.map((a) => a.id),
      optionalConsents: r.optionalConsents.map((o) => ({ id: o.id, granted: o.granted })),
      log,
    };
  } catch {
    // Not a well-formed receipt: the problems already say why.
  }
  return { ok: problems.length === 0, problems, proof };
}

/** Whether the text given for the document at `path` matched its hash and summaries (null: none given). */
function textMatches(
  found: readonly { path: string }[],
  path: string,
  unchecked: ReadonlySet<string>,
): boolean | null {
  if (unchecked.has(path)) return null;
  return !found.some((p) => p.path === `${path}.sha256` || p.path.startsWith(`${path}.summaries`));
}

/** The documents a receipt lists, for a message: "instadesk-terms 2023-01-01 and no other document". */
function listedDocuments(receipt: Record<string, unknown>): string {
  const name = (doc: unknown) =>
    isObject(doc) ? `${String(doc.id)} ${String(doc.version)}` : 'a malformed entry';
  const others = Array.isArray(receipt.additionalDocuments) ? receipt.additionalDocuments.map(name) : [];
  return `${name(receipt.agreement)} and ${others.length === 0 ? 'no other document' : others.join(', ')}`;
}

/** The record's log position and checkpoint, when present: signed by the keys, and covering the position. */
async function checkPromise(
  value: Record<string, unknown>,
  keys: KeySet,
  problems: PolicyProblem[],
): Promise<ReceiptProof['log']> {
  // Records from before checkpoints were returned carry seq alone: nothing to check then.
  if (value.checkpoint === undefined) return null;
  const cp = value.checkpoint as Partial<Checkpoint> | undefined;
  const seq = value.seq;
  if (
    !Number.isSafeInteger(seq) ||
    !isObject(cp) ||
    !Number.isSafeInteger(cp.count) ||
    typeof cp.head !== 'string' ||
    typeof cp.at !== 'string'
  ) {
    problems.push({
      code: 'checkpoint',
      path: 'checkpoint',
      message: 'The checkpoint needs seq beside it and { count, head, at, jws } to show the log position.',
    });
    return null;
  }
  const content = { count: cp.count!, head: cp.head, at: cp.at };
  const signed = await verifyDetachedJws(cp.jws, { checkpoint: content }, keys);
  if (!signed.ok) {
    problems.push({ code: 'checkpoint', path: 'checkpoint.jws', message: signed.reason });
    return null;
  }
  if ((seq as number) < 1 || content.count < (seq as number) || content.head === GENESIS) {
    problems.push({
      code: 'checkpoint',
      path: 'seq',
      message: `The checkpoint (count ${content.count}) does not cover seq ${String(seq)}.`,
    });
    return null;
  }
  return { seq: seq as number, ...content };
}

/** Options of {@link verifyCountersignedEvent}. */
export interface VerifyCountersignedEventOptions {
  /** The server's public keys: a JWKS, its JSON, or imported with `importJwks`. */
  keys: Jwks | string | KeySet;
  /**
   * For a receipt, the text of its agreement version (see {@link VerifyCountersignedOptions}):
   * without it, a receipt is not verified. A withdrawal or a decline names no text.
   */
  text?: string;
  /** For a receipt, the texts of its additional documents (see {@link VerifyCountersignedOptions}). */
  documents?: Readonly<Record<string, string>>;
}

/** What a verified withdrawal or decline proves, whatever it says. */
interface EventProofBase {
  /** The event's id (its idempotency key). */
  id: string;
  /** The key that countersigned. */
  kid: string | null;
  /** Who the server authenticated: the person the event is from. */
  subject: string;
  /** When the server received it (its clock). */
  receivedAt: string;
  /** The log position and the signed checkpoint covering it, as for a receipt ({@link ReceiptProof}). */
  log: ReceiptProof['log'];
}

/** What a verified countersigned withdrawal proves. */
export interface WithdrawalProof extends EventProofBase {
  /** A withdrawal. */
  kind: 'withdrawal';
  /** Consent as a whole was withdrawn: every document and every optional consent. */
  all: boolean;
  /** The optional consents withdrawn (ids). */
  optionalConsents: string[];
}

/** What a verified countersigned decline proves. */
export interface DeclineProof extends EventProofBase {
  /** A decline. */
  kind: 'decline';
  /** The documents declined, in the versions shown. */
  documents: { id: string; version: string }[];
  /** The receipt it takes back (an accept whose delivery failed before the person declined), or null. */
  receiptId: string | null;
}

/** What a countersigned record proves, by its kind. */
export type EventProof = ({ kind: 'receipt' } & ReceiptProof) | WithdrawalProof | DeclineProof;

/** The result of {@link verifyCountersignedEvent}. */
export interface CountersignedEventVerification {
  /** True when the countersignature verifies (and, for a receipt, everything {@link verifyCountersignedReceipt} checks). */
  ok: boolean;
  /** The kind of record, when it is one the server countersigns; null for anything else. */
  kind: LogEntryKind | null;
  /** Everything wrong. */
  problems: PolicyProblem[];
  /** What the record proves (present when the record could be read, even if a check failed). */
  proof: EventProof | null;
}

/** The records the server countersigns, for a message. */
const UNDERSTOOD =
  'a receipt { receipt, receivedAt, subject, countersignature, … } (what POST receipts answers), ' +
  'a withdrawal { withdrawal, receivedAt, subject, countersignature, … } (POST withdrawals) or ' +
  'a decline { decline, receivedAt, subject, countersignature, … } (POST declines)';

/** Why `value` is not a countersigned record, in words that say which record to give. */
function notCountersigned(value: unknown): string {
  if (isObject(value) && 'receiptId' in value && 'integrity' in value)
    return 'This is a receipt as the browser sent it, which proves nothing by itself: give the record the server answered POST receipts with (201 or 200), { receipt, receivedAt, subject, countersignature, … }.';
  if (isObject(value) && typeof value.id === 'string' && !('countersignature' in value)) {
    const sent =
      'documents' in value ? 'decline' : 'all' in value || 'optionalConsents' in value ? 'withdrawal' : null;
    if (sent)
      return `This is a ${sent} as it was sent, which proves nothing by itself: give the record the server answered POST ${sent}s with (201 or 200), { ${sent}, receivedAt, subject, countersignature, … }.`;
  }
  if (isObject(value) && typeof value.kind === 'string' && 'payload' in value && 'prev' in value)
    return "This is an entry of the server's log: check it within the exported log (verifyLog; react-clickwrap verify-log).";
  return `Expected a record the server countersigned, as it answered: ${UNDERSTOOD}.`;
}

/**
 * Verifies any record the server countersigned (the object, or its JSON text) with the server's
 * public keys: a receipt (as {@link verifyCountersignedReceipt}, with `text`), a withdrawal or a
 * decline. Says which kind it is and what it proves: who the server authenticated, when it
 * received it (its clock), and what was withdrawn or declined. Never throws on a bad record: it
 * lists what is wrong, and for something else than such a record, which records it understands.
 */
export async function verifyCountersignedEvent(
  record: unknown,
  options: VerifyCountersignedEventOptions,
): Promise<CountersignedEventVerification> {
  let value = record;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {
        ok: false,
        kind: null,
        problems: [{ code: 'invalid-json', path: '', message: 'The record is not JSON.' }],
        proof: null,
      };
    }
  }
  const fail = (message: string, kind: LogEntryKind | null = null): CountersignedEventVerification => ({
    ok: false,
    kind,
    problems: [{ code: 'not-countersigned', path: '', message }],
    proof: null,
  });
  if (!isObject(value)) return fail(notCountersigned(value));
  const kinds = (['receipt', 'withdrawal', 'decline'] as const).filter((k) => isObject(value[k]));
  if (kinds.length > 1)
    return fail(
      `The record holds a ${kinds.join(' and a ')}: the server answers each with a record of its own. Give one.`,
    );
  const kind = kinds[0];
  if (kind === undefined) return fail(notCountersigned(value));
  if (typeof value.receivedAt !== 'string' || typeof value.subject !== 'string')
    return fail(
      `The ${kind} needs receivedAt and subject (strings) beside it: give the record as the server answered, { ${kind}, receivedAt, subject, countersignature, … }.`,
      kind,
    );
  if (kind === 'receipt') {
    const result = await verifyCountersignedReceipt(value, {
      keys: options.keys,
      text: options.text ?? '',
      ...(options.documents ? { documents: options.documents } : {}),
    });
    return { ...result, kind, proof: result.proof && { kind, ...result.proof } };
  }

  const keys =
    options.keys instanceof Map ? (options.keys as KeySet) : await importJwks(options.keys as Jwks | string);
  const problems: PolicyProblem[] = [];
  const event = value[kind] as Record<string, unknown>;
  // What the server signed: canonical { [kind]: event, receivedAt, subject } (recorder.ts).
  const signed = await verifyDetachedJws(
    value.countersignature,
    { [kind]: event, receivedAt: value.receivedAt, subject: value.subject },
    keys,
  );
  if (!signed.ok)
    problems.push({ code: 'countersignature', path: 'countersignature', message: signed.reason });
  const log = await checkPromise(value, keys, problems);
  const base = { kid: signed.kid, subject: value.subject, receivedAt: value.receivedAt, log };
  const proof = kind === 'withdrawal' ? withdrawalProof(event, base) : declineProof(event, base);
  if (!proof)
    problems.push({
      code: `invalid-${kind}`,
      path: kind,
      message:
        kind === 'withdrawal'
          ? 'The withdrawal is not as the server records one: { id, all: true } or { id, optionalConsents: [ids] }.'
          : 'The decline is not as the server records one: { id, documents: [{ id, version }], receiptId? }.',
    });
  return { ok: problems.length === 0, kind, problems, proof };
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What a withdrawal says, or null when it is not as the server records one. */
function withdrawalProof(
  w: Record<string, unknown>,
  base: Omit<EventProofBase, 'id'>,
): WithdrawalProof | null {
  const ids = w.optionalConsents ?? [];
  if (typeof w.id !== 'string' || (w.all !== undefined && w.all !== true) || !isStrings(ids)) return null;
  if (w.all !== true && ids.length === 0) return null;
  return { kind: 'withdrawal', id: w.id, ...base, all: w.all === true, optionalConsents: ids };
}

/** What a decline says, or null when it is not as the server records one. */
function declineProof(d: Record<string, unknown>, base: Omit<EventProofBase, 'id'>): DeclineProof | null {
  const docs = d.documents;
  if (
    typeof d.id !== 'string' ||
    (d.receiptId !== undefined && typeof d.receiptId !== 'string') ||
    !Array.isArray(docs) ||
    docs.length === 0 ||
    !docs.every((x) => isObject(x) && typeof x.id === 'string' && typeof x.version === 'string')
  )
    return null;
  return {
    kind: 'decline',
    id: d.id,
    ...base,
    documents: (docs as { id: string; version: string }[]).map(({ id, version }) => ({ id, version })),
    receiptId: typeof d.receiptId === 'string' ? d.receiptId : null,
  };
}
