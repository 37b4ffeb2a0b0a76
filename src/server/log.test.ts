import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  exportSigningKey,
  generateSigningKey,
  importSigningKey,
  verifyDetachedJws,
  importJwks,
} from './countersign';
import { canonicalJson } from './jcs';
import { chainEntry, entryHash, signCheckpoint, type LogEntry } from './log';
import { verifyLog } from './log-verify';

function chain(n: number): LogEntry[] {
  const entries: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const input = {
      id: `e${i + 1}`,
      kind: 'receipt' as const,
      subject: 's',
      receivedAt: '2026-01-01T00:00:00.000Z',
      bodyHash: 'a'.repeat(64),
      payload: `{"n":${i + 1}}`,
    };
    entries.push(chainEntry(entries.at(-1) ?? null, input));
  }
  return entries;
}

const rehash = (e: LogEntry): LogEntry => ({ ...e, hash: entryHash(e) });

/** An entry no server wrote, linked after `entry`. */
const forgedAfter = (entry: LogEntry): LogEntry =>
  chainEntry(entry, {
    id: 'forged',
    kind: 'receipt',
    subject: 's',
    receivedAt: 'x',
    bodyHash: 'f'.repeat(64),
    payload: '{}',
  });

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    expect(
      canonicalJson({ b: 1, a: [true, null, 'x'], '\u20ac': 1e21, '\u00e9': 0.000001, c: { z: -0, y: 1.5 } }),
    ).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":1.5,"z":0},"é":0.000001,"€":1e+21}');
  });
  it('sorts by code units past the BMP too (a surrogate before U+FFFF), few keys or many', () => {
    const keys = ['\uffff', '\u{10000}', 'b', 'B', 'a\u00e9', 'ab', '', 'a', '\ud7ff', '\ue000'];
    for (const n of [2, 3, keys.length]) {
      const few = keys.slice(0, n);
      const expected = `{${[...few]
        .sort()
        .map((k) => `${JSON.stringify(k)}:0`)
        .join(',')}}`;
      expect(canonicalJson(Object.fromEntries(few.map((k) => [k, 0])))).toBe(expected);
    }
    const many = Array.from({ length: 40 }, (_, i) => `k${String.fromCharCode(0xfff0 - i * 997)}`);
    expect(Object.keys(JSON.parse(canonicalJson(Object.fromEntries(many.map((k) => [k, 1])))))).toEqual(
      [...many].sort(),
    );
  });
  it('orders integer-like keys and keeps a __proto__ key of parsed JSON as a key', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":[1]},"10":2,"9":{"2":0,"a":1}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"10":2,"9":{"2":0,"a":1},"__proto__":{"x":[1]},"b":1}');
    expect(canonicalJson({ list: [undefined, { u: undefined, v: 1 }] })).toBe('{"list":[null,{"v":1}]}');
  });
  it('refuses what JSON cannot carry, naming where', () => {
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow(/\$\.a\.b is NaN/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/cycle/);
    expect(() => canonicalJson({ deep: [{ x: 1n }] })).toThrow(/\$\.deep\[0\]\.x is a bigint/);
  });
  it('writes any JSON value, however nested, as the RFC 8785 rules say', () => {
    // An independent writer of the rules (object key order in JS puts integer-like keys first,
    // so JSON.stringify of a sorted copy would not do).
    const jcs = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(jcs).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${jcs((v as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(v);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 80 }), (v) => {
        expect(canonicalJson(v)).toBe(jcs(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('countersignatures', () => {
  it('verify with the published key, fail after any change, and survive key rotation', async () => {
    const first = await generateSigningKey('2026-01');
    const keyring = createKeyring(first);
    const content = { receipt: { id: 1 }, receivedAt: '2026-01-01T00:00:00.000Z', subject: 'alice' };
    const jws = await keyring.sign(content);
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    keyring.rotate(await generateSigningKey('2026-02'));
    const later = await keyring.sign(content);
    const jwks = keyring.jwks();
    expect(jwks.keys.map((k) => [k.kid, k.alg, k.crv])).toEqual([
      ['2026-02', 'EdDSA', 'Ed25519'],
      ['2026-01', 'EdDSA', 'Ed25519'],
    ]);
    const keys = await importJwks(JSON.stringify(jwks));
    expect(await verifyDetachedJws(jws, content, keys)).toEqual({ ok: true, kid: '2026-01' });
    expect(await verifyDetachedJws(later, content, keys)).toEqual({ ok: true, kid: '2026-02' });
    const changed = await verifyDetachedJws(jws, { ...content, subject: 'mallory' }, keys);
    expect(changed).toMatchObject({ ok: false, reason: expect.stringMatching(/changed after signing/) });
    const onlyNew = await importJwks({ keys: [jwks.keys[0]!] });
    expect(await verifyDetachedJws(jws, content, onlyNew)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/No key with id "2026-01"/),
    });
  });

  it('a stored private key signs what the public key verifies', async () => {
    const key = await generateSigningKey('k');
    const restored = await importSigningKey(await exportSigningKey(key));
    const jws = await createKeyring(restored).sign({ x: 1 });
    expect(await verifyDetachedJws(jws, { x: 1 }, await importJwks({ keys: [key.publicJwk] }))).toEqual({
      ok: true,
      kid: 'k',
    });
  });
});

describe('verifyLog', () => {
  it('accepts an untouched chain', async () => {
    const result = await verifyLog(chain(5));
    expect(result).toMatchObject({ ok: true, entries: 5, problems: [] });
  });

  it('names an edited entry', async () => {
    const log = chain(5);
    log[2] = { ...log[2]!, payload: '{"n":999}' };
    const { problems } = await verifyLog(log);
    expect(problems).toEqual([expect.objectContaining({ code: 'edited', seq: 3, id: 'e3' })]);
  });

  it('names an entry edited and re-hashed', async () => {
    const log = chain(5);
    log[2] = rehash({ ...log[2]!, subject: 'mallory' });
    const { problems } = await verifyLog(log);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'edited',
        seq: 3,
        id: 'e3',
        message: expect.stringMatching(/re-hashed/),
      }),
    ]);
  });

  it('names a deleted entry by the gap it leaves', async () => {
    const log = chain(5);
    log.splice(2, 1);
    const { problems } = await verifyLog(log);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'deleted',
        message: expect.stringMatching(/seq 3 before entry seq 4/),
      }),
    ]);
  });

  it('names an inserted entry', async () => {
    const log = chain(5);
    const forged = forgedAfter(log[1]!);
    log.splice(2, 0, forged);
    const { problems } = await verifyLog(log);
    expect(problems).toEqual([expect.objectContaining({ code: 'inserted', id: 'forged', position: 2 })]);
  });

  it('names an entry copied in place as the copy, not the genuine entry as moved', async () => {
    const log = chain(5);
    log.splice(2, 0, log[1]!);
    const { problems } = await verifyLog(log);
    expect(problems).toEqual([expect.objectContaining({ code: 'replayed', id: 'e2', position: 2 })]);
  });

  it('names an entry inserted before a checkpoint once, and not the checkpoint whose entries it moved', async () => {
    const keyring = createKeyring(await generateSigningKey('k1'));
    const log = chain(5);
    const checkpoint = await signCheckpoint(keyring, log[4]!, new Date('2026-01-02T00:00:00Z'));
    const forged = forgedAfter(log[1]!);
    log.splice(2, 0, forged);
    const result = await verifyLog(log, { keys: keyring.jwks(), checkpoints: [checkpoint] });
    expect(result).toMatchObject({ ok: false, checkpointsVerified: 1 });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'inserted', id: 'forged', position: 2 }),
    ]);
    // The checkpoint's entry rewritten as well: that is named.
    log[5] = rehash({ ...log[5]!, payload: '{"n":0}' });
    const rewritten = await verifyLog(log, { keys: keyring.jwks(), checkpoints: [checkpoint] });
    expect(rewritten.problems.map((p) => p.code)).toContain('checkpoint-mismatch');
  });

  it('names reordered entries', async () => {
    const log = chain(5);
    [log[1], log[2]] = [log[2]!, log[1]!];
    const { problems } = await verifyLog(log);
    expect(problems.map((p) => [p.code, p.id])).toEqual([
      ['reordered', 'e3'],
      ['reordered', 'e2'],
    ]);
  });

  it('sees a cut-off end, and a consistent rewrite, only against a signed checkpoint', async () => {
    const keyring = createKeyring(await generateSigningKey('k1'));
    const log = chain(6);
    const checkpoint = await signCheckpoint(keyring, log[5]!, new Date('2026-01-02T00:00:00Z'));
    const keys = keyring.jwks();
    expect(await verifyLog(log, { keys, checkpoints: [checkpoint] })).toMatchObject({
      ok: true,
      checkpointsVerified: 1,
      anchoredThrough: 6,
    });

    const cut = log.slice(0, 4);
    // A consistent chain, but nothing signed holds it.
    expect(await verifyLog(cut)).toMatchObject({ ok: true, anchoredThrough: 0 });
    const earlier = await signCheckpoint(keyring, log[2]!, new Date('2026-01-01T00:00:00Z'));
    expect(await verifyLog(cut, { keys, checkpoints: [earlier] })).toMatchObject({
      ok: true,
      anchoredThrough: 3,
    });
    const truncated = await verifyLog(cut, { keys, checkpoints: [checkpoint] });
    expect(truncated.problems).toEqual([
      expect.objectContaining({
        code: 'deleted',
        message: expect.stringMatching(/2 entries are missing: .* counts 6 entries, the log has 4/),
      }),
    ]);

    // Rewrite entry 5 and every later link: the chain alone is consistent again.
    const rewritten = [...log.slice(0, 4)];
    for (const e of log.slice(4))
      rewritten.push(chainEntry(rewritten.at(-1)!, { ...e, payload: e.seq === 5 ? '{"n":0}' : e.payload }));
    expect(await verifyLog(rewritten)).toMatchObject({ ok: true, anchoredThrough: 0 });
    const caught = await verifyLog(rewritten, { keys, checkpoints: [checkpoint] });
    expect(caught.problems).toEqual([expect.objectContaining({ code: 'checkpoint-mismatch', seq: 6 })]);

    const forgedCheckpoint = { ...checkpoint, count: 4, head: log[3]!.hash };
    expect((await verifyLog(log, { keys, checkpoints: [forgedCheckpoint] })).problems).toEqual([
      expect.objectContaining({ code: 'checkpoint-signature' }),
    ]);
  });

  it('names each entry of a log whose every entry links to the first, once', async () => {
    // Crafted so that each entry's predecessor lies far back: what is between is named once.
    // (Its cost, quadratic before, is measured by bench/server.bench.mjs's log rows, not here.)
    const n = 5000;
    const [first] = chain(1);
    const log: LogEntry[] = [first!];
    for (let i = 1; i < n; i++) {
      const e = { ...first!, id: `linked-to-first-${i}`, seq: i + 1, prev: first!.hash };
      log.push({ ...e, hash: entryHash(e) });
    }
    const { problems } = await verifyLog(log, { maxProblems: Infinity });
    expect(problems).toHaveLength(n - 2);
    expect(problems.every((p, k) => p.code === 'inserted' && p.position === k + 1)).toBe(true);
  });

  it('reports malformed lines and stops listing at maxProblems', async () => {
    const log: unknown[] = chain(3);
    log.push({ seq: 'x' }, null, 7);
    const result = await verifyLog(log, { maxProblems: 2 });
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatchObject({ code: 'malformed', position: 3 });
  });
});
