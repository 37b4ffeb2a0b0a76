/**
 * Writing a precompiled agreement (format and reading: precompiled.ts). Apart from reading
 * because it takes the agreement's tree with `treeOf`, which parses an agreement that has none
 * (one copied through JSON): the parser stays out of an app that only reads.
 */
import type { Nodes } from 'mdast';
import type { Agreement, KeyClauseSummary, KeyClauseTag } from '../types';
import { declaredLanguage } from './language';
import { FORMAT, type CompactNode, type PrecompiledAgreement } from './precompiled';
import { treeOf } from './rendered';

/**
 * Turns a parsed agreement into compact, JSON-safe data that `deserializeAgreement` turns back
 * into the same agreement without parsing the markdown: parse on a server or in a build step,
 * send this, and render it in the browser.
 */
export function serializeAgreement(agreement: Agreement): PrecompiledAgreement {
  const { markdown } = agreement;
  const tags: Record<string, readonly KeyClauseTag[]> = {};
  const summaries: Record<string, KeyClauseSummary> = {};
  for (const clause of agreement.keyClauses) {
    if (clause.tags.length > 0) tags[clause.id] = clause.tags;
    if (clause.summary)
      summaries[clause.id] = { general: clause.summary.general, minor: clause.summary.minor };
  }
  return {
    format: FORMAT,
    id: agreement.id,
    version: agreement.version,
    title: agreement.title,
    language: agreement.language,
    ...(declaredLanguage(agreement) === undefined ? { languageDefaulted: true as const } : {}),
    effectiveDate: agreement.effectiveDate,
    canonicalization: agreement.canonicalization,
    markdown,
    tree: compact(treeOf(agreement), markdown),
    tags,
    // Written only when there are summaries, so agreements without them precompile as before.
    ...(Object.keys(summaries).length > 0 ? { summaries } : {}),
  };
}

function compact(node: Nodes, markdown: string): CompactNode {
  const { type, position, ...rest } = node as Nodes & { children?: Nodes[]; value?: string };
  const start = position?.start.offset ?? 0;
  const end = position?.end.offset ?? 0;
  const { children, ...fields } = rest as { children?: Nodes[]; value?: string };
  if (fields.value !== undefined && fields.value === markdown.slice(start, end)) delete fields.value;
  const out: CompactNode = [type, start, end, Object.keys(fields).length > 0 ? fields : 0];
  for (const child of children ?? []) out.push(compact(child, markdown));
  return out;
}
