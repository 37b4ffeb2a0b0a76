/**
 * Consent receipts: the plain JSON record of what was shown, what was read and who agreed.
 *
 * One field list (`RECEIPT_FIELDS` below) drives everything here: the key order of the
 * receipts `createReceipt` returns, `serializeReceipt`'s output, the canonical JSON that
 * `integrity` hashes, and the structural checks `verifyReceipt` runs. It mirrors
 * `schema/receipt.schema.json` field for field (the tests hold the two together), so the
 * published schema and the code cannot drift apart without a failing test.
 *
 * Framework-free: Web Crypto through `globalThis.crypto` (see platform.d.ts), nothing else.
 */
import { CANONICALIZATION_VERSION, canonicalizeAgreement, describe } from './canonical';
import { hashAgreement, sha256Hex } from './hash';
import { RECEIPT_SCHEMA } from './types';
import type {
  ConsentReceipt,
  ReadingRequirement,
  ReceiptDocument,
  ReceiptGuardian,
  ReceiptMinor,
  ReceiptOrganization,
} from './types';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** A date-time as a `Date` or an ISO 8601 string with a time zone; stored as UTC ISO 8601. */
export type ReceiptDateInput = Date | string;

/**
 * A document as shown, for `createReceipt`. An `Agreement` from `parseAgreement` fits; when it
 * carries `keyClauses`, the reading evidence is checked against them.
 */
export interface ReceiptAgreementInput {
  id: string;
  version: string;
  title: string;
  /** The text shown; hashed in canonical form into `sha256`. */
  markdown: string;
  /** The document's key clauses, if known: `keyClausesSeen` must name only these. */
  keyClauses?: readonly { id: string }[];
}

/** Evidence of reading one document, for `createReceipt`. */
export interface ReceiptReadingInput {
  /**
   * What had to be read before accepting: `whole` (to the end: `reachedEnd` must be true),
   * `changes` (re-consent: every added or changed passage, so `changesSeen` must list all
   * `changesTotal`, and `replaces` must be set), or `none`.
   * @default 'none' (the receipt claims no reading requirement)
   */
  required?: ReadingRequirement;
  reachedEnd: boolean;
  /** Required when `reachedEnd` is true, null otherwise. */
  reachedEndAt: ReceiptDateInput | null;
  /** Ids of the key clauses that were on screen, in the order first seen, each once. */
  keyClausesSeen: readonly string[];
  /** How many key clauses the document has. */
  keyClausesTotal: number;
  /** Re-consent: ids of the added or changed passages that were on screen, in the order first seen. @default [] */
  changesSeen?: readonly string[];
  /** Re-consent: how many passages were added or changed since the replaced version. @default 0 */
  changesTotal?: number;
}

/** What `createReceipt` takes. Dates may be `Date`s; the receipt stores them as UTC ISO strings. */
export interface CreateReceiptInput {
  /** The agreement the consent is given to, as shown (e.g. the Terms). */
  agreement: ReceiptAgreementInput;
  /** When the agreement was first shown (client clock). */
  shownAt: ReceiptDateInput;
  /** When the person accepted (client clock); not before `shownAt`. */
  acceptedAt: ReceiptDateInput;
  /** The person who agreed, as the app identifies them. An empty name is stored as null. */
  signer: { id: string; name?: string | null };
  /** The organisation the signer agreed for. @default null */
  organization?: ReceiptOrganization | null;
  /** The guardian who read the agreement with a minor; required exactly when `minor` is set. @default null */
  guardian?: (Omit<ReceiptGuardian, 'verification'> & { verification?: string | null }) | null;
  /** The minor's age bracket and the rule that required a guardian. @default null */
  minor?: ReceiptMinor | null;
  /** Each required acknowledgement the person ticked, with the label shown. @default [] */
  acknowledgements?: readonly { id: string; label: string; at: ReceiptDateInput }[];
  /**
   * Every optional consent offered (e.g. marketing), granted or not, with the label shown and
   * when it was last ticked or unticked (null when left unticked). @default []
   */
  optionalConsents?: readonly {
    id: string;
    label: string;
    granted: boolean;
    at: ReceiptDateInput | null;
  }[];
  /** Evidence of reading `agreement`. */
  reading: ReceiptReadingInput;
  /** BCP 47 tag of the UI language, e.g. `"en-GB"`. */
  locale: string;
  /** Which UI collected the consent, e.g. `"modal"`, `"page"`. */
  uiVariant: string;
  /** The version (and receipt) of `agreement` this consent replaces, for re-consent. @default null */
  replaces?: { version: string; receiptId?: string | null } | null;
  /**
   * The other documents agreed to in the same flow (e.g. a privacy policy), each as shown, with
   * its own reading evidence and, for re-consent, the version it replaces. @default []
   */
  additionalDocuments?: readonly {
    agreement: ReceiptAgreementInput;
    reading: ReceiptReadingInput;
    replaces?: { version: string; receiptId?: string | null } | null;
  }[];
  /**
   * The receipt id, e.g. an idempotency key the server issued. Must be a UUID; stored in
   * lowercase. @default crypto.randomUUID() (a v4 UUID)
   */
  receiptId?: string;
}

