/**
 * Tables for the written docs pages, generated from the sources they describe so they cannot
 * drift: the custom properties from styles.css, the receipt's fields from its JSON Schema, and a
 * live receipt made and verified by react-clickwrap/core.
 */
import { Source } from '@storybook/addon-docs/blocks';
import { useEffect, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import schema from '../../schema/receipt.schema.json';
import { createReceipt, verifyReceipt } from '../../src/core';
import type { ConsentReceipt, ReceiptVerification } from '../../src/core';
import { agreement } from '../fixtures';
import {
  DATA_ATTRIBUTES,
  parseTokenDeclarations,
  stylesheet,
  tokensReadOnly,
  undocumentedDataAttributes,
} from './stylesheet';

// ---------------------------------------------------------------------------------------------
// styles.css
// ---------------------------------------------------------------------------------------------

const LIGHT = '.rcw-root';
const DARK = ".rcw-root[data-theme='dark']";

/** What the components do with the tokens that are not plain design values. */
const TOKEN_NOTES: Record<string, string> = {
  '--rcw-progress': 'Set by ReadingProgress on its track: the share read, 0 to 1.',
  '--rcw-action-bar-block-size':
    "Measured by ClickwrapPage: the sticky action bar's height, kept as every focusable's scroll margin (WCAG 2.4.11).",
  '--rcw-summary-max-block-size': 'Height limit of the key-clause summary before it scrolls.',
  '--rcw-agreement-max-block-size': 'Height limit of the agreement before it scrolls.',
  '--rcw-target-size': 'Smallest size of a checkbox or link target (WCAG 2.5.8).',
  '--rcw-button-size': 'Height of Accept and Decline.',
  '--rcw-duration': 'Length of transitions (none when the reader prefers reduced motion).',
};

function isColour(value: string): boolean {
  return /^(#|rgb|hsl|oklch|color\()/.test(value);
}

function Swatch({ value }: { value: string }) {
  if (!isColour(value)) return null;
  const style: CSSProperties = {
    display: 'inline-block',
    inlineSize: '1em',
    blockSize: '1em',
    marginInlineEnd: '0.4em',
    verticalAlign: '-0.15em',
    border: '1px solid #737c8a',
    borderRadius: 3,
    background: value,
  };
  return <span aria-hidden="true" style={style} />;
}

function Value({ value, missing = '—' }: { value: string | undefined; missing?: string }) {
  if (value === undefined) return <span>{missing}</span>;
  return (
    <span>
      <Swatch value={value} />
      <code>{value}</code>
    </span>
  );
}

/** Every `--rcw-` custom property of styles.css: light and dark values, where else it is set. */
export function TokenTable() {
  const declarations = parseTokenDeclarations(stylesheet);
  const names = [...new Set(declarations.map((d) => d.name))];
  const valueIn = (name: string, selector: string) =>
    declarations.find((d) => d.name === name && d.selector === selector && d.atRules.length === 0)?.value;
  const elsewhere = (name: string) =>
    declarations.filter(
      (d) => d.name === name && !(d.atRules.length === 0 && (d.selector === LIGHT || d.selector === DARK)),
    );
  const readOnly = tokensReadOnly(stylesheet);
  return (
    <table>
      <caption style={{ textAlign: 'start' }}>
        {names.length + readOnly.length} custom properties, read from styles.css when this page was built.
      </caption>
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Light (default)</th>
          <th scope="col">Dark</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const others = elsewhere(name).filter((d) => !d.atRules.some((a) => a.includes('prefers-color-scheme')));
          return (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>
                <Value value={valueIn(name, LIGHT)} />
              </td>
              <td>
                <Value value={valueIn(name, DARK)} missing="as light" />
              </td>
              <td>
                {TOKEN_NOTES[name] ?? null}
                {others.map((d) =>
                  d.atRules.some((rule) => /^@media print\b/.test(rule)) ? (
                    <div key={`${d.selector}${d.atRules.join()}`}>
                      In print: <Value value={d.value} />
                    </div>
                  ) : (
                    <div key={`${d.selector}${d.atRules.join()}`}>
                      <code>{d.value}</code> on <code>{d.selector}</code>
                      {d.atRules.length ? <> inside <code>{d.atRules.join(' ')}</code></> : null}
                    </div>
                  ),
                )}
              </td>
            </tr>
          );
        })}
        {readOnly.map((name) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>—</td>
            <td>—</td>
            <td>{TOKEN_NOTES[name] ?? 'Set by the components at run time.'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The state attributes, with a warning if styles.css uses one the table does not list. */
export function DataAttributeTable() {
  const missing = undocumentedDataAttributes();
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">On</th>
            <th scope="col">Values</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {DATA_ATTRIBUTES.map((d) => (
            <tr key={`${d.attribute} ${d.on}`}>
              <th scope="row">
                <code>{d.attribute}</code>
              </th>
              <td>{d.on}</td>
              <td>{d.values}</td>
              <td>{d.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length ? (
        <p role="alert">
          Not documented yet (used in styles.css): {missing.map((name) => <code key={name}>{name} </code>)}
        </p>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The receipt
// ---------------------------------------------------------------------------------------------

interface SchemaNode {
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  $ref?: string;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
}

interface ReceiptSchema extends SchemaNode {
  $defs: Record<string, SchemaNode>;
}

const receiptSchema = schema as unknown as ReceiptSchema;

/** A reference to an object definition (`reading`, `replaces`) as that object, keeping its own description. */
function deref(node: SchemaNode): SchemaNode {
  const target = node.$ref ? receiptSchema.$defs[node.$ref.replace('#/$defs/', '')] : undefined;
  return target?.properties ? { ...target, description: node.description ?? target.description } : node;
}

/** A short type for a schema node: `text`, `dateTime | null`, `"joint" | "guardian-only"`… */
function typeOf(raw: SchemaNode): string {
  const node = deref(raw);
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.$ref) return node.$ref.replace('#/$defs/', '');
  if (node.anyOf) return node.anyOf.map(typeOf).join(' | ');
  if (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) {
    return `${node.items ? typeOf(node.items) : 'item'}[]`;
  }
  return Array.isArray(node.type) ? node.type.join(' | ') : (node.type ?? 'any');
}

interface Row {
  path: string;
  depth: number;
  node: SchemaNode;
}

function rowsOf(node: SchemaNode, prefix = '', depth = 0): Row[] {
  const properties = node.properties ?? node.items?.properties;
  if (!properties) return [];
  return Object.entries(properties).flatMap(([key, ref]) => {
    const child = deref(ref);
    const path = prefix ? `${prefix}.${key}` : key;
    const items = child.items ? `${path}[]` : path;
    return [{ path, depth, node: child }, ...rowsOf(child, items, depth + 1)];
  });
}

/** Every field of the receipt, from schema/receipt.schema.json. */
export function ReceiptFields() {
  const rows = rowsOf(receiptSchema);
  const defs = Object.entries(receiptSchema.$defs).filter(([, def]) => !def.properties);
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ path, depth, node }) => (
            <tr key={path}>
              <th scope="row" style={{ paddingInlineStart: `${0.75 + depth * 1.25}rem` }}>
                <code>{path}</code>
              </th>
              <td>
                <code>{typeOf(node)}</code>
              </td>
              <td>{node.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Where the types above name one of these:</p>
      <ul>
        {defs.map(([name, def]) => (
          <li key={name}>
            <code>{name}</code>: {def.description}
          </li>
        ))}
      </ul>
    </>
  );
}

type Example =
  | { state: 'pending' }
  | { state: 'done'; receipt: ConsentReceipt; served: ReceiptVerification; changed: ReceiptVerification }
  | { state: 'error'; message: string };

/**
 * A receipt made with `createReceipt` for the default agreement, then verified with
 * `verifyReceipt` against the text served (ok) and against a text changed by one word (not ok).
 */
export function ReceiptExample() {
  const [example, setExample] = useState<Example>({ state: 'pending' });
  useEffect(() => {
    let live = true;
    (async () => {
      const shownAt = new Date(Date.UTC(2024, 4, 1, 9, 30));
      const acceptedAt = new Date(Date.UTC(2024, 4, 1, 9, 34, 12));
      const receipt = await createReceipt({
        agreement,
        shownAt,
        acceptedAt,
        signer: { id: 'user-1', name: 'Anna Berg' },
        reading: {
          reachedEnd: true,
          reachedEndAt: new Date(Date.UTC(2024, 4, 1, 9, 33, 50)),
          keyClausesSeen: agreement.keyClauses.slice(0, 3).map((c) => c.id),
          keyClausesTotal: agreement.keyClauses.length,
        },
        locale: 'en',
        uiVariant: 'modal',
      });
      const served = await verifyReceipt(receipt, agreement.markdown, {
        agreementId: agreement.id,
        version: agreement.version,
      });
      const changed = await verifyReceipt(
        receipt,
        agreement.markdown.replace('legal guardian', 'parent'),
        { agreementId: agreement.id, version: agreement.version },
      );
      if (live) setExample({ state: 'done', receipt, served, changed });
    })().catch((error: unknown) => {
      if (live) setExample({ state: 'error', message: String(error) });
    });
    return () => {
      live = false;
    };
  }, []);

  if (example.state === 'pending') return <p>Making a receipt…</p>;
  if (example.state === 'error') return <p role="alert">{example.message}</p>;
  const verdict = (v: ReceiptVerification): ReactNode =>
    v.ok ? <strong>ok</strong> : (
      <>
        <strong>rejected</strong>: {v.problems.map((p) => `${p.code} (${p.path})`).join(', ')}
      </>
    );
  return (
    <div>
      <Source language="json" code={JSON.stringify(example.receipt, null, 2)} />
      <ul>
        <li>Verified against the text served: {verdict(example.served)}</li>
        <li>Verified against the text with one word changed: {verdict(example.changed)}</li>
      </ul>
    </div>
  );
}
