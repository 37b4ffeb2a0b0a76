/**
 * Exporting a consent receipt (or a decline, with later withdrawals) as an ISO/IEC TS 27560:2023
 * consent record, expressed in JSON-LD with the W3C Data Privacy Vocabulary through the DPVCG's
 * `dpv-27560` profile (https://w3id.org/dpv/guides/consent-27560; read from github.com/w3c/dpv
 * at commit f01a55c3, `guides/consent-27560.html`, Final Community Group Report of 2026-02-15).
 *
 * What it was validated against: DPV publishes no JSON-LD `@context` document and no SHACL
 * shapes for the profile (none in that repository), so nothing here is checked against published
 * shapes. Instead the tests check (1) every `dpv:`, `pd:` and `loc:` term the output uses against
 * the term lists of DPV 2.3 (`2.3/dpv/dpv.csv`, `2.3/pd/pd.csv`, `2.3/loc/loc.csv` at that
 * commit, stored in `fixtures/`), (2) `dct:conformsTo` against the profiles declared in
 * `schema/dpv-27560.ttl`, and (3) the record's shape against fixtures written from the guide:
 * every field §8 marks "MUST be present" (as in its Example 39, "only the required fields"), and
 * JSON-LD well-formedness (every key a keyword or a term with a declared prefix).
 *
 * Framework-free and synchronous; it does not verify the receipt (run `verifyReceipt` first).
 */
import type { ConsentReceipt, ReceiptReplaces, ReceiptSummaries } from '../types';
import { checkIso27560 } from './iso-27560-check';
import { guardianClass, guardianSigned } from './signed-by';
import { Iso27560Error, epochMs } from './iso-27560-problems';
import {
  ISO_27560_CONTEXT,
  ISO_27560_PROFILE,
  type Iso27560Decline,
  type Iso27560Options,
  type Iso27560Purpose,
  type Iso27560Record,
  type JsonLdNode,
  type JsonLdValue,
} from './iso-27560-types';

const DEFAULT_VALIDITY = 'Until withdrawn, or until a new version of a notice needs re-consent';
const DEFAULT_WITHDRAWAL = "Withdrawal through the app's consent settings";
const DATA_SUBJECT = '_:data-subject';
const GUARDIAN = '_:guardian';
const ORGANISATION = '_:organisation';
/** Who indicated an event, when nothing recorded says: some entity, not named. */
const UNRECORDED: JsonLdNode = {
  '@type': 'dpv:Entity',
  'dct:description': 'Not recorded: the withdrawal was received, but not who indicated it',
};
/** The node each party an event may name is, in the order the record lists them. */
const PARTIES = { 'data-subject': DATA_SUBJECT, guardian: GUARDIAN } as const;

const ref = (iri: string): JsonLdNode => ({ '@id': iri });
const dateTime = (value: string): JsonLdNode => ({ '@value': value, '@type': 'xsd:dateTime' });
/** An ISO 8601 duration (`P2Y`, `PT12H`) is a temporal duration; anything else names the event that ends it. */
function duration(value: string): JsonLdNode {
  const temporal = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(value);
  return {
    '@type': temporal ? 'dpv:TemporalDuration' : 'dpv:UntilEventDuration',
    'rdf:value': value,
  };
}

/** One document as the record sees it, whether from a receipt or a decline. */
interface NoticeInput {
  id: string;
  version: string;
  title?: string;
  sha256?: string;
  canonicalization?: string;
  replaces?: ReceiptReplaces | null;
  summaries?: ReceiptSummaries;
  /** The document's own language, when the receipt records one. */
  language?: string;
}

/** One event before it becomes a `dpv:ConsentStatus` node. */
interface Step {
  type: 'dpv:ConsentGiven' | 'dpv:RenewedConsentGiven' | 'dpv:ConsentRefused' | 'dpv:ConsentWithdrawn';
  at: string;
  /** The client's time for it, when `at` is the server's receive time. */
  clientTime?: string;
  /** The nodes that indicated it; null when nothing recorded says who. */
  by: string[] | null;
  method: string;
  notices?: string[];
  replaces?: string[];
  validity?: string;
}

function status(step: Step): JsonLdNode {
  const given = step.type === 'dpv:ConsentGiven' || step.type === 'dpv:RenewedConsentGiven';
  const node: JsonLdNode = {
    '@type': given ? [step.type, 'dpv:ExplicitlyExpressedConsent'] : step.type,
    'dpv:isIndicatedAtTime': dateTime(step.at),
  };
  if (step.clientTime !== undefined) node['rcw:clientTime'] = dateTime(step.clientTime);
  node['dpv:isIndicatedBy'] = step.by === null ? [{ ...UNRECORDED }] : step.by.map(ref);
  node['dpv:hasIndicationMethod'] = step.method;
  if (step.validity !== undefined) node['dpv:hasDuration'] = duration(step.validity);
  if (step.notices) node['dpv:hasNotice'] = step.notices.map(ref);
  if (step.replaces && step.replaces.length > 0) node['dct:replaces'] = step.replaces.map(ref);
  return node;
}

