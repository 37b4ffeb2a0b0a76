/**
 * The receipt's field list, in a small field-spec language: one list drives the key order of
 * receipts, `serializeReceipt`'s output, the canonical JSON `integrity` hashes, and the
 * structural checks. It mirrors `schema/receipt.schema.json` field for field (the tests hold the
 * two together), so the published schema and the code cannot drift apart without a failing test.
 */
import { parseDateTime } from '../internal/datetime';
import { SHA256, UUID } from '../internal/ids';
import { at, isObject, isText, show, type Json } from '../internal/problems';
import { RECEIPT_SCHEMA } from '../types';
import type { ConsentReceipt, ReceiptDocument } from '../types';
import type { ReceiptProblem, ReceiptProblemCode } from './types';
import { PRESENTATION } from './presentation';

export type Context = 'create' | 'verify';

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
  /** Whether the field may be absent (fields added after v1 shipped, so older receipts still verify). */
  optional?: boolean;
}
interface ObjectSpec {
  kind: 'object';
  expect: string;
  nullable: boolean;
  /** The fields, in receipt order (string keys keep insertion order). */
  fields: Readonly<Record<string, FieldSpec>>;
  /** Whether the field may be absent (fields added after v1 shipped, so older receipts still verify). */
  optional?: boolean;
}
interface ArraySpec {
  kind: 'array';
  expect: string;
  items: FieldSpec;
  /** Whether the field may be absent (fields added after v1 shipped, so older receipts still verify). */
  optional?: boolean;
}
export type FieldSpec = LeafSpec | ObjectSpec | ArraySpec;

/** Well-formed BCP 47 shape (the schema uses the same pattern). */
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

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
  summaries: {
    ...object(
      'the plain-language summaries shown ({ variant, sha256, canonicalization }), or no field when the document has none',
      false,
      {
        variant: leaf('"adult" or "minor"', (v) => v === 'adult' || v === 'minor'),
        sha256: sha256('the SHA-256 of the summaries shown'),
        canonicalization: text('the summaries serialisation version'),
      },
    ),
    optional: true,
  },
  language: {
    ...leaf(
      'the BCP 47 tag of the language the app declared for the document\'s text, e.g. "fr-CA", or no field when it declared none',
      (v) => typeof v === 'string' && LOCALE.test(v),
    ),
    optional: true,
  },
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

const REPLACES = object('null or the consent this one replaces ({ version, receiptId, changeKind? })', true, {
  version: text('the version replaced'),
  receiptId: uuid("the replaced consent's receipt id", true),
  // Optional: receipts made before the change kind was recorded still verify.
  changeKind: { ...leaf('"material" or "minor"', (v) => v === 'material' || v === 'minor'), optional: true },
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
  organization: object('null or the organisation the signer agreed for ({ name, signerAuthority })', true, {
    name: text("the organisation's name"),
    signerAuthority: text('the signer\'s authority to bind it, e.g. "Administrator"'),
  }),
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
    ageBracket: text('the age bracket, e.g. "16-17"'),
    rule: text('the rule that required a guardian, e.g. "gdpr:FR"'),
    minimumAge: integer('the age below which that rule requires a guardian', 1),
  }),
  age: object('null or the age check that ran ({ ageBracket, rule, minimumAge, guardianRequired })', true, {
    ageBracket: text('the age bracket, e.g. "18-plus"'),
    rule: text('the rule applied, e.g. "gdpr:FR"'),
    minimumAge: integer('the age below which that rule requires a guardian', 1),
    guardianRequired: leaf('true or false', (v) => typeof v === 'boolean'),
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
    items: object('a document ({ id, version, title, sha256, canonicalization, reading, replaces })', false, {
      ...AGREEMENT_FIELDS,
      reading: READING,
      replaces: REPLACES,
    } satisfies Record<keyof ReceiptDocument, FieldSpec>),
  },
  presentation: PRESENTATION,
} satisfies Record<keyof Omit<ConsentReceipt, 'integrity'>, FieldSpec>;

export const CONTENT = object('a consent receipt', false, CONTENT_FIELDS);

/** The whole receipt, in the order of the `ConsentReceipt` interface and the JSON Schema. */
const RECEIPT_FIELDS = {
  ...CONTENT_FIELDS,
  integrity: sha256("the SHA-256 of the receipt's other fields"),
} satisfies Record<keyof ConsentReceipt, FieldSpec>;

export const RECEIPT = object('a consent receipt', false, RECEIPT_FIELDS);
/** Checks a value's shape against a field spec (types, formats, unknown fields). */
export function checkShape(
  value: unknown,
  spec: FieldSpec,
  path: string,
  context: Context,
  problems: ReceiptProblem[],
): void {
  walk(value, spec, path, null, context, problems);
}

/**
 * `checkShape` of the field `key` (an array index, or null for `parent` itself) inside the
 * value at `parent`. A valid receipt (the common case, e.g. every receipt a server stores) walks
 * some 60 fields without a problem, so a field's path, and what a problem message says, are
 * made only where they are needed: a path for an object or array (its fields' paths start with
 * it) or for a problem, a message for a problem.
 */
