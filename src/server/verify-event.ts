/**
 * Offline verification of any record the server countersigned: a receipt (handed to
 * `verifyCountersignedReceipt`), a withdrawal or a decline. Says which kind it is and what it
 * proves. Reading the record and checking the server's signatures is shared with verify-receipt.ts.
 */
import type { Jwks, KeySet } from './countersign';
import type { LogEntryKind } from './log';
import type { PolicyProblem } from './policy';
import {
  checkServerSignatures,
  hasServerFields,
  isObject,
  keySet,
  readRecord,
  sentReceipt,
  verifyCountersignedReceipt,
  type ReceiptProof,
} from './verify-receipt';

/** Options of {@link verifyCountersignedEvent}. */
export interface VerifyCountersignedEventOptions {
  /** The server's public keys: a JWKS, its JSON, or imported with `importJwks`. */
  keys: Jwks | string | KeySet;
  /**
   * For a receipt, the text of its agreement version (see `VerifyCountersignedOptions`):
   * without it, a receipt is not verified. A withdrawal or a decline names no text.
   */
  text?: string;
  /** For a receipt, the texts of its additional documents (see `VerifyCountersignedOptions`). */
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
  const receipt = sentReceipt(value);
  if (receipt) return receipt;
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
  const read = readRecord(record);
  if ('problem' in read) return { ok: false, kind: null, problems: [read.problem], proof: null };
  const value = read.value;
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
  if (!hasServerFields(value))
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

  const problems: PolicyProblem[] = [];
  const event = value[kind] as Record<string, unknown>;
  const { kid, log } = await checkServerSignatures(value, kind, await keySet(options.keys), problems);
  const base = { kid, subject: value.subject, receivedAt: value.receivedAt, log };
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