/** Sorts by time; `Array.prototype.sort` is stable, so events at the same time keep their order. */
const byTime = (steps: Step[]) => steps.sort((a, b) => epochMs(a.at) - epochMs(b.at));

/**
 * Exports a react-clickwrap receipt as an ISO/IEC TS 27560:2023 consent record in the W3C DPV
 * JSON-LD profile `dpv-27560` (`dct:conformsTo` {@link ISO_27560_PROFILE}). Pass a decline
 * (`{ kind: 'decline', … }`) instead of a receipt for a record of consent refused, and the
 * withdrawals the server recorded since as `options.events`. Times are the client's clock (the
 * receipt's `acceptedAt`) unless `options.receivedAt` gives the server's receive time: then the
 * consent is dated by it and the client's time is kept as `rcw:clientTime`.
 *
 * The record's keys, always in this order: `@context`, `@id` (`urn:uuid:<receiptId>`), `@type`
 * (`dpv:ConsentRecord`), `dct:identifier` (the receipt id), `dct:conformsTo`, `dct:replaces`
 * (re-consent: the record replaced, when its receipt id is known), `dpv:hasDataSubject` (the
 * signer; `dpv:Child` with `rcw:ageBracket` for a minor: never a birth date),
 * `dpv:hasDataController`, `dpv:hasJurisdiction`, `dpv:hasNotice` (each document as a
 * `dpv:ConsentNotice`: id, `dcat:version`, title, language, and the text hash as `rcw:sha256`;
 * the plain-language summaries shown as `rcw:summaries`, a renewal's change kind as `rcw:changeKind`),
 * `dpv:hasProcess` (one per purpose; one tied to an optional consent carries its own
 * `dpv:hasConsentStatus`), `dpv:hasConsentControl`, `dpv:hasRight`, `dpv:hasEntity` (the
 * controller; the organisation signed for; the guardian, as `dpv:ParentOfDataSubject` or
 * `dpv:GuardianOfDataSubject` with `rcw:relationship` and the attestation as
 * `dpv:hasJustification`) and `dpv:hasConsentStatus` (the events, oldest first: the last is the
 * current status). Given consent is `dpv:ConsentGiven`, re-consent `dpv:RenewedConsentGiven` with
 * `dct:replaces` naming the record and notice versions it renews, a decline
 * `dpv:ConsentRefused`, a withdrawal `dpv:ConsentWithdrawn`; each event's `dpv:isIndicatedBy` is
 * the data subject, the guardian, or both (a joint signature); a withdrawal's is whom its `by`
 * names; when it names no one, the data subject if the receipt records no guardian (only the
 * person's own account acts for them), else an unidentified `dpv:Entity` saying who was not
 * recorded (the profile requires the property; the record does not guess between child and
 * guardian). Then, when the receipt carries one,
 * `rcw:presentation` (how the notice looked at accept: the receipt's `presentation` as an
 * `rdf:JSON` literal). The output is plain JSON: no `undefined`, and the same input always gives
 * the same output.
 * @throws Iso27560Error listing every missing or malformed option, receipt field and event.
 */