function walk(
  value: unknown,
  spec: FieldSpec,
  parent: string,
  key: string | number | null,
  context: Context,
  problems: ReceiptProblem[],
): void {
  if (value === undefined && spec.optional) return;
  if (value === undefined || value === '') {
    const path = pathOf(parent, key);
    problems.push({
      code: 'missing-field',
      path,
      message: `${path} is ${value === '' ? 'empty' : 'missing'}${fixOf(context)} ${expectOf(spec, context)}.`,
    });
    return;
  }
  if (value === null && spec.kind !== 'array' && spec.nullable) return;

  if (spec.kind === 'leaf') {
    if (!spec.test(value)) invalid(value, spec, pathOf(parent, key), context, problems, spec.code);
    return;
  }
  const path = pathOf(parent, key);
  if (spec.kind === 'array') {
    if (!Array.isArray(value)) invalid(value, spec, path, context, problems);
    else value.forEach((item, i) => walk(item, spec.items, path, i, context, problems));
  } else if (!isObject(value)) {
    invalid(value, spec, path, context, problems);
  } else {
    for (const [name, field] of fieldEntries(spec)) {
      walk(Object.hasOwn(value, name) ? value[name] : undefined, field, path, name, context, problems);
    }
    for (const name of Object.keys(value)) {
      if (!Object.hasOwn(spec.fields, name)) {
        problems.push({
          code: 'unknown-field',
          path: at(path, name),
          message: `${at(path, name)} is not a receipt field (receipt schema v1 allows only ${Object.keys(spec.fields).join(', ')}${path ? ` in ${path}` : ''}).`,
        });
      }
    }
  }
}

/** The path of the field `key` inside `parent` (`parent` itself for null). */
const pathOf = (parent: string, key: string | number | null) =>
  key === null ? parent : typeof key === 'number' ? `${parent}[${key}]` : at(parent, key);

/** What a problem message says the value should be. */
const expectOf = (spec: FieldSpec, context: Context) =>
  spec.kind === 'leaf' && context === 'create' ? (spec.expectOnCreate ?? spec.expect) : spec.expect;

/** How a problem message goes on to what the value should be. */
const fixOf = (context: Context) => (context === 'create' ? '. Pass' : '; it should be');

function invalid(
  value: unknown,
  spec: FieldSpec,
  path: string,
  context: Context,
  problems: ReceiptProblem[],
  code: ReceiptProblemCode = 'invalid-field',
) {
  problems.push({
    code,
    path,
    message: `${path} is ${show(value)}${fixOf(context)} ${expectOf(spec, context)}.`,
  });
}

const ENTRIES = new WeakMap<ObjectSpec, ReadonlyArray<readonly [string, FieldSpec]>>();

/** An object spec's fields as entries, made once per spec (the walks below run per receipt). */
function fieldEntries(spec: ObjectSpec): ReadonlyArray<readonly [string, FieldSpec]> {
  let entries = ENTRIES.get(spec);
  if (!entries) {
    entries = Object.entries(spec.fields);
    ENTRIES.set(spec, entries);
  }
  return entries;
}

/**
 * A copy of `value` holding only the fields `spec` defines, in the spec's order (nested objects
 * and array items likewise). Values of the wrong shape are kept as they are.
 */
export function ordered(value: unknown, spec: FieldSpec): unknown {
  if (spec.kind === 'object' && isObject(value)) {
    const out: Json = {};
    for (const [key, field] of fieldEntries(spec)) {
      if (Object.hasOwn(value, key)) out[key] = ordered(value[key], field);
    }
    return out;
  }
  if (spec.kind === 'array' && Array.isArray(value)) {
    return value.map((item: unknown) => ordered(item, spec.items));
  }
  return value;
}

/**
 * Whether `JSON.stringify(value)` writes exactly what `JSON.stringify(ordered(value, spec))` does,
 * so the copy can be left out: every object the spec walks holds only the spec's fields, in its
 * order, none of them hidden (not enumerable), and no `toJSON`; every array is one `map` copies
 * to an array, with no `toJSON`. Values the copy keeps as they are (leaves, wrong shapes) are
 * written the same either way. A parsed receipt (`JSON.parse` of what `createReceipt` made)
 * always is; anything else takes the copy.
 */
function writesAsOrdered(value: unknown, spec: FieldSpec): boolean {
  if (spec.kind === 'object')
    return !isObject(value) || objectWritesAsOrdered(value, spec, Object.keys(value), 0);
  if (spec.kind === 'array' && Array.isArray(value)) {
    // The copy is `value.map(…)`: an array only when the species is Array.
    if (value.constructor !== Array) return false;
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
    for (let i = 0; i < value.length; i++) {
      if (!writesAsOrdered(value[i], spec.items)) return false;
    }
  }
  return true;
}

/**
 * `writesAsOrdered` for an object whose own enumerable keys (`Object.keys`) are `keys`, of which
 * the last `ignored` are left out of the comparison (a receipt's trailing `integrity`, which the
 * caller writes and takes off itself).
 */
export function objectWritesAsOrdered(
  value: Json,
  spec: FieldSpec,
  keys: readonly string[],
  ignored: number,
): boolean {
  if (spec.kind !== 'object') return false;
  if (typeof value.toJSON === 'function') return false;
  const entries = fieldEntries(spec);
  let f = 0;
  for (let k = 0; k < keys.length - ignored; k++) {
    const key = keys[k]!;
    // A field skipped over must be absent, not merely not enumerable (the copy would hold it).
    while (f < entries.length && entries[f]![0] !== key) {
      if (Object.hasOwn(value, entries[f]![0])) return false;
      f++;
    }
    if (f === entries.length) return false;
    if (!writesAsOrdered(value[key], entries[f]![1])) return false;
    f++;
  }
  for (; f < entries.length; f++) if (Object.hasOwn(value, entries[f]![0])) return false;
  return true;
}
