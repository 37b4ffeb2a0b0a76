'use client';
import {
  useCallback,
  useDeferredValue,
  useId,
  useEffect,
  useMemo,
  useRef,
  useState,
  useTransition,
  type ReactNode,
} from 'react';
import type { Agreement } from '../../core/types';
import { useIsomorphicLayoutEffect } from '../../internal/use-isomorphic-layout-effect';
import { useLatest } from '../../internal/use-latest';
import {
  useClickwrap,
  type ClickwrapAcknowledgement,
  type ClickwrapOptionalConsent,
  type DeclineRecord,
  type UseClickwrapOptions,
} from '../../hooks/use-clickwrap';
import type { DocumentReading } from '../../hooks/use-document-reading';
import { useKeyClauses } from '../../hooks/use-key-clauses';
import { en, type ClickwrapMessages } from '../../messages';
import { everyText } from '../every-text';
import type { ClickwrapPreviousConsent, ReconsentReading } from '../reconsent-model';
import {
  ConfigContext,
  StateContext,
  type ClickwrapConfig,
  type ClickwrapDocumentConfig,
  type ClickwrapStateValue,
  type ClickwrapTheme,
} from './context';
import { LoadBoundary } from '../on-demand/boundary';
import { reconsentDiff } from './reconsent-loader';
import { createRootStore, currentReading, NOT_READ, type StoredReading } from './store';
import { useReconsent } from './use-reconsent';
import { agreementLanguage, uiLanguage } from './language';
import { warnOnce } from '../../internal/dev';

/** What every clickwrap layout takes: the `useClickwrap` options plus presentation. */
export interface ClickwrapProviderProps extends Omit<
  UseClickwrapOptions,
  'messages' | 'changes' | 'documents'
> {
  /**
   * Further documents agreed to with the agreement (e.g. a privacy policy), in the order shown.
   * Each gets its own scroll region, progress and key-clause summary; by default its end must
   * be reached (`requireScrollToEnd`). One accept covers them all, and the receipt lists each in
   * `additionalDocuments` with its own hash and reading evidence. What has been read of each
   * is kept by the root, so it survives its view closing (e.g. the modal's dialog). @default []
   */
  documents?: readonly ClickwrapDocumentConfig[];
  /**
   * Re-consent: the version the person last accepted (with when, and the old receipt's id). The
   * layout then says the agreement was updated and when, summarises what changed with links into
   * the text, marks the added and changed passages (`[data-change]`), and records
   * `replaces: { version, receiptId }` in the new receipt (unless `replaces` is given).
   * @default null (a first consent)
   */
  previous?: ClickwrapPreviousConsent | null;
  /**
   * In re-consent, what must be read before accepting: `whole` reaches the end of the agreement
   * (as `requireScrollToEnd` says); `changes` requires every added or changed passage to have
   * been on screen instead, and not the end. With no added or changed passage (only removals),
   * `changes` reads as `whole`. The receipt records which: `reading.required` is `"changes"`,
   * with the ids of the changed passages seen (`changesSeen`) and their number (`changesTotal`).
   * @default 'whole'
   */
  reconsentReading?: ReconsentReading;
  /** Every string the components render, as one complete object (`en`, `zhCN` or your own). @default en */
  messages?: ClickwrapMessages;
  /** BCP 47 tag of the UI language: the root's `lang`, and recorded in the receipt. @default messages.locale */
  locale?: string;
  /** Colour theme. @default 'system' */
  theme?: ClickwrapTheme;
  /**
   * Text direction of the UI. @default the direction of `locale`'s script: 'rtl' for Arabic,
   * Hebrew, Persian, Urdu and the other languages written right to left, else 'ltr'
   */
  dir?: 'ltr' | 'rtl';
  /** Render no `rcw-` classes, so `styles.css` styles nothing and you bring your own CSS. @default false */
  unstyled?: boolean;
  /** The parts of the clickwrap (agreement view, progress, controls…), in the layout you want. */
  children?: ReactNode;
}

