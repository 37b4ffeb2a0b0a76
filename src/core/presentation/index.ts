/**
 * react-clickwrap/core/presentation: the notice rules over a receipt's presentation evidence.
 * Framework-free (no React, no DOM). Two names: the function and its finding; the evidence
 * itself is `NonNullable<ConsentReceipt['presentation']>`.
 */
export { checkPresentation } from './check';
export type { PresentationFinding } from './check';
