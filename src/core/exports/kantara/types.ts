/** The Kantara receipt's shape and the options `toKantaraReceipt` takes. */
import type { ConsentReceipt, ReceiptSummaries } from '../../types';

/** The `version` every receipt of this specification carries. */
export const KANTARA_VERSION = 'KI-CR-v1.1.0';

/** A postal address, as schema.org `PostalAddress` (the shape the specification's examples use). */
export interface KantaraPostalAddress {
  /** Street and number, e.g. `"Gleam Street 1"`. */
  streetAddress?: string;
  /** Town or city. */
  addressLocality?: string;
  /** Region, state or province. */
  addressRegion?: string;
  /** Postal or ZIP code. */
  postalCode?: string;
  /** Country, preferably as an ISO 3166-1 alpha-2 code, e.g. `"DE"`. */
  addressCountry?: string;
}

/** A PII controller: the party accountable for the personal data. Copied from the options. */
export interface KantaraPiiController {
  /** The controller's name, e.g. the company. */
  piiController: string;
  /** True when this party acts on behalf of another controller. Left out when not given. */
  onBehalf?: boolean;
  /** The person or office to contact, e.g. `"Data Protection Officer"`. */
  contact: string;
  /** The controller's postal address. */
  address: KantaraPostalAddress;
  /** The contact email address. */
  email: string;
  /** The contact phone number. */
  phone: string;
  /** The controller's website. Left out when not given. */
  piiControllerUrl?: string;
}

/** One purpose the person consented to. Copied from the options, except `consentType`. */
export interface KantaraPurpose {
  /** A short statement of the purpose, e.g. `"To provide the helpdesk service"`. */
  purpose: string;
  /** Its categories, e.g. `["2 - Contracted Service"]` (as listed in the specification). */
  purposeCategory: string[];
  /**
   * Always `"EXPLICIT"`: a clickwrap collects consent with an accept control the person presses,
   * and optional consents with checkboxes never pre-ticked, so every purpose in a receipt from it
   * was consented to explicitly.
   */
  consentType: 'EXPLICIT';
  /** The categories of personal data processed for it, e.g. `["2 - Contact"]`. */
  piiCategory: string[];
  /** Whether this is the primary purpose of the service. Left out when not given. */
  primaryPurpose?: boolean;
  /** When the purpose ends, e.g. `"Account closure + 1 year"`. */
  termination: string;
  /** Whether the data is disclosed to a third party for this purpose. */
  thirdPartyDisclosure: boolean;
  /** The third party, when `thirdPartyDisclosure` is true. Left out otherwise. */
  thirdPartyName?: string;
}

/** The service consented to, with its purposes. */
export interface KantaraService {
  /** The service's name, from `options.service`. */
  service: string;
  /**
   * The purposes from `options.purposes` that apply to this receipt (see `acknowledgementId` and
   * `optionalConsentId`), in order.
   */
  purposes: KantaraPurpose[];
}

/**
 * A Kantara Initiative Consent Receipt (Consent Receipt Specification v1.1.0) as a plain JSON
 * object, its keys in the specification's order. Optional fields are left out when not given.
 */
export interface KantaraConsentReceipt {
  /** The specification version: always {@link KANTARA_VERSION}, `"KI-CR-v1.1.0"`. */
  version: typeof KANTARA_VERSION;
  /** The jurisdiction(s) the processing falls under, from `options.jurisdiction`. */
  jurisdiction: string;
  /**
   * When the consent was given, in whole seconds since 1970-01-01T00:00:00Z, truncated to the
   * second: `options.receivedAt` (the server's clock) when given, else the receipt's `acceptedAt`
   * (the client's clock).
   */
  consentTimestamp: number;
  /**
   * How the consent was collected: `options.collectionMethod`, or by default a description built
   * from the receipt naming every document agreed to, e.g. `Clickwrap (modal): explicit accept
   * control for "Instadesk Terms and Conditions" version 2024-05-01`, or with an additional
   * document `Clickwrap (page): explicit accept control for "Terms" version 2 and "Privacy
   * Policy" version 3`.
   */
  collectionMethod: string;
  /** The receipt's unique id: the react-clickwrap receipt's `receiptId` (a UUID). */
  consentReceiptID: string;
  /** The controller's public key, from `options.publicKey`. Left out when not given. */
  publicKey?: string;
  /**
   * The language of the consent interaction: the receipt's `locale`, a BCP 47 tag such as
   * `en-GB` (its first subtag is the ISO 639 language code the specification names).
   */
  language: string;
  /** The person who consented, as the app identifies them: the receipt's `signer.id`. */
  piiPrincipalId: string;
  /** The PII controllers, from `options.piiControllers`, in order. */
  piiControllers: KantaraPiiController[];
  /** The privacy policy's URL, from `options.policyUrl`. */
  policyUrl: string;
  /** One service, from `options.service` and `options.purposes`. */
  services: KantaraService[];
  /** Whether sensitive personal data is processed, from `options.sensitive` (default false). */
  sensitive: boolean;
  /** The categories of sensitive data, from `options.spiCat`; empty when `sensitive` is false. */
  spiCat: string[];
  /**
   * An extension (not in KI-CR-v1.1.0): the documents shown, the agreement first, each with the
   * hash of its text as shown, so the receipt names the exact text agreed to.
   */
  'rcw:notices': KantaraNotice[];
  /**
   * An extension (not in KI-CR-v1.1.0): how the notice looked at accept, the receipt's
   * `presentation` as it is. Left out when the receipt has none.
   */
  'rcw:presentation'?: ConsentReceipt['presentation'];
  /**
   * An extension (not in KI-CR-v1.1.0): the receipt's `acceptedAt` as it is (the client's clock),
   * when `consentTimestamp` is the server's `options.receivedAt`. Left out otherwise.
   */
  'rcw:acceptedAt'?: string;
}

