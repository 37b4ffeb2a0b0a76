/**
 * `createReceipt`: the consent receipt, made from what was shown, read and given. It refuses
 * (a `ReceiptError` listing every problem) what the shape, the consistency rules or the one
 * rule set (./rules.ts) reject, so a receipt it returns always verifies.
 */
import { declaredLanguage } from '../agreement/language';
import { CANONICALIZATION_VERSION, canonicalizeAgreement } from '../canonical';
import { hashAgreement, sha256Hex } from '../hash';
import { normalizeDate } from '../internal/datetime';
import { randomUuid } from '../internal/ids';
import { isObject, show, type Json } from '../internal/problems';
import { RECEIPT_SCHEMA } from '../types';
import type { ConsentReceipt } from '../types';
import { checkConsistency } from './consistency';
import { normalizeSignerName } from './rules';
import { canonicalContent } from './serialize';
import { PRESENTATION, PRESENTATION_NOT_PROVIDED } from './presentation';
import { checkShape, CONTENT, ordered } from './shape';
import { shownBody, summariesOf } from './summaries';
import { ReceiptError, type CreateReceiptInput, type ReceiptProblem } from './types';

/** A fresh receipt id, or a clear error where this runtime cannot make one. */
function newReceiptId(): string {
  const id = randomUuid();
  if (id !== null) return id;
  throw new ReceiptError(
    'crypto-unavailable',
    'receiptId',
    'createReceipt: there is no crypto.randomUUID or crypto.getRandomValues here to make a ' +
      'receipt id. Pass receiptId (a UUID) yourself, or run in a browser or Node 20 or later.',
  );
}

/** A display name as stored: trimmed, and null when blank (the one rule, see normalizeSignerName). */
function signerName(name: unknown): unknown {
  return name === undefined || name === null || typeof name === 'string' ? normalizeSignerName(name) : name;
}

const orNull = (value: unknown) => (value === undefined || value === '' ? null : value);

/** `value`'s listed fields (in that order) when it is an object, null when absent, else itself. */
function pick(value: unknown, build: (v: Json) => Json): unknown {
  if (value === undefined || value === null) return null;
  return isObject(value) ? build(value) : value;
}

