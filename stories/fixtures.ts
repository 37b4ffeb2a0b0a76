/**
 * What every story shows: the default agreement, the Instadesk Terms and Conditions, parsed once
 * from its markdown rendition exactly as an app would do it.
 */
import terms from '../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../src/core';
import type { Agreement } from '../src/core';

/** The Instadesk Terms and Conditions: 16 sections, 45 bolded key clauses. */
export const agreement: Agreement = parseAgreement({
  id: 'instadesk-terms',
  version: '2024-05-01',
  markdown: terms,
});

/** The person agreeing in the stories, as an app would identify them. */
export const signer = { id: 'user-1', name: 'Anna Berg' };
