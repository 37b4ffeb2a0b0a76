/** The field rules: what each option and each receipt field read must be, and how to say so. */
import { parseDateTime } from '../../internal/datetime';
import type { ConsentReceipt } from '../../types';
import type {
  KantaraOptions,
  KantaraPiiController,
  KantaraPostalAddress,
  KantaraPurposeOption,
} from './types';

/** A parsed JSON object, read field by field. */
export type Json = Record<string, unknown>;

/** A plain object (not null, not an array). */
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A string with at least one non-space character. */
export const isText = (value: unknown): value is string => typeof value === 'string' && /\S/.test(value);
const URL_PATTERN = /^https?:\/\/[^\s/?#]+\S*$/i;
const isUrl = (value: unknown) => typeof value === 'string' && URL_PATTERN.test(value);
const isEmail = (value: unknown) => typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value);
const isBoolean = (value: unknown) => typeof value === 'boolean';
const isTexts = (value: unknown) => Array.isArray(value) && value.every(isText);
const isCategories = (value: unknown) => isTexts(value) && (value as unknown[]).length > 0;

/** Milliseconds since the epoch of the receipt's RFC 3339 date-time, or NaN (one parser for the core). */
export function epochMs(value: unknown): number {
  return (typeof value === 'string' ? parseDateTime(value) : null) ?? Number.NaN;
}

/** How to check one field: what it must be, and the phrase that says so in an error. */
export interface Rule {
  test: (value: unknown) => boolean;
  /** What to pass, as a noun phrase: "pass …". */
  expect: string;
  /** May be left out (undefined). */
  optional?: boolean;
}
/** The field names of a rule table, for "the fields are …" messages. */
export const fieldList = (rules: Readonly<Record<string, Rule>>) => Object.keys(rules).join(', ');
const required = (test: Rule['test'], expect: string): Rule => ({ test, expect });
const optional = (test: Rule['test'], expect: string): Rule => ({
  test,
  expect: `${expect}, or leave it out`,
  optional: true,
});

/** The fields of a controller's postal address: all optional. */
export const ADDRESS_RULES = {
  streetAddress: optional(isText, 'the street and number'),
  addressLocality: optional(isText, 'the town or city'),
  addressRegion: optional(isText, 'the region'),
  postalCode: optional(isText, 'the postal code'),
  addressCountry: optional(isText, 'the country, e.g. "DE"'),
} satisfies Record<keyof KantaraPostalAddress, Rule>;

/** The fields of one PII controller. */
export const CONTROLLER_RULES = {
  piiController: required(isText, "the controller's name, e.g. the company"),
  onBehalf: optional(isBoolean, 'true or false'),
  contact: required(isText, 'the person or office to contact, e.g. "Data Protection Officer"'),
  address: required(isObject, `a postal address { ${fieldList(ADDRESS_RULES)} }`),
  email: required(isEmail, 'a contact email address, e.g. "privacy@example.com"'),
  phone: required(isText, 'a contact phone number'),
  piiControllerUrl: optional(isUrl, "the controller's website as an http(s) URL"),
} satisfies Record<keyof KantaraPiiController, Rule>;

/** The fields of one purpose option. */
export const PURPOSE_RULES = {
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

/** The fields of `KantaraOptions`. */
export const OPTION_RULES = {
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
  receivedAt: optional(
    (v) => !Number.isNaN(epochMs(v)),
    "when the server received the receipt (its countersigned record's receivedAt), an ISO 8601 " +
      'date-time with a time zone',
  ),
} satisfies Record<keyof KantaraOptions, Rule>;

/** The receipt fields read here; `verifyReceipt` checks the rest. */
export const RECEIPT_RULES = {
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
