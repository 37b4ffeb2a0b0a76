'use client';

/**
 * The pure part of `useClickwrap`: its state and the transitions. No React, no DOM, no clock
 * (times arrive in actions), so every transition can be tested on its own and replayed.
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
  /** How many times accept was pressed while something was missing (never reset). */
  attempts: number;
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
  | { type: 'fail'; error: unknown }
  | { type: 'newText' }
  | { type: 'reworded'; acknowledgements: readonly string[]; optionalConsents: readonly string[] };

/** The state a clickwrap starts in: nothing ticked, nothing typed, nothing sent. */
export const initialClickwrapState: ClickwrapState = Object.freeze({
  assented: false,
  acknowledged: Object.freeze({}),
  optional: Object.freeze({}),
  organizationName: '',
  signerAuthority: '',
  touched: Object.freeze({}),
  attempted: false,
  attempts: 0,
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
 * idle → submitting → accepted | failed, and failed → submitting (a retry), and back to idle
 * when another text is shown (`newText`).
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
      if (locked) return state;
      return { ...state, attempted: true, attempts: state.attempts + 1 };
    case 'submit':
      if (state.status !== 'idle' && state.status !== 'failed') return state;
      return { ...state, status: 'submitting', error: null };
    case 'succeed':
      if (state.status !== 'submitting') return state;
      return { ...state, status: 'accepted', error: null };
    case 'newText':
      // Another text shown: the assent and the acknowledgements were given to the old one, and
      // its delivery is its own. The optional consents and the organisation's details are not
      // about the text, and stay.
      if (
        !state.assented &&
        Object.keys(state.acknowledged).length === 0 &&
        !state.attempted &&
        state.status === 'idle'
      )
        return state;
      return {
        ...state,
        assented: false,
        acknowledged: initialClickwrapState.acknowledged,
        attempted: false,
        status: 'idle',
        error: null,
      };
    case 'reworded': {
      // Ticked under other words: not given to these. An optional consent goes back to untouched
      // (not granted, no time), as shown.
      const acks = action.acknowledgements.filter((id) => state.acknowledged[id]);
      const opts = action.optionalConsents.filter((id) => state.optional[id]);
      if (locked || (acks.length === 0 && opts.length === 0)) return state;
      const acknowledged = { ...state.acknowledged };
      for (const id of acks) delete acknowledged[id];
      const optional = { ...state.optional };
      for (const id of opts) delete optional[id];
      return { ...state, acknowledged, optional };
    }
    case 'fail':
      if (state.status !== 'submitting') return state;
      return { ...state, status: 'failed', error: action.error };
    default:
      return state;
  }
}

// What is missing is decided by the core's one rule set and worded in ./requirements; these
// names stay importable from here for the modules that took them from the reducer before.
export {
  defaultReasonMessages,
  missingRequirements,
  type ClickwrapReasonMessages,
  type MissingCode,
  type MissingRequirement,
  type MissingRequirementsInput,
} from './requirements';