/** What a {@link ReceiptProblem} (or a {@link ReceiptError}) is about; safe to branch on. */
export type ReceiptProblemCode =
  /** The receipt (or the input) is not a JSON object. */
  | 'not-an-object'
  /** A required field is absent, or an empty string. */
  | 'missing-field'
  /** A field has the wrong type or format. */
  | 'invalid-field'
  /** A date-time field is not a valid ISO 8601 date-time with a time zone. */
  | 'invalid-date'
  /** A field the schema does not define. */
  | 'unknown-field'
  /** `schema` is not this library's receipt schema id. */
  | 'unknown-schema'
  /** A document's `canonicalization` (the agreement's or an additional document's) names rules this version of the library does not know, so its hash is unchecked. */
  | 'unknown-canonicalization'
  /** `acceptedAt` is earlier than `shownAt`. */
  | 'accepted-before-shown'
  /**
   * `reading.reachedEnd` and `reading.reachedEndAt` disagree; or the changes read do not fit
   * (`changesSeen` repeats an id or lists more than `changesTotal`, or changes are recorded
   * without `replaces`).
   */
  | 'reading-inconsistent'
  /**
   * The reading the receipt says was required was not done: `required: "whole"` without
   * `reachedEnd`, or `required: "changes"` with a changed passage not seen.
   */
  | 'reading-requirement-unmet'
  /** `reading.keyClausesSeen` repeats an id, lists more than the total, or names an unknown clause. */
  | 'key-clauses-inconsistent'
  /** A guardian without a minor, or a minor without a guardian. */
  | 'guardian-minor-mismatch'
  /** Two acknowledgements with the same id. */
  | 'duplicate-acknowledgement'
  /** Two optional consents with the same id. */
  | 'duplicate-optional-consent'
  /** An optional consent recorded as granted without the time it was granted. */
  | 'optional-consent-inconsistent'
  /** Two documents (the agreement or an additional document) with the same id. */
  | 'duplicate-document'
  /** The agreement text is empty (after canonicalisation). */
  | 'empty-agreement'
  /** An argument other than the receipt is unusable (e.g. the agreement text is not a string). */
  | 'invalid-argument'
  /** A document's `sha256` does not match the text passed to `verifyReceipt` for it. */
  | 'agreement-mismatch'
  /** The receipt lists an additional document whose text was not passed to `verifyReceipt`, so its hash is unchecked. */
  | 'document-unverified'
  /** A document passed to `verifyReceipt` (`options.additionalDocuments`) is not in the receipt. */
  | 'document-missing'
  /** `agreement.id` is not the one the caller expected. */
  | 'agreement-id-mismatch'
  /** `agreement.version` is not the one the caller expected. */
  | 'version-mismatch'
  /** `integrity` does not match the receipt's other fields: the receipt changed after creation. */
  | 'integrity-mismatch';

/** One thing wrong with a receipt. */
export interface ReceiptProblem {
  /** What kind of problem; stable, safe to branch on. */
  code: ReceiptProblemCode;
  /** Where, as a dotted path with `[index]` for arrays (`"acknowledgements[0].label"`); `""` for the whole receipt. */
  path: string;
  /** What is wrong and what to do, for developers and logs. */
  message: string;
}

/** What {@link verifyReceipt} found. */
export interface ReceiptVerification {
  /** True when there are no problems. */
  ok: boolean;
  /** Every problem found, in the order of the receipt's fields, then agreement and integrity checks. */
  problems: ReceiptProblem[];
}

/** What a caller of {@link verifyReceipt} expects the receipt to be about. */
export interface VerifyReceiptOptions {
  /** The agreement id the receipt must name. */
  agreementId?: string;
  /** The agreement version the receipt must name. */
  version?: string;
  /**
   * The text served for each additional document, by document id: e.g.
   * `{ "privacy-policy": privacyMarkdown }`, or `{ markdown, version }` to also require that
   * version. Each is checked like the agreement. Every additional document the receipt lists must
   * be given here (else `document-unverified`), and every one given here must be in the receipt
   * (else `document-missing`). @default {}
   */
  additionalDocuments?: Readonly<Record<string, string | { markdown: string; version?: string }>>;
}

/** The codes a {@link ReceiptError} can carry. */
export type ReceiptErrorCode =
  | ReceiptProblemCode
  /** `serializeReceipt` was given something that is not a well-formed receipt. */
  | 'invalid-receipt'
  /** Neither `crypto.randomUUID` nor `crypto.getRandomValues` exists to make a receipt id. */
  | 'crypto-unavailable';

/**
 * Thrown (or rejected with) when a receipt cannot be made or written. The message says what is
 * wrong and what to pass instead; `problems` lists everything found, not just the first.
 */
export class ReceiptError extends Error {
  override name = 'ReceiptError';
  /** Stable reason, safe to branch on: the first problem's code. */
  readonly code: ReceiptErrorCode;
  /** Where the first problem is, as in {@link ReceiptProblem.path}. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: readonly ReceiptProblem[];

  constructor(
    code: ReceiptErrorCode,
    path: string,
    message: string,
    problems: readonly ReceiptProblem[] = [],
  ) {
    super(message);
    this.code = code;
    this.path = path;
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// The field list
// ---------------------------------------------------------------------------------------------

type Context = 'create' | 'verify';

interface LeafSpec {
  kind: 'leaf';
  /** What the value should be, as a noun phrase. */
  expect: string;
  /** The same for `createReceipt`'s input, where it differs (dates may be `Date`s). */
  expectOnCreate?: string;
  test: (value: unknown) => boolean;
  nullable: boolean;
  /** The code for a value that fails `test`. @default 'invalid-field' */
  code?: ReceiptProblemCode;
}
interface ObjectSpec {
  kind: 'object';
  expect: string;
  nullable: boolean;
  /** The fields, in receipt order (string keys keep insertion order). */
  fields: Readonly<Record<string, FieldSpec>>;
}
interface ArraySpec {
  kind: 'array';
  expect: string;
  items: FieldSpec;
}
type FieldSpec = LeafSpec | ObjectSpec | ArraySpec;

