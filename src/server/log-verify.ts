/**
 * Offline verification of a log export: every link, every entry's own hash and seq, the signed
 * checkpoints and (optionally) every entry's content: its countersignature, and that it is the
 * event it says, recorded once. Any party with the public keys can run it; it names the entry
 * that was edited, deleted, inserted, reordered or replayed.
 */
import { importJwks, verifyDetachedJws, type Jwks, type KeySet } from './countersign';
import { entryContent, verifyEntryCountersignature } from './log-entry';
import { GENESIS, entryHash, isEventKind, type Checkpoint, type LogEntry } from './log';

/** What is wrong with a log, entry by entry. */
export type LogProblemCode =
  /** An entry is not a well-formed log entry. */
  | 'malformed'
  /** An entry's content was changed (its hash no longer matches, or it was re-hashed and the next entry still links to the original). */
  | 'edited'
  /** Entries are missing (a gap in the chain, or fewer entries than a signed checkpoint counts). */
  | 'deleted'
  /** An entry is not part of the chain: nothing links to it where it stands. */
  | 'inserted'
  /** An entry stands in another place than the one its link gives it. */
  | 'reordered'
  /**
   * An entry records an event already recorded by an earlier entry (the same entry id, or, checked
   * with countersignatures, the same event): a copy of a stored event, such as an old receipt
   * added again after a withdrawal. Linked at the head, a copy passes the chain and the database's
   * checks; its countersignature is the server's. An event is recorded once.
   */
  | 'replayed'
  /**
   * An entry is not as the server writes it: its seq does not follow the entry before, or
   * (checked with countersignatures) its id is not its event's id, its kind is unknown, its
   * bodyHash is not its event's hash, or its payload is not the canonical JSON of its event and
   * countersignature.
   */
  | 'mismatch'
  /** The log disagrees with a checkpoint the server signed: it was rewritten at or before it. */
  | 'checkpoint-mismatch'
  /** A checkpoint's signature does not verify with the keys. */
  | 'checkpoint-signature'
  /** An entry's countersignature does not verify. */
  | 'countersignature';

/** One thing wrong with a log. */
export interface LogProblem {
  /** What kind of problem. */
  code: LogProblemCode;
  /** The entry's seq (as written in it), or null when the problem is not one entry's. */
  seq: number | null;
  /** The entry's id, or null. */
  id: string | null;
  /**
   * What the entry records, as written in it (`receipt`, `withdrawal`, `decline`), or `checkpoint`
   * for a checkpoint's problem; null when the entry gives none.
   */
  kind: string | null;
  /** The subject the entry is for, as written in it, or null. */
  subject: string | null;
  /** 0-based position of the entry in the export, or null. */
  position: number | null;
  /** What is wrong, in words, naming the entry. */
  message: string;
}

/** What {@link verifyLog} found. */
export interface LogVerification {
  /** True when the chain, the checkpoints and (when checked) the countersignatures all verify. */
  ok: boolean;
  /** How many entries were read. */
  entries: number;
  /** The last entry's hash (GENESIS for an empty log). */
  head: string;
  /** How many checkpoints verified. */
  checkpointsVerified: number;
  /**
   * How many entries, from the first, a verified checkpoint covers: the count of the newest
   * checkpoint whose signature verifies and whose head is the log's at that count (0 without
   * one). Only those entries are proven to be as the server wrote them, in its order: after them,
   * nothing signed holds the chain, so whoever could rewrite the log could delete, reorder or
   * re-link entries there (or, unless countersignatures are checked, invent them) unseen. `ok`
   * does not require it; `react-clickwrap verify-log` says VERIFIED only when it covers them all.
   */
  anchoredThrough: number;
  /** Every problem found, in log order, at most `maxProblems`. */
  problems: LogProblem[];
}

