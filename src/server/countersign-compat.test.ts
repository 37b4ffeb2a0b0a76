/**
 * A runtime whose node:crypto (a Node compatibility layer, as on some edge runtimes) takes the
 * key but cannot sign with it: the keyring signs with Web Crypto instead, the same signature.
 */
import * as NodeCrypto from 'node:crypto';
import { expect, it, vi } from 'vitest';
import { createKeyring, generateSigningKey, importJwks, verifyDetachedJws } from './countersign';
import type * as Runtime from './runtime';

const calls = vi.hoisted(() => ({ sign: 0 }));
vi.mock('./runtime', async (importOriginal) => {
  const real = await importOriginal<typeof Runtime>();
  const crypto = {
    ...NodeCrypto,
    sign: () => {
      calls.sign++;
      throw new Error('Not implemented: crypto.sign');
    },
  };
  return {
    ...real,
    nodeBuiltin: (id: Parameters<typeof real.nodeBuiltin>[0]) =>
      id === 'node:crypto' ? crypto : real.nodeBuiltin(id),
  };
});

it('signs with Web Crypto when node:crypto cannot, and stops asking it', async () => {
  const keyring = createKeyring(await generateSigningKey('k1'), [], { signingThread: false });
  const keys = await importJwks(keyring.jwks());
  for (const n of [1, 2, 3]) {
    const jws = await keyring.sign({ n });
    expect(await verifyDetachedJws(jws, { n }, keys)).toEqual({ ok: true, kid: 'k1' });
  }
  expect(calls.sign).toBe(1);
});
