'use client';
import type { MissingCode, UseClickwrapResult } from '../../hooks/use-clickwrap';
import type { DocumentReading } from '../../hooks/use-document-reading';
import type { UseKeyClausesResult } from '../../hooks/use-key-clauses';

/**
 * The root's one store: parts read the latest state at any time and follow changes without
 * re-rendering (see `AgreementView`). A `DocumentScope` gets a view of it for its document
 * (`forDocument`), with the same listeners, whose scroll and key clauses are that document's.
 */
export interface ClickwrapStore {
  /** The latest `useClickwrap` result (in a document's view, with that document's reading). */
  get: () => UseClickwrapResult;
  /** Whether the person declined (and has not tried to accept since). */
  declined: () => boolean;
  /** Called after every commit of the root or a document's scope; returns an unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  /** Which changed passages have been on screen (re-consent; empty otherwise). */
  changes: () => UseKeyClausesResult;
  /** The view of one additional document; the same object for the same id. */
  forDocument: (documentId: string) => ClickwrapStore;
  /** Records that a document's end came into view (the first time counts). */
  markReachedEnd: (documentId: string, at: Date) => void;
  /** Records key clauses of a document seen on screen (added to those already seen). */
  markKeyClausesSeen: (documentId: string, ids: readonly string[]) => void;
  /**
   * Says that a mounted part speaks of these requirements itself at an early press of Accept
   * (the guardian form's error summary, an alert), so that `MissingReasons` leaves them out of
   * what it says then: said once, not twice. Returns the function that takes it back (unmount).
   */
  speakFor: (codes: readonly MissingCode[]) => () => void;
  /** Whether a mounted part speaks of this requirement itself (see `speakFor`). */
  spokenFor: (code: MissingCode) => boolean;
}

/** What the root publishes on every render. */
export interface RootSnapshot {
  cw: UseClickwrapResult;
  declined: boolean;
  changes: UseKeyClausesResult;
  /** The text of each additional document shown, by id. */
  texts: ReadonlyMap<string, ShownText>;
}

/** Which text of a document is shown: its version and its words. */
export interface ShownText {
  version: string;
  markdown: string;
}

/** What has been read of a document, and of which text of it. */
export interface StoredReading extends DocumentReading {
  text: ShownText | undefined;
}

/**
 * The root's readings for the documents it shows now: what was read of another text is not
 * read, whether its version or only its words differ (a corrected or translated text under the
 * same version), as for the agreement itself (`useTextGeneration`).
 */
export function currentReading(
  stored: Readonly<Record<string, StoredReading>>,
  id: string,
  text: ShownText | undefined,
): DocumentReading {
  const reading = stored[id];
  const same =
    reading !== undefined &&
    reading.text?.version === text?.version &&
    reading.text?.markdown === text?.markdown;
  return same ? reading : NOT_READ;
}

/** What a `DocumentScope` publishes on every render: its live reading hooks. */
export type DocumentView = Pick<UseClickwrapResult, 'scroll' | 'keyClauses'>;

/** Updates the root's record of what has been read of each document (React state). */
export type SetReadings = (
  update: (current: Readonly<Record<string, StoredReading>>) => Readonly<Record<string, StoredReading>>,
) => void;

/** The store with the methods only the root and the scopes call. */
export interface RootStore extends ClickwrapStore {
  /** The root's latest state, before its children render. */
  publish: (snapshot: RootSnapshot) => void;
  /** A scope's latest reading hooks, before its parts render. */
  publishDocument: (documentId: string, view: DocumentView) => void;
  /** Tells every listener (after a commit). */
  notify: () => void;
}

/** A document that has not been read. */
export const NOT_READ: DocumentReading = Object.freeze({
  reachedEnd: false,
  reachedEndAt: null,
  keyClausesSeen: Object.freeze([]) as readonly string[],
});

/**
 * Creates the root's store; `setReadings` is the root's state setter for document readings.
 * The root and the scopes publish during render (parts read the store while rendering), and
 * the listeners are told after the commit.
 */
export function createRootStore(setReadings: SetReadings): RootStore {
  let snapshot: RootSnapshot | null = null;
  const current = (): RootSnapshot => {
    if (!snapshot) throw new Error('react-clickwrap: the clickwrap store was read before its root rendered.');
    return snapshot;
  };
  const views = new Map<string, DocumentView>();
  const lenses = new Map<string, ClickwrapStore>();
  const listeners = new Set<() => void>();

  const markReachedEnd = (id: string, at: Date) => {
    const text = snapshot?.texts.get(id);
    setReadings((current) => {
      const was = currentReading(current, id, text);
      if (was.reachedEnd) return current;
      return { ...current, [id]: { ...was, text, reachedEnd: true, reachedEndAt: at } };
    });
  };
  // A union, not a replacement: a view may report from a value the root has not rendered yet.
  const markKeyClausesSeen = (id: string, ids: readonly string[]) => {
    const text = snapshot?.texts.get(id);
    setReadings((current) => {
      const was = currentReading(current, id, text);
      const added = ids.filter((seen) => !was.keyClausesSeen.includes(seen));
      if (added.length === 0) return current;
      const keyClausesSeen = [...was.keyClausesSeen, ...added];
      return { ...current, [id]: { ...was, text, keyClausesSeen } };
    });
  };
  // How many mounted parts speak of each requirement (a count: two forms may come and go).
  const speakers = new Map<MissingCode, number>();
  const speakFor = (codes: readonly MissingCode[]) => {
    for (const code of codes) speakers.set(code, (speakers.get(code) ?? 0) + 1);
    return () => {
      for (const code of codes) speakers.set(code, (speakers.get(code) ?? 1) - 1);
    };
  };
  const spokenFor = (code: MissingCode) => (speakers.get(code) ?? 0) > 0;
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  const store: RootStore = {
    get: () => current().cw,
    declined: () => current().declined,
    changes: () => current().changes,
    subscribe,
    markReachedEnd,
    markKeyClausesSeen,
    speakFor,
    spokenFor,
    forDocument(id) {
      let lens = lenses.get(id);
      if (!lens) {
        lens = {
          declined: store.declined,
          changes: store.changes,
          subscribe,
          markReachedEnd,
          markKeyClausesSeen,
          speakFor,
          spokenFor,
          forDocument: store.forDocument,
          get: () => {
            const view = views.get(id);
            if (!view) {
              throw new Error(
                `react-clickwrap: the document "${id}" is read before its <DocumentScope> rendered.`,
              );
            }
            return { ...current().cw, scroll: view.scroll, keyClauses: view.keyClauses };
          },
        };
        lenses.set(id, lens);
      }
      return lens;
    },
    publish(next) {
      snapshot = next;
    },
    publishDocument(id, view) {
      views.set(id, view);
    },
    notify() {
      for (const listener of listeners) listener();
    },
  };
  return store;
}
