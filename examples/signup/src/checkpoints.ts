// The log checkpoints this device was given, one per account: the newest signed `{ count, head }`
// that a stored receipt's, decline's or withdrawal's answer carried (a withdrawal's comes through
// ConsentSettings' `onWithdrawn`: the component posts it itself). The server signed it after the
// entry was committed, so it proves the log once had `count` entries ending in `head`. Kept outside the
// server's database, it shows entries deleted from the log's end, which the log alone cannot:
// `checkRecord` compares it with the head the server publishes now (GET log/checkpoint), and the
// downloaded file is what `react-clickwrap verify-log log.jsonl --keys jwks.json --expect-head`
// takes to check the whole exported log against it.
import type { Checkpoint, Jwks } from 'react-clickwrap/server';
import { CLICKWRAP_BASE } from './api';

const PREFIX = 'signup-checkpoint:';

/** A checkpoint kept on this device, with the entry whose answer carried it. */
export interface KeptCheckpoint {
  /** The signed checkpoint, as the server returned it. */
  checkpoint: Checkpoint;
  /** The log position of the entry it came with (≤ `checkpoint.count`). */
  seq: number;
  /** The receipt or event id of that entry. */
  id: string;
  /** When this device kept it. */
  keptAt: string;
}

/** An answer of the server for a stored event: `{ subject, seq, checkpoint, … }`. */
interface RecordedAnswer {
  subject?: unknown;
  seq?: unknown;
  checkpoint?: unknown;
}

const isCheckpoint = (v: unknown): v is Checkpoint =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Checkpoint).count === 'number' &&
  typeof (v as Checkpoint).head === 'string' &&
  typeof (v as Checkpoint).at === 'string' &&
  typeof (v as Checkpoint).jws === 'string';

/** The checkpoint kept for `subject` (an account id), or null. */
export function keptCheckpoint(
  subject: string,
  storage: Storage = window.localStorage,
): KeptCheckpoint | null {
  try {
    const kept = JSON.parse(storage.getItem(PREFIX + subject) ?? 'null') as KeptCheckpoint | null;
    return kept && isCheckpoint(kept.checkpoint) ? kept : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the checkpoint of a stored event's answer, when it is newer (a longer log) than the one
 * kept for its subject: the newest promise covers every older one, the older entries included.
 */
export function keepCheckpoint(
  answer: RecordedAnswer,
  id: string,
  storage: Storage = window.localStorage,
): void {
  const { subject, seq, checkpoint } = answer;
  if (typeof subject !== 'string' || typeof seq !== 'number' || !isCheckpoint(checkpoint)) return;
  const kept = keptCheckpoint(subject, storage);
  if (kept && kept.checkpoint.count >= checkpoint.count) return;
  const next: KeptCheckpoint = { checkpoint, seq, id, keptAt: new Date().toISOString() };
  try {
    storage.setItem(PREFIX + subject, JSON.stringify(next));
  } catch {
    // Storage full or blocked: the record itself is stored on the server; only this copy is lost.
  }
}

/** What {@link checkRecord} found. */
export type RecordCheck =
  | { state: 'none' }
  /** The kept checkpoint is the server's, and the log it publishes now is consistent with it. */
  | { state: 'ok'; kept: KeptCheckpoint; published: Checkpoint; kid: string }
  /** Something does not hold: `reason` says what. */
  | { state: 'broken'; kept: KeptCheckpoint; reason: string }
  /** The server could not be asked (offline, 5xx): nothing was shown either way. */
  | { state: 'unavailable'; kept: KeptCheckpoint; reason: string };

const fromBase64url = (text: string) => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
};
const toBase64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * Checks a checkpoint's detached JWS (Ed25519) against the server's JWKS: the signed content is
 * the canonical JSON (RFC 8785) of `{ checkpoint: { at, count, head } }`. The kid that signed, or null.
 */
export async function checkpointSignedBy(checkpoint: Checkpoint, jwks: Jwks): Promise<string | null> {
  const [header = '', , signature = ''] = checkpoint.jws.split('.');
  let kid: unknown;
  try {
    kid = (JSON.parse(new TextDecoder().decode(fromBase64url(header))) as { kid?: unknown }).kid;
  } catch {
    return null;
  }
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) return null;
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    'Ed25519',
    false,
    ['verify'],
  );
  // Keys in code-unit order, numbers as JSON writes them: the canonical form the server signed.
  const content = `{"checkpoint":{"at":${JSON.stringify(checkpoint.at)},"count":${checkpoint.count},"head":${JSON.stringify(checkpoint.head)}}}`;
  const valid = await crypto.subtle.verify(
    'Ed25519',
    key,
    fromBase64url(signature),
    new TextEncoder().encode(`${header}.${toBase64url(content)}`),
  );
  return valid ? String(kid) : null;
}

/**
 * Compares the kept checkpoint with what the server publishes now: both must be signed by a key
 * of its JWKS, and the log must be at least as long, with the same head at the same length. A
 * longer log is consistent as far as the head shows; that the kept entries are still inside it is
 * what `verify-log --expect-head` checks on the exported log.
 */
export async function checkRecord(
  subject: string,
  storage: Storage = window.localStorage,
): Promise<RecordCheck> {
  const kept = keptCheckpoint(subject, storage);
  if (!kept) return { state: 'none' };
  let jwks: Jwks;
  let published: Checkpoint | null;
  try {
    const [keys, head] = await Promise.all([
      fetch(`${CLICKWRAP_BASE}/.well-known/jwks.json`),
      fetch(`${CLICKWRAP_BASE}/log/checkpoint`),
    ]);
    if (!keys.ok) throw new Error(`the keys answered ${keys.status}`);
    if (!head.ok && head.status !== 404) throw new Error(`the checkpoint answered ${head.status}`);
    jwks = (await keys.json()) as Jwks;
    published = head.ok ? ((await head.json()) as Checkpoint) : null;
  } catch (error) {
    return { state: 'unavailable', kept, reason: `The server did not answer (${(error as Error).message}).` };
  }
  const kid = await checkpointSignedBy(kept.checkpoint, jwks);
  if (!kid)
    return {
      state: 'broken',
      kept,
      reason: 'The checkpoint kept on this device is not signed by any key the server publishes now.',
    };
  const { count, head } = kept.checkpoint;
  if (!published)
    return {
      state: 'broken',
      kept,
      reason: `The server publishes no checkpoint, as if its log were empty, yet it promised you ${count} entries.`,
    };
  if (!isCheckpoint(published) || !(await checkpointSignedBy(published, jwks)))
    return { state: 'broken', kept, reason: "The server's published checkpoint is not signed by its keys." };
  if (published.count < count)
    return {
      state: 'broken',
      kept,
      reason: `The log now has ${published.count} entries, fewer than the ${count} the server promised you: entries were deleted from its end.`,
    };
  if (published.count === count && published.head !== head)
    return {
      state: 'broken',
      kept,
      reason: `The log has ${count} entries, as promised, but entry ${count} is not the one the server promised: entries were deleted and others written in their place.`,
    };
  return { state: 'ok', kept, published, kid };
}
