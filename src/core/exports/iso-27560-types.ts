/**
 * The inputs and output of `toIso27560Record`: an ISO/IEC TS 27560:2023 consent record in the
 * W3C DPV JSON-LD profile `dpv-27560` ("Consent Records and Receipts as per ISO/IEC TS
 * 27560:2023 using DPV", DPVCG Final Community Group Report, 15 February 2026,
 * https://w3id.org/dpv/guides/consent-27560).
 */

/** A JSON-LD value: a string, number or boolean literal, a node, or an array of values. */
export type JsonLdValue = string | number | boolean | JsonLdNode | JsonLdValue[];

/** A JSON-LD node object: keys are JSON-LD keywords (`@id`, `@type`…) or prefixed terms (`dpv:…`). */
export interface JsonLdNode {
  [key: string]: JsonLdValue;
}

/** The `dpv-27560` profile the record conforms to (guide §2 and §8.1.1, `dct:conformsTo`). */
export const ISO_27560_PROFILE = 'https://w3id.org/dpv/schema/dpv-27560#record';

/**
 * The namespace of react-clickwrap's own extension properties, for what DPV has no term for:
 * `rcw:sha256` (SHA-256, hex, of the canonical text of a notice as shown), `rcw:canonicalization`
 * (the canonicalisation rules that hash was taken under), `rcw:ageBracket` (the data subject's
 * coarse age bracket, never the birth date), `rcw:relationship` (the guardian's relationship to
 * the data subject, in the app's words), `rcw:guardianVerification` (what the app's check of the
 * guardian said), `rcw:signerAuthority` (the signer's authority to bind an organisation),
 * `rcw:summaries` (the plain-language summaries shown with a notice: `rcw:variant` `adult` or
 * `minor`, their `rcw:sha256` and `rcw:canonicalization`), `rcw:changeKind` (on a renewed notice:
 * whether the change it answers was `material` or `minor`), `rcw:presentation` (how the notice
 * looked at accept, the receipt's `presentation` block as an `rdf:JSON` literal) and
 * `rcw:clientTime` (on a consent event dated by the server's `receivedAt`: the time the client's
 * clock gave for it, the receipt's `acceptedAt` or an optional consent's `at`, as `xsd:dateTime`).
 */
export const CLICKWRAP_NAMESPACE = 'https://react-clickwrap.dev/ns#';

/** The JSON-LD `@context` of every record: the prefixes its keys and values use. */
export const ISO_27560_CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  loc: 'https://w3id.org/dpv/loc#',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  schema: 'https://schema.org/',
  rcw: CLICKWRAP_NAMESPACE,
} as const;

/** A postal address, with schema.org `PostalAddress` field names. At least one is required. */
export interface Iso27560PostalAddress {
  /** Street and number. */
  streetAddress?: string;
  /** Town or city. */
  addressLocality?: string;
  /** Region, state or province. */
  addressRegion?: string;
  /** Postal or ZIP code. */
  postalCode?: string;
  /** Country, e.g. `"DE"`. */
  addressCountry?: string;
}

/** The data controller (ISO/IEC TS 27560 "pii controller"; guide §8.3.5 and §8.4). */
export interface Iso27560Controller {
  /** The controller's IRI (http, https or urn), e.g. `"https://instadesk.example/"`: its identifier in the record. */
  iri: string;
  /** Its legal name. */
  name: string;
  /** Its postal address (the guide requires one for every entity but the data subject). */
  address: Iso27560PostalAddress;
  /** The contact email address. */
  email: string;
  /** The contact phone number. */
  phone?: string;
  /** Its website. */
  url?: string;
}

/**
 * A purpose of processing, as one `dpv:Process` of the record. A purpose tied to an optional
 * consent (`optionalConsentId`) gets that consent's own status and events; the others share the
 * record's.
 */
export interface Iso27560Purpose {
  /** A stable id for the purpose, e.g. `"helpdesk"` (`dct:identifier` of its process). */
  id: string;
  /** What the purpose is, in words, e.g. `"To provide the helpdesk service"`. */
  description: string;
  /** A DPV purpose term it is a kind of, e.g. `"ServiceProvision"`, `"Marketing"` (→ `skos:broader dpv:…`). */
  category: string;
  /** DPV-PD personal data categories processed for it, e.g. `["EmailAddress", "Name"]` (→ `pd:…`). */
  personalData: readonly string[];
  /**
   * How long the data is kept: an ISO 8601 duration such as `"P2Y"` (`dpv:TemporalDuration`) or,
   * in words, the event that ends it, e.g. `"Account closure"` (`dpv:UntilEventDuration`).
   */
  retention: string;
  /** IRIs of the recipients of the data. @default [the controller's iri] */
  recipients?: readonly string[];
  /** Ties the purpose to an optional consent of the receipt, e.g. `"marketing"`. */
  optionalConsentId?: string;
}

