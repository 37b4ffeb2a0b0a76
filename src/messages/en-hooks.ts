import type { ClickwrapReasonMessages, GuardianCoSignMessages } from './types';

/**
 * The English texts the hooks use for their defaults: the gate's reasons, the guardian form's
 * messages and the few labels a hook sets itself. Their one home; `en` (./en.ts) holds these very
 * objects, so the catalogue is still the whole, while an app using only the hooks loads only
 * these (no component texts).
 */

/** Why accepting is not possible yet (`en.reasons`). */
export const enReasons = {
  scrollToEnd: 'Scroll to the end of the agreement.',
  keyClauses: 'Read every term that limits your rights ({seen} of {total} read so far).',
  passages: 'Read every changed passage ({seen} of {total} read so far).',
  documentEnd: 'Scroll to the end of the {title}.',
  documentKeyClauses:
    'Read every term of the {title} that limits your rights ({seen} of {total} read so far).',
  documentPassages: 'Read every changed passage of the {title} ({seen} of {total} read so far).',
  agePending: 'Your age is being checked.',
  organizationName: 'Enter the name of the organisation you are agreeing for.',
  signerAuthority: 'Enter your role or authority to agree for the organisation.',
  acknowledgement: 'Tick the box: “{label}”.',
  acknowledgements: 'Tick each required acknowledgement ({missing} of {total} not ticked yet).',
  assent: 'Tick the box to agree to the agreement.',
} satisfies ClickwrapReasonMessages;

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
} satisfies GuardianCoSignMessages;

/** The accessible name `useScrollToEnd` gives the agreement's region (`en.agreementRegionLabel`). */
export const enAgreementRegionLabel = 'Agreement';
