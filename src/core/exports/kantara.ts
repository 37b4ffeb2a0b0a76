/**
 * Exporting a consent receipt as a Kantara Initiative Consent Receipt (Consent Receipt
 * Specification v1.1.0, 2018-02-20), the JSON record of consent that consent-management tools
 * and privacy dashboards read.
 *
 * The two records overlap only in part. From the react-clickwrap receipt come the receipt id, the
 * time of acceptance, the person's id and the language; everything a Kantara receipt says about
 * the controller, the jurisdiction, the privacy policy, the service and its purposes, the app
 * knows and passes as options. Which purposes apply can depend on the receipt: a purpose only
 * some people consent to, e.g. marketing, is tied to the optional consent that grants it
 * (`optionalConsentId`) and is in the Kantara receipt only when that consent was granted.
 *
 * The other way round, Kantara v1.1 has no field for the versions and hashes of the documents
 * agreed to (the agreement and the additional documents agreed in the same flow, e.g. a privacy
 * policy: the default `collectionMethod` only names them), the reading evidence and the reading
 * that was required, the organisation, the guardian, or the wording of the acknowledgements and
 * optional consents: these stay only in the react-clickwrap receipt. Keep it as the proof of what
 * was shown and read, and the Kantara one as its summary for other tools.
 *
 * Framework-free and synchronous; it does not verify the receipt (run `verifyReceipt` first on
 * a receipt that came from a client or from storage).
 */
import { describe } from '../canonical';
import { parseDateTime } from '../internal/datetime';
import type { ConsentReceipt } from '../types';

// ---------------------------------------------------------------------------------------------
// The Kantara receipt
// ---------------------------------------------------------------------------------------------

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
   * When the consent was given, in whole seconds since 1970-01-01T00:00:00Z: the receipt's
   * `acceptedAt` (client clock), truncated to the second.
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
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** What a {@link KantaraError} is about; safe to branch on. */
export type KantaraErrorCode =
  /** A required option is absent or empty. */
  | 'missing-option'
  /**
   * An option has the wrong type or format, or contradicts another (or the receipt: a purpose's
   * `optionalConsentId` names an optional consent the receipt does not list).
   */
  | 'invalid-option'
  /** The receipt lacks a field the Kantara receipt is built from. */
  | 'invalid-receipt'
  /**
   * No purpose applies: each is tied to an acknowledgement the receipt does not record or to an
   * optional consent it records as not granted.
   */
  | 'no-purposes';

/** One problem found by {@link toKantaraReceipt}. */
export interface KantaraProblem {
  /** What kind of problem; stable, safe to branch on. */
  code: KantaraErrorCode;
  /** Where, e.g. `"options.piiControllers[0].email"` or `"receipt.acceptedAt"`. */
  path: string;
  /** What is wrong and what to pass instead. */
  message: string;
}