export function toIso27560Record(
  receipt: ConsentReceipt | Iso27560Decline,
  options: Iso27560Options,
): Iso27560Record {
  const problems = checkIso27560(receipt, options);
  if (problems.length > 0) throw new Iso27560Error(problems);

  const decline = 'kind' in receipt ? receipt : null;
  const r = decline ? null : (receipt as ConsentReceipt);
  const id = decline ? decline.declineId : (r as ConsentReceipt).receiptId;
  const controller = options.controller;
  const noticeIri = (docId: string, version: string) =>
    `${options.noticeBaseUrl}${encodeURIComponent(docId)}/${encodeURIComponent(version)}`;

  const documents: NoticeInput[] = decline
    ? [...decline.documents]
    : [{ ...r!.agreement, replaces: r!.replaces }, ...r!.additionalDocuments];
  const notices = documents.map((doc): JsonLdNode => {
    const node: JsonLdNode = {
      '@id': noticeIri(doc.id, doc.version),
      '@type': 'dpv:ConsentNotice',
      'dct:identifier': doc.id,
      'dcat:version': doc.version,
    };
    if (doc.title !== undefined) node['dct:title'] = doc.title;
    // The notice's own language when the app declared it; otherwise the UI's, which the text was
    // then shown in (the view gives an undeclared text no language of its own).
    node['dct:language'] = doc.language ?? (decline ?? r!).locale;
    if (doc.sha256 !== undefined) node['rcw:sha256'] = doc.sha256;
    if (doc.canonicalization !== undefined) node['rcw:canonicalization'] = doc.canonicalization;
    if (doc.summaries) {
      // The plain-language summaries shown beside its key clauses are part of what was noticed.
      node['rcw:summaries'] = {
        'rcw:variant': doc.summaries.variant,
        'rcw:sha256': doc.summaries.sha256,
        'rcw:canonicalization': doc.summaries.canonicalization,
      };
    }
    // A renewal says whether the change it answers was material or a minor one (notice only).
    if (doc.replaces?.changeKind) node['rcw:changeKind'] = doc.replaces.changeKind;
    return node;
  });
  const noticeRefs = notices.map((n) => n['@id'] as string);

  // Who expressed the consent: the guardian instead of a minor (guardian-only), or with them.
  const guardian = r?.guardian ?? null;
  const by =
    guardian === null ? [DATA_SUBJECT] : guardian.mode === 'joint' ? [DATA_SUBJECT, GUARDIAN] : [GUARDIAN];
  const ui = (decline ? decline.uiVariant : r!.uiVariant) || 'clickwrap';
  const method = decline
    ? `Clickwrap (${ui}): explicit decline control`
    : `Clickwrap (${ui}): explicit accept control${guardianSigned(guardian)}`;

  const previous = documents.filter((d) => d.replaces);
  const replacedRecords = [
    ...new Set(previous.flatMap((d) => (d.replaces?.receiptId ? [`urn:uuid:${d.replaces.receiptId}`] : []))),
  ];
  const validity = options.validity ?? DEFAULT_VALIDITY;
  // The server's receive time, when given, dates what the receipt says; the client's is kept.
  const received = decline ? undefined : options.receivedAt;
  const when = (client: string) =>
    received === undefined ? { at: client } : { at: received, clientTime: client };
  const first: Step = decline
    ? { type: 'dpv:ConsentRefused', at: decline.declinedAt, by, method, notices: noticeRefs }
    : {
        type: previous.length > 0 ? 'dpv:RenewedConsentGiven' : 'dpv:ConsentGiven',
        ...when(r!.acceptedAt),
        by,
        method,
        validity,
        notices: noticeRefs,
        replaces: [...replacedRecords, ...previous.map((d) => noticeIri(d.id, d.replaces!.version))],
      };
  const events = [...(options.events ?? [])];
  const withdrawal = (scope: (s: string) => boolean): Step[] =>
    events
      .filter((e) => scope(e.scope))
      .map((e) => ({
        type: 'dpv:ConsentWithdrawn',
        at: e.at,
        by: e.by
          ? (Object.keys(PARTIES) as (keyof typeof PARTIES)[])
              .filter((party) => e.by!.includes(party))
              .map((party) => PARTIES[party])
          : // No guardian on the receipt: only the person's own account acts for them.
            guardian === null
            ? [DATA_SUBJECT]
            : null,
        method: e.method ?? DEFAULT_WITHDRAWAL,
      }));

  const processes = options.purposes
    .filter((purpose) => !decline || purpose.optionalConsentId === undefined)
    .map((purpose) =>
      process(purpose, options, () => {
        const consent = r!.optionalConsents.find((c) => c.id === purpose.optionalConsentId)!;
        const at = when(consent.at ?? r!.acceptedAt);
        const answer: Step = consent.granted
          ? {
              type: 'dpv:ConsentGiven',
              ...at,
              by,
              method: `${method}; optional consent ticked`,
              validity,
            }
          : {
              type: 'dpv:ConsentRefused',
              ...at,
              by,
              method: `${method}; optional consent left unticked`,
            };
        return {
          label: consent.label,
          steps: byTime([
            answer,
            ...(consent.granted ? withdrawal((s) => s === 'all' || s === consent.id) : []),
          ]),
        };
      }),
    );

  const subject: JsonLdNode = {
    '@id': DATA_SUBJECT,
    '@type': r?.minor ? ['dpv:DataSubject', 'dpv:Child'] : 'dpv:DataSubject',
    'dct:identifier': (decline ?? r!).signer.id,
  };
  const name = (decline ?? r!).signer.name;
  if (name) subject['dpv:hasName'] = name;
  const bracket = r?.minor?.ageBracket ?? r?.age?.ageBracket;
  if (bracket) subject['rcw:ageBracket'] = bracket;

  const record: Iso27560Record = {
    '@context': { ...ISO_27560_CONTEXT },
    '@id': `urn:uuid:${id}`,
    '@type': 'dpv:ConsentRecord',
    'dct:identifier': id,
    'dct:conformsTo': ref(ISO_27560_PROFILE),
  };
  if (replacedRecords.length > 0) record['dct:replaces'] = replacedRecords.map(ref);
  record['dpv:hasDataSubject'] = subject;
  record['dpv:hasDataController'] = ref(controller.iri);
  record['dpv:hasJurisdiction'] = ref(`loc:${options.jurisdiction}`);
  record['dpv:hasNotice'] = notices;
  record['dpv:hasProcess'] = processes;
  record['dpv:hasConsentControl'] = {
    '@type': ['dpv:ProvideConsent', 'dpv:WithdrawConsent'],
    'dpv:isExercisedAt': ref(options.manageConsentUrl),
  };
  record['dpv:hasRight'] = {
    '@type': 'dpv:DataSubjectRight',
    'dct:title': 'Right to withdraw consent',
    'dpv:isExercisedAt': ref(options.rightsUrl ?? options.manageConsentUrl),
  };
  record['dpv:hasEntity'] = entities(receipt, options);
  record['dpv:hasConsentStatus'] = byTime([first, ...withdrawal((s) => s === 'all')]).map(status);
  // DPV has no term for how the notice looked: the receipt's own block, as a JSON literal.
  if (r?.presentation !== undefined) {
    record['rcw:presentation'] = { '@value': JSON.stringify(r.presentation), '@type': 'rdf:JSON' };
  }
  return record;
}