const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Well-formed BCP 47 shape (the schema uses the same pattern). */
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const isText = (v: unknown): boolean => typeof v === 'string' && /\S/.test(v);

function leaf(
  expect: string,
  test: (value: unknown) => boolean,
  extra: Partial<Pick<LeafSpec, 'nullable' | 'code' | 'expectOnCreate'>> = {},
): LeafSpec {
  return { kind: 'leaf', expect, test, nullable: false, ...extra };
}
const text = (what: string) => leaf(`${what}, as a non-blank string`, isText);
const optionalText = (what: string) =>
  leaf(`null or ${what}, as a non-blank string`, isText, { nullable: true });
const integer = (what: string, min: number) =>
  leaf(
    `${what}, as a whole number of at least ${min}`,
    (v) => Number.isSafeInteger(v) && (v as number) >= min,
  );
const dateTime = (what: string, nullable = false) => {
  const example = '"2024-05-01T09:30:00.000Z"';
  const orNull = nullable ? 'null or ' : '';
  return leaf(
    `${orNull}${what}, as an ISO 8601 date-time with a time zone such as ${example}`,
    (v) => typeof v === 'string' && parseDateTime(v) !== null,
    {
      nullable,
      code: 'invalid-date',
      expectOnCreate: `${orNull}${what}, as a valid Date or an ISO 8601 string with a time zone such as ${example}`,
    },
  );
};
const uuid = (what: string, nullable = false) =>
  leaf(
    `${nullable ? 'null or ' : ''}${what}, as a lowercase UUID such as "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"`,
    (v) => typeof v === 'string' && UUID.test(v),
    { nullable },
  );
const sha256 = (what: string) =>
  leaf(`${what}, as 64 lowercase hex digits`, (v) => typeof v === 'string' && SHA256.test(v));
function object(expect: string, nullable: boolean, fields: Record<string, FieldSpec>): ObjectSpec {
  return { kind: 'object', expect, nullable, fields };
}

const AGREEMENT_FIELDS = {
  id: text("the app's id of the document"),
  version: text('the document version shown'),
  title: text('the document title'),
  sha256: sha256('the SHA-256 of the canonical document text'),
  canonicalization: text('the canonicalisation rules version'),
};

const READING_REQUIREMENTS: readonly unknown[] = ['whole', 'changes', 'none'];

const READING = object(
  'the reading evidence ({ required, reachedEnd, reachedEndAt, keyClausesSeen, keyClausesTotal, changesSeen, changesTotal })',
  false,
  {
    required: leaf('"whole", "changes" or "none"', (v) => READING_REQUIREMENTS.includes(v)),
    reachedEnd: leaf('true or false', (v) => typeof v === 'boolean'),
    reachedEndAt: dateTime('when the end was reached', true),
    keyClausesSeen: {
      kind: 'array',
      expect: 'an array of the key clause ids seen',
      items: text('a key clause id'),
    },
    keyClausesTotal: integer('how many key clauses the document has', 0),
    changesSeen: {
      kind: 'array',
      expect: 'an array of the ids of the changed passages seen',
      items: text('a changed passage id'),
    },
    changesTotal: integer('how many passages changed since the replaced version', 0),
  },
);

const REPLACES = object('null or the consent this one replaces ({ version, receiptId })', true, {
  version: text('the version replaced'),
  receiptId: uuid("the replaced consent's receipt id", true),
});

/** Every field except `integrity`: what `integrity` hashes. */
const CONTENT_FIELDS = {
  schema: leaf(`the receipt schema id "${RECEIPT_SCHEMA}"`, (v) => v === RECEIPT_SCHEMA, {
    code: 'unknown-schema',
  }),
  receiptId: uuid('the receipt id'),
  agreement: object(
    'the agreement shown ({ id, version, title, sha256, canonicalization })',
    false,
    AGREEMENT_FIELDS,
  ),
  shownAt: dateTime('when the agreement was first shown'),
  acceptedAt: dateTime('when the person accepted'),
  signer: object('the person who agreed ({ id, name })', false, {
    id: text("the app's identifier of the person who agreed (user id, email…)"),
    name: optionalText('their display name'),
  }),
  organization: object(
    'null or the organisation the signer agreed for ({ name, signerAuthority })',
    true,
    {
      name: text("the organisation's name"),
      signerAuthority: text('the signer\'s authority to bind it, e.g. "Administrator"'),
    },
  ),
  guardian: object(
    'null or the guardian who read the agreement with the minor ({ name, relationship, attestation, mode, verification })',
    true,
    {
      name: text("the guardian's name"),
      relationship: text('their relationship to the minor, e.g. "parent"'),
      attestation: text('the statement the guardian attested to, word for word'),
      mode: leaf('"joint" or "guardian-only"', (v) => v === 'joint' || v === 'guardian-only'),
      verification: optionalText("what the app's own guardian verification said"),
    },
  ),
  minor: object('null or the minor ({ ageBracket, rule, minimumAge })', true, {
    ageBracket: text('the age bracket, e.g. "13-15"'),
    rule: text('the rule that required a guardian, e.g. "gdpr:FR"'),
    minimumAge: integer('the age below which that rule requires a guardian', 1),
  }),
  acknowledgements: {
    kind: 'array',
    expect: 'an array of the acknowledgements given ({ id, label, at })',
    items: object('an acknowledgement ({ id, label, at })', false, {
      id: text('the acknowledgement id'),
      label: text('the text shown next to the checkbox, word for word'),
      at: dateTime('when it was ticked'),
    }),
  },
  optionalConsents: {
    kind: 'array',
    expect: 'an array of the optional consents offered ({ id, label, granted, at })',
    items: object('an optional consent ({ id, label, granted, at })', false, {
      id: text('the optional consent id'),
      label: text('the text shown next to the checkbox, word for word'),
      granted: leaf('true or false', (v) => typeof v === 'boolean'),
      at: dateTime('when it was last ticked or unticked', true),
    }),
  },
  reading: READING,
  locale: leaf(
    'the BCP 47 tag of the UI language, e.g. "en-GB"',
    (v) => typeof v === 'string' && LOCALE.test(v),
  ),
  uiVariant: text('which UI collected the consent, e.g. "modal"'),
  replaces: REPLACES,
  additionalDocuments: {
    kind: 'array',
    expect:
      'an array of the other documents agreed to ({ id, version, title, sha256, canonicalization, reading, replaces })',
    items: object(
      'a document ({ id, version, title, sha256, canonicalization, reading, replaces })',
      false,
      { ...AGREEMENT_FIELDS, reading: READING, replaces: REPLACES } satisfies Record<
        keyof ReceiptDocument,
        FieldSpec
      >,
    ),
  },
} satisfies Record<keyof Omit<ConsentReceipt, 'integrity'>, FieldSpec>;

