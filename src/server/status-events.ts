/**
 * The events of a subject's log read against each other, for their status and for the answer to
 * `POST receipts`: which withdrawal supersedes a receipt accepted before it but stored after it,
 * which decline takes a receipt back, and which optional answer stands (the one given last, see
 * status.ts). Everything here reads entries the server wrote, oldest first.
 */
import type { ConsentReceipt } from '../core/index';
import { recordedEvent, type LogEntry } from './log';
import type { Decline, OptionalConsentStatus, Overridden, Superseded, Withdrawal } from './status';
export type Payload = { receipt?: ConsentReceipt; withdrawal?: Withdrawal; decline?: Decline };
export type Counted = { entry: LogEntry; payload: Payload };

/**
 * The receipts among `events` (in log order) that withdrawals stored before them superseded:
 * receipt id → what of it they ended. A receipt is superseded by a withdrawal stored before it
 * whose `receivedAt` is later than its `acceptedAt`.
 */
export function supersededReceipts(events: readonly Counted[]): Map<string, Superseded> {
  const withdrawals: Held[] = [];
  const out = new Map<string, Superseded>();
  for (const { entry, payload } of events) {
    if (entry.kind === 'withdrawal' && payload.withdrawal) withdrawals.push(held(entry, payload.withdrawal));
    const r = entry.kind === 'receipt' ? payload.receipt : undefined;
    const ended = r ? endedOf(r, withdrawals) : null;
    if (r && ended) out.set(r.receiptId, ended);
  }
  return out;
}

/** A withdrawal stored, with its receive time in ms. */
type Held = { id: string; receivedAt: string; at: number; w: Withdrawal };
const held = (entry: LogEntry, w: Withdrawal): Held => ({
  id: entry.id,
  receivedAt: entry.receivedAt,
  at: Date.parse(entry.receivedAt),
  w,
});

/** What `withdrawals` (stored before `r`, oldest first) ended of `r`, or null. */
function endedOf(r: ConsentReceipt, withdrawals: readonly Held[]): Superseded | null {
  const accepted = Date.parse(r.acceptedAt);
  const after = withdrawals.filter((w) => w.at > accepted);
  if (after.length === 0) return null;
  const all = after.find((w) => w.w.all);
  if (all) return { by: all.id, receivedAt: all.receivedAt, all: true };
  const granted = r.optionalConsents.filter((o) => o.granted).map((o) => o.id);
  const ending = after.filter((w) => w.w.optionalConsents?.some((id) => granted.includes(id)));
  const first = ending[0];
  if (!first) return null;
  const ended = granted.filter((id) => ending.some((w) => w.w.optionalConsents?.includes(id)));
  return { by: first.id, receivedAt: first.receivedAt, optionalConsents: ended };
}

/**
 * What withdrawals stored before it ended of `receipt`, given a subject's withdrawal entries
 * stored before it (oldest first; other entries are ignored), or null: see {@link Superseded}.
 */
export function supersededBy(entriesBefore: readonly LogEntry[], receipt: ConsentReceipt): Superseded | null {
  const withdrawals = countedEvents(entriesBefore).flatMap(({ entry, payload }) =>
    entry.kind === 'withdrawal' && payload.withdrawal ? [held(entry, payload.withdrawal)] : [],
  );
  return endedOf(receipt, withdrawals);
}

/**
 * The events `entries` hold, each once: an entry counts as the event it carries, so a copy of a
 * stored event under another id (a replayed receipt), or again under its own, changes nothing.
 */
export function countedEvents(entries: readonly LogEntry[]): Counted[] {
  const seen = new Set<string>();
  const events: Counted[] = [];
  for (const entry of entries) {
    const payload = JSON.parse(entry.payload) as Payload;
    const { id } = recordedEvent(entry.kind, payload);
    if (id !== entry.id || seen.has(id)) continue;
    seen.add(id);
    events.push({ entry, payload });
  }
  return events;
}

