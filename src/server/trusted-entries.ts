/**
 * The log as the server trusts it when it answers for a person: only the entries it wrote. A row
 * added behind its back (by a database role that can INSERT but holds no signing key) has no
 * countersignature that verifies, or content other than the server writes: it is left out, and
 * reported.
 */
import { importJwks, type KeySet, type Keyring } from './countersign';
import { entryHash, type LogEntry, type LogStore } from './log';
import { entryProblem } from './log-entry';

/**
 * A person's history is longer than the handler reads (`statusEntryLimit`): their status, or a
 * check of their earlier consents, cannot be answered from all of it, so it is not answered
 * (503), rather than answered from part of it (which can be wrong both ways: a consent or a
 * decline left out).
 */
export class HistoryTooLongError extends Error {
  override name = 'HistoryTooLongError';
  constructor(
    readonly subject: string,
    readonly limit: number,
  ) {
    super(
      `The person's consent history holds more than ${limit} log entries (statusEntryLimit): their status is computed from every entry or not at all. Raise statusEntryLimit to answer it.`,
    );
  }
}

/** Entries read per query when a history is paged through. */
const PAGE = 500;

/** What {@link createTrustedEntries} needs. */
export interface TrustedEntriesOptions {
  store: LogStore;
  keyring: Keyring;
  /**
   * Most entries of one subject read, all of which a status uses: a subject with more raises
   * {@link HistoryTooLongError} (never a status from part of them).
   */
  limit: number;
  /** Told of each entry left out, with why. */
  onUnverifiedEntry: (entry: LogEntry, reason: string) => void;
}

/** A subject's entries as the server trusts them: only those it wrote. */
export interface TrustedEntries {
  /**
   * Every entry of the subject's that the server wrote, oldest first.
   * @throws HistoryTooLongError past the limit
   */
  (subject: string): Promise<LogEntry[]>;
  /**
   * The subject's withdrawals stored before `seq` that the server wrote, oldest first: all a
   * receipt at `seq` needs to say what they ended of it. Read page by page keeping only these,
   * so no limit applies (a withdrawal is stored only when it ends something in force).
   */
  withdrawalsBefore(subject: string, seq: number): Promise<LogEntry[]>;
  /**
   * Every entry of the subject's stored before `seq` that the server wrote, oldest first: what a
   * receipt at `seq` needs to say which of its optional answers a later-given one overrides.
   * @throws HistoryTooLongError past the limit (counting only the entries before `seq`)
   */
  before(subject: string, seq: number): Promise<LogEntry[]>;
}

/** Returns a subject's entries that the server wrote, read from `store`. */
export function createTrustedEntries(options: TrustedEntriesOptions): TrustedEntries {
  const { store, keyring, limit, onUnverifiedEntry } = options;
  // The keyring's public keys, imported again only when they change (a rotation).
  let imported: { jwks: string; keys: Promise<KeySet> } | null = null;
  const currentKeys = () => {
    const jwks = JSON.stringify(keyring.jwks());
    if (imported?.jwks !== jwks) imported = { jwks, keys: importJwks(jwks) };
    return imported.keys;
  };
  // Entries already verified, by the hash of their content (computed here, not read from the
  // row: a forged row can carry any hash), so a status reads each entry's signature once.
  const verified = new Set<string>();
  async function trusted(entries: LogEntry[]): Promise<LogEntry[]> {
    if (entries.length === 0) return entries;
    const keys = await currentKeys();
    const ok = await Promise.all(
      entries.map(async (entry) => {
        const content = entryHash(entry);
        if (verified.has(content)) return true;
        const problem = await entryProblem(entry, keys);
        if (problem !== null) {
          onUnverifiedEntry(entry, problem);
          return false;
        }
        if (verified.size >= 100_000) verified.clear();
        verified.add(content);
        return true;
      }),
    );
    return entries.filter((_, i) => ok[i]);
  }
  const all = async (subject: string) => {
    // Every entry, page by page (each page after the last seq read).
    const entries: LogEntry[] = [];
    for (;;) {
      const size = Math.min(PAGE, limit + 1 - entries.length);
      const page = await store.bySubjectAfter(subject, entries.at(-1)?.seq ?? 0, size);
      entries.push(...page);
      if (entries.length > limit) throw new HistoryTooLongError(subject, limit);
      if (page.length < size) break;
    }
    return trusted(entries);
  };
  const withdrawalsBefore = async (subject: string, seq: number) => {
    const kept: LogEntry[] = [];
    for (let after = 0; ;) {
      const page = await store.bySubjectAfter(subject, after, PAGE, 'withdrawal');
      kept.push(...page.filter((e) => e.kind === 'withdrawal' && e.seq < seq));
      after = page.at(-1)?.seq ?? after;
      if (page.length < PAGE || after >= seq) break;
    }
    return trusted(kept);
  };
  const before = async (subject: string, seq: number) => {
    const entries: LogEntry[] = [];
    for (let after = 0; ;) {
      const size = Math.min(PAGE, limit + 1 - entries.length);
      const page = await store.bySubjectAfter(subject, after, size);
      entries.push(...page.filter((e) => e.seq < seq));
      if (entries.length > limit) throw new HistoryTooLongError(subject, limit);
      after = page.at(-1)?.seq ?? after;
      if (page.length < size || after >= seq) break;
    }
    return trusted(entries);
  };
  return Object.assign(all, { withdrawalsBefore, before });
}
