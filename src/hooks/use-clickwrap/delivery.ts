'use client';

/**
 * Accepting and declining: builds the receipt once (from the snapshot the gate passed), delivers
 * it through `onAccept`, and retries the same receipt after a failure. What builds the receipt
 * (./make-receipt.ts) is loaded on demand: preloaded after mount, awaited at accept only if it
 * has not arrived yet.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject } from 'react';
import type { Agreement, ConsentReceipt } from '../../core/types';
import { useLatest } from '../../internal/use-latest';
import { useOnKeyChange } from '../../internal/use-new-text';
import type { ClickwrapAction, ClickwrapStatus } from './reducer';
import { buildDeclineRecord, type ClickwrapSnapshot } from './receipt';
import type { PresentationElements } from './presentation';
import { measurePresentation } from './measure-presentation';
import { loadedReceiptMaker, loadReceiptMaker } from './receipt-maker';
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
  /**
   * The id of the last receipt a decline took back. Every later decline of this showing names
   * it too (until one takes back a newer receipt): the first decline's own delivery may have
   * failed, and the receipt may still reach the server.
   */
  takenBack: string | null;
  /**
   * The decline made since the last accept attempt, if any: pressed again (its delivery failed,
   * a double click, a key held down), the same decision is handed on again, not a new one.
   */
  declined: DeclineRecord | null;
  /**
   * The press the receipt is made from, until it is made: what was shown and answered then, its
   * times and presentation. A retry after the receipt could not be made (the maker did not load,
   * createReceipt threw) makes it from this, not from what the props say by then (words
   * relabelled in another language, a guardian's details read later).
   */
  press: Press | null;
}

/** One press of Accept, as the receipt records it. */
interface Press {
  snapshot: ClickwrapSnapshot;
  shownAt: Date;
  acceptedAt: Date;
  presentation: ReturnType<typeof measurePresentation>;
}

const NO_DELIVERY: Delivery = {
  receipt: null,
  pending: null,
  accepted: false,
  takenBack: null,
  declined: null,
  press: null,
};

/** One showing of one text (a new text is a new object: compare by identity). */
interface Shown {
  /** The text's generation (`useTextGeneration`). */
  generation: number;
  shownAt: Date;
  sha256: string | null;
  /** Whether `shownAt` is when the text's scroll area was first on the page (not only the hook). */
  onPage: boolean;
}

/**
 * When the agreement was first shown, and its hash: taken in effects, never during render.
 * Shown is when its scroll area first mounts (a modal's when it opens, not when its trigger
 * does), or, for a clickwrap that renders no scroll area, when the hook mounts. Hashing needs
 * the receipt maker, so the first effect is also what preloads it, after mount. Another text
 * (`generation`, from `useTextGeneration`) is a new showing.
 */
function useShown(
  agreement: Agreement,
  generation: number,
  scrollArea: HTMLElement | null,
): RefObject<Shown | null> {
  const shown = useRef<Shown | null>(null);
  // The text of this generation (its markdown, to hash), read by the effect that starts it.
  const markdown = useLatest(agreement.markdown);
  useEffect(() => {
    // Effects run twice on mount under StrictMode: the first showing stays.
    if (shown.current?.generation === generation) return;
    const entry: Shown = { generation, shownAt: new Date(), sha256: null, onPage: false };
    shown.current = entry;
    loadReceiptMaker()
      .then(({ hashAgreement }) => hashAgreement(markdown.current))
      .then(
        (sha256) => {
          entry.sha256 = sha256;
        },
        () => {
          // No Web Crypto (an insecure context), or the maker could not load: accept reports
          // either (createReceipt's error, or the load error); a decline until then records no
          // hash, and one after an accept that made a receipt records the receipt's.
        },
      );
  }, [generation, markdown]);
  // After the effect above (declared first), so a new text's entry exists. A scroll area that
  // closes and opens again keeps the first showing.
  useEffect(() => {
    const entry = shown.current;
    if (!scrollArea || !entry || entry.onPage) return;
    entry.onPage = true;
    entry.shownAt = new Date();
  }, [scrollArea, generation]);
  return shown;
}

