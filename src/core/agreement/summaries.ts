/**
 * Plain-language summaries: an optional trailing section of the agreement's markdown, written by
 * its author, that gives a key clause a short summary (and a variant for minors). The section is
 * cut from the text before it is hashed as the agreement, so the agreement's hash is that of its
 * body alone; the summaries are hashed on their own, as shown (./summaries-shown.ts).
 *
 * The syntax, readable in any markdown viewer:
 *
 * ```markdown
 * ## Plain-language summaries
 *
 * - `2-scope-of-software-licenses--2-4`: We do not promise the software fits your needs.
 *   - For minors: The app may not do everything you want, and we do not promise it will.
 * ```
 *
 * A heading (any level) reading "Plain-language summaries" opens the section, which runs to the
 * end of the text. It holds one list: each item names a key clause by its id (`KeyClause.id`) in
 * backticks, then a colon and the summary, in plain text; an item nested under it that starts
 * "For minors:" gives the variant shown when the guardian rule applies.
 */
import type { List, ListItem, Nodes, PhrasingContent, Root } from 'mdast';
import type { KeyClause, KeyClauseSummary } from '../types';
import { parseMarkdown } from './chunks';
import { AgreementError, type AgreementErrorCode } from './errors';
import { forbiddenAt } from './invisible';
import { SUMMARIES_HEADING, type SplitText } from './summaries-split';
import { collapse, type WalkChecks } from './tree';

const MINORS = /^\s*for minors\s*:/i;
const EXAMPLE =
  '"- `clause-id`: The summary in plain words." (with, if needed, a nested "- For minors: …" item)';

/** A summary found in the section, before it is attached to its clause. */
interface Found {
  id: string;
  summary: KeyClauseSummary;
}

/**
 * Reads the summaries section and gives each key clause its summary.
 * @throws AgreementError `invalid-summary` (not a list of summaries), `summary-unknown-clause`,
 *   `summary-duplicate` or `summary-minor-without-general`, with the line and column.
 */
export function attachSummaries(
  clauses: readonly KeyClause[],
  split: SplitText,
  checks: WalkChecks,
): KeyClause[] {
  if (split.section === null) return [...clauses];
  const fail = (code: AgreementErrorCode, node: Nodes | undefined, what: string): never => {
    const line = (node?.position?.start.line ?? 1) + split.line - 1 + checks.lineOffset;
    const column = node?.position?.start.column ?? 1;
    throw new AgreementError(code, `${checks.subject}, line ${line}, column ${column}: ${what}`, {
      line,
      column,
    });
  };

  const root: Root = parseMarkdown(split.section);
  const [heading, ...rest] = root.children;
  if (heading?.type !== 'heading') {
    return fail('invalid-summary', heading, `the "${SUMMARIES_HEADING}" heading must be a heading.`);
  }
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const found = new Map<string, { summary: KeyClauseSummary; line: number }>();
  for (const node of rest) {
    if (node.type !== 'list') {
      fail(
        'invalid-summary',
        node,
        `the "${SUMMARIES_HEADING}" section may hold only a list of summaries (it is not shown as ` +
          `part of the agreement, so nothing else in it would be seen); write each as ${EXAMPLE}.`,
      );
    }
    for (const item of (node as List).children) {
      const { id, summary } = readItem(item, fail);
      if (!byId.has(id)) {
        fail('summary-unknown-clause', item, unknownClause(id, clauses));
      }
      const first = found.get(id);
      if (first) {
        fail(
          'summary-duplicate',
          item,
          `the clause \`${id}\` already has a summary (line ${first.line + split.line - 1 + checks.lineOffset}): ` +
            'give each key clause one item, with its minors\u2019 variant nested under it.',
        );
      }
      found.set(id, { summary, line: item.position?.start.line ?? 1 });
    }
  }
  return clauses.map((clause) => {
    const entry = found.get(clause.id);
    return entry ? { ...clause, summary: entry.summary } : clause;
  });
}

type Fail = (code: AgreementErrorCode, node: Nodes | undefined, what: string) => never;