/**
 * Whether `decline` takes back `receipt`: it names the receipt, and declines every document the
 * receipt accepted, in the versions accepted. A legitimate one declines the same showing the
 * receipt accepted (an accept whose delivery failed, then a decline); one naming a receipt of
 * other documents or versions does not undo that consent (a withdrawal ends a consent).
 */
function declineTakesBack(decline: Decline, receipt: ConsentReceipt): boolean {
  if (decline.receiptId !== receipt.receiptId) return false;
  const declined = new Set(decline.documents.map((doc) => `${doc.id}\u0000${doc.version}`));
  return [receipt.agreement, ...receipt.additionalDocuments].every((doc) =>
    declined.has(`${doc.id}\u0000${doc.version}`),
  );
}

/**
 * Why `decline` may not name `named` (the stored entry under its `receiptId`), or null when it
 * may: a decline takes back only the receipt of the showing it declines, so one naming this
 * person's receipt of other documents or versions is refused rather than stored to do nothing.
 * (A receipt stored later is judged in the status the same way; another person's is not this
 * person's to take back, and is not told of.)
 */
export function takeBackProblem(decline: Decline, named: LogEntry, subject: string): string | null {
  if (named.kind !== 'receipt' || named.subject !== subject) return null;
  const receipt = (JSON.parse(named.payload) as Payload).receipt;
  if (!receipt || declineTakesBack(decline, receipt)) return null;
  const accepted = [receipt.agreement, ...receipt.additionalDocuments]
    .map((doc) => `${doc.id} ${doc.version}`)
    .join(', ');
  return (
    `receiptId names receipt ${receipt.receiptId}, which accepted ${accepted}: a decline takes back ` +
    'only the receipt of the showing it declines (the same documents, in the same versions). ' +
    'To end an earlier consent, withdraw it (POST withdrawals).'
  );
}

/**
 * The receipts declines took back (their `receiptId`: an accept whose delivery failed before the
 * person declined), before or after them in the log. Such a receipt accepted nothing.
 */
export function takenBack(events: ReadonlyArray<{ entry: LogEntry; payload: Payload }>): Set<string> {
  const declines = new Map<string, Decline[]>();
  for (const { entry, payload } of events) {
    const d = entry.kind === 'decline' ? payload.decline : undefined;
    if (typeof d?.receiptId === 'string')
      declines.set(d.receiptId, [...(declines.get(d.receiptId) ?? []), d]);
  }
  const ids = new Set<string>();
  for (const { entry, payload } of events) {
    const r = entry.kind === 'receipt' ? payload.receipt : undefined;
    if (r && declines.get(r.receiptId)?.some((d) => declineTakesBack(d, r))) ids.add(r.receiptId);
  }
  return ids;
}

/**
 * The receipts among `entries` (each counted as in `consentStatus`: once, in the entry that
 * carries its id), as receipt id → document id → the version it accepted: what a re-consent's
 * `replaces.receiptId` may name. Withdrawn ones are included (that consent was given); ones a
 * decline took back are not (it was not).
 */
export function storedReceipts(entries: readonly LogEntry[]): Map<string, ReadonlyMap<string, string>> {
  const events = countedEvents(entries);
  const declined = takenBack(events);
  const out = new Map<string, ReadonlyMap<string, string>>();
  for (const { entry, payload } of events) {
    const r = entry.kind === 'receipt' ? payload.receipt : undefined;
    if (!r || declined.has(r.receiptId)) continue;
    out.set(entry.id, new Map([r.agreement, ...r.additionalDocuments].map((doc) => [doc.id, doc.version])));
  }
  return out;
}

/**
 * An optional consent's answer in force (the status), and what decided it and when: the
 * `acceptedAt` (client clock, in ms) of the receipt that gave it, or the `receivedAt` (server
 * clock) of the withdrawal that ended it. A receipt's answer given earlier than that does not
 * replace it.
 */
export type Answer = OptionalConsentStatus & {
  decidedAt: number;
  /** The receipt that gave it, or null (a withdrawal ended it). */
  receipt: { id: string; acceptedAt: string } | null;
};

