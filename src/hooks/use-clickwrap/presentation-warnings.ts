/**
 * Development only: the notice rules (`checkPresentation`) held against the presentation just
 * recorded, as warnings. Imported on demand by ./delivery.ts in development, so production apps
 * never fetch the rules nor these words.
 */
import { checkPresentation } from '../../core/presentation/check';
import type { ConsentReceipt } from '../../core/types';
import { warnOnce } from '../../internal/dev';

const warnedRules = new Set<string>();

/**
 * In development, warns once per rule that the presentation just measured fails a notice rule
 * (see `checkPresentation`): the app's layout or wording, not the person, is at fault.
 */
export function warnPresentationFindings(receipt: ConsentReceipt): void {
  if (process.env.NODE_ENV === 'production') return;
  for (const finding of checkPresentation(receipt)) {
    if (finding.status !== 'fail' || warnedRules.has(finding.rule)) continue;
    warnedRules.add(finding.rule);
    warnOnce(
      `The clickwrap's presentation fails the rule "${finding.rule}" at accept: ${finding.message} ` +
        `(${finding.source}). The receipt records this evidence; checkPresentation(receipt) lists every rule.`,
    );
  }
}
