// The server's contract, without a browser: react-clickwrap/server behind the example's session
// (only the signed-in account, for itself), verification of every document against the served
// text, the privacy policy a first consent must include, optional consents, idempotency by
// receipt id, the organisation rule, downtime, declines and withdrawals as events, and the log:
// countersigned, chained, append-only, verified offline by the package's CLI.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { verifyCountersignedReceipt } from 'react-clickwrap/server';
import { expected } from '../scripts/make-v2.mjs';
import { loadAgreements } from '../server/agreements.mjs';
import { CURRENT, EXAMPLE_DIR, NEXT, PRIVACY_ID, PRIVACY_VERSION, startServer } from './helpers.mjs';
import { makeReceipt, parseServed } from './receipts.mjs';

const MARKETING = { id: 'marketing-email', label: 'Send me Instadesk product news by e-mail.' };
const CLI = path.join(EXAMPLE_DIR, '../../dist/cli/bin.js');
const run = promisify(execFile);

const commitments = JSON.parse(
  await readFile(path.join(EXAMPLE_DIR, 'agreements/call-center-commitments.json'), 'utf8'),
).items;

describe('the agreement versions', () => {
  test('the second version is the first with the five edits of withFiveChanges, and the manifest pins both hashes', async () => {
    const { manifest, v2, v2File } = await expected();
    assert.equal(await readFile(v2File, 'utf8'), v2, 'run node examples/signup/scripts/make-v2.mjs');
    const onDisk = JSON.parse(await readFile(path.join(EXAMPLE_DIR, 'agreements/manifest.json'), 'utf8'));
    assert.deepEqual(onDisk, manifest);
    assert.deepEqual(
      onDisk.documents.map((d) => d.id),
      ['instadesk-terms', PRIVACY_ID],
    );
    assert.equal(onDisk.agreement, 'instadesk-terms');
    assert.deepEqual(
      onDisk.documents[0].versions.map((v) => v.version),
      [CURRENT, NEXT],
    );
    assert.deepEqual(
      onDisk.documents[1].versions.map((v) => v.version),
      [PRIVACY_VERSION],
    );
  });

  for (const [what, file, edit] of [
    ['a Terms version', `instadesk-terms/${CURRENT}.md`, ['Welcome to use', 'Welcome to using']],
    ['the privacy policy', `${PRIVACY_ID}/${PRIVACY_VERSION}.md`, ['Who we are', 'Who we were']],
  ]) {
    test(`the server refuses to start when ${what} was edited`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-agreements-'));
      try {
        await cp(path.join(EXAMPLE_DIR, 'agreements'), dir, { recursive: true });
        const target = path.join(dir, file);
        const text = await readFile(target, 'utf8');
        assert.ok(text.includes(edit[0]));
        await writeFile(target, text.replace(edit[0], edit[1]));
        await assert.rejects(
          loadAgreements(dir),
          new RegExp(`${file.replace('.', '\\.')} does not match .*must never change`),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('the consent API', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('react-clickwrap/core').Agreement} */
  let v1;
  /** @type {import('react-clickwrap/core').Agreement} */
  let v2;
  /** @type {import('react-clickwrap/core').Agreement} */
  let privacy;
  const R = '/api/clickwrap';

  before(async () => {
    server = await startServer();
    v1 = parseServed((await server.get(`${R}/agreements/instadesk-terms`)).body);
    const markdown2 = (await expected()).v2;
    v2 = parseServed({ id: v1.id, version: NEXT, markdown: markdown2, title: v1.title });
    privacy = parseServed((await server.get(`${R}/agreements/${PRIVACY_ID}`)).body);
  });
  after(() => server?.stop());

  /**
   * A first consent, as the app makes it: the Terms and the privacy policy.
   * @param {import('react-clickwrap/core').Agreement} agreement @param {string} signerId
   * @param {Partial<import('react-clickwrap/core').CreateReceiptInput>} [overrides]
   */
  const signupReceipt = (agreement, signerId, overrides = {}) =>
    makeReceipt(agreement, signerId, overrides, [privacy]);
  const account = (/** @type {'person' | 'organization'} */ kind = 'person') => server.account(kind);
  /** @param {{ headers: Record<string, string> }} who @param {unknown} receipt */
  const send = (who, receipt) => server.post(`${R}/receipts`, receipt, who.headers);
  /** @param {{ headers: Record<string, string> }} who */
  const statusOf = async (who) => (await server.get(`${R}/consents`, who.headers)).body;

  test('serves the current version with its text and hash, and what comes with the Terms', async () => {
    const { status, body } = await server.get(`${R}/agreements/instadesk-terms`);
    assert.equal(status, 200);
    assert.equal(body.version, CURRENT);
    assert.equal(body.sha256, (await loadAgreements()).get(CURRENT)?.sha256);
    const offers = (await server.get('/api/offers')).body;
    assert.deepEqual(offers.acknowledgements.callCenter, commitments);
    assert.deepEqual(offers.optionalConsents, [MARKETING]);
    assert.equal(
      (await server.get(`${R}/agreements/instadesk-terms/versions/${NEXT}`)).status,
      404,
      'not published yet',
    );
  });

  test('serves the privacy policy the same way', async () => {
    const { status, body } = await server.get(`${R}/agreements/${PRIVACY_ID}`);
    assert.equal(status, 200);
    assert.deepEqual(
      [body.id, body.version, body.title, body.current],
      [PRIVACY_ID, PRIVACY_VERSION, 'Example Privacy Policy', true],
    );
    assert.equal(body.sha256, (await loadAgreements()).document(PRIVACY_ID)?.get(PRIVACY_VERSION)?.sha256);
    assert.equal(
      body.markdown,
      await readFile(path.join(EXAMPLE_DIR, `agreements/${PRIVACY_ID}/${PRIVACY_VERSION}.md`), 'utf8'),
    );
    const version = await server.get(`${R}/agreements/${PRIVACY_ID}/versions/${PRIVACY_VERSION}`);
    assert.deepEqual([version.status, version.body.sha256, version.body.current], [200, body.sha256, true]);
    assert.equal((await server.get(`${R}/agreements/${PRIVACY_ID}/versions/2099-01-01`)).status, 404);
    assert.equal((await server.get(`${R}/agreements/cookie-policy`)).status, 404);
  });

  test('stores a valid receipt once, countersigned with the server time; a repeat answers the stored record', async () => {
    const who = await account();
    const receipt = await signupReceipt(v1, who.id);
    const first = await send(who, receipt);
    assert.equal(first.status, 201);
    assert.deepEqual(first.body.receipt, receipt);
    assert.equal(first.body.subject, who.id);
    assert.ok(Date.parse(first.body.receivedAt) >= Date.parse(receipt.acceptedAt));
    const again = await send(who, receipt);
    assert.equal(again.status, 200);
    // The repeat answers the stored record; its checkpoint is the log's head when it answers.
    const { checkpoint: firstCheckpoint, ...firstRecord } = first.body;
    const { checkpoint: againCheckpoint, ...againRecord } = again.body;
    assert.deepEqual(
      againRecord,
      firstRecord,
      'the same record: the same receivedAt, countersignature and seq',
    );
    assert.ok(againCheckpoint.count >= firstCheckpoint.count && againCheckpoint.count >= again.body.seq);
    assert.deepEqual(server.receiptsOf(who.id), [receipt], 'one log entry');

    // Anyone with the published keys and the texts can check what the server countersigned.
    const jwks = (await server.get(`${R}/.well-known/jwks.json`)).body;
    const proof = await verifyCountersignedReceipt(first.body, {
      keys: jwks,
      text: v1.markdown,
      documents: { [PRIVACY_ID]: privacy.markdown },
    });
    assert.equal(proof.ok, true, JSON.stringify(proof));

    const status = await statusOf(who);
    assert.deepEqual(
      [
        status.documents['instadesk-terms'].accepted,
        status.documents['instadesk-terms'].acceptedVersion,
        status.documents[PRIVACY_ID].accepted,
      ],
      [true, CURRENT, true],
    );
  });

  test('only the signed-in account, for itself: 401 without a session, 403 for a receipt someone else signed', async () => {
    const alice = await account();
    const bob = await account();
    const receipt = await signupReceipt(v1, alice.id);
    assert.equal((await server.post(`${R}/receipts`, receipt)).status, 401);
    assert.equal(
      (await server.post(`${R}/receipts`, receipt, { cookie: 'sid=forged.9999999999.AAAA' })).status,
      401,
    );
    const foreign = await send(bob, receipt);
    assert.equal(foreign.status, 403);
    assert.equal(server.receiptsOf(alice.id).length + server.receiptsOf(bob.id).length, 0);
    assert.equal((await server.get(`${R}/consents`)).status, 401);
    assert.equal((await statusOf(bob)).subject, bob.id, 'status answers for the signed-in account only');
  });

  test('a different body under a stored receipt id is a conflict (409) that echoes nothing, and changes nothing', async () => {
    const who = await account();
    const receipt = await signupReceipt(v1, who.id, {
      optionalConsents: [{ ...MARKETING, granted: false, at: null }],
    });
    assert.equal((await send(who, receipt)).status, 201);
    const other = await signupReceipt(v1, who.id, {
      receiptId: receipt.receiptId,
      optionalConsents: [{ ...MARKETING, granted: true, at: new Date() }],
    });
    const { status, body } = await send(who, other);
    assert.equal(status, 409);
    assert.equal(body.error, 'id-conflict');
    assert.equal(JSON.stringify(body).includes('"granted"'), false, 'the stored body is never echoed');
    assert.deepEqual(server.receiptsOf(who.id), [receipt]);
  });

  test('rejects (422) a receipt for a text other than the one served', async () => {
    const who = await account();
    const edited = parseServed({
      ...v1,
      markdown: v1.markdown.replace('Welcome to use', 'Welcome to using'),
    });
    const { status, body } = await send(who, await signupReceipt(edited, who.id));
    assert.equal(status, 422);
    assert.deepEqual(
      body.problems.map((p) => p.code),
      ['agreement-mismatch'],
    );
    assert.equal(server.receiptsOf(who.id).length, 0);
  });

  test('rejects (422) a first consent without the privacy policy, and says so', async () => {
    const who = await account();
    const { status, body } = await send(who, await makeReceipt(v1, who.id));
    assert.equal(status, 422);
    assert.deepEqual(
      body.problems.map((p) => [p.code, p.path]),
      [['document-missing', 'additionalDocuments']],
    );
    assert.match(body.problems[0].message, /does not include Example Privacy Policy \(privacy-policy\)/);
  });

  test('rejects (422) a receipt whose privacy-policy hash is not the text served', async () => {
    const who = await account();
    const tampered = parseServed({
      ...privacy,
      markdown: privacy.markdown.replace('Who we are', 'Who we were'),
    });
    const { status, body } = await send(who, await makeReceipt(v1, who.id, {}, [tampered]));
    assert.equal(status, 422);
    assert.deepEqual(
      body.problems.map((p) => [p.code, p.path]),
      [['agreement-mismatch', 'additionalDocuments[0].sha256']],
    );
    assert.match(body.problems[0].message, /"privacy-policy"/);
    assert.equal(server.receiptsOf(who.id).length, 0);
  });

  test('rejects (422) a document or a version of it this server never served, and an optional consent it does not offer', async () => {
    const who = await account();
    const future = parseServed({ ...privacy, version: '2099-01-01' });
    const early = await send(who, await makeReceipt(v1, who.id, {}, [future]));
    assert.deepEqual(
      [early.status, early.body.problems.map((p) => [p.code, p.path])],
      [422, [['unknown-version', 'additionalDocuments[0].version']]],
    );
    const cookies = parseServed({
      id: 'cookie-policy',
      version: '1',
      markdown: '# Cookie Policy\n\nWe use cookies.',
    });
    const unknown = await send(who, await makeReceipt(v1, who.id, {}, [privacy, cookies]));
    assert.deepEqual(
      [unknown.status, unknown.body.problems.map((p) => [p.code, p.path])],
      [422, [['unknown-document', 'additionalDocuments[1].id']]],
    );
    const notServed = await send(who, await signupReceipt(v2, who.id));
    assert.deepEqual([notServed.status, notServed.body.problems[0].code], [422, 'unknown-version']);
    const reworded = await send(
      who,
      await signupReceipt(v1, who.id, {
        optionalConsents: [{ id: MARKETING.id, label: 'Spam me.', granted: true, at: new Date() }],
      }),
    );
    assert.deepEqual(
      [reworded.status, reworded.body.problems.map((p) => [p.code, p.path])],
      [422, [['not-offered', 'optionalConsents[0]']]],
    );
    const res = await fetch(`${server.url}${R}/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...who.headers },
      body: '{not json',
    });
    assert.equal(res.status, 400);
  });

  test('consent status: the privacy policy and marketing per answer, in the order the server received them', async () => {
    const who = await account();
    const before = await statusOf(who);
    assert.deepEqual(before.documents[PRIVACY_ID], {
      currentVersion: PRIVACY_VERSION,
      accepted: false,
      acceptedVersion: null,
      acceptedReceiptId: null,
      acceptedAt: null,
      needsReconsent: false,
      changeKind: null,
      needsNotice: false,
      lastAcceptedVersion: null,
      lastAcceptedReceiptId: null,
      lastAcceptedAt: null,
      withdrawnAt: null,
    });
    assert.deepEqual(before.optionalConsents[MARKETING.id], { offered: false, granted: false, at: null });

    const yes = await signupReceipt(v1, who.id, {
      optionalConsents: [{ ...MARKETING, granted: true, at: new Date(Date.now() - 10_000) }],
    });
    const stored = await send(who, yes);
    assert.equal(stored.status, 201);
    let status = await statusOf(who);
    assert.deepEqual(
      [status.documents[PRIVACY_ID].accepted, status.documents[PRIVACY_ID].acceptedReceiptId],
      [true, yes.receiptId],
    );
    assert.deepEqual(status.optionalConsents[MARKETING.id], {
      offered: true,
      granted: true,
      at: stored.body.receivedAt,
    });
    // A later consent without the privacy policy (accepted already) and without marketing changes neither.
    assert.equal((await send(who, await makeReceipt(v1, who.id))).status, 201);
    status = await statusOf(who);
    assert.deepEqual(
      [status.optionalConsents[MARKETING.id].granted, status.documents[PRIVACY_ID].accepted],
      [true, true],
    );
  });

  test('an organisation account agrees for the organisation and gives all six call-center commitments', async () => {
    const who = await account('organization');
    const organization = { name: 'Acme Support Ltd', signerAuthority: 'Administrator' };
    const acks = (/** @type {typeof commitments} */ list) =>
      list.map((c) => ({ id: c.id, label: c.label, at: new Date() }));
    const five = await send(
      who,
      await signupReceipt(v1, who.id, { organization, acknowledgements: acks(commitments.slice(0, 5)) }),
    );
    assert.deepEqual(
      [five.status, five.body.problems.map((p) => p.code)],
      [422, ['acknowledgement-missing']],
    );
    assert.match(five.body.problems[0].message, /call-center-6/);
    const withoutOrganization = await send(
      who,
      await signupReceipt(v1, who.id, { acknowledgements: acks(commitments) }),
    );
    assert.deepEqual(
      [withoutOrganization.status, withoutOrganization.body.problems.map((p) => p.code)],
      [422, ['organization-required']],
    );
    assert.equal(
      (
        await send(
          who,
          await signupReceipt(v1, who.id, { organization, acknowledgements: acks(commitments) }),
        )
      ).status,
      201,
    );
  });

  test('while down, POST receipts answers 503 with Retry-After and stores nothing; then takes the same receipt', async () => {
    const who = await account();
    const receipt = await signupReceipt(v1, who.id);
    assert.equal((await server.post('/api/admin/down')).body.down, true);
    const res = await send(who, receipt);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(server.receiptsOf(who.id).length, 0);
    assert.equal((await server.post('/api/admin/up')).body.down, false);
    assert.equal((await send(who, receipt)).status, 201);
  });

  test('declines and withdrawals are events in the log, once per id; a withdrawal changes the status, never a stored row', async () => {
    const who = await account();
    const decline = {
      id: crypto.randomUUID(),
      documents: [
        { id: v1.id, version: CURRENT },
        { id: PRIVACY_ID, version: PRIVACY_VERSION },
      ],
    };
    assert.equal((await server.post(`${R}/declines`, decline, who.headers)).status, 201);
    assert.equal((await server.post(`${R}/declines`, decline, who.headers)).status, 200);
    assert.equal(
      (
        await server.post(
          `${R}/declines`,
          { ...decline, documents: decline.documents.slice(0, 1) },
          who.headers,
        )
      ).status,
      409,
    );
    assert.equal(
      (
        await server.post(
          `${R}/declines`,
          { ...decline, id: crypto.randomUUID(), documents: [{ id: PRIVACY_ID, version: '2099-01-01' }] },
          who.headers,
        )
      ).status,
      422,
    );

    const consent = await signupReceipt(v1, who.id, {
      optionalConsents: [{ ...MARKETING, granted: true, at: new Date() }],
    });
    assert.equal((await send(who, consent)).status, 201);
    const marketing = { id: crypto.randomUUID(), optionalConsents: [MARKETING.id] };
    assert.equal((await server.post(`${R}/withdrawals`, marketing, who.headers)).status, 201);
    let status = await statusOf(who);
    assert.deepEqual(
      [status.optionalConsents[MARKETING.id].granted, status.documents['instadesk-terms'].accepted],
      [false, true],
    );
    assert.equal(
      (await server.post(`${R}/withdrawals`, { id: crypto.randomUUID(), all: true }, who.headers)).status,
      201,
    );
    status = await statusOf(who);
    assert.deepEqual(
      [status.documents['instadesk-terms'].accepted, status.documents[PRIVACY_ID].accepted],
      [false, false],
    );
    assert.ok(status.documents['instadesk-terms'].withdrawnAt);
    assert.deepEqual(
      server.entriesOf(who.id).map((e) => e.kind),
      ['decline', 'receipt', 'withdrawal', 'withdrawal'],
    );
    assert.deepEqual(server.receiptsOf(who.id), [consent], 'the consent is still on record');
  });

  test('publishing the next version: the Terms alone need re-consent, without the privacy policy again', async () => {
    const who = await account();
    const first = await signupReceipt(v1, who.id);
    assert.equal((await send(who, first)).status, 201);
    assert.equal((await server.post('/api/admin/publish', { version: NEXT })).body.currentVersion, NEXT);
    let status = await statusOf(who);
    assert.deepEqual(
      [
        status.documents['instadesk-terms'].accepted,
        status.documents['instadesk-terms'].needsReconsent,
        status.documents[PRIVACY_ID].accepted,
      ],
      [false, true, true],
    );
    const second = await makeReceipt(v2, who.id, {
      replaces: { version: CURRENT, receiptId: first.receiptId },
    });
    assert.equal((await send(who, second)).status, 201);
    status = await statusOf(who);
    assert.deepEqual(
      [status.documents['instadesk-terms'].accepted, status.documents['instadesk-terms'].acceptedReceiptId],
      [true, second.receiptId],
    );
    // A consent to the earlier version, still in someone's outbox, is still a valid consent to it.
    const late = await account();
    assert.equal((await send(late, await signupReceipt(v1, late.id))).status, 201);
  });

  test('the log is append-only in the database and verifies offline with the package CLI', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-log-'));
    try {
      const log = await (await fetch(`${server.url}/api/admin/log`)).text();
      await writeFile(path.join(dir, 'log.jsonl'), log);
      await writeFile(
        path.join(dir, 'jwks.json'),
        JSON.stringify((await server.get(`${R}/.well-known/jwks.json`)).body),
      );
      const { stdout } = await run(process.execPath, [
        CLI,
        'verify-log',
        path.join(dir, 'log.jsonl'),
        '--keys',
        path.join(dir, 'jwks.json'),
        '--countersignatures',
      ]);
      assert.match(stdout, /^VERIFIED .*: \d+ entries in one unbroken chain/m);
      assert.match(stdout, /every countersignature verified/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const db = new Database(server.dbPath);
    try {
      assert.throws(
        () => db.prepare("UPDATE clickwrap_log SET subject = 'someone-else'").run(),
        /append-only: UPDATE refused/,
      );
      assert.throws(() => db.prepare('DELETE FROM clickwrap_log').run(), /append-only: DELETE refused/);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  test('admin routes answer loopback callers that are not web pages', async () => {
    const res = await server.post('/api/admin/down', undefined, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal((await server.get('/api/health')).body.down, false);
  });
});
