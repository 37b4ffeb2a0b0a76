/**
 * Ed25519 countersignatures as JWS (RFC 7515, `alg: "EdDSA"`, RFC 8037) over RFC 8785 canonical
 * JSON, with Web Crypto, and the JWKS that publishes the public keys. The JWS is detached
 * (RFC 7515 Appendix F): the signed content is rebuilt from the record it sits beside, so a
 * stored receipt stays readable JSON and is not stored twice.
 */
import type { KeyObject } from 'node:crypto';
import { base64url, canonicalJson, fromBase64url } from './jcs';
import { nodeBuiltin } from './runtime';
import { workerSigner } from './sign-worker';

/** A public key as published in a JWKS: Ed25519 (`OKP`), with its key id. */
export interface PublicJwk {
  /** Key type: always `OKP` for Ed25519. */
  kty: 'OKP';
  /** The curve: `Ed25519`. */
  crv: 'Ed25519';
  /** The public key, base64url. */
  x: string;
  /** The key id that JWS headers name. */
  kid: string;
  /** The JWS algorithm: `EdDSA`. */
  alg: 'EdDSA';
  /** What the key is for: signatures. */
  use: 'sig';
}

/** A JSON Web Key Set of public keys: what a server publishes and a verifier passes in. */
export interface Jwks {
  /** Every key that may have signed a record still kept: the current key and retired ones. */
  keys: PublicJwk[];
}

/** A private signing key with its id. Keep `privateJwk` secret (e.g. in a secrets manager). */
export interface SigningKey {
  /** The key id, written into every JWS header it signs. */
  kid: string;
  /** The Web Crypto private key. */
  privateKey: CryptoKey;
  /** The public half, as published. */
  publicJwk: PublicJwk;
}

/** The server's keys: one signs, every one verifies. Rotate by adding a key and making it current. */
export interface Keyring {
  /** The key that signs new records. */
  readonly current: SigningKey;
  /** The JWKS to publish: the current key first, then retired ones (records they signed stay verifiable). */
  jwks(): Jwks;
  /**
   * Makes `key` the signing key; the previous one stays in the JWKS.
   * @throws TypeError when `key`'s id already names another key of this keyring.
   */
  rotate(key: SigningKey): void;
  /** Signs canonical JSON of `content` as a detached compact JWS (`header..signature`). */
  sign(content: unknown): Promise<string>;
  /** Signs text that already is canonical JSON (`canonicalJson`), e.g. assembled from canonical parts. */
  signCanonical(text: string): Promise<string>;
}

const ED25519 = { name: 'Ed25519' } as const;

function toPublicJwk(jwk: JsonWebKey, kid: string): PublicJwk {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError(`Key "${kid}" is not an Ed25519 key (kty OKP, crv Ed25519).`);
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

/**
 * Makes a new Ed25519 signing key. Persist it with {@link exportSigningKey} and load it with
 * {@link importSigningKey}; a key made at every start would leave records signed by a key
 * nobody published.
 */
export async function generateSigningKey(kid: string): Promise<SigningKey> {
  if (typeof kid !== 'string' || kid === '')
    throw new TypeError('generateSigningKey: pass a key id (e.g. "2026-11").');
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kid, privateKey: pair.privateKey, publicJwk: toPublicJwk(jwk, kid) };
}

/** The private JWK of a key (with `d`): store it as a secret. */
export async function exportSigningKey(key: SigningKey): Promise<JsonWebKey & { kid: string }> {
  const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
  return { ...jwk, kid: key.kid };
}

/** Loads a private Ed25519 JWK (with `d` and `kid`), as written by {@link exportSigningKey}. */
export async function importSigningKey(jwk: JsonWebKey & { kid?: string }): Promise<SigningKey> {
  const kid = jwk.kid;
  if (!kid || typeof jwk.d !== 'string') {
    throw new TypeError('importSigningKey: pass a private Ed25519 JWK with "d" and "kid".');
  }
  const { d: _d, key_ops: _ops, ext: _ext, alg: _alg, ...pub } = jwk;
  const privateKey = await crypto.subtle.importKey(
    'jwk',
    { ...jwk, alg: undefined, key_ops: ['sign'] },
    ED25519,
    true,
    ['sign'],
  );
  return { kid, privateKey, publicJwk: toPublicJwk(pub, kid) };
}

/** Options of {@link createKeyring}. */
export interface KeyringOptions {
  /**
   * Sign on a worker thread, batched, so countersigning runs beside request handling on another
   * core (Node, with 2 or more cores; elsewhere it signs inline). Same key, same bytes.
   * @default true
   */
  signingThread?: boolean;
}

/**
 * Throws a TypeError saying what to pass when `key` is not a signing key: a promise not awaited,
 * or a JWK not imported (a signing key made elsewhere fails only at the first receipt otherwise).
 */
