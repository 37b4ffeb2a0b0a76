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

/** Why accepting is not possible yet; stable, safe to branch on. In this order in `missing`. */
export type MissingCode = CoreMissingCode;

/** One reason accepting is not possible yet. */
export interface MissingRequirement {
  /** Which requirement. */
  code: MissingCode;
  /** A sentence for the person, from `ClickwrapReasonMessages`. */
  message: string;
  /** For `document-end`, `document-key-clauses` and `document-passages`: which additional document. */
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
  /** Not every changed passage of an additional document has been on screen. @default English */
  documentPassages?: (progress: { title: string; seen: number; total: number }) => string;
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
export const defaultReasonMessages: Required<ClickwrapReasonMessages> = {
  scrollToEnd: 'Scroll to the end of the agreement.',
  keyClauses: ({ seen, total }) =>
    `Read every highlighted key clause (${seen} of ${total} seen so far).`,
  passages: ({ seen, total }) =>
    `Read every highlighted passage (${seen} of ${total} seen so far).`,
  documentEnd: ({ title }) => `Scroll to the end of the ${title}.`,
  documentKeyClauses: ({ title, seen, total }) =>
    `Read every highlighted key clause of the ${title} (${seen} of ${total} seen so far).`,
  documentPassages: ({ title, seen, total }) =>
    `Read every highlighted passage of the ${title} (${seen} of ${total} seen so far).`,
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

/** What the words need besides the codes: document titles and acknowledgement labels, by id. */
export interface MissingWording {
  /** The title of each additional document, by id. */
  titles: Readonly<Record<string, string>>;
  /** The label of each required acknowledgement, by id. */
  labels: Readonly<Record<string, string>>;
}

/** The core's codes as sentences for the person, in the same order. */
export function describeMissing(
  missing: readonly CoreMissingRequirement[],
  wording: MissingWording,
  messages: ClickwrapReasonMessages = defaultReasonMessages,
): MissingRequirement[] {
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
        return withDocument(messages.scrollToEnd);
      case 'key-clauses':
        return withDocument(messages.keyClauses({ seen, total }));
      case 'passages':
        return withDocument(messages.passages({ seen, total }));
      case 'document-end':
        return withDocument(messages.documentEnd({ title }));
      case 'document-key-clauses':
        return withDocument(messages.documentKeyClauses({ title, seen, total }));
      case 'document-passages':
        return withDocument(
          (messages.documentPassages ?? defaultReasonMessages.documentPassages)({ title, seen, total }),
        );
      case 'birth-date':
        return withDocument(messages.birthDate);
      case 'birth-date-invalid':
        return withDocument(messages.birthDateInvalid);
      case 'age-pending':
        return withDocument(messages.agePending);
      case 'guardian-name':
        return withDocument(messages.guardianName);
      case 'guardian-relationship':
        return withDocument(messages.guardianRelationship);
      case 'guardian-attestation':
        return withDocument(messages.guardianAttestation);
      case 'guardian-verification':
        return withDocument(messages.guardianVerification);
      case 'organization-name':
        return withDocument(messages.organizationName);
      case 'signer-authority':
        return withDocument(messages.signerAuthority);
      case 'acknowledgements':
        return withDocument(
          messages.acknowledgements({
            missing: (m.missing ?? []).map((id) => wording.labels[id] ?? id),
            total,
          }),
        );
      default:
        return withDocument(messages.assent);
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
 * means the person may accept. Decided by the core's one rule set; only the words are added here.
 */
export function missingRequirements(
  input: MissingRequirementsInput,
  messages: ClickwrapReasonMessages = defaultReasonMessages,
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
    messages,
  );
}
