/**
 * Precompiled agreements: a parsed agreement as compact JSON, so a server, a build step or a
 * React Server Component parses the markdown and the browser never does.
 *
 * Format `react-clickwrap/agreement@1`: the agreement's metadata and canonical markdown, its
 * markdown tree with every node's place as offsets into that markdown (a text's value is left
 * out when it is the markdown between those offsets, as it almost always is), and the tags of
 * the key clauses that have any, and their plain-language summaries, if any. Sections and key clauses (their ids, texts, bold parts and
 * spans) are derived again from the tree by the same walk `parseAgreement` makes, without
 * parsing: nothing is repeated.
 */
import type { Nodes, Root } from 'mdast';
import type { Agreement, KeyClause, KeyClauseSummary, KeyClauseTag } from '../types';
import { keyClauses } from './clauses';
import { AgreementError, got } from './errors';
import { LANGUAGE_NOT_GIVEN } from './language';
import { rememberTree } from './remembered';
import { walk } from './tree';

// Reading imports no markdown parser, directly or not (the walk and the clauses take the tree
// read here): an app that renders a precompiled agreement does not download the parser for it.
// Writing (`serializeAgreement`, precompile.ts) may parse, an agreement without a tree.

/** The format this version of react-clickwrap writes and reads. */
export const FORMAT = 'react-clickwrap/agreement@1';

/**
 * A markdown node: `[type, start, end, fields, ...children]`, where `start` and `end` are offsets
 * into the markdown and `fields` the node's other properties (0 when it has none).
 */
export type CompactNode = [string, number, number, Record<string, unknown> | 0, ...CompactNode[]];

/** A parsed agreement as plain JSON (see `serializeAgreement`). */
export interface PrecompiledAgreement {
  /** `react-clickwrap/agreement@1`: what `deserializeAgreement` of this version reads. */
  format: typeof FORMAT;
  /** The agreement's id, as given to `parseAgreement`. */
  id: string;
  /** The agreement's version, as given to `parseAgreement`. */
  version: string;
  /** The agreement's title. */
  title: string;
  /** The BCP 47 language tag of its text. */
  language: string;
  /**
   * `true` when the agreement was parsed without a `language`: its `language` ("en") is a
   * default, not the author's word (the view then gives its text no `lang` of its own, and a
   * receipt records no language). Absent otherwise; written only then, so agreements with a
   * language precompile as before, and an older reader reads "en" as it always did.
   */
  languageDefaulted?: true;
  /** When this version takes effect (`YYYY-MM-DD`), or null. */
  effectiveDate: string | null;
  /** The canonicalisation rules the markdown follows. */
  canonicalization: string;
  /** The canonical markdown: what is shown and hashed. */
  markdown: string;
  /** The markdown's tree, by offsets into `markdown`. */
  tree: CompactNode;
  /** The tags of each key clause that has any, by clause id. */
  tags: Record<string, readonly KeyClauseTag[]>;
  /** The plain-language summary of each key clause that has one, by clause id; absent when none has. */
  summaries?: Record<string, KeyClauseSummary>;
}

/**
 * Reads what `serializeAgreement` wrote (after JSON, from a server or a file) back into the
 * agreement `parseAgreement` returned, tree included, without parsing the markdown.
 * @throws AgreementError (`invalid-precompiled`) when `value` is not a precompiled agreement of
 *   this format version: precompile it again with this version of react-clickwrap.
 */
