'use client';

/**
 * The pure part of `useClickwrap`: its state, the transitions, and the rules that decide what
 * still stands between the person and "Accept". No React, no DOM, no clock (times arrive in
 * actions), so every rule can be tested on its own and replayed.
 */

// ---------------------------------------------------------------------------------------------
// State and actions
// ---------------------------------------------------------------------------------------------

/** Where delivery of the receipt stands. */
export type ClickwrapStatus = 'idle' | 'submitting' | 'accepted' | 'failed';

/** The organisation fields. */
export type OrganizationField = 'name' | 'signerAuthority';

/** What `useClickwrap` keeps in its reducer. */
export interface ClickwrapState {
  /** Whether the assent checkbox is ticked. Never true initially. */
  assented: boolean;
  /** The acknowledgements ticked, by id, with the time each was (last) ticked. */
  acknowledged: Readonly<Record<string, Date>>;
  /**
   * The optional consents the person has touched, by id: whether granted, and when last ticked
   * or unticked. An id absent here was left as shown: not granted.
   */
  optional: Readonly<Record<string, { granted: boolean; at: Date }>>;
  /** The organisation's name, as typed. */
  organizationName: string;
  /** The signer's authority to bind the organisation, as typed. */
  signerAuthority: string;
  /** Organisation fields the person has left (their errors show). */
  touched: Readonly<Partial<Record<OrganizationField, boolean>>>;
  /** Whether accept was pressed while something was missing (every error shows). */
  attempted: boolean;
  /** Delivery status. */
  status: ClickwrapStatus;
  /** What the last delivery failed with. */
  error: unknown;
}

/** Every transition `clickwrapReducer` knows; times are taken by the caller, in event handlers. */
export type ClickwrapAction =
  | { type: 'assent'; value: boolean }
  | { type: 'acknowledge'; id: string; value: boolean; at: Date }
  | { type: 'optionalConsent'; id: string; value: boolean; at: Date }
  | { type: 'organizationName'; value: string }
  | { type: 'signerAuthority'; value: string }
  | { type: 'touch'; field: OrganizationField }
  | { type: 'attempt' }
  | { type: 'submit' }
  | { type: 'succeed' }
  | { type: 'fail'; error: unknown };

/** The state a clickwrap starts in: nothing ticked, nothing typed, nothing sent. */
export const initialClickwrapState: ClickwrapState = Object.freeze({
  assented: false,
  acknowledged: Object.freeze({}),
  optional: Object.freeze({}),
  organizationName: '',
  signerAuthority: '',
  touched: Object.freeze({}),
  attempted: false,
  status: 'idle',
  error: null,
});

/**
 * Whether the form is locked: from the first accept on, what the person gave is frozen so that
 * what is delivered (and retried after a failure) is exactly what is shown.
 */
export function isLocked(status: ClickwrapStatus): boolean {
  return status !== 'idle';
}

/**
 * The transitions. Edits are ignored once the form is locked; status moves only
 * idle → submitting → accepted | failed, and failed → submitting (a retry).
 * Returns the same state object when nothing changes, so React can skip a render.
 */
export function clickwrapReducer(state: ClickwrapState, action: ClickwrapAction): ClickwrapState {
  const locked = isLocked(state.status);
  switch (action.type) {
    case 'assent':
      if (locked || state.assented === action.value) return state;
      return { ...state, assented: action.value };
    case 'acknowledge': {
      if (locked || Boolean(state.acknowledged[action.id]) === action.value) return state;
      const acknowledged = { ...state.acknowledged };
      if (action.value) acknowledged[action.id] = action.at;
      else delete acknowledged[action.id];
      return { ...state, acknowledged };
    }
    case 'optionalConsent':
      if (locked || Boolean(state.optional[action.id]?.granted) === action.value) return state;
      return {
        ...state,
        optional: { ...state.optional, [action.id]: { granted: action.value, at: action.at } },
      };
    case 'organizationName':
      if (locked || state.organizationName === action.value) return state;
      return { ...state, organizationName: action.value };
    case 'signerAuthority':
      if (locked || state.signerAuthority === action.value) return state;
      return { ...state, signerAuthority: action.value };
    case 'touch':
      if (state.touched[action.field]) return state;
      return { ...state, touched: { ...state.touched, [action.field]: true } };
    case 'attempt':
      if (locked || state.attempted) return state;
      return { ...state, attempted: true };
    case 'submit':
      if (state.status !== 'idle' && state.status !== 'failed') return state;
      return { ...state, status: 'submitting', error: null };
    case 'succeed':
      if (state.status !== 'submitting') return state;
      return { ...state, status: 'accepted', error: null };
    case 'fail':
      if (state.status !== 'submitting') return state;
      return { ...state, status: 'failed', error: action.error };
    default:
      return state;
  }
}

