'use client';

import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ChangeEvent,
} from 'react';
import { hashAgreement } from '../../core/hash';
import { createReceipt, type CreateReceiptInput } from '../../core/receipt';
import type {
  Agreement,
  ConsentReceipt,
  ReadingRequirement,
  ReceiptReading,
  ReceiptSigner,
} from '../../core/types';
import { warnOnce } from '../internal/dev';
import { dataFlag, mergeProps, type AnyProps } from '../internal/merge-props';
import { useLatest } from '../internal/use-latest';
import {
  useGuardianCoSign,
  type UseGuardianCoSignOptions,
  type UseGuardianCoSignResult,
} from '../use-guardian-co-sign';
import { useDocumentReading, type DocumentReading } from '../use-document-reading';
import type { UseKeyClausesOptions, UseKeyClausesResult } from '../use-key-clauses';
import type { UseScrollToEndOptions, UseScrollToEndResult } from '../use-scroll-to-end';
import {
  clickwrapReducer,
  defaultReasonMessages,
  initialClickwrapState,
  isLocked,
  missingRequirements,
  type ClickwrapAction,
  type ClickwrapReasonMessages,
  type ClickwrapState,
  type ClickwrapStateReducer,
  type ClickwrapStatus,
  type MissingRequirement,
  type OrganizationField,
} from './reducer';

export {
  clickwrapReducer,
  defaultReasonMessages,
  initialClickwrapState,
  missingRequirements,
  type ClickwrapAction,
  type ClickwrapReasonMessages,
  type ClickwrapState,
  type ClickwrapStateReducer,
  type ClickwrapStatus,
  type MissingCode,
  type MissingRequirement,
  type MissingRequirementsInput,
  type OrganizationField,
} from './reducer';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A required acknowledgement: a statement the person ticks on its own, e.g. a commitment. */
export interface ClickwrapAcknowledgement {
  /** Stable id, recorded in the receipt. */
  id: string;
  /** The text shown next to the checkbox, recorded word for word. */
  label: string;
}

/**
 * An optional consent offered with the agreement, e.g. marketing e-mails: never ticked by
 * default, never required to accept, and recorded in the receipt whether granted or not.
 */
export interface ClickwrapOptionalConsent {
  /** Stable id, recorded in the receipt. */
  id: string;
  /** The text shown next to the checkbox, recorded word for word. */
  label: string;
}

/**
 * A document agreed to together with the agreement (e.g. a privacy policy shown with the Terms):
 * its own reading requirement, key clauses and hash, gated by the same accept and recorded in
 * the same receipt (`additionalDocuments`).
 */
export interface ClickwrapDocument {
  /** The document shown, from `parseAgreement` (an id other than the agreement's). */
  agreement: Agreement;
  /** What has been read of it: `useDocumentReading(agreement).reading`. */
  reading: DocumentReading;
  /** Whether its end must be reached. @default true */
  requireScrollToEnd?: boolean;
  /** Whether every one of its key clauses must have been on screen. @default false */
  requireAllKeyClausesSeen?: boolean;
  /** The consent to this document that this one replaces. @default null */
  replaces?: { version: string; receiptId?: string | null } | null;
}

/**
 * What `decline()` records and hands to `onDecline`: what was shown and read when the person
 * declined. It has no receipt id: a decline is not a consent and never shares an id with one.
 */
export interface DeclineRecord {
  /** The agreement shown. */
  agreement: {
    id: string;
    version: string;
    title: string;
    /** SHA-256 (hex) of the canonical text shown; null only if declined before it was computed. */
    sha256: string | null;
    canonicalization: string;
  };
  /** When the agreement was first shown (ISO 8601, client clock). */
  shownAt: string;
  /** When the person declined (ISO 8601, client clock). */
  declinedAt: string;
  /** The person who declined, as the app identifies them. */
  signer: ReceiptSigner;
  /** How far they had read. */
  reading: ReceiptReading;
  /** BCP 47 tag of the UI language. */
  locale: string;
  /** Which UI showed the agreement. */
  uiVariant: string;
  /** The version a consent would have replaced, or null. */
  replaces: { version: string; receiptId: string | null } | null;
  /** The additional documents shown, and how far each was read. */
  additionalDocuments: { id: string; version: string; title: string; reading: ReceiptReading }[];
}


