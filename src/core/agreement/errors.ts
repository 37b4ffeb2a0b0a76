/**
 * The one error type for bad agreement input, with stable codes and, where the problem is in the
 * text, the line and column it was found at.
 */
import { describe } from '../canonical';

/** Why an {@link AgreementError} was thrown, so callers branch on a code, not on prose. */
export type AgreementErrorCode =
  | 'invalid-input'
  | 'invalid-id'
  | 'invalid-version'
  | 'invalid-markdown'
  | 'invalid-limits'
  | 'empty-agreement'
  | 'invalid-title'
  | 'invalid-language'
  | 'invalid-effective-date'
  | 'invalid-tag-clause'
  /** Raw HTML (a block, an inline tag, a comment): the reader is never shown it. */
  | 'raw-html'
  /** An image: its pixels are not in the hashed text and its alt text is not shown. */
  | 'image'
  /** Text that is hashed but not shown: a link title, an unused link definition, a code info string. */
  | 'hidden-text'
  /** A control character other than tab and line feed (U+0000–U+001F, U+007F–U+009F). */
  | 'control-character'
  /** An invisible character that hides text or reorders what is shown (a bidi control, a tag character, a Hangul filler…), raw or as a character reference. */
  | 'invisible-character'
  /** Nothing a reader could see: only markup, blank headings, rules or invisible characters. */
  | 'no-visible-text'
  /** More UTF-8 bytes than `limits.maxBytes`. */
  | 'too-large'
  /** More lines than `limits.maxLines`. */
  | 'too-many-lines'
  /** Lists, quotes or emphasis nested deeper than `limits.maxDepth`. */
  | 'too-deep'
  /** More work for the parser than `limits.maxComplexity` allows (lines, list items, quotes, nesting, marks, bytes). */
  | 'too-complex'
  /** More inline markup characters than `limits.maxInlineMarks` (in all, or in one block). */
  | 'too-much-markup'
  /** `deserializeAgreement` was given something other than what `serializeAgreement` wrote (or another format version). */
  | 'invalid-precompiled'
  /** The `## Plain-language summaries` section holds something other than a list of `- \`clause-id\`: summary` items. */
  | 'invalid-summary'
  /** A plain-language summary names an id that is not a key clause of the agreement. */
  | 'summary-unknown-clause'
  /** A key clause has two summaries (or two minors' variants). */
  | 'summary-duplicate'
  /** A clause has a minors' variant but no general summary. */
  | 'summary-minor-without-general'
  /** `diffAgreements` was given versions of two different agreements (their ids differ). */
  | 'different-agreements';

/** Where in the agreement's markdown (as passed in) a problem was found. */
export interface AgreementErrorLocation {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

/** One error type for every bad agreement input, whose message says what to pass instead. */
export class AgreementError extends Error {
  /** Stable reason for the failure, safe to branch on or to log. */
  readonly code: AgreementErrorCode;
  /** 1-based line of the markdown where the problem is, when it is in the text. */
  readonly line: number | undefined;
  /** 1-based column of the markdown where the problem is, when it is in the text. */
  readonly column: number | undefined;
  override name = 'AgreementError';

  constructor(code: AgreementErrorCode, message: string, location?: AgreementErrorLocation) {
    super(message);
    this.code = code;
    this.line = location?.line;
    this.column = location?.column;
  }
}

/** An unexpected value, shown in an error message. */
export function got(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === '') return 'an empty string';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value === 'function' ? 'a function' : describe(value);
}
