/**
 * The shapes `lintAgreement` takes and returns. Framework-free: no React, no DOM, no Node.
 */

/** The stable id of each lint rule (used in output, in `rules` options and in CI filters). */
export type LintRuleId = 'unbolded-limiting-clause' | 'partial-bold' | 'numbering-gap';

/** How serious a finding is: errors fail the CLI (exit 1), warnings do not. */
export type LintSeverity = 'error' | 'warning';

/** One problem found in an agreement's markdown. */
export interface LintFinding {
  /** Which rule found it. */
  rule: LintRuleId;
  /** `error` for a broken promise to the reader, `warning` for something to review. */
  severity: LintSeverity;
  /** 1-based line in the markdown source where the sentence, span or number starts. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count them) of that start. */
  column: number;
  /** What is wrong and what to do, in one sentence or two. */
  message: string;
}

/**
 * Wording that marks a sentence as limiting. A string is matched case-insensitively on whole
 * words: `…` (or `...`) stands for a gap of up to 12 words within the sentence, and a word ending
 * in `*` matches any word it begins (`irrevocabl*`). A RegExp is used as given (add the `i` flag).
 */
export interface LimitingPhrase {
  /** Stable name, used in messages and in `removePhrases`; defaults to the string pattern. */
  id?: string;
  /** The wording to look for. */
  pattern: string | RegExp;
}

/** Options for `lintAgreement`. */
export interface LintOptions {
  /**
   * Language of the agreement (BCP 47). Only English (`en`, the default) has a built-in phrase
   * set; for any other language pass `phrases`, or `lintAgreement` throws.
   * @default 'en'
   */
  language?: string;
  /** Replaces the built-in phrase set entirely (required for languages other than English). */
  phrases?: readonly (LimitingPhrase | string)[];
  /** Extra phrases, added to the built-in (or given) set. */
  addPhrases?: readonly (LimitingPhrase | string)[];
  /** Ids (pattern strings) of built-in phrases to leave out, e.g. `['arbitration']`. */
  removePhrases?: readonly string[];
  /**
   * Longest markdown accepted, in UTF-16 code units; longer input throws a `LintError`
   * (`too-long`) instead of taking seconds to parse.
   * @default 262144
   */
  maxLength?: number;
  /** Turn single rules off, e.g. `{ 'partial-bold': false }`. Every rule is on by default. */
  rules?: Partial<Record<LintRuleId, boolean>>;
}
