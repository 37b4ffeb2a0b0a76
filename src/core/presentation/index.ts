/**
 * react-clickwrap/core/presentation: the notice rules over a receipt's presentation evidence.
 * Framework-free (no React, no DOM). Three names: the function, its options and its finding; the evidence
 * itself is `NonNullable<ConsentReceipt['presentation']>`.
 */
export { checkPresentation } from './check';
export type { CheckPresentationOptions, PresentationFinding } from './check';
