/**
 * The one rule set: what still stands between a person and a valid consent. The accept gate
 * (`useClickwrap`), `createReceipt` and `verifyReceipt` all call `missingRequirements`, each with
 * the state it has, so a person is never let to accept what the receipt check then refuses.
 *
 * Plain data in, stable codes out: no messages (the hooks word them, in the person's language),
 * no clock, no React, no DOM.
 */
import type { ReadingRequirement } from '../types';

/** Why a consent is not complete yet; stable, safe to branch on. In this order in the result. */
export type MissingCode =
  /** The agreement requires reading to the end, and the end was not reached. */
  | 'scroll-to-end'
  /** Every key clause of the agreement must have been on screen, and some were not. */
  | 'key-clauses'
  /** A re-consent that requires reading the changes: some changed passage was not on screen. */
  | 'passages'
  /** An additional document requires reading to the end, and its end was not reached. */
  | 'document-end'
  /** Every key clause of an additional document must have been on screen, and some were not. */
  | 'document-key-clauses'
  /** An additional document's re-consent requires its changes read, and some were not. */
  | 'document-passages'
  /** The age gate has no birth date. */
  | 'birth-date'
  /** The birth date is not a valid one. */
  | 'birth-date-invalid'
  /** A birth date is entered but the age decision is not known yet. */
  | 'age-pending'
  /** A guardian is required and their name is missing (or the minor's own). */
  | 'guardian-name'
  /** A guardian is required and their relationship is missing. */
  | 'guardian-relationship'
  /** A guardian is required and has not attested. */
  | 'guardian-attestation'
  /** A guardian is required and the app's verification has not succeeded. */
  | 'guardian-verification'
  /** The organisation's name is blank. */
  | 'organization-name'
  /** The signer's authority to bind the organisation is blank. */
  | 'signer-authority'
  /** Some required acknowledgement is not ticked. */
  | 'acknowledgements'
  /** The assent is not given. */
  | 'assent';

/** One requirement that does not hold yet: a code and the data a message needs. */
export interface MissingRequirement {
  /** Which requirement. */
  code: MissingCode;
  /** For the `document-*` codes: which additional document. */
  documentId?: string;
  /** For the counted codes (`key-clauses`, `passages`, `document-*`): how many were seen. */
  seen?: number;
  /** For the counted codes: how many there are (for `acknowledgements`: how many are required). */
  total?: number;
  /** For `acknowledgements`: the ids not ticked yet, in the order required. */
  missing?: readonly string[];
}

/** What was read of one document, and what its reading required. */
export interface DocumentRequirementState {
  /** The document's id. */
  id: string;
  /** What had to be read: the end (`whole`), the changed passages (`changes`), or nothing. */
  required: ReadingRequirement;
  /** Whether the end was reached. */
  reachedEnd: boolean;
  /** Whether every key clause must have been on screen. @default false */
  requireAllKeyClausesSeen?: boolean;
  /** How many distinct key clauses were on screen. */
  keyClausesSeen: number;
  /** How many key clauses the document has. */
  keyClausesTotal: number;
  /** How many distinct changed passages were on screen. @default 0 */
  changesSeen?: number;
  /**
   * How many passages were added or changed since the version replaced. With `required:
   * 'changes'` and 0 changes there is nothing to read, so the requirement holds. @default 0
   */
  changesTotal?: number;
}

/** The guardian form field that can be invalid. */
export type GuardianRequirementField = 'name' | 'relationship' | 'attestation' | 'verification';

/** Plain state of a consent in progress (or as a receipt records it), however obtained. */
export interface RequirementsState {
  /** Every document, the agreement first, then the additional documents in the order shown. */
  documents: readonly DocumentRequirementState[];
  /** The age gate and guardian, or null when there is none. @default null */
  guardian?: null | {
    /** Whether a birth date was entered at all. */
    birthDateEntered: boolean;
    /** Whether the birth date is invalid (future, impossible, unparsable, too old). */
    birthDateInvalid: boolean;
    /** Whether the age decision is known. */
    decided: boolean;
    /** Whether a guardian must co-sign. */
    required: boolean;
    /** The guardian fields that are not valid yet (only looked at when `required`). */
    invalid: readonly GuardianRequirementField[];
  };
  /** The organisation signer's fields as typed, or null when not asked for. @default null */
  organization?: null | { name: string; signerAuthority: string };
  /** The ids of the required acknowledgements, in the order shown. @default [] */
  acknowledgements?: readonly string[];
  /** The acknowledgements ticked, by id (a truthy value means ticked). @default {} */
  acknowledged?: Readonly<Record<string, unknown>>;
  /** Whether the assent is given. */
  assented: boolean;
}

const isBlank = (value: string) => value.trim() === '';

/** The one normalisation of a signer's display name: trimmed, and null when blank. */
export function normalizeSignerName(name: string | null | undefined): string | null {
  if (name === undefined || name === null) return null;
  const trimmed = name.trim();
  return trimmed === '' ? null : trimmed;
}

// Its documentation is on the public name, in src/core/public/requirements.ts.
export function missingRequirements(state: RequirementsState): MissingRequirement[] {
  const out: MissingRequirement[] = [];
  state.documents.forEach((doc, i) => {
    const extra = i === 0 ? {} : { documentId: doc.id };
    const code = (primary: MissingCode, other: MissingCode) => (i === 0 ? primary : other);
    if (doc.required === 'whole' && !doc.reachedEnd) {
      out.push({ code: code('scroll-to-end', 'document-end'), ...extra });
    }
    if (doc.requireAllKeyClausesSeen && doc.keyClausesSeen < doc.keyClausesTotal) {
      out.push({
        code: code('key-clauses', 'document-key-clauses'),
        ...extra,
        seen: doc.keyClausesSeen,
        total: doc.keyClausesTotal,
      });
    }
    const changesSeen = doc.changesSeen ?? 0;
    const changesTotal = doc.changesTotal ?? 0;
    if (doc.required === 'changes' && changesSeen < changesTotal) {
      out.push({
        code: code('passages', 'document-passages'),
        ...extra,
        seen: changesSeen,
        total: changesTotal,
      });
    }
  });

  const guardian = state.guardian ?? null;
  if (guardian) {
    if (!guardian.birthDateEntered) out.push({ code: 'birth-date' });
    else if (guardian.birthDateInvalid) out.push({ code: 'birth-date-invalid' });
    else if (!guardian.decided) out.push({ code: 'age-pending' });
    else if (guardian.required) {
      const invalid = new Set(guardian.invalid);
      for (const field of ['name', 'relationship', 'attestation', 'verification'] as const) {
        if (invalid.has(field)) out.push({ code: `guardian-${field}` });
      }
    }
  }

  const organization = state.organization ?? null;
  if (organization) {
    if (isBlank(organization.name)) out.push({ code: 'organization-name' });
    if (isBlank(organization.signerAuthority)) out.push({ code: 'signer-authority' });
  }

  const required = state.acknowledgements ?? [];
  const acknowledged = state.acknowledged ?? {};
  const unticked = required.filter((id) => !acknowledged[id]);
  if (unticked.length > 0) {
    out.push({ code: 'acknowledgements', missing: unticked, total: required.length });
  }

  if (!state.assented) out.push({ code: 'assent' });
  return out;
}