const CONTENT = object('a consent receipt', false, CONTENT_FIELDS);

/** The whole receipt, in the order of the `ConsentReceipt` interface and the JSON Schema. */
const RECEIPT_FIELDS = {
  ...CONTENT_FIELDS,
  integrity: sha256('the SHA-256 of the receipt\'s other fields'),
} satisfies Record<keyof ConsentReceipt, FieldSpec>;

const RECEIPT = object('a consent receipt', false, RECEIPT_FIELDS);

// ---------------------------------------------------------------------------------------------
// Checks shared by createReceipt, verifyReceipt and serializeReceipt
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return Object.prototype.toString.call(value) === '[object Object]';
}

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A value as it should appear in a message: strings quoted and shortened. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return `the string ${quoted}`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (value === undefined) return 'undefined';
  return describe(value);
}

/** Checks a value's shape against a field spec (types, formats, unknown fields). */
function checkShape(
  value: unknown,
  spec: FieldSpec,
  path: string,
  context: Context,
  problems: ReceiptProblem[],
): void {
  const expect =
    spec.kind === 'leaf' && context === 'create' ? (spec.expectOnCreate ?? spec.expect) : spec.expect;
  const fix = context === 'create' ? '. Pass' : '; it should be';
  if (value === undefined || value === '') {
    problems.push({
      code: 'missing-field',
      path,
      message: `${path} is ${value === '' ? 'empty' : 'missing'}${fix} ${expect}.`,
    });
    return;
  }
  if (value === null && spec.kind !== 'array' && spec.nullable) return;
  const invalid = (code: ReceiptProblemCode = 'invalid-field') =>
    problems.push({ code, path, message: `${path} is ${show(value)}${fix} ${expect}.` });

  if (spec.kind === 'leaf') {
    if (!spec.test(value)) invalid(spec.code);
  } else if (spec.kind === 'array') {
    if (!Array.isArray(value)) invalid();
    else value.forEach((item, i) => checkShape(item, spec.items, `${path}[${i}]`, context, problems));
  } else if (!isObject(value)) {
    invalid();
  } else {
    for (const [key, field] of Object.entries(spec.fields)) {
      checkShape(
        Object.hasOwn(value, key) ? value[key] : undefined,
        field,
        at(path, key),
        context,
        problems,
      );
    }
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(spec.fields, key)) {
        problems.push({
          code: 'unknown-field',
          path: at(path, key),
          message: `${at(path, key)} is not a receipt field (receipt schema v1 allows only ${Object.keys(spec.fields).join(', ')}${path ? ` in ${path}` : ''}).`,
        });
      }
    }
  }
}

/** Rules across fields, which the schema documents but cannot fully express. */
function checkConsistency(receipt: Json, problems: ReceiptProblem[]): void {
  const shown = typeof receipt.shownAt === 'string' ? parseDateTime(receipt.shownAt) : null;
  const accepted = typeof receipt.acceptedAt === 'string' ? parseDateTime(receipt.acceptedAt) : null;
  if (shown !== null && accepted !== null && accepted < shown) {
    problems.push({
      code: 'accepted-before-shown',
      path: 'acceptedAt',
      message:
        `acceptedAt (${String(receipt.acceptedAt)}) is before shownAt (${String(receipt.shownAt)}): ` +
        'consent cannot be given before the agreement is shown. Record shownAt when the agreement ' +
        'is first displayed and acceptedAt when the accept control is pressed.',
    });
  }

  const { guardian, minor } = receipt;
  if (isObject(guardian) && minor === null) {
    problems.push({
      code: 'guardian-minor-mismatch',
      path: 'minor',
      message:
        'guardian is set but minor is null: a guardian co-signs for a minor. Pass minor too ' +
        '(ageBracket, rule, minimumAge), or guardian: null when the person is not a minor.',
    });
  } else if (isObject(minor) && guardian === null) {
    problems.push({
      code: 'guardian-minor-mismatch',
      path: 'guardian',
      message:
        'minor is set but guardian is null: a minor agrees accompanied by a legal guardian. ' +
        'Pass guardian too (name, relationship, attestation, mode), or minor: null when the ' +
        'person is not a minor.',
    });
  }

  const acknowledgements = receipt.acknowledgements;
  if (Array.isArray(acknowledgements)) {
    const seen = new Set<unknown>();
    acknowledgements.forEach((ack, i) => {
      if (!isObject(ack) || !isText(ack.id)) return;
      if (seen.has(ack.id)) {
        problems.push({
          code: 'duplicate-acknowledgement',
          path: `acknowledgements[${i}].id`,
          message: `acknowledgements[${i}].id ${JSON.stringify(ack.id)} appears more than once: record each acknowledgement once, with the time it was ticked.`,
        });
      }
      seen.add(ack.id);
    });
  }

  const optional = receipt.optionalConsents;
  if (Array.isArray(optional)) {
    const seen = new Set<unknown>();
    optional.forEach((consent, i) => {
      if (!isObject(consent)) return;
      if (isText(consent.id) && seen.has(consent.id)) {
        problems.push({
          code: 'duplicate-optional-consent',
          path: `optionalConsents[${i}].id`,
          message: `optionalConsents[${i}].id ${JSON.stringify(consent.id)} appears more than once: record each optional consent once, granted or not.`,
        });
      }
      seen.add(consent.id);
      if (consent.granted === true && consent.at === null) {
        problems.push({
          code: 'optional-consent-inconsistent',
          path: `optionalConsents[${i}].at`,
          message: `optionalConsents[${i}] is granted but its time is null: an optional consent is granted only by the person ticking it, so pass the time they ticked it (or granted: false if they did not).`,
        });
      }
    });
  }

  checkReading(receipt.reading, 'reading', receipt.replaces, problems);

  const documents = receipt.additionalDocuments;
  if (Array.isArray(documents)) {
    const ids = new Set<unknown>([isObject(receipt.agreement) ? receipt.agreement.id : undefined]);
    documents.forEach((doc, i) => {
      if (!isObject(doc)) return;
      const path = `additionalDocuments[${i}]`;
      if (isText(doc.id) && ids.has(doc.id)) {
        problems.push({
          code: 'duplicate-document',
          path: `${path}.id`,
          message: `${path}.id ${JSON.stringify(doc.id)} is already listed (as the agreement or an earlier document): list each document once.`,
        });
      }
      ids.add(doc.id);
      checkReading(doc.reading, `${path}.reading`, doc.replaces, problems);
    });
  }
}