export interface UseClickwrapOptions {
  /** The agreement shown, from `parseAgreement`. */
  agreement: Agreement;
  /** The person agreeing, as the app identifies them. */
  signer: { id: string; name?: string | null };
  /**
   * Delivers the receipt (e.g. POSTs it, with `receiptId` as the idempotency key). A rejection
   * sets status 'failed'; accepting again retries with the same receipt.
   */
  onAccept: (receipt: ConsentReceipt) => Promise<unknown> | unknown;
  /** Called by `decline()` with what was declined. */
  onDecline?: (record: DeclineRecord) => void;
  /** Whether the end of the agreement must be reached. @default true */
  requireScrollToEnd?: boolean;
  /** Whether every key clause must have been on screen. @default false */
  requireAllKeyClausesSeen?: boolean;
  /** Statements that must each be ticked on their own, e.g. the six call-center commitments. @default [] */
  acknowledgements?: readonly ClickwrapAcknowledgement[];
  /**
   * Consents the person may give or not, e.g. marketing e-mails: never ticked by default, never
   * required to accept, recorded in the receipt's `optionalConsents` granted or not. @default []
   */
  optionalConsents?: readonly ClickwrapOptionalConsent[];
  /**
   * Further documents agreed to with the agreement (e.g. a privacy policy), each with its own
   * reading (from `useDocumentReading`) and requirement. Accepting needs every document's
   * requirement met; the receipt lists each in `additionalDocuments`. @default []
   */
  documents?: readonly ClickwrapDocument[];
  /** Ask for the organisation's name and the signer's authority. @default false */
  organization?: boolean;
  /** Age gate and guardian co-signing (in `joint` mode `minorName` defaults to `signer.name`). @default false */
  guardian?: false | UseGuardianCoSignOptions;
  /** BCP 47 tag of the UI language, recorded in the receipt. @default 'en' */
  locale?: string;
  /** Which UI collects the consent, recorded in the receipt. @default 'headless' */
  uiVariant?: string;
  /** The consent this one replaces (re-consent). @default null */
  replaces?: { version: string; receiptId?: string | null } | null;
  /**
   * Re-consent: the passages added or changed since the replaced version, as the ids of those
   * seen so far (e.g. from a second `useKeyClauses` over them) and how many there are; recorded
   * in the receipt (`reading.changesSeen`, `changesTotal`; it needs `replaces`). With
   * `required: true` (a re-consent that asks to read only what changed), each must have been on
   * screen before accepting (the reason shown is `messages.passages`), instead of the end
   * (`requireScrollToEnd` is then ignored), and the receipt says `reading.required: "changes"`.
   * @default null (a first consent)
   */
  changes?: { seen: readonly string[]; total: number; required?: boolean } | null;
  /** Replaces some or all of the English reasons in `missing`. */
  messages?: Partial<ClickwrapReasonMessages>;
  /** Options for the inner `useScrollToEnd`. */
  scroll?: UseScrollToEndOptions;
  /** Options for the inner `useKeyClauses` (its `root` is the scroll area). */
  keyClauses?: Omit<UseKeyClausesOptions, 'root'>;
  /** Overrides state transitions, Downshift style: `(state, { ...action, changes }) => state`. */
  stateReducer?: ClickwrapStateReducer;
}

/** The organisation signer's fields. */
export interface ClickwrapOrganization {
  /** The organisation's name, as typed. */
  name: string;
  /** The signer's authority to bind it (their role), as typed. */
  signerAuthority: string;
  /** Sets the organisation's name. */
  setName: (name: string) => void;
  /** Sets the signer's authority. */
  setSignerAuthority: (authority: string) => void;
  /** Every current error. */
  errors: Partial<Record<OrganizationField, string>>;
  /** The errors to show now (touched fields, or all after an accept attempt). */
  shownErrors: Partial<Record<OrganizationField, string>>;
}

