'use client';

import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FocusEvent,
} from 'react';
import {
  AgeError,
  minimumAgeFor,
  parseCalendarDate,
  requiresGuardian,
  todayIn,
  type CalendarDate,
  type GuardianDecision,
  type GuardianRule,
} from '../../core/age';
import type { ReceiptGuardian, ReceiptMinor } from '../../core/types';
import { dataFlag, mergeProps, type AnyProps } from '../internal/merge-props';
import { useControllableState } from '../internal/use-controllable-state';
import { useLatest } from '../internal/use-latest';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** The fields of the guardian form that can carry an error. */
export type GuardianField = 'birthDate' | 'name' | 'relationship' | 'attestation' | 'verification';

/** How the guardian takes part: agreeing with the minor, or alone on the minor's behalf. */
export type GuardianMode = 'joint' | 'guardian-only';

/** What the app's own guardian verification answered. */
export interface GuardianVerificationResult {
  /** Whether the guardian passed the app's check. */
  ok: boolean;
  /** Shown to the person (a failure reason, or a confirmation). */
  message?: string;
  /** The app's reference for the check (a case id…); recorded in the receipt. */
  reference?: string;
}

/** The app's own verification of a guardian (an ID check, a call to a parent's account…). */
export type VerifyGuardian = (guardian: {
  name: string;
  relationship: string;
}) => Promise<GuardianVerificationResult>;

/** The English texts of the guardian form's errors; each can be replaced via `messages`. */
export interface GuardianCoSignMessages {
  /** No birth date entered yet. */
  birthDateRequired: string;
  /** The guardian's name is empty. */
  nameRequired: string;
  /** The guardian's name equals the minor's. */
  nameSameAsMinor: string;
  /** The relationship is empty. */
  relationshipRequired: string;
  /** The attestation is not ticked. */
  attestationRequired: string;
  /** `verifyGuardian` is given and has not succeeded yet. */
  verificationRequired: string;
  /** `verifyGuardian` answered `ok: false` without a message. */
  verificationFailed: string;
  /** `verifyGuardian` threw or rejected. */
  verificationError: string;
  /** The default attestation in `joint` mode. */
  attestationJoint: string;
  /** The default attestation in `guardian-only` mode. */
  attestationGuardianOnly: string;
}

/** The English defaults of {@link GuardianCoSignMessages}. */
export const defaultGuardianCoSignMessages: GuardianCoSignMessages = {
  birthDateRequired: 'Enter your date of birth.',
  nameRequired: "Enter the legal guardian's full name.",
  nameSameAsMinor:
    "The legal guardian's name is the same as the minor's. The guardian must be another person: enter their own name.",
  relationshipRequired: "Enter the guardian's relationship to the minor, for example parent.",
  attestationRequired: 'The legal guardian must confirm they read the agreement with the minor.',
  verificationRequired: 'The legal guardian has not been verified yet.',
  verificationFailed: 'The legal guardian could not be verified.',
  verificationError: 'The legal guardian could not be verified because of an error. Try again.',
  attestationJoint:
    'I am the legal guardian of the minor named here. I read this agreement together with them and I agree to it with them.',
  attestationGuardianOnly:
    'I am the legal guardian of the minor named here. I read this agreement with them and I agree to it on their behalf.',
};

export interface UseGuardianCoSignOptions {
  /** The birth date as 'YYYY-MM-DD' (controlled); `null` or '' when not entered. */
  birthDate?: string | null;
  /** The initial birth date when uncontrolled. @default null */
  defaultBirthDate?: string | null;
  /** Called with every change of the birth date. */
  onBirthDateChange?: (birthDate: string | null) => void;
  /** Which rule decides whether a guardian is needed. @default { kind: 'agreement' } (under 18) */
  rule?: GuardianRule;
  /** The date ages are computed on. @default the local date, taken in an effect (never in render) */
  today?: string | CalendarDate;
  /** IANA time zone for the default `today`. @default the runtime's own zone */
  timeZone?: string;
  /** Whether the minor agrees too (`joint`) or the guardian alone on their behalf. @default 'joint' */
  mode?: GuardianMode;
  /** The minor's name, to reject a guardian name equal to it (case and spacing ignored). */
  minorName?: string | null;
  /** The statement the guardian attests to, word for word. @default an English text for `mode` */
  attestation?: string;
  /** The app's own guardian verification; when given, the guardian must pass it. */
  verifyGuardian?: VerifyGuardian;
  /** Replaces some or all of the English error texts. */
  messages?: Partial<GuardianCoSignMessages>;
  /** Makes every input read-only (`useClickwrap` sets it while a receipt is delivered). @default false */
  readOnly?: boolean;
}