// Its documentation is on the public name, in src/core/public/receipt.ts.
export async function createReceipt(input: CreateReceiptInput): Promise<ConsentReceipt> {
  const fail = (problems: readonly ReceiptProblem[]): never => {
    const [first] = problems;
    if (!first) throw new Error('unreachable');
    throw new ReceiptError(first.code, first.path, `createReceipt: ${first.message}`, problems);
  };
  if (!isObject(input)) {
    fail([
      {
        code: 'not-an-object',
        path: '',
        message: `expects an object ({ agreement, shownAt, acceptedAt, signer, reading, locale, uiVariant, … }), got ${show(input)}.`,
      },
    ]);
  }
  const agreement: unknown = input.agreement;
  const source = input as unknown as Json;
  const a = agreement as Json;
  const documents: unknown = source.additionalDocuments ?? [];
  const early: ReceiptProblem[] = [];
  checkShownText(a, 'agreement', early);
  if (Array.isArray(documents)) {
    documents.forEach((doc: unknown, i) => {
      const path = `additionalDocuments[${i}]`;
      if (!isObject(doc)) {
        early.push({
          code: 'invalid-field',
          path,
          message: `${path} is ${show(doc)}. Pass { agreement, reading, replaces? }: the document as shown (e.g. from parseAgreement) and its reading evidence.`,
        });
      } else {
        checkShownText(doc.agreement, `${path}.agreement`, early);
      }
    });
  }
  if (early.length > 0) fail(early);
  const docs = (Array.isArray(documents) ? documents : []) as Json[];

  const content: Json = {
    schema: RECEIPT_SCHEMA,
    receiptId:
      source.receiptId === undefined
        ? newReceiptId()
        : typeof source.receiptId === 'string'
          ? source.receiptId.toLowerCase()
          : source.receiptId,
    agreement: await shownDocument(a, source.minor),
    shownAt: normalizeDate(source.shownAt),
    acceptedAt: normalizeDate(source.acceptedAt),
    signer: isObject(source.signer)
      ? { id: source.signer.id, name: signerName(source.signer.name) }
      : source.signer,
    organization: pick(source.organization, (o) => ({
      name: o.name,
      signerAuthority: o.signerAuthority,
    })),
    guardian: pick(source.guardian, (g) => ({
      name: g.name,
      relationship: g.relationship,
      attestation: g.attestation,
      mode: g.mode,
      verification: orNull(g.verification),
    })),
    minor: pick(source.minor, (m) => ({
      ageBracket: m.ageBracket,
      rule: m.rule,
      minimumAge: m.minimumAge,
    })),
    age:
      source.age === undefined
        ? pick(source.minor, (m) => ({
            ageBracket: m.ageBracket,
            rule: m.rule,
            minimumAge: m.minimumAge,
            guardianRequired: true,
          }))
        : pick(source.age, (g) => ({
            ageBracket: g.ageBracket,
            rule: g.rule,
            minimumAge: g.minimumAge,
            guardianRequired: g.guardianRequired,
          })),
    acknowledgements:
      source.acknowledgements === undefined || source.acknowledgements === null
        ? []
        : Array.isArray(source.acknowledgements)
          ? source.acknowledgements.map((ack: unknown) =>
              isObject(ack) ? { id: ack.id, label: ack.label, at: normalizeDate(ack.at) } : ack,
            )
          : source.acknowledgements,
    optionalConsents:
      source.optionalConsents === undefined || source.optionalConsents === null
        ? []
        : Array.isArray(source.optionalConsents)
          ? source.optionalConsents.map((consent: unknown) =>
              isObject(consent)
                ? {
                    id: consent.id,
                    label: consent.label,
                    granted: consent.granted,
                    at: normalizeDate(consent.at ?? null),
                  }
                : consent,
            )
          : source.optionalConsents,
    reading: normalizeReading(source.reading),
    locale: source.locale,
    uiVariant: source.uiVariant,
    replaces: normalizeReplaces(source.replaces),
    additionalDocuments: Array.isArray(documents)
      ? await Promise.all(
          docs.map(async (doc) => ({
            ...(await shownDocument(doc.agreement as Json, source.minor)),
            reading: normalizeReading(doc.reading),
            replaces: normalizeReplaces(doc.replaces),
          })),
        )
      : documents,
    presentation:
      source.presentation === undefined
        ? { ...PRESENTATION_NOT_PROVIDED }
        : ordered(source.presentation, PRESENTATION),
  };

  const problems: ReceiptProblem[] = [];
  checkShape(content, CONTENT, '', 'create', problems);
  const requirements = source.requirements ?? {};
  if (!isObject(requirements)) {
    problems.push({
      code: 'invalid-field',
      path: 'requirements',
      message: `requirements is ${show(requirements)}. Pass { assented, acknowledgements, allKeyClausesSeen, organization, guardian } as the gate saw them, or leave it out.`,
    });
  }
  checkConsistency(content, problems, isObject(requirements) ? requirements : {});
  checkAgainstAgreement(a, content.reading, 'reading', problems);
  docs.forEach((doc, i) => {
    const reading = (content.additionalDocuments as Json[])[i]?.reading;
    checkAgainstAgreement(doc.agreement as Json, reading, `additionalDocuments[${i}].reading`, problems);
  });
  if (problems.length > 0) fail(problems);

  const receipt = { ...content, integrity: await sha256Hex(canonicalContent(content)) };
  return receipt as unknown as ConsentReceipt;
}

