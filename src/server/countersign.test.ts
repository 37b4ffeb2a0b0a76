import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  exportSigningKey,
  generateSigningKey,
  importJwks,
  verifyDetachedJws,
  type PublicJwk,
  type SigningKey,
} from './countersign';

describe('countersigning on the worker thread', () => {
  it('gives the same JWS as signing inline (Ed25519 is deterministic), for many at once', async () => {
    const key = await generateSigningKey('k1');
    const threaded = createKeyring(key);
    const inline = createKeyring(key, [], { signingThread: false });
    const contents = Array.from({ length: 50 }, (_, i) => ({ receipt: { n: i, text: 'é'.repeat(i) } }));
    const [a, b] = await Promise.all([
      Promise.all(contents.map((c) => threaded.sign(c))),
      Promise.all(contents.map((c) => inline.sign(c))),
    ]);
    expect(a).toEqual(b);
    const keys = await importJwks(threaded.jwks());
    const checks = await Promise.all(a.map((jws, i) => verifyDetachedJws(jws, contents[i], keys)));
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('signs with the current key after a rotation, in the same batch as the old one', async () => {
    const first = await generateSigningKey('k1');
    const second = await generateSigningKey('k2');
    const keyring = createKeyring(first);
    const before = keyring.sign({ x: 1 });
    keyring.rotate(second);
    const after = keyring.sign({ x: 1 });
    const keys = await importJwks(keyring.jwks());
    expect(await verifyDetachedJws(await before, { x: 1 }, keys)).toEqual({ ok: true, kid: 'k1' });
    expect(await verifyDetachedJws(await after, { x: 1 }, keys)).toEqual({ ok: true, kid: 'k2' });
  });
});

describe('key ids', () => {
  it('refuse a second key under an id already used, which would make earlier records look altered', async () => {
    const first = await generateSigningKey('2026-11');
    const keyring = createKeyring(first, [], { signingThread: false });
    const signed = await keyring.sign({ x: 1 });
    expect(() => keyring.rotate({ ...first, kid: '2026-11' })).not.toThrow();
    const reused = await generateSigningKey('2026-11');
    expect(() => keyring.rotate(reused)).toThrow(/the key id "2026-11" already names another key/);
    // Refused before anything changed: the old key still signs and is published.
    expect(keyring.current.kid).toBe('2026-11');
    const keys = await importJwks(keyring.jwks());
    expect(await verifyDetachedJws(signed, { x: 1 }, keys)).toEqual({ ok: true, kid: '2026-11' });
    const second = await generateSigningKey('2026-12');
    keyring.rotate(second);
    expect(() => keyring.rotate(reused)).toThrow(/already names another key/);
    expect(() => createKeyring(reused, [first.publicJwk])).toThrow(/createKeyring: the key id "2026-11"/);
    await expect(importJwks({ keys: [first.publicJwk, reused.publicJwk] })).rejects.toThrow(
      /keys\[1\] has the key id "2026-11" of an earlier key/,
    );
  });
});

describe("a developer's mistakes with keys", () => {
  it('says to await a key, or to import a JWK, when createKeyring or rotate is not given a signing key', async () => {
    const key = await generateSigningKey('2026-11');
    const jwk = await exportSigningKey(key);
    const make = (current: unknown) => () =>
      createKeyring(current as SigningKey, [], { signingThread: false });
    expect(make(undefined)).toThrow(
      /createKeyring: pass the signing key: createKeyring\(await importSigningKey\(jwk\)\)/,
    );
    expect(make(generateSigningKey('2026-12'))).toThrow(
      /createKeyring: the signing key is a promise: await generateSigningKey\(…\) or importSigningKey\(…\)/,
    );
    expect(make(jwk)).toThrow(
      /createKeyring: the signing key is a JWK: load it with await importSigningKey\(jwk\)/,
    );
    expect(make(key.publicJwk)).toThrow(/createKeyring: the signing key is a JWK/);
    const keyring = createKeyring(key, [], { signingThread: false });
    expect(() => keyring.rotate(generateSigningKey('2026-12') as never)).toThrow(
      /rotate: the signing key is a promise/,
    );
    expect(keyring.current).toBe(key);
  });

  it('publishes only the public part of a retired key given as a private JWK or a signing key', async () => {
    const old = await generateSigningKey('2026-10');
    const older = await generateSigningKey('2026-09');
    const keyring = createKeyring(
      await generateSigningKey('2026-11'),
      [(await exportSigningKey(old)) as never, older as never],
      { signingThread: false },
    );
    const [, ...retired] = keyring.jwks().keys;
    expect(retired).toEqual([old.publicJwk, older.publicJwk]);
    expect(JSON.stringify(keyring.jwks())).not.toMatch(/"d"/);
  });

  it('refuses a key id that is not a non-empty string', async () => {
    await expect(generateSigningKey(5 as never)).rejects.toThrow(
      /generateSigningKey: pass a key id \(e\.g\. "2026-11"\)/,
    );
  });
});

describe('importJwks', () => {
  it('refuses a key marked for another algorithm or use, or whose public key is not 32 bytes, naming it', async () => {
    const [key] = createKeyring(await generateSigningKey('k1'), [], { signingThread: false }).jwks().keys;
    // What a key set may carry for an Ed25519 key: EdDSA (or RFC 9864's Ed25519), for signatures.
    for (const fine of [
      { ...key! },
      { ...key!, alg: 'Ed25519' },
      { ...key!, alg: undefined, use: undefined },
    ])
      expect((await importJwks({ keys: [fine as PublicJwk] })).has('k1')).toBe(true);
    for (const [odd, said] of [
      [{ alg: 'RS256' }, /keys\[0\] \("k1"\) is marked for the algorithm "RS256"/],
      [{ use: 'enc' }, /keys\[0\] \("k1"\) is marked for the use "enc"/],
      [{ key_ops: ['encrypt'] }, /keys\[0\] \("k1"\) is marked for the operations \["encrypt"\]/],
      [{ x: 'AAAA' }, /keys\[0\] \("k1"\) is not an Ed25519 public key: "x" must be 32 bytes/],
    ] as const)
      await expect(importJwks({ keys: [{ ...key!, ...odd } as PublicJwk] })).rejects.toThrow(
        expect.objectContaining({ name: 'TypeError', message: expect.stringMatching(said) }),
      );
  });

  it('says a key set that is not JSON is not JSON, and what to pass', async () => {
    await expect(importJwks('hello')).rejects.toThrow(
      /^The key set is not JSON \(.*\): pass the JWKS the server publishes at GET <basePath>\/\.well-known\/jwks\.json\.$/,
    );
  });
});