/**
 * An event that happened after the receipt, recorded by the server and passed in: a withdrawal
 * of consent as a whole (`scope: 'all'`) or of one optional consent (`scope: "<its id>"`).
 */
export interface Iso27560Event {
  /** The only kind of later event: a withdrawal. */
  type: 'withdrawn';
  /**
   * When it was received (RFC 3339 with a time zone, server clock), not before the consent: not
   * before `options.receivedAt` when given, else not before the receipt's `acceptedAt`.
   */
  at: string;
  /** `'all'` for consent as a whole, or the id of an optional consent the receipt records as granted. */
  scope: string;
  /** How it was expressed. @default "Withdrawal through the app's consent settings" */
  method?: string;
  /**
   * Who indicated it, as the app knows: `['data-subject']`, `['guardian']` (only when the receipt
   * records a guardian) or both, the parties a consent's `dpv:isIndicatedBy` names (`_:data-subject`,
   * `_:guardian`). Left out, the record does not say who: the profile requires a
   * `dpv:isIndicatedBy` on every event, so it names an unidentified `dpv:Entity` whose
   * `dct:description` says who indicated it was not recorded. It never assumes the data subject,
   * who may be a child whose guardian alone gave the consent.
   */
  by?: readonly Iso27560Party[];
}

/** A party to the consent who can indicate an event: the data subject, or their guardian. */
export type Iso27560Party = 'data-subject' | 'guardian';

/**
 * A decline, as the server records it: the person refused the documents. Passed in place of a
 * receipt, it gives a record whose status is `dpv:ConsentRefused`.
 */
export interface Iso27560Decline {
  /** Says this is a decline, not a receipt. */
  kind: 'decline';
  /** The decline's id (a UUID): the record's identifier. */
  declineId: string;
  /** When it was received (RFC 3339 with a time zone). */
  declinedAt: string;
  /** The person who declined, as the app identifies them. */
  signer: { id: string; name: string | null };
  /** BCP 47 tag of the UI language, e.g. `"en-GB"`. */
  locale: string;
  /** Which UI showed the documents, e.g. `"modal"`. @default "clickwrap" */
  uiVariant?: string;
  /** The documents declined; title and hash when the server knows them. */
  documents: readonly { id: string; version: string; title?: string; sha256?: string }[];
}

/** What a consent record needs that a react-clickwrap receipt does not know. */
export interface Iso27560Options {
  /** The data controller. */
  controller: Iso27560Controller;
  /** The jurisdiction: a DPV-LOC term, e.g. `"EU"`, `"FR"`, `"CN"` (→ `loc:…`). */
  jurisdiction: string;
  /**
   * Where the documents are served: a notice's IRI is this plus `<id>/<version>` (both
   * URI-encoded), e.g. `https://example.com/api/clickwrap/agreements/` (http, https or urn).
   */
  noticeBaseUrl: string;
  /** Where the person gives, changes or withdraws consent (`dpv:hasConsentControl`, http or https). */
  manageConsentUrl: string;
  /** Where the person exercises their rights (`dpv:hasRight`). @default manageConsentUrl */
  rightsUrl?: string;
  /** The purposes: at least one not tied to an optional consent, and one for every optional consent the receipt lists. */
  purposes: readonly Iso27560Purpose[];
  /**
   * How long a consent given stays valid (`dpv:hasDuration` of the event): an ISO 8601 duration
   * or, in words, the event that ends it.
   * @default "Until withdrawn, or until a new version of a notice needs re-consent"
   */
  validity?: string;
  /**
   * When the server received the receipt, by its own clock: the `receivedAt` of the countersigned
   * record the server answered `POST receipts` with (`{ receipt, receivedAt, subject,
   * countersignature, … }`). When given, the consent's `dpv:isIndicatedAtTime` (and that of each
   * optional consent's answer) is this time, the client's own time stays in the record as
   * `rcw:clientTime`, and a withdrawal must not be before it: every time in the record is then
   * the server's. Left out, those times are the client's clock (the receipt's `acceptedAt` and
   * each optional consent's `at`), and a withdrawal the server recorded shortly after a receipt
   * from a client whose clock is fast can be refused as before the consent. Not for a decline,
   * whose `declinedAt` is the server's time already.
   */
  receivedAt?: string;
  /** Withdrawals received after the receipt, in any order (the record lists them by time). @default [] */
  events?: readonly Iso27560Event[];
}

/** An ISO/IEC TS 27560 consent record in the DPV JSON-LD profile `dpv-27560`, as plain JSON. */
export interface Iso27560Record {
  /** The prefixes used: {@link ISO_27560_CONTEXT}. */
  '@context': typeof ISO_27560_CONTEXT;
  /** `urn:uuid:<receiptId>` (or `<declineId>`). */
  '@id': string;
  /** Always `dpv:ConsentRecord`. */
  '@type': 'dpv:ConsentRecord';
  /** Every other field, in the fixed order documented on `toIso27560Record`. */
  [key: string]: JsonLdValue;
}
