// The core's public hashAgreement (see ../index.ts for why it is a function of a module of its
// own, not a re-export). Loads the hash and the canonical text only.

import { hashAgreement as hashAgreementPart } from '../hash';

/**
 * SHA-256 (lowercase hex) of the canonical form of an agreement's text: the value a receipt's
 * `agreement.sha256` holds and a server recomputes from the version it served. Gives the same
 * result in Node and in browsers, and for any text that canonicalises to the same string.
 */
export function hashAgreement(text: string): Promise<string> {
  return hashAgreementPart(text);
}
