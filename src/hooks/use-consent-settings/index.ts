'use client';

/**
 * `useConsentSettings`: the headless half of "Your consents". It loads what a signed-in person
 * agreed to from react-clickwrap/server (`GET consents`, and each document's title), makes copies
 * of the versions they accepted, and withdraws optional consents, or consent as a whole, through
 * `POST withdrawals` (GDPR Art. 7(3): as easy as giving it), handing the server's record of each
 * to `onWithdrawn`. Every request runs in an effect or an event handler, never during render, so
 * it renders on a server as `loading`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { en } from '../../messages';
import { makeCopy } from './copy';
import { ConsentSettingsRequestError, fetchStatus, fetchVersion, newId, postWithdrawal } from './requests';
import type {
  ConsentSettingsDocument,
  ConsentSettingsError,
  ConsentSettingsOptionalConsent,
  ServedConsentStatus,
  ServedWithdrawal,
  UseConsentSettingsOptions,
  UseConsentSettingsResult,
} from './types';

export type {
  ConsentSettingsDocument,
  ConsentSettingsError,
  ConsentSettingsOptionalConsent,
  ServedCheckpoint,
  ServedWithdrawal,
  UseConsentSettingsOptions,
  UseConsentSettingsResult,
} from './types';

interface Loaded {
  status: 'loading' | 'ready' | 'error';
  /** The signed-in person, as the server identifies them (null until loaded). */
  subject: string | null;
  error: ConsentSettingsError | null;
  documents: ConsentSettingsDocument[];
  optionalConsents: ConsentSettingsOptionalConsent[];
}

const LOADING: Loaded = {
  status: 'loading',
  subject: null,
  error: null,
  documents: [],
  optionalConsents: [],
};

const asError = (caught: unknown): ConsentSettingsError =>
  caught instanceof ConsentSettingsRequestError
    ? { status: caught.status, code: caught.code, message: caught.message }
    : { status: null, code: 'unexpected', message: String((caught as Error)?.message ?? caught) };

/**
 * Calls the app's `onWithdrawn`. Its error is reported as uncaught, not caught here: it is the
 * app's bug, and the withdrawal must not then read as "could not be recorded".
 */
function handOn(onWithdrawn: UseConsentSettingsOptions['onWithdrawn'], recorded: ServedWithdrawal) {
  try {
    onWithdrawn?.(recorded);
  } catch (caught) {
    queueMicrotask(() => {
      throw caught;
    });
  }
}

/**
 * What a withdrawal withdraws, as the page shows it: who is signed in, and each consent it ends
 * with the receipt or the time that gave it. Asked again while that is unchanged (a double
 * click, a retry after a lost answer), it is the same withdrawal: one in flight, one id.
 */
function withdrawalKey(loaded: Loaded, optionalIds: readonly string[] | null): string {
  const options = loaded.optionalConsents
    .filter((o) => (optionalIds ? optionalIds.includes(o.id) : o.granted))
    .map((o) => `${o.id}:${o.granted}:${o.at ?? ''}`);
  const documents = optionalIds
    ? []
    : loaded.documents.map((d) => `${d.id}:${d.acceptedReceiptId ?? ''}:${d.withdrawnAt ?? ''}`);
  return JSON.stringify([optionalIds ? 'some' : 'all', loaded.subject, optionalIds, documents, options]);
}

/**
 * Whether `data` shows a consent that `recorded` should have ended but that was given after the
 * server received it (server times, both).
 */
function givenSince(data: Awaited<ReturnType<typeof load>>, recorded: ServedWithdrawal): boolean {
  const at = Date.parse(recorded.receivedAt);
  const after = (time: string | null) => time !== null && Date.parse(time) > at;
  const named = recorded.withdrawal.optionalConsents;
  const options = data.optionalConsents.some(
    (o) => o.granted && (named ? named.includes(o.id) : true) && after(o.at),
  );
  const documents = !named && data.documents.some((d) => d.accepted && after(d.acceptedAt));
  return options || documents;
}

