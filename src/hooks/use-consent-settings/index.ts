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
  error: ConsentSettingsError | null;
  documents: ConsentSettingsDocument[];
  optionalConsents: ConsentSettingsOptionalConsent[];
}

const LOADING: Loaded = { status: 'loading', error: null, documents: [], optionalConsents: [] };

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
  return { documents, optionalConsents };
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
  const [actionError, setActionError] = useState<ConsentSettingsError | null>(null);
  const [generation, setGeneration] = useState(0);
  // The caller's latest options, read by effects and handlers (inline objects change every render).
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  // A failed withdrawal is retried under the same id, so a lost answer never records it twice.
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
      kind: 'withdraw' | 'withdrawAll',
      key: string,
      body: (id: string) => Parameters<typeof postWithdrawal>[2],
    ) => {
      const id = retryIds.current.get(key) ?? newId();
      retryIds.current.set(key, id);
      setPending(kind);
      setActionError(null);
      let recorded: ServedWithdrawal;
      try {
        recorded = await postWithdrawal(latest.current.fetch ?? globalThis.fetch, basePath, body(id));
      } catch (caught) {
        setActionError(asError(caught));
        setPending(null);
        return false;
      }
      retryIds.current.delete(key);
      // Recorded now, whatever the reload below does: the app gets the record (and its checkpoint)
      // at once, and the withdrawal reads as done. A reload that fails leaves the list unknown
      // (an error with its own retry), never the withdrawal "not recorded": a retry of it would
      // record a second withdrawal under a new id.
      handOn(latest.current.onWithdrawn, recorded);
      try {
        const data = await load(
          latest.current.fetch ?? globalThis.fetch,
          basePath,
          latest.current.optionalConsentLabels ?? {},
        );
        setLoaded({ status: 'ready', error: null, ...data });
      } catch (caught) {
        setLoaded({ ...LOADING, status: 'error', error: asError(caught) });
      } finally {
        setPending(null);
      }
      return true;
    },
    [basePath],
  );
  const record = useCallback(
    (
      kind: 'withdraw' | 'withdrawAll',
      key: string,
      body: (id: string) => Parameters<typeof postWithdrawal>[2],
    ) => {
      const running = inFlight.current.get(key);
      if (running) return running;
      const sent = send(kind, key, body).finally(() => inFlight.current.delete(key));
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
      return record('withdraw', `some:${sorted.join('\n')}`, (id) => ({ id, optionalConsents: sorted }));
    },
    [record],
  );
  const withdrawAll = useCallback(() => record('withdrawAll', 'all', (id) => ({ id, all: true })), [record]);

  const documents = loaded.documents;
  const getCopy = useCallback(
    async (documentId: string) => {
      const doc = documents.find((d) => d.id === documentId);
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
    actionError,
    withdraw,
    withdrawAll,
    reload,
    getCopy,
  };
}
