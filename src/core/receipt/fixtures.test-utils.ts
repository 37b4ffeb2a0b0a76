/**
 * Shared fixtures and helpers for the receipt tests: documents as shown, full and minimal
 * consents, a forger, JSON path helpers and a small structural check against the published schema.
 */
import { readFileSync } from 'node:fs';
import { parseAgreement } from '../agreement';
import { receiptIntegrity } from '.';
import type { CreateReceiptInput, VerifyReceiptOptions } from '.';
import type { ConsentReceipt } from '../types';

export const markdown = readFileSync(
  new URL('../../../agreements/instadesk-terms.md', import.meta.url),
  'utf8',
);
export const schema = JSON.parse(
  readFileSync(new URL('../../../schema/receipt.schema.json', import.meta.url), 'utf8'),
) as SchemaNode;

/** A privacy policy shown with the Terms; its bold passages are its key clauses. */
export const privacyMarkdown = `# Privacy Policy

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
export const cookieMarkdown = `# Cookie Policy

## Strictly necessary cookies

These keep you signed in and cannot be switched off.

## Analytics cookies

**We use analytics cookies only with your consent, and keep their data for 13 months.**

## Advertising cookies

**We do not use advertising cookies.**
`;

export const privacyPolicy = parseAgreement({
  id: 'privacy-policy',
  version: '2024-06-01',
  markdown: privacyMarkdown,
});
export const cookiePolicy = parseAgreement({
  id: 'cookie-policy',
  version: '2024-06-01',
  markdown: cookieMarkdown,
});
export const privacyClauses = privacyPolicy.keyClauses.map((c) => c.id);
export const cookieClauses = cookiePolicy.keyClauses.map((c) => c.id);

/** What a server passes to verifyReceipt for the additional documents of `fullInput()`. */
export const served = { 'privacy-policy': privacyMarkdown, 'cookie-policy': cookieMarkdown };
export const withDocs = { additionalDocuments: served } satisfies VerifyReceiptOptions;

/** A consent with every optional part present, so every field of a receipt has a value. */
export function fullInput(): CreateReceiptInput {
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
      {
        id: 'user-research',
        label: 'Invite me to user research.',
        granted: false,
        at: '2024-05-01T09:04:50Z',
      },
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
export function fullDocument(
  i: number,
  reading: Partial<NonNullable<CreateReceiptInput['additionalDocuments']>[number]['reading']> = {},
  rest: Partial<NonNullable<CreateReceiptInput['additionalDocuments']>[number]> = {},
): NonNullable<CreateReceiptInput['additionalDocuments']>[number] {
  const doc = fullInput().additionalDocuments![i]!;
  return { ...doc, ...rest, reading: { ...doc.reading, ...reading } };
}

/** `fullInput()` with additional document `i` replaced. */
export function withDocument(
  i: number,
  doc: NonNullable<CreateReceiptInput['additionalDocuments']>[number],
): CreateReceiptInput {
  const input = fullInput();
  const docs = [...input.additionalDocuments!];
  docs[i] = doc;
  return { ...input, additionalDocuments: docs };
}

/** A receipt with `edit` applied and `integrity` recomputed, as a forger (or a buggy client) would. */
export async function forge(
  receipt: ConsentReceipt,
  edit: (r: ConsentReceipt) => void,
): Promise<ConsentReceipt> {
  const forged = structuredClone(receipt);
  edit(forged);
  forged.integrity = await receiptIntegrity(forged);
  return forged;
}

/** An adult signing for themselves, with nothing optional. */
export function minimalInput(): CreateReceiptInput {
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

export const codes = (problems: readonly { code: string }[]) => problems.map((p) => p.code);
export const codesAt = (problems: readonly { code: string; path: string }[]) =>
  problems.map((p) => [p.code, p.path]);

// ---------------------------------------------------------------------------------------------
// Helpers over plain JSON values
// ---------------------------------------------------------------------------------------------

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Segment = string | number;

export const isRecord = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path to a leaf (a scalar, null or empty container), as the problem paths spell them. */
export function leafPaths(value: unknown, path: Segment[] = []): Segment[][] {
  const children = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : isRecord(value)
      ? Object.entries(value)
      : [];
  if (children.length === 0) return [path];
  return children.flatMap(([k, v]) => leafPaths(v, [...path, k]));
}

export const pathString = (path: Segment[]) =>
  path.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');

export function getAt(root: unknown, path: Segment[]): unknown {
  return path.reduce<unknown>((v, s) => (v as Record<Segment, unknown>)[s], root);
}

export function setAt(root: unknown, path: Segment[], value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<Segment, unknown>;
  parent[path[path.length - 1]!] = value;
}

/** A different value of the same type and format, so only the hash-binding can notice it. */
export function changed(value: unknown): unknown {
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
export function reorderKeys<T>(value: T, order: (keys: string[]) => string[]): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reorderKeys(v, order)) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of order(Object.keys(value))) out[key] = reorderKeys(value[key], order);
  return out as T;
}

export function keysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysDeep);
  if (!isRecord(value)) return null;
  return Object.entries(value).map(([k, v]) => [k, keysDeep(v)]);
}

// ---------------------------------------------------------------------------------------------
// A small structural check against the published schema (no validator dependency)
// ---------------------------------------------------------------------------------------------

export interface SchemaNode {
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

export function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = schema.$defs?.[name];
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return { ...resolve(target), ...node, $ref: undefined };
}

export const types = (node: SchemaNode) => [node.type ?? []].flat();

/** Lists every way `value` departs from `node`: keys, order, required lists, types, patterns. */
export function schemaErrors(value: unknown, raw: SchemaNode, path = ''): string[] {
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
    // A property whose description says when it is "absent" is optional (fields added after v1
    // shipped, so older receipts stay valid); every other one is required.
    const optional = (key: string) =>
      /\babsent\b/i.test(resolve(node.properties?.[key] ?? {}).description ?? '');
    const properties = Object.keys(node.properties ?? {}).filter(
      (key) => !optional(key) || Object.hasOwn(value, key),
    );
    if (JSON.stringify(Object.keys(value)) !== JSON.stringify(properties)) {
      errors.push(`${where}: keys ${Object.keys(value).join(',')} ≠ properties ${properties.join(',')}`);
    }
    const required = Object.keys(node.properties ?? {}).filter((key) => !optional(key));
    if (JSON.stringify(node.required) !== JSON.stringify(required)) {
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
export function schemaProperties(raw: SchemaNode, path = ''): [string, SchemaNode][] {
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
export const RECEIPT_KEYS = [
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
  'presentation',
  'integrity',
];
