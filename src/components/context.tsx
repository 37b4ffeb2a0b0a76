'use client';
import {
  createContext,
  forwardRef,
  useCallback,
  useContext,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import type { Agreement } from '../core/types';
import { warnOnce } from '../hooks/internal/dev';
import { dataFlag } from '../hooks/internal/merge-props';
import { useIsomorphicLayoutEffect } from '../hooks/internal/use-isomorphic-layout-effect';
import { useLatest } from '../hooks/internal/use-latest';
import {
  useClickwrap,
  type ClickwrapAcknowledgement,
  type ClickwrapDocument,
  type ClickwrapOptionalConsent,
  type DeclineRecord,
  type UseClickwrapOptions,
  type UseClickwrapResult,
} from '../hooks/use-clickwrap';
import type { DocumentReading } from '../hooks/use-document-reading';
import { useKeyClauses, type UseKeyClausesResult } from '../hooks/use-key-clauses';
import { en, toReasonMessages, type ClickwrapMessages } from './messages';
import {
  compareVersions,
  effectiveReading,
  type ClickwrapPreviousConsent,
  type ReconsentModel,
  type ReconsentReading,
} from './reconsent-model';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** `light`, `dark`, or `system` (follows `prefers-color-scheme`). */
export type ClickwrapTheme = 'light' | 'dark' | 'system';

/**
 * A document shown and agreed to with the agreement, e.g. a privacy policy: the layouts render
 * it in its own scroll region (`DocumentScope`), with its own progress and key clauses.
 */
export type ClickwrapDocumentConfig = Omit<ClickwrapDocument, 'reading'>;

/** What every clickwrap layout takes: the `useClickwrap` options plus presentation. */
export interface ClickwrapProviderProps
  extends Omit<UseClickwrapOptions, 'messages' | 'changes' | 'documents'> {
  /**
   * Further documents agreed to with the agreement (e.g. a privacy policy), in the order shown.
   * Each gets its own scroll region, progress and key-clause summary; by default its end must
   * be reached (`requireScrollToEnd`). One accept covers them all, and the receipt lists each in
   * `additionalDocuments` with its own hash and reading evidence. @default []
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
  /** Text direction of the UI; inherited from the page when not given. */
  dir?: 'ltr' | 'rtl';
  /** Render no `rcw-` classes, so `styles.css` styles nothing and you bring your own CSS. @default false */
  unstyled?: boolean;
  /** The parts of the clickwrap (agreement view, progress, controls…), in the layout you want. */
  children?: ReactNode;
}

/** A minimal store, so parts can follow state changes without re-rendering (see `AgreementView`). */
export interface ClickwrapStore {
  /** The latest `useClickwrap` result. */
  get: () => UseClickwrapResult;
  /** Whether the person declined (and has not tried to accept since). */
  declined: () => boolean;
  /** Called after every commit of the provider; returns an unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  /** Which changed passages have been on screen (re-consent; empty otherwise). */
  changes: () => UseKeyClausesResult;
}

/** What rarely changes: shared by every part, and the only context `AgreementView` reads. */
export interface ClickwrapConfig {
  agreement: Agreement;
  messages: ClickwrapMessages;
  locale: string;
  theme: ClickwrapTheme;
  dir: 'ltr' | 'rtl' | undefined;
  unstyled: boolean;
  acknowledgements: readonly ClickwrapAcknowledgement[];
  /** Whether the app passed `guardian.verifyGuardian`. */
  verifiesGuardian: boolean;
  store: ClickwrapStore;
  /** The dom id of an agreement section's heading (for the table of contents). */
  sectionDomId: (sectionId: string) => string;
  /** Re-consent: what changed since the accepted version; null for a first consent. */
  reconsent: ReconsentModel | null;
  /** The additional documents, in the order shown. */
  documents: readonly ClickwrapDocumentConfig[];
  /** The optional consents offered. */
  optionalConsents: readonly ClickwrapOptionalConsent[];
  /** Every document's title, agreement first (for the assent label). */
  titles: readonly string[];
  /** Called by `DocumentScope` with what has been read of a document. */
  reportDocumentReading: (id: string, reading: DocumentReading) => void;
}

/** What changes with every state change. */
export interface ClickwrapStateValue {
  cw: UseClickwrapResult;
  /** True after Decline, until the next accept attempt. */
  declined: boolean;
  /** Which changed passages have been on screen (re-consent; empty otherwise). */
  changes: UseKeyClausesResult;
}

/** Internal: `DocumentScope` re-provides both, pointed at one additional document. */
export const ConfigContext = createContext<ClickwrapConfig | null>(null);
export const StateContext = createContext<ClickwrapStateValue | null>(null);

function missingProvider(partName: string): Error {
  return new Error(
    `<${partName}> must be used inside <ClickwrapRoot> (or ClickwrapModal/ClickwrapPage, ` +
      'which render one). Wrap your layout: <ClickwrapRoot agreement={…} signer={…} ' +
      'onAccept={…}>…</ClickwrapRoot>.',
  );
}

/** The rarely changing configuration; does not re-render on state changes. */
export function useClickwrapConfig(partName: string): ClickwrapConfig {
  const config = useContext(ConfigContext);
  if (!config) throw missingProvider(partName);
  return config;
}

/**
 * The live `useClickwrap` result of the enclosing `ClickwrapRoot`, for custom parts. Throws a
 * message naming `partName` when used outside one. Re-renders on every state change.
 */
export function useClickwrapContext(partName: string): UseClickwrapResult {
  return useClickwrapState(partName).cw;
}

/** The live state plus component-level flags. */
export function useClickwrapState(partName: string): ClickwrapStateValue {
  const state = useContext(StateContext);
  if (!state) throw missingProvider(partName);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the parts
// ---------------------------------------------------------------------------------------------

/** Joins class names: ours (`rcw-<part>`, left out when unstyled) and the caller's. */
export function useCx(): (part: string | null, ...extra: Array<string | false | undefined>) => string | undefined {
  const { unstyled } = useClickwrapConfig('useCx');
  return useCallback(
    (part, ...extra) => {
      const names = [unstyled || !part ? '' : `rcw-${part}`, ...extra].filter(Boolean);
      return names.length ? names.join(' ') : undefined;
    },
    [unstyled],
  );
}

/** Visually hidden, still read by screen readers; inline so it works unstyled too. */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** A heading of a given level (1–6). */
export function Heading({
  level,
  ...props
}: { level: number } & HTMLAttributes<HTMLHeadingElement>) {
  const Tag = `h${Math.min(6, Math.max(1, Math.round(level)))}` as 'h2';
  return <Tag {...props} />;
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

// ---------------------------------------------------------------------------------------------
// Provider
// ---------------------------------------------------------------------------------------------

/**
 * Runs `useClickwrap` once and shares it with the parts below, without rendering any element.
 * `ClickwrapRoot` adds the themed root element; `ClickwrapModal` uses this directly, so the
 * state (and a receipt being delivered) outlives the dialog's content when it closes.
 */
export function ClickwrapProvider(props: ClickwrapProviderProps) {
  const {
    messages = en,
    locale,
    theme = 'system',
    dir,
    unstyled = false,
    children,
    guardian,
    onDecline,
    onAccept,
    uiVariant = 'custom',
    previous = null,
    reconsentReading = 'whole',
    replaces,
    documents = NO_DOCUMENTS,
    ...options
  } = props;
  assertAgreement(options.agreement);
  for (const doc of documents) assertAgreement(doc?.agreement);

  // Keyed on the fields, not on \`previous\` itself: an inline object is new on every render of
  // the app, and must neither recompute the diff nor forget which changes were read.
  const previousAgreement = previous?.agreement;
  const previousAcceptedAt = previous?.acceptedAt ?? null;
  const previousReceiptId = previous?.receiptId ?? null;
  const hasPrevious = previous != null;
  const comparison = useMemo(
    () => (hasPrevious ? compareVersions(previousAgreement, options.agreement) : null),
    [hasPrevious, previousAgreement, options.agreement],
  );
  const reconsent = useMemo<ReconsentModel | null>(
    () =>
      comparison && previousAgreement
        ? {
            ...comparison,
            previous: {
              agreement: previousAgreement,
              acceptedAt: previousAcceptedAt,
              receiptId: previousReceiptId,
            },
            reading: effectiveReading(comparison, reconsentReading),
          }
        : null,
    [comparison, previousAgreement, previousAcceptedAt, previousReceiptId, reconsentReading],
  );
  const resolvedReplaces = useMemo(
    () =>
      replaces !== undefined || !previousAgreement
        ? (replaces ?? null)
        : { version: previousAgreement.version, receiptId: previousReceiptId },
    [replaces, previousAgreement, previousReceiptId],
  );
  if (replaces && previousAgreement && replaces.version !== previousAgreement.version) {
    warnOnce(
      `react-clickwrap: \`replaces.version\` is "${replaces.version}" but \`previous.agreement\` is ` +
        `version "${previousAgreement.version}". The receipt records \`replaces\`; the notice shows ` +
        '`previous`. Leave `replaces` out: it is taken from `previous`.',
    );
  }
  // Which changed passages have been on screen, held here so the gate below can count them;
  // a new pair of versions starts with none seen.
  const tracked = useMemo(
    () => comparison?.tracked ?? { ...options.agreement, keyClauses: [] },
    [comparison, options.agreement],
  );
  const [seenState, setSeenState] = useState({ tracked, ids: NO_IDS });
  const changesSeen = seenState.tracked === tracked ? seenState.ids : NO_IDS;
  const changeReading = useMemo(() => {
    if (!reconsent) return null;
    const ids = new Set(tracked.keyClauses.map((c) => c.id));
    return {
      seen: changesSeen.filter((id) => ids.has(id)),
      total: tracked.keyClauses.length,
      required: reconsent.reading === 'changes',
    };
  }, [reconsent, changesSeen, tracked]);

  // What has been read of each additional document, reported by its `DocumentScope`.
  const [readings, setReadings] = useState<Readonly<Record<string, DocumentReading>>>({});
  const reportDocumentReading = useCallback((id: string, reading: DocumentReading) => {
    setReadings((current) => (current[id] === reading ? current : { ...current, [id]: reading }));
  }, []);
  const documentsWithReading = useMemo(
    () =>
      documents.map((doc) => ({
        ...doc,
        reading: readings[doc.agreement.id] ?? NOT_READ,
      })),
    [documents, readings],
  );

  const reasonMessages = useMemo(() => toReasonMessages(messages), [messages]);
  const guardianOptions = useMemo(
    () =>
      guardian ? { ...guardian, messages: { ...messages.guardian, ...guardian.messages } } : false,
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

  const resolvedLocale = locale ?? messages.locale;
  const cw = useClickwrap({
    ...options,
    changes: changeReading,
    documents: documentsWithReading,
    replaces: resolvedReplaces,
    guardian: guardianOptions,
    messages: reasonMessages,
    locale: resolvedLocale,
    uiVariant,
    onAccept: handleAccept,
    onDecline: handleDecline,
  });

  const changes = useKeyClauses(tracked, {
    // Nothing to observe for a first consent (the hook is always called, never used then).
    root: reconsent ? cw.scroll.scrollArea : null,
    seen: changesSeen,
    onSeenChange: (ids) => setSeenState({ tracked, ids }),
  });

  // The store: the latest result, readable at any time, plus listeners told after each commit.
  const latest = useRef(cw);
  latest.current = cw;
  const latestChanges = useRef(changes);
  latestChanges.current = changes;
  const latestDeclined = useRef(declined);
  latestDeclined.current = declined;
  const listeners = useRef(new Set<() => void>()).current;
  const store = useMemo<ClickwrapStore>(
    () => ({
      get: () => latest.current,
      declined: () => latestDeclined.current,
      changes: () => latestChanges.current,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    [listeners],
  );
  useIsomorphicLayoutEffect(() => {
    for (const listener of listeners) listener();
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
  const config = useMemo<ClickwrapConfig>(
    () => ({
      agreement: options.agreement,
      messages,
      locale: resolvedLocale,
      theme,
      dir,
      unstyled,
      acknowledgements,
      verifiesGuardian,
      store,
      sectionDomId,
      reconsent,
      documents,
      optionalConsents,
      titles,
      reportDocumentReading,
    }),
    [
      options.agreement,
      messages,
      resolvedLocale,
      theme,
      dir,
      unstyled,
      acknowledgements,
      verifiesGuardian,
      store,
      sectionDomId,
      reconsent,
      documents,
      optionalConsents,
      titles,
      reportDocumentReading,
    ],
  );
  const state = useMemo(() => ({ cw, declined, changes }), [cw, declined, changes]);

  return (
    <ConfigContext.Provider value={config}>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
    </ConfigContext.Provider>
  );
}

const NO_ACKNOWLEDGEMENTS: readonly ClickwrapAcknowledgement[] = [];
const NO_OPTIONAL_CONSENTS: readonly ClickwrapOptionalConsent[] = [];
const NO_DOCUMENTS: readonly ClickwrapDocumentConfig[] = [];
const NO_IDS: readonly string[] = [];
const NOT_READ: DocumentReading = Object.freeze({
  reachedEnd: false,
  reachedEndAt: null,
  keyClausesSeen: NO_IDS,
});

// ---------------------------------------------------------------------------------------------
// Root element
// ---------------------------------------------------------------------------------------------

/** The data attributes of a themed root, for custom roots (e.g. inside your own dialog). */
export function useRootAttributes(): Record<string, string | undefined> {
  const config = useClickwrapConfig('ClickwrapRoot');
  const { cw, declined } = useClickwrapState('ClickwrapRoot');
  return {
    'data-state': cw.status,
    'data-reached-end': dataFlag(cw.scroll.reachedEnd),
    'data-can-accept': dataFlag(cw.canAccept),
    'data-minor': dataFlag(cw.guardian?.required ?? false),
    'data-declined': dataFlag(declined),
    'data-reconsent': dataFlag(config.reconsent !== null),
    'data-theme': config.theme,
    dir: config.dir,
    lang: config.locale,
  };
}

export interface ClickwrapRootElementProps extends HTMLAttributes<HTMLDivElement> {
  /** The element to render. @default 'div' */
  as?: 'div' | 'section' | 'main' | 'article';
}

/**
 * The themed root element: `rcw-root` (unless unstyled) and the state as data attributes.
 * @selector [data-state="idle"|"submitting"|"accepted"|"failed"] [data-reached-end] [data-can-accept] [data-minor] [data-declined] [data-reconsent] [data-theme]
 */
export const ClickwrapRootElement = forwardRef<HTMLDivElement, ClickwrapRootElementProps>(
  function ClickwrapRootElement({ as: Tag = 'div', className, children, ...rest }, ref) {
    const attributes = useRootAttributes();
    const cx = useCx();
    return (
      <Tag ref={ref} {...attributes} className={cx('root', className)} {...rest}>
        {children}
      </Tag>
    );
  },
);

export interface ClickwrapRootProps
  extends ClickwrapProviderProps,
    Omit<ClickwrapRootElementProps, 'children' | 'dir' | 'onChange'> {}

/**
 * The root of a custom layout: runs `useClickwrap`, provides it to the parts inside, and renders
 * the themed root element (`rcw-root`, state as data attributes, `dir`, `lang`, `data-theme`).
 */
export const ClickwrapRoot = forwardRef<HTMLDivElement, ClickwrapRootProps>(function ClickwrapRoot(
  props,
  ref,
) {
  const [providerProps, elementProps] = splitRootProps(props);
  return (
    <ClickwrapProvider {...providerProps}>
      <ClickwrapRootElement ref={ref} {...elementProps}>
        {props.children}
      </ClickwrapRootElement>
    </ClickwrapProvider>
  );
});

// A record rather than a list, so adding a provider prop without listing it here fails to compile.
const PROVIDER_KEYS: Record<Exclude<keyof ClickwrapProviderProps, 'children'>, true> = {
  agreement: true,
  signer: true,
  onAccept: true,
  onDecline: true,
  requireScrollToEnd: true,
  requireAllKeyClausesSeen: true,
  acknowledgements: true,
  optionalConsents: true,
  documents: true,
  organization: true,
  guardian: true,
  locale: true,
  uiVariant: true,
  replaces: true,
  previous: true,
  reconsentReading: true,
  scroll: true,
  keyClauses: true,
  stateReducer: true,
  messages: true,
  theme: true,
  dir: true,
  unstyled: true,
};

/** Separates the provider's props from the root element's (children go to neither). */
export function splitRootProps<P extends ClickwrapProviderProps>(
  props: P,
): [ClickwrapProviderProps, Omit<P, keyof ClickwrapProviderProps>] {
  const provider: Record<string, unknown> = {};
  const element: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children') continue;
    if (Object.hasOwn(PROVIDER_KEYS, key)) provider[key] = value;
    else element[key] = value;
  }
  return [
    provider as unknown as ClickwrapProviderProps,
    element as Omit<P, keyof ClickwrapProviderProps>,
  ];
}
