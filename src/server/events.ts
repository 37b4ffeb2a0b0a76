/**
 * The shapes of the events a person sends besides receipts, checked before they are recorded:
 * a withdrawal (`POST withdrawals`) and a decline (`POST declines`). Each check returns what is
 * wrong, in words that say what to send, or null.
 */
import type { AgreementCatalog } from './catalog';

/** A lowercase UUID: the id of every event, and an idempotency key. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What every event shares: an object with only the `fields` it may have and a UUID `id`.
 * `shape` says what to send when the value is not an object at all.
 */
function envelopeProblem(event: unknown, fields: readonly string[], shape: string): string | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return shape;
  const extra = Object.keys(event).find((k) => !fields.includes(k));
  if (extra) return `Unknown field "${extra}".`;
  const { id } = event as { id?: unknown };
  if (typeof id !== 'string' || !UUID.test(id))
    return 'id must be a lowercase UUID (it makes a retry idempotent).';
  return null;
}

/** What is wrong with a withdrawal `{ id, all?: true, optionalConsents?: [ids] }`, or null. */
export function checkWithdrawal(w: Record<string, unknown>, catalog: AgreementCatalog): string | null {
  const envelope = envelopeProblem(
    w,
    ['id', 'all', 'optionalConsents'],
    'Send { id, all: true } or { id, optionalConsents: [ids] }.',
  );
  if (envelope) return envelope;
  if (w.all !== undefined && w.all !== true) return 'all, when given, is true.';
  const ids = w.optionalConsents;
  if (
    ids !== undefined &&
    (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !catalog.optionalConsents.has(id)))
  ) {
    return `optionalConsents lists ids of optional consents offered here: ${[...catalog.optionalConsents.keys()].join(', ') || 'none'}.`;
  }
  if (w.all !== true && (!Array.isArray(ids) || ids.length === 0))
    return 'Say what is withdrawn: all: true, or optionalConsents.';
  return null;
}

/**
 * What is wrong with a withdrawal's list beyond its shape (checked for a new withdrawal only, so
 * that a retry of one stored before is still answered with its record): an id named twice.
 */
export function repeatedInWithdrawal(w: { optionalConsents?: readonly string[] }): string | null {
  const ids = w.optionalConsents ?? [];
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  return twice === undefined
    ? null
    : `optionalConsents names ${JSON.stringify(twice)} twice: name each optional consent withdrawn once.`;
}

/**
 * What is wrong with a decline `{ id, documents: [{ id, version }], receiptId? }`, or null.
 * `receiptId` is the undelivered receipt of the same showing, which the decline takes back
 * (see `takeBackProblem` in status.ts for the rest of that rule).
 */
export function checkDecline(d: Record<string, unknown>, catalog: AgreementCatalog): string | null {
  const envelope = envelopeProblem(
    d,
    ['id', 'documents', 'receiptId'],
    'Send { id, documents: [{ id, version }] }, and receiptId when an accept came first.',
  );
  if (envelope) return envelope;
  if (d.receiptId !== undefined && (typeof d.receiptId !== 'string' || !UUID.test(d.receiptId)))
    return (
      'receiptId, when given, is the receiptId (a lowercase UUID) of the receipt the person ' +
      "accepted before declining, whose delivery failed: the decline record's undeliveredReceiptId."
    );
  const docs = d.documents;
  const ok =
    Array.isArray(docs) &&
    docs.length > 0 &&
    docs.length <= catalog.documents.length &&
    docs.every(
      (x) =>
        typeof x === 'object' &&
        x !== null &&
        catalog.document(x.id)?.versions.has(x.version) &&
        Object.keys(x).length === 2,
    );
  return ok ? null : 'documents lists each document declined as { id, version }, each a version served here.';
}
