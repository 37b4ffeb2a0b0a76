/**
 * The age brackets a receipt records, in a module that imports nothing: react-clickwrap/core's
 * entry re-exports it directly (see src/core/index.ts for why that matters).
 */

/**
 * The brackets {@link ageBracketOf} returns. Their edges are every built-in threshold (13 for COPPA;
 * 13, 14, 15 and 16 for GDPR; 18 for the agreement), so a bracket alone shows which side of any
 * built-in rule a person was on. A custom threshold that is not one of those edges is not resolved
 * by the bracket: rely on `GuardianDecision.required` for it.
 */
export const AGE_BRACKETS = ['under-13', '13', '14', '15', '16-17', '18-plus'] as const;

/** One of {@link AGE_BRACKETS}. */
export type AgeBracket = (typeof AGE_BRACKETS)[number];
