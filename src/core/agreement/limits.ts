/**
 * Limits on what `parseAgreement` accepts, checked by one linear scan of the canonical text
 * before the markdown parser runs.
 *
 * Why: micromark (the parser react-markdown also uses) is super-linear on some inputs. Nested
 * containers (`'- '.repeat(10000)`), nested emphasis (`'*'.repeat(10000) + 'x' + …`) and long
 * runs of link brackets or delimiters inside one paragraph (`'[a]'.repeat(20000)`) took from
 * seconds to minutes, in the browser as on a server. The scan rejects them in milliseconds with
 * an error saying which limit was hit and where. The defaults keep every input within them under
 * a second on a busy 2-core machine, and real agreements inside: the Instadesk Terms (31 KB, 233
 * lines, nested 2 deep) use a tenth of each, ten copies of them at most 80%. `bench/parse.bench.ts`
 * measures the worst inputs within them.
 */
import { AgreementError, got } from './errors';

/** Bounds on an agreement's size and nesting. Every field is optional in `parseAgreement`. */
export interface AgreementLimits {
  /** Most UTF-8 bytes of the canonical text. @default 393216 (384 KiB) */
  maxBytes: number;
  /** Most lines of the canonical text. @default 5000 */
  maxLines: number;
  /**
   * Deepest nesting: of lists and block quotes (counted on each line from its `>` markers and,
   * for lists, two columns of indentation or marker per level), and of emphasis inside a block
   * (counted in open `*` and `_` delimiter characters, so `***x***` is 3). @default 16
   */
  maxDepth: number;
  /**
   * Most work for the markdown parser, as a score: each line counts 1, each list item and each
   * block quote 4 (every list marker, and every `>` that opens a quote), each level of nesting
   * on a line 1 (a line 3 deep in lists counts 3 more), each inline mark ¾ and every 128 bytes
   * 1; and, as the parser's cost grows with the square of the items nested in one top-level
   * block, each item or quote opened on an indented or quoted line 1/64 for every other opened
   * since the last line at column 0. All of it counts twice in an agreement with link reference
   * definitions (`[label]: url`), whose pieces are parsed twice. Inputs at several limits at once
   * then stay fast too. Ten copies of the Instadesk Terms (308 KB) score 11,739. @default 15000
   */
  maxComplexity: number;
  /**
   * Most inline markup characters (`*` `_` `` ` `` `[` `]` `<` `&` `\` `!`) in the whole agreement
   * (fenced code excepted). @default 10000
   */
  maxInlineMarks: number;
  /**
   * Most inline markup characters in one block (a run of lines without a blank line, a list
   * item or a heading): the parser's cost grows with the square of this number. @default 500
   */
  maxInlineMarksPerBlock: number;
}

/** The default limits (see {@link AgreementLimits} for what each bounds). */
export const AGREEMENT_LIMITS: Readonly<AgreementLimits> = Object.freeze({
  maxBytes: 384 * 1024,
  maxLines: 5_000,
  maxDepth: 16,
  maxComplexity: 15_000,
  maxInlineMarks: 10_000,
  maxInlineMarksPerBlock: 500,
});

const LIMIT_NAMES = Object.keys(AGREEMENT_LIMITS) as (keyof AgreementLimits)[];

/** The defaults with the caller's overrides, each checked to be a positive integer. */
export function resolveLimits(value: unknown): AgreementLimits {
  if (value === undefined) return AGREEMENT_LIMITS;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgreementError(
      'invalid-limits',
      'parseAgreement: `limits` must be an object such as { maxBytes: 2_097_152 }, or left out ' +
        `for the defaults; got ${got(value)}.`,
    );
  }
  const limits = { ...AGREEMENT_LIMITS };
  for (const [name, given] of Object.entries(value)) {
    if (given === undefined) continue;
    if (!LIMIT_NAMES.includes(name as keyof AgreementLimits)) {
      throw new AgreementError(
        'invalid-limits',
        `parseAgreement: \`limits.${name}\` is not a limit; the limits are ${LIMIT_NAMES.join(', ')}.`,
      );
    }
    if (typeof given !== 'number' || !Number.isSafeInteger(given) || given < 1) {
      throw new AgreementError(
        'invalid-limits',
        `parseAgreement: \`limits.${name}\` must be a positive whole number; got ${got(given)}.`,
      );
    }
    limits[name as keyof AgreementLimits] = given;
  }
  return limits;
}