/** A document as last accepted (its `accepted*` fields from `lastAccepted*`), when it was. */
function lastAccepted(doc: ConsentSettingsDocument): ConsentSettingsDocument {
  return doc.lastAcceptedVersion
    ? {
        ...doc,
        acceptedVersion: doc.lastAcceptedVersion,
        acceptedReceiptId: doc.lastAcceptedReceiptId ?? null,
        acceptedAt: doc.lastAcceptedAt ?? null,
      }
    : doc;
}

/** Loads the status and each document's title. */
async function load(fetcher: typeof fetch, basePath: string, labels: Readonly<Record<string, string>>) {
  const status: ServedConsentStatus = await fetchStatus(fetcher, basePath);
  const ids = Object.keys(status.documents);
  const current = await Promise.all(ids.map((id) => fetchVersion(fetcher, basePath, id)));
  const documents = ids.map((id, i) => ({ ...status.documents[id]!, id, title: current[i]!.title }));
  const optionalConsents = Object.entries(status.optionalConsents).map(([id, o]) => ({
    id,
    label: labels[id] ?? id,
    offered: o.offered,
    granted: o.granted,
    at: o.at,
  }));
  return { subject: status.subject, documents, optionalConsents };
}

// Its documentation is on the public name, in src/hooks/public/use-consent-settings.ts.
export function useConsentSettings(options: UseConsentSettingsOptions): UseConsentSettingsResult {
  const { basePath } = options;
  if (typeof basePath !== 'string' || basePath === '') {
    throw new TypeError(
      'useConsentSettings: pass basePath, the path where react-clickwrap/server\'s routes are mounted (e.g. "/api/clickwrap").',
    );
  }
  const [loaded, setLoaded] = useState<Loaded>(LOADING);
  const [pending, setPending] = useState<UseConsentSettingsResult['pending']>(null);
  // Why the last withdrawal failed, with what it withdrew: one state, so they never disagree.
  const [failure, setFailure] = useState<{
    error: ConsentSettingsError;
    of: UseConsentSettingsResult['failedWithdrawal'];
  } | null>(null);
  const [generation, setGeneration] = useState(0);
  // The caller's latest options, read by effects and handlers (inline objects change every render).
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  // A failed withdrawal is retried under the same id, so a lost answer never records it twice.
  // Keyed by what it withdraws as the page shows it (see `withdrawalKey`): a consent given since,
  // or another person signed in, is another withdrawal, under a new id.
  const retryIds = useRef(new Map<string, string>());

  useEffect(() => {
    let live = true;
    load(latest.current.fetch ?? globalThis.fetch, basePath, latest.current.optionalConsentLabels ?? {}).then(
      (data) => live && setLoaded({ status: 'ready', error: null, ...data }),
      (caught: unknown) => live && setLoaded({ ...LOADING, status: 'error', error: asError(caught) }),
    );
    return () => {
      live = false;
    };
  }, [basePath, generation]);

  // `loading` again at once, whatever came before: what follows (the list, or the error again)
  // is then news, shown and announced, even when it is the same error.
  const reload = useCallback(() => {
    setLoaded((was) => (was.status === 'loading' ? was : { ...was, status: 'loading', error: null }));
    setGeneration((g) => g + 1);
  }, []);

  // A withdrawal under way, by what it withdraws: asked again meanwhile (a double click, a
  // second call), the same one is returned, so the app is handed one record, not two.
  const inFlight = useRef(new Map<string, Promise<boolean>>());

  const send = useCallback(
    async (
      of: readonly string[] | 'all',
      key: string,
      body: (id: string) => Parameters<typeof postWithdrawal>[2],
    ) => {
      setPending(of === 'all' ? 'withdrawAll' : 'withdraw');
      setFailure(null);
      // At most twice: once more when the server answers with a withdrawal it recorded before a
      // consent that is in force now (see below).
      for (let attempt = 0; ; attempt++) {
        const id = retryIds.current.get(key) ?? newId();
        retryIds.current.set(key, id);
        let recorded: ServedWithdrawal;
        try {
          recorded = await postWithdrawal(latest.current.fetch ?? globalThis.fetch, basePath, body(id));
        } catch (caught) {
          if (caught instanceof ConsentSettingsRequestError && caught.code === 'nothing-to-withdraw') {
            // Nothing of it is in force any more (withdrawn from another tab or device): what the
            // person asked for holds. The list is loaded again to show it; no record is handed on.
            retryIds.current.delete(key);
            try {
              const data = await load(
                latest.current.fetch ?? globalThis.fetch,
                basePath,
                latest.current.optionalConsentLabels ?? {},
              );
              setLoaded({ status: 'ready', error: null, ...data });
            } catch (failed) {
              setLoaded({ ...LOADING, status: 'error', error: asError(failed) });
            }
            setPending(null);
            return true;
          }
          // 409: that id holds another withdrawal (another person's, signed in since): the next
          // try is a new one.
          if (caught instanceof ConsentSettingsRequestError && caught.status === 409) {
            retryIds.current.delete(key);
          }
          setFailure({ error: asError(caught), of });
          setPending(null);
          return false;
        }
        retryIds.current.delete(key);
        // Recorded now, whatever the reload below does: the app gets the record (and its
        // checkpoint) at once, and the withdrawal reads as done. A reload that fails leaves the
        // list unknown (an error with its own retry), never the withdrawal "not recorded": a retry
        // of it would record a second withdrawal under a new id.
        handOn(latest.current.onWithdrawn, recorded);
        let data: Awaited<ReturnType<typeof load>>;
        try {
          data = await load(
            latest.current.fetch ?? globalThis.fetch,
            basePath,
            latest.current.optionalConsentLabels ?? {},
          );
        } catch (caught) {
          setLoaded({ ...LOADING, status: 'error', error: asError(caught) });
          setPending(null);
          return true;
        }
        setLoaded({ status: 'ready', error: null, ...data });
        // A retry answered with the record of this id, received before a consent in force now
        // (the first answer was lost; the person consented again since, in another tab): that
        // record did not end it. The person asked to withdraw what the page showed, so that is
        // withdrawn again, under a new id.
        if (attempt === 0 && givenSince(data, recorded)) continue;
        setPending(null);
        return true;
      }
    },
    [basePath],
  );
  const record = useCallback(
    (
      of: readonly string[] | 'all',
      key: string,
      body: (id: string) => Parameters<typeof postWithdrawal>[2],
    ) => {
      const running = inFlight.current.get(key);
      if (running) return running;
      const sent = send(of, key, body).finally(() => inFlight.current.delete(key));
      inFlight.current.set(key, sent);
      return sent;
    },
    [send],
  );

  const withdraw = useCallback(
    (ids: readonly string[]) => {
      if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
        throw new TypeError(
          'useConsentSettings: withdraw(ids) takes a non-empty array of optional consent ids; use withdrawAll() for consent as a whole.',
        );
      }
      const sorted = [...new Set(ids)].sort();
      return record(sorted, withdrawalKey(loaded, sorted), (id) => ({ id, optionalConsents: sorted }));
    },
    [record, loaded],
  );
  const withdrawAll = useCallback(
    () => record('all', withdrawalKey(loaded, null), (id) => ({ id, all: true })),
    [record, loaded],
  );

  const documents = loaded.documents;
  const getCopy = useCallback(
    async (documentId: string) => {
      const found = documents.find((d) => d.id === documentId);
      // After a withdrawal, the copy is of the version last accepted: what the person had agreed to.
      const doc = found && !found.acceptedVersion ? lastAccepted(found) : found;
      if (!doc?.acceptedVersion) {
        throw new ConsentSettingsRequestError(
          null,
          'not-accepted',
          `useConsentSettings: there is no accepted version of ${JSON.stringify(documentId)} to copy.`,
        );
      }
      const { getReceipt, messages = en, fetch: fetcher = globalThis.fetch } = latest.current;
      const [served, receipt] = await Promise.all([
        fetchVersion(fetcher, basePath, doc.id, doc.acceptedVersion),
        doc.acceptedReceiptId && getReceipt ? getReceipt(doc.acceptedReceiptId) : null,
      ]);
      return makeCopy(doc, served, receipt ?? null, messages);
    },
    [basePath, documents],
  );

  return {
    status: loaded.status,
    error: loaded.error,
    documents,
    optionalConsents: loaded.optionalConsents,
    pending,
    actionError: failure?.error ?? null,
    failedWithdrawal: failure?.of ?? null,
    withdraw,
    withdrawAll,
    reload,
    getCopy,
  };
}