function process(
  purpose: Iso27560Purpose,
  options: Iso27560Options,
  optional: () => { label: string; steps: Step[] },
): JsonLdNode {
  const node: JsonLdNode = { '@type': 'dpv:Process', 'dct:identifier': purpose.id };
  const own = purpose.optionalConsentId === undefined ? null : optional();
  if (own) node['dct:title'] = own.label;
  node['dpv:hasPurpose'] = {
    '@type': 'dpv:Purpose',
    'skos:broader': ref(`dpv:${purpose.category}`),
    'dct:description': purpose.description,
  };
  node['dpv:hasPersonalData'] = purpose.personalData.map((term) => ref(`pd:${term}`));
  node['dpv:hasNecessity'] = ref(own ? 'dpv:Optional' : 'dpv:Required');
  node['dpv:hasLegalBasis'] = ref('dpv:ExplicitlyExpressedConsent');
  node['dpv:hasDataController'] = ref(options.controller.iri);
  node['dpv:hasRecipient'] = (purpose.recipients ?? [options.controller.iri]).map(ref);
  node['dpv:hasStorageCondition'] = {
    '@type': 'dpv:StorageDuration',
    'dpv:hasDuration': duration(purpose.retention),
  };
  if (own) node['dpv:hasConsentStatus'] = own.steps.map(status);
  return node;
}

function entities(receipt: ConsentReceipt | Iso27560Decline, options: Iso27560Options): JsonLdValue[] {
  const c = options.controller;
  const address: JsonLdNode = { '@type': 'schema:PostalAddress' };
  for (const key of [
    'streetAddress',
    'addressLocality',
    'addressRegion',
    'postalCode',
    'addressCountry',
  ] as const) {
    const part = c.address[key];
    if (part !== undefined) address[`schema:${key}`] = part;
  }
  const contact: JsonLdNode = { '@type': 'schema:ContactPoint', 'schema:email': c.email };
  if (c.phone !== undefined) contact['schema:telephone'] = c.phone;
  const controller: JsonLdNode = {
    '@id': c.iri,
    '@type': ['dpv:DataController', 'dpv:Organisation'],
    'dpv:hasIdentifier': c.iri,
    'dpv:hasName': c.name,
    'schema:contactPoint': [address, contact],
  };
  if (c.url !== undefined) controller['schema:url'] = ref(c.url);
  const list: JsonLdValue[] = [controller];
  if ('kind' in receipt) return list;
  const { organization, guardian } = receipt as ConsentReceipt;
  if (organization) {
    list.push({
      '@id': ORGANISATION,
      '@type': 'dpv:Organisation',
      'dpv:hasName': organization.name,
      'dpv:hasRepresentative': ref(DATA_SUBJECT),
      'rcw:signerAuthority': organization.signerAuthority,
    });
  }
  if (guardian) {
    const node: JsonLdNode = {
      '@id': GUARDIAN,
      '@type': guardianClass(guardian.relationship),
      'dpv:hasName': guardian.name,
      'rcw:relationship': guardian.relationship,
      'dpv:hasJustification': guardian.attestation,
    };
    if (guardian.verification) node['rcw:guardianVerification'] = guardian.verification;
    list.push(node);
  }
  return list;
}