/**
 * A caller's override of the transitions, Downshift style: it receives the current state and
 * the action with the `changes` our reducer would make, and returns the state to use.
 */
export type ClickwrapStateReducer = (
  state: ClickwrapState,
  actionAndChanges: ClickwrapAction & { changes: ClickwrapState },
) => ClickwrapState;

// ---------------------------------------------------------------------------------------------
// What is missing
// ---------------------------------------------------------------------------------------------

/** Why accepting is not possible yet; stable, safe to branch on. In this order in `missing`. */
export type MissingCode =
  | 'scroll-to-end'
  | 'key-clauses'
  | 'passages'
  | 'document-end'
  | 'document-key-clauses'
  | 'birth-date'
  | 'birth-date-invalid'
  | 'age-pending'
  | 'guardian-name'
  | 'guardian-relationship'
  | 'guardian-attestation'
  | 'guardian-verification'
  | 'organization-name'
  | 'signer-authority'
  | 'acknowledgements'
  | 'assent';

/** One reason accepting is not possible yet. */
export interface MissingRequirement {
  /** Which requirement. */
  code: MissingCode;
  /** A sentence for the person, from `ClickwrapReasonMessages`. */
  message: string;
  /** For `document-end` and `document-key-clauses`: which additional document. */
  documentId?: string;
}

/** The English texts of the reasons in `missing`; each can be replaced via `messages`. */
export interface ClickwrapReasonMessages {
  /** The end of the agreement has not been reached. */
  scrollToEnd: string;
  /** Not every key clause has been on screen (only with `requireAllKeyClausesSeen`). */
  keyClauses: (progress: { seen: number; total: number }) => string;
  /** Not every changed passage has been on screen (only with `changes.required`, a re-consent that asks to read only the changes). */
  passages: (progress: { seen: number; total: number }) => string;
  /** The end of an additional document (e.g. the privacy policy) has not been reached. */
  documentEnd: (document: { title: string }) => string;
  /** Not every key clause of an additional document has been on screen. */
  documentKeyClauses: (progress: { title: string; seen: number; total: number }) => string;
  /** No birth date entered (age gate). */
  birthDate: string;
  /** The birth date is not a valid one (the field says why). */
  birthDateInvalid: string;
  /** A birth date is entered but today's date is not known yet (before hydration). */
  agePending: string;
  /** The guardian's name is empty or the minor's own. */
  guardianName: string;
  /** The guardian's relationship is empty. */
  guardianRelationship: string;
  /** The guardian has not attested. */
  guardianAttestation: string;
  /** The app's guardian verification has not succeeded. */
  guardianVerification: string;
  /** The organisation's name is empty. */
  organizationName: string;
  /** The signer's authority is empty. */
  signerAuthority: string;
  /** Some required acknowledgements are not ticked. */
  acknowledgements: (progress: { missing: readonly string[]; total: number }) => string;
  /** The assent checkbox is not ticked. */
  assent: string;
}

/** The English defaults of {@link ClickwrapReasonMessages}. */
export const defaultReasonMessages: ClickwrapReasonMessages = {
  scrollToEnd: 'Scroll to the end of the agreement.',
  keyClauses: ({ seen, total }) =>
    `Read every highlighted key clause (${seen} of ${total} seen so far).`,
  passages: ({ seen, total }) =>
    `Read every highlighted passage (${seen} of ${total} seen so far).`,
  documentEnd: ({ title }) => `Scroll to the end of the ${title}.`,
  documentKeyClauses: ({ title, seen, total }) =>
    `Read every highlighted key clause of the ${title} (${seen} of ${total} seen so far).`,
  birthDate: 'Enter your date of birth.',
  birthDateInvalid: 'Enter a valid date of birth.',
  agePending: 'Your age is being checked.',
  guardianName: "Enter the legal guardian's own name.",
  guardianRelationship: "Enter the legal guardian's relationship to you.",
  guardianAttestation: 'The legal guardian must confirm they read the agreement with you.',
  guardianVerification: 'The legal guardian must be verified.',
  organizationName: 'Enter the name of the organisation you are agreeing for.',
  signerAuthority: 'Enter your role or authority to agree for the organisation.',
  acknowledgements: ({ missing, total }) =>
    missing.length === 1 && total === 1
      ? `Tick the box: “${missing[0]}”.`
      : `Tick each required acknowledgement (${missing.length} of ${total} not ticked yet).`,
  assent: 'Tick the box to agree to the agreement.',
};