/** The rules across one document's reading evidence (and its `replaces`). */
function checkReading(reading: unknown, path: string, replaces: unknown, problems: ReceiptProblem[]): void {
  if (!isObject(reading)) return;
  if (reading.reachedEnd === true && reading.reachedEndAt === null) {
    problems.push({
      code: 'reading-inconsistent',
      path: `${path}.reachedEndAt`,
      message:
        `${path}.reachedEnd is true but ${path}.reachedEndAt is null: pass the time the end ` +
        'of the document came into view, or reachedEnd: false if it never did.',
    });
  } else if (reading.reachedEnd === false && typeof reading.reachedEndAt === 'string') {
    problems.push({
      code: 'reading-inconsistent',
      path: `${path}.reachedEndAt`,
      message:
        `${path}.reachedEnd is false but ${path}.reachedEndAt is set: pass reachedEnd: true ` +
        'if the end was reached, or reachedEndAt: null if it was not.',
    });
  }
  checkSeenIds(reading.keyClausesSeen, reading.keyClausesTotal, `${path}.keyClausesSeen`, 'key-clauses-inconsistent', {
    what: 'key clauses',
    total: `${path}.keyClausesTotal`,
    fix: "pass the document's number of key clauses as keyClausesTotal, and only its clause ids as keyClausesSeen",
  }, problems);
  checkSeenIds(reading.changesSeen, reading.changesTotal, `${path}.changesSeen`, 'reading-inconsistent', {
    what: 'changed passages',
    total: `${path}.changesTotal`,
    fix: 'pass the number of added and changed passages as changesTotal, and only their ids as changesSeen',
  }, problems);

  const total = reading.changesTotal;
  const hasChanges = (Number.isSafeInteger(total) && (total as number) > 0) || reading.required === 'changes';
  const replacesPath = path === 'reading' ? 'replaces' : `${path.slice(0, -'.reading'.length)}.replaces`;
  if (hasChanges && replaces === null) {
    problems.push({
      code: 'reading-inconsistent',
      path: replacesPath,
      message: `${path} records changes read (re-consent) but ${replacesPath} is null: pass the version the consent replaces, or changesTotal: 0 and a required reading other than "changes" for a first consent.`,
    });
  }
  if (reading.required === 'whole' && reading.reachedEnd === false) {
    problems.push({
      code: 'reading-requirement-unmet',
      path: `${path}.reachedEnd`,
      message: `${path}.required is "whole" but the end was not reached: a consent that required reading to the end cannot be recorded before the end came into view. Record it once reachedEnd is true, or state the requirement that applied.`,
    });
  }
  if (reading.required === 'changes' && Array.isArray(reading.changesSeen) && Number.isSafeInteger(total)) {
    const seen = new Set(reading.changesSeen).size;
    if (seen < (total as number) || total === 0) {
      problems.push({
        code: 'reading-requirement-unmet',
        path: `${path}.changesSeen`,
        message:
          total === 0
            ? `${path}.required is "changes" but changesTotal is 0: with no added or changed passage there is nothing to read; require "whole" instead.`
            : `${path}.required is "changes" but only ${seen} of ${String(total)} changed passages were seen: record the consent once every added or changed passage has been on screen.`,
      });
    }
  }
}

/** Ids seen (key clauses or changes): each once, and no more than the total. */
function checkSeenIds(
  ids: unknown,
  total: unknown,
  path: string,
  code: ReceiptProblemCode,
  words: { what: string; total: string; fix: string },
  problems: ReceiptProblem[],
): void {
  if (!Array.isArray(ids)) return;
  const unique = new Set<unknown>();
  ids.forEach((id, i) => {
    if (unique.has(id)) {
      problems.push({
        code,
        path: `${path}[${i}]`,
        message: `${path} lists ${show(id)} more than once: list each of the ${words.what} once, in the order first seen.`,
      });
    }
    unique.add(id);
  });
  // Only against a valid total: an invalid one is already reported by the shape check.
  if (Number.isSafeInteger(total) && (total as number) >= 0 && unique.size > (total as number)) {
    problems.push({
      code,
      path,
      message: `${path} lists ${unique.size} ${words.what} but ${words.total} is ${String(total)}: ${words.fix}.`,
    });
  }
}