function readItem(item: ListItem, fail: Fail): Found {
  const [first, nested, ...extra] = item.children;
  if (first?.type !== 'paragraph') {
    return fail(
      'invalid-summary',
      first ?? item,
      `a summary item must start with its clause: write ${EXAMPLE}.`,
    );
  }
  const [code, ...phrasing] = first.children;
  if (code?.type !== 'inlineCode') {
    const minors = MINORS.test(plainText(first.children, fail));
    return fail(
      'invalid-summary',
      first,
      minors
        ? 'a "For minors:" item belongs nested under the item of its clause, which gives the general summary: ' +
            `write ${EXAMPLE}.`
        : `a summary item must name its key clause by id in backticks first: write ${EXAMPLE}. ` +
            'The ids are those of parseAgreement(…).keyClauses.',
    );
  }
  const after = plainText(phrasing, fail);
  if (!/^\s*:/.test(after)) {
    fail(
      'invalid-summary',
      code,
      `put a colon after the clause \`${code.value}\`, then its summary: write ${EXAMPLE}.`,
    );
  }
  const general = collapse([after.replace(/^\s*:/, '')]);
  let minor: string | null = null;
  if (extra.length > 0 || (nested && nested.type !== 'list')) {
    fail(
      'invalid-summary',
      extra[0] ?? nested,
      `a summary is one paragraph, with at most a nested "For minors:" item: write ${EXAMPLE}.`,
    );
  }
  for (const sub of nested?.type === 'list' ? nested.children : []) {
    const [paragraph, ...more] = sub.children;
    const text = paragraph?.type === 'paragraph' ? plainText(paragraph.children, fail) : '';
    if (paragraph?.type !== 'paragraph' || more.length > 0 || !MINORS.test(text)) {
      fail(
        'invalid-summary',
        sub,
        `a nested item under \`${code.value}\` must be its minors\u2019 variant: "- For minors: …", one paragraph.`,
      );
    }
    if (minor !== null) {
      fail(
        'summary-duplicate',
        sub,
        `the clause \`${code.value}\` already has a "For minors:" variant: keep one.`,
      );
    }
    minor = collapse([text.replace(MINORS, '')]);
    if (minor === '') fail('invalid-summary', sub, 'write the minors\u2019 variant after "For minors:".');
  }
  if (general === '') {
    return minor === null
      ? fail('invalid-summary', code, `write the summary of \`${code.value}\` after the colon: ${EXAMPLE}.`)
      : fail(
          'summary-minor-without-general',
          code,
          `the clause \`${code.value}\` has a "For minors:" variant but no general summary: write the ` +
            'summary every reader sees after the colon; minors see their variant instead.',
        );
  }
  return { id: code.value.trim(), summary: { general, minor } };
}

/** A summary is plain text: any other markup would be hashed but not shown as written. */
function plainText(nodes: readonly PhrasingContent[], fail: Fail): string {
  let text = '';
  for (const node of nodes) {
    if (node.type !== 'text') {
      fail(
        node.type === 'html' ? 'raw-html' : node.type.startsWith('image') ? 'image' : 'invalid-summary',
        node,
        `a summary is plain text (found ${node.type === 'inlineCode' ? 'code' : node.type}): ` +
          'write it without links, emphasis, code or images.',
      );
    }
    const value = (node as { value: string }).value;
    // Decoded: a character reference (`&#x202E;`) passes the scan of the raw text as ASCII.
    for (let i = 0; i < value.length; i++) {
      const forbidden = forbiddenAt(value, i);
      if (forbidden) fail(forbidden.code, node, `the summary holds ${forbidden.label}. ${forbidden.advice}`);
    }
    text += value;
  }
  return text;
}

/** What to write instead of an id that names no key clause, with the likeliest ids. */
function unknownClause(id: string, clauses: readonly KeyClause[]): string {
  const tail = id.includes('--') ? id.slice(id.lastIndexOf('--')) : `--${id.replace(/\./g, '-')}`;
  const near = clauses
    .filter((clause) => clause.id.endsWith(tail) || (id.length > 2 && clause.id.startsWith(id)))
    .slice(0, 3)
    .map((clause) => `\`${clause.id}\``);
  return (
    `\`${id}\` names no key clause of this agreement (only bold clauses have ids a summary can name)` +
    (near.length > 0 ? `; did you mean ${near.join(' or ')}?` : '.') +
    ' Write the id as parseAgreement(…).keyClauses gives it, e.g. "2-scope-of-software-licenses--2-4".'
  );
}
