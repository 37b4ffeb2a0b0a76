'use client';

/**
 * `useClickwrap`, composed: state (./reducer), the gate (./gate, ./requirements and ./receipt,
 * over the core's one rule set), delivery (./delivery) and the prop getters (./getters).
 */
import { useCallback, useId, useMemo, useReducer, useState } from 'react';
import { warnOnce } from '../../internal/dev';
import { useLatest } from '../../internal/use-latest';
import { guardianRuleName } from '../../core/receipt/rule-name';
import { useGuardianCoSign } from '../use-guardian-co-sign';
import { useOnKeyChange, useTextGeneration } from '../../internal/use-new-text';
import { useTextsGeneration } from '../../internal/use-texts-generation';
import { useDocumentReading } from '../use-document-reading';
import { useDelivery, type LiveClickwrap } from './delivery';
import { clickwrapGetters } from './getters';
import { clickwrapReducer, initialClickwrapState, isLocked, type OrganizationField } from './reducer';
import { gate } from './gate';
import type { ClickwrapGuardianSnapshot, ClickwrapSnapshot } from './receipt';
import { usePresentationElements } from './presentation';
import { enGuardian } from '../../messages/en-guardian';
import { enReasons } from '../../messages/en-reasons';
import type {
  ClickwrapAcknowledgement,
  ClickwrapDocument,
  ClickwrapOptionalConsent,
  ClickwrapOrganization,
  UseClickwrapOptions,
  UseClickwrapResult,
} from './types';

export type { ClickwrapStatus, OrganizationField } from './reducer';
export {
  defaultReasonMessages,
  missingRequirements,
  type ClickwrapReasonMessages,
  type MissingCode,
  type MissingRequirement,
  type MissingRequirementsInput,
} from './requirements';
export type {
  ClickwrapAcknowledgement,
  ClickwrapDocument,
  ClickwrapOptionalConsent,
  ClickwrapOrganization,
  DeclineRecord,
  UseClickwrapOptions,
  UseClickwrapResult,
} from './types';

/** An acknowledgement or optional consent: an id and the words shown. */
type Labelled = { id: string; label: string };

const NO_ACKNOWLEDGEMENTS: readonly ClickwrapAcknowledgement[] = [];
const NO_OPTIONAL_CONSENTS: readonly ClickwrapOptionalConsent[] = [];
const NO_DOCUMENTS: readonly ClickwrapDocument[] = [];
const GUARDIAN_FIELDS = ['name', 'relationship', 'attestation', 'verification'] as const;

/** Configuration mistakes that would make every receipt fail: said once, clearly, at render. */
function checkOptions(options: UseClickwrapOptions, documents: readonly ClickwrapDocument[]) {
  const { acknowledgements = [], optionalConsents = [], changes, replaces } = options;
  if (process.env.NODE_ENV !== 'production' && options.messages && options.locale === undefined) {
    warnOnce(
      'useClickwrap: messages are given but locale is not, so the receipt records the texts shown ' +
        "as English (locale 'en'). Pass locale too, the language of the texts you show (e.g. " +
        "locale: 'zh-CN' with zhCN's texts).",
    );
  }
  if (
    process.env.NODE_ENV !== 'production' &&
    new Set(acknowledgements.map((a) => a.id)).size !== acknowledgements.length
  ) {
    warnOnce(
      'useClickwrap: two acknowledgements share an id. Give each acknowledgement its own id: ' +
        'the receipt records them by id.',
    );
  }
  if (
    process.env.NODE_ENV !== 'production' &&
    new Set(optionalConsents.map((c) => c.id)).size !== optionalConsents.length
  ) {
    warnOnce(
      'useClickwrap: two optional consents share an id. Give each its own id: the receipt ' +
        'records them by id, granted or not.',
    );
  }
  const ids = new Set([options.agreement.id]);
  for (const doc of documents) {
    if (ids.has(doc.agreement.id)) {
      throw new Error(
        `useClickwrap: the document "${doc.agreement.id}" is listed twice (in \`documents\`, or as ` +
          'the `agreement` itself). Give each document its own id: the receipt lists each once.',
      );
    }
    ids.add(doc.agreement.id);
  }
  if (changes && (changes.required || changes.total > 0) && !replaces) {
    throw new Error(
      'useClickwrap: `changes` describes a re-consent, but no `replaces` is given, so no receipt ' +
        'could be made. Pass `replaces: { version }` (the version the person accepted before), ' +
        'or `changes: null` for a first consent.',
    );
  }
}

/** The words shown for each id. */
const labelsById = (items: readonly Labelled[]) => new Map(items.map((c) => [c.id, c.label]));

/** The ids shown now under other words than `known` holds, which then holds the words now shown. */
function reword(known: Map<string, string>, now: readonly Labelled[]): string[] {
  const changed = now.filter((c) => known.has(c.id) && known.get(c.id) !== c.label).map((c) => c.id);
  for (const c of now) known.set(c.id, c.label);
  return changed;
}