/**
 * A copy of `value` holding only the fields `spec` defines, in the spec's order (nested objects
 * and array items likewise). Values of the wrong shape are kept as they are.
 */
function ordered(value: unknown, spec: FieldSpec): unknown {
  if (spec.kind === 'object' && isObject(value)) {
    const out: Json = {};
    for (const [key, field] of Object.entries(spec.fields)) {
      if (Object.hasOwn(value, key)) out[key] = ordered(value[key], field);
    }
    return out;
  }
  if (spec.kind === 'array' && Array.isArray(value)) {
    return value.map((item: unknown) => ordered(item, spec.items));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Dates and ids
// ---------------------------------------------------------------------------------------------

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Milliseconds since the epoch of an RFC 3339 date-time (JSON Schema's `date-time`: seconds
 * required, a `Z` or `±hh:mm` offset required), or null. Checked by hand rather than trusting
 * `Date.parse`, which accepts many other shapes and rolls 30 February over into March.
 * Internal to the core (also used by the Kantara export); not part of the package's API.
 */
export function parseDateTime(value: string): number | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', frac = '', z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (!z && (Number(oh) > 23 || Number(om) > 59)) return null;
  const ms = `${frac.slice(1)}000`.slice(0, 3);
  // The ECMAScript date-time string format, whose parsing the language specifies exactly.
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${z ? 'Z' : `${sign}${oh}:${om}`}`);
  return Number.isFinite(t) ? t : null;
}

/** A UTC ISO string for a valid `Date` or date-time string, or the input itself for the checks to report. */
function normalizeDate(value: unknown): unknown {
  let time: number | null = null;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string') time = parseDateTime(value);
  if (time === null || !Number.isFinite(time)) return value;
  const iso = new Date(time).toISOString();
  // Years outside 0000–9999 turn into ±YYYYYY, which is not an RFC 3339 date-time.
  return parseDateTime(iso) === null ? value : iso;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A random (v4) UUID: `crypto.randomUUID`, or built from `getRandomValues` where that is missing. */
function randomUuid(): string {
  const c = (globalThis as { crypto?: typeof crypto }).crypto;
  // randomUUID exists only in secure contexts in browsers; getRandomValues exists everywhere.
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  if (typeof c?.getRandomValues !== 'function') {
    throw new ReceiptError(
      'crypto-unavailable',
      'receiptId',
      'createReceipt: there is no crypto.randomUUID or crypto.getRandomValues here to make a ' +
        'receipt id. Pass receiptId (a UUID) yourself, or run in a browser or Node 20 or later.',
    );
  }
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (b) => HEX[b]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Integrity and serialisation
// ---------------------------------------------------------------------------------------------

/** The exact string `integrity` hashes. */
function canonicalContent(receipt: unknown): string {
  return JSON.stringify(ordered(receipt, CONTENT));
}

/**
 * The value of a receipt's `integrity` field: SHA-256 (lowercase hex) of the UTF-8 bytes of the
 * canonical JSON of every other field. Canonical here means: the fields of the receipt schema
 * only, in the schema's order (nested objects likewise), no whitespace, strings escaped as
 * ECMAScript's `JSON.stringify` does (`"` `\` and control characters escaped, `\u00xx` in
 * lowercase hex, lone surrogates as `\udxxx`, everything else literal), whole numbers in decimal.
 * Fields the schema does not define are ignored; `integrity` itself is never included.
 *
 * `integrity` detects later changes to a stored receipt, accidental or casual edits. It is
 * **not a signature**: anyone who edits a receipt can recompute it. A server that needs
 * tamper-proof records signs the receipt or keeps its own copy.
 * @throws ReceiptError (`not-an-object`) when `receipt` is not an object.
 */
export function receiptIntegrity(
  receipt: ConsentReceipt | Omit<ConsentReceipt, 'integrity'>,
): Promise<string> {
  if (!isObject(receipt)) {
    return Promise.reject(
      new ReceiptError(
        'not-an-object',
        '',
        `receiptIntegrity expects a receipt object, got ${show(receipt)}.`,
      ),
    );
  }
  return sha256Hex(canonicalContent(receipt));
}

/**
 * A receipt as pretty JSON for storage and review: the schema's fields in the schema's fixed
 * order (whatever order the object's keys are in, e.g. after a round trip through a database),
 * 2-space indent, ending with a newline, so two receipts diff cleanly line by line.
 * It does not check `integrity` or the agreement: use {@link verifyReceipt} for that.
 * @throws ReceiptError (`invalid-receipt`) when `receipt` is not a well-formed receipt: a missing,
 *   ill-typed or unknown field, which this function would otherwise drop or write unchecked.
 */
export function serializeReceipt(receipt: ConsentReceipt): string {
  if (!isObject(receipt)) {
    throw new ReceiptError(
      'invalid-receipt',
      '',
      `serializeReceipt expects a receipt object, got ${show(receipt)}.`,
    );
  }
  const problems: ReceiptProblem[] = [];
  checkShape(receipt, RECEIPT, '', 'verify', problems);
  const [first] = problems;
  if (first) {
    throw new ReceiptError(
      'invalid-receipt',
      first.path,
      `serializeReceipt: not a well-formed receipt. ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more problems, see error.problems)` : ''),
      problems,
    );
  }
  return `${JSON.stringify(ordered(receipt, RECEIPT), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// createReceipt
// ---------------------------------------------------------------------------------------------

const orNull = (value: unknown) => (value === undefined || value === '' ? null : value);

/** `value`'s listed fields (in that order) when it is an object, null when absent, else itself. */
function pick(value: unknown, build: (v: Json) => Json): unknown {
  if (value === undefined || value === null) return null;
  return isObject(value) ? build(value) : value;
}

/**
 * Makes a consent receipt: hashes the canonical agreement text into `agreement.sha256`, records
 * the canonicalisation version, normalises every date to a UTC ISO 8601 string, and seals the
 * result with `integrity`. The receipt's keys (and its nested objects' keys) are in the fixed
 * order of `ConsentReceipt` and the JSON Schema.
 *
 * Rejects with a {@link ReceiptError} whose message says what to pass instead when the input is
 * not a valid consent: a missing signer id, empty agreement text, an invalid date or one without
 * a time zone, `acceptedAt` before `shownAt`, `reachedEnd` without `reachedEndAt` (or the
 * reverse), repeated key clauses or more than the total, a guardian without a minor (or the
 * reverse), an acknowledgement without a label, or any ill-typed field.
 */
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
        ? randomUuid()
        : typeof source.receiptId === 'string'
          ? source.receiptId.toLowerCase()
          : source.receiptId,
    agreement: await shownDocument(a),
    shownAt: normalizeDate(source.shownAt),
    acceptedAt: normalizeDate(source.acceptedAt),
    signer: isObject(source.signer)
      ? { id: source.signer.id, name: orNull(source.signer.name) }
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
            ...(await shownDocument(doc.agreement as Json)),
            reading: normalizeReading(doc.reading),
            replaces: normalizeReplaces(doc.replaces),
          })),
        )
      : documents,
  };

  const problems: ReceiptProblem[] = [];
  checkShape(content, CONTENT, '', 'create', problems);
  checkConsistency(content, problems);
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

/** `{ id, version, title, sha256, canonicalization }` of a document whose text was checked. */
async function shownDocument(doc: Json): Promise<Json> {
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    sha256: await hashAgreement(doc.markdown as string),
    canonicalization: CANONICALIZATION_VERSION,
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
  }));
}

/** When the input document lists its key clauses, the reading evidence must fit them. */
function checkAgainstAgreement(
  agreement: Json,
  reading: unknown,
  path: string,
  problems: ReceiptProblem[],
) {
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

// ---------------------------------------------------------------------------------------------
// verifyReceipt
// ---------------------------------------------------------------------------------------------

/**
 * Checks a receipt, e.g. one a client sent or one read back from storage, against the agreement
 * text the server served for that version. Never throws on bad input: it collects every problem.
 *
 * It checks, in order: that `receipt` is an object of the v1 receipt schema, with every field
 * present, well-typed and consistent, and no others (the same rules as
 * `schema/receipt.schema.json`, plus the cross-field rules the schema describes); that the
 * canonicalisation version is known; that `agreement.sha256` is the hash of `agreementMarkdown`
 * (`agreement-mismatch`); that the agreement id and version are the expected ones, when given;
 * and that `integrity` matches the other fields (`integrity-mismatch`).
 *
 * `integrity` detects later changes to a stored receipt (accidental or casual edits); it is not a
 * signature, since whoever edits a receipt can recompute it. A server that needs tamper-proof
 * records signs receipts or keeps its own copy of what it received.
 * @param agreementMarkdown The text of the agreement version the receipt claims, as served (any
 *   line endings: it is canonicalised before hashing).
 * @returns `{ ok, problems }`; rejects only when Web Crypto is unavailable.
 */
export async function verifyReceipt(
  receipt: unknown,
  agreementMarkdown: string,
  options: VerifyReceiptOptions = {},
): Promise<ReceiptVerification> {
  const problems: ReceiptProblem[] = [];
  if (!isObject(receipt)) {
    problems.push({
      code: 'not-an-object',
      path: '',
      message: `The receipt is ${show(receipt)}; it should be a receipt object (parse stored JSON with JSON.parse first).`,
    });
    return { ok: false, problems };
  }

  checkShape(receipt, RECEIPT, '', 'verify', problems);
  checkConsistency(receipt, problems);

  const agreement = isObject(receipt.agreement) ? receipt.agreement : {};
  const canonicalization = agreement.canonicalization;
  const knownRules = canonicalization === CANONICALIZATION_VERSION;
  if (isText(canonicalization) && !knownRules) {
    problems.push({
      code: 'unknown-canonicalization',
      path: 'agreement.canonicalization',
      message: `agreement.canonicalization is ${show(canonicalization)}, which this version of react-clickwrap does not know (it knows "${CANONICALIZATION_VERSION}"), so the agreement hash cannot be checked. Verify with the library version that created the receipt.`,
    });
  }

  if (typeof agreementMarkdown !== 'string') {
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: `verifyReceipt's second argument is ${show(agreementMarkdown)}; pass the agreement text (markdown) of the version the receipt names.`,
    });
  } else if (canonicalizeAgreement(agreementMarkdown) === '') {
    problems.push({
      code: 'empty-agreement',
      path: '',
      message:
        'The agreement text you passed is empty: pass the text of the version the receipt names.',
    });
  } else if (knownRules) {
    await checkHash(agreement, 'agreement', agreementMarkdown, problems);
  }

  const opts: Json = isObject(options) ? options : {};
  await checkAdditionalDocuments(receipt.additionalDocuments, opts.additionalDocuments, problems);
  const expectations = [
    ['agreementId', 'agreement.id', 'agreement-id-mismatch', agreement.id],
    ['version', 'agreement.version', 'version-mismatch', agreement.version],
  ] as const;
  for (const [option, path, code, actual] of expectations) {
    const wanted = opts[option];
    if (wanted === undefined) continue;
    if (typeof wanted !== 'string') {
      problems.push({
        code: 'invalid-argument',
        path: '',
        message: `options.${option} is ${show(wanted)}; pass a string, or leave it out.`,
      });
    } else if (actual !== wanted) {
      problems.push({
        code,
        path,
        message: `${path} is ${show(actual)} but you expected ${JSON.stringify(wanted)}: the receipt is for another ${option === 'version' ? 'version' : 'agreement'}.`,
      });
    }
  }

  const integrity = receipt.integrity;
  if (typeof integrity === 'string' && SHA256.test(integrity)) {
    let actual: string | null = null;
    try {
      actual = await sha256Hex(canonicalContent(receipt));
    } catch {
      // Not serialisable as JSON (a cycle, a BigInt): it cannot be the receipt that was sealed.
    }
    if (actual !== integrity) {
      problems.push({
        code: 'integrity-mismatch',
        path: 'integrity',
        message:
          "The receipt's integrity value does not match its other fields: the receipt was " +
          'changed after it was created (or assembled by hand). Integrity detects accidental ' +
          'and casual edits; it is not a signature.',
      });
    }
  }

  return { ok: problems.length === 0, problems };
}