/** What `missingRequirements` looks at: plain values, however they were obtained. */
export interface MissingRequirementsInput {
  /** Whether reaching the end is required. */
  requireScrollToEnd: boolean;
  /** Whether the end was reached. */
  reachedEnd: boolean;
  /** Whether every key clause must have been on screen. */
  requireAllKeyClausesSeen: boolean;
  /** How many key clauses were on screen. */
  keyClausesSeen: number;
  /** How many key clauses there are. */
  keyClausesTotal: number;
  /** Passages besides the key clauses that must have been on screen, or null (absent) for none. */
  passages?: null | { seen: number; total: number };
  /** The additional documents, in the order shown, with what each requires and what was read. */
  documents?: readonly {
    id: string;
    title: string;
    requireScrollToEnd: boolean;
    reachedEnd: boolean;
    requireAllKeyClausesSeen: boolean;
    keyClausesSeen: number;
    keyClausesTotal: number;
  }[];
  /** The age gate, or null when there is none. */
  guardian: null | {
    /** Whether a birth date was entered at all. */
    birthDateEntered: boolean;
    /** Whether the birth date is invalid (future, impossible, unparsable, too old). */
    birthDateInvalid: boolean;
    /** Whether the age decision is known. */
    decided: boolean;
    /** Whether a guardian must co-sign. */
    required: boolean;
    /** The guardian fields that are not valid yet (only looked at when `required`). */
    invalid: readonly ('name' | 'relationship' | 'attestation' | 'verification')[];
  };
  /** The organisation signer, or null when not asked for. */
  organization: null | { name: string; signerAuthority: string };
  /** The required acknowledgements, in the order shown. */
  acknowledgements: readonly { id: string; label: string }[];
  /** The acknowledgements ticked (a truthy value means ticked). */
  acknowledged: Readonly<Record<string, unknown>>;
  /** Whether the assent checkbox is ticked. */
  assented: boolean;
}

const isBlank = (value: string) => value.trim() === '';

/**
 * Every requirement that does not hold yet, in a stable order that follows the page (reading the
 * agreement, then each additional document, age and guardian, organisation, acknowledgements, assent). Empty means the person may accept.
 */
export function missingRequirements(
  input: MissingRequirementsInput,
  messages: ClickwrapReasonMessages = defaultReasonMessages,
): MissingRequirement[] {
  const out: MissingRequirement[] = [];
  const add = (code: MissingCode, message: string) => out.push({ code, message });

  if (input.requireScrollToEnd && !input.reachedEnd) add('scroll-to-end', messages.scrollToEnd);
  if (input.requireAllKeyClausesSeen && input.keyClausesSeen < input.keyClausesTotal) {
    add(
      'key-clauses',
      messages.keyClauses({ seen: input.keyClausesSeen, total: input.keyClausesTotal }),
    );
  }

  if (input.passages && input.passages.seen < input.passages.total) {
    add('passages', messages.passages({ seen: input.passages.seen, total: input.passages.total }));
  }

  for (const doc of input.documents ?? []) {
    if (doc.requireScrollToEnd && !doc.reachedEnd) {
      out.push({ code: 'document-end', message: messages.documentEnd({ title: doc.title }), documentId: doc.id });
    }
    if (doc.requireAllKeyClausesSeen && doc.keyClausesSeen < doc.keyClausesTotal) {
      out.push({
        code: 'document-key-clauses',
        message: messages.documentKeyClauses({
          title: doc.title,
          seen: doc.keyClausesSeen,
          total: doc.keyClausesTotal,
        }),
        documentId: doc.id,
      });
    }
  }

  const { guardian } = input;
  if (guardian) {
    if (!guardian.birthDateEntered) add('birth-date', messages.birthDate);
    else if (guardian.birthDateInvalid) add('birth-date-invalid', messages.birthDateInvalid);
    else if (!guardian.decided) add('age-pending', messages.agePending);
    else if (guardian.required) {
      const invalid = new Set(guardian.invalid);
      if (invalid.has('name')) add('guardian-name', messages.guardianName);
      if (invalid.has('relationship')) add('guardian-relationship', messages.guardianRelationship);
      if (invalid.has('attestation')) add('guardian-attestation', messages.guardianAttestation);
      if (invalid.has('verification')) add('guardian-verification', messages.guardianVerification);
    }
  }

  if (input.organization) {
    if (isBlank(input.organization.name)) add('organization-name', messages.organizationName);
    if (isBlank(input.organization.signerAuthority)) {
      add('signer-authority', messages.signerAuthority);
    }
  }

  const unticked = input.acknowledgements.filter((ack) => !input.acknowledged[ack.id]);
  if (unticked.length > 0) {
    add(
      'acknowledgements',
      messages.acknowledgements({
        missing: unticked.map((ack) => ack.label),
        total: input.acknowledgements.length,
      }),
    );
  }

  if (!input.assented) add('assent', messages.assent);
  return out;
}
