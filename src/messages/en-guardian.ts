import type { GuardianCoSignMessages } from './types';

/**
 * English defaults of the hooks: the age gate's and guardian form's messages, which
 * useGuardianCoSign and useClickwrap give. One module for each hook's texts, so that an app using
 * one hook loads its texts only (a bundler keeps a shared module whole in whichever chunk holds
 * it). `en` (./en.ts) holds these very objects, so the catalogue is still whole.
 */

/** The age gate's and guardian co-sign's messages (`en.guardian`). */
export const enGuardian = {
  birthDateRequired: 'Enter your date of birth.',
  birthDateInvalid: 'Enter a valid date of birth.',
  birthDateMissing: 'Date of birth must include a {parts}.',
  birthDateDay: 'day',
  birthDateMonth: 'month',
  birthDateYear: 'year',
  birthDatePartsJoin: '{first} and {second}',
  birthDateNotReal: 'Date of birth must be a real date.',
  birthDateYearDigits: 'Year must include {digits} numbers.',
  birthDateFuture: 'Date of birth must be in the past.',
  birthDateTooOld: 'Date of birth must be less than {years} years ago.',
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
} satisfies GuardianCoSignMessages;
