'use client';

import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FocusEvent,
  type RefCallback,
} from 'react';
import { minimumAgeFor, parseCalendarDate, type CalendarDate, type GuardianRule } from '../../core/age';
import { dataFlag, mergeProps, type AnyProps } from '../../internal/merge-props';
import { useLatest } from '../../internal/use-latest';
import { useOnKeyChange } from '../../internal/use-new-text';
import { datePartOrder } from '../../messages/date-order';
import { birthDateMessage, type BirthDatePart } from './birth-date';
import {
  defaultGuardianCoSignMessages,
  type FieldErrors,
  type FieldFlags,
  type GuardianField,
  type GuardianValues,
  type GuardianVerification,
  type UseGuardianCoSignOptions,
  type UseGuardianCoSignResult,
} from './types';
import { guardianReceiptParts, normalizeName, sameName } from './names';
import { useBirthDate } from './use-birth-date';
import { RECEIPT_BOUNDS } from '../../core/receipt/bounds';

export { normalizeName, sameName } from './names';

export type { BirthDatePart, BirthDateParts, BirthDateProblem } from './birth-date';
export {
  defaultGuardianCoSignMessages,
  type GuardianCoSignMessages,
  type GuardianField,
  type GuardianMode,
  type GuardianValues,
  type GuardianVerification,
  type GuardianVerificationResult,
  type UseGuardianCoSignOptions,
  type UseGuardianCoSignResult,
  type VerifyGuardian,
} from './types';

const DEFAULT_RULE: GuardianRule = { kind: 'agreement' };
const IDLE: GuardianVerification = { status: 'idle', message: null, reference: null, error: null };
const ALL_TOUCHED: FieldFlags = {
  birthDate: true,
  name: true,
  relationship: true,
  attestation: true,
  verification: true,
};

// ---------------------------------------------------------------------------------------------
// The hook
// ---------------------------------------------------------------------------------------------