/** Options of {@link verifyLog}. */
export interface VerifyLogOptions {
  /** The server's public keys (a JWKS, its JSON, or imported with `importJwks`). Needed for checkpoints and countersignatures. */
  keys?: Jwks | string | KeySet;
  /**
   * Checkpoints the server signed: those stored with the log and, above all, those kept outside
   * it (the `checkpoint` of a receipt's response, `GET log/checkpoint` fetched by a witness).
   * Entries deleted from the end of the log, after the newest checkpoint given, cannot be seen.
   * Read once every entry is read, so a reader of an export can add those it meets among them.
   * @default []
   */
  checkpoints?: readonly Checkpoint[];
  /**
   * Also verify each entry's content (slower: one Ed25519 verification per entry): its
   * countersignature, that its id is its event's id, its bodyHash its event's hash and its payload
   * as the server writes it, and that no event is recorded twice. A copy of a stored event added
   * at the head (a replay) is seen only then: it is chained like any entry, and its
   * countersignature is the server's. @default false
   */
  countersignatures?: boolean;
  /**
   * Stop listing problems after this many (at least one is always listed: `ok` is false whenever
   * a problem is found, however few are asked for). @default 100
   */
  maxProblems?: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

function wellFormed(e: unknown): e is LogEntry {
  const x = e as Record<string, unknown>;
  return (
    typeof x === 'object' &&
    x !== null &&
    Number.isSafeInteger(x.seq) &&
    (x.seq as number) >= 1 &&
    ['id', 'kind', 'subject', 'receivedAt', 'bodyHash', 'payload'].every((k) => typeof x[k] === 'string') &&
    typeof x.prev === 'string' &&
    HEX64.test(x.prev) &&
    typeof x.hash === 'string' &&
    HEX64.test(x.hash)
  );
}

/** A value of an entry, quoted for a message: at most 100 characters of it. */
const quote = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

/** What an entry records and for whom, as written in it: `receipt, subject "alice", id "…"`. */
function whatAndWho(e: Partial<Record<'kind' | 'subject' | 'id', unknown>>): string {
  return [
    typeof e.kind === 'string' ? (isEventKind(e.kind) ? e.kind : `kind ${quote(e.kind)}`) : null,
    typeof e.subject === 'string' ? `subject ${quote(e.subject)}` : null,
    typeof e.id === 'string' ? `id ${JSON.stringify(e.id)}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
}

const describe = (e: Pick<LogEntry, 'seq' | 'kind' | 'subject' | 'id'>) =>
  `entry seq ${e.seq} (${whatAndWho(e)})`;

/** The kind and subject written in a value that may not be a well-formed entry. */
function kindAndSubject(e: unknown): Pick<LogProblem, 'kind' | 'subject'> {
  const x = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  return {
    kind: typeof x.kind === 'string' ? x.kind : null,
    subject: typeof x.subject === 'string' ? x.subject : null,
  };
}

/**
 * What is kept of an entry once it is read: what the chain's checks and the messages need, not
 * its payload (a few KB, against a few hundred bytes for this: a moved or inserted entry is named
 * only once a later entry links past it, possibly far down the log).
 */
interface Link {
  seq: number;
  id: string;
  kind: LogEntry['kind'];
  subject: string;
  prev: string;
  hash: string;
  /** Whether its hash is the hash of its content. */
  intact: boolean;
  /** Whether the next entry of the chain (copies left out) links to it: the common case, kept as a flag, not in a map. */
  followed: boolean;
}

/** What is kept of a value that is not a log entry: what its problem says. */
interface NotAnEntry {
  what: string;
  about: Pick<LogProblem, 'kind' | 'subject'>;
}

/** A problem found while reading, reported after the chain's and the checkpoints' (as found then). */
interface Later {
  code: LogProblemCode;
  position: number;
  entry: Link;
  message: string;
}

const isAsync = (x: Iterable<unknown> | AsyncIterable<unknown>): x is AsyncIterable<unknown> =>
  typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

/**
 * Verifies a log export (entries in the order exported): an array, or any iterable, sync or
 * async, such as the parsed lines of an export read as a stream. Entries are read once, one at a
 * time, and not held: only their links (seq, id, kind, subject, prev and hash) are kept to name
 * what is wrong. Never throws on bad entries: it names each problem. A log cut short at its end
 * shows only against a later checkpoint, so pass the checkpoints.
 */
export async function verifyLog(
  entries: Iterable<unknown> | AsyncIterable<unknown>,
  options: VerifyLogOptions = {},
): Promise<LogVerification> {
  // At least one: a cap of 0 would list nothing, and leave `ok` true for any log.
  const maxProblems = Math.max(1, options.maxProblems ?? 100);
  const problems: LogProblem[] = [];
  const reported = new Set<string>();
  const report = (
    code: LogProblemCode,
    position: number | null,
    entry: Link | null,
    message: string,
    // What the problem is about when it is not a well-formed entry: a malformed one, a checkpoint.
    about: Pick<LogProblem, 'kind' | 'subject'> = kindAndSubject(entry),
  ) => {
    const key = `${code}:${position}`;
    if (reported.has(key) || problems.length >= maxProblems) return;
    reported.add(key);
    problems.push({ code, seq: entry?.seq ?? null, id: entry?.id ?? null, position, ...about, message });
  };
  const keys =
    options.keys === undefined
      ? null
      : options.keys instanceof Map
        ? (options.keys as KeySet)
        : await importJwks(options.keys as Jwks | string);

  // ---- Reading: each entry once, in order ----
  const list: (Link | null)[] = [];
  const notEntries = new Map<number, NotAnEntry>();
  // The first position of each hash; a later entry with the same hash is a copy of that entry
  // (a line repeated), named as a replay and left out of the chain, so that the genuine entry,
  // not its copy, keeps its place.
  const byHash = new Map<string, number>();
  const copies = new Set<number>();
  // How many entries link to a hash other than by following the entry before them in the chain
  // (those set its `followed`): what tells a moved entry from an inserted one.
  const otherLinks = new Map<string, number>();
  // The first position of each entry id (an event is recorded once, under its own id), and the
  // entries that repeat one, by the position of the first.
  const firstById = new Map<string, number>();
  const repeatsId = new Map<number, number>();
  // With countersignatures: the first position of each event's id, as its payload gives it, and
  // what the content checks found, reported after the chain's (at most maxProblems of them).
  const firstByEvent = new Map<string, number>();
  const later: Later[] = [];
  // The entry before the next one in the chain: the last that is not a copy (-1: none yet).
  let b = -1;

  const read = (raw: unknown): Promise<void> | undefined => {
    const i = list.length;
    if (!wellFormed(raw)) {
      list.push(null);
      notEntries.set(i, {
        what: typeof raw === 'object' && raw !== null ? whatAndWho(raw) : '',
        about: kindAndSubject(raw),
      });
      b = i;
      return undefined;
    }
    const before = b < 0 ? null : (list[b] ?? null);
    const e: Link = {
      seq: raw.seq,
      id: raw.id,
      kind: raw.kind,
      subject: raw.subject,
      // The previous entry's string when it is the same: one copy of each hash is kept.
      prev: before && raw.prev === before.hash ? before.hash : raw.prev,
      hash: raw.hash,
      intact: entryHash(raw) === raw.hash,
      followed: false,
    };
    list.push(e);
    const first = firstById.get(e.id);
    if (first === undefined) firstById.set(e.id, i);
    else repeatsId.set(i, first);
    // Whether the chain's check below names this entry's seq (so its content check need not).
    let seqNamed = false;
    if (byHash.has(e.hash)) copies.add(i);
    else {
      byHash.set(e.hash, i);
      if (before && e.prev === before.hash) before.followed = true;
      else otherLinks.set(e.prev, (otherLinks.get(e.prev) ?? 0) + 1);
      if (b < 0 ? e.prev === GENESIS : before !== null && e.prev === before.hash)
        seqNamed = e.seq !== (before?.seq ?? 0) + 1;
      b = i;
    }
    return options.countersignatures ? checkContent(raw, e, i, first !== undefined, seqNamed) : undefined;
  };

  const later_ = (code: LogProblemCode, position: number, entry: Link, message: string) => {
    if (later.length < maxProblems) later.push({ code, position, entry, message });
  };
  const checkContent = async (raw: LogEntry, e: Link, i: number, idNamed: boolean, seqNamed: boolean) => {
    const content = entryContent(raw);
    const first = content.eventId === null ? undefined : firstByEvent.get(content.eventId);
    if (content.eventId !== null && first === undefined) firstByEvent.set(content.eventId, i);
    // A problem the chain's checks name at the same entry is named once, as theirs.
    if (first !== undefined && !idNamed) later_('replayed', i, e, `${describe(e)} ${repeats(list[first]!)}`);
    if (content.wrong.length > 0 && !seqNamed)
      later_('mismatch', i, e, `${describe(e)} is not as the server writes it: ${content.wrong.join('; ')}.`);
    const check = keys
      ? await verifyEntryCountersignature(raw, keys, content.payload)
      : { ok: false, reason: 'pass the keys (JWKS).' };
    if (!check.ok)
      later_(
        'countersignature',
        i,
        e,
        `The countersignature of ${describe(e)} does not verify: ${check.reason}`,
      );
  };

  if (isAsync(entries)) {
    for await (const raw of entries) await read(raw);
  } else {
    for (const raw of entries) {
      const reading = read(raw);
      if (reading) await reading;
    }
  }

  // ---- The chain, from the links kept ----
  const linksTo = (hash: string) => {
    const p = byHash.get(hash);
    return (otherLinks.get(hash) ?? 0) + (p !== undefined && list[p]?.followed ? 1 : 0);
  };
  const referencedByOther = (hash: string, i: number) => {
    const e = i < 0 ? null : list[i];
    return linksTo(hash) - (e && !copies.has(i) && e.prev === hash ? 1 : 0) > 0;
  };
  // Positions up to here were already named as moved or inserted: each is looked at once, so a
  // crafted log whose every entry links far back costs linear time, not quadratic.
  let namedThrough = 0;

  for (let i = 0; i < list.length && problems.length < maxProblems; i++) {
    const e = list[i];
    if (!e) {
      // What it records and for whom, when that much can be read, so a reader knows what broke.
      const { what, about } = notEntries.get(i)!;
      report(
        'malformed',
        i,
        null,
        `Entry ${i + 1} of the export (position ${i}${what ? `; ${what}` : ''}) is not a log entry: it needs seq, id, kind, subject, receivedAt, bodyHash, payload, prev and hash.`,
        about,
      );
      continue;
    }
    if (!e.intact) {
      report('edited', i, e, `${describe(e)} was edited: its content does not match its hash.`);
    }
    const first = repeatsId.get(i);
    if (first !== undefined) report('replayed', i, e, `${describe(e)} ${repeats(list[first]!)}`);
    if (copies.has(i)) continue;
    // The entry before it in the chain: copies of earlier entries are not links of it.
    let b = i - 1;
    while (b >= 0 && copies.has(b)) b--;
    const before = b >= 0 ? list[b] : null;
    const expectedPrev = b < 0 ? GENESIS : before?.hash;
    if (expectedPrev === undefined) continue;
    if (e.prev === expectedPrev) {
      // Linked in place: its seq must be the next one (a gap or a break is named below, once).
      const seq = (before?.seq ?? 0) + 1;
      if (e.seq !== seq)
        report(
          'mismatch',
          i,
          e,
          `${describe(e)} links to ${before ? describe(before) : 'the genesis hash'} but does not follow it: its seq should be ${seq}.`,
        );
      continue;
    }
    const j = e.prev === GENESIS ? -1 : byHash.get(e.prev);
    if (j !== undefined && j >= i) {
      report(
        'reordered',
        i,
        e,
        `${describe(e)} is out of order: its link says it follows entry seq ${list[j]?.seq}, which comes after it here.`,
      );
    } else if (j !== undefined) {
      // Entries between its predecessor and it: moved here if another entry links to them, else inserted.
      for (let k = Math.max(j + 1, namedThrough); k < i; k++) {
        const between = list[k];
        if (!between || copies.has(k)) continue;
        if (referencedByOther(between.hash, -1)) {
          report(
            'reordered',
            k,
            between,
            `${describe(between)} is out of order: the chain puts it elsewhere.`,
          );
        } else {
          report(
            'inserted',
            k,
            between,
            `${describe(between)} was inserted: no entry of the chain links to it.`,
          );
        }
      }
      namedThrough = Math.max(namedThrough, i);
    } else if (before && referencedByOther(before.hash, i)) {
      report(
        'inserted',
        i,
        e,
        `${describe(e)} was inserted: it does not link to the entry before it, which another entry links to.`,
      );
    } else if (e.seq > (before?.seq ?? 0) + 1) {
      const from = (before?.seq ?? 0) + 1;
      report(
        'deleted',
        i,
        e,
        `Entries seq ${from}${e.seq - 1 > from ? `–${e.seq - 1}` : ''} before ${describe(e)} were deleted: it links to an entry that is not in the log.`,
      );
    } else if (before) {
      report(
        'edited',
        i - 1,
        before,
        `${describe(before)} was edited and re-hashed: the next entry (seq ${e.seq}) still links to its original hash.`,
      );
    } else {
      report('edited', i, e, `${describe(e)} was edited: the first entry must link to the genesis hash.`);
    }
  }

  let checkpointsVerified = 0;
  let anchoredThrough = 0;
  const displacedHead = (checkpoint: Checkpoint) => {
    const p = checkpoint.count === 0 ? undefined : byHash.get(checkpoint.head);
    const e = p === undefined ? null : list[p];
    return (
      p !== undefined &&
      e != null &&
      e.seq === checkpoint.count &&
      e.intact &&
      problems.some((q) => q.position !== null && q.position < p)
    );
  };
  for (const [k, checkpoint] of (options.checkpoints ?? []).entries()) {
    // Checkpoints come from a file too (JSON that anyone could have written): a value that is not
    // one is named, not a TypeError.
    if (checkpoint === null || typeof checkpoint !== 'object') {
      report(
        'checkpoint-signature',
        null,
        null,
        `checkpoints[${k}] is ${checkpoint === null ? 'null' : `a ${typeof checkpoint}`}, not a checkpoint ({ count, head, at, jws }, as GET log/checkpoint or the export gives it).`,
        { kind: 'checkpoint', subject: null },
      );
      continue;
    }
    const content = { count: checkpoint.count, head: checkpoint.head, at: checkpoint.at };
    const signed = keys ? await verifyDetachedJws(checkpoint.jws, { checkpoint: content }, keys) : null;
    if (!signed?.ok) {
      report(
        'checkpoint-signature',
        null,
        null,
        `The checkpoint of ${checkpoint.at} (count ${checkpoint.count}) does not verify: ${signed ? signed.reason : 'pass the keys (JWKS) to check checkpoints.'}`,
        { kind: 'checkpoint', subject: null },
      );
      continue;
    }
    checkpointsVerified++;
    if (checkpoint.count > list.length) {
      const last = list.at(-1);
      report(
        'deleted',
        list.length,
        last ?? null,
        `${checkpoint.count - list.length === 1 ? 'An entry is' : `${checkpoint.count - list.length} entries are`} missing: the checkpoint signed at ${checkpoint.at} counts ${checkpoint.count} entries, the log has ${list.length}${last ? ` (ending at ${describe(last)})` : ''}. They were deleted at its end, or anywhere before it with the entries after them re-linked.`,
      );
      continue;
    }
    const at = checkpoint.count === 0 ? null : list[checkpoint.count - 1];
    const head = checkpoint.count === 0 ? GENESIS : at?.hash;
    if (head === checkpoint.head) anchoredThrough = Math.max(anchoredThrough, checkpoint.count);
    else if (displacedHead(checkpoint)) {
      // The entry the checkpoint signed is in the log, as written, at the seq the checkpoint
      // counts, only further down: entries named above (inserted, copied) stand before it. The
      // chain up to it is the one signed; those entries are the problem, named once.
    } else {
      report(
        'checkpoint-mismatch',
        checkpoint.count - 1,
        at ?? null,
        `The log was rewritten at or before ${at ? describe(at) : `position ${checkpoint.count - 1}`}: the checkpoint signed at ${checkpoint.at} has another head hash there.`,
      );
    }
  }

  for (const { code, position, entry, message } of later) report(code, position, entry, message);

  const last = list.at(-1);
  return {
    ok: problems.length === 0,
    entries: list.length,
    head: last?.hash ?? GENESIS,
    checkpointsVerified,
    anchoredThrough,
    problems,
  };
}

/** What names an earlier entry that recorded the same event. */
const repeats = (first: Pick<LogEntry, 'seq' | 'id'>) =>
  `records again the event of entry seq ${first.seq} (id ${JSON.stringify(first.id)}): a copy of a stored event (a replay), which the server never writes.`;
