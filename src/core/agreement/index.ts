/**
 * Parsing an agreement: its canonical markdown, its sections (headings) and its key clauses (the
 * paragraphs and list items it brings to the reader's attention in bold), within documented
 * limits and with nothing hashed that is not shown.
 */
export { blocksOf, type AgreementBlock } from './blocks';
export { AgreementError, type AgreementErrorCode, type AgreementErrorLocation } from './errors';
export { AGREEMENT_LIMITS, type AgreementLimits } from './limits';
export { keyClauseAt, sectionAt } from './lookup';
export { deserializeAgreement, type PrecompiledAgreement } from './precompiled';
export { serializeAgreement } from './precompile';
export { defaultTagClause } from './tags';
export { parseAgreement } from './parse-agreement';
