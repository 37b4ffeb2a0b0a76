import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAgreement } from '../agreement';
import { CANONICALIZATION_VERSION, canonicalizeAgreement } from '../canonical';
import { hashAgreement } from '../hash';
import {
  createReceipt,
  ReceiptError,
  receiptDocuments,
  receiptIntegrity,
  serializeReceipt,
  verifyReceipt,
} from '.';
import type { CreateReceiptInput, ReceiptProblemCode, VerifyReceiptOptions } from '.';
import { RECEIPT_SCHEMA } from '../types';
import type { ConsentReceipt } from '../types';

const markdown = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const schema = JSON.parse(
  readFileSync(new URL('../../../schema/receipt.schema.json', import.meta.url), 'utf8'),
) as SchemaNode;

/** A privacy policy shown with the Terms; its bold passages are its key clauses. */
const privacyMarkdown = `# Privacy Policy

Instadesk Ltd ("we") explains here what personal data we collect when you use Instadesk.

## 1. What we collect

1.1 Your account details: name, email address and the organisation you work for.

1.2 **Call recordings and transcripts of calls made through Instadesk, which we keep for 90 days.**

## 2. How we use it

- To provide and support the service.
- **To train our speech models, only if you allow it in your settings.**

## 3. Your rights

You may ask for a copy of your data, or for its deletion, at privacy@instadesk.example.

**We never sell your personal data.**
`;

/** A cookie policy shown with the Terms. */
const cookieMarkdown = `# Cookie Policy

## Strictly necessary cookies

These keep you signed in and cannot be switched off.

## Analytics cookies

**We use analytics cookies only with your consent, and keep their data for 13 months.**

## Advertising cookies

**We do not use advertising cookies.**
`;

const privacyPolicy = parseAgreement({ id: 'privacy-policy', version: '2024-06-01', markdown: privacyMarkdown });
const cookiePolicy = parseAgreement({ id: 'cookie-policy', version: '2024-06-01', markdown: cookieMarkdown });
const privacyClauses = privacyPolicy.keyClauses.map((c) => c.id);
const cookieClauses = cookiePolicy.keyClauses.map((c) => c.id);

/** What a server passes to verifyReceipt for the additional documents of `fullInput()`. */
const served = { 'privacy-policy': privacyMarkdown, 'cookie-policy': cookieMarkdown };
const withDocs = { additionalDocuments: served } satisfies VerifyReceiptOptions;

/** A consent with every optional part present, so every field of a receipt has a value. */
function fullInput(): CreateReceiptInput {
  return {
    agreement: {
      id: 'instadesk-terms',
      version: '2024-05-01',
      title: 'Instadesk Terms and Conditions',
      markdown,
    },
    shownAt: '2024-05-01T09:00:00.000Z',
    acceptedAt: new Date('2024-05-01T09:05:00.000Z'),
    signer: { id: 'user-42', name: 'Li Wei' },
    organization: { name: 'Acme Support Ltd', signerAuthority: 'Administrator' },
    guardian: {
      name: 'Li Na',
      relationship: 'parent',
      attestation: 'I am the legal guardian of this user and read the agreement with them.',
      mode: 'joint',
      verification: 'email-confirmed',
    },
    minor: { ageBracket: '16-17', rule: 'agreement', minimumAge: 18 },
    acknowledgements: [
      { id: 'call-center-1', label: 'I will not make harassing calls.', at: '2024-05-01T09:04:00Z' },
      { id: 'call-center-2', label: 'I will not resell numbers.', at: '2024-05-01T09:04:30Z' },
    ],
    optionalConsents: [
      { id: 'product-news', label: 'Email me product news.', granted: true, at: '2024-05-01T09:04:40Z' },
      // Ticked, then unticked again: declined, with the time of the last change.
      { id: 'user-research', label: 'Invite me to user research.', granted: false, at: '2024-05-01T09:04:50Z' },
    ],
    reading: {
      required: 'whole',
      reachedEnd: true,
      reachedEndAt: '2024-05-01T11:03:30+02:00',
      keyClausesSeen: ['intro-1', 'intro-2', 'iii-2.4'],
      keyClausesTotal: 12,
      changesSeen: ['iii-2.4'],
      changesTotal: 2,
    },
    locale: 'en-GB',
    uiVariant: 'modal',
    replaces: { version: '2023-01-01', receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b' },
    // A re-consent to every document, so that no field of the receipt is null or empty.
    additionalDocuments: [
      {
        agreement: privacyPolicy,
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T09:02:00Z',
          keyClausesSeen: [privacyClauses[0]!, privacyClauses[1]!],
          keyClausesTotal: 3,
          changesSeen: [privacyClauses[1]!],
          changesTotal: 1,
        },
        replaces: { version: '2023-11-01', receiptId: '6fa459ea-ee8a-3ca4-894e-db77e160355e' },
      },
      {
        agreement: cookiePolicy,
        reading: {
          required: 'changes',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T09:03:00Z',
          keyClausesSeen: [cookieClauses[0]!],
          keyClausesTotal: 2,
          changesSeen: ['analytics-cookies--p1', 'advertising-cookies--p1'],
          changesTotal: 2,
        },
        replaces: { version: '2023-11-01', receiptId: '886313e1-3b8a-5372-9b90-0c9aee199e5d' },
      },
    ],
    receiptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  };
}

/** `fullInput()`'s additional document `i`, with its reading (and anything else) changed. */
function fullDocument(
  i: number,
  reading: Partial<NonNullable<CreateReceiptInput['additionalDocuments']>[number]['reading']> = {},
  rest: Partial<NonNullable<CreateReceiptInput['additionalDocuments']>[number]> = {},
): NonNullable<CreateReceiptInput['additionalDocuments']>[number] {
  const doc = fullInput().additionalDocuments![i]!;
  return { ...doc, ...rest, reading: { ...doc.reading, ...reading } };
}

/** `fullInput()` with additional document `i` replaced. */
function withDocument(
  i: number,
  doc: NonNullable<CreateReceiptInput['additionalDocuments']>[number],
): CreateReceiptInput {
  const input = fullInput();
  const docs = [...input.additionalDocuments!];
  docs[i] = doc;
  return { ...input, additionalDocuments: docs };
}

/** A receipt with `edit` applied and `integrity` recomputed, as a forger (or a buggy client) would. */
async function forge(
  receipt: ConsentReceipt,
  edit: (r: ConsentReceipt) => void,
): Promise<ConsentReceipt> {
  const forged = structuredClone(receipt);
  edit(forged);
  forged.integrity = await receiptIntegrity(forged);
  return forged;
}

/** An adult signing for themselves, with nothing optional. */
function minimalInput(): CreateReceiptInput {
  return {
    agreement: { id: 'instadesk-terms', version: '2024-05-01', title: 'Terms', markdown },
    shownAt: '2024-05-01T09:00:00Z',
    acceptedAt: '2024-05-01T09:01:00Z',
    signer: { id: 'user-7' },
    reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: 0 },
    locale: 'en',
    uiVariant: 'page',
  };
}

const codes = (problems: readonly { code: string }[]) => problems.map((p) => p.code);
const codesAt = (problems: readonly { code: string; path: string }[]) =>
  problems.map((p) => [p.code, p.path]);

// ---------------------------------------------------------------------------------------------
// Helpers over plain JSON values
// ---------------------------------------------------------------------------------------------

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type Segment = string | number;

const isRecord = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path to a leaf (a scalar, null or empty container), as the problem paths spell them. */
function leafPaths(value: unknown, path: Segment[] = []): Segment[][] {
  const children = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : isRecord(value)
      ? Object.entries(value)
      : [];
  if (children.length === 0) return [path];
  return children.flatMap(([k, v]) => leafPaths(v, [...path, k]));
}

const pathString = (path: Segment[]) =>
  path.reduce<string>(
    (out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s),
    '',
  );

function getAt(root: unknown, path: Segment[]): unknown {
  return path.reduce<unknown>((v, s) => (v as Record<Segment, unknown>)[s], root);
}

function setAt(root: unknown, path: Segment[], value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<Segment, unknown>;
  parent[path[path.length - 1]!] = value;
}

/** A different value of the same type and format, so only the hash-binding can notice it. */
function changed(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (value === 'joint') return 'guardian-only';
  if (value === 'whole' || value === 'changes') return 'none';
  if (typeof value === 'string') {
    const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
    if (!Number.isNaN(time)) return new Date(time + 1000).toISOString();
    return value.slice(0, -1) + (value.endsWith('a') ? 'b' : 'a');
  }
  throw new Error(`no mutation for ${JSON.stringify(value)}`);
}

/** A copy with the keys of every object in a different order (reversed, or shuffled). */
function reorderKeys<T>(value: T, order: (keys: string[]) => string[]): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reorderKeys(v, order)) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of order(Object.keys(value))) out[key] = reorderKeys(value[key], order);
  return out as T;
}

function keysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysDeep);
  if (!isRecord(value)) return null;
  return Object.entries(value).map(([k, v]) => [k, keysDeep(v)]);
}

// ---------------------------------------------------------------------------------------------
// A small structural check against the published schema (no validator dependency)
// ---------------------------------------------------------------------------------------------

interface SchemaNode {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: SchemaNode;
  uniqueItems?: boolean;
  anyOf?: SchemaNode[];
}

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = schema.$defs?.[name];
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return { ...resolve(target), ...node, $ref: undefined };
}

const types = (node: SchemaNode) => [node.type ?? []].flat();