/** `accept`, `decline` and the receipt being delivered. */
export function useDelivery(
  agreement: Agreement,
  /** Changes when another text is shown, the agreement's or another document's: delivery starts over. */
  generation: number,
  /** Changes when another text of the agreement is shown (`useTextGeneration`): a new showing of it. */
  textGeneration: number,
  /** The agreement's scroll area once mounted: the text is shown from then. */
  scrollArea: HTMLElement | null,
  live: RefObject<LiveClickwrap>,
  dispatch: Dispatch<ClickwrapAction>,
  onAcceptRef: RefObject<(receipt: ConsentReceipt) => Promise<unknown> | unknown>,
  onDeclineRef: RefObject<((record: DeclineRecord) => void) | undefined>,
  /** The elements the presentation is measured on at the moment of accept (see ./presentation.ts). */
  presentationElements: RefObject<PresentationElements>,
) {
  // The agreement was shown when it was, whatever the other documents did since.
  const shownRef = useShown(agreement, textGeneration, scrollArea);
  const delivery = useRef<Delivery>({ ...NO_DELIVERY });
  const [receipt, setReceipt] = useState<ConsentReceipt | null>(null);
  // Another text: the receipt made (or being delivered) is the old text's. A delivery still
  // under way finishes for its own text, but no longer speaks for this one: it neither returns
  // its receipt to a new accept nor moves the status (see `ours` in accept).
  useOnKeyChange(generation, () => {
    delivery.current = { ...NO_DELIVERY };
    setReceipt(null);
  });

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
    // A new decision: a decline after it is another one.
    d.declined = null;
    // When the text accepted was shown, taken now: another text may be shown before the receipt
    // is made.
    const shown = shownRef.current;
    if (!d.receipt && !d.press) {
      const acceptedAt = new Date();
      const { snapshot } = now;
      // The guardian's details as they are at the press (the hook reads its latest on each call).
      const parts = snapshot.guardian?.toReceipt();
      d.press = {
        snapshot:
          snapshot.guardian && parts
            ? { ...snapshot, guardian: { ...snapshot.guardian, toReceipt: () => parts } }
            : snapshot,
        shownAt: shown?.shownAt ?? acceptedAt,
        acceptedAt,
        // Measured now, loaded or not, before the state changes what is on screen (locked
        // answers look different): this is what the person saw. So it is in the first load.
        presentation: measurePresentation(presentationElements.current),
      };
    }
    const press = d.press;
    // Locks the answers at once, loaded or not: what is recorded is what stays on screen.
    dispatch({ type: 'submit' });
    // Whether this delivery still speaks for the text shown (another text starts a new one).
    const ours = () => delivery.current === d;
    // run() may settle before it returns (a maker or an onAccept that throws at once): then it
    // must not be left as pending, or every later accept and decline would wait on it.
    let settled = false;
    const settle = () => {
      settled = true;
      d.pending = null;
    };

    const run = async (): Promise<ConsentReceipt | null> => {
      let current = d.receipt;
      if (!current) {
        try {
          // Not loaded yet (accept within moments of mount, or a slow network): awaited. A load
          // that fails records nothing.
          const m = loadedReceiptMaker() ?? (await loadReceiptMaker());
          const p = press!;
          current = await m.makeReceipt(
            p.snapshot,
            { shownAt: p.shownAt, acceptedAt: p.acceptedAt },
            p.presentation,
          );
        } catch (error) {
          settle();
          if (ours()) dispatch({ type: 'fail', error });
          return null;
        }
        d.receipt = current;
        d.press = null;
        if (ours()) setReceipt(current);
        // After a failed preload the text shown has no hash yet: the receipt's is that hash,
        // so a decline after this accept (e.g. once delivery failed) records it too.
        // (Only while the same showing is current: another text is another entry.)
        if (shown && shown === shownRef.current && shown.sha256 === null) {
          shown.sha256 = current.agreement.sha256;
        }
        // The notice rules are for developers (the receipt carries the evidence anyway): loaded
        // on demand in development only, so production apps never fetch them.
        if (process.env.NODE_ENV !== 'production') {
          const receipt = current;
          void import('./presentation-warnings').then(({ warnPresentationFindings }) =>
            warnPresentationFindings(receipt),
          );
        }
      }
      try {
        await onAcceptRef.current(current);
      } catch (error) {
        settle();
        if (ours()) dispatch({ type: 'fail', error });
        return null;
      }
      settle();
      d.accepted = true;
      if (ours()) dispatch({ type: 'succeed' });
      return current;
    };
    const pending = run();
    if (!settled) d.pending = pending;
    return pending;
  }, [live, dispatch, onAcceptRef, shownRef, presentationElements]);

  const decline = useCallback((): DeclineRecord | null => {
    const d = delivery.current;
    if (d.pending || d.accepted) return null;
    // Pressed again with no accept between: the same decision, the same record (same id and
    // time), so that a retry of its delivery is recorded once.
    if (d.declined) {
      onDeclineRef.current?.(d.declined);
      return d.declined;
    }
    const declinedAt = new Date();
    const entry = shownRef.current;
    // A receipt made but not delivered (its delivery failed) is taken back by this decline: the
    // record names it, and an accept after this makes a new one, so the old one, should it
    // still arrive, cannot stand for an accept given after the decline.
    const undelivered = d.receipt;
    // A press whose receipt could not be made is taken back too: an accept after this is new.
    d.press = null;
    if (undelivered) {
      d.takenBack = undelivered.receiptId;
      d.receipt = null;
      setReceipt(null);
    }
    const record = buildDeclineRecord(
      live.current.snapshot,
      { shownAt: entry?.shownAt ?? declinedAt, sha256: entry?.sha256 ?? null },
      declinedAt,
      d.takenBack,
    );
    d.declined = record;
    onDeclineRef.current?.(record);
    return record;
  }, [live, onDeclineRef, shownRef]);

  return { accept, decline, receipt };
}