function assertAgreement(agreement: Agreement | undefined): asserts agreement is Agreement {
  if (!agreement || typeof agreement.markdown !== 'string') {
    throw new Error(
      'react-clickwrap: `agreement` is missing. Pass the result of parseAgreement({ id, version, markdown }) ' +
        'from react-clickwrap/core.',
    );
  }
  if (agreement.markdown.trim() === '') {
    throw new Error(
      `react-clickwrap: the agreement "${agreement.id}" (version ${agreement.version}) has no text, ` +
        'so there is nothing to show or to agree to. Check that its markdown was loaded before ' +
        'rendering the clickwrap (parseAgreement rejects empty text for the same reason).',
    );
  }
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export function ClickwrapProvider(props: ClickwrapProviderProps) {
  // Re-consent waits for its diff (nothing is shown until it is there, as on the server); if it
  // cannot be loaded, an alert says so and offers to try again. The boundary is there whether or
  // not `previous` is given, so that giving it later (an app that loads the last consent after
  // mount) does not change the tree's shape, which would mount the clickwrap anew and lose what
  // was read, ticked and is being delivered.
  // Its alert renders where the root would, outside it: it takes the UI's language and direction.
  return (
    <LoadBoundary
      part={reconsentDiff}
      messages={everyText(props.messages ?? en, en)}
      unstyled={props.unstyled ?? false}
      {...uiLanguage(props)}
    >
      <ProviderBody {...props} />
    </LoadBoundary>
  );
}

function ProviderBody(props: ClickwrapProviderProps) {
  const {
    messages: given = en,
    locale,
    theme = 'system',
    dir,
    unstyled = false,
    children,
    guardian,
    onDecline,
    onAccept,
    uiVariant = 'custom',
    previous: previousProp = null,
    reconsentReading = 'whole',
    replaces,
    documents = NO_DOCUMENTS,
    ...options
  } = props;
  // A catalogue lacking texts (JSON, or written for an earlier version) is completed from English.
  const messages = everyText(given, en);
  assertAgreement(options.agreement);
  for (const doc of documents) assertAgreement(doc?.agreement);

  // `previous` given after mount is taken once re-consent's diff is there: until then the
  // clickwrap stays as it is on screen (and records what it shows), instead of hiding behind the
  // boundary while the diff loads. Given at mount, it is taken at once (the boundary waits).
  // Given after mount and the diff cannot be loaded, the clickwrap stays as it is too (the
  // boundary's alert in its place would lose what was read, ticked and is being delivered): the
  // notice's place says so, and "Try again" loads it in the background.
  const [givenAtMount] = useState(previousProp !== null);
  const wanted = useDeferredValue(previousProp !== null);
  // "Try again" names the failure to forget; it is forgotten in the render that then waits for
  // the diff (a transition: the clickwrap and the alert stay on screen meanwhile), once: a new
  // failure is another object. Forgotten in the click instead, the render that shows
  // `retrying` would already wait for the diff.
  const [forget, setForget] = useState<object | null>(null);
  const [retrying, startRetry] = useTransition();
  const failure = wanted && !givenAtMount ? reconsentDiff.failure() : null;
  if (failure !== null && failure === forget) reconsentDiff.retry();
  const lateFailure = wanted && !givenAtMount && reconsentDiff.failure() !== null;
  const reconsenting = wanted && !lateFailure;
  const previous = reconsenting ? previousProp : null;
  const retryReconsent = useCallback(() => {
    const current = reconsentDiff.failure();
    startRetry(() => setForget(current));
  }, []);
  const reconsentFailure = useMemo(
    () => (lateFailure ? { retry: retryReconsent, retrying } : null),
    [lateFailure, retrying, retryReconsent],
  );
  const wiring = useReconsent(options.agreement, previous, reconsentReading, replaces);

  // What has been read of each additional document, reported by its `DocumentScope` through
  // the store and kept here, so it lives as long as the clickwrap, not as long as the view.
  const [stored, setStored] = useState<Readonly<Record<string, StoredReading>>>({});
  const [store] = useState(() => createRootStore(setStored));
  const texts = useMemo(
    () =>
      new Map(
        documents.map((d) => [
          d.agreement.id,
          { version: d.agreement.version, markdown: d.agreement.markdown },
        ]),
      ),
    [documents],
  );
  const readings = useMemo(() => {
    const out: Record<string, DocumentReading> = {};
    for (const [id, text] of texts) out[id] = currentReading(stored, id, text);
    return out;
  }, [texts, stored]);
  const documentsWithReading = useMemo(
    () => documents.map((doc) => ({ ...doc, reading: readings[doc.agreement.id] ?? NOT_READ })),
    [documents, readings],
  );

  // The guardian form's fields follow the UI's locale, and so do the hook's errors, which name the
  // date's parts in that order: without a `locale` of its own (which would disagree with the
  // fields shown), the hook takes useClickwrap's, the UI's.
  const guardianOptions = useMemo(
    () =>
      guardian
        ? { ...guardian, locale: undefined, messages: { ...messages.guardian, ...guardian.messages } }
        : false,
    [guardian, messages.guardian],
  );

  const [declined, setDeclined] = useState(false);
  const onDeclineRef = useLatest(onDecline);
  const handleDecline = useCallback(
    (record: DeclineRecord) => {
      setDeclined(true);
      onDeclineRef.current?.(record);
    },
    [onDeclineRef],
  );
  const onAcceptRef = useLatest(onAccept);
  const handleAccept = useCallback(
    (receipt: Parameters<UseClickwrapOptions['onAccept']>[0]) => {
      setDeclined(false);
      return onAcceptRef.current(receipt);
    },
    [onAcceptRef],
  );

  const { lang: resolvedLocale, dir: resolvedDir } = uiLanguage({ locale, messages, dir });
  if (process.env.NODE_ENV !== 'production' && !/^en\b/i.test(resolvedLocale)) {
    for (const doc of [options.agreement, ...documents.map((d) => d.agreement)]) {
      if (agreementLanguage(doc) === undefined)
        warnOnce(
          `the agreement "${doc.id}" was parsed without a language, so its text is marked with the UI's ` +
            `("${resolvedLocale}"), and a screen reader reads it in that voice. Pass its language to ` +
            "parseAgreement (e.g. language: 'en').",
        );
    }
  }
  const cw = useClickwrap({
    ...options,
    changes: wiring.changes,
    documents: documentsWithReading,
    replaces: wiring.replaces,
    guardian: guardianOptions,
    messages: messages.reasons,
    locale: resolvedLocale,
    uiVariant,
    onAccept: handleAccept,
    onDecline: handleDecline,
  });

  const changes = useKeyClauses(wiring.tracked, {
    // Nothing to observe for a first consent (the hook is always called, never used then).
    root: wiring.reconsent ? cw.scroll.scrollArea : null,
    seen: wiring.changesSeen,
    onSeenChange: wiring.onChangesSeen,
  });

  // Re-consent taken after mount (or let go) draws the agreement anew with its changes marked: a
  // passage or heading that had focus (reached from a summary or the contents) is replaced, and
  // focus would fall to the page's body, or the dialog. It goes to the new one, found by its id.
  // What had focus anywhere, not only in the agreement: what is replaced elsewhere (the notice's
  // "Try again") is left to its own part.
  const area = cw.scroll.scrollArea;
  const lastFocused = useRef<Element | null>(null);
  useEffect(() => {
    const doc = area?.ownerDocument;
    if (!doc) return;
    const remember = (event: FocusEvent) => {
      lastFocused.current = event.target instanceof Element ? event.target : null;
    };
    doc.addEventListener('focusin', remember);
    return () => doc.removeEventListener('focusin', remember);
  }, [area]);
  useIsomorphicLayoutEffect(() => {
    const lost = lastFocused.current;
    if (!area || !lost || lost.isConnected || !lost.id) return;
    const active = area.ownerDocument.activeElement;
    if (active && active !== area.ownerDocument.body && !active.contains(area)) return;
    const next = area.ownerDocument.getElementById(lost.id);
    if (next instanceof HTMLElement && area.contains(next)) next.focus({ preventScroll: true });
  }, [wiring.reconsent]);

  // Published before the parts render (they read the store while rendering); listeners are
  // told after the commit.
  store.publish({ cw, declined, changes, texts });
  useIsomorphicLayoutEffect(() => {
    store.notify();
  });

  const prefix = useId();
  const sectionDomId = useCallback((id: string) => `${prefix}section-${id}`, [prefix]);
  const acknowledgements = options.acknowledgements ?? NO_ACKNOWLEDGEMENTS;
  const optionalConsents = options.optionalConsents ?? NO_OPTIONAL_CONSENTS;
  const titles = useMemo(
    () => [options.agreement.title, ...documents.map((doc) => doc.agreement.title)],
    [options.agreement.title, documents],
  );
  const verifiesGuardian = Boolean(guardian && guardian.verifyGuardian);
  const { reconsent } = wiring;
  const config = useMemo<ClickwrapConfig>(
    () => ({
      agreement: options.agreement,
      messages,
      locale: resolvedLocale,
      theme,
      dir: resolvedDir,
      unstyled,
      acknowledgements,
      verifiesGuardian,
      store,
      sectionDomId,
      reconsent,
      reconsentFailure,
      documents,
      optionalConsents,
      titles,
    }),
    [
      options.agreement,
      messages,
      resolvedLocale,
      theme,
      resolvedDir,
      unstyled,
      acknowledgements,
      verifiesGuardian,
      store,
      sectionDomId,
      reconsent,
      reconsentFailure,
      documents,
      optionalConsents,
      titles,
    ],
  );
  const state = useMemo<ClickwrapStateValue>(
    () => ({ cw, declined, changes, readings }),
    [cw, declined, changes, readings],
  );

  return (
    <ConfigContext.Provider value={config}>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
    </ConfigContext.Provider>
  );
}

const NO_ACKNOWLEDGEMENTS: readonly ClickwrapAcknowledgement[] = [];
const NO_OPTIONAL_CONSENTS: readonly ClickwrapOptionalConsent[] = [];
const NO_DOCUMENTS: readonly ClickwrapDocumentConfig[] = [];
