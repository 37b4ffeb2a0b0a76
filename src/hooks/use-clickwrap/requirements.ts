'use client';

/**
 * What still stands between the person and "Accept", in words. The deciding is done by the
 * core's one rule set (`missingRequirements` in react-clickwrap/core), which `createReceipt` and
 * `verifyReceipt` also call; this module only gathers the hook's state into its input and words
 * its codes, so the gate and the receipt can never disagree.
 */
import {
  missingRequirements as coreMissingRequirements,
  type MissingCode as CoreMissingCode,
  type MissingRequirement as CoreMissingRequirement,
  type RequirementsState,
} from '../../core/receipt/rules';
import type { ClickwrapMessages, ClickwrapReasonMessages, GuardianCoSignMessages } from '../../messages';
// The hooks' own English texts and the formatter only: not the whole catalogue (issue 11).
import { enGuardian } from '../../messages/en-guardian';
import { enReasons } from '../../messages/en-reasons';
import { format } from '../../messages/format';

/** Why accepting is not possible yet; stable, safe to branch on. In this order in `missing`. */
export type MissingCode = CoreMissingCode;

/** One reason accepting is not possible yet. */
export interface MissingRequirement {
  /** Which requirement. */
  code: MissingCode;
  /** A sentence for the person, from the catalogue (`ClickwrapReasonMessages`, or the guardian's for its fields). */
  message: string;
  /** For `document-end`, `document-key-clauses` and `document-passages`: which additional document. */
  documentId?: string;
}

/** The texts of the reasons in `missing` (the catalogue's `reasons`); each can be replaced via `messages`. */
export type { ClickwrapReasonMessages };

/** The English reasons: a view onto the catalogue (`en.reasons`), not a copy. */
export const defaultReasonMessages: ClickwrapReasonMessages = enReasons;

/**
 * The texts the gate words its reasons with: its own, and the guardian form's for the age gate
 * and the guardian (the sentence at the field is the sentence in the list).
 */
export type GateMessages = Pick<ClickwrapMessages, 'reasons' | 'guardian'>;

/** The gate's English words: `en.reasons` and `en.guardian` themselves. */
export const defaultGateMessages: GateMessages = { reasons: enReasons, guardian: enGuardian };

/** What the words need besides the codes: document titles and acknowledgement labels, by id. */
export interface MissingWording {
  /** The title of each additional document, by id (so also how many documents the assent covers). */
  titles: Readonly<Record<string, string>>;
  /** The label of each required acknowledgement, by id. */
  labels: Readonly<Record<string, string>>;
}

/**
 * The core's codes as sentences for the person, in the same order; their numbers written for
 * `locale` (the UI's, as its dates are), else as plain digits.
 */