// Its documentation is on the public name, in src/hooks/public/use-guardian-co-sign.ts.
export function useGuardianCoSign(options: UseGuardianCoSignOptions = {}): UseGuardianCoSignResult {
  const {
    rule = DEFAULT_RULE,
    mode = 'joint',
    minorName,
    verifyGuardian,
    readOnly = false,
    timeZone,
    locale = 'en',
  } = options;
  const messages = useMemo(
    () => ({ ...defaultGuardianCoSignMessages, ...options.messages }),
    [options.messages],
  );
  const attestation =
    options.attestation ?? (mode === 'joint' ? messages.attestationJoint : messages.attestationGuardianOnly);

  // A bad rule or `today` is the developer's mistake: fail on the first render with core's
  // message, which says what to pass instead.
  const minimumAge = minimumAgeFor(rule);
  const todayKey =
    options.today === undefined
      ? undefined
      : typeof options.today === 'string'
        ? options.today
        : JSON.stringify(options.today);
  const fixedToday = useMemo(
    () =>
      todayKey === undefined
        ? null
        : parseCalendarDate(
            todayKey.startsWith('{') ? (JSON.parse(todayKey) as CalendarDate) : todayKey,
            'useGuardianCoSign `today`',
          ),
    [todayKey],
  );

  // Keyed by value, so an inline rule object does not recompute the decision on every render.
  const ruleKey = JSON.stringify(rule);
  const stableRule = useMemo(() => JSON.parse(ruleKey) as GuardianRule, [ruleKey]);
  // The order the fields of the UI's language show (the themed GuardianForm's): errors name the
  // parts in it. Cached per locale, so the same array at every render.
  const order = datePartOrder(locale);
  const { birthDate, setBirthDate, parts, setPart, decision, ageError, problem } = useBirthDate({
    value: options.birthDate,
    defaultValue: options.defaultBirthDate,
    onChange: options.onBirthDateChange,
    rule: stableRule,
    fixedToday,
    timeZone,
    readOnly,
    order,
  });
  const required = decision?.required ?? false;

  const [guardian, setGuardian] = useState<GuardianValues>({
    name: '',
    relationship: '',
    attested: false,
  });
  const [touched, setTouched] = useState<FieldFlags>({});
  const [verification, setVerification] = useState<GuardianVerification>(IDLE);
  // Each verify() call gets a number; an answer for an older call (the name changed since) is dropped.
  const verifyRun = useRef(0);

  const readOnlyRef = useLatest(readOnly);
  const guardianRef = useLatest(guardian);
  const verifyGuardianRef = useLatest(verifyGuardian);
  const messagesRef = useLatest(messages);

  const resetVerification = useCallback(() => {
    verifyRun.current += 1;
    setVerification((prev) => (prev.status === 'idle' ? prev : IDLE));
  }, []);

  const setGuardianName = useCallback(
    (name: string) => {
      if (readOnlyRef.current) return;
      if (name === guardianRef.current.name) return;
      guardianRef.current = { ...guardianRef.current, name };
      setGuardian((prev) => ({ ...prev, name }));
      resetVerification();
    },
    [readOnlyRef, guardianRef, resetVerification],
  );
  const setRelationship = useCallback(
    (relationship: string) => {
      if (readOnlyRef.current) return;
      if (relationship === guardianRef.current.relationship) return;
      guardianRef.current = { ...guardianRef.current, relationship };
      setGuardian((prev) => ({ ...prev, relationship }));
      resetVerification();
    },
    [readOnlyRef, guardianRef, resetVerification],
  );
  const setAttested = useCallback(
    (attested: boolean) => {
      if (readOnlyRef.current) return;
      guardianRef.current = { ...guardianRef.current, attested };
      setGuardian((prev) => (prev.attested === attested ? prev : { ...prev, attested }));
    },
    [readOnlyRef, guardianRef],
  );

  // Attested to another text, or to other words: not to these. Cleared even when read-only
  // (a receipt being delivered for the old text), as the clickwrap starts over.
  const clearAttestation = () => {
    if (!guardianRef.current.attested) return;
    guardianRef.current = { ...guardianRef.current, attested: false };
    setGuardian((prev) => (prev.attested ? { ...prev, attested: false } : prev));
  };
  useOnKeyChange(options.resetKey, clearAttestation);
  useOnKeyChange(attestation, clearAttestation);

  const touch = useCallback((field: GuardianField) => {
    setTouched((prev) => (prev[field] ? prev : { ...prev, [field]: true }));
  }, []);
  const showErrors = useCallback(() => setTouched(ALL_TOUCHED), []);

  const verify = useCallback(async (): Promise<boolean> => {
    const check = verifyGuardianRef.current;
    if (!check) return true;
    const run = ++verifyRun.current;
    const { name, relationship } = guardianRef.current;
    setVerification({ status: 'verifying', message: null, reference: null, error: null });
    let next: GuardianVerification;
    try {
      const result = await check({ name: normalizeName(name), relationship: relationship.trim() });
      next = result.ok
        ? {
            status: 'verified',
            message: result.message ?? null,
            reference: result.reference ?? null,
            error: null,
          }
        : {
            status: 'failed',
            message: result.message || messagesRef.current.verificationFailed,
            reference: null,
            error: null,
          };
    } catch (error) {
      next = { status: 'failed', message: messagesRef.current.verificationError, reference: null, error };
    }
    if (run !== verifyRun.current) return false;
    setVerification(next);
    setTouched((prev) => ({ ...prev, verification: true }));
    return next.status === 'verified';
  }, [verifyGuardianRef, guardianRef, messagesRef]);

  const errors = useMemo<FieldErrors>(() => {
    const out: FieldErrors = {};
    // Core's own messages are for developers; the person reads the form's sentence.
    if (problem) out.birthDate = birthDateMessage(problem, messages, locale);
    if (!required) return out;
    if (normalizeName(guardian.name) === '') out.name = messages.nameRequired;
    else if (minorName && sameName(guardian.name, minorName)) out.name = messages.nameSameAsMinor;
    if (guardian.relationship.trim() === '') out.relationship = messages.relationshipRequired;
    if (!guardian.attested) out.attestation = messages.attestationRequired;
    if (verifyGuardian && verification.status !== 'verified') {
      out.verification =
        verification.status === 'failed' && verification.message
          ? verification.message
          : messages.verificationRequired;
    }
    return out;
  }, [problem, required, guardian, minorName, verifyGuardian, verification, messages, locale]);

  // Shown once a field was left or Accept pressed; the check's error not while it runs again (its
  // answer is coming: "must be verified" then would be said as a new error, and wrongly).
  const checking = verification.status === 'verifying';
  const shownErrors = useMemo<FieldErrors>(() => {
    const out: FieldErrors = {};
    for (const [field, message] of Object.entries(errors) as Array<[GuardianField, string]>) {
      if (touched[field] && !(field === 'verification' && checking)) out[field] = message;
    }
    return out;
  }, [errors, touched, checking]);

  const isComplete = decision !== null && Object.keys(errors).length === 0;

  // ---- prop getters -------------------------------------------------------------------------

  const baseId = useId();
  const errorIdOf = useCallback((field: GuardianField) => `${baseId}-${field}-error`, [baseId]);

  // The day, month and year inputs, to tell a move between them from leaving the date.
  const [partElements] = useState(() => new Map<BirthDatePart, HTMLInputElement>());
  const partRefs = useRef<Partial<Record<BirthDatePart, RefCallback<HTMLInputElement>>>>({});
  const partRef = (part: BirthDatePart): RefCallback<HTMLInputElement> =>
    (partRefs.current[part] ??= (el) => {
      if (el) partElements.set(part, el);
      else partElements.delete(part);
    });

  const fieldA11y = (field: GuardianField) => {
    const shown = shownErrors[field] !== undefined;
    return {
      'aria-invalid': shown ? true : undefined,
      'aria-describedby': shown ? errorIdOf(field) : undefined,
      'data-invalid': dataFlag(shown),
    };
  };

  const textInput = (
    field: 'birthDate' | 'name' | 'relationship',
    value: string,
    set: (value: string) => void,
  ) => ({
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(event.target.value),
    onBlur: (_event: FocusEvent<HTMLInputElement>) => touch(field),
    'aria-required': true,
    readOnly: readOnly || undefined,
    'aria-readonly': readOnly || undefined,
    ...fieldA11y(field),
  });

  const getBirthDateInputProps = (props?: AnyProps) =>
    mergeProps(
      {
        ...textInput('birthDate', birthDate, setBirthDate),
        autoComplete: 'bday',
        placeholder: 'YYYY-MM-DD',
        'data-minor': dataFlag(required),
      },
      props,
    );

  // The error is the group's description (GOV.UK): said once on entering the fields, not per
  // field, and after the caller's hint, as it reads on screen.
  const birthDateShown = shownErrors.birthDate !== undefined;
  const getBirthDateGroupProps = (props?: AnyProps) => {
    const merged = mergeProps(
      { 'data-invalid': dataFlag(birthDateShown), 'data-minor': dataFlag(required) },
      props,
    );
    const describedBy = [props?.['aria-describedby'], birthDateShown ? errorIdOf('birthDate') : null]
      .filter((id): id is string => typeof id === 'string' && id !== '')
      .join(' ');
    return { ...merged, 'aria-describedby': describedBy || undefined };
  };

  const getBirthDatePartProps = (part: BirthDatePart, props?: AnyProps) => {
    const invalid = birthDateShown && (problem?.parts.includes(part) ?? false);
    return mergeProps(
      {
        ref: partRef(part),
        type: 'text',
        inputMode: 'numeric',
        autoComplete: `bday-${part}`,
        value: parts[part],
        onChange: (event: ChangeEvent<HTMLInputElement>) => setPart(part, event.target.value),
        // Moving between day, month and year is not leaving the date: its error waits until
        // focus leaves all three, so "must include a month" never shows while typing the day.
        onBlur: (event: FocusEvent<HTMLInputElement>) => {
          const next = event.relatedTarget;
          if (!next || ![...partElements.values()].includes(next as HTMLInputElement)) touch('birthDate');
        },
        'aria-required': true,
        'aria-invalid': invalid || undefined,
        readOnly: readOnly || undefined,
        'aria-readonly': readOnly || undefined,
        'data-part': part,
        'data-invalid': dataFlag(invalid),
      },
      props,
    );
  };

  // Typed by the person, recorded as typed: no longer than the default server accepts, so a
  // consent is never collected with a guardian it then refuses (as the organisation's fields).
  const getGuardianNameInputProps = (props?: AnyProps) =>
    mergeProps(
      {
        ...textInput('name', guardian.name, setGuardianName),
        autoComplete: 'off',
        maxLength: RECEIPT_BOUNDS.maxStringLength,
      },
      props,
    );

  const getRelationshipInputProps = (props?: AnyProps) =>
    mergeProps(
      {
        ...textInput('relationship', guardian.relationship, setRelationship),
        maxLength: RECEIPT_BOUNDS.maxStringLength,
      },
      props,
    );

  const getAttestationCheckboxProps = (props?: AnyProps) =>
    mergeProps(
      {
        type: 'checkbox',
        checked: guardian.attested,
        onChange: (event: ChangeEvent<HTMLInputElement>) => {
          setAttested(event.target.checked);
          touch('attestation');
        },
        'aria-required': true,
        // A checkbox cannot be natively read-only; aria-disabled keeps it focusable and
        // announced while the ignored change leaves React's controlled value in place.
        'aria-disabled': readOnly || undefined,
        'data-state': guardian.attested ? 'checked' : 'unchecked',
        ...fieldA11y('attestation'),
      },
      props,
    );

  const getVerifyButtonProps = (props?: AnyProps) => {
    const blocked = readOnly || verification.status === 'verifying';
    return mergeProps(
      {
        type: 'button',
        onClick: () => {
          if (!blocked) void verify();
        },
        'aria-disabled': blocked || undefined,
        'aria-busy': verification.status === 'verifying' || undefined,
        'aria-describedby': shownErrors.verification ? errorIdOf('verification') : undefined,
        'data-state': verification.status,
      },
      props,
    );
  };

  const getErrorProps = (field: GuardianField, props?: AnyProps) =>
    mergeProps(
      {
        id: errorIdOf(field),
        'aria-live': 'polite',
        'data-field': field,
        'data-invalid': dataFlag(shownErrors[field] !== undefined),
      },
      props,
    );

  const receiptInput = useLatest({
    required,
    decision,
    guardian,
    attestation,
    mode,
    verification,
    rule: stableRule,
  });
  const toReceipt = useCallback(() => guardianReceiptParts(receiptInput.current), [receiptInput]);

  return {
    birthDate,
    birthDateParts: parts,
    birthDatePartOrder: order,
    birthDateProblem: problem,
    setBirthDate,
    decision,
    ageError,
    required,
    minimumAge,
    mode,
    attestation,
    guardian,
    setGuardianName,
    setRelationship,
    setAttested,
    errors,
    shownErrors,
    touched,
    showErrors,
    verification,
    verify,
    isComplete,
    getBirthDateGroupProps,
    getBirthDatePartProps,
    getBirthDateInputProps,
    getGuardianNameInputProps,
    getRelationshipInputProps,
    getAttestationCheckboxProps,
    getVerifyButtonProps,
    getErrorProps,
    errorIdOf,
    toReceipt,
  };
}
