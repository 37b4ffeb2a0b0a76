/**
 * A catalogue with every text: an app's catalogue loaded as JSON, written in JavaScript, or
 * written for an earlier version can lack texts added since, and a missing text crashed the
 * render (`format` on undefined), or left the Accept button without a name. Each missing text
 * is taken from the fallback (the bundled catalogue the component already holds), and in
 * development a warning names every one, once per catalogue. Framework-free and pure.
 */
import type { ClickwrapMessages } from './types';

type Node = Readonly<Record<string, unknown>>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a catalogue's text is usable: a string (even empty: an app may hide a text) or a function. */
const isText = (value: unknown) => typeof value === 'string' || typeof value === 'function';

/** `given` with what it lacks of `fallback`, deeply; the paths filled in go to `missing`. */
function fill(given: Node, fallback: Node, prefix: string, missing: string[]): Node {
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(fallback)) {
    const want = fallback[key];
    const have = given[key];
    const path = prefix ? `${prefix}.${key}` : key;
    let value = have;
    if (isNode(want)) {
      value = isNode(have) ? fill(have, want, path, missing) : (missing.push(path), want);
    } else if (!isText(have)) {
      missing.push(path);
      value = want;
    }
    if (value !== have) (out ??= { ...given })[key] = value;
  }
  return out ?? given;
}

const completed = new WeakMap<object, WeakMap<object, { messages: object; missing: string[] }>>();

/**
 * `messages` with every text `fallback` has, the missing ones taken from `fallback`, and the
 * dotted paths of those (empty when nothing was missing; then `messages` itself is returned, so
 * it stays the same object across renders). Memoised per pair of catalogues.
 */
export function completeMessages<T extends object = ClickwrapMessages>(
  messages: T,
  fallback: T,
): { messages: T; missing: readonly string[] } {
  if (messages === fallback || !isNode(messages))
    return { messages: isNode(messages) ? messages : fallback, missing: [] };
  let byFallback = completed.get(messages);
  if (!byFallback) completed.set(messages, (byFallback = new WeakMap()));
  let done = byFallback.get(fallback);
  if (!done) {
    const missing: string[] = [];
    done = { messages: fill(messages as Node, fallback as Node, '', missing), missing };
    byFallback.set(fallback, done);
  }
  return done as unknown as { messages: T; missing: readonly string[] };
}

/** The development warning for a catalogue that lacked texts, naming them (at most 20). */
export function missingMessagesWarning(missing: readonly string[], locale: unknown): string {
  const names =
    missing.slice(0, 20).join(', ') + (missing.length > 20 ? `, and ${missing.length - 20} more` : '');
  return (
    `the messages catalogue${typeof locale === 'string' ? ` "${locale}"` : ''} lacks ${missing.length} text${missing.length === 1 ? '' : 's'} (${names}), ` +
    'shown in English meanwhile. A catalogue written for an earlier version lacks the texts added since: ' +
    'add them, and check it with `satisfies ClickwrapMessages` (react-clickwrap/messages).'
  );
}
