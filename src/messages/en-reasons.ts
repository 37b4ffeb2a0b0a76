import type { ClickwrapReasonMessages } from './types';

/**
 * English defaults of the hooks: the gate's reasons, which useClickwrap gives. One module for each
 * hook's texts, so that an app using one hook loads its texts only (a bundler keeps a shared
 * module whole in whichever chunk holds it). `en` (./en.ts) holds these very objects, so the
 * catalogue is still whole.
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
  assent:
    '{count, plural, one {Tick the box to agree to the agreement.} other {Tick the box to agree to the documents.}}',
} satisfies ClickwrapReasonMessages;
