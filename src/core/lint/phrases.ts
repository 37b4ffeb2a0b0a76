/**
 * The wording that marks a sentence as limiting: it relieves the provider of an obligation or
 * limits the reader's rights. English is the only built-in set; other languages pass their own.
 */
import type { LimitingPhrase } from './types';

/** A phrase ready to match: its id and a case-insensitive, global regular expression. */
export interface CompiledPhrase {
  /** The id shown in messages and accepted by `removePhrases`. */
  id: string;
  /** The matcher (global, so every occurrence in a sentence is found). */
  regex: RegExp;
}

/** How many words `…` may stand for in a string phrase. */
const GAP_WORDS = 12;

/**
 * The English set. Each entry was checked against the Instadesk Terms: it occurs in a clause the
 * rendition bolds and in no sentence it leaves plain (see lint.instadesk.test.ts), so wording that
 * is common in ordinary obligations ("you do not have the right to", "sole responsibility of the
 * provider of the content", "borne by you" for device costs) is deliberately not here.
 */
export const ENGLISH_PHRASES: readonly (LimitingPhrase | string)[] = [
  // Liability and responsibility shed by the provider.
  'not liable',
  'no liability',
  'be liable',
  'shall not be held',
  'under no circumstances',
  'in no event',
  'limitation of liability',
  'limit … liability',
  'exclude … liability',
  'exempt*',
  'disclaim*',
  {
    id: 'not … responsible',
    pattern: /\b(?:not|no|nor|never|cannot|without)\b(?:\s+[\w'’-]+){0,3}?\s+(?:responsib|liab)\w*/i,
  },
  'nothing to do with us',
  'not related to us',
  'your own responsibility',
  // Burdens moved onto the reader.
  'fully responsible',
  'full responsibility',
  'bear all',
  'bear full',
  'bear legal responsibility',
  'full compensation',
  'compensate us',
  'claim compensation',
  'demand compensation',
  'indemnif*',
  'hold … harmless',
  'at your own risk',
  'at its own risk',
  'at your sole risk',
  'all risks',
  // Warranties withheld.
  {
    id: 'as is',
    pattern:
      /(?:["“']as[\s-]is["”']|\b(?:provided|offered|supplied|delivered|sold|licensed|available)\s+(?:on\s+an?\s+|in\s+)?["“']?as[\s-]is\b)/i,
  },
  {
    id: 'as available',
    pattern:
      /(?:["“']as[\s-]available["”']|\b(?:provided|offered|supplied|on)\s+(?:an?\s+)?["“']?as[\s-]available\b)/i,
  },
  'without warrant*',
  'no warrant*',
  'not warrant*',
  'not guarantee',
  'cannot guarantee',
  'no representation*',
  // Rights the reader gives up or grants.
  'waive*',
  'class action',
  'arbitration',
  'jury trial',
  'irrevocabl*',
  'perpetual licen*',
  'royalty-free',
  'grant us … right*',
  'grant us … licen*',
  'non-refundable',
  'not be refunded',
  'no refund*',
  'deemed to have',
  'deemed that',
  {
    id: 'not allowed to … transfer',
    pattern:
      /\b(?:not|never)\s+(?:be\s+)?(?:allowed|permitted|entitled)\s+to\b[^.;]{0,40}?\b(?:transfer|assign|sell|gift|sublicens)\w*/i,
  },
  {
    id: 'may not transfer',
    pattern:
      /\byou\s+(?:may|shall|must|can)\s*not\s+(?:[\w'’-]+\s+){0,3}?(?:transfer|assign|sell|sublicens)\w*/i,
  },
  'non-transferable',
  // The provider's discretion to change, suspend or end the service.
  'sole discretion',
  'absolute discretion',
  'own discretion',
  'unilateral*',
  'without … notice',
  {
    id: 'may modify … at any time',
    pattern:
      /\b(?:we|company|provider)\s+may\s+(?:[\w'’-]+\s+){0,2}?(?:modify|change|amend|update|revise|terminate|suspend|discontinue)\b[^.;]{0,80}?\bat\s+any\s+time\b/i,
  },
  {
    id: 'we have the right to',
    pattern: /\b(?:we|us|company|provider)\b[^.;,]{0,30}?\b(?:have|has|reserves?|retains?)\s+the\s+right\b/i,
  },
  {
    id: 'we may suspend',
    pattern:
      /\bwe\s+may\s+(?:[\w'’-]+\s+){0,2}?(?:suspend|terminat|cancel|delet|restrict|disabl|freez|clos|remov|disclos|modif|chang|make\s+modifications)\w*/i,
  },
  'permanently freeze',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Compiles a string phrase (`…` = a gap of words, `word*` = a prefix) or takes a RegExp as is. */
export function compilePhrase(phrase: LimitingPhrase | string): CompiledPhrase {
  const { pattern, id } = typeof phrase === 'string' ? { pattern: phrase, id: phrase } : phrase;
  if (pattern instanceof RegExp) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    return {
      id: id ?? pattern.source,
      regex: new RegExp(pattern.source, flags),
    };
  }
  if (typeof pattern !== 'string' || !/\w/.test(pattern)) {
    throw new TypeError(
      `lintAgreement: a phrase must be a string with at least one word or a RegExp; got ${JSON.stringify(pattern)}.`,
    );
  }
  const parts = pattern.trim().split(/\s+/);
  let source = '';
  let gap = false;
  for (const part of parts) {
    if (part === '…' || part === '...') {
      gap = true;
      continue;
    }
    const word = part.endsWith('*') ? `${escape(part.slice(0, -1))}[\\w'’-]*` : escape(part);
    if (source !== '') {
      source += gap ? `\\W+(?:[\\w'’-]+\\W+){0,${GAP_WORDS}}?` : `[\\s-]+`;
    }
    source += word;
    gap = false;
  }
  return { id: id ?? pattern, regex: new RegExp(`\\b${source}\\b`, 'gi') };
}