/** The guardian's answers. */
export interface GuardianValues {
  /** The guardian's full name, as typed. */
  name: string;
  /** The guardian's relationship to the minor, as typed or chosen. */
  relationship: string;
  /** Whether the guardian ticked the attestation. */
  attested: boolean;
}

/** Where the app's guardian verification stands. */
export interface GuardianVerification {
  /** `idle` until `verify()` runs; reset to `idle` when the name or relationship changes. */
  status: 'idle' | 'verifying' | 'verified' | 'failed';
  /** The message to show, if any. */
  message: string | null;
  /** The app's reference for a successful check. */
  reference: string | null;
  /** What `verifyGuardian` threw, if it threw. */
  error: unknown;
}

type FieldFlags = Partial<Record<GuardianField, boolean>>;
type FieldErrors = Partial<Record<GuardianField, string>>;

export interface UseGuardianCoSignResult {
  /** The birth date as entered ('' when none). */
  birthDate: string;
  /** Sets the birth date ('' or null clears it). */
  setBirthDate: (birthDate: string | null) => void;
  /** The age decision; null until a valid birth date and today's date are known. */
  decision: GuardianDecision | null;
  /** The birth date's error from core (`future`, `impossible`, `unparsable`, `too-old`), if any. */
  ageError: AgeError | null;
  /** Whether a guardian must co-sign (false while `decision` is null). */
  required: boolean;
  /** Same as `required`: the person is a minor under the rule. */
  isMinor: boolean;
  /** The minimum age of the rule (known before any birth date). */
  minimumAge: number;
  /** `joint` or `guardian-only`. */
  mode: GuardianMode;
  /** The statement the guardian attests to. */
  attestation: string;
  /** The guardian's answers. */
  guardian: GuardianValues;
  /** Sets the guardian's name. */
  setGuardianName: (name: string) => void;
  /** Sets the guardian's relationship to the minor. */
  setRelationship: (relationship: string) => void;
  /** Ticks or unticks the attestation. */
  setAttested: (attested: boolean) => void;
  /** Every current error, shown or not (only fields that apply: guardian fields only when required). */
  errors: FieldErrors;
  /** The errors of touched fields: what to show now. */
  shownErrors: FieldErrors;
  /** Which fields were touched (blurred, ticked) or revealed by `showErrors()`. */
  touched: FieldFlags;
  /** Marks every field touched, so every error shows (e.g. after an accept attempt). */
  showErrors: () => void;
  /** Where the app's verification stands. */
  verification: GuardianVerification;
  /** Runs `verifyGuardian` on the current name and relationship; resolves to whether it passed. */
  verify: () => Promise<boolean>;
  /** True when no guardian is needed, or the guardian part is valid, attested and (if asked) verified. */
  isComplete: boolean;
  /** Props for the birth date `<input>` (type text or date; value 'YYYY-MM-DD'). @selector [data-minor] [data-invalid] */
  getBirthDateInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the guardian's name `<input>`. @selector [data-invalid] */
  getGuardianNameInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the relationship `<input>` or `<select>`. @selector [data-invalid] */
  getRelationshipInputProps: (props?: AnyProps) => AnyProps;
  /** Props for the attestation checkbox `<input>`. @selector [data-state="checked"] [data-invalid] */
  getAttestationCheckboxProps: (props?: AnyProps) => AnyProps;
  /** Props for a button that runs `verify()`. @selector [data-state=<verification status>] */
  getVerifyButtonProps: (props?: AnyProps) => AnyProps;
  /** Props for the element that shows a field's error (render `shownErrors[field]` in it). */
  getErrorProps: (field: GuardianField, props?: AnyProps) => AnyProps;
  /** The dom id of a field's error element. */
  errorIdOf: (field: GuardianField) => string;
  /** The guardian and minor parts of a consent receipt (both null when no guardian is needed). */
  toReceipt: () => { guardian: ReceiptGuardian | null; minor: ReceiptMinor | null };
}

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/** Trims, collapses inner whitespace and applies NFC: how names are compared and recorded. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Whether two names are the same person's name, ignoring case, accents' encoding and spacing. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => normalizeName(s).toLowerCase();
  return fold(a) !== '' && fold(a) === fold(b);
}

/** The rule's name in receipts: `agreement`, `coppa`, `gdpr:FR`, `custom` or `custom:<label>`. */
export function ruleName(rule: GuardianRule): string {
  switch (rule.kind) {
    case 'gdpr':
      return `gdpr:${rule.country.toUpperCase()}`;
    case 'custom':
      return rule.label ? `custom:${rule.label}` : 'custom';
    default:
      return rule.kind;
  }
}

