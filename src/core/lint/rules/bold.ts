/**
 * `unbolded-limiting-clause` and `partial-bold`: the agreement promises that the clauses which
 * relieve the provider of obligations or limit the reader's rights are brought to attention in
 * bold, so a limiting sentence must be bold — all of it, so the condition and scope are seen
 * with the limiting words, not one word of it.
 */
import type { AnalysedSentence } from '../analyse';
import type { LintFinding } from '../types';

/** The limiting wording found, as written (shortened), for the message. */
const quoteIds = (s: AnalysedSentence, onlyPlain: boolean) =>
  [
    ...new Set(
      s.hits
        .filter((h) => !onlyPlain || !h.bold)
        .map((h) => `"${h.wording.length > 40 ? `${h.wording.slice(0, 39)}…` : h.wording}"`),
    ),
  ].join(', ');

/**
 * Errors for limiting sentences whose limiting wording is not bold; warnings for limiting
 * sentences whose wording is bold but only part of the sentence is. Bold on a sentence with no
 * limiting wording is the author's emphasis (a defined term, a heading-like lead) and is left alone.
 */
export function checkBold(
  sentences: readonly AnalysedSentence[],
  enabled: { unbolded: boolean; partial: boolean },
): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const s of sentences) {
    if (s.hits.length === 0 || s.bold === 'all') continue;
    if (enabled.unbolded && s.hits.some((h) => !h.bold)) {
      const part = s.bold === 'some' ? ' Only part of it is bold, and not that wording.' : '';
      findings.push({
        rule: 'unbolded-limiting-clause',
        severity: 'error',
        line: s.line,
        column: s.column,
        message:
          `This sentence limits the reader's rights or the provider's obligations (${quoteIds(s, true)}) ` +
          `but is not in bold.${part} Bold the whole sentence, as the agreement promises.`,
      });
    } else if (enabled.partial && s.bold === 'some' && s.firstBold) {
      findings.push({
        rule: 'partial-bold',
        severity: 'warning',
        line: s.firstBold.line,
        column: s.firstBold.column,
        message:
          `Only part of this limiting sentence is bold (${quoteIds(s, false)}): bold the whole ` +
          'sentence so its conditions and scope are as visible as its limiting words.',
      });
    }
  }
  return findings;
}