export function deserializeAgreement(value: unknown): Agreement {
  const input = value as Partial<PrecompiledAgreement> | null;
  if (typeof input !== 'object' || input === null || input.format !== FORMAT) {
    const format = typeof input === 'object' && input !== null ? got(input.format) : got(input);
    throw new AgreementError(
      'invalid-precompiled',
      `deserializeAgreement expects what serializeAgreement wrote, in format "${FORMAT}"; got ` +
        `${typeof input === 'object' && input !== null ? `format ${format}` : format}. Precompile ` +
        'the agreement again (serializeAgreement(parseAgreement(…))) with this version of react-clickwrap.',
    );
  }
  const { id, version, title, language, effectiveDate, canonicalization, markdown, tree, tags } = input;
  if (
    typeof id !== 'string' ||
    typeof version !== 'string' ||
    typeof title !== 'string' ||
    typeof language !== 'string' ||
    typeof canonicalization !== 'string' ||
    typeof markdown !== 'string' ||
    !Array.isArray(tree) ||
    typeof tags !== 'object' ||
    tags === null
  ) {
    throw new AgreementError(
      'invalid-precompiled',
      `deserializeAgreement: the precompiled agreement "${String(id)}" is incomplete (it needs id, ` +
        'version, title, language, canonicalization, markdown, tree and tags): send it as ' +
        'serializeAgreement wrote it.',
    );
  }
  const root = expand(tree, markdown, lineStarts(markdown)) as Root;
  if (root.type !== 'root') {
    throw new AgreementError(
      'invalid-precompiled',
      'deserializeAgreement: the tree does not start at its root.',
    );
  }
  const walked = walk(markdown, undefined, root);
  const agreement: Agreement = {
    id,
    version,
    title,
    language,
    effectiveDate: effectiveDate ?? null,
    markdown,
    canonicalization,
    sections: walked.sections,
    keyClauses: withSummaries(
      keyClauses(walked, (clause) => tags[clause.id] ?? []),
      input.summaries,
      id,
    ),
  };
  if (input.languageDefaulted === true) Object.defineProperty(agreement, LANGUAGE_NOT_GIVEN, { value: true });
  rememberTree(agreement, root);
  return agreement;
}

/** The clauses with the summaries written by `serializeAgreement`, checked as they arrive from outside. */
function withSummaries(clauses: KeyClause[], summaries: unknown, id: string): KeyClause[] {
  if (summaries === undefined) return clauses;
  const bad = (why: string): never => {
    throw new AgreementError(
      'invalid-precompiled',
      `deserializeAgreement: the summaries of the precompiled agreement "${id}" ${why}: send them as serializeAgreement wrote them.`,
    );
  };
  if (typeof summaries !== 'object' || summaries === null || Array.isArray(summaries)) {
    return bad(`are ${got(summaries)}, not an object by clause id`);
  }
  const byId = summaries as Record<string, unknown>;
  const known = new Set(clauses.map((clause) => clause.id));
  for (const [clauseId, value] of Object.entries(byId)) {
    const { general, minor } = (value ?? {}) as Partial<KeyClauseSummary>;
    if (!known.has(clauseId)) bad(`name ${got(clauseId)}, which is not a key clause`);
    if (typeof general !== 'string' || general === '' || (minor !== null && typeof minor !== 'string')) {
      bad(`give ${got(clauseId)} no { general, minor } texts`);
    }
  }
  return clauses.map((clause) => {
    const summary = Object.hasOwn(byId, clause.id) ? (byId[clause.id] as KeyClauseSummary) : undefined;
    return summary ? { ...clause, summary: { general: summary.general, minor: summary.minor } } : clause;
  });
}

/** Offsets at which each line of `markdown` starts. */
function lineStarts(markdown: string): number[] {
  const starts = [0];
  for (let i = markdown.indexOf('\n'); i !== -1; i = markdown.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line and column (1-based) of `offset`. */
function pointAt(offset: number, starts: readonly number[]) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1, offset };
}

function expand(node: CompactNode, markdown: string, starts: readonly number[]): Nodes {
  const [type, start, end, fields, ...children] = node;
  if (
    typeof type !== 'string' ||
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end < start ||
    end > markdown.length
  ) {
    throw new AgreementError(
      'invalid-precompiled',
      `deserializeAgreement: a node of the tree (${got(type)}) does not lie within the markdown.`,
    );
  }
  const out: Record<string, unknown> = { type, ...(fields || {}) };
  if (
    (type === 'text' || type === 'inlineCode' || type === 'code' || type === 'html') &&
    out.value === undefined
  ) {
    out.value = markdown.slice(start, end);
  }
  if (children.length > 0 || !LEAVES.has(type)) {
    out.children = children.map((child) => expand(child, markdown, starts));
  }
  out.position = { start: pointAt(start, starts), end: pointAt(end, starts) };
  return out as unknown as Nodes;
}

/** mdast nodes that have no `children`. */
const LEAVES = new Set([
  'text',
  'inlineCode',
  'code',
  'html',
  'break',
  'thematicBreak',
  'image',
  'imageReference',
  'definition',
]);
