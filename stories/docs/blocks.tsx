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
  contrastRatio,
  DATA_ATTRIBUTES,
  parseTokenDeclarations,
  stylesheet,
  themeValues,
  tokensReadOnly,
  undocumentedDataAttributes,
  usedBy,
} from './stylesheet';

// ---------------------------------------------------------------------------------------------
// styles.css
// ---------------------------------------------------------------------------------------------

const ROOT = '.rcw-root';

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
  '--rcw-color-progress-complete':
    'The bar once the end is reached; set it to your brand to keep the bar in brand colours.',
  '--rcw-color-highlight-seen':
    'The bar of a clause once read (solid; dashed before), and its tag with a check.',
};

/** The background a colour is checked against, and the minimum (4.5 text, 3 non-text). */
const CONTRAST_ON: Record<string, [string, number]> = {
  '--rcw-color-text': ['--rcw-color-bg', 4.5],
  '--rcw-color-text-muted': ['--rcw-color-surface', 4.5],
  '--rcw-color-link': ['--rcw-color-bg', 4.5],
  '--rcw-color-accent': ['--rcw-color-bg', 4.5],
  '--rcw-color-accent-hover': ['--rcw-color-on-accent', 4.5],
  '--rcw-color-on-accent': ['--rcw-color-accent', 4.5],
  '--rcw-color-danger': ['--rcw-color-bg', 4.5],
  '--rcw-color-success': ['--rcw-color-bg', 4.5],
  '--rcw-color-seen': ['--rcw-color-surface-raised', 3],
  '--rcw-color-border': ['--rcw-color-bg', 3],
  '--rcw-color-focus': ['--rcw-color-bg', 3],
  '--rcw-color-highlight-border': ['--rcw-color-highlight', 3],
  '--rcw-color-highlight-seen': ['--rcw-color-highlight', 4.5],
  '--rcw-color-highlight-label': ['--rcw-color-highlight', 4.5],
  '--rcw-color-guardian-border': ['--rcw-color-guardian-bg', 3],
  '--rcw-color-progress': ['--rcw-color-progress-track', 3],
  '--rcw-color-progress-complete': ['--rcw-color-progress-track', 3],
};

/** Groups of the token table, by name. */
const GROUPS: Array<[string, RegExp]> = [
  ['Surfaces and text', /^--rcw-color-(bg|surface|text|border)/],
  ['Brand and focus', /^--rcw-color-(accent|on-accent|link|focus)/],
  ['Clauses that limit rights', /^--rcw-color-highlight/],
  ['Guardian section', /^--rcw-color-guardian/],
  ['Outcomes', /^--rcw-color-(seen|danger|success)/],
  ['Reading progress', /^--rcw-color-progress/],
  ['Dialog, bars and shadows', /^--rcw-(color-(overlay|dialog|shadow)|shadow)/],
  ['Radii', /^--rcw-radius/],
  ['Spacing', /^--rcw-space/],
  ['Fonts', /^--rcw-(font|line-height)/],
  ['Sizes and motion', /./],
];

function isColour(value: string): boolean {
  return /^(#|rgb|hsl|oklch|color\(|transparent)/.test(value);
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

/** A token's value in one theme, following var() to another token. */
function resolve(
  values: Map<string, string>,
  name: string,
  theme: 'light' | 'dark',
  depth = 0,
): string | undefined {
  const raw = values.get(name);
  if (raw === undefined || depth > 4) return undefined;
  const picked = themeValues(raw)[theme];
  const ref = /^var\((--rcw-[\w-]+)\)$/.exec(picked);
  return ref ? resolve(values, ref[1]!, theme, depth + 1) : picked;
}

function Contrast({
  values,
  name,
  theme,
}: {
  values: Map<string, string>;
  name: string;
  theme: 'light' | 'dark';
}) {
  const on = CONTRAST_ON[name];
  if (!on) return null;
  const ratio = contrastRatio(resolve(values, name, theme) ?? '', resolve(values, on[0], theme) ?? '');
  if (ratio === undefined) return null;
  return (
    <div>
      {ratio.toFixed(1)}:1 on <code>{on[0].replace('--rcw-color-', '')}</code>{' '}
      {ratio >= on[1] ? '✓' : `✗ (needs ${on[1]}:1)`}
    </div>
  );
}

/**
 * Every `--rcw-` custom property of styles.css, grouped: light and dark side by side (one
 * light-dark() list), the contrast each colour keeps against what it is drawn on, the parts that
 * use it, and where else it is set (print).
 */
export function TokenTable() {
  const declarations = parseTokenDeclarations(stylesheet);
  const root = declarations.filter((d) => d.selector === ROOT && d.atRules.length === 0);
  const values = new Map(root.map((d) => [d.name, d.value]));
  const names = [...new Set(root.map((d) => d.name))];
  const elsewhere = (name: string) =>
    declarations.filter((d) => d.name === name && !(d.atRules.length === 0 && d.selector === ROOT));
  const readOnly = tokensReadOnly(stylesheet);
  const grouped = GROUPS.map(([label, match]) => {
    const members = names.filter((n) => match.test(n));
    names.splice(0, names.length, ...names.filter((n) => !members.includes(n)));
    return [label, members] as const;
  }).filter(([, members]) => members.length > 0);
  return (
    <table>
      <caption style={{ textAlign: 'start' }}>
        {root.length + readOnly.length} custom properties, read from styles.css when this page was built.
      </caption>
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Light</th>
          <th scope="col">Dark</th>
          <th scope="col">Used by</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      {grouped.map(([label, members]) => (
        <tbody key={label}>
          <tr>
            <th scope="colgroup" colSpan={5} style={{ textAlign: 'start' }}>
              {label}
            </th>
          </tr>
          {members.map((name) => {
            const { light, dark } = themeValues(values.get(name) ?? '');
            return (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <Value value={light} />
                  <Contrast values={values} name={name} theme="light" />
                </td>
                <td>
                  {dark === light ? 'as light' : <Value value={dark} />}
                  <Contrast values={values} name={name} theme="dark" />
                </td>
                <td>
                  {usedBy(name)
                    .slice(0, 6)
                    .map((part) => (
                      <code key={part} style={{ display: 'inline-block', marginInlineEnd: '0.3em' }}>
                        {part}
                      </code>
                    ))}
                </td>
                <td>
                  {TOKEN_NOTES[name] ?? null}
                  {elsewhere(name).map((d) =>
                    d.atRules.some((rule) => /^@media print\b/.test(rule)) ? (
                      <div key={`${d.selector}${d.atRules.join()}`}>
                        In print: <Value value={d.value} />
                      </div>
                    ) : (
                      <div key={`${d.selector}${d.atRules.join()}`}>
                        <code>{d.value}</code> on <code>{d.selector}</code>
                        {d.atRules.length ? (
                          <>
                            {' '}
                            inside <code>{d.atRules.join(' ')}</code>
                          </>
                        ) : null}
                      </div>
                    ),
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
      <tbody>
        <tr>
          <th scope="colgroup" colSpan={5} style={{ textAlign: 'start' }}>
            Set by the components
          </th>
        </tr>
        {readOnly.map((name) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>—</td>
            <td>—</td>
            <td>{usedBy(name).slice(0, 6).join(', ')}</td>
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
          Not documented yet (used in styles.css):{' '}
          {missing.map((name) => (
            <code key={name}>{name} </code>
          ))}
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
      const changed = await verifyReceipt(receipt, agreement.markdown.replace('legal guardian', 'parent'), {
        agreementId: agreement.id,
        version: agreement.version,
      });
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
    v.ok ? (
      <strong>ok</strong>
    ) : (
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