function checkSigningKey(key: SigningKey, where: string): void {
  const given = key as Partial<SigningKey> & { then?: unknown; kty?: unknown };
  if (given === undefined || given === null)
    throw new TypeError(
      `${where}: pass the signing key: createKeyring(await importSigningKey(jwk)), the JWK kept from exportSigningKey(await generateSigningKey('2026-11')).`,
    );
  if (typeof given.then === 'function')
    throw new TypeError(
      `${where}: the signing key is a promise: await generateSigningKey(…) or importSigningKey(…) first.`,
    );
  if (typeof given.kty === 'string')
    throw new TypeError(
      `${where}: the signing key is a JWK: load it with await importSigningKey(jwk) first (a private JWK, with "d"; a public one cannot sign).`,
    );
  if (typeof given.kid !== 'string' || typeof given.privateKey !== 'object' || !given.publicJwk)
    throw new TypeError(
      `${where}: the signing key is not one: pass what generateSigningKey(…) or importSigningKey(…) returns.`,
    );
}

/**
 * A retired key as published: only its public part, whether given as a public JWK, a private JWK
 * (its "d" must never reach the JWKS) or a signing key.
 */
function publicPart(key: PublicJwk | SigningKey | (JsonWebKey & { kid?: string })): PublicJwk {
  if ('publicJwk' in key && key.publicJwk) return key.publicJwk;
  const jwk = key as JsonWebKey & { kid?: string };
  if (typeof jwk.kid !== 'string' || jwk.kid === '')
    throw new TypeError('createKeyring: each retired key needs its "kid" (the id its records name).');
  return toPublicJwk(jwk, jwk.kid);
}

/** A keyring that signs with `current` and publishes it with `retired` keys. */
export function createKeyring(
  current: SigningKey,
  retired: readonly PublicJwk[] = [],
  options: KeyringOptions = {},
): Keyring {
  checkSigningKey(current, 'createKeyring');
  // Only public parts are published, however the retired keys were given.
  const published = retired.map(publicPart);
  // A key id names one key for good: records signed under it are checked with the key it names,
  // so a second key under the same id would make every earlier record look altered.
  const refuseReuse = (key: PublicJwk, keys: readonly PublicJwk[], where: string) => {
    const other = keys.find((k) => k.kid === key.kid && k.x !== key.x);
    if (other) {
      throw new TypeError(
        `${where}: the key id "${key.kid}" already names another key. Give the new key an id of ` +
          "its own (generateSigningKey('2026-12')): records signed with the old key are checked " +
          'with it by its id, and would otherwise fail as if altered.',
      );
    }
  };
  refuseReuse(current.publicJwk, published, 'createKeyring');
  published.forEach((key, i) => refuseReuse(key, published.slice(0, i), 'createKeyring'));
  const thread = options.signingThread === false ? null : workerSigner();
  let signing = current;
  let previous = [...published];
  // Web Crypto signs on the thread pool: one round trip per receipt. Where node:crypto can take
  // the same key, it signs synchronously (same Ed25519, same bytes), about 5x the throughput.
  const nodeCrypto = nodeBuiltin('node:crypto');
  const nodeKeys = new WeakMap<CryptoKey, KeyObject | null>();
  const nodeKey = (key: CryptoKey) => {
    if (!nodeKeys.has(key)) {
      let converted: KeyObject | null = null;
      try {
        converted = nodeCrypto?.KeyObject.from(key) ?? null;
      } catch {
        // A runtime without KeyObject.from: Web Crypto it is.
      }
      nodeKeys.set(key, converted);
    }
    return nodeKeys.get(key) ?? null;
  };
  // The protected header depends on the key alone: encoded once per key, not per signature.
  const headers = new WeakMap<SigningKey, string>();
  const protectedHeader = (key: SigningKey) => {
    let header = headers.get(key);
    if (header === undefined) {
      header = base64url(JSON.stringify({ alg: 'EdDSA', kid: key.kid }));
      headers.set(key, header);
    }
    return header;
  };
  return {
    get current() {
      return signing;
    },
    jwks: () => ({ keys: [signing.publicJwk, ...previous.filter((k) => k.kid !== signing.kid)] }),
    rotate(key) {
      checkSigningKey(key, 'rotate');
      refuseReuse(key.publicJwk, [signing.publicJwk, ...previous], 'rotate');
      previous = [signing.publicJwk, ...previous.filter((k) => k.kid !== key.kid)];
      signing = key;
    },
    sign(content) {
      return this.signCanonical(canonicalJson(content));
    },
    async signCanonical(text) {
      const key = signing;
      const header = protectedHeader(key);
      const fast = nodeKey(key.privateKey);
      if (fast && thread) return `${header}..${await thread(fast, header, text)}`;
      const input = new TextEncoder().encode(`${header}.${base64url(text)}`);
      let signature: Uint8Array | null = null;
      if (fast) {
        try {
          signature = nodeCrypto!.sign(null, input, fast);
        } catch {
          // A Node compatibility layer (an edge runtime's) that converts the key but cannot sign
          // with it: Web Crypto, for this key from now on.
          nodeKeys.set(key.privateKey, null);
        }
      }
      signature ??= new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, input));
      return `${header}..${base64url(signature)}`;
    },
  };
}

