/**
 * The log as the server trusts it when it answers for a person: only the entries it wrote. A row
 * added behind its back (by a database role that can INSERT but holds no signing key) has no
 * countersignature that verifies, or content other than the server writes: it is left out, and
 * reported.
 */
import { importJwks, type KeySet, type Keyring } from './countersign';
import { entryHash, type LogEntry, type LogStore } from './log';
import { entryProblem } from './log-verify';

/** What {@link createTrustedEntries} needs. */
export interface TrustedEntriesOptions {
  store: LogStore;
  keyring: Keyring;
  /** Most entries read per subject. */
  limit: number;
  /** Told of each entry left out, with why. */
  onUnverifiedEntry: (entry: LogEntry, reason: string) => void;
}

/** Returns a function giving a subject's entries the server wrote, oldest first. */
export function createTrustedEntries(
  options: TrustedEntriesOptions,
): (subject: string) => Promise<LogEntry[]> {
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
  return async (subject) => {
    const entries = await store.bySubject(subject, limit);
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
  };
}
