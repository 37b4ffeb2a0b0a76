/**
 * The glue between receipts and the one rule set (./rules.ts): the rule state a receipt (and,
 * for `createReceipt`, what the flow required) describes, and the problems for what is missing.
 */
import { isObject, type Json } from '../internal/problems';
import {
  missingRequirements,
  type DocumentRequirementState,
  type MissingRequirement,
  type RequirementsState,
} from './rules';
import type { ReceiptProblem, ReceiptRequirementsInput } from './types';

const REQUIREMENTS: readonly unknown[] = ['whole', 'changes', 'none'];

/** One document's rule state from its recorded reading; what the shape check rejects counts as met, since it is reported there. */
function documentState(
  id: unknown,
  reading: unknown,
  allKeyClauses: ReadonlySet<unknown>,
): DocumentRequirementState {
  const r: Json = isObject(reading) ? reading : {};
  const count = (ids: unknown) => (Array.isArray(ids) ? new Set(ids).size : 0);
  const total = (n: unknown) => (Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : 0);
  const changesValid = Array.isArray(r.changesSeen) && Number.isSafeInteger(r.changesTotal);
  return {
    id: typeof id === 'string' ? id : '',
    required: REQUIREMENTS.includes(r.required)
      ? (r.required as DocumentRequirementState['required'])
      : 'none',
    reachedEnd: r.reachedEnd !== false,
    requireAllKeyClausesSeen: allKeyClauses.has(id),
    keyClausesSeen: count(r.keyClausesSeen),
    keyClausesTotal: total(r.keyClausesTotal),
    changesSeen: changesValid ? count(r.changesSeen) : 0,
    changesTotal: changesValid ? total(r.changesTotal) : 0,
  };
}

/**
 * What the one rule set is given for a receipt (or a receipt's content being created): every
 * document's reading, and, when `required` is passed (createReceipt's `requirements`), the
 * assent, acknowledgements, organisation and guardian form as the gate saw them.
 */
export function receiptRequirementsState(
  receipt: Json,
  required: ReceiptRequirementsInput = {},
): RequirementsState {
  const allKeyClauses = new Set<unknown>(required.allKeyClausesSeen ?? []);
  const agreement = isObject(receipt.agreement) ? receipt.agreement : {};
  const documents = Array.isArray(receipt.additionalDocuments) ? receipt.additionalDocuments : [];
  const given = Array.isArray(receipt.acknowledgements) ? receipt.acknowledgements : [];
  const organization = isObject(receipt.organization) ? receipt.organization : null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    documents: [
      documentState(agreement.id, receipt.reading, allKeyClauses),
      ...documents.map((doc: unknown) => {
        const d: Json = isObject(doc) ? doc : {};
        return documentState(d.id, d.reading, allKeyClauses);
      }),
    ],
    guardian: required.guardian ?? null,
    organization: required.organization
      ? { name: text(organization?.name), signerAuthority: text(organization?.signerAuthority) }
      : null,
    acknowledgements: required.acknowledgements ?? [],
    acknowledged: Object.fromEntries(
      given.flatMap((ack: unknown) => (isObject(ack) ? [[String(ack.id), true]] : [])),
    ),
    assented: required.assented ?? true,
  };
}

/** The path of document `i`'s reading: `reading` for the agreement, else the additional document's. */
const readingPath = (i: number) => (i === 0 ? 'reading' : `additionalDocuments[${i - 1}].reading`);

/** Which document (0 = the agreement) a missing requirement is about, or null for the others. */
export function documentIndexOf(missing: MissingRequirement, state: RequirementsState): number | null {
  if (missing.documentId !== undefined) {
    const i = state.documents.findIndex((d, k) => k > 0 && d.id === missing.documentId);
    return i > 0 ? i : null;
  }
  return ['scroll-to-end', 'key-clauses', 'passages'].includes(missing.code) ? 0 : null;
}

/** A missing requirement as a receipt problem, with the path to what should change. */
export function requirementProblem(missing: MissingRequirement, state: RequirementsState): ReceiptProblem {
  const requirement = missing.code;
  const i = documentIndexOf(missing, state);
  const path = i === null ? '' : readingPath(i);
  const { seen = 0, total = 0 } = missing;
  switch (missing.code) {
    case 'scroll-to-end':
    case 'document-end':
      return {
        code: 'reading-requirement-unmet',
        path: `${path}.reachedEnd`,
        message: `${path}.required is "whole" but the end was not reached: a consent that required reading to the end cannot be recorded before the end came into view. Record it once reachedEnd is true, or state the requirement that applied.`,
        requirement,
      };
    case 'passages':
    case 'document-passages':
      return {
        code: 'reading-requirement-unmet',
        path: `${path}.changesSeen`,
        message: `${path}.required is "changes" but only ${seen} of ${total} changed passages were seen: record the consent once every added or changed passage has been on screen.`,
        requirement,
      };
    case 'key-clauses':
    case 'document-key-clauses':
      return {
        code: 'requirement-unmet',
        path: `${path}.keyClausesSeen`,
        message: `every key clause of this document had to be on screen (requirements.allKeyClausesSeen), but only ${seen} of ${total} were: record the consent once each has been on screen.`,
        requirement,
      };
    case 'acknowledgements':
      return {
        code: 'requirement-unmet',
        path: 'acknowledgements',
        message: `the required acknowledgements ${(missing.missing ?? []).map((id) => JSON.stringify(id)).join(', ')} are not in acknowledgements: record the consent once each has been ticked.`,
        requirement,
      };
    case 'organization-name':
    case 'signer-authority': {
      const field = missing.code === 'organization-name' ? 'name' : 'signerAuthority';
      return {
        code: 'requirement-unmet',
        path: `organization.${field}`,
        message: `the organisation was asked for (requirements.organization) but organization.${field} is blank: record the consent once it is filled in.`,
        requirement,
      };
    }
    case 'assent':
      return {
        code: 'requirement-unmet',
        path: 'requirements.assented',
        message:
          'requirements.assented is false: a consent is recorded only once the person has given the assent.',
        requirement,
      };
    default:
      return {
        code: 'requirement-unmet',
        path: 'guardian',
        message: `the age gate or guardian form is not complete (${missing.code}): record the consent once the gate shows nothing missing.`,
        requirement,
      };
  }
}

/** Runs the one rule set over a receipt's state: the missing requirements, and the state they are about. */
export function receiptMissing(
  receipt: Json,
  required?: ReceiptRequirementsInput,
): { state: RequirementsState; missing: MissingRequirement[] } {
  const state = receiptRequirementsState(receipt, required);
  return { state, missing: missingRequirements(state) };
}
