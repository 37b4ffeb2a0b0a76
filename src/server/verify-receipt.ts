/**
 * Offline verification of a countersigned receipt: the server's Ed25519 signature with its
 * published keys, and each document's hash with the text a party kept. Says what it proves.
 * Withdrawals and declines, countersigned the same way, are checked by `verifyCountersignedEvent`
 * (verify-event.ts), which reads a record and checks the server's signatures with the helpers
 * at the end of this file.
 */
import { canonicalizeAgreement, receiptDocuments, verifyReceipt, type ConsentReceipt } from '../core/index';
import { importJwks, verifyDetachedJws, type Jwks, type KeySet } from './countersign';
import { repeatedKey } from './jcs';
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

/**
 * Verifies a countersigned receipt (the object, or its JSON text) with the server's public keys
 * and the agreement text. Never throws on a bad record: it lists what is wrong.
 */
export async function verifyCountersignedReceipt(
  record: unknown,
  options: VerifyCountersignedOptions,
): Promise<CountersignedVerification> {
  const read = readRecord(record);
  if ('problem' in read) return { ok: false, problems: [read.problem], proof: null };
  const value = read.value;
  if (!isObject(value) || !isObject(value.receipt) || !hasServerFields(value)) {
    return {
      ok: false,
      problems: [
        {
          code: 'not-countersigned',
          path: '',
          message:
            sentReceipt(value) ??
            'Expected a countersigned receipt: { receipt, receivedAt, subject, countersignature }, as the server returned it.',
        },
      ],
      proof: null,
    };
  }
  const problems: PolicyProblem[] = [];
  const { kid, log } = await checkServerSignatures(value, 'receipt', await keySet(options.keys), problems);

  const receipt = value.receipt as Record<string, unknown>;
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
      kid,
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

// ---- Reading a countersigned record (shared with verify-event.ts) ------------------------------

/** Whether `v` is a plain object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A record as the server answered it: what it countersigned beside its own fields. */
export type ServerRecord = Record<string, unknown> & { receivedAt: string; subject: string };

/** Whether a record has the fields the server adds (receivedAt, subject), as strings. */
export const hasServerFields = (value: Record<string, unknown>): value is ServerRecord =>
  typeof value.receivedAt === 'string' && typeof value.subject === 'string';

/**
 * The record given (an object, or its JSON text), or the problem that the text is not JSON, or
 * names a key twice in one object.
 */
export function readRecord(record: unknown): { value: unknown } | { problem: PolicyProblem } {
  if (typeof record !== 'string') return { value: record };
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    return { problem: { code: 'invalid-json', path: '', message: 'The record is not JSON.' } };
  }
  const repeated = repeatedKey(record);
  if (repeated)
    return {
      problem: {
        code: 'duplicate-key',
        path: repeated.path,
        message: `The record names ${JSON.stringify(repeated.key)} twice in one object: readers of JSON take such a file for different records (JSON.parse keeps the last, others the first or refuse it), and the server never writes one. Give the record as the server answered it.`,
      },
    };
  return { value };
}

/** What to say when a party gives the receipt the browser sent instead of the server's record; null otherwise. */
export function sentReceipt(value: unknown): string | null {
  return isObject(value) && 'receiptId' in value && 'integrity' in value
    ? 'This is a receipt as the browser sent it, which proves nothing by itself: give the record the server answered POST receipts with (201 or 200), { receipt, receivedAt, subject, countersignature, … }.'
    : null;
}

/** The server's public keys, imported unless they already are. */
export const keySet = async (keys: Jwks | string | KeySet): Promise<KeySet> =>
  keys instanceof Map ? (keys as KeySet) : importJwks(keys as Jwks | string);

/**
 * Checks what the server signed of a record: its countersignature, over canonical
 * `{ [kind]: event, receivedAt, subject }` (recorder.ts), and the checkpoint beside it. Adds what
 * fails to `problems`; says which key signed and the log position the checkpoint proves.
 */
export async function checkServerSignatures(
  value: ServerRecord,
  kind: LogEntryKind,
  keys: KeySet,
  problems: PolicyProblem[],
): Promise<{ kid: string | null; log: ReceiptProof['log'] }> {
  const signed = await verifyDetachedJws(
    value.countersignature,
    { [kind]: value[kind], receivedAt: value.receivedAt, subject: value.subject },
    keys,
  );
  if (!signed.ok)
    problems.push({ code: 'countersignature', path: 'countersignature', message: signed.reason });
  return { kid: signed.kid, log: await checkPromise(value, keys, problems) };
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