/** A document shown, in the `rcw:notices` extension of a Kantara receipt. */
export interface KantaraNotice {
  /** The document's id. */
  id: string;
  /** The version shown. */
  version: string;
  /** SHA-256 (hex) of the text as shown, under `canonicalization`. */
  sha256: string;
  /** The canonicalisation the hash was taken under. */
  canonicalization: string;
  /** The plain-language summaries shown with it, when there were any. */
  summaries?: ReceiptSummaries;
  /** On a re-consent: whether the change it answers was material or minor. */
  changeKind?: 'material' | 'minor';
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/**
 * A purpose, as passed in {@link KantaraOptions.purposes}. A purpose tied to neither an
 * acknowledgement nor an optional consent is always in the Kantara receipt; one may be tied to
 * one of the two, not both.
 */
export interface KantaraPurposeOption extends Omit<KantaraPurpose, 'consentType'> {
  /**
   * Ties the purpose to an acknowledgement (a required checkbox the flow shows to some people
   * only, e.g. call-center commitments): the purpose is in the Kantara receipt only when the
   * react-clickwrap receipt records that acknowledgement.
   */
  acknowledgementId?: string;
  /**
   * Ties the purpose to an optional consent (a checkbox never pre-ticked and not needed to accept,
   * e.g. `"marketing"`): the purpose is in the Kantara receipt only when the react-clickwrap
   * receipt records that optional consent as granted. The receipt must list it (granted or not):
   * an id it does not list is reported as an `invalid-option`.
   */
  optionalConsentId?: string;
}

/** What a Kantara receipt needs that a react-clickwrap receipt does not know. */
export interface KantaraOptions {
  /** The jurisdiction(s) the processing falls under, e.g. `"FR"` (ISO 3166-1 alpha-2) or `"EU"`. */
  jurisdiction: string;
  /** The privacy policy's URL (http or https). */
  policyUrl: string;
  /** The controllers of the personal data: at least one. */
  piiControllers: readonly KantaraPiiController[];
  /** The service's name, e.g. `"Instadesk"`. */
  service: string;
  /**
   * The purposes the consent covers: at least one that applies (after `acknowledgementId` and
   * `optionalConsentId` filtering).
   */
  purposes: readonly KantaraPurposeOption[];
  /**
   * How the consent was collected.
   * @default `Clickwrap (${uiVariant}): explicit accept control for "${title}" version ${version}`,
   *   naming the agreement and then each additional document (`… for "Terms" version 2 and
   *   "Privacy Policy" version 3`)
   */
  collectionMethod?: string;
  /** The controller's public key, for receipts the controller signs. */
  publicKey?: string;
  /** Whether sensitive personal data is processed. @default false */
  sensitive?: boolean;
  /** The sensitive data categories; required (non-empty) when `sensitive` is true. @default [] */
  spiCat?: readonly string[];
  /**
   * When the server received the receipt, by its own clock: the `receivedAt` of the countersigned
   * record the server answered `POST receipts` with. When given, `consentTimestamp` is this time
   * and the receipt's `acceptedAt` (the client's clock, which the server lets be a few minutes
   * off) is kept as `rcw:acceptedAt`. Left out, `consentTimestamp` is the client's `acceptedAt`.
   */
  receivedAt?: string;
}