export function describeMissing(
  missing: readonly CoreMissingRequirement[],
  wording: MissingWording,
  messages: GateMessages = defaultGateMessages,
  locale?: string,
): MissingRequirement[] {
  const { reasons: r, guardian: g } = messages;
  return missing.map((m) => {
    const seen = m.seen ?? 0;
    const total = m.total ?? 0;
    const title = (m.documentId !== undefined && wording.titles[m.documentId]) || m.documentId || '';
    const withDocument = (message: string): MissingRequirement =>
      m.documentId === undefined
        ? { code: m.code, message }
        : { code: m.code, message, documentId: m.documentId };
    switch (m.code) {
      case 'scroll-to-end':
        return withDocument(r.scrollToEnd);
      case 'key-clauses':
        return withDocument(format(r.keyClauses, { seen, total }, locale));
      case 'passages':
        return withDocument(format(r.passages, { seen, total }, locale));
      case 'document-end':
        return withDocument(format(r.documentEnd, { title }, locale));
      case 'document-key-clauses':
        return withDocument(format(r.documentKeyClauses, { title, seen, total }, locale));
      case 'document-passages':
        return withDocument(format(r.documentPassages, { title, seen, total }, locale));
      case 'birth-date':
        return withDocument(g.birthDateRequired);
      case 'birth-date-invalid':
        return withDocument(g.birthDateInvalid);
      case 'age-pending':
        return withDocument(r.agePending);
      case 'guardian-name':
        return withDocument(g.nameRequired);
      case 'guardian-relationship':
        return withDocument(g.relationshipRequired);
      case 'guardian-attestation':
        return withDocument(g.attestationRequired);
      case 'guardian-verification':
        return withDocument(g.verificationRequired);
      case 'organization-name':
        return withDocument(r.organizationName);
      case 'signer-authority':
        return withDocument(r.signerAuthority);
      case 'acknowledgements': {
        const missingIds = m.missing ?? [];
        return withDocument(
          missingIds.length === 1 && total === 1
            ? format(r.acknowledgement, { label: wording.labels[missingIds[0]!] ?? missingIds[0]! }, locale)
            : format(r.acknowledgements, { missing: missingIds.length, total }, locale),
        );
      }
      default:
        // The assent covers the agreement and each additional document.
        return withDocument(format(r.assent, { count: 1 + Object.keys(wording.titles).length }, locale));
    }
  });
}

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
  /** Changed passages that must have been on screen (a re-consent that requires the changes read), or null (absent) for none. */
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
  guardian: RequirementsState['guardian'];
  /** The organisation signer, or null when not asked for. */
  organization: null | { name: string; signerAuthority: string };
  /** The required acknowledgements, in the order shown. */
  acknowledgements: readonly { id: string; label: string }[];
  /** The acknowledgements ticked (a truthy value means ticked). */
  acknowledged: Readonly<Record<string, unknown>>;
  /** Whether the assent checkbox is ticked. */
  assented: boolean;
}

/**
 * Every requirement that does not hold yet, worded, in page order (reading the agreement, then
 * each additional document, age and guardian, organisation, acknowledgements, assent). Empty
 * means the person may accept. Decided by the core's one rule set; only the words are added here:
 * English, with `messages` replacing some reasons and `guardianMessages` some of the guardian's.
 */
export function missingRequirements(
  input: MissingRequirementsInput,
  messages?: Partial<ClickwrapReasonMessages>,
  guardianMessages?: Partial<GuardianCoSignMessages>,
): MissingRequirement[] {
  const documents = input.documents ?? [];
  const state: RequirementsState = {
    documents: [
      {
        id: '',
        required: input.passages ? 'changes' : input.requireScrollToEnd ? 'whole' : 'none',
        reachedEnd: input.reachedEnd,
        requireAllKeyClausesSeen: input.requireAllKeyClausesSeen,
        keyClausesSeen: input.keyClausesSeen,
        keyClausesTotal: input.keyClausesTotal,
        changesSeen: input.passages?.seen ?? 0,
        changesTotal: input.passages?.total ?? 0,
      },
      ...documents.map((doc) => ({
        id: doc.id,
        required: doc.requireScrollToEnd ? ('whole' as const) : ('none' as const),
        reachedEnd: doc.reachedEnd,
        requireAllKeyClausesSeen: doc.requireAllKeyClausesSeen,
        keyClausesSeen: doc.keyClausesSeen,
        keyClausesTotal: doc.keyClausesTotal,
      })),
    ],
    guardian: input.guardian,
    organization: input.organization,
    acknowledgements: input.acknowledgements.map((ack) => ack.id),
    acknowledged: input.acknowledged,
    assented: input.assented,
  };
  return describeMissing(
    coreMissingRequirements(state),
    {
      titles: Object.fromEntries(documents.map((doc) => [doc.id, doc.title])),
      labels: Object.fromEntries(input.acknowledgements.map((ack) => [ack.id, ack.label])),
    },
    {
      reasons: messages ? { ...enReasons, ...messages } : enReasons,
      guardian: guardianMessages ? { ...enGuardian, ...guardianMessages } : enGuardian,
    },
  );
}