/** Thrown by {@link toKantaraReceipt}; lists every problem found, not just the first. */
export class KantaraError extends Error {
  override name = 'KantaraError';
  /** The first problem's code. */
  readonly code: KantaraErrorCode;
  /** The first problem's path. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: readonly KantaraProblem[];

  constructor(problems: readonly KantaraProblem[]) {
    const [first] = problems;
    const list = problems.map((problem) => `\n- ${problem.message}`).join('');
    super(
      problems.length === 1
        ? `toKantaraReceipt: ${first?.message ?? ''}`
        : `toKantaraReceipt found ${problems.length} problems:${list}`,
    );
    this.code = first?.code ?? 'invalid-option';
    this.path = first?.path ?? '';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && /\S/.test(value);
const URL_PATTERN = /^https?:\/\/[^\s/?#]+\S*$/i;
const isUrl = (value: unknown) => typeof value === 'string' && URL_PATTERN.test(value);
const isEmail = (value: unknown) => typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value);
const isBoolean = (value: unknown) => typeof value === 'boolean';
const isTexts = (value: unknown) => Array.isArray(value) && value.every(isText);
const isCategories = (value: unknown) => isTexts(value) && (value as unknown[]).length > 0;

/** Milliseconds since the epoch of the receipt's RFC 3339 date-time, or NaN (one parser for the core). */
function epochMs(value: unknown): number {
  return (typeof value === 'string' ? parseDateTime(value) : null) ?? Number.NaN;
}

/** How to check one field: what it must be, and the phrase that says so in an error. */
interface Rule {
  test: (value: unknown) => boolean;
  /** What to pass, as a noun phrase: "pass …". */
  expect: string;
  /** May be left out (undefined). */
  optional?: boolean;
}
const fieldList = (rules: Readonly<Record<string, Rule>>) => Object.keys(rules).join(', ');
const required = (test: Rule['test'], expect: string): Rule => ({ test, expect });
const optional = (test: Rule['test'], expect: string): Rule => ({
  test,
  expect: `${expect}, or leave it out`,
  optional: true,
});

const ADDRESS_RULES = {
  streetAddress: optional(isText, 'the street and number'),
  addressLocality: optional(isText, 'the town or city'),
  addressRegion: optional(isText, 'the region'),
  postalCode: optional(isText, 'the postal code'),
  addressCountry: optional(isText, 'the country, e.g. "DE"'),
} satisfies Record<keyof KantaraPostalAddress, Rule>;

const CONTROLLER_RULES = {
  piiController: required(isText, "the controller's name, e.g. the company"),
  onBehalf: optional(isBoolean, 'true or false'),
  contact: required(isText, 'the person or office to contact, e.g. "Data Protection Officer"'),
  address: required(isObject, `a postal address { ${fieldList(ADDRESS_RULES)} }`),
  email: required(isEmail, 'a contact email address, e.g. "privacy@example.com"'),
  phone: required(isText, 'a contact phone number'),
  piiControllerUrl: optional(isUrl, "the controller's website as an http(s) URL"),
} satisfies Record<keyof KantaraPiiController, Rule>;

const PURPOSE_RULES = {
  purpose: required(isText, 'a statement of the purpose, e.g. "To provide the service"'),
  purposeCategory: required(isCategories, 'a non-empty array, e.g. ["2 - Contracted Service"]'),
  piiCategory: required(isCategories, 'a non-empty array of data categories, e.g. ["2 - Contact"]'),
  primaryPurpose: optional(isBoolean, 'true or false'),
  termination: required(isText, 'when the purpose ends, e.g. "Account closure + 1 year"'),
  thirdPartyDisclosure: required(isBoolean, 'true or false: does a third party get the data'),
  thirdPartyName: optional(isText, "the third party's name"),
  acknowledgementId: optional(isText, 'the id of an acknowledgement'),
  optionalConsentId: optional(isText, 'the id of an optional consent, e.g. "marketing"'),
} satisfies Record<keyof KantaraPurposeOption, Rule>;

const OPTION_RULES = {
  jurisdiction: required(isText, 'the jurisdiction, e.g. "FR" (ISO 3166-1 alpha-2) or "EU"'),
  policyUrl: required(isUrl, 'the privacy policy\'s URL, e.g. "https://example.com/privacy"'),
  piiControllers: required(
    (v) => Array.isArray(v) && v.length > 0,
    `an array of at least one controller { ${fieldList(CONTROLLER_RULES)} }`,
  ),
  service: required(isText, 'the service\'s name, e.g. "Instadesk"'),
  purposes: required(
    (v) => Array.isArray(v) && v.length > 0,
    'an array of at least one purpose ' +
      '{ purpose, purposeCategory, piiCategory, termination, thirdPartyDisclosure }',
  ),
  collectionMethod: optional(isText, 'a description of how consent was collected'),
  publicKey: optional(isText, "the controller's public key"),
  sensitive: optional(isBoolean, 'true or false'),
  spiCat: optional(isTexts, 'an array of sensitive data categories, e.g. ["Health"]'),
} satisfies Record<keyof KantaraOptions, Rule>;

/** The receipt fields read here; `verifyReceipt` checks the rest. */
const RECEIPT_RULES = {
  receiptId: required(isText, 'the receipt id'),
  acceptedAt: required(
    (v) => !Number.isNaN(epochMs(v)),
    'an ISO 8601 date-time with a time zone, such as "2024-05-01T09:30:00.000Z"',
  ),
  signer: required((v) => isObject(v) && isText(v.id), 'the person who agreed, { id, name }'),
  locale: required(isText, 'the BCP 47 tag of the UI language, e.g. "en-GB"'),
  acknowledgements: required(
    (v) => Array.isArray(v) && v.every((ack) => isObject(ack) && isText(ack.id)),
    'the acknowledgements given, [{ id, label, at }]',
  ),
  optionalConsents: required(
    (v) =>
      Array.isArray(v) &&
      v.every((consent) => isObject(consent) && isText(consent.id) && isBoolean(consent.granted)),
    'the optional consents offered, granted or not, [{ id, label, granted, at }] ([] when none)',
  ),
  additionalDocuments: required(
    (v) => Array.isArray(v) && v.every((doc) => isObject(doc) && isText(doc.title) && isText(doc.version)),
    'the other documents agreed to, [{ id, version, title, sha256, … }] ([] when none)',
  ),
} satisfies Partial<Record<keyof ConsentReceipt, Rule>>;

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === '') return 'empty';
  if (Array.isArray(value) && value.length === 0) return 'an empty array';
  if (typeof value !== 'string') return describe(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Where a set of fields sits, and how to report a problem with it. */
interface Place {
  path: string;
  missing: KantaraErrorCode;
  invalid: KantaraErrorCode;
  /** What to pass instead of a value that is not an object. */
  expect: string;
  /** Whether keys without a rule are errors (options: a typo'd key is a mistake to report). */
  closed: boolean;
}

/**
 * Checks `value[key]` against each rule (and, for closed places, that `value` has no other keys),
 * pushing a problem per failure. Returns whether `value` is an object at all.
 */
function checkFields(
  value: unknown,
  rules: Readonly<Record<string, Rule>>,
  { path, missing: missingCode, invalid: invalidCode, expect, closed }: Place,
  problems: KantaraProblem[],
): value is Json {
  if (!isObject(value)) {
    problems.push({
      code: value === undefined ? missingCode : invalidCode,
      path,
      message: `${path} is ${show(value)}; pass ${expect}.`,
    });
    return false;
  }
  for (const [key, rule] of Object.entries(rules)) {
    const field = value[key];
    if ((field === undefined && rule.optional) || rule.test(field)) continue;
    const missing = field === undefined || field === '' || (Array.isArray(field) && field.length === 0);
    problems.push({
      code: missing ? missingCode : invalidCode,
      path: `${path}.${key}`,
      message: `${path}.${key} is ${show(field)}; pass ${rule.expect}.`,
    });
  }
  if (closed) {
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(rules, key)) continue;
      problems.push({
        code: invalidCode,
        path: `${path}.${key}`,
        message: `${path}.${key} is not a field here; the fields are ${fieldList(rules)}.`,
      });
    }
  }
  return true;
}

