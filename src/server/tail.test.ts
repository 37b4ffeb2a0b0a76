// Deleting entries at the end of the log (after the last checkpoint stored in the database) by
// someone who can edit the database file: the chain and the stored checkpoints cannot show it,
// a checkpoint kept outside the database (a receipt's response, a published head) does.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClickwrapHandler } from './handler';
import type { Checkpoint } from './log';
import { verifyLog } from './log-verify';
import { openSqliteStore } from './stores/sqlite';
import { TEXTS, makeReceipt, setup } from './test-fixtures';
import { verifyCountersignedReceipt } from './verify-receipt';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const post = (subject: string, body: unknown) =>
  new Request('http://app.test/receipts', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: subject },
    body: JSON.stringify(body),
  });

/** Five receipts stored one by one (a checkpoint stored in the database after the first two). */
async function fiveStored() {
  const dir = mkdtempSync(path.join(tmpdir(), 'clickwrap-tail-'));
  dirs.push(dir);
  const file = path.join(dir, 'log.db');
  const { catalog, keyring } = await setup();
  const store = openSqliteStore({ path: file });
  const handler = createClickwrapHandler({
    store,
    keyring,
    catalog,
    authenticate: (r) => r.headers.get('authorization'),
    appender: { checkpointEvery: 2 },
  });
  const responses = [];
  for (const name of ['ann', 'ben', 'cat', 'dan', 'eve']) {
    const response = await handler(post(name, await makeReceipt(name)));
    expect(response.status).toBe(201);
    responses.push(await response.json());
  }
  const published = (await (
    await handler(new Request('http://app.test/log/checkpoint'))
  ).json()) as Checkpoint;
  return { file, store, keyring, responses, published };
}

/** What an attacker with the file does: lift the triggers, delete the last rows and the checkpoints after them. */
function deleteTail(file: string, keep: number) {
  const db = new Database(file);
  db.exec('DROP TRIGGER clickwrap_log_no_delete; DROP TRIGGER clickwrap_checkpoints_no_delete;');
  db.prepare('DELETE FROM clickwrap_log WHERE seq > ?').run(keep);
  db.prepare('DELETE FROM clickwrap_checkpoints WHERE count > ?').run(keep);
  db.close();
}

describe('entries deleted from the end of the log', () => {
  it('pass the chain and the stored checkpoints, and show against a checkpoint a receipt holder kept', async () => {
    const { file, store, keyring, responses } = await fiveStored();
    // Every response carries a checkpoint signed after its batch committed, covering its seq.
    expect(responses.map((r) => [r.seq, r.checkpoint.count])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    await store.close();
    deleteTail(file, 2);

    const tampered = openSqliteStore({ path: file });
    const entries = await tampered.entries(0, 100);
    const stored = await tampered.checkpoints();
    await tampered.close();
    expect(entries).toHaveLength(2);
    expect(stored.map((c) => c.count)).toEqual([2]);
    // What the database alone can say: nothing is wrong. This is the limit the docs state.
    expect(await verifyLog(entries, { keys: keyring.jwks(), checkpoints: stored })).toMatchObject({
      ok: true,
      problems: [],
    });

    // Dan kept his response: its checkpoint says the log reached 4 entries.
    const dan = responses[3];
    const result = await verifyLog(entries, {
      keys: keyring.jwks(),
      checkpoints: [...stored, dan.checkpoint],
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'deleted',
        message: expect.stringMatching(/2 entries are missing: .* counts 4 entries, the log has 2/),
      }),
    ]);
    // And his response alone still verifies offline, log position included.
    const proof = await verifyCountersignedReceipt(dan, {
      keys: keyring.jwks(),
      text: TEXTS.termsV1,
      documents: { 'privacy-policy': TEXTS.privacy },
    });
    expect(proof.problems).toEqual([]);
    expect(proof.proof?.log).toMatchObject({ seq: 4, count: 4 });
  });

  it('show against the published checkpoint (GET log/checkpoint) a witness fetched', async () => {
    const { file, store, keyring, published } = await fiveStored();
    expect(published).toMatchObject({ count: 5 });
    await store.close();
    deleteTail(file, 4);
    const tampered = openSqliteStore({ path: file });
    const entries = await tampered.entries(0, 100);
    await tampered.close();
    const result = await verifyLog(entries, { keys: keyring.jwks(), checkpoints: [published] });
    expect(result.problems.map((p) => p.code)).toEqual(['deleted']);
  });

  it('refuses a checkpoint in a record that was altered to claim a longer log', async () => {
    const { keyring, responses } = await fiveStored();
    const forged = { ...responses[1], checkpoint: { ...responses[1].checkpoint, count: 9 } };
    const result = await verifyCountersignedReceipt(forged, {
      keys: keyring.jwks(),
      text: TEXTS.termsV1,
      documents: { 'privacy-policy': TEXTS.privacy },
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([['checkpoint', 'checkpoint.jws']]);
  });
});
