import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createKeyring, generateSigningKey } from './countersign';
import { chainEntry, entryHash, signCheckpoint, type LogEntry } from './log';
import { verifyLog, type VerifyLogOptions } from './log-verify';

function chain(n: number, payload = (i: number) => `{"n":${i}}`): LogEntry[] {
  const entries: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const input = {
      id: `e${i + 1}`,
      kind: 'receipt' as const,
      subject: `s${i + 1}`,
      receivedAt: '2026-01-01T00:00:00.000Z',
      bodyHash: 'a'.repeat(64),
      payload: payload(i + 1),
    };
    entries.push(chainEntry(entries.at(-1) ?? null, input));
  }
  return entries;
}

/** The entries one at a time, as a reader of an export hands them over. */
async function* streamed(entries: readonly unknown[]): AsyncGenerator<unknown> {
  for (const entry of entries) yield entry;
}

/** What verifyLog finds in `entries` given as an array and as a stream: the same, or the test fails. */
async function both(entries: readonly unknown[], options?: VerifyLogOptions) {
  const fromArray = await verifyLog(entries, options);
  const fromStream = await verifyLog(streamed(entries), options);
  expect(fromStream).toEqual(fromArray);
  return fromStream;
}

describe('verifyLog reading a stream of entries', () => {
  it('accepts an untouched chain, with the checkpoint covering it', async () => {
    const keyring = createKeyring(await generateSigningKey('k1'));
    const log = chain(6);
    const checkpoint = await signCheckpoint(keyring, log[5]!, new Date('2026-01-02T00:00:00Z'));
    const result = await both(log, { keys: keyring.jwks(), checkpoints: [checkpoint] });
    expect(result).toMatchObject({ ok: true, entries: 6, head: log[5]!.hash, anchoredThrough: 6 });
  });

  it('names a checkpoint that is not one by its place, and goes on with the others', async () => {
    const keyring = createKeyring(await generateSigningKey('k1'));
    const log = chain(3);
    const checkpoint = await signCheckpoint(keyring, log[2]!, new Date('2026-01-02T00:00:00Z'));
    for (const [bad, said] of [
      [null, /^checkpoints\[0\] is null, not a checkpoint/],
      ['x', /^checkpoints\[0\] is a string, not a checkpoint/],
    ] as const) {
      const checkpoints = [bad, checkpoint] as unknown as VerifyLogOptions['checkpoints'];
      const result = await both(log, { keys: keyring.jwks(), checkpoints });
      expect(result).toMatchObject({ ok: false, checkpointsVerified: 1, anchoredThrough: 3 });
      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'checkpoint-signature',
          kind: 'checkpoint',
          message: expect.stringMatching(said),
        }),
      ]);
    }
  });

  it('names an edited entry', async () => {
    const log = chain(5);
    log[2] = { ...log[2]!, payload: '{"n":999}' };
    const { problems } = await both(log);
    expect(problems).toEqual([expect.objectContaining({ code: 'edited', seq: 3, id: 'e3', subject: 's3' })]);
  });

  it('names an entry edited and re-hashed', async () => {
    const log = chain(5);
    const edited = { ...log[2]!, subject: 'mallory' };
    log[2] = { ...edited, hash: entryHash(edited) };
    const { problems } = await both(log);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'edited', seq: 3, message: expect.stringMatching(/re-hashed/) }),
    ]);
  });

  it('names a deleted entry by the gap it leaves', async () => {
    const log = chain(5);
    log.splice(2, 1);
    const { problems } = await both(log);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'deleted',
        message: expect.stringMatching(/seq 3 before entry seq 4/),
      }),
    ]);
  });

  it('names an inserted entry', async () => {
    const log = chain(5);
    const forged = chainEntry(log[1]!, {
      id: 'forged',
      kind: 'receipt',
      subject: 'mallory',
      receivedAt: 'x',
      bodyHash: 'f'.repeat(64),
      payload: '{}',
    });
    log.splice(2, 0, forged);
    const { problems } = await both(log);
    expect(problems).toEqual([expect.objectContaining({ code: 'inserted', id: 'forged', position: 2 })]);
  });

  it('names reordered entries, one moved far back included', async () => {
    const log = chain(5);
    [log[1], log[2]] = [log[2]!, log[1]!];
    expect((await both(log)).problems.map((p) => [p.code, p.id])).toEqual([
      ['reordered', 'e3'],
      ['reordered', 'e2'],
    ]);
    // The last entry moved to the front: its predecessor comes after it.
    const moved = chain(8);
    moved.unshift(moved.pop()!);
    const { problems } = await both(moved);
    expect(problems[0]).toMatchObject({ code: 'reordered', id: 'e8', position: 0 });
  });

  it('names a replayed entry and a cut-off end against a checkpoint', async () => {
    const keyring = createKeyring(await generateSigningKey('k1'));
    const log = chain(5);
    const checkpoint = await signCheckpoint(keyring, log[4]!, new Date('2026-01-02T00:00:00Z'));
    const copied = [...log.slice(0, 3), log[1]!, ...log.slice(3)];
    expect((await both(copied)).problems).toEqual([
      expect.objectContaining({ code: 'replayed', id: 'e2', position: 3 }),
    ]);
    const cut = await both(log.slice(0, 3), { keys: keyring.jwks(), checkpoints: [checkpoint] });
    expect(cut.problems).toEqual([
      expect.objectContaining({ code: 'deleted', message: expect.stringMatching(/2 entries are missing/) }),
    ]);
  });

  it('names a value that is not an entry by its place, and stops at maxProblems', async () => {
    const log: unknown[] = chain(3);
    log.splice(1, 0, { seq: 'x', kind: 'decline', subject: 'carol' }, null);
    const { problems } = await both(log, { maxProblems: 2 });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'malformed', position: 1, kind: 'decline', subject: 'carol' }),
      expect.objectContaining({ code: 'malformed', position: 2 }),
    ]);
  });

  it('is not ok for an edited log however few problems it is asked to list (maxProblems 0 included)', async () => {
    const log = chain(5);
    log[2] = { ...log[2]!, payload: '{"n":999}' };
    for (const maxProblems of [0, -1]) {
      const result = await both(log, { maxProblems });
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([expect.objectContaining({ code: 'edited', seq: 3 })]);
    }
  });

  it('names an entry whose payload is JSON but not an object when checking countersignatures, and does not crash', async () => {
    const keyring = createKeyring(await generateSigningKey('k1'));
    // Written behind the server's back, with a chain that links: null, a number, an array.
    const log = chain(4, (i) => ['{"n":1}', 'null', '5', '[]'][i - 1]!);
    const { ok, problems } = await both(log, { keys: keyring.jwks(), countersignatures: true });
    expect(ok).toBe(false);
    for (const [seq, id] of [
      [2, 'e2'],
      [3, 'e3'],
      [4, 'e4'],
    ] as const) {
      expect(problems).toContainEqual(
        expect.objectContaining({
          code: 'countersignature',
          seq,
          id,
          message: expect.stringMatching(/its payload is not a JSON object/),
        }),
      );
    }
  });

  it('does not hold the entries it has read', async () => {
    // A log of 2,000 entries of 4 KB each: every entry yielded is watched; once the next ones are
    // read, a garbage collection frees it (only its links are kept to name problems).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const log = chain(2000, (i) => JSON.stringify({ n: i, text: 'x'.repeat(4096) }));
    const watched: WeakRef<object>[] = [];
    let aliveAtMost = 0;
    async function* reader(): AsyncGenerator<unknown> {
      for (const [i, entry] of log.entries()) {
        // A fresh copy, as a reader parses each line: the array above is not what is checked.
        const parsed = JSON.parse(JSON.stringify(entry)) as LogEntry;
        watched.push(new WeakRef(parsed));
        yield parsed;
        if (i % 500 === 499) {
          await new Promise((resolve) => setImmediate(resolve));
          gc();
          aliveAtMost = Math.max(aliveAtMost, watched.filter((w) => w.deref() !== undefined).length);
        }
      }
    }
    const result = await verifyLog(reader());
    expect(result).toMatchObject({ ok: true, entries: 2000 });
    expect(watched).toHaveLength(2000);
    expect(aliveAtMost).toBeLessThanOrEqual(2);
  });
});