// Its documentation is on the public name, in src/hooks/public/use-clickwrap.ts.
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
  checkOptions(options, documents);

  // The gate words the age gate's and the guardian's reasons as their fields do: one sentence.
  const guardianMessages = guardianOptions ? guardianOptions.messages : undefined;
  const messages = useMemo(
    () => ({
      reasons: { ...enReasons, ...options.messages },
      guardian: { ...enGuardian, ...guardianMessages },
    }),
    [options.messages, guardianMessages],
  );

  // ---- state --------------------------------------------------------------------------------

  const [state, dispatch] = useReducer(clickwrapReducer, initialClickwrapState);
  const locked = isLocked(state.status);

  // ---- the inner hooks ----------------------------------------------------------------------

  const primary = useDocumentReading(agreement, {
    scroll: options.scroll,
    keyClauses: options.keyClauses,
  });
  // Always called (hooks cannot be conditional); ignored without `guardian`. In joint mode the
  // signer is the minor, so the guardian's name must differ from theirs; in guardian-only mode
  // the signer may be the guardian, so only an explicit `minorName` is compared.
  const jointMode = (guardianOptions?.mode ?? 'joint') === 'joint';
  // Another text shown (id, version or markdown), the agreement's or another document's, starts
  // the clickwrap over: its reading (in useDocumentReading), the assent and acknowledgements, the
  // guardian's attestation, and the delivery (useDelivery). What was given beside the old texts
  // is not given for these. (Both counts only grow, so their sum changes when either does.)
  const textGeneration = useTextGeneration(agreement);
  const generation = textGeneration + useTextsGeneration(documents.map((doc) => doc.agreement));
  useOnKeyChange(generation, () => dispatch({ type: 'newText' }));
  // A tick given to one wording is not given to another (a new language, a reworded consent):
  // an acknowledgement or optional consent whose label changes is unticked, to be given again.
  // `worded` holds, by id, the words the ticks were given under: kept for one no longer listed
  // (shown again under other words, its tick is not kept), and not moved on while the answers
  // are locked (nothing is unticked then: what is delivered stays as shown), so words changed
  // meanwhile are compared when the form opens again (another text).
  const wording = [...acknowledgements, ...optionalConsents].map((c) => `${c.id}\u0000${c.label}`).join('\n');
  const [worded] = useState(() => ({
    acknowledgements: labelsById(acknowledgements),
    optionalConsents: labelsById(optionalConsents),
  }));
  useOnKeyChange(`${locked}\n${wording}`, () => {
    if (locked) return;
    dispatch({
      type: 'reworded',
      acknowledgements: reword(worded.acknowledgements, acknowledgements),
      optionalConsents: reword(worded.optionalConsents, optionalConsents),
    });
  });
  const guardianHook = useGuardianCoSign({
    ...guardianOptions,
    // The UI's language, unless the guardian's options name one: the date's parts in its order.
    locale: guardianOptions?.locale ?? locale,
    minorName: guardianOptions?.minorName ?? (jointMode ? signer.name : null) ?? null,
    readOnly: locked || guardianOptions?.readOnly,
    resetKey: generation,
  });
  const guardian = guardianOptions ? guardianHook : null;

  // ---- the gate -----------------------------------------------------------------------------

  const guardianSnapshot: ClickwrapGuardianSnapshot | null = guardian && {
    gate: {
      birthDateEntered: guardian.birthDate.trim() !== '',
      birthDateInvalid: guardian.ageError !== null,
      decided: guardian.decision !== null,
      required: guardian.required,
      invalid: GUARDIAN_FIELDS.filter((field) => guardian.errors[field] !== undefined),
    },
    age: guardian.decision && {
      ageBracket: guardian.decision.ageBracket,
      rule: guardianRuleName(guardian.decision.rule),
      minimumAge: guardian.decision.minimumAge,
      guardianRequired: guardian.decision.required,
    },
    toReceipt: guardian.toReceipt,
  };
  const snapshot: ClickwrapSnapshot = {
    agreement,
    reading: primary.reading,
    requireScrollToEnd,
    requireAllKeyClausesSeen,
    changes: options.changes ?? null,
    documents,
    guardian: guardianSnapshot,
    organization: withOrganization,
    acknowledgements,
    optionalConsents,
    state,
    signer,
    locale,
    uiVariant,
    replaces,
  };
  const missingList = gate(snapshot, messages);
  const canAccept = missingList.length === 0;

  const organizationErrors = useMemo(() => {
    const errors: Partial<Record<OrganizationField, string>> = {};
    if (!withOrganization) return errors;
    if (state.organizationName.trim() === '') errors.name = messages.reasons.organizationName;
    if (state.signerAuthority.trim() === '') errors.signerAuthority = messages.reasons.signerAuthority;
    return errors;
  }, [withOrganization, state.organizationName, state.signerAuthority, messages]);

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
  const setSignerAuthority = useCallback((value: string) => dispatch({ type: 'signerAuthority', value }), []);

  // ---- accept and decline -------------------------------------------------------------------

  const live = useLatest<LiveClickwrap>({
    snapshot,
    canAccept,
    status: state.status,
    showGuardianErrors: guardian ? guardian.showErrors : null,
  });
  const { refs: presentationRefs, elements: presentationElements } = usePresentationElements();
  const { accept, decline, receipt } = useDelivery(
    agreement,
    generation,
    textGeneration,
    primary.scroll.scrollArea,
    live,
    dispatch,
    useLatest(options.onAccept),
    useLatest(options.onDecline),
    presentationElements,
  );

  // ---- prop getters -------------------------------------------------------------------------

  const baseId = useId();
  const missingId = `${baseId}-missing`;
  const { organizationShown, ...getters } = clickwrapGetters({
    state,
    dispatch,
    locked,
    canAccept,
    baseId,
    missingId,
    acknowledgements,
    optionalConsents,
    withOrganization,
    organizationErrors,
    accept,
    decline,
    setAssented,
    setAcknowledged,
    setOptionalConsent,
    setOrganizationName,
    setSignerAuthority,
    presentationRefs,
  });

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
    scroll: primary.scroll,
    keyClauses: primary.keyClauses,
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
    locked,
    attempted: state.attempted,
    attempts: state.attempts,
    error: state.error,
    receipt,
    accept,
    decline,
    ...getters,
  };
}
