/**
 * Recording an event: the server countersigns it with its receive time and the subject, appends
 * it to the log, and answers with the stored record (for a repeat, the first delivery's).
 */
import type { Appender } from './appender';
import type { Keyring } from './countersign';
import { eventPayload, type LogEntryInput, type LogEntryKind } from './log';

// The event's canonical JSON is made once and spliced into the three canonical documents built
// from it (keys in RFC 8785 order), instead of canonicalising the receipt three times.
const str = JSON.stringify;

/** Canonical `{ [kind], receivedAt, subject }`: what the countersignature covers. */
const signedContent = (kind: LogEntryKind, event: string, receivedAt: string, subject: string) =>
  kind === 'withdrawal'
    ? `{"receivedAt":${str(receivedAt)},"subject":${str(subject)},"withdrawal":${event}}`
    : `{${str(kind)}:${event},"receivedAt":${str(receivedAt)},"subject":${str(subject)}}`;

/** What a recorded event is answered with: 201 stored, 200 a repeat; JSON text. */
export interface Recorded {
  status: 201 | 200;
  text: string;
  /** The stored entry's place in the log. */
  seq: number;
  /**
   * Stored now, and no entry of the subject's precedes it (as far as the store says: undefined
   * when it does not, and for a repeat): nothing earlier of theirs can bear on it.
   */
  firstOfSubject?: boolean;
}

/**
 * Returns `record(kind, id, subject, event, bodyHash)`: countersigns and appends an event (its
 * canonical JSON), and gives the stored record, or null when another body is stored under `id`.
 */
export function createRecorder(keyring: Keyring, appender: Appender, now: () => Date) {
  return async function record(
    kind: LogEntryKind,
    id: string,
    subject: string,
    event: string,
    bodyHash: string,
  ): Promise<Recorded | null> {
    const receivedAt = now().toISOString();
    const countersignature = await keyring.signCanonical(signedContent(kind, event, receivedAt, subject));
    const payload = eventPayload(kind, countersignature, event);
    const entry: LogEntryInput = { id, kind, subject, receivedAt, bodyHash, payload };
    const result = await appender.append(entry);
    if (result.status === 'conflict') return null;
    const promise = result.checkpoint ? `,"checkpoint":${JSON.stringify(result.checkpoint)}` : '';
    const stored = result.entry;
    // The stored entry (for a repeat: the first delivery's) answers, as JSON text built from its canonical parts.
    const parsed =
      result.status === 'stored' ? null : (JSON.parse(stored.payload) as Record<string, unknown>);
    const storedEvent = parsed ? JSON.stringify(parsed[kind]) : event;
    const storedSignature = parsed ? String(parsed.countersignature) : countersignature;
    return {
      status: result.status === 'stored' ? 201 : 200,
      seq: stored.seq,
      ...(result.status === 'stored' && result.firstOfSubject !== undefined
        ? { firstOfSubject: result.firstOfSubject }
        : {}),
      text: `{${str(kind)}:${storedEvent},"receivedAt":${str(stored.receivedAt)},"subject":${str(stored.subject)},"countersignature":${str(storedSignature)},"seq":${stored.seq}${promise}}`,
    };
  };
}
