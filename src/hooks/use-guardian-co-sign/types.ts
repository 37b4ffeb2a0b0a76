// The public types of useGuardianCoSign and the English texts of its errors (one wording: the
// field, the clickwrap's gate reasons and the themed components all read these).
import type { AgeError, CalendarDate, GuardianDecision, GuardianRule } from '../../core/age';
import type { ReceiptGuardian, ReceiptMinor } from '../../core/types';
import type { AnyProps } from '../internal/merge-props';
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

/**
 * The texts of the age gate's and the guardian form's errors; each can be replaced via
 * `messages`. The same sentence is shown at the field and listed among the clickwrap's reasons,
 * so they are addressed to the person agreeing ("you"), as the form is.
 */
export interface GuardianCoSignMessages {
  /** No birth date entered yet (also the gate's reason). */
  birthDateRequired: string;
  /** The gate's reason for any invalid birth date (the field says which problem). */
  birthDateInvalid: string;
  /** Some of day, month, year are empty; `{parts}` is one name or two joined by `birthDatePartsJoin`. */
  birthDateMissing: string;
  /** The day's name inside `birthDateMissing`. */
  birthDateDay: string;
  /** The month's name inside `birthDateMissing`. */
  birthDateMonth: string;
  /** The year's name inside `birthDateMissing`. */
  birthDateYear: string;
  /** Two of those names together; `{first}`, `{second}`. */
  birthDatePartsJoin: string;
  /** No such date (30 February, month 13), or letters typed. */
  birthDateNotReal: string;
  /** The year is not 4 numbers. */
  birthDateYearDigits: string;
  /** The birth date is after today. */
  birthDateFuture: string;
  /** The birth date is more than 150 years ago. */
  birthDateTooOld: string;
  /** A single birth-date input (`getBirthDateInputProps`) holds something other than year-month-day. */
  birthDateUnparsable: string;
  /** The guardian's name is empty (also the gate's reason for any problem with the name). */
  nameRequired: string;
  /** The guardian's name equals the minor's. */
  nameSameAsMinor: string;
  /** The relationship is empty (also the gate's reason). */
  relationshipRequired: string;
  /** The attestation is not ticked (also the gate's reason). */
  attestationRequired: string;
  /** `verifyGuardian` is given and has not succeeded yet (also the gate's reason). */
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
  birthDateInvalid: 'Enter a valid date of birth.',
  birthDateMissing: 'Date of birth must include a {parts}.',
  birthDateDay: 'day',
  birthDateMonth: 'month',
  birthDateYear: 'year',
  birthDatePartsJoin: '{first} and {second}',
  birthDateNotReal: 'Date of birth must be a real date.',
  birthDateYearDigits: 'Year must include 4 numbers.',
  birthDateFuture: 'Date of birth must be in the past.',
  birthDateTooOld: 'Date of birth must be less than 150 years ago.',
  birthDateUnparsable: 'Enter your date of birth as year-month-day, for example 2007-03-27.',
  nameRequired: "Enter the legal guardian's full name.",
  // "the minor's", not "yours": with `mode: 'guardian-only'` and a `minorName`, the person
  // typing may be the guardian.
  nameSameAsMinor: "Enter the legal guardian's own name: it cannot be the same as the minor's.",
  relationshipRequired: "Enter the legal guardian's relationship to you.",
  attestationRequired: 'The legal guardian must confirm they read the agreement with you.',
  verificationRequired: 'The legal guardian must be verified.',
  verificationFailed: 'The legal guardian could not be verified.',
  verificationError: 'The legal guardian could not be verified because of an error. Try again.',
  attestationJoint:
    'I am the legal guardian of the minor named here. I read this agreement together with them and I agree to it with them.',
  attestationGuardianOnly:
    'I am the legal guardian of the minor named here. I read this agreement with them and I agree to it on their behalf.',
};

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

/** A flag per field. */
export type FieldFlags = Partial<Record<GuardianField, boolean>>;
/** A message per field. */
export type FieldErrors = Partial<Record<GuardianField, string>>;

export interface UseGuardianCoSignResult {
  /**
   * The birth date as 'YYYY-MM-DD' once the day, month and year make one (checked against today
   * in `decision`/`ageError`), or what a single input (`getBirthDateInputProps`) holds; '' until then.
   */
  birthDate: string;
  /** The day, month and year fields, as typed. */
  birthDateParts: BirthDateParts;
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

