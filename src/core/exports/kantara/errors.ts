/** The error `toKantaraReceipt` throws, with every problem it found. */

/** What a {@link KantaraError} is about; safe to branch on. */
export type KantaraErrorCode =
  /** A required option is absent or empty. */
  | 'missing-option'
  /**
   * An option has the wrong type or format, or contradicts another (or the receipt: a purpose's
   * `optionalConsentId` names an optional consent the receipt does not list).
   */
  | 'invalid-option'
  /** The receipt lacks a field the Kantara receipt is built from. */
  | 'invalid-receipt'
  /**
   * No purpose applies: each is tied to an acknowledgement the receipt does not record or to an
   * optional consent it records as not granted.
   */
  | 'no-purposes';

/** One problem found by {@link toKantaraReceipt}. */
export interface KantaraProblem {
  /** What kind of problem; stable, safe to branch on. */
  code: KantaraErrorCode;
  /** Where, e.g. `"options.piiControllers[0].email"` or `"receipt.acceptedAt"`. */
  path: string;
  /** What is wrong and what to pass instead. */
  message: string;
}

/** Thrown by {@link toKantaraReceipt}; lists every problem found, not just the first. */
export class KantaraError extends Error {
  override name = 'KantaraError';
  /** The first problem's code. */
  readonly code: KantaraErrorCode;
  /** The first problem's path. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: readonly KantaraProblem[];

  constructor(problems: readonly KantaraProblem[]) {
    const [first] = problems;
    const list = problems.map((problem) => `\n- ${problem.message}`).join('');
    super(
      problems.length === 1
        ? `toKantaraReceipt: ${first?.message ?? ''}`
        : `toKantaraReceipt found ${problems.length} problems:${list}`,
    );
    this.code = first?.code ?? 'invalid-option';
    this.path = first?.path ?? '';
    this.problems = problems;
  }
}
