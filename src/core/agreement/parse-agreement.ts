/**
 * The public `parseAgreement`, in a module of its own (index.ts re-exports it): see below.
 */
import type { Agreement, AgreementInput } from '../types';
import type { AgreementLimits } from './limits';
import { parseAgreementText } from './parse';

// A function calling the parser, not a re-export of it: the receipt's summaries import the parser
// on demand, which makes esbuild count it as used, and a re-export would then put it (with
// micromark, ~24 KB) in the first load of an app using any name of react-clickwrap/core, e.g.
// hashAgreement alone (25.8 KB instead of 1.7). And in this module, not in index.ts: esbuild
// follows every import of a module any of whose names is used, so an app using
// deserializeAgreement alone loaded the parser while index.ts imported it (for this function).
/**
 * Gives hooks, renderers and receipts one structure whose text, sections and clauses all come
 * from the same canonical markdown, which is exactly what a reader is shown (hashed = shown).
 *
 * Refused, each with an {@link AgreementError} whose `code` says why and whose `line` and
 * `column` say where: raw HTML (`raw-html`), images (`image`), link titles, unused link
 * definitions and code info strings (`hidden-text`), control characters other than tab and line
 * feed (`control-character`), invisible characters that hide text or reorder what is shown, such
 * as bidi overrides, tag characters and Hangul fillers, raw or written as character references
 * (`invisible-character`; see invisible.ts for the set, and for the invisible characters real
 * text needs, which are kept), text with nothing visible (`no-visible-text`), and text beyond
 * `limits` (`too-large`, `too-many-lines`, `too-deep`, `too-much-markup`; see
 * {@link AgreementLimits} for the defaults and how to raise them).
 *
 * A trailing `## Plain-language summaries` section (any heading level) is not part of the
 * agreement's text: it is cut off before hashing and gives key clauses their author-written
 * summaries (`KeyClause.summary`), one list item per clause, "- `clause-id`: summary", with an
 * optional nested "- For minors: …" item. A summary naming no key clause
 * (`summary-unknown-clause`), a second summary of a clause (`summary-duplicate`), a minors'
 * variant without the general summary (`summary-minor-without-general`) and anything else in
 * the section (`invalid-summary`) are refused with the line and column.
 * @throws AgreementError when the input is malformed, empty, hides text, or exceeds a limit.
 */
export function parseAgreement(
  input: AgreementInput & {
    /** Overrides of the default {@link AgreementLimits}, e.g. `{ maxBytes: 2_097_152 }`. */
    readonly limits?: Partial<AgreementLimits>;
  },
): Agreement {
  return parseAgreementText(input);
}
