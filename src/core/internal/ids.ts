/** Receipt ids and hashes: their formats, and a random UUID. Internal to the core. */

/** A lowercase UUID, as receipts store ids. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A SHA-256 digest as 64 lowercase hex digits. */
export const SHA256 = /^[0-9a-f]{64}$/;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A random (v4) UUID: `crypto.randomUUID`, or built from `getRandomValues` where that is missing;
 * null when neither exists (the caller says what to do instead).
 */
export function randomUuid(): string | null {
  const c = (globalThis as { crypto?: typeof crypto }).crypto;
  // randomUUID exists only in secure contexts in browsers; getRandomValues exists everywhere.
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  if (typeof c?.getRandomValues !== 'function') return null;
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (b) => HEX[b]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