/** Lists every way `value` departs from `node`: keys, order, required lists, types, patterns. */
function schemaErrors(value: unknown, raw: SchemaNode, path = ''): string[] {
  const node = resolve(raw);
  if (node.anyOf) {
    const branches = node.anyOf.map((b) => schemaErrors(value, b, path));
    return branches.some((b) => b.length === 0) ? [] : branches.flat();
  }
  const where = path || '(root)';
  if (value === null) return types(node).includes('null') ? [] : [`${where}: null not allowed`];
  if (node.const !== undefined) return value === node.const ? [] : [`${where}: not the const`];
  if (node.enum) return node.enum.includes(value) ? [] : [`${where}: not in enum`];
  if (Array.isArray(value)) {
    if (!types(node).includes('array') || !node.items) return [`${where}: array not allowed`];
    const unique = node.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length;
    return [
      ...(unique ? [`${where}: items not unique`] : []),
      ...value.flatMap((v, i) => schemaErrors(v, node.items!, `${path}[${i}]`)),
    ];
  }
  if (isRecord(value)) {
    if (!types(node).includes('object')) return [`${where}: object not allowed`];
    const errors: string[] = [];
    const properties = Object.keys(node.properties ?? {});
    if (JSON.stringify(Object.keys(value)) !== JSON.stringify(properties)) {
      errors.push(`${where}: keys ${Object.keys(value).join(',')} ≠ properties ${properties.join(',')}`);
    }
    if (JSON.stringify(node.required) !== JSON.stringify(properties)) {
      errors.push(`${where}: required list differs from properties`);
    }
    if (node.additionalProperties !== false) errors.push(`${where}: additionalProperties not false`);
    for (const [key, v] of Object.entries(value)) {
      const child = node.properties?.[key];
      if (child) errors.push(...schemaErrors(v, child, path ? `${path}.${key}` : key));
    }
    return errors;
  }
  if (typeof value === 'string') {
    if (!types(node).includes('string')) return [`${where}: string not allowed`];
    if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) return [`${where}: pattern`];
    if (node.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${where}: format`];
    return [];
  }
  if (typeof value === 'number') {
    const ok = types(node).includes('number') || (types(node).includes('integer') && Number.isInteger(value));
    return ok && value >= (node.minimum ?? -Infinity) ? [] : [`${where}: number`];
  }
  if (typeof value === 'boolean') return types(node).includes('boolean') ? [] : [`${where}: boolean`];
  return [`${where}: unexpected ${typeof value}`];
}

/** Every `properties` entry anywhere in the schema, with its path. */
function schemaProperties(raw: SchemaNode, path = ''): [string, SchemaNode][] {
  const node = resolve(raw);
  const own = Object.entries(node.properties ?? {}).map(
    ([k, v]) => [path ? `${path}.${k}` : k, v] as [string, SchemaNode],
  );
  return [
    ...own,
    ...own.flatMap(([p, v]) => schemaProperties(v, p)),
    ...(node.items ? schemaProperties(node.items, `${path}[]`) : []),
  ];
}

// ---------------------------------------------------------------------------------------------

/** Every field of a receipt, in the order of ConsentReceipt and the schema. */
const RECEIPT_KEYS = [
  'schema',
  'receiptId',
  'agreement',
  'shownAt',
  'acceptedAt',
  'signer',
  'organization',
  'guardian',
  'minor',
  'age',
  'acknowledgements',
  'optionalConsents',
  'reading',
  'locale',
  'uiVariant',
  'replaces',
  'additionalDocuments',
  'integrity',
];

describe('createReceipt', () => {
  it('makes a receipt that verifies against the default agreement', async () => {
    const receipt = await createReceipt(fullInput());
    expect(receipt.schema).toBe(RECEIPT_SCHEMA);
    expect(receipt.agreement.sha256).toBe(await hashAgreement(markdown));
    expect(receipt.agreement.canonicalization).toBe(CANONICALIZATION_VERSION);
    expect(receipt.integrity).toBe(await receiptIntegrity(receipt));
    const result = await verifyReceipt(receipt, markdown, {
      agreementId: 'instadesk-terms',
      version: '2024-05-01',
      additionalDocuments: {
        'privacy-policy': { markdown: privacyMarkdown, version: '2024-06-01' },
        'cookie-policy': { markdown: cookieMarkdown, version: '2024-06-01' },
      },
    });
    expect(result).toEqual({ ok: true, problems: [] });
  });

  it('fills in the defaults for an adult signing for themselves', async () => {
    const receipt = await createReceipt(minimalInput());
    expect(receipt).toMatchObject({
      signer: { id: 'user-7', name: null },
      organization: null,
      guardian: null,
      minor: null,
      acknowledgements: [],
      optionalConsents: [],
      reading: { required: 'none', changesSeen: [], changesTotal: 0 },
      replaces: null,
      additionalDocuments: [],
    });
    expect(receipt.receiptId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
  });

  it('gives each receipt its own id', async () => {
    const [a, b] = await Promise.all([createReceipt(minimalInput()), createReceipt(minimalInput())]);
    expect(a.receiptId).not.toBe(b.receiptId);
  });

  it('normalises every date to a UTC ISO 8601 string', async () => {
    const receipt = await createReceipt({
      ...fullInput(),
      shownAt: '2024-05-01t10:00:00.123456+01:00',
    });
    expect(receipt.shownAt).toBe('2024-05-01T09:00:00.123Z');
    expect(receipt.acceptedAt).toBe('2024-05-01T09:05:00.000Z');
    expect(receipt.reading.reachedEndAt).toBe('2024-05-01T09:03:30.000Z');
    expect(receipt.acknowledgements.map((a) => a.at)).toEqual([
      '2024-05-01T09:04:00.000Z',
      '2024-05-01T09:04:30.000Z',
    ]);
    expect(receipt.optionalConsents.map((c) => c.at)).toEqual([
      '2024-05-01T09:04:40.000Z',
      '2024-05-01T09:04:50.000Z',
    ]);
    expect(receipt.additionalDocuments.map((d) => d.reading.reachedEndAt)).toEqual([
      '2024-05-01T09:02:00.000Z',
      '2024-05-01T09:03:00.000Z',
    ]);
    const local = await createReceipt(
      withDocument(0, fullDocument(0, { reachedEndAt: new Date('2024-05-01T09:02:00+02:00') })),
    );
    expect(local.additionalDocuments[0]!.reading.reachedEndAt).toBe('2024-05-01T07:02:00.000Z');
  });

  it('stores empty optional names as null and a supplied receipt id in lowercase', async () => {
    const receipt = await createReceipt({
      ...fullInput(),
      signer: { id: 'u', name: '' },
      guardian: { ...fullInput().guardian!, verification: undefined },
      replaces: { version: '1' },
      additionalDocuments: [
        { ...fullDocument(0), replaces: { version: '2', receiptId: '6FA459EA-EE8A-3CA4-894E-DB77E160355E' } },
        { ...fullDocument(1), replaces: { version: '3' } },
      ],
      receiptId: '0F8FAD5B-D9CB-469F-A165-70867728950E',
    });
    expect(receipt.signer.name).toBeNull();
    expect(receipt.guardian!.verification).toBeNull();
    expect(receipt.replaces).toEqual({ version: '1', receiptId: null });
    expect(receipt.additionalDocuments.map((d) => d.replaces)).toEqual([
      { version: '2', receiptId: '6fa459ea-ee8a-3ca4-894e-db77e160355e' },
      { version: '3', receiptId: null },
    ]);
    expect(receipt.receiptId).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('keeps only receipt fields of an Agreement-shaped input', async () => {
    const agreement = { ...fullInput().agreement, language: 'en', sections: [], keyClauses: [] };
    const receipt = await createReceipt({
      ...minimalInput(),
      agreement,
      reading: { ...minimalInput().reading, keyClausesTotal: 0 },
    });
    expect(Object.keys(receipt.agreement)).toEqual(['id', 'version', 'title', 'sha256', 'canonicalization']);
    // An additional document from parseAgreement likewise: no sections, language or keyClauses.
    const full = await createReceipt(fullInput());
    expect(full.additionalDocuments.map((d) => Object.keys(d))).toEqual([
      ['id', 'version', 'title', 'sha256', 'canonicalization', 'reading', 'replaces'],
      ['id', 'version', 'title', 'sha256', 'canonicalization', 'reading', 'replaces'],
    ]);
  });

  it('returns keys in exactly the order of ConsentReceipt, nested objects too', async () => {
    const receipt = await createReceipt(fullInput());
    expect(Object.keys(receipt)).toEqual(RECEIPT_KEYS);
    expect(Object.keys(receipt.guardian!)).toEqual([
      'name',
      'relationship',
      'attestation',
      'mode',
      'verification',
    ]);
    const readingKeys = [
      'required',
      'reachedEnd',
      'reachedEndAt',
      'keyClausesSeen',
      'keyClausesTotal',
      'changesSeen',
      'changesTotal',
    ];
    expect(Object.keys(receipt.reading)).toEqual(readingKeys);
    expect(receipt.optionalConsents.map((c) => Object.keys(c))).toEqual([
      ['id', 'label', 'granted', 'at'],
      ['id', 'label', 'granted', 'at'],
    ]);
    expect(receipt.additionalDocuments).toHaveLength(2);
    for (const doc of receipt.additionalDocuments) {
      expect(Object.keys(doc)).toEqual([
        'id',
        'version',
        'title',
        'sha256',
        'canonicalization',
        'reading',
        'replaces',
      ]);
      expect(Object.keys(doc.reading)).toEqual(readingKeys);
      expect(Object.keys(doc.replaces!)).toEqual(['version', 'receiptId']);
    }
  });

  it('orders the keys of input given in any order', async () => {
    const input = fullInput();
    const scrambled = {
      ...input,
      optionalConsents: input.optionalConsents!.map(({ at, granted, label, id }) => ({ at, granted, label, id })),
      reading: { ...reorderKeys(input.reading, (k) => k.reverse()) },
      additionalDocuments: input.additionalDocuments!.map(({ replaces, reading, agreement }) => ({
        replaces,
        reading: reorderKeys(reading, (k) => k.reverse()),
        agreement,
      })),
    };
    expect(Object.keys(scrambled.reading)[0]).toBe('changesTotal');
    const receipt = await createReceipt(scrambled);
    expect(serializeReceipt(receipt)).toBe(serializeReceipt(await createReceipt(fullInput())));
    expect(keysDeep(receipt)).toEqual(keysDeep(await createReceipt(fullInput())));
  });

  describe('given an insecure context without crypto.randomUUID', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('makes a v4 UUID from crypto.getRandomValues', async () => {
      const real = globalThis.crypto;
      vi.stubGlobal('crypto', {
        subtle: real.subtle,
        getRandomValues: real.getRandomValues.bind(real),
      });
      const receipt = await createReceipt(minimalInput());
      expect(receipt.receiptId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      vi.unstubAllGlobals();
      expect((await verifyReceipt(receipt, markdown)).ok).toBe(true);
    });
  });

  describe('when the input is not a valid consent', () => {
    const base = fullInput();
    const cases: [string, CreateReceiptInput, ReceiptProblemCode, string, RegExp][] = [
      ['the signer has no id', { ...base, signer: { id: '' } }, 'missing-field', 'signer.id', /Pass the app's identifier/],
      ['the signer is missing', { ...base, signer: undefined as never }, 'missing-field', 'signer', /Pass the person who agreed/],
      [
        'acceptedAt is before shownAt',
        { ...base, acceptedAt: '2024-05-01T08:59:59.999Z' },
        'accepted-before-shown',
        'acceptedAt',
        /Record shownAt when the agreement is first displayed/,
      ],
      ['a date is not a date', { ...base, shownAt: 'yesterday' }, 'invalid-date', 'shownAt', /Pass .*a valid Date or an ISO 8601 string with a time zone/],
      ['a date has no time zone', { ...base, shownAt: '2024-05-01T09:00:00' }, 'invalid-date', 'shownAt', /with a time zone/],
      ['a date does not exist', { ...base, shownAt: '2024-02-30T09:00:00Z' }, 'invalid-date', 'shownAt', /ISO 8601/],
      ['a Date is invalid', { ...base, acceptedAt: new Date(NaN) }, 'invalid-date', 'acceptedAt', /is an invalid Date/],
      ['a date is a timestamp number', { ...base, acceptedAt: 1714554300000 as never }, 'invalid-date', 'acceptedAt', /a valid Date/],
      [
        'an acknowledgement date is invalid',
        { ...base, acknowledgements: [{ id: 'a', label: 'A', at: 'soon' }] },
        'invalid-date',
        'acknowledgements[0].at',
        /when it was ticked/,
      ],
      [
        'reachedEnd is true but reachedEndAt is null',
        { ...base, reading: { ...base.reading, reachedEndAt: null } },
        'reading-inconsistent',
        'reading.reachedEndAt',
        /pass the time the end/,
      ],
      [
        'reachedEndAt is set but reachedEnd is false',
        { ...base, reading: { ...base.reading, reachedEnd: false } },
        'reading-inconsistent',
        'reading.reachedEndAt',
        /reachedEndAt: null/,
      ],
      [
        'keyClausesSeen repeats a clause',
        { ...base, reading: { ...base.reading, keyClausesSeen: ['a', 'b', 'a'] } },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen[2]',
        /lists the string "a" more than once: list each of the key clauses once/,
      ],
      [
        'keyClausesSeen lists more clauses than the total',
        { ...base, reading: { ...base.reading, keyClausesTotal: 2 } },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen',
        /lists 3 key clauses but reading\.keyClausesTotal is 2: pass the document's number of key clauses/,
      ],
      [
        'keyClausesSeen names a clause the agreement does not have',
        {
          ...base,
          agreement: { ...base.agreement, keyClauses: [{ id: 'intro-1' }, { id: 'intro-2' }, { id: 'x' }] },
          reading: { ...base.reading, keyClausesTotal: 3 },
        },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen[2]',
        /is the string "iii-2\.4", which is not a key clause of this document: pass only ids from its keyClauses/,
      ],
      ['a guardian without a minor', { ...base, minor: null }, 'guardian-minor-mismatch', 'minor', /Pass minor too/],
      ['a minor without a guardian', { ...base, guardian: undefined }, 'guardian-minor-mismatch', 'guardian', /Pass guardian too/],
      [
        'an acknowledgement without a label',
        { ...base, acknowledgements: [{ id: 'a', label: '', at: '2024-05-01T09:04:00Z' }] },
        'missing-field',
        'acknowledgements[0].label',
        /Pass the text shown next to the checkbox/,
      ],
      [
        'the same acknowledgement twice',
        {
          ...base,
          acknowledgements: [base.acknowledgements![0]!, base.acknowledgements![0]!],
        },
        'duplicate-acknowledgement',
        'acknowledgements[1].id',
        /record each acknowledgement once/,
      ],
      [
        'empty agreement text',
        { ...base, agreement: { ...base.agreement, markdown: '' } },
        'empty-agreement',
        'agreement.markdown',
        /pass the full text that was shown/,
      ],
      [
        'agreement text of only whitespace',
        { ...base, agreement: { ...base.agreement, markdown: ' \r\n\t\n' } },
        'empty-agreement',
        'agreement.markdown',
        /pass the full text/,
      ],
      [
        'no agreement',
        { ...base, agreement: undefined as never },
        'missing-field',
        'agreement',
        /Pass the agreement that was shown/,
      ],
      ['a receipt id that is not a UUID', { ...base, receiptId: 'order-17' }, 'invalid-field', 'receiptId', /a lowercase UUID/],
      ['a locale with an underscore', { ...base, locale: 'en_GB' }, 'invalid-field', 'locale', /BCP 47/],
      ['a blank uiVariant', { ...base, uiVariant: '  ' }, 'invalid-field', 'uiVariant', /non-blank string/],
      [
        'a guardian mode that does not exist',
        { ...base, guardian: { ...base.guardian!, mode: 'alone' as never } },
        'invalid-field',
        'guardian.mode',
        /"joint" or "guardian-only"/,
      ],

      // Reading requirements and re-consent
      [
        'a reading requirement that does not exist',
        { ...base, reading: { ...base.reading, required: 'all' as never } },
        'invalid-field',
        'reading.required',
        /reading\.required is the string "all"\. Pass "whole", "changes" or "none"/,
      ],
      [
        'the whole agreement had to be read but its end was not reached',
        { ...base, reading: { ...base.reading, reachedEnd: false, reachedEndAt: null } },
        'reading-requirement-unmet',
        'reading.reachedEnd',
        /reading\.required is "whole" but the end was not reached.* Record it once reachedEnd is true/,
      ],
      [
        'the changes had to be read but one was not seen',
        { ...base, reading: { ...base.reading, required: 'changes', changesSeen: ['iii-2.4'], changesTotal: 2 } },
        'reading-requirement-unmet',
        'reading.changesSeen',
        /only 1 of 2 changed passages were seen: record the consent once every added or changed passage has been on screen/,
      ],
      [
        'the changes had to be read but a seen change is counted twice',
        {
          ...base,
          reading: { ...base.reading, required: 'changes', changesSeen: ['iii-2.4', 'iii-2.4'], changesTotal: 2 },
        },
        'reading-inconsistent',
        'reading.changesSeen[1]',
        /list each of the changed passages once/,
      ],
      [
        'changes were read but the consent replaces nothing',
        { ...base, replaces: null },
        'reading-inconsistent',
        'replaces',
        /reading records changes read \(re-consent\) but replaces is null: pass the version the consent replaces/,
      ],
      [
        'the changes had to be read in a first consent',
        { ...base, replaces: undefined, reading: { ...base.reading, required: 'changes', changesSeen: [], changesTotal: 0 } },
        'reading-inconsistent',
        'replaces',
        /pass the version the consent replaces, or changesTotal: 0 and a required reading other than "changes"/,
      ],
      [
        'changesSeen lists more changes than the total',
        { ...base, reading: { ...base.reading, changesSeen: ['a', 'b', 'c'] } },
        'reading-inconsistent',
        'reading.changesSeen',
        /lists 3 changed passages but reading\.changesTotal is 2: pass the number of added and changed passages/,
      ],
      [
        'changesTotal is negative',
        { ...base, reading: { ...base.reading, changesTotal: -1 } },
        'invalid-field',
        'reading.changesTotal',
        /a whole number of at least 0/,
      ],

      // Optional consents
      [
        'an optional consent is granted without a time',
        { ...base, optionalConsents: [{ ...base.optionalConsents![0]!, at: null }] },
        'optional-consent-inconsistent',
        'optionalConsents[0].at',
        /optionalConsents\[0\] is granted but its time is null: .*pass the time they ticked it \(or granted: false/,
      ],
      [
        'an optional consent is granted with its time left out',
        { ...base, optionalConsents: [{ id: 'news', label: 'News', granted: true } as never] },
        'optional-consent-inconsistent',
        'optionalConsents[0].at',
        /pass the time they ticked it/,
      ],
      [
        'the same optional consent twice',
        { ...base, optionalConsents: [base.optionalConsents![1]!, base.optionalConsents![0]!, base.optionalConsents![1]!] },
        'duplicate-optional-consent',
        'optionalConsents[2].id',
        /"user-research" appears more than once: record each optional consent once, granted or not/,
      ],
      [
        'an optional consent without a label',
        { ...base, optionalConsents: [{ ...base.optionalConsents![0]!, label: '' }] },
        'missing-field',
        'optionalConsents[0].label',
        /optionalConsents\[0\]\.label is empty\. Pass the text shown next to the checkbox/,
      ],
      [
        'an optional consent granted is not a boolean',
        { ...base, optionalConsents: [{ ...base.optionalConsents![0]!, granted: 'yes' as never }] },
        'invalid-field',
        'optionalConsents[0].granted',
        /Pass true or false/,
      ],
      [
        'an optional consent date is invalid',
        { ...base, optionalConsents: [{ ...base.optionalConsents![1]!, at: 'later' }] },
        'invalid-date',
        'optionalConsents[0].at',
        /Pass null or when it was last ticked or unticked/,
      ],
      [
        'optionalConsents is not an array',
        { ...base, optionalConsents: { id: 'news' } as never },
        'invalid-field',
        'optionalConsents',
        /Pass an array of the optional consents offered/,
      ],

      // Additional documents
      [
        'an additional document has the agreement’s id',
        withDocument(0, fullDocument(0, {}, { agreement: { ...privacyPolicy, id: 'instadesk-terms' } })),
        'duplicate-document',
        'additionalDocuments[0].id',
        /additionalDocuments\[0\]\.id "instadesk-terms" is already listed .*: list each document once/,
      ],
      [
        'the same additional document twice',
        withDocument(1, fullDocument(0)),
        'duplicate-document',
        'additionalDocuments[1].id',
        /"privacy-policy" is already listed/,
      ],
      [
        'an additional document’s text is empty',
        withDocument(1, fullDocument(1, {}, { agreement: { ...cookiePolicy, markdown: '\n \n' } })),
        'empty-agreement',
        'additionalDocuments[1].agreement.markdown',
        /additionalDocuments\[1\]\.agreement\.markdown is empty .*pass the full text that was shown/,
      ],
      [
        'an additional document has no agreement',
        withDocument(0, { reading: fullDocument(0).reading } as never),
        'missing-field',
        'additionalDocuments[0].agreement',
        /Pass the document that was shown \(\{ id, version, title, markdown \}\)/,
      ],
      [
        'an additional document is not an object',
        withDocument(0, 'privacy-policy' as never),
        'invalid-field',
        'additionalDocuments[0]',
        /Pass \{ agreement, reading, replaces\? \}/,
      ],
      [
        'additionalDocuments is not an array',
        { ...base, additionalDocuments: { agreement: privacyPolicy } as never },
        'invalid-field',
        'additionalDocuments',
        /Pass an array of the other documents agreed to/,
      ],
      [
        'an additional document has no version',
        withDocument(0, fullDocument(0, {}, { agreement: { ...privacyPolicy, version: '' } })),
        'missing-field',
        'additionalDocuments[0].version',
        /Pass the document version shown/,
      ],
      [
        'an additional document’s key clause is listed twice',
        withDocument(0, fullDocument(0, { keyClausesSeen: [privacyClauses[0]!, privacyClauses[0]!] })),
        'key-clauses-inconsistent',
        'additionalDocuments[0].reading.keyClausesSeen[1]',
        /list each of the key clauses once/,
      ],
      [
        'an additional document’s key clause does not exist',
        withDocument(0, fullDocument(0, { keyClausesSeen: [privacyClauses[0]!, 'intro-1'] })),
        'key-clauses-inconsistent',
        'additionalDocuments[0].reading.keyClausesSeen[1]',
        /"intro-1", which is not a key clause of this document/,
      ],
      [
        'an additional document’s key clause total is not its number of key clauses',
        withDocument(1, fullDocument(1, { keyClausesTotal: 3 })),
        'key-clauses-inconsistent',
        'additionalDocuments[1].reading.keyClausesTotal',
        /is number 3 but the document has 2 key clauses: pass its keyClauses\.length/,
      ],
      [
        'an additional document had to be read whole but its end was not reached',
        withDocument(0, fullDocument(0, { reachedEnd: false, reachedEndAt: null })),
        'reading-requirement-unmet',
        'additionalDocuments[0].reading.reachedEnd',
        /additionalDocuments\[0\]\.reading\.required is "whole" but the end was not reached/,
      ],
      [
        'an additional document’s changes had to be read but one was not seen',
        withDocument(1, fullDocument(1, { changesSeen: ['advertising-cookies--p1'] })),
        'reading-requirement-unmet',
        'additionalDocuments[1].reading.changesSeen',
        /only 1 of 2 changed passages were seen/,
      ],
      [
        'an additional document’s changes were read but it replaces nothing',
        withDocument(1, fullDocument(1, {}, { replaces: null })),
        'reading-inconsistent',
        'additionalDocuments[1].replaces',
        /additionalDocuments\[1\]\.reading records changes read .* but additionalDocuments\[1\]\.replaces is null/,
      ],
      [
        'an additional document lists more changes than the total',
        withDocument(0, fullDocument(0, { changesSeen: ['a', 'b'] })),
        'reading-inconsistent',
        'additionalDocuments[0].reading.changesSeen',
        /lists 2 changed passages but additionalDocuments\[0\]\.reading\.changesTotal is 1/,
      ],
      [
        'an additional document’s reachedEnd is true but reachedEndAt is null',
        withDocument(1, fullDocument(1, { reachedEndAt: null })),
        'reading-inconsistent',
        'additionalDocuments[1].reading.reachedEndAt',
        /pass the time the end of the document came into view/,
      ],
      [
        'an additional document has no reading evidence',
        withDocument(1, { agreement: cookiePolicy, replaces: fullDocument(1).replaces } as never),
        'missing-field',
        'additionalDocuments[1].reading',
        /additionalDocuments\[1\]\.reading is missing\. Pass the reading evidence/,
      ],
      [
        'an additional document replaces a receipt id that is not a UUID',
        withDocument(0, fullDocument(0, {}, { replaces: { version: '1', receiptId: 'order-1' } })),
        'invalid-field',
        'additionalDocuments[0].replaces.receiptId',
        /a lowercase UUID/,
      ],
    ];

    it.each(cases)('rejects when %s', async (_, input, code, path, message) => {
      const error = await createReceipt(input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ReceiptError);
      expect(error).toMatchObject({ name: 'ReceiptError', code, path });
      expect((error as ReceiptError).message).toMatch(/^createReceipt: /);
      expect((error as ReceiptError).message).toMatch(message);
    });

    it('rejects something that is not an object', async () => {
      await expect(createReceipt(null as never)).rejects.toMatchObject({ code: 'not-an-object' });
    });

    it('lists every problem on the error, not just the first', async () => {
      const error = (await createReceipt({
        ...base,
        signer: { id: '' },
        locale: 'en_GB',
        minor: null,
      }).catch((e: unknown) => e)) as ReceiptError;
      expect(codes(error.problems)).toEqual(['missing-field', 'invalid-field', 'guardian-minor-mismatch']);
    });
  });
});

describe('createReceipt: additional documents', () => {
  /** A first consent to the Terms, a privacy policy and a cookie policy, read in one flow. */
  const threeDocuments = (): CreateReceiptInput => ({
    ...minimalInput(),
    reading: { required: 'whole', reachedEnd: true, reachedEndAt: '2024-05-01T09:00:50Z', keyClausesSeen: [], keyClausesTotal: 0 },
    additionalDocuments: [
      {
        agreement: privacyPolicy,
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T10:00:40+01:00',
          keyClausesSeen: [...privacyClauses],
          keyClausesTotal: privacyPolicy.keyClauses.length,
        },
      },
      {
        agreement: cookiePolicy,
        reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [cookieClauses[1]!], keyClausesTotal: 2 },
      },
    ],
  });

  it('records each document shown with its own hash, reading and replaced version', async () => {
    expect(privacyClauses).toHaveLength(3);
    expect(cookieClauses).toHaveLength(2);
    const receipt = await createReceipt(threeDocuments());
    expect(receipt.additionalDocuments).toEqual([
      {
        id: 'privacy-policy',
        version: '2024-06-01',
        title: 'Privacy Policy',
        sha256: await hashAgreement(privacyMarkdown),
        canonicalization: CANONICALIZATION_VERSION,
        reading: {
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: '2024-05-01T09:00:40.000Z',
          keyClausesSeen: privacyClauses,
          keyClausesTotal: 3,
          changesSeen: [],
          changesTotal: 0,
        },
        replaces: null,
      },
      {
        id: 'cookie-policy',
        version: '2024-06-01',
        title: 'Cookie Policy',
        sha256: await hashAgreement(cookieMarkdown),
        canonicalization: CANONICALIZATION_VERSION,
        reading: {
          required: 'none',
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: [cookieClauses[1]],
          keyClausesTotal: 2,
          changesSeen: [],
          changesTotal: 0,
        },
        replaces: null,
      },
    ]);
    expect(new Set(receipt.additionalDocuments.map((d) => d.sha256)).size).toBe(2);
    expect(receipt.agreement.sha256).toBe(await hashAgreement(markdown));
    expect(receipt.integrity).toBe(await receiptIntegrity(receipt));
    expect(schemaErrors(receipt, schema)).toEqual([]);
  });

  it('verifies when the server passes the text of every document, as strings or with versions', async () => {
    const receipt = await createReceipt(threeDocuments());
    expect(await verifyReceipt(receipt, markdown, { additionalDocuments: served })).toEqual({ ok: true, problems: [] });
    const withVersions = {
      'cookie-policy': { markdown: cookieMarkdown, version: '2024-06-01' },
      'privacy-policy': { markdown: privacyMarkdown },
    };
    expect(await verifyReceipt(receipt, markdown, { additionalDocuments: withVersions })).toEqual({
      ok: true,
      problems: [],
    });
    const viaJson = JSON.parse(serializeReceipt(receipt)) as ConsentReceipt;
    expect(await verifyReceipt(viaJson, markdown, { additionalDocuments: served })).toEqual({ ok: true, problems: [] });
  });

  it('does not let the text of one document stand for another', async () => {
    const receipt = await createReceipt(threeDocuments());
    const swapped = { 'privacy-policy': cookieMarkdown, 'cookie-policy': privacyMarkdown };
    const { ok, problems } = await verifyReceipt(receipt, markdown, { additionalDocuments: swapped });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['agreement-mismatch', 'additionalDocuments[0].sha256'],
      ['agreement-mismatch', 'additionalDocuments[1].sha256'],
    ]);
    const asAgreement = await verifyReceipt(receipt, privacyMarkdown, { additionalDocuments: served });
    expect(codesAt(asAgreement.problems)).toEqual([['agreement-mismatch', 'agreement.sha256']]);
  });

  it('hashes the canonical text of each document, whatever its line endings', async () => {
    const input = threeDocuments();
    const crlf = await createReceipt({
      ...input,
      additionalDocuments: input.additionalDocuments!.map((d) => ({
        ...d,
        agreement: { ...d.agreement, markdown: d.agreement.markdown.replace(/\n/g, '\r\n') },
      })),
    });
    const lf = await createReceipt(input);
    expect(crlf.additionalDocuments.map((d) => d.sha256)).toEqual(lf.additionalDocuments.map((d) => d.sha256));
  });

  it('checks only a document’s reading against its own key clauses', async () => {
    // The agreement's clause ids are not the privacy policy's, and the reverse.
    const input = threeDocuments();
    const error = (await createReceipt({
      ...input,
      agreement: { ...input.agreement, keyClauses: [{ id: 'intro-1' }] },
      reading: { ...input.reading, keyClausesSeen: [privacyClauses[0]!], keyClausesTotal: 1 },
      additionalDocuments: [
        { ...input.additionalDocuments![0]!, reading: { ...input.additionalDocuments![0]!.reading, keyClausesSeen: ['intro-1'] } },
      ],
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(codesAt(error.problems)).toEqual([
      ['key-clauses-inconsistent', 'reading.keyClausesSeen[0]'],
      ['key-clauses-inconsistent', 'additionalDocuments[0].reading.keyClausesSeen[0]'],
    ]);
  });

  it('lists every problem of every document on the error', async () => {
    const error = (await createReceipt({
      ...fullInput(),
      additionalDocuments: [
        fullDocument(0, { reachedEnd: false, reachedEndAt: null }),
        fullDocument(1, { changesSeen: [] }, { replaces: null }),
        fullDocument(0),
      ],
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(error.code).toBe('reading-requirement-unmet');
    expect(codesAt(error.problems)).toEqual([
      ['reading-requirement-unmet', 'additionalDocuments[0].reading.reachedEnd'],
      ['reading-inconsistent', 'additionalDocuments[1].replaces'],
      ['reading-requirement-unmet', 'additionalDocuments[1].reading.changesSeen'],
      ['duplicate-document', 'additionalDocuments[2].id'],
    ]);
    for (const p of error.problems) expect(p.message).toMatch(/[:.] (pass|record|list) /i);
  });

  it('rejects every empty document text at once, before hashing anything', async () => {
    const error = (await createReceipt({
      ...fullInput(),
      agreement: { ...fullInput().agreement, markdown: '' },
      additionalDocuments: [fullDocument(0, {}, { agreement: { ...privacyPolicy, markdown: ' ' } }), fullDocument(1)],
    }).catch((e: unknown) => e)) as ReceiptError;
    expect(error).toBeInstanceOf(ReceiptError);
    expect(codesAt(error.problems)).toEqual([
      ['empty-agreement', 'agreement.markdown'],
      ['empty-agreement', 'additionalDocuments[0].agreement.markdown'],
    ]);
  });

  it('treats additionalDocuments left out or null as none', async () => {
    for (const additionalDocuments of [undefined, null as never, []]) {
      const receipt = await createReceipt({ ...minimalInput(), additionalDocuments });
      expect(receipt.additionalDocuments).toEqual([]);
    }
  });
});

describe('createReceipt: optional consents', () => {
  it('records every optional consent offered, granted or not, in the order shown', async () => {
    const receipt = await createReceipt({
      ...minimalInput(),
      optionalConsents: [
        { id: 'product-news', label: 'Email me product news.', granted: true, at: new Date('2024-05-01T09:00:30Z') },
        { id: 'partner-offers', label: 'Share my email with partners.', granted: false, at: null },
        { id: 'user-research', label: 'Invite me to user research.', granted: false, at: '2024-05-01T11:00:40+02:00' },
      ],
    });
    expect(receipt.optionalConsents).toEqual([
      { id: 'product-news', label: 'Email me product news.', granted: true, at: '2024-05-01T09:00:30.000Z' },
      { id: 'partner-offers', label: 'Share my email with partners.', granted: false, at: null },
      { id: 'user-research', label: 'Invite me to user research.', granted: false, at: '2024-05-01T09:00:40.000Z' },
    ]);
    expect(schemaErrors(receipt, schema)).toEqual([]);
    expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
  });

  it('stores an unticked consent whose time is left out with at: null', async () => {
    const receipt = await createReceipt({
      ...minimalInput(),
      optionalConsents: [{ id: 'product-news', label: 'Email me product news.', granted: false } as never],
    });
    expect(receipt.optionalConsents).toEqual([
      { id: 'product-news', label: 'Email me product news.', granted: false, at: null },
    ]);
  });

  it('defaults to none, and keeps no reference to the input', async () => {
    expect((await createReceipt(minimalInput())).optionalConsents).toEqual([]);
    expect((await createReceipt({ ...minimalInput(), optionalConsents: null as never })).optionalConsents).toEqual([]);
    const input = fullInput();
    const receipt = await createReceipt(input);
    expect(receipt.optionalConsents[0]).not.toBe(input.optionalConsents![0]);
    expect(receipt.optionalConsents[0]).toEqual({ ...input.optionalConsents![0], at: '2024-05-01T09:04:40.000Z' });
  });

  it('binds the choice into integrity: flipping granted afterwards is detected', async () => {
    const receipt = await createReceipt(fullInput());
    const flipped = structuredClone(receipt);
    flipped.optionalConsents[1]!.granted = true;
    expect(codes((await verifyReceipt(flipped, markdown, withDocs)).problems)).toEqual(['integrity-mismatch']);
  });
});

describe('createReceipt: reading requirements', () => {
  it('defaults to no requirement and no changes, for the agreement and each document', async () => {
    const receipt = await createReceipt({
      ...minimalInput(),
      additionalDocuments: [
        { agreement: privacyPolicy, reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: 3 } },
      ],
    });
    for (const { reading } of [receipt, ...receipt.additionalDocuments]) {
      expect(reading).toMatchObject({ required: 'none', changesSeen: [], changesTotal: 0 });
    }
  });

  it('records what had to be read as given', async () => {
    for (const required of ['whole', 'none'] as const) {
      const receipt = await createReceipt({ ...fullInput(), reading: { ...fullInput().reading, required } });
      expect(receipt.reading.required).toBe(required);
    }
  });

  it('accepts "whole" only once the end was reached', async () => {
    const reading = { ...minimalInput().reading, required: 'whole' as const };
    await expect(createReceipt({ ...minimalInput(), reading })).rejects.toMatchObject({
      code: 'reading-requirement-unmet',
      path: 'reading.reachedEnd',
    });
    const read = await createReceipt({
      ...minimalInput(),
      reading: { ...reading, reachedEnd: true, reachedEndAt: '2024-05-01T09:00:30Z' },
    });
    expect(read.reading.required).toBe('whole');
  });

  describe('a re-consent that requires reading the changes', () => {
    const reconsent = (changesSeen: string[], changesTotal: number): CreateReceiptInput => ({
      ...minimalInput(),
      replaces: { version: '2023-01-01' },
      reading: { ...minimalInput().reading, required: 'changes', changesSeen, changesTotal },
    });

    it('is accepted once every change was seen, without reaching the end', async () => {
      const receipt = await createReceipt(reconsent(['iii-2-4', 'vii-1'], 2));
      expect(receipt.reading).toEqual({
        required: 'changes',
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: 0,
        changesSeen: ['iii-2-4', 'vii-1'],
        changesTotal: 2,
      });
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
      expect(schemaErrors(receipt, schema)).toEqual([]);
    });

    it('is refused while a change is unseen, however the seen ones are repeated', async () => {
      const unseen = await createReceipt(reconsent(['iii-2-4'], 2)).catch((e: unknown) => e);
      expect(unseen).toBeInstanceOf(ReceiptError);
      expect(codesAt((unseen as ReceiptError).problems)).toEqual([['reading-requirement-unmet', 'reading.changesSeen']]);
      const repeated = (await createReceipt(reconsent(['iii-2-4', 'iii-2-4'], 2)).catch((e: unknown) => e)) as ReceiptError;
      expect(codesAt(repeated.problems)).toEqual([
        ['reading-inconsistent', 'reading.changesSeen[1]'],
        ['reading-requirement-unmet', 'reading.changesSeen'],
      ]);
      expect(repeated.problems[1]!.message).toMatch(/only 1 of 2 changed passages/);
    });

    it('is refused without a replaced version', async () => {
      const first = (await createReceipt({ ...reconsent(['a'], 1), replaces: null }).catch((e: unknown) => e)) as ReceiptError;
      expect(codesAt(first.problems)).toEqual([['reading-inconsistent', 'replaces']]);
      const none = (await createReceipt({ ...reconsent([], 0), replaces: null }).catch((e: unknown) => e)) as ReceiptError;
      expect(codesAt(none.problems)).toEqual([['reading-inconsistent', 'replaces']]);
    });

    // Issue 9 (finding 1): the gate let a person accept a re-consent with no changes, and every
    // receipt was then refused. With nothing changed there is nothing to read: both agree now.
    it('is accepted when nothing changed: there is nothing to read', async () => {
      const receipt = await createReceipt(reconsent([], 0));
      expect(receipt.reading).toMatchObject({ required: 'changes', changesSeen: [], changesTotal: 0 });
      expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
    });
  });

  it('allows changes to be recorded under any requirement of a re-consent', async () => {
    for (const required of ['whole', 'none'] as const) {
      const receipt = await createReceipt({
        ...fullInput(),
        reading: { ...fullInput().reading, required, changesSeen: [], changesTotal: 3 },
      });
      expect(receipt.reading).toMatchObject({ required, changesSeen: [], changesTotal: 3 });
    }
  });
});

describe('receiptDocuments', () => {
  it('lists the agreement, with its reading and replaced version, then each additional document', async () => {
    const receipt = await createReceipt(fullInput());
    const documents = receiptDocuments(receipt);
    expect(documents).toEqual([
      { ...receipt.agreement, reading: receipt.reading, replaces: receipt.replaces },
      receipt.additionalDocuments[0],
      receipt.additionalDocuments[1],
    ]);
    expect(documents.map((d) => [d.id, d.version, d.reading.required, d.replaces?.version])).toEqual([
      ['instadesk-terms', '2024-05-01', 'whole', '2023-01-01'],
      ['privacy-policy', '2024-06-01', 'whole', '2023-11-01'],
      ['cookie-policy', '2024-06-01', 'changes', '2023-11-01'],
    ]);
    expect(documents.map((d) => Object.keys(d))).toEqual(
      documents.map(() => ['id', 'version', 'title', 'sha256', 'canonicalization', 'reading', 'replaces']),
    );
    expect(receiptDocuments(receipt).find((d) => d.id === 'privacy-policy')?.sha256).toBe(
      await hashAgreement(privacyMarkdown),
    );
  });

  it('is only the agreement when no other document was shown, and leaves the receipt as it was', async () => {
    const receipt = await createReceipt(minimalInput());
    const before = serializeReceipt(receipt);
    expect(receiptDocuments(receipt)).toEqual([
      { ...receipt.agreement, reading: receipt.reading, replaces: null },
    ]);
    receiptDocuments(receipt).push(receiptDocuments(receipt)[0]!);
    expect(serializeReceipt(receipt)).toBe(before);
    expect(receipt.additionalDocuments).toEqual([]);
  });
});

describe('verifyReceipt', () => {
  it('accepts the same text with Windows line endings (canonicalisation)', async () => {
    const receipt = await createReceipt(fullInput());
    const crlf = markdown.replace(/\r?\n/g, '\r\n');
    expect(crlf).not.toBe(markdown);
    expect(await verifyReceipt(receipt, crlf, withDocs)).toEqual({ ok: true, problems: [] });
    expect(await verifyReceipt(receipt, `\uFEFF${crlf}\r\n\r\n`, withDocs)).toEqual({ ok: true, problems: [] });
    const crlfDocs = {
      'privacy-policy': privacyMarkdown.replace(/\n/g, '\r\n'),
      'cookie-policy': { markdown: `\uFEFF${cookieMarkdown.replace(/\n/g, '\r')}\r\n` },
    };
    expect(await verifyReceipt(receipt, markdown, { additionalDocuments: crlfDocs })).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('reports an agreement mismatch when the text differs by one character', async () => {
    const receipt = await createReceipt(fullInput());
    const i = markdown.indexOf('bold');
    const edited = `${markdown.slice(0, i)}B${markdown.slice(i + 1)}`;
    const { ok, problems } = await verifyReceipt(receipt, edited, withDocs);
    expect(ok).toBe(false);
    expect(problems).toEqual([
      {
        code: 'agreement-mismatch',
        path: 'agreement.sha256',
        message: expect.stringMatching(
          /^The receipt's hash of the agreement \([0-9a-f]{64}\) does not match the text you passed \([0-9a-f]{64}\): the person saw different text, or you passed another version\.$/,
        ),
      },
    ]);
  });

  it('reports a receipt for another agreement id or version', async () => {
    const receipt = await createReceipt(fullInput());
    const { problems } = await verifyReceipt(receipt, markdown, {
      ...withDocs,
      agreementId: 'privacy-policy',
      version: '2025-01-01',
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['agreement-id-mismatch', 'agreement.id'],
      ['version-mismatch', 'agreement.version'],
    ]);
  });

  describe('given a stored receipt that was edited afterwards', () => {
    const integrityBound = async () => {
      const receipt = await createReceipt(fullInput());
      const paths = leafPaths(receipt).filter((p) => p[0] !== 'integrity');
      return { receipt, paths };
    };

    /** Problems other than the integrity mismatch that a given edit also (rightly) causes. */
    const alsoReported: Record<string, ReceiptProblemCode[]> = {
      schema: ['unknown-schema'],
      'agreement.sha256': ['agreement-mismatch'],
      'agreement.canonicalization': ['unknown-canonicalization'],
      // The minor and the age check it repeats no longer agree.
      'minor.ageBracket': ['age-inconsistent'],
      'minor.rule': ['age-inconsistent'],
      'minor.minimumAge': ['age-inconsistent'],
      'age.ageBracket': ['age-inconsistent'],
      'age.rule': ['age-inconsistent'],
      'age.minimumAge': ['age-inconsistent'],
      'age.guardianRequired': ['age-inconsistent'],
      // reachedEndAt is now set without reachedEnd, and the reading required was "whole".
      'reading.reachedEnd': ['reading-inconsistent', 'reading-requirement-unmet'],
      // The server's text for "privacy-policy" now has no document, and this one no text.
      'additionalDocuments[0].id': ['document-unverified', 'document-missing'],
      'additionalDocuments[0].sha256': ['agreement-mismatch'],
      'additionalDocuments[0].canonicalization': ['unknown-canonicalization'],
      'additionalDocuments[0].reading.reachedEnd': ['reading-inconsistent', 'reading-requirement-unmet'],
      'additionalDocuments[1].id': ['document-unverified', 'document-missing'],
      'additionalDocuments[1].sha256': ['agreement-mismatch'],
      'additionalDocuments[1].canonicalization': ['unknown-canonicalization'],
      'additionalDocuments[1].reading.reachedEnd': ['reading-inconsistent'],
      // One more change than the two the person saw, and "changes" had to be read.
      'additionalDocuments[1].reading.changesTotal': ['reading-requirement-unmet'],
    };

    it('covers every field of the receipt', async () => {
      const { receipt, paths } = await integrityBound();
      // Everything but `integrity` is bound; a full receipt has no null leaves (or empty arrays) left to miss.
      const names = paths.map(pathString);
      expect(names).toContain('acknowledgements[1].label');
      expect(names).toContain('optionalConsents[1].at');
      expect(names).toContain('reading.required');
      expect(names).toContain('reading.changesSeen[0]');
      expect(names).toContain('replaces.receiptId');
      expect(names).toContain('additionalDocuments[1].reading.changesSeen[1]');
      expect(names).toContain('additionalDocuments[1].replaces.receiptId');
      expect(paths.every((p) => getAt(receipt, p) !== null && !Array.isArray(getAt(receipt, p)))).toBe(true);
      // 2 top-level ids + agreement 5 + 2 dates + signer 2 + organization 2 + guardian 5 +
      // minor 3 + age 4 + 2 acknowledgements × 3 + 2 optional consents × 4 + reading (5 + 3 clause ids +
      // 1 change id) + locale, uiVariant + replaces 2 + additional documents (5 + reading 5 +
      // replaces 2) × 2 + their 2 + 1 clause ids and 1 + 2 change ids.
      expect(paths).toHaveLength(2 + 5 + 2 + 2 + 2 + 5 + 3 + 4 + 6 + 8 + 9 + 2 + 2 + 24 + 6);
    });

    it('reports an integrity mismatch for a change to any single field', async () => {
      const { receipt, paths } = await integrityBound();
      for (const path of paths) {
        const edited = structuredClone(receipt);
        setAt(edited, path, changed(getAt(receipt, path)));
        const { ok, problems } = await verifyReceipt(edited, markdown, withDocs);
        const name = pathString(path);
        expect(ok, name).toBe(false);
        expect(codes(problems).sort(), name).toEqual(
          ['integrity-mismatch', ...(alsoReported[name] ?? [])].sort(),
        );
      }
    });

    it('reports an integrity mismatch when an item is added, removed or moved', async () => {
      const receipt = await createReceipt(fullInput());
      const edits: ((r: ConsentReceipt) => void)[] = [
        (r) => r.acknowledgements.pop(),
        (r) => r.reading.keyClausesSeen.push('vii-1'),
        (r) => r.reading.keyClausesSeen.reverse(),
        (r) => {
          r.organization = null;
        },
        (r) => r.optionalConsents.pop(),
        (r) => r.optionalConsents.reverse(),
        (r) => r.reading.changesSeen.pop(),
        (r) => r.additionalDocuments.reverse(),
        (r) => r.additionalDocuments[1]!.reading.changesSeen.reverse(),
        (r) => r.additionalDocuments[0]!.reading.keyClausesSeen.pop(),
        (r) => {
          r.additionalDocuments[0]!.replaces = null;
          r.additionalDocuments[0]!.reading.changesSeen = [];
          r.additionalDocuments[0]!.reading.changesTotal = 0;
        },
      ];
      for (const [i, edit] of edits.entries()) {
        const edited = structuredClone(receipt);
        edit(edited);
        expect(codes((await verifyReceipt(edited, markdown, withDocs)).problems), `edit ${i}`).toEqual([
          'integrity-mismatch',
        ]);
      }
    });

    it('reports an integrity mismatch when the integrity value itself is edited', async () => {
      const receipt = await createReceipt(fullInput());
      const edited = { ...receipt, integrity: changed(receipt.integrity) };
      expect(codes((await verifyReceipt(edited, markdown, withDocs)).problems)).toEqual(['integrity-mismatch']);
    });

    it('does not mind the order of keys', async () => {
      const receipt = await createReceipt(fullInput());
      const shuffled = reorderKeys(receipt, (keys) => keys.reverse());
      expect(Object.keys(shuffled.additionalDocuments[0]!)[0]).toBe('replaces');
      expect(await verifyReceipt(shuffled, markdown, withDocs)).toEqual({ ok: true, problems: [] });
    });
  });

  it('reports an unknown canonicalisation version and skips the hash check', async () => {
    const receipt = await createReceipt(fullInput());
    const future = { ...receipt, agreement: { ...receipt.agreement, canonicalization: 'react-clickwrap/canonical-v9' } };
    future.integrity = await receiptIntegrity(future);
    const { problems } = await verifyReceipt(future, 'other text', withDocs);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-canonicalization', 'agreement.canonicalization'],
    ]);
  });

  it('reports a receipt of another schema', async () => {
    const receipt = await createReceipt(fullInput());
    const other = { ...receipt, schema: 'https://example.com/receipt.json' } as unknown as ConsentReceipt;
    other.integrity = await receiptIntegrity(other);
    expect(codes((await verifyReceipt(other, markdown, withDocs)).problems)).toEqual(['unknown-schema']);
  });

  it('reports fields the schema does not define', async () => {
    const receipt = await createReceipt(fullInput());
    const extra = {
      ...receipt,
      ipAddress: '203.0.113.9',
      signer: { ...receipt.signer, email: 'a@b.c' },
      optionalConsents: [{ ...receipt.optionalConsents[0]!, channel: 'email' }, receipt.optionalConsents[1]],
      additionalDocuments: [
        receipt.additionalDocuments[0],
        {
          ...receipt.additionalDocuments[1]!,
          url: 'https://instadesk.example/cookies',
          reading: { ...receipt.additionalDocuments[1]!.reading, scrolledPercent: 100 },
        },
      ],
    };
    const { problems } = await verifyReceipt(extra, markdown, withDocs);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-field', 'signer.email'],
      ['unknown-field', 'optionalConsents[0].channel'],
      ['unknown-field', 'additionalDocuments[1].reading.scrolledPercent'],
      ['unknown-field', 'additionalDocuments[1].url'],
      ['unknown-field', 'ipAddress'],
    ]);
  });

  it('checks the same cross-field rules as createReceipt', async () => {
    const receipt = await createReceipt(fullInput());
    const forged = {
      ...receipt,
      minor: null,
      acceptedAt: '2024-04-30T09:00:00.000Z',
      reading: { ...receipt.reading, keyClausesSeen: ['a', 'a'] },
    } as ConsentReceipt;
    forged.integrity = await receiptIntegrity(forged);
    expect(codes((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      'accepted-before-shown',
      'guardian-minor-mismatch',
      // The age check still says a guardian was required, so a minor it was.
      'age-inconsistent',
      'key-clauses-inconsistent',
    ]);
  });

  it('collects every problem, not just the first', async () => {
    const receipt = await createReceipt(fullInput());
    const broken = structuredClone(receipt) as unknown as Record<string, unknown>;
    delete broken.locale;
    broken.shownAt = 'not a date';
    (broken.reading as Record<string, unknown>).keyClausesTotal = -1;
    const { ok, problems } = await verifyReceipt(broken, `${markdown}!`, { ...withDocs, version: '1' });
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid-date', 'shownAt'],
      ['invalid-field', 'reading.keyClausesTotal'],
      ['missing-field', 'locale'],
      ['agreement-mismatch', 'agreement.sha256'],
      ['version-mismatch', 'agreement.version'],
      ['integrity-mismatch', 'integrity'],
    ]);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(20);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', '{"schema":"x"}'],
    ['a number', 42],
  ])('returns a problem instead of throwing for %s', async (_, garbage) => {
    expect(await verifyReceipt(garbage, markdown)).toEqual({
      ok: false,
      problems: [{ code: 'not-an-object', path: '', message: expect.stringMatching(/receipt object/) }],
    });
  });

  it('reports every missing field of an empty object', async () => {
    const { ok, problems } = await verifyReceipt({}, markdown);
    expect(ok).toBe(false);
    expect(problems.every((p) => p.code === 'missing-field')).toBe(true);
    expect(problems.map((p) => p.path)).toEqual(RECEIPT_KEYS);
  });

  it('survives deeply wrong shapes and bad arguments without throwing', async () => {
    const receipt = await createReceipt(fullInput());
    const weird = {
      ...receipt,
      agreement: [],
      reading: 'yes',
      acknowledgements: [null, 3],
      signer: { id: 5 },
      optionalConsents: [null, { id: 7, granted: 'no', at: 1 }, 'x'],
      additionalDocuments: [null, 3, { id: 5, reading: [], replaces: 'x' }, { id: 'privacy-policy', sha256: 1 }],
    };
    const result = await verifyReceipt(weird, 17 as never, 'nope' as never);
    expect(result.ok).toBe(false);
    expect(codes(result.problems)).toEqual(
      expect.arrayContaining(['invalid-field', 'invalid-argument', 'integrity-mismatch', 'document-unverified']),
    );
    const weirdOptions = await verifyReceipt(weird, markdown, {
      additionalDocuments: { 'privacy-policy': { markdown: 5 }, 'cookie-policy': null, 'x-policy': [] } as never,
    });
    expect(codes(weirdOptions.problems)).toEqual(expect.arrayContaining(['invalid-argument', 'document-missing']));
    const empty = await verifyReceipt(receipt, '  \n', withDocs);
    expect(codes(empty.problems)).toEqual(['empty-agreement']);
  });
});

describe('verifyReceipt: documents, optional consents and reading requirements', () => {
  const full = () => createReceipt(fullInput());

  it('reports each additional document whose text was not passed, and checks the rest', async () => {
    const receipt = await full();
    const none = await verifyReceipt(receipt, markdown);
    expect(none.ok).toBe(false);
    expect(codesAt(none.problems)).toEqual([
      ['document-unverified', 'additionalDocuments[0]'],
      ['document-unverified', 'additionalDocuments[1]'],
    ]);
    expect(none.problems[1]!.message).toMatch(
      /lists the document "cookie-policy", but you passed no text for it, so its hash is unchecked: pass options\.additionalDocuments\["cookie-policy"\]/,
    );
    const one = await verifyReceipt(receipt, markdown, { additionalDocuments: { 'cookie-policy': `${cookieMarkdown}!` } });
    expect(codesAt(one.problems)).toEqual([
      ['document-unverified', 'additionalDocuments[0]'],
      ['agreement-mismatch', 'additionalDocuments[1].sha256'],
    ]);
  });

  it('does not take a text for a document from the prototype of the options object', async () => {
    const receipt = await forge(await full(), (r) => {
      r.additionalDocuments[0]!.id = 'toString';
    });
    expect(codesAt((await verifyReceipt(receipt, markdown, { additionalDocuments: {} })).problems)).toEqual([
      ['document-unverified', 'additionalDocuments[0]'],
      ['document-unverified', 'additionalDocuments[1]'],
    ]);
  });

  it('reports each document passed that the receipt does not list', async () => {
    const receipt = await full();
    const { ok, problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { ...served, 'refund-policy': '# Refunds\n\nNone.\n', 'instadesk-terms': markdown },
    });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['document-missing', 'additionalDocuments'],
      ['document-missing', 'additionalDocuments'],
    ]);
    expect(problems[0]!.message).toMatch(
      /You passed the document "refund-policy", but the receipt does not list it: the person did not agree to it/,
    );
    const minimal = await createReceipt(minimalInput());
    expect(codes((await verifyReceipt(minimal, markdown, withDocs)).problems)).toEqual([
      'document-missing',
      'document-missing',
    ]);
  });

  it('reports an additional document whose text differs by one character', async () => {
    const receipt = await full();
    const i = privacyMarkdown.indexOf('90 days');
    const edited = `${privacyMarkdown.slice(0, i)}9${privacyMarkdown.slice(i)}`;
    const { problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { ...served, 'privacy-policy': edited },
    });
    expect(problems).toEqual([
      {
        code: 'agreement-mismatch',
        path: 'additionalDocuments[0].sha256',
        message: expect.stringMatching(
          /^The receipt's hash of the document "privacy-policy" \([0-9a-f]{64}\) does not match the text you passed \([0-9a-f]{64}\): the person saw different text, or you passed another version\.$/,
        ),
      },
    ]);
  });

  it('reports an additional document of another version than expected', async () => {
    const receipt = await full();
    const { problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: {
        'privacy-policy': { markdown: privacyMarkdown, version: '2024-06-01' },
        'cookie-policy': { markdown: cookieMarkdown, version: '2025-01-01' },
      },
    });
    expect(problems).toEqual([
      {
        code: 'version-mismatch',
        path: 'additionalDocuments[1].version',
        message:
          'additionalDocuments[1].version is the string "2024-06-01" but you expected "2025-01-01" for "cookie-policy": the receipt is for another version.',
      },
    ]);
  });

  it('reports an unknown canonicalisation version of an additional document and skips its hash check', async () => {
    const future = await forge(await full(), (r) => {
      r.additionalDocuments[1]!.canonicalization = 'react-clickwrap/canonical-v9';
    });
    const { ok, problems } = await verifyReceipt(future, markdown, {
      additionalDocuments: { ...served, 'cookie-policy': 'other text' },
    });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([['unknown-canonicalization', 'additionalDocuments[1].canonicalization']]);
    expect(problems[0]!.message).toMatch(/so the hash of "cookie-policy" cannot be checked/);
  });

  it.each([
    ['a string', 'privacy'],
    ['an array', [privacyMarkdown]],
    ['null', null],
  ])('reports options.additionalDocuments that is %s as an invalid argument', async (_, value) => {
    const receipt = await full();
    const { ok, problems } = await verifyReceipt(receipt, markdown, { additionalDocuments: value as never });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([['invalid-argument', '']]);
    expect(problems[0]!.message).toMatch(/^options\.additionalDocuments is .*; pass an object mapping each document id to the text you served/);
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['only whitespace', ' \n '],
    ['an object without markdown', { version: '2024-06-01' }],
    ['an object with a version that is not a string', { markdown: cookieMarkdown, version: 20240601 }],
  ])('reports a document text that is %s as an invalid argument', async (_, value) => {
    const receipt = await full();
    const { problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { ...served, 'cookie-policy': value as never },
    });
    expect(codesAt(problems)).toEqual([['invalid-argument', '']]);
    expect(problems[0]!.message).toMatch(
      /^options\.additionalDocuments\["cookie-policy"\] is .*; pass the document's text \(markdown\), or \{ markdown, version \}/,
    );
  });

  it('reports a reading requirement that was not met', async () => {
    const receipt = await full();
    const unread = await forge(receipt, (r) => {
      r.reading.reachedEnd = false;
      r.reading.reachedEndAt = null;
      r.additionalDocuments[1]!.reading.changesSeen = ['analytics-cookies--p1', 'analytics-cookies--p1'];
    });
    const { ok, problems } = await verifyReceipt(unread, markdown, withDocs);
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['reading-requirement-unmet', 'reading.reachedEnd'],
      ['reading-inconsistent', 'additionalDocuments[1].reading.changesSeen[1]'],
      ['reading-requirement-unmet', 'additionalDocuments[1].reading.changesSeen'],
    ]);
    expect(problems[2]!.message).toMatch(/only 1 of 2 changed passages were seen/);
  });

  it('reports changes read in a consent that replaces nothing', async () => {
    const receipt = await full();
    const forged = await forge(receipt, (r) => {
      r.replaces = null;
      r.additionalDocuments[1]!.replaces = null;
    });
    expect(codesAt((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      ['reading-inconsistent', 'replaces'],
      ['reading-inconsistent', 'additionalDocuments[1].replaces'],
    ]);
    const nothingChanged = await forge(receipt, (r) => {
      Object.assign(r.reading, { required: 'changes', changesSeen: [], changesTotal: 0 });
    });
    // Nothing changed, so nothing had to be read: the same rule as the accept gate (issue 9).
    expect(codesAt((await verifyReceipt(nothingChanged, markdown, withDocs)).problems)).toEqual([]);
  });

  it('reports more changes seen than there are', async () => {
    const forged = await forge(await full(), (r) => {
      r.additionalDocuments[0]!.reading.changesSeen.push('3-your-rights--p2');
    });
    const { problems } = await verifyReceipt(forged, markdown, withDocs);
    expect(codesAt(problems)).toEqual([['reading-inconsistent', 'additionalDocuments[0].reading.changesSeen']]);
    expect(problems[0]!.message).toMatch(/lists 2 changed passages but additionalDocuments\[0\]\.reading\.changesTotal is 1/);
  });

  it('reports optional consents granted without a time, or listed twice', async () => {
    const forged = await forge(await full(), (r) => {
      r.optionalConsents[0]!.at = null;
      r.optionalConsents.push({ ...r.optionalConsents[1]! });
    });
    expect(codesAt((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      ['optional-consent-inconsistent', 'optionalConsents[0].at'],
      ['duplicate-optional-consent', 'optionalConsents[2].id'],
    ]);
  });

  it('reports a document listed twice, or with the agreement’s id', async () => {
    const receipt = await full();
    const twice = await forge(receipt, (r) => {
      r.additionalDocuments.push(structuredClone(r.additionalDocuments[0]!));
    });
    expect(codesAt((await verifyReceipt(twice, markdown, withDocs)).problems)).toEqual([
      ['duplicate-document', 'additionalDocuments[2].id'],
    ]);
    const asAgreement = await forge(receipt, (r) => {
      r.additionalDocuments[0]!.id = r.agreement.id;
    });
    const { problems } = await verifyReceipt(asAgreement, markdown, {
      additionalDocuments: { 'instadesk-terms': privacyMarkdown, 'cookie-policy': cookieMarkdown },
    });
    expect(codesAt(problems)).toEqual([['duplicate-document', 'additionalDocuments[0].id']]);
    expect(problems[0]!.message).toMatch(/"instadesk-terms" is already listed \(as the agreement or an earlier document\): list each document once/);
  });

  it('checks the shape of each additional document and optional consent like the agreement', async () => {
    const forged = await forge(await full(), (r) => {
      const doc = r.additionalDocuments[0] as unknown as Record<string, unknown>;
      delete doc.title;
      doc.sha256 = 'ABC';
      (doc.reading as Record<string, unknown>).required = 'most';
      (r.optionalConsents[1] as unknown as Record<string, unknown>).granted = 'no';
      (r.optionalConsents[1] as unknown as Record<string, unknown>).at = '2024-05-01T09:04:50';
    });
    expect(codesAt((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      ['invalid-field', 'optionalConsents[1].granted'],
      ['invalid-date', 'optionalConsents[1].at'],
      ['missing-field', 'additionalDocuments[0].title'],
      ['invalid-field', 'additionalDocuments[0].sha256'],
      ['invalid-field', 'additionalDocuments[0].reading.required'],
    ]);
  });

  it('reports a receipt without the new fields (an older shape) rather than accept it', async () => {
    const receipt = await createReceipt(minimalInput());
    const old = structuredClone(receipt) as unknown as Record<string, unknown>;
    delete old.optionalConsents;
    delete old.additionalDocuments;
    const reading = old.reading as Record<string, unknown>;
    delete reading.required;
    delete reading.changesSeen;
    delete reading.changesTotal;
    const { ok, problems } = await verifyReceipt(old, markdown);
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['missing-field', 'optionalConsents'],
      ['missing-field', 'reading.required'],
      ['missing-field', 'reading.changesSeen'],
      ['missing-field', 'reading.changesTotal'],
      ['missing-field', 'additionalDocuments'],
      ['integrity-mismatch', 'integrity'],
    ]);
  });

  it('never throws, whatever the receipt or the options', async () => {
    const receipt = await full();
    const shapes: unknown[] = [
      { ...receipt, additionalDocuments: 'x' },
      { ...receipt, additionalDocuments: [null, 1, [], { id: '' }, { id: 'privacy-policy' }] },
      { ...receipt, optionalConsents: [undefined, { granted: true, at: null }] },
      { ...receipt, reading: { ...receipt.reading, changesSeen: 'all', changesTotal: '2', required: null } },
    ];
    const options: unknown[] = [
      undefined,
      null,
      withDocs,
      { additionalDocuments: Object.create(null) as unknown },
      { additionalDocuments: { 'privacy-policy': { markdown: null } } },
      { additionalDocuments: new Map([['privacy-policy', privacyMarkdown]]) },
    ];
    for (const shape of shapes) {
      for (const option of options) {
        const result = await verifyReceipt(shape, markdown, option as never);
        expect(result.ok).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('serializeReceipt', () => {
  it('writes canonical JSON with a 2-space indent and a final newline', async () => {
    const receipt = await createReceipt(fullInput());
    const json = serializeReceipt(receipt);
    expect(json).toBe(`${JSON.stringify(receipt, null, 2)}\n`);
    expect(json.split('\n')[1]).toBe(`  "schema": "${RECEIPT_SCHEMA}",`);
  });

  it('writes the fixed order for a receipt parsed from JSON with its keys shuffled', async () => {
    const receipt = await createReceipt(fullInput());
    const expected = serializeReceipt(receipt);
    const reversed = JSON.parse(JSON.stringify(reorderKeys(receipt, (keys) => keys.reverse())));
    expect(keysDeep(reversed)).not.toEqual(keysDeep(receipt));
    expect(serializeReceipt(reversed)).toBe(expected);

    fc.assert(
      fc.property(fc.infiniteStream(fc.double()), (randoms) => {
        const shuffle = (keys: string[]) =>
          keys
            .map((k) => [randoms.next().value as number, k] as const)
            .sort(([a], [b]) => a - b)
            .map(([, k]) => k);
        const shuffled = JSON.parse(JSON.stringify(reorderKeys(receipt, shuffle)));
        expect(serializeReceipt(shuffled)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips: the parsed output is the receipt, in the same key order', async () => {
    const receipt = await createReceipt(minimalInput());
    const back = JSON.parse(serializeReceipt(receipt)) as ConsentReceipt;
    expect(back).toEqual(receipt);
    expect(keysDeep(back)).toEqual(keysDeep(receipt));
  });

  it('refuses something that is not a well-formed receipt rather than drop or invent fields', async () => {
    const receipt = await createReceipt(minimalInput());
    expect(() => serializeReceipt({ ...receipt, note: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'invalid-receipt', path: 'note' }),
    );
    const { locale: _, ...noLocale } = receipt;
    expect(() => serializeReceipt(noLocale as never)).toThrow(/locale is missing/);
    expect(() => serializeReceipt(null as never)).toThrow(ReceiptError);
  });
});

describe('receiptIntegrity', () => {
  it('is the same with or without the integrity field, and whatever the key order', async () => {
    const receipt = await createReceipt(fullInput());
    const { integrity, ...content } = receipt;
    expect(await receiptIntegrity(content)).toBe(integrity);
    expect(await receiptIntegrity(reorderKeys(receipt, (k) => k.reverse()))).toBe(integrity);
  });

  it('rejects something that is not an object', async () => {
    await expect(receiptIntegrity('x' as never)).rejects.toBeInstanceOf(ReceiptError);
  });
});

describe('schema/receipt.schema.json', () => {
  it('is a draft 2020-12 schema with the receipt schema id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(RECEIPT_SCHEMA);
    expect(schema.properties?.schema?.const).toBe(RECEIPT_SCHEMA);
  });

  it('documents every field', () => {
    const undocumented = schemaProperties(schema)
      .filter(([, node]) => !node.description)
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
    expect(schemaProperties(schema).length).toBeGreaterThan(40);
  });

  it.each([
    ['a full receipt', fullInput],
    ['a minimal receipt', minimalInput],
  ])('describes %s: same keys in the same order, all required, nothing else allowed', async (_, make) => {
    const receipt = await createReceipt(make());
    expect(schemaErrors(receipt, schema)).toEqual([]);
  });

  it('is checked against every new part of a receipt by the full receipt above', async () => {
    // So that the test above cannot pass with these left empty.
    const receipt = await createReceipt(fullInput());
    expect(receipt.optionalConsents.map((c) => c.granted)).toEqual([true, false]);
    expect(receipt.additionalDocuments.map((d) => d.reading.required)).toEqual(['whole', 'changes']);
    expect(receipt.reading.required).toBe('whole');
    expect(receipt.reading.changesSeen).not.toEqual([]);
    const readingDef = resolve({ $ref: '#/$defs/reading' });
    expect(Object.keys(readingDef.properties ?? {})).toEqual(Object.keys(receipt.reading));
    expect(readingDef.properties?.required?.enum).toEqual(['whole', 'changes', 'none']);
    const unticked = structuredClone(receipt);
    unticked.optionalConsents[1]!.at = null;
    expect(schemaErrors(unticked, schema)).toEqual([]);
  });

  it('would catch a receipt that departs from it', async () => {
    const receipt = await createReceipt(fullInput());
    const { acceptedAt, ...rest } = receipt;
    const moved = { ...rest, acceptedAt };
    expect(schemaErrors(moved, schema)).toEqual([
      expect.stringMatching(/^\(root\): keys .* ≠ properties/),
    ]);
    expect(schemaErrors({ ...receipt, locale: 'en_GB' }, schema)).toEqual(['locale: pattern']);

    const departures: [(r: ConsentReceipt) => void, string[]][] = [
      [(r) => Object.assign(r.reading, { required: 'most' }), ['reading.required: not in enum']],
      [(r) => Object.assign(r.additionalDocuments[1]!.reading, { required: 'all' }), ['additionalDocuments[1].reading.required: not in enum']],
      [(r) => r.additionalDocuments[0]!.reading.changesSeen.push(r.additionalDocuments[0]!.reading.changesSeen[0]!), ['additionalDocuments[0].reading.changesSeen: items not unique']],
      [(r) => Object.assign(r.optionalConsents[0]!, { granted: 'yes' }), ['optionalConsents[0].granted: string not allowed']],
      [(r) => Object.assign(r.optionalConsents[0]!, { channel: 'email' }), [expect.stringMatching(/^optionalConsents\[0\]: keys id,label,granted,at,channel ≠ properties/)]],
      [(r) => Object.assign(r.additionalDocuments[0]!, { sha256: 'ABC' }), ['additionalDocuments[0].sha256: pattern']],
      [(r) => Object.assign(r.additionalDocuments[0]!, { replaces: { version: '1' } }), [expect.stringMatching(/^additionalDocuments\[0\]\.replaces: keys version ≠ properties/)]],
    ];
    for (const [edit, errors] of departures) {
      const edited = structuredClone(receipt);
      edit(edited);
      expect(schemaErrors(edited, schema)).toEqual(errors);
    }
  });
});

describe('property: any valid consent', () => {
  const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).filter((s) => /\S/.test(s));
  const start = Date.UTC(2000, 0, 1);
  const end = Date.UTC(2090, 0, 1);
  /** A moment as a Date or as an ISO string in some time zone. */
  const moment = (time: number) =>
    fc.oneof(
      fc.constant<Date | string>(new Date(time)),
      fc.integer({ min: -14 * 60, max: 14 * 60 }).map((offset) => {
        const local = new Date(time + offset * 60_000).toISOString().slice(0, -1);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        return `${local}${sign}${hh}:${mm}`;
      }),
    );

  const document = fc.record({
    id: text,
    version: text,
    title: text,
    markdown: fc
      .string({ unit: 'binary', maxLength: 200 })
      .filter((s) => canonicalizeAgreement(s) !== ''),
  });
  const replaced = fc.option(
    fc.record({ version: text, receiptId: fc.option(fc.uuid(), { nil: undefined }) }),
    { nil: null },
  );
  /** Reading evidence that meets whichever requirement it claims (dates filled in later). */
  const evidence = fc.record({
    reachedEnd: fc.boolean(),
    keyClausesSeen: fc.uniqueArray(text, { maxLength: 6 }),
    unseen: fc.nat({ max: 5 }),
    changesSeen: fc.uniqueArray(text, { maxLength: 4 }),
    unseenChanges: fc.nat({ max: 2 }),
    strict: fc.boolean(),
  });
  type Evidence = typeof evidence extends fc.Arbitrary<infer T> ? T : never;
  const reading = (e: Evidence, replaces: unknown, reachedEndAt: Date | string) => {
    const changesSeen = replaces === null ? [] : e.changesSeen;
    const changesTotal = replaces === null ? 0 : changesSeen.length + e.unseenChanges;
    const required =
      e.strict && replaces !== null && changesTotal > 0 && e.unseenChanges === 0
        ? ('changes' as const)
        : e.strict && e.reachedEnd
          ? ('whole' as const)
          : ('none' as const);
    return {
      required,
      reachedEnd: e.reachedEnd,
      reachedEndAt: e.reachedEnd ? reachedEndAt : null,
      keyClausesSeen: e.keyClausesSeen,
      keyClausesTotal: e.keyClausesSeen.length + e.unseen,
      changesSeen,
      changesTotal,
    };
  };

  const consent = fc
    .record({
      shown: fc.integer({ min: start, max: end }),
      readFor: fc.integer({ min: 0, max: 3_600_000 }),
      agreement: document,
      signer: fc.record({ id: text, name: fc.option(text, { nil: undefined }) }, { requiredKeys: ['id'] }),
      organization: fc.option(fc.record({ name: text, signerAuthority: text }), { nil: undefined }),
      minorAndGuardian: fc.option(
        fc.record({
          guardian: fc.record({
            name: text,
            relationship: text,
            attestation: text,
            mode: fc.constantFrom('joint' as const, 'guardian-only' as const),
            verification: fc.option(text),
          }),
          minor: fc.record({ ageBracket: text, rule: text, minimumAge: fc.integer({ min: 1, max: 21 }) }),
        }),
        { nil: null },
      ),
      acknowledgements: fc.uniqueArray(fc.record({ id: text, label: text }), {
        selector: (a) => a.id,
        maxLength: 4,
      }),
      optionalConsents: fc.uniqueArray(
        fc.record({ id: text, label: text, granted: fc.boolean(), touched: fc.boolean() }),
        { selector: (o) => o.id, maxLength: 3 },
      ),
      reading: evidence,
      locale: fc.constantFrom('en', 'en-GB', 'fr-FR', 'zh-Hant-TW', 'pt-BR'),
      uiVariant: text,
      replaces: replaced,
      documents: fc.uniqueArray(fc.record({ agreement: document, reading: evidence, replaces: replaced }), {
        selector: (d) => d.agreement.id,
        maxLength: 2,
      }),
      receiptId: fc.option(fc.uuid(), { nil: undefined }),
    })
    .filter((c) => c.documents.every((d) => d.agreement.id !== c.agreement.id))
    .chain((c) =>
      fc
        .record({
          shownAt: moment(c.shown),
          acceptedAt: moment(c.shown + c.readFor),
          reachedEndAt: moment(c.shown + c.readFor),
          acks: fc.tuple(...c.acknowledgements.map(() => moment(c.shown + c.readFor))),
          optional: fc.tuple(...c.optionalConsents.map(() => moment(c.shown + c.readFor))),
          documentsReachedEndAt: fc.tuple(...c.documents.map(() => moment(c.shown + c.readFor))),
        })
        .map(
          (m): CreateReceiptInput => ({
            agreement: c.agreement,
            shownAt: m.shownAt,
            acceptedAt: m.acceptedAt,
            signer: c.signer,
            organization: c.organization,
            guardian: c.minorAndGuardian?.guardian ?? null,
            minor: c.minorAndGuardian?.minor ?? null,
            acknowledgements: c.acknowledgements.map((a, i) => ({ ...a, at: m.acks[i]! })),
            optionalConsents: c.optionalConsents.map(({ touched, ...o }, i) => ({
              ...o,
              at: o.granted || touched ? m.optional[i]! : null,
            })),
            reading: reading(c.reading, c.replaces, m.reachedEndAt),
            locale: c.locale,
            uiVariant: c.uiVariant,
            replaces: c.replaces,
            additionalDocuments: c.documents.map((d, i) => ({
              agreement: d.agreement,
              reading: reading(d.reading, d.replaces, m.documentsReachedEndAt[i]!),
              replaces: d.replaces,
            })),
            receiptId: c.receiptId,
          }),
        ),
    );

  it('verifies, before and after a JSON round trip, and serialises stably', async () => {
    await fc.assert(
      fc.asyncProperty(consent, async (input) => {
        const text = input.agreement.markdown;
        const docs = input.additionalDocuments ?? [];
        const options = {
          additionalDocuments: Object.fromEntries(docs.map((d) => [d.agreement.id, d.agreement.markdown])),
        };
        const receipt = await createReceipt(input);
        expect(await verifyReceipt(receipt, text, options)).toEqual({ ok: true, problems: [] });
        expect(receiptDocuments(receipt).map((d) => d.id)).toEqual([
          input.agreement.id,
          ...docs.map((d) => d.agreement.id),
        ]);
        expect(receipt.optionalConsents.map((o) => o.granted)).toEqual(
          (input.optionalConsents ?? []).map((o) => o.granted),
        );

        const viaJson = JSON.parse(JSON.stringify(receipt)) as ConsentReceipt;
        expect(await verifyReceipt(viaJson, text, options)).toEqual({ ok: true, problems: [] });

        const serialized = serializeReceipt(receipt);
        const viaSerialized = JSON.parse(serialized) as ConsentReceipt;
        expect(await verifyReceipt(viaSerialized, text, options)).toEqual({ ok: true, problems: [] });
        expect(serializeReceipt(viaSerialized)).toBe(serialized);
        expect(schemaErrors(receipt, schema)).toEqual([]);

        const crlf = (md: string) => md.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n');
        const crlfOptions = {
          additionalDocuments: Object.fromEntries(docs.map((d) => [d.agreement.id, crlf(d.agreement.markdown)])),
        };
        expect((await verifyReceipt(receipt, crlf(text), crlfOptions)).ok).toBe(true);
        if (docs.length > 0) {
          expect(codes((await verifyReceipt(receipt, text)).problems)).toEqual(docs.map(() => 'document-unverified'));
        }
      }),
      { numRuns: 150 },
    );
  });
});
