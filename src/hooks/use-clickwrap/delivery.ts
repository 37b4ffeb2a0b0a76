'use client';

/**
 * Accepting and declining: builds the receipt once (from the snapshot the gate passed), delivers
 * it through `onAccept`, and retries the same receipt after a failure. What builds the receipt
 * (./make-receipt.ts) is loaded on demand: preloaded after mount, awaited at accept only if it
 * has not arrived yet.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject } from 'react';
import type { Agreement, ConsentReceipt } from '../../core/types';
import type { ClickwrapAction, ClickwrapStatus } from './reducer';
import { buildDeclineRecord, type ClickwrapSnapshot } from './receipt';
import { __DEV__ } from '../../internal/dev';
import type { PresentationElements } from './presentation';
import { measurePresentation } from './measure-presentation';
import { loadedReceiptMaker, loadReceiptMaker, type ReceiptMaker } from './receipt-maker';
import type { DeclineRecord } from './types';

/** What accept() and decline() read, as of the last render the person saw. */
export interface LiveClickwrap {
  snapshot: ClickwrapSnapshot;
  canAccept: boolean;
  status: ClickwrapStatus;
  /** Shows every guardian error (after an attempt with something missing). */
  showGuardianErrors: (() => void) | null;
}

interface Delivery {
  receipt: ConsentReceipt | null;
  pending: Promise<ConsentReceipt | null> | null;
  accepted: boolean;
}

interface Shown {
  key: string;
  shownAt: Date;
  sha256: string | null;
  /** Whether the hash is being computed (so it is started once). */
  hashing: boolean;
}

/**
 * When the agreement was first shown, and its hash: taken in an effect, never during render.
 * Hashing needs the receipt maker, so this effect is also what preloads it, after mount.
 */
function useShown(agreement: Agreement): RefObject<Shown | null> {
  const shown = useRef<Shown | null>(null);
  useEffect(() => {
    const key = `${agreement.id}\u0000${agreement.version}\u0000${agreement.markdown}`;
    if (shown.current?.key === key) return;
    const entry: Shown = { key, shownAt: new Date(), sha256: null, hashing: false };
    shown.current = entry;
    void loadReceiptMaker().then(
      (maker) => hashShown(entry, maker, agreement.markdown),
      () => {
        // The maker could not load: accept reports it, and loads it again (then hashes: see
        // hashShown); a decline until then records no hash.
      },
    );
  }, [agreement.id, agreement.version, agreement.markdown]);
  return shown;
}

/** Hashes the text shown into `entry` once (no Web Crypto, e.g. an insecure context: no hash). */
function hashShown(entry: Shown, maker: ReceiptMaker, markdown: string): void {
  if (entry.sha256 !== null || entry.hashing) return;
  entry.hashing = true;
  maker.hashAgreement(markdown).then(
    (sha256) => {
      entry.sha256 = sha256;
    },
    () => {
      entry.hashing = false;
    },
  );
}

/** `accept`, `decline` and the receipt being delivered. */
export function useDelivery(
  agreement: Agreement,
  live: RefObject<LiveClickwrap>,
  dispatch: Dispatch<ClickwrapAction>,
  onAcceptRef: RefObject<(receipt: ConsentReceipt) => Promise<unknown> | unknown>,
  onDeclineRef: RefObject<((record: DeclineRecord) => void) | undefined>,
  /** The elements the presentation is measured on at the moment of accept (see ./presentation.ts). */
  presentationElements: RefObject<PresentationElements>,
) {
  const shown = useShown(agreement);
  const delivery = useRef<Delivery>({ receipt: null, pending: null, accepted: false });
  const [receipt, setReceipt] = useState<ConsentReceipt | null>(null);

  const accept = useCallback((): Promise<ConsentReceipt | null> => {
    const d = delivery.current;
    if (d.accepted) return Promise.resolve(d.receipt);
    if (d.pending) return d.pending;
    const now = live.current;
    // A retry after a failure skips the check: the answers were frozen when they passed it.
    if (now.status === 'idle' && !now.canAccept) {
      dispatch({ type: 'attempt' });
      now.showGuardianErrors?.();
      return Promise.resolve(null);
    }
    const acceptedAt = new Date();
    // Measured now, loaded or not, before the state changes what is on screen (locked answers
    // look different): this is what the person saw. So the measurement is in the first load.
    const presentation = d.receipt ? null : measurePresentation(presentationElements.current);
    // Locks the answers at once, loaded or not: what is recorded is what stays on screen.
    dispatch({ type: 'submit' });

    const run = async (): Promise<ConsentReceipt | null> => {
      let current = d.receipt;
      if (!current) {
        try {
          // Not loaded yet (accept within moments of mount, or a slow network): awaited. A load
          // that fails records nothing.
          const m = loadedReceiptMaker() ?? (await loadReceiptMaker());
          // Loaded now after a failed preload: the text shown gets its hash, so a decline
          // after this accept (e.g. once delivery failed) records it too.
          if (shown.current) hashShown(shown.current, m, now.snapshot.agreement.markdown);
          current = await m.makeReceipt(
            now.snapshot,
            { shownAt: shown.current?.shownAt ?? acceptedAt, acceptedAt },
            presentation ?? measurePresentation(presentationElements.current),
          );
        } catch (error) {
          d.pending = null;
          dispatch({ type: 'fail', error });
          return null;
        }
        d.receipt = current;
        setReceipt(current);
        // The notice rules are for developers (the receipt carries the evidence anyway): loaded
        // on demand in development only, so production apps never fetch them.
        if (__DEV__) {
          const receipt = current;
          void import('./presentation-warnings').then(({ warnPresentationFindings }) =>
            warnPresentationFindings(receipt),
          );
        }
      }
      try {
        await onAcceptRef.current(current);
      } catch (error) {
        d.pending = null;
        dispatch({ type: 'fail', error });
        return null;
      }
      d.pending = null;
      d.accepted = true;
      dispatch({ type: 'succeed' });
      return current;
    };
    const pending = run();
    d.pending = pending;
    return pending;
  }, [live, dispatch, onAcceptRef, shown, presentationElements]);

  const decline = useCallback((): DeclineRecord | null => {
    const d = delivery.current;
    if (d.pending || d.accepted) return null;
    const declinedAt = new Date();
    const entry = shown.current;
    const record = buildDeclineRecord(
      live.current.snapshot,
      { shownAt: entry?.shownAt ?? declinedAt, sha256: entry?.sha256 ?? null },
      declinedAt,
    );
    onDeclineRef.current?.(record);
    return record;
  }, [live, onDeclineRef, shown]);

  return { accept, decline, receipt };
}