export interface UseClickwrapResult {
  /** The inner scroll-to-end hook: spread `scroll.getScrollAreaProps()` on the agreement's scroll area. */
  scroll: UseScrollToEndResult;
  /** The inner key-clauses hook: spread `keyClauses.getClauseProps(id)` on each key clause. */
  keyClauses: UseKeyClausesResult;
  /** The inner guardian hook, or null without `guardian`. */
  guardian: UseGuardianCoSignResult | null;
  /** Whether the assent checkbox is ticked (never true by default). */
  assented: boolean;
  /** Ticks or unticks the assent (ignored while locked). */
  setAssented: (assented: boolean) => void;
  /** When each acknowledgement was ticked, by id; undefined when not ticked. */
  acknowledged: Readonly<Record<string, Date | undefined>>;
  /** Ticks or unticks an acknowledgement (ignored while locked). */
  setAcknowledged: (id: string, acknowledged: boolean) => void;
  /** Whether each optional consent is granted, by id (false until the person ticks it). */
  optionalConsents: Readonly<Record<string, boolean>>;
  /** Grants or withdraws an optional consent (ignored while locked). */
  setOptionalConsent: (id: string, granted: boolean) => void;
  /** The organisation signer's fields, or null without `organization`. */
  organization: ClickwrapOrganization | null;
  /** Whether every requirement holds now. */
  canAccept: boolean;
  /** What still stands between the person and accepting, as sentences, in page order. */
  missing: string[];
  /** The same, with a stable `code` for each. */
  missingRequirements: MissingRequirement[];
  /** The dom id of the reasons element (`getMissingProps`). */
  missingId: string;
  /** Delivery status: idle → submitting → accepted | failed (→ submitting on retry). */
  status: ClickwrapStatus;
  /** True after a failed delivery: accepting again retries the same receipt. */
  isRetry: boolean;
  /** Whether the answers are frozen (from the first accept on). */
  locked: boolean;
  /** Whether accept was pressed while something was missing (every error is then shown). */
  attempted: boolean;
  /** What the last delivery (or building the receipt) failed with. */
  error: unknown;
  /** The receipt being delivered or delivered: the same object, same id, across retries. */
  receipt: ConsentReceipt | null;
  /**
   * Accepts: builds the receipt (once) and calls `onAccept`. Resolves to the receipt when
   * delivered, null when something is missing (errors are then shown) or delivery failed.
   * While submitting, returns the pending promise; after a failure, retries the same receipt.
   */
  accept: () => Promise<ConsentReceipt | null>;
  /** Declines: calls `onDecline` with the record and returns it; null while submitting or after accepting. */
  decline: () => DeclineRecord | null;
  /** Props for the assent checkbox `<input>`; never pre-ticked. @selector [data-state="checked"] [data-invalid] */
  getAssentCheckboxProps: (props?: AnyProps) => AnyProps;
  /** Props for an acknowledgement checkbox `<input>`. @selector [data-state="checked"] [data-invalid] */
  getAcknowledgementCheckboxProps: (id: string, props?: AnyProps) => AnyProps;
  /**
   * Props for an optional consent's checkbox `<input>`: never pre-ticked, never required.
   * @selector [data-state="checked"] [data-optional-consent]
   */
  getOptionalConsentCheckboxProps: (id: string, props?: AnyProps) => AnyProps;
  /**
   * Props for the accept button: `aria-disabled` and described by the reasons when it cannot
   * accept (never native `disabled`). @selector [data-state=<status>] [data-retry]
   */
  getAcceptButtonProps: (props?: AnyProps) => AnyProps;
  /** Props for the decline button. */
  getDeclineButtonProps: (props?: AnyProps) => AnyProps;
  /** Props for the element listing `missing` (id, polite live region). @selector [data-state="complete"|"incomplete"] */
  getMissingProps: (props?: AnyProps) => AnyProps;
  /** Props for an element announcing the delivery status. @selector [data-state=<status>] */
  getStatusProps: (props?: AnyProps) => AnyProps;
  /** Props for the organisation name `<input>` (only with `organization`). */
  getOrganizationNameInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the signer authority `<input>` (only with `organization`). */
  getSignerAuthorityInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the element showing an organisation field's error. */
  getOrganizationErrorProps: (field: OrganizationField, props?: AnyProps) => AnyProps;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const NO_ACKNOWLEDGEMENTS: readonly ClickwrapAcknowledgement[] = [];
const NO_OPTIONAL_CONSENTS: readonly ClickwrapOptionalConsent[] = [];
const NO_DOCUMENTS: readonly ClickwrapDocument[] = [];

/** A document's reading as the receipt records it. */
function receiptReading(
  reading: DocumentReading,
  required: ReadingRequirement,
  keyClausesTotal: number,
  changes: { seen: readonly string[]; total: number } | null,
): ReceiptReading {
  return {
    required,
    reachedEnd: reading.reachedEnd,
    // Reached but not yet timed (reached from the start, in the one render before its time is
    // taken): it was reached by now at the latest.
    reachedEndAt: reading.reachedEnd
      ? (reading.reachedEndAt ?? new Date()).toISOString()
      : null,
    keyClausesSeen: [...reading.keyClausesSeen],
    keyClausesTotal,
    changesSeen: changes ? [...new Set(changes.seen)] : [],
    changesTotal: changes?.total ?? 0,
  };
}
const GUARDIAN_FIELDS = ['name', 'relationship', 'attestation', 'verification'] as const;

/** Drops a caller's `checked`/`defaultChecked`: consent boxes are ticked by the person only. */
function withoutPreTick(props: AnyProps | undefined, getter: string): AnyProps | undefined {
  if (!props || !('checked' in props || 'defaultChecked' in props)) return props;
  const { checked, defaultChecked, ...rest } = props;
  if (checked || defaultChecked) {
    warnOnce(
      `${getter} ignores \`checked\` and \`defaultChecked\`: a consent checkbox must be ticked by ` +
        'the person, never pre-ticked (a pre-ticked box is not a valid consent, and the receipt ' +
        'would record an agreement nobody gave). Remove the prop; the hook controls the box.',
    );
  }
  return rest;
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
}

// ---------------------------------------------------------------------------------------------
// The hook
// ---------------------------------------------------------------------------------------------

/**
 * The whole clickwrap: reading (scroll to end, key clauses), age gate and guardian, required
 * acknowledgements, organisation signer and the assent, gated into one accept button that
 * explains itself; builds the consent receipt and delivers it once, retrying the same receipt
 * after a failure.
 */
export function useClickwrap(options: UseClickwrapOptions): UseClickwrapResult {
  const {
    agreement,
    signer,
    requireScrollToEnd = true,
    requireAllKeyClausesSeen = false,
    acknowledgements = NO_ACKNOWLEDGEMENTS,
    optionalConsents = NO_OPTIONAL_CONSENTS,
    documents = NO_DOCUMENTS,
    locale = 'en',
    uiVariant = 'headless',
    replaces = null,
  } = options;
  const withOrganization = options.organization ?? false;
  const guardianOptions = options.guardian || null;

  const messages = useMemo(
    () => ({ ...defaultReasonMessages, ...options.messages }),
    [options.messages],
  );

  // ---- state --------------------------------------------------------------------------------

  const stateReducerRef = useLatest(options.stateReducer);
  const reducer = useCallback(
    (state: ClickwrapState, action: ClickwrapAction) => {
      const changes = clickwrapReducer(state, action);
      const custom = stateReducerRef.current;
      return custom ? custom(state, { ...action, changes }) : changes;
    },
    [stateReducerRef],
  );
  const [state, dispatch] = useReducer(reducer, initialClickwrapState);
  const locked = isLocked(state.status);

  // ---- the inner hooks ----------------------------------------------------------------------

  const primary = useDocumentReading(agreement, {
    scroll: options.scroll,
    keyClauses: options.keyClauses,
  });
  const { scroll, keyClauses } = primary;
  // Always called (hooks cannot be conditional); ignored without `guardian`. In joint mode the
  // signer is the minor, so the guardian's name must differ from theirs; in guardian-only mode
  // the signer may be the guardian, so only an explicit `minorName` is compared.
  const jointMode = (guardianOptions?.mode ?? 'joint') === 'joint';
  const guardianHook = useGuardianCoSign({
    ...guardianOptions,
    minorName: guardianOptions?.minorName ?? (jointMode ? signer.name : null) ?? null,
    readOnly: locked || guardianOptions?.readOnly,
  });
  const guardian = guardianOptions ? guardianHook : null;

  // ---- what was shown, and when ---------------------------------------------------------------

  // One hash per agreement, taken when it is first shown (an effect: never during render).
  const shown = useRef<Shown | null>(null);
  useEffect(() => {
    const key = `${agreement.id}\u0000${agreement.version}\u0000${agreement.markdown}`;
    if (shown.current?.key === key) return;
    const entry: Shown = { key, shownAt: new Date(), sha256: null };
    shown.current = entry;
    hashAgreement(agreement.markdown).then(
      (sha256) => {
        entry.sha256 = sha256;
      },
      () => {
        // No Web Crypto (an insecure context): createReceipt reports it on accept.
      },
    );
  }, [agreement.id, agreement.version, agreement.markdown]);

  // ---- requirements -------------------------------------------------------------------------

  if (acknowledgements.length > 0 && new Set(acknowledgements.map((a) => a.id)).size !== acknowledgements.length) {
    warnOnce(
      'useClickwrap: two acknowledgements share an id. Give each acknowledgement its own id: ' +
        'the receipt records them by id.',
    );
  }
  if (
    optionalConsents.length > 0 &&
    new Set(optionalConsents.map((c) => c.id)).size !== optionalConsents.length
  ) {
    warnOnce(
      'useClickwrap: two optional consents share an id. Give each its own id: the receipt ' +
        'records them by id, granted or not.',
    );
  }
  const documentIds = new Set([agreement.id]);
  for (const doc of documents) {
    if (documentIds.has(doc.agreement.id)) {
      throw new Error(
        `useClickwrap: the document "${doc.agreement.id}" is listed twice (in \`documents\`, or as ` +
          'the `agreement` itself). Give each document its own id: the receipt lists each once.',
      );
    }
    documentIds.add(doc.agreement.id);
  }
  const changes = options.changes ?? null;
  const changesRequired = changes?.required ? changes : null;

  const organizationErrors = useMemo(() => {
    const errors: Partial<Record<OrganizationField, string>> = {};
    if (!withOrganization) return errors;
    if (state.organizationName.trim() === '') errors.name = messages.organizationName;
    if (state.signerAuthority.trim() === '') errors.signerAuthority = messages.signerAuthority;
    return errors;
  }, [withOrganization, state.organizationName, state.signerAuthority, messages]);

  const missingList = missingRequirements(
    {
      requireScrollToEnd: requireScrollToEnd && !changesRequired,
      reachedEnd: scroll.reachedEnd,
      requireAllKeyClausesSeen,
      keyClausesSeen: keyClauses.seenIds.length,
      keyClausesTotal: agreement.keyClauses.length,
      passages: changesRequired && {
        seen: new Set(changesRequired.seen).size,
        total: changesRequired.total,
      },
      documents: documents.map((doc) => ({
        id: doc.agreement.id,
        title: doc.agreement.title,
        requireScrollToEnd: doc.requireScrollToEnd ?? true,
        reachedEnd: doc.reading.reachedEnd,
        requireAllKeyClausesSeen: doc.requireAllKeyClausesSeen ?? false,
        keyClausesSeen: doc.reading.keyClausesSeen.length,
        keyClausesTotal: doc.agreement.keyClauses.length,
      })),
      guardian: guardian && {
        birthDateEntered: guardian.birthDate.trim() !== '',
        birthDateInvalid: guardian.ageError !== null,
        decided: guardian.decision !== null,
        required: guardian.required,
        invalid: GUARDIAN_FIELDS.filter((field) => guardian.errors[field] !== undefined),
      },
      organization: withOrganization
        ? { name: state.organizationName, signerAuthority: state.signerAuthority }
        : null,
      acknowledgements,
      acknowledged: state.acknowledged,
      assented: state.assented,
    },
    messages,
  );
  const canAccept = missingList.length === 0;

  // ---- setters ------------------------------------------------------------------------------

  const setAssented = useCallback((value: boolean) => dispatch({ type: 'assent', value }), []);
  const setAcknowledged = useCallback(
    (id: string, value: boolean) => dispatch({ type: 'acknowledge', id, value, at: new Date() }),
    [],
  );
  const setOptionalConsent = useCallback(
    (id: string, value: boolean) => dispatch({ type: 'optionalConsent', id, value, at: new Date() }),
    [],
  );
  const setOrganizationName = useCallback(
    (value: string) => dispatch({ type: 'organizationName', value }),
    [],
  );
  const setSignerAuthority = useCallback(
    (value: string) => dispatch({ type: 'signerAuthority', value }),
    [],
  );

  // ---- accept and decline -------------------------------------------------------------------

  const onAcceptRef = useLatest(options.onAccept);
  const onDeclineRef = useLatest(options.onDecline);
  const delivery = useRef<Delivery>({ receipt: null, pending: null, accepted: false });
  const [receipt, setReceipt] = useState<ConsentReceipt | null>(null);

  const primaryRequired: ReadingRequirement = changesRequired
    ? 'changes'
    : requireScrollToEnd
      ? 'whole'
      : 'none';
  const readingNow = (): ReceiptReading =>
    receiptReading(primary.reading, primaryRequired, agreement.keyClauses.length, changes);
  const documentsNow = () =>
    documents.map((doc) => ({
      agreement: doc.agreement,
      reading: receiptReading(
        doc.reading,
        (doc.requireScrollToEnd ?? true) ? 'whole' : 'none',
        doc.agreement.keyClauses.length,
        null,
      ),
      replaces: doc.replaces ?? null,
    }));

  // Everything accept() and decline() read, as of the last render the person saw.
  const live = useLatest({
    agreement,
    signer,
    canAccept,
    status: state.status,
    acknowledgements,
    acknowledged: state.acknowledged,
    optionalConsents,
    optional: state.optional,
    documents: documentsNow,
    organization: withOrganization
      ? { name: state.organizationName.trim(), signerAuthority: state.signerAuthority.trim() }
      : null,
    guardian,
    reading: readingNow,
    locale,
    uiVariant,
    replaces,
  });

  const accept = useCallback((): Promise<ConsentReceipt | null> => {
    const d = delivery.current;
    if (d.accepted) return Promise.resolve(d.receipt);
    if (d.pending) return d.pending;
    const now = live.current;
    // A retry after a failure skips the check: the answers were frozen when they passed it.
    if (now.status === 'idle' && !now.canAccept) {
      dispatch({ type: 'attempt' });
      now.guardian?.showErrors();
      return Promise.resolve(null);
    }
    const acceptedAt = new Date();
    dispatch({ type: 'submit' });

    const run = async (): Promise<ConsentReceipt | null> => {
      let current = d.receipt;
      if (!current) {
        const input: CreateReceiptInput = {
          agreement: now.agreement,
          shownAt: shown.current?.shownAt ?? acceptedAt,
          acceptedAt,
          signer: { id: now.signer.id, name: now.signer.name ?? null },
          organization: now.organization,
          ...(now.guardian ? now.guardian.toReceipt() : { guardian: null, minor: null }),
          acknowledgements: now.acknowledgements.flatMap((ack) => {
            const at = now.acknowledged[ack.id];
            return at ? [{ id: ack.id, label: ack.label, at }] : [];
          }),
          optionalConsents: now.optionalConsents.map((consent) => {
            const given = now.optional[consent.id];
            return {
              id: consent.id,
              label: consent.label,
              granted: given?.granted ?? false,
              at: given?.at ?? null,
            };
          }),
          reading: now.reading(),
          locale: now.locale,
          uiVariant: now.uiVariant,
          replaces: now.replaces,
          additionalDocuments: now.documents(),
        };
        try {
          current = await createReceipt(input);
        } catch (error) {
          d.pending = null;
          dispatch({ type: 'fail', error });
          return null;
        }
        d.receipt = current;
        setReceipt(current);
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
  }, [live, onAcceptRef]);

  const decline = useCallback((): DeclineRecord | null => {
    const d = delivery.current;
    if (d.pending || d.accepted) return null;
    const now = live.current;
    const declinedAt = new Date();
    const entry = shown.current;
    const record: DeclineRecord = {
      agreement: {
        id: now.agreement.id,
        version: now.agreement.version,
        title: now.agreement.title,
        sha256: entry?.sha256 ?? null,
        canonicalization: now.agreement.canonicalization,
      },
      shownAt: (entry?.shownAt ?? declinedAt).toISOString(),
      declinedAt: declinedAt.toISOString(),
      signer: { id: now.signer.id, name: now.signer.name || null },
      reading: now.reading(),
      locale: now.locale,
      uiVariant: now.uiVariant,
      replaces: now.replaces
        ? { version: now.replaces.version, receiptId: now.replaces.receiptId ?? null }
        : null,
      additionalDocuments: now.documents().map((doc) => ({
        id: doc.agreement.id,
        version: doc.agreement.version,
        title: doc.agreement.title,
        reading: doc.reading,
      })),
    };
    onDeclineRef.current?.(record);
    return record;
  }, [live, onDeclineRef]);

  // ---- prop getters -------------------------------------------------------------------------

  const baseId = useId();
  const missingId = `${baseId}-missing`;
  const organizationErrorId = (field: OrganizationField) => `${baseId}-organization-${field}-error`;
  const submitting = state.status === 'submitting';
  const accepted = state.status === 'accepted';

  const checkbox = (checked: boolean, onToggle: (checked: boolean) => void) => ({
    type: 'checkbox',
    checked,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onToggle(event.target.checked),
    'aria-required': true,
    // Checkboxes cannot be natively read-only: aria-disabled keeps them focusable and
    // announced, and the reducer ignores changes, so React keeps the box as it was.
    'aria-disabled': locked || undefined,
    'aria-invalid': (state.attempted && !checked) || undefined,
    'data-state': checked ? 'checked' : 'unchecked',
    'data-invalid': dataFlag(state.attempted && !checked),
  });

  const getAssentCheckboxProps = (props?: AnyProps) =>
    mergeProps(
      checkbox(state.assented, setAssented),
      withoutPreTick(props, 'getAssentCheckboxProps'),
    );

  const getAcknowledgementCheckboxProps = (id: string, props?: AnyProps) => {
    if (!acknowledgements.some((ack) => ack.id === id)) {
      throw new Error(
        `getAcknowledgementCheckboxProps: no acknowledgement has the id ${JSON.stringify(id)}. ` +
          `Pass one of the ids given in useClickwrap's \`acknowledgements\` option (${
            acknowledgements.map((a) => JSON.stringify(a.id)).join(', ') || 'none given'
          }).`,
      );
    }
    return mergeProps(
      {
        ...checkbox(Boolean(state.acknowledged[id]), (value) => setAcknowledged(id, value)),
        'data-acknowledgement': id,
      },
      withoutPreTick(props, 'getAcknowledgementCheckboxProps'),
    );
  };

  const getOptionalConsentCheckboxProps = (id: string, props?: AnyProps) => {
    if (!optionalConsents.some((consent) => consent.id === id)) {
      throw new Error(
        `getOptionalConsentCheckboxProps: no optional consent has the id ${JSON.stringify(id)}. ` +
          `Pass one of the ids given in useClickwrap's \`optionalConsents\` option (${
            optionalConsents.map((c) => JSON.stringify(c.id)).join(', ') || 'none given'
          }).`,
      );
    }
    const granted = Boolean(state.optional[id]?.granted);
    return mergeProps(
      {
        type: 'checkbox',
        checked: granted,
        onChange: (event: ChangeEvent<HTMLInputElement>) => setOptionalConsent(id, event.target.checked),
        // Optional: never aria-required, never invalid, never in `missing`.
        'aria-disabled': locked || undefined,
        'data-state': granted ? 'checked' : 'unchecked',
        'data-optional-consent': id,
      },
      withoutPreTick(props, 'getOptionalConsentCheckboxProps'),
    );
  };

  const getAcceptButtonProps = (props?: AnyProps) => {
    const blocked = submitting || accepted || (state.status === 'idle' && !canAccept);
    return mergeProps(
      {
        type: 'button',
        onClick: () => {
          void accept();
        },
        'aria-disabled': blocked || undefined,
        'aria-describedby': state.status === 'idle' && !canAccept ? missingId : undefined,
        'aria-busy': submitting || undefined,
        'data-state': state.status,
        'data-retry': dataFlag(state.status === 'failed'),
      },
      props,
    );
  };

  const getDeclineButtonProps = (props?: AnyProps) =>
    mergeProps(
      {
        type: 'button',
        onClick: () => {
          decline();
        },
        'aria-disabled': submitting || accepted || undefined,
      },
      props,
    );

  const getMissingProps = (props?: AnyProps) =>
    mergeProps(
      {
        id: missingId,
        'aria-live': 'polite',
        'data-state': canAccept ? 'complete' : 'incomplete',
        'data-attempted': dataFlag(state.attempted),
      },
      props,
    );

  const getStatusProps = (props?: AnyProps) =>
    mergeProps({ role: 'status', 'aria-live': 'polite', 'data-state': state.status }, props);

  const organizationShown = (field: OrganizationField) =>
    (state.touched[field] || state.attempted) && organizationErrors[field] !== undefined;

  const organizationInput = (
    field: OrganizationField,
    value: string,
    set: (value: string) => void,
    autoComplete: string,
  ) => ({
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(event.target.value),
    onBlur: () => dispatch({ type: 'touch', field }),
    autoComplete,
    'aria-required': true,
    readOnly: locked || undefined,
    'aria-invalid': organizationShown(field) || undefined,
    'aria-describedby': organizationShown(field) ? organizationErrorId(field) : undefined,
    'data-invalid': dataFlag(organizationShown(field)),
  });

  const warnNoOrganization = (getter: string) => {
    if (!withOrganization) {
      warnOnce(`${getter} is used, but useClickwrap was not given \`organization: true\`, so the organisation is neither required nor recorded. Pass \`organization: true\`.`);
    }
  };

  const getOrganizationNameInputProps = (props?: AnyProps) => {
    warnNoOrganization('getOrganizationNameInputProps');
    return mergeProps(
      organizationInput('name', state.organizationName, setOrganizationName, 'organization'),
      props,
    );
  };

  const getSignerAuthorityInputProps = (props?: AnyProps) => {
    warnNoOrganization('getSignerAuthorityInputProps');
    return mergeProps(
      organizationInput('signerAuthority', state.signerAuthority, setSignerAuthority, 'organization-title'),
      props,
    );
  };

  const getOrganizationErrorProps = (field: OrganizationField, props?: AnyProps) =>
    mergeProps(
      {
        id: organizationErrorId(field),
        'aria-live': 'polite',
        'data-field': field,
        'data-invalid': dataFlag(organizationShown(field)),
      },
      props,
    );

  const optionalGranted = useMemo(
    () =>
      Object.fromEntries(
        optionalConsents.map((c) => [c.id, Boolean(state.optional[c.id]?.granted)]),
      ) as Readonly<Record<string, boolean>>,
    [optionalConsents, state.optional],
  );

  const organization: ClickwrapOrganization | null = withOrganization
    ? {
        name: state.organizationName,
        signerAuthority: state.signerAuthority,
        setName: setOrganizationName,
        setSignerAuthority,
        errors: organizationErrors,
        shownErrors: Object.fromEntries(
          (Object.keys(organizationErrors) as OrganizationField[])
            .filter(organizationShown)
            .map((field) => [field, organizationErrors[field]]),
        ),
      }
    : null;

  return {
    scroll,
    keyClauses,
    guardian,
    assented: state.assented,
    setAssented,
    acknowledged: state.acknowledged,
    setAcknowledged,
    optionalConsents: optionalGranted,
    setOptionalConsent,
    organization,
    canAccept,
    missing: missingList.map((m) => m.message),
    missingRequirements: missingList,
    missingId,
    status: state.status,
    isRetry: state.status === 'failed',
    locked,
    attempted: state.attempted,
    error: state.error,
    receipt,
    accept,
    decline,
    getAssentCheckboxProps,
    getAcknowledgementCheckboxProps,
    getOptionalConsentCheckboxProps,
    getAcceptButtonProps,
    getDeclineButtonProps,
    getMissingProps,
    getStatusProps,
    getOrganizationNameInputProps,
    getSignerAuthorityInputProps,
    getOrganizationErrorProps,
  };
}
