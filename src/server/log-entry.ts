/**
 * One log entry checked on its own: is its content what the server writes (the id, kind,
 * bodyHash and payload of the event it records), and does its countersignature verify? Used by
 * verifyLog for each entry, and by the handler before a status counts one (trusted-entries.ts).
 */
import { verifyDetachedJws, type KeySet } from './countersign';
import { canonicalJson } from './jcs';
import { eventBodyHash, eventPayload, isEventKind, recordedEvent, type LogEntry } from './log';

/** An entry's payload parsed, or undefined when it is not JSON (JSON.parse never gives undefined). */
function parsePayload(entry: LogEntry): unknown {
  try {
    return JSON.parse(entry.payload) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads an entry's event from its payload and says what does not match: the id, the kind, the
 * bodyHash or the payload's own form, each as the server makes them. Gives the parsed payload
 * too (undefined when it is not JSON), for {@link verifyEntryCountersignature}.
 */
export function entryContent(entry: LogEntry): { eventId: string | null; wrong: string[]; payload: unknown } {
  const payload = parsePayload(entry);
  if (payload === undefined) return { eventId: null, wrong: ['its payload is not JSON'], payload };
  if (!isEventKind(entry.kind))
    return {
      eventId: null,
      wrong: [`its kind ${JSON.stringify(entry.kind)} is not one the server records`],
      payload,
    };
  const { event, id } = recordedEvent(entry.kind, payload);
  if (id === null)
    return { eventId: null, wrong: [`its payload holds no ${entry.kind} with an id`], payload };
  const wrong: string[] = [];
  if (id !== entry.id)
    wrong.push(`its id is not the id of the ${entry.kind} it records (${JSON.stringify(id)})`);
  let canonical: string | null;
  try {
    canonical = canonicalJson(event);
  } catch {
    canonical = null;
  }
  const countersignature = (payload as { countersignature?: unknown }).countersignature;
  if (
    canonical === null ||
    typeof countersignature !== 'string' ||
    entry.payload !== eventPayload(entry.kind, countersignature, canonical)
  )
    wrong.push('its payload is not the canonical JSON of its event and countersignature');
  if (canonical === null || entry.bodyHash !== eventBodyHash(entry.kind, entry.subject, canonical))
    wrong.push(`its bodyHash is not the hash of its ${entry.kind}`);
  return { eventId: id, wrong, payload };
}

/**
 * Why `entry` is not one the server wrote, or null: its content is not as the server writes it,
 * or its countersignature does not verify with `keys`. What the handler checks before a status
 * counts an entry.
 */
export async function entryProblem(entry: LogEntry, keys: KeySet): Promise<string | null> {
  const { wrong, payload } = entryContent(entry);
  if (wrong.length > 0) return `${wrong.join('; ')}.`;
  const check = await verifyEntryCountersignature(entry, keys, payload);
  return check.ok ? null : `its countersignature does not verify: ${check.reason}`;
}

/**
 * Checks an entry's countersignature: over `{ [kind]: event, receivedAt, subject }`, as the
 * handler signed it. `payload`: the entry's payload already parsed (by {@link entryContent}), so
 * it is not parsed twice.
 */
export async function verifyEntryCountersignature(
  entry: LogEntry,
  keys: KeySet,
  payload: unknown = parsePayload(entry),
): Promise<{ ok: boolean; reason?: string }> {
  if (payload === undefined) return { ok: false, reason: 'its payload is not JSON.' };
  // A payload of JSON null, a number or an array holds no countersignature (and must not crash).
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return { ok: false, reason: 'its payload is not a JSON object.' };
  const record = payload as Record<string, unknown>;
  const check = await verifyDetachedJws(
    record.countersignature,
    { [entry.kind]: record[entry.kind], receivedAt: entry.receivedAt, subject: entry.subject },
    keys,
  );
  return check.ok ? { ok: true } : { ok: false, reason: check.reason };
}
