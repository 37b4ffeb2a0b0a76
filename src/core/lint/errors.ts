/** The one error `lintAgreement` throws for input it cannot lint (findings are never thrown). */

/** Why `lintAgreement` refused its input. */
export type LintErrorCode = 'invalid-markdown' | 'too-long' | 'invalid-options' | 'unsupported-language';

/** Thrown for bad input; the message says what to pass instead. */
export class LintError extends Error {
  /** A stable code to branch on. */
  readonly code: LintErrorCode;

  constructor(code: LintErrorCode, message: string) {
    super(message);
    this.name = 'LintError';
    this.code = code;
  }
}