function sameDay(a: CalendarDate | null, b: CalendarDate): boolean {
  return !!a && a.year === b.year && a.month === b.month && a.day === b.day;
}

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

/**
 * Age gate and guardian co-signing: decides from the birth date and a rule whether a legal
 * guardian must take part, collects the guardian's name, relationship and attestation, validates
 * them, optionally runs the app's own verification, and gives the receipt's guardian/minor parts.
 */
export function useGuardianCoSign(options: UseGuardianCoSignOptions = {}): UseGuardianCoSignResult {
  const {
    rule = DEFAULT_RULE,
    mode = 'joint',
    minorName,
    verifyGuardian,
    readOnly = false,
    timeZone,
  } = options;
  const messages = useMemo(
    () => ({ ...defaultGuardianCoSignMessages, ...options.messages }),
    [options.messages],
  );
  const attestation =
    options.attestation ??
    (mode === 'joint' ? messages.attestationJoint : messages.attestationGuardianOnly);

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

  const [birthDateValue, setBirthDateValue] = useControllableState<string | null>({
    prop: options.birthDate,
    defaultProp: options.defaultBirthDate ?? null,
    onChange: options.onBirthDateChange,
    name: 'useGuardianCoSign birthDate',
  });
  const birthDate = birthDateValue ?? '';

  // Today's date is never taken in render (it would differ between server and client); it is
  // taken after mount and again whenever the birth date changes, so a page left open past
  // midnight still decides on the right day.
  const [localToday, setLocalToday] = useState<CalendarDate | null>(null);
  useEffect(() => {
    if (fixedToday) return;
    const now = todayIn(new Date(), timeZone);
    setLocalToday((prev) => (sameDay(prev, now) ? prev : now));
  }, [fixedToday, timeZone, birthDate]);
  const today = fixedToday ?? localToday;

  // Keyed by value, so an inline rule object does not recompute the decision on every render.
  const ruleKey = JSON.stringify(rule);
  const stableRule = useMemo(() => JSON.parse(ruleKey) as GuardianRule, [ruleKey]);
  const { decision, ageError } = useMemo(() => {
    if (birthDate.trim() === '' || !today) return { decision: null, ageError: null };
    try {
      return { decision: requiresGuardian(birthDate.trim(), stableRule, today), ageError: null };
    } catch (error) {
      if (error instanceof AgeError) return { decision: null, ageError: error };
      throw error;
    }
  }, [birthDate, stableRule, today]);
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

  const setBirthDate = useCallback(
    (value: string | null) => {
      if (readOnlyRef.current) return;
      setBirthDateValue(value === '' ? null : value);
    },
    [readOnlyRef, setBirthDateValue],
  );

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
        ? { status: 'verified', message: result.message ?? null, reference: result.reference ?? null, error: null }
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
    if (birthDate.trim() === '') out.birthDate = messages.birthDateRequired;
    else if (ageError) out.birthDate = ageError.message;
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
  }, [birthDate, ageError, required, guardian, minorName, verifyGuardian, verification, messages]);

  const shownErrors = useMemo<FieldErrors>(() => {
    const out: FieldErrors = {};
    for (const [field, message] of Object.entries(errors) as Array<[GuardianField, string]>) {
      if (touched[field]) out[field] = message;
    }
    return out;
  }, [errors, touched]);

  const isComplete = decision !== null && Object.keys(errors).length === 0;

  // ---- prop getters -------------------------------------------------------------------------

  const baseId = useId();
  const errorIdOf = useCallback((field: GuardianField) => `${baseId}-${field}-error`, [baseId]);

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

  const getGuardianNameInputProps = (props?: AnyProps) =>
    mergeProps({ ...textInput('name', guardian.name, setGuardianName), autoComplete: 'off' }, props);

  const getRelationshipInputProps = (props?: AnyProps) =>
    mergeProps(textInput('relationship', guardian.relationship, setRelationship), props);

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
  const toReceipt = useCallback((): {
    guardian: ReceiptGuardian | null;
    minor: ReceiptMinor | null;
  } => {
    const current = receiptInput.current;
    if (!current.required || !current.decision) return { guardian: null, minor: null };
    const { verification: v } = current;
    return {
      guardian: {
        name: normalizeName(current.guardian.name),
        relationship: normalizeName(current.guardian.relationship),
        attestation: current.attestation,
        mode: current.mode,
        verification:
          v.status === 'verified' ? (v.reference ?? v.message ?? 'verified') : null,
      },
      minor: {
        ageBracket: current.decision.ageBracket,
        rule: ruleName(current.rule),
        minimumAge: current.decision.minimumAge,
      },
    };
  }, [receiptInput]);

  return {
    birthDate,
    setBirthDate,
    decision,
    ageError,
    required,
    isMinor: required,
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