/**
 * Folds a receipt's optional answers into `answers` (the answers in force before it, updated in
 * place): each applies unless the answer in force was decided later than the receipt was given,
 * or a withdrawal stored before it ended it (`ended`: a grant it ends is not given). Returns the
 * answers of the receipt that do not stand because one given later (another receipt) is in force
 * and says otherwise, by the receipt in force.
 */
export function applyReceipt(
  answers: Map<string, Answer>,
  receivedAt: string,
  r: ConsentReceipt,
  ended: Superseded | undefined,
): Map<string, NonNullable<Answer['receipt']>> {
  const given = Date.parse(r.acceptedAt);
  const overriddenBy = new Map<string, NonNullable<Answer['receipt']>>();
  for (const o of r.optionalConsents) {
    const previous = answers.get(o.id);
    if (previous && given < previous.decidedAt) {
      // Decided after this receipt was given: a later receipt, or a withdrawal received later.
      if (previous.receipt && previous.granted !== o.granted) overriddenBy.set(o.id, previous.receipt);
      if (!previous.offered) answers.set(o.id, { ...previous, offered: true });
      continue;
    }
    if (ended && o.granted && (ended.all || ended.optionalConsents?.includes(o.id))) {
      // A withdrawal received after it was given ended it (one of everything, stored when this
      // consent was not yet offered: nothing else recorded that it ended).
      const endedAt = Date.parse(ended.receivedAt);
      answers.set(o.id, {
        offered: true,
        granted: previous?.granted ?? false,
        at: previous?.at ?? null,
        decidedAt: Math.max(previous?.decidedAt ?? endedAt, endedAt),
        receipt: null,
      });
    } else {
      answers.set(o.id, {
        offered: true,
        granted: o.granted,
        at: receivedAt,
        decidedAt: given,
        receipt: { id: r.receiptId, acceptedAt: r.acceptedAt },
      });
    }
  }
  return overriddenBy;
}

/** Folds a withdrawal into `answers`: it always applies, and ends what it names (`all`: every one). */
export function applyWithdrawal(answers: Map<string, Answer>, entry: LogEntry, w: Withdrawal): void {
  const ids = w.all ? [...answers.keys()] : (w.optionalConsents ?? []);
  for (const id of ids) {
    answers.set(id, {
      offered: answers.get(id)?.offered ?? false,
      granted: false,
      at: entry.receivedAt,
      decidedAt: Date.parse(entry.receivedAt),
      receipt: null,
    });
  }
}

/**
 * Which optional answers of `receipt` an answer given later overrides, given the subject's
 * entries stored before it (oldest first): see {@link Overridden}. Empty when none does, and for
 * a receipt a decline stored before it took back (it answers nothing).
 */
export function overriddenBy(entriesBefore: readonly LogEntry[], receipt: ConsentReceipt): Overridden[] {
  const events = countedEvents(entriesBefore);
  const declined = takenBack(events);
  const superseded = supersededReceipts(events);
  const answers = new Map<string, Answer>();
  for (const { entry, payload } of events) {
    if (entry.kind === 'receipt' && payload.receipt && !declined.has(payload.receipt.receiptId))
      applyReceipt(answers, entry.receivedAt, payload.receipt, superseded.get(payload.receipt.receiptId));
    else if (entry.kind === 'withdrawal' && payload.withdrawal)
      applyWithdrawal(answers, entry, payload.withdrawal);
  }
  const takesBack = events.some(
    ({ entry, payload }) =>
      entry.kind === 'decline' && payload.decline && declineTakesBack(payload.decline, receipt),
  );
  if (takesBack) return [];
  // The receipt against the answers in force before it (what it would set is not kept).
  const out = new Map<string, Overridden>();
  for (const [id, { id: by, acceptedAt }] of applyReceipt(answers, '', receipt, undefined)) {
    const group = out.get(by) ?? { by, acceptedAt, optionalConsents: [] };
    group.optionalConsents.push(id);
    out.set(by, group);
  }
  return [...out.values()];
}
