import { canonicalizeAgreement } from './canonical';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function subtle() {
  const c = (globalThis as { crypto?: typeof crypto }).crypto;
  if (!c?.subtle) {
    throw new Error(
      'Web Crypto (crypto.subtle) is not available. Browsers expose it only in secure contexts: ' +
        'serve the page over https or from localhost. On a server, use Node 20 or later.',
    );
  }
  return c.subtle;
}

/** SHA-256 of a string's UTF-8 bytes as 64 lowercase hex digits, via Web Crypto. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += HEX[byte];
  return hex;
}

/**
 * SHA-256 (lowercase hex) of the canonical form of an agreement's text: the value a receipt's
 * `agreement.sha256` holds and a server recomputes from the version it served. Gives the same
 * result in Node and in browsers, and for any text that canonicalises to the same string.
 */
export function hashAgreement(text: string): Promise<string> {
  return sha256Hex(canonicalizeAgreement(text));
}
