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

interface NodeHash {
  update(text: string, encoding: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}
type CreateHash = (algorithm: 'sha256') => NodeHash;

// In Node, node:crypto hashes a string synchronously, encoding it to UTF-8 as it goes (the same
// bytes as TextEncoder, lone surrogates included), with no encode copy and no thread-pool round
// trip: several times faster than Web Crypto for one agreement. It is reached through
// process.getBuiltinModule (Node 20.16+), never an import, so browsers and bundlers see nothing;
// anywhere else (browsers, older Node), Web Crypto.
const nodeCreateHash: CreateHash | null = (() => {
  try {
    const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const mod = process?.getBuiltinModule?.('node:crypto') as { createHash?: CreateHash } | undefined;
    return typeof mod?.createHash === 'function' ? mod.createHash : null;
  } catch {
    return null;
  }
})();

// Web Crypto copies its input when digest() is called, so one scratch buffer serves every call.
// TextEncoder.encodeInto into it is ~3x faster in Chromium than encode(), which sizes a new array.
// Texts too large to keep a buffer for (past 1M UTF-16 units) get a fresh one.
const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
let scratch = new Uint8Array(0);
function utf8(text: string): Uint8Array<ArrayBuffer> {
  const needed = text.length * 3;
  if (!encoder || needed > 3 << 20) return new TextEncoder().encode(text);
  if (scratch.length < needed) scratch = new Uint8Array(Math.max(needed, 4096));
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/** SHA-256 of a string's UTF-8 bytes as 64 lowercase hex digits (node:crypto in Node, else Web Crypto). */
export async function sha256Hex(text: string): Promise<string> {
  if (nodeCreateHash) return nodeCreateHash('sha256').update(text, 'utf8').digest('hex');
  const digest = await subtle().digest('SHA-256', utf8(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += HEX[byte];
  return hex;
}

// Its documentation is on the public name, in src/core/public/hash.ts.
export function hashAgreement(text: string): Promise<string> {
  return sha256Hex(canonicalizeAgreement(text));
}
