// The public types of useGuardianCoSign. Its texts live in the one catalogue (src/messages): the
// field, the clickwrap's gate reasons and the themed components all read the same sentences.
import type { AgeError, CalendarDate, GuardianDecision, GuardianRule } from '../../core/age';
import type { GuardianCoSignMessages } from '../../messages';
import { enGuardian } from '../../messages/en-guardian';
import type { ReceiptGuardian, ReceiptMinor } from '../../core/types';
import type { AnyProps } from '../../internal/merge-props';
import type { BirthDatePart, BirthDateParts, BirthDateProblem } from './birth-date';

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

/** The texts of the age gate's and the guardian form's errors (the catalogue's `guardian`). */
export type { GuardianCoSignMessages };

/** The English defaults: a view onto the catalogue (`en.guardian`), not a copy. */
export const defaultGuardianCoSignMessages: GuardianCoSignMessages = enGuardian;

/** What `useGuardianCoSign` takes. */
export interface UseGuardianCoSignOptions {
  /**
   * The birth date as 'YYYY-MM-DD' (controlled); `null` while the day, month and year do not make
   * one. With the three fields, `onBirthDateChange` is called only with such values or null.
   */
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
  /** Replaces some or all of the English texts (the catalogue's `guardian`, e.g. `zhCN.guardian`). */
  messages?: Partial<GuardianCoSignMessages>;
  /**
   * BCP 47 tag of the UI language. The birth date's errors name its parts in the order this
   * language writes a date (`Intl.DateTimeFormat`), the order the themed `GuardianForm` shows the
   * day, month and year fields in: "must include a month and day" in US English, "a day and
   * month" in British English, 年 before 月 in Chinese; `birthDateProblem.parts` is in that order
   * too. Give the language of `messages`. `ClickwrapProvider`, `ClickwrapModal` and `ClickwrapPage`
   * pass their own `locale`, the one their fields follow; `useClickwrap` passes its `locale`.
   * @default 'en' (US English: month, day, year, as the themed components with the English texts)
   */
  locale?: string;
  /** Makes every input read-only (`useClickwrap` sets it while a receipt is delivered). @default false */
  readOnly?: boolean;
  /**
   * Change it when the agreement shown becomes another text: the guardian attested to reading
   * the old one, so the attestation is cleared and asked again (as it is when `attestation`'s
   * words change). `useClickwrap` sets it for its agreement.
   */
  resetKey?: unknown;
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

/** A flag per field. */
export type FieldFlags = Partial<Record<GuardianField, boolean>>;
/** A message per field. */
export type FieldErrors = Partial<Record<GuardianField, string>>;

/** What `useGuardianCoSign` returns: the age decision, the guardian's answers, and prop getters. */
export interface UseGuardianCoSignResult {
  /**
   * The birth date as 'YYYY-MM-DD' once the day, month and year make one (checked against today
   * in `decision`/`ageError`), or what a single input (`getBirthDateInputProps`) holds; '' until then.
   */
  birthDate: string;
  /** The day, month and year fields, as typed. */
  birthDateParts: BirthDateParts;
  /**
   * The birth date's fields in the order `locale` writes a date (month first in US English, day
   * first in British English, year first in Chinese), as `Intl.DateTimeFormat` gives it: render
   * the fields of `getBirthDatePartProps` in it, as the themed `GuardianForm` does, so that their
   * visual and Tab order match the person's language and `birthDateProblem.parts`, which follow it.
   */
  birthDatePartOrder: readonly BirthDatePart[];
  /** What is wrong with the birth date now (shown or not) and which fields it is in; null when nothing. */
  birthDateProblem: BirthDateProblem | null;
  /** Sets the birth date ('' or null clears it). */
  setBirthDate: (birthDate: string | null) => void;
  /** The age decision; null until a valid birth date and today's date are known. */
  decision: GuardianDecision | null;
  /** Core's error for a complete birth date (`future`, `impossible`, `unparsable`, `too-old`), for logs; the person reads `errors.birthDate`. */
  ageError: AgeError | null;
  /** Whether a guardian must co-sign (false while `decision` is null). */
  required: boolean;
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
  /** The errors of touched fields: what to show now (the check's own, not while it runs again). */
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
  /** Props for the fieldset around the day, month and year (described by the error). @selector [data-minor] [data-invalid] */
  getBirthDateGroupProps: (props?: AnyProps) => AnyProps;
  /** Props for the day, month or year `<input>` (numeric keyboard, `bday-*` autofill). @selector [data-part] [data-invalid] */
  getBirthDatePartProps: (part: BirthDatePart, props?: AnyProps) => AnyProps;
  /** Props for one birth-date `<input>` instead (type date, or text as 'YYYY-MM-DD'). @selector [data-minor] [data-invalid] */
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