/** Whether `doc.sha256` (when well-formed) is the hash of `markdown`. */
async function checkHash(doc: Json, path: string, markdown: string, problems: ReceiptProblem[]) {
  if (typeof doc.sha256 !== 'string' || !SHA256.test(doc.sha256)) return;
  const expected = await hashAgreement(markdown);
  if (expected !== doc.sha256) {
    const what = path === 'agreement' ? 'agreement' : `document ${JSON.stringify(doc.id)}`;
    problems.push({
      code: 'agreement-mismatch',
      path: `${path}.sha256`,
      message: `The receipt's hash of the ${what} (${doc.sha256}) does not match the text you passed (${expected}): the person saw different text, or you passed another version.`,
    });
  }
}

/** Each additional document against the text the caller served for it, both ways round. */
async function checkAdditionalDocuments(
  listed: unknown,
  served: unknown,
  problems: ReceiptProblem[],
): Promise<void> {
  if (served !== undefined && !isObject(served)) {
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: `options.additionalDocuments is ${show(served)}; pass an object mapping each document id to the text you served (or to { markdown, version }).`,
    });
    return;
  }
  const texts: Json = served ?? {};
  const documents = Array.isArray(listed) ? listed : [];
  const seen = new Set<string>();
  for (const [i, doc] of documents.entries()) {
    if (!isObject(doc) || !isText(doc.id)) continue;
    const id = doc.id as string;
    const path = `additionalDocuments[${i}]`;
    seen.add(id);
    const knownRules = doc.canonicalization === CANONICALIZATION_VERSION;
    if (isText(doc.canonicalization) && !knownRules) {
      problems.push({
        code: 'unknown-canonicalization',
        path: `${path}.canonicalization`,
        message: `${path}.canonicalization is ${show(doc.canonicalization)}, which this version of react-clickwrap does not know (it knows "${CANONICALIZATION_VERSION}"), so the hash of ${JSON.stringify(id)} cannot be checked. Verify with the library version that created the receipt.`,
      });
    }
    const entry = Object.hasOwn(texts, id) ? texts[id] : undefined;
    if (entry === undefined) {
      problems.push({
        code: 'document-unverified',
        path,
        message: `The receipt lists the document ${JSON.stringify(id)}, but you passed no text for it, so its hash is unchecked: pass options.additionalDocuments[${JSON.stringify(id)}], the text of the version you served.`,
      });
      continue;
    }
    const markdown = isObject(entry) ? entry.markdown : entry;
    const version = isObject(entry) ? entry.version : undefined;
    if (
      typeof markdown !== 'string' ||
      canonicalizeAgreement(markdown) === '' ||
      (version !== undefined && typeof version !== 'string')
    ) {
      problems.push({
        code: 'invalid-argument',
        path: '',
        message: `options.additionalDocuments[${JSON.stringify(id)}] is ${show(entry)}; pass the document's text (markdown), or { markdown, version } (both strings).`,
      });
      continue;
    }
    if (version !== undefined && doc.version !== version) {
      problems.push({
        code: 'version-mismatch',
        path: `${path}.version`,
        message: `${path}.version is ${show(doc.version)} but you expected ${JSON.stringify(version)} for ${JSON.stringify(id)}: the receipt is for another version.`,
      });
    }
    if (knownRules) await checkHash(doc, path, markdown, problems);
  }
  for (const id of Object.keys(texts)) {
    if (!seen.has(id)) {
      problems.push({
        code: 'document-missing',
        path: 'additionalDocuments',
        message: `You passed the document ${JSON.stringify(id)}, but the receipt does not list it: the person did not agree to it in this consent.`,
      });
    }
  }
}

/**
 * Every document a receipt records, alike: its `agreement` (with `reading` and `replaces`) first,
 * then its `additionalDocuments`. E.g. to find the privacy policy version a person accepted:
 * `receiptDocuments(receipt).find((d) => d.id === 'privacy-policy')?.version`.
 */
export function receiptDocuments(receipt: ConsentReceipt): ReceiptDocument[] {
  return [
    { ...receipt.agreement, reading: receipt.reading, replaces: receipt.replaces },
    ...receipt.additionalDocuments,
  ];
}