/** Public keys by key id, imported once for many verifications. */
export type KeySet = ReadonlyMap<string, CryptoKey>;

/**
 * Imports a JWKS (the object, or its JSON text) for verification.
 * @throws TypeError naming the key that is not an Ed25519 public key.
 */
export async function importJwks(jwks: Jwks | string): Promise<KeySet> {
  const publish = 'pass the JWKS the server publishes at GET <basePath>/.well-known/jwks.json.';
  let parsed: unknown = jwks;
  if (typeof jwks === 'string') {
    try {
      parsed = JSON.parse(jwks);
    } catch (error) {
      throw new TypeError(`The key set is not JSON (${(error as Error).message}): ${publish}`, {
        cause: error,
      });
    }
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys))
    throw new TypeError(`The key set is not a JWKS: expected { "keys": [...] }; ${publish}`);
  const set = new Map<string, CryptoKey>();
  const xs = new Map<string, string>();
  for (const [i, key] of keys.entries()) {
    const jwk = key as Partial<PublicJwk> & { key_ops?: unknown };
    if (typeof jwk?.kid !== 'string') throw new TypeError(`keys[${i}] has no "kid".`);
    const pub = toPublicJwk(jwk as JsonWebKey, jwk.kid);
    // A key its publisher marked for something else than verifying EdDSA signatures is not one to
    // verify them with (RFC 7517 §4.2-4.4); and an Ed25519 public key is 32 bytes.
    const named = `keys[${i}] (${JSON.stringify(pub.kid)})`;
    const marked = (what: string, value: unknown) =>
      new TypeError(
        `${named} is marked for the ${what} ${JSON.stringify(value)}, not for verifying EdDSA signatures: ${publish}`,
      );
    if (jwk.alg !== undefined && jwk.alg !== 'EdDSA' && (jwk.alg as string) !== 'Ed25519')
      throw marked('algorithm', jwk.alg);
    if (jwk.use !== undefined && jwk.use !== 'sig') throw marked('use', jwk.use);
    if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')))
      throw marked('operations', jwk.key_ops);
    if (fromBase64url(pub.x)?.length !== 32)
      throw new TypeError(`${named} is not an Ed25519 public key: "x" must be 32 bytes, base64url.`);
    if (xs.has(pub.kid) && xs.get(pub.kid) !== pub.x) {
      throw new TypeError(
        `keys[${i}] has the key id "${pub.kid}" of an earlier key with other key material: a key id ` +
          'must name one key. Ask whoever published the key set which key that id signs with.',
      );
    }
    xs.set(pub.kid, pub.x);
    set.set(
      pub.kid,
      await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: pub.x }, ED25519, true, [
        'verify',
      ]),
    );
  }
  return set;
}

/** What {@link verifyDetachedJws} found. */
export type JwsCheck = { ok: true; kid: string } | { ok: false; kid: string | null; reason: string };

/**
 * Checks a detached compact JWS (`header..signature`) over the canonical JSON of `content`.
 * Never throws on bad input: it says what is wrong.
 */
export async function verifyDetachedJws(jws: unknown, content: unknown, keys: KeySet): Promise<JwsCheck> {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts[1] !== '') {
    return {
      ok: false,
      kid: null,
      reason: 'The countersignature is not a detached compact JWS ("header..signature").',
    };
  }
  const [headerText = '', , signatureText = ''] = parts;
  let header: { alg?: unknown; kid?: unknown };
  try {
    const bytes = fromBase64url(headerText);
    if (!bytes) throw new TypeError('not base64url');
    header = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, kid: null, reason: 'The JWS header is not base64url JSON.' };
  }
  const kid = typeof header.kid === 'string' ? header.kid : null;
  if (header.alg !== 'EdDSA')
    return {
      ok: false,
      kid,
      reason: `The JWS algorithm is ${JSON.stringify(header.alg)}; only EdDSA is accepted.`,
    };
  const key = kid === null ? undefined : keys.get(kid);
  if (!key)
    return {
      ok: false,
      kid,
      reason: `No key with id ${JSON.stringify(kid)} is in the key set: pass the JWKS the server published.`,
    };
  const signature = fromBase64url(signatureText);
  if (!signature) return { ok: false, kid, reason: 'The JWS signature is not base64url.' };
  let text: string;
  try {
    text = canonicalJson(content);
  } catch (error) {
    return { ok: false, kid, reason: (error as Error).message };
  }
  const input = new TextEncoder().encode(`${headerText}.${base64url(text)}`);
  const valid = await crypto.subtle.verify(ED25519, key, signature as Uint8Array<ArrayBuffer>, input);
  return valid
    ? { ok: true, kid: kid as string }
    : {
        ok: false,
        kid,
        reason: `The signature by key "${kid}" does not match the content: it was changed after signing, or the key set holds another key under that id (pass the JWKS of the server that signed it).`,
      };
}
