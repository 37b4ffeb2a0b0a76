import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CANONICALIZATION_VERSION, canonicalizeAgreement } from './canonical';
import { hashAgreement } from './hash';
import {
  createReceipt,
  ReceiptError,
  receiptIntegrity,
  serializeReceipt,
  verifyReceipt,
} from './receipt';
import type { CreateReceiptInput, ReceiptProblemCode } from './receipt';
import { RECEIPT_SCHEMA } from './types';
import type { ConsentReceipt } from './types';

const markdown = readFileSync(new URL('../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const schema = JSON.parse(
  readFileSync(new URL('../../schema/receipt.schema.json', import.meta.url), 'utf8'),
) as SchemaNode;

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
    reading: {
      reachedEnd: true,
      reachedEndAt: '2024-05-01T11:03:30+02:00',
      keyClausesSeen: ['intro-1', 'intro-2', 'iii-2.4'],
      keyClausesTotal: 12,
    },
    locale: 'en-GB',
    uiVariant: 'modal',
    replaces: { version: '2023-01-01', receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b' },
    receiptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  };
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
    return value.flatMap((v, i) => schemaErrors(v, node.items!, `${path}[${i}]`));
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
function schemaProperties(node: SchemaNode, path = ''): [string, SchemaNode][] {
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
      replaces: null,
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
  });

  it('stores empty optional names as null and a supplied receipt id in lowercase', async () => {
    const receipt = await createReceipt({
      ...fullInput(),
      signer: { id: 'u', name: '' },
      guardian: { ...fullInput().guardian!, verification: undefined },
      replaces: { version: '1' },
      receiptId: '0F8FAD5B-D9CB-469F-A165-70867728950E',
    });
    expect(receipt.signer.name).toBeNull();
    expect(receipt.guardian!.verification).toBeNull();
    expect(receipt.replaces).toEqual({ version: '1', receiptId: null });
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
  });

  it('returns keys in exactly the order of ConsentReceipt, nested objects too', async () => {
    const receipt = await createReceipt(fullInput());
    expect(Object.keys(receipt)).toEqual([
      'schema',
      'receiptId',
      'agreement',
      'shownAt',
      'acceptedAt',
      'signer',
      'organization',
      'guardian',
      'minor',
      'acknowledgements',
      'reading',
      'locale',
      'uiVariant',
      'replaces',
      'integrity',
    ]);
    expect(Object.keys(receipt.guardian!)).toEqual([
      'name',
      'relationship',
      'attestation',
      'mode',
      'verification',
    ]);
    expect(Object.keys(receipt.reading)).toEqual([
      'reachedEnd',
      'reachedEndAt',
      'keyClausesSeen',
      'keyClausesTotal',
    ]);
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
        /list each key clause once/,
      ],
      [
        'keyClausesSeen lists more clauses than the total',
        { ...base, reading: { ...base.reading, keyClausesTotal: 2 } },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen',
        /lists 3 key clauses but keyClausesTotal is 2/,
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
        /not a key clause of this agreement/,
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

describe('verifyReceipt', () => {
  it('accepts the same text with Windows line endings (canonicalisation)', async () => {
    const receipt = await createReceipt(fullInput());
    const crlf = markdown.replace(/\r?\n/g, '\r\n');
    expect(crlf).not.toBe(markdown);
    expect(await verifyReceipt(receipt, crlf)).toEqual({ ok: true, problems: [] });
    expect(await verifyReceipt(receipt, `\uFEFF${crlf}\r\n\r\n`)).toEqual({ ok: true, problems: [] });
  });

  it('reports an agreement mismatch when the text differs by one character', async () => {
    const receipt = await createReceipt(fullInput());
    const i = markdown.indexOf('bold');
    const edited = `${markdown.slice(0, i)}B${markdown.slice(i + 1)}`;
    const { ok, problems } = await verifyReceipt(receipt, edited);
    expect(ok).toBe(false);
    expect(problems).toEqual([
      {
        code: 'agreement-mismatch',
        path: 'agreement.sha256',
        message: expect.stringMatching(
          /^The receipt's agreement hash \([0-9a-f]{64}\) does not match the agreement text you passed .*: the person saw different text, or you passed another version\.$/,
        ),
      },
    ]);
  });

  it('reports a receipt for another agreement id or version', async () => {
    const receipt = await createReceipt(fullInput());
    const { problems } = await verifyReceipt(receipt, markdown, {
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
      'reading.reachedEnd': ['reading-inconsistent'],
    };

    it('covers every field of the receipt', async () => {
      const { receipt, paths } = await integrityBound();
      // Everything but `integrity` is bound; a full receipt has no null leaves left to miss.
      expect(paths.map(pathString)).toContain('acknowledgements[1].label');
      expect(paths.map(pathString)).toContain('replaces.receiptId');
      expect(paths.every((p) => getAt(receipt, p) !== null)).toBe(true);
      // 2 top-level ids + agreement 5 + 2 dates + signer 2 + organization 2 + guardian 5 +
      // minor 3 + 2 acknowledgements × 3 + reading 3 + 3 clause ids + locale, uiVariant + replaces 2.
      expect(paths).toHaveLength(37);
    });

    it('reports an integrity mismatch for a change to any single field', async () => {
      const { receipt, paths } = await integrityBound();
      for (const path of paths) {
        const edited = structuredClone(receipt);
        setAt(edited, path, changed(getAt(receipt, path)));
        const { ok, problems } = await verifyReceipt(edited, markdown);
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
      ];
      for (const edit of edits) {
        const edited = structuredClone(receipt);
        edit(edited);
        expect(codes((await verifyReceipt(edited, markdown)).problems)).toEqual(['integrity-mismatch']);
      }
    });

    it('reports an integrity mismatch when the integrity value itself is edited', async () => {
      const receipt = await createReceipt(fullInput());
      const edited = { ...receipt, integrity: changed(receipt.integrity) };
      expect(codes((await verifyReceipt(edited, markdown)).problems)).toEqual(['integrity-mismatch']);
    });

    it('does not mind the order of keys', async () => {
      const receipt = await createReceipt(fullInput());
      const shuffled = reorderKeys(receipt, (keys) => keys.reverse());
      expect(await verifyReceipt(shuffled, markdown)).toEqual({ ok: true, problems: [] });
    });
  });

  it('reports an unknown canonicalisation version and skips the hash check', async () => {
    const receipt = await createReceipt(fullInput());
    const future = { ...receipt, agreement: { ...receipt.agreement, canonicalization: 'react-clickwrap/canonical-v9' } };
    future.integrity = await receiptIntegrity(future);
    const { problems } = await verifyReceipt(future, 'other text');
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-canonicalization', 'agreement.canonicalization'],
    ]);
  });

  it('reports a receipt of another schema', async () => {
    const receipt = await createReceipt(fullInput());
    const other = { ...receipt, schema: 'https://example.com/receipt.json' } as unknown as ConsentReceipt;
    other.integrity = await receiptIntegrity(other);
    expect(codes((await verifyReceipt(other, markdown)).problems)).toEqual(['unknown-schema']);
  });

  it('reports fields the schema does not define', async () => {
    const receipt = await createReceipt(fullInput());
    const extra = { ...receipt, ipAddress: '203.0.113.9', signer: { ...receipt.signer, email: 'a@b.c' } };
    const { problems } = await verifyReceipt(extra, markdown);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-field', 'signer.email'],
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
    expect(codes((await verifyReceipt(forged, markdown)).problems)).toEqual([
      'accepted-before-shown',
      'guardian-minor-mismatch',
      'key-clauses-inconsistent',
    ]);
  });

  it('collects every problem, not just the first', async () => {
    const receipt = await createReceipt(fullInput());
    const broken = structuredClone(receipt) as unknown as Record<string, unknown>;
    delete broken.locale;
    broken.shownAt = 'not a date';
    (broken.reading as Record<string, unknown>).keyClausesTotal = -1;
    const { ok, problems } = await verifyReceipt(broken, `${markdown}!`, { version: '1' });
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
    expect(problems.map((p) => p.path)).toEqual([
      'schema',
      'receiptId',
      'agreement',
      'shownAt',
      'acceptedAt',
      'signer',
      'organization',
      'guardian',
      'minor',
      'acknowledgements',
      'reading',
      'locale',
      'uiVariant',
      'replaces',
      'integrity',
    ]);
  });

  it('survives deeply wrong shapes and bad arguments without throwing', async () => {
    const receipt = await createReceipt(fullInput());
    const weird = { ...receipt, agreement: [], reading: 'yes', acknowledgements: [null, 3], signer: { id: 5 } };
    const result = await verifyReceipt(weird, 17 as never, 'nope' as never);
    expect(result.ok).toBe(false);
    expect(codes(result.problems)).toEqual(
      expect.arrayContaining(['invalid-field', 'invalid-argument', 'integrity-mismatch']),
    );
    const empty = await verifyReceipt(receipt, '  \n');
    expect(codes(empty.problems)).toEqual(['empty-agreement']);
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

  it('would catch a receipt that departs from it', async () => {
    const receipt = await createReceipt(fullInput());
    const { acceptedAt, ...rest } = receipt;
    const moved = { ...rest, acceptedAt };
    expect(schemaErrors(moved, schema)).toEqual([
      expect.stringMatching(/^\(root\): keys .* ≠ properties/),
    ]);
    expect(schemaErrors({ ...receipt, locale: 'en_GB' }, schema)).toEqual(['locale: pattern']);
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

  const consent = fc
    .record({
      shown: fc.integer({ min: start, max: end }),
      readFor: fc.integer({ min: 0, max: 3_600_000 }),
      agreement: fc.record({
        id: text,
        version: text,
        title: text,
        markdown: fc
          .string({ unit: 'binary', maxLength: 200 })
          .filter((s) => canonicalizeAgreement(s) !== ''),
      }),
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
      reachedEnd: fc.boolean(),
      keyClausesSeen: fc.uniqueArray(text, { maxLength: 6 }),
      unseen: fc.nat({ max: 5 }),
      locale: fc.constantFrom('en', 'en-GB', 'fr-FR', 'zh-Hant-TW', 'pt-BR'),
      uiVariant: text,
      replaces: fc.option(
        fc.record({ version: text, receiptId: fc.option(fc.uuid(), { nil: undefined }) }),
        { nil: null },
      ),
      receiptId: fc.option(fc.uuid(), { nil: undefined }),
    })
    .chain((c) =>
      fc
        .record({
          shownAt: moment(c.shown),
          acceptedAt: moment(c.shown + c.readFor),
          reachedEndAt: moment(c.shown + c.readFor),
          acks: fc.tuple(...c.acknowledgements.map(() => moment(c.shown + c.readFor))),
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
            reading: {
              reachedEnd: c.reachedEnd,
              reachedEndAt: c.reachedEnd ? m.reachedEndAt : null,
              keyClausesSeen: c.keyClausesSeen,
              keyClausesTotal: c.keyClausesSeen.length + c.unseen,
            },
            locale: c.locale,
            uiVariant: c.uiVariant,
            replaces: c.replaces,
            receiptId: c.receiptId,
          }),
        ),
    );

  it('verifies, before and after a JSON round trip, and serialises stably', async () => {
    await fc.assert(
      fc.asyncProperty(consent, async (input) => {
        const text = input.agreement.markdown;
        const receipt = await createReceipt(input);
        expect(await verifyReceipt(receipt, text)).toEqual({ ok: true, problems: [] });

        const viaJson = JSON.parse(JSON.stringify(receipt)) as ConsentReceipt;
        expect(await verifyReceipt(viaJson, text)).toEqual({ ok: true, problems: [] });

        const serialized = serializeReceipt(receipt);
        const viaSerialized = JSON.parse(serialized) as ConsentReceipt;
        expect(await verifyReceipt(viaSerialized, text)).toEqual({ ok: true, problems: [] });
        expect(serializeReceipt(viaSerialized)).toBe(serialized);
        expect(schemaErrors(receipt, schema)).toEqual([]);

        const lf = text.replace(/\r\n?/g, '\n');
        expect((await verifyReceipt(receipt, lf.replace(/\n/g, '\r\n'))).ok).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
