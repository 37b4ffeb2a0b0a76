/**
 * The default key-clause tagger: which clauses concern minors or their guardians (English only).
 */
import type { KeyClauseTag } from '../types';

/**
 * Words that mark a clause about minors or their guardians. English only. "minor" used as an
 * adjective ("minor changes") and "parent" of a company are left out, as are "under 30 days" and
 * the like (only ages up to 21 count).
 */
const MINORS = new RegExp(
  [
    String.raw`\bminors?\b(?!\s+(?:changes?|modifications?|updates?|amendments?|revisions?|corrections?|edits?|adjustments?|versions?|errors?|defects?|issues?|bugs?)\b)`,
    String.raw`\bunder\s+(?:the\s+age\s+of|[1-9]|1\d|2[01]|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty(?:-one)?)\b`,
    String.raw`\bage\s+of\s+majority\b`,
    String.raw`\bguardian(?:s|ship)?\b`,
    String.raw`\bparents?\b(?!\s+(?:compan(?:y|ies)|entit(?:y|ies)|organi[sz]ations?|corporations?|undertakings?)\b)`,
    String.raw`\bparental\b`,
    String.raw`\bchild(?:ren)?\b`,
  ].join('|'),
  'i',
);

// Its documentation is on the public name, in src/core/public/tagger.ts.
export function defaultTagClause(clause: { readonly text: string }): KeyClauseTag[] {
  return MINORS.test(clause.text) ? ['minors'] : [];
}