/** A shown document's text must be a non-empty string: it is what the receipt proves. */
function checkShownText(agreement: unknown, path: string, problems: ReceiptProblem[]): void {
  if (!isObject(agreement) || typeof agreement.markdown !== 'string') {
    const where = isObject(agreement) ? `${path}.markdown` : path;
    const value = isObject(agreement) ? agreement.markdown : agreement;
    problems.push({
      code: value === undefined ? 'missing-field' : 'invalid-field',
      path: where,
      message: `${where} is ${show(value)}. Pass the ${path === 'agreement' ? 'agreement' : 'document'} that was shown ({ id, version, title, markdown }), e.g. an Agreement from parseAgreement.`,
    });
  } else if (canonicalizeAgreement(agreement.markdown) === '') {
    problems.push({
      code: 'empty-agreement',
      path: `${path}.markdown`,
      message:
        `${path}.markdown is empty (or only whitespace): pass the full text that was shown, ` +
        'so that the receipt can prove what the person agreed to.',
    });
  }
}

/**
 * `{ id, version, title, sha256, canonicalization, summaries?, language? }` of a document whose
 * text was checked; `summaries` only when it has plain-language summaries (the minors' variants
 * for a minor); `language` only when the app declared one (parsed without it, the agreement's
 * "en" is a default, not a fact about the text).
 */
async function shownDocument(doc: Json, minor: unknown): Promise<Json> {
  const summaries = await summariesOf(doc, minor);
  const language = declaredLanguage(doc);
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    sha256: await hashAgreement(shownBody(doc.markdown as string)),
    canonicalization: CANONICALIZATION_VERSION,
    ...(summaries ? { summaries } : {}),
    ...(language === undefined ? {} : { language }),
  };
}

function normalizeReading(reading: unknown): unknown {
  if (!isObject(reading)) return reading;
  const copy = (ids: unknown) => (Array.isArray(ids) ? [...(ids as unknown[])] : ids);
  return {
    required: reading.required ?? 'none',
    reachedEnd: reading.reachedEnd,
    reachedEndAt: normalizeDate(reading.reachedEndAt ?? null),
    keyClausesSeen: copy(reading.keyClausesSeen),
    keyClausesTotal: reading.keyClausesTotal,
    changesSeen: copy(reading.changesSeen ?? []),
    changesTotal: reading.changesTotal ?? 0,
  };
}

function normalizeReplaces(replaces: unknown): unknown {
  return pick(replaces, (r) => ({
    version: r.version,
    receiptId:
      r.receiptId === undefined || r.receiptId === null
        ? null
        : typeof r.receiptId === 'string'
          ? r.receiptId.toLowerCase()
          : r.receiptId,
    ...(r.changeKind === undefined ? {} : { changeKind: r.changeKind }),
  }));
}

/** When the input document lists its key clauses, the reading evidence must fit them. */
function checkAgainstAgreement(agreement: Json, reading: unknown, path: string, problems: ReceiptProblem[]) {
  const clauses = agreement.keyClauses;
  if (!Array.isArray(clauses) || !isObject(reading)) return;
  const known = new Set(clauses.map((c: unknown) => (isObject(c) ? c.id : undefined)));
  if (reading.keyClausesTotal !== clauses.length) {
    problems.push({
      code: 'key-clauses-inconsistent',
      path: `${path}.keyClausesTotal`,
      message: `${path}.keyClausesTotal is ${show(reading.keyClausesTotal)} but the document has ${clauses.length} key clauses: pass its keyClauses.length.`,
    });
  }
  if (!Array.isArray(reading.keyClausesSeen)) return;
  reading.keyClausesSeen.forEach((id: unknown, i) => {
    if (!known.has(id)) {
      problems.push({
        code: 'key-clauses-inconsistent',
        path: `${path}.keyClausesSeen[${i}]`,
        message: `${path}.keyClausesSeen[${i}] is ${show(id)}, which is not a key clause of this document: pass only ids from its keyClauses.`,
      });
    }
  });
}