/** Checks the receipt fields and options `toKantaraReceipt` reads, and how options fit together. */
function check(receipt: unknown, options: unknown): KantaraProblem[] {
  const problems: KantaraProblem[] = [];
  const option = (path: string, expect: string): Place => ({
    path,
    missing: 'missing-option',
    invalid: 'invalid-option',
    expect,
    closed: true,
  });
  checkFields(
    receipt,
    RECEIPT_RULES,
    {
      path: 'receipt',
      missing: 'invalid-receipt',
      invalid: 'invalid-receipt',
      expect: 'a consent receipt from createReceipt (JSON.parse a stored one first)',
      closed: false,
    },
    problems,
  );
  const optionsPlace = option('options', `{ ${fieldList(OPTION_RULES)} }`);
  if (!checkFields(options, OPTION_RULES, optionsPlace, problems)) return problems;

  const { piiControllers, purposes, sensitive, spiCat } = options;
  // The optional consent ids the receipt lists, when it lists them well-formed (else reported).
  const consents = isObject(receipt) ? receipt.optionalConsents : undefined;
  const offered = RECEIPT_RULES.optionalConsents.test(consents)
    ? (consents as { id: string }[]).map((consent) => consent.id)
    : null;
  if (Array.isArray(piiControllers)) {
    piiControllers.forEach((controller: unknown, i) => {
      const path = `options.piiControllers[${i}]`;
      const place = option(path, `a controller { ${fieldList(CONTROLLER_RULES)} }`);
      if (!checkFields(controller, CONTROLLER_RULES, place, problems)) return;
      const { address } = controller;
      // A missing or malformed address was reported with the controller's fields.
      if (!isObject(address)) return;
      checkFields(address, ADDRESS_RULES, option(`${path}.address`, ''), problems);
      if (Object.keys(address).length === 0) {
        problems.push({
          code: 'missing-option',
          path: `${path}.address`,
          message: `${path}.address is empty; pass at least one of ${fieldList(ADDRESS_RULES)}.`,
        });
      }
    });
  }
  if (Array.isArray(purposes)) {
    purposes.forEach((purpose: unknown, i) => {
      const path = `options.purposes[${i}]`;
      const place = option(path, `a purpose { ${fieldList(PURPOSE_RULES)} }`);
      if (!checkFields(purpose, PURPOSE_RULES, place, problems)) return;
      if (purpose.thirdPartyDisclosure === true && purpose.thirdPartyName === undefined) {
        problems.push({
          code: 'missing-option',
          path: `${path}.thirdPartyName`,
          message:
            `${path}.thirdPartyName is missing; pass the third party's name ` +
            '(required when thirdPartyDisclosure is true).',
        });
      } else if (purpose.thirdPartyDisclosure === false && purpose.thirdPartyName !== undefined) {
        problems.push({
          code: 'invalid-option',
          path: `${path}.thirdPartyName`,
          message:
            `${path}.thirdPartyName is set but thirdPartyDisclosure is false; ` +
            'set thirdPartyDisclosure: true, or leave thirdPartyName out.',
        });
      }
      const consentId = purpose.optionalConsentId;
      if (purpose.acknowledgementId !== undefined && consentId !== undefined) {
        problems.push({
          code: 'invalid-option',
          path: `${path}.optionalConsentId`,
          message:
            `${path} sets both acknowledgementId and optionalConsentId; tie the purpose to ` +
            'one: optionalConsentId for an optional consent (e.g. marketing), ' +
            'acknowledgementId for an acknowledgement.',
        });
      } else if (isText(consentId) && offered !== null && !offered.includes(consentId)) {
        const listed =
          offered.length === 0
            ? 'it lists none'
            : `it lists ${offered.map((id) => JSON.stringify(id)).join(', ')}`;
        problems.push({
          code: 'invalid-option',
          path: `${path}.optionalConsentId`,
          message:
            `${path}.optionalConsentId is ${show(consentId)}, but the receipt does not list an ` +
            `optional consent with that id (${listed}); pass the id of an optional consent the ` +
            'flow offered (the receipt lists each one, granted or not).',
        });
      }
    });
  }
  const categories = Array.isArray(spiCat) ? spiCat.length : 0;
  if (sensitive === true && categories === 0) {
    problems.push({
      code: 'missing-option',
      path: 'options.spiCat',
      message:
        'options.spiCat is missing or empty but options.sensitive is true; ' +
        'pass the sensitive data categories, e.g. ["Health"].',
    });
  } else if (sensitive !== true && categories > 0) {
    problems.push({
      code: 'invalid-option',
      path: 'options.sensitive',
      message:
        'options.sensitive is not true but options.spiCat lists sensitive data categories; ' +
        'set sensitive: true.',
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// toKantaraReceipt
// ---------------------------------------------------------------------------------------------

/**
 * Exports a react-clickwrap receipt as a Kantara Initiative Consent Receipt (v1.1.0), for tools
 * that read that format. The receipt gives `consentReceiptID` (`receiptId`), `consentTimestamp`
 * (`acceptedAt`, in seconds), `piiPrincipalId` (`signer.id`) and `language` (`locale`); the
 * options give the rest. A purpose tied to an acknowledgement (`acknowledgementId`) is kept only
 * when the receipt records it, one tied to an optional consent (`optionalConsentId`) only when the
 * receipt records it as granted. Every purpose is `EXPLICIT`. The result shares no arrays or
 * objects with the options.
 * @throws KantaraError listing every missing or malformed option, and every receipt field it
 *   reads that is missing or malformed.
 */
export function toKantaraReceipt(receipt: ConsentReceipt, options: KantaraOptions): KantaraConsentReceipt {
  const problems = check(receipt, options);
  if (problems.length > 0) throw new KantaraError(problems);

  const given = new Set(receipt.acknowledgements.map((ack) => ack.id));
  const granted = new Set(
    receipt.optionalConsents.filter((consent) => consent.granted).map((consent) => consent.id),
  );
  const purposes = options.purposes
    .filter(
      (p) =>
        (p.acknowledgementId === undefined || given.has(p.acknowledgementId)) &&
        (p.optionalConsentId === undefined || granted.has(p.optionalConsentId)),
    )
    .map((p): KantaraPurpose => ({
      purpose: p.purpose,
      purposeCategory: [...p.purposeCategory],
      consentType: 'EXPLICIT',
      piiCategory: [...p.piiCategory],
      ...(p.primaryPurpose === undefined ? {} : { primaryPurpose: p.primaryPurpose }),
      termination: p.termination,
      thirdPartyDisclosure: p.thirdPartyDisclosure,
      ...(p.thirdPartyName === undefined ? {} : { thirdPartyName: p.thirdPartyName }),
    }));
  if (purposes.length === 0) {
    throw new KantaraError([
      {
        code: 'no-purposes',
        path: 'options.purposes',
        message:
          'no purpose applies: each is tied to an acknowledgement this receipt does not record ' +
          '(acknowledgementId) or to an optional consent it records as not granted ' +
          '(optionalConsentId). Add a purpose tied to neither for what the agreement itself ' +
          'covers.',
      },
    ]);
  }

  return {
    version: KANTARA_VERSION,
    jurisdiction: options.jurisdiction,
    consentTimestamp: Math.floor(epochMs(receipt.acceptedAt) / 1000),
    collectionMethod: options.collectionMethod ?? defaultCollectionMethod(receipt),
    consentReceiptID: receipt.receiptId,
    ...(options.publicKey === undefined ? {} : { publicKey: options.publicKey }),
    language: receipt.locale,
    piiPrincipalId: receipt.signer.id,
    piiControllers: options.piiControllers.map((c) => {
      const address: KantaraPostalAddress = {};
      for (const key of Object.keys(ADDRESS_RULES) as (keyof KantaraPostalAddress)[]) {
        const part = c.address[key];
        if (part !== undefined) address[key] = part;
      }
      return {
        piiController: c.piiController,
        ...(c.onBehalf === undefined ? {} : { onBehalf: c.onBehalf }),
        contact: c.contact,
        address,
        email: c.email,
        phone: c.phone,
        ...(c.piiControllerUrl === undefined ? {} : { piiControllerUrl: c.piiControllerUrl }),
      };
    }),
    policyUrl: options.policyUrl,
    services: [{ service: options.service, purposes }],
    sensitive: options.sensitive ?? false,
    spiCat: [...(options.spiCat ?? [])],
  };
}

/**
 * E.g. `Clickwrap (modal): explicit accept control for "Terms" version 2024-05-01`, naming each
 * additional document after the agreement: `… for "Terms" version 2 and "Privacy Policy"
 * version 3`.
 */
function defaultCollectionMethod(receipt: ConsentReceipt): string {
  const agreement: Json = isObject(receipt.agreement) ? receipt.agreement : {};
  const ui = isText(receipt.uiVariant) ? receipt.uiVariant : 'clickwrap';
  const title = isText(agreement.title) ? `"${agreement.title}"` : 'the agreement';
  const version = isText(agreement.version) ? ` version ${agreement.version}` : '';
  // Checked by `check`: each additional document has a title and a version.
  const names = [
    `${title}${version}`,
    ...receipt.additionalDocuments.map((doc) => `"${doc.title}" version ${doc.version}`),
  ];
  const last = names.pop();
  const list = names.length === 0 ? last : `${names.join(', ')} and ${last}`;
  return `Clickwrap (${ui}): explicit accept control for ${list}`;
}
