// The server's contract, without a browser: verification against the served text, idempotency by
// receipt id, the organisation rules, downtime, declines, and the database file itself.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { expected } from '../scripts/make-v2.mjs';
import { loadAgreements } from '../server/agreements.mjs';
import { CURRENT, EXAMPLE_DIR, NEXT, emailFor, startServer } from './helpers.mjs';
import { makeReceipt, parseServed } from './receipts.mjs';

const commitments = JSON.parse(
  await readFile(path.join(EXAMPLE_DIR, 'agreements/call-center-commitments.json'), 'utf8'),
).items;

describe('the agreement versions', () => {
  test('the second version is the first with the five edits of withFiveChanges, and the manifest pins both hashes', async () => {
    const { manifest, v2, v2File } = await expected();
    assert.equal(await readFile(v2File, 'utf8'), v2, 'run node examples/signup/scripts/make-v2.mjs');
    const onDisk = JSON.parse(await readFile(path.join(EXAMPLE_DIR, 'agreements/manifest.json'), 'utf8'));
    assert.deepEqual(onDisk, manifest);
    assert.deepEqual(onDisk.versions.map((v) => v.version), [CURRENT, NEXT]);
  });

  test('the server refuses to start when a served version was edited', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-agreements-'));
    try {
      await cp(path.join(EXAMPLE_DIR, 'agreements'), dir, { recursive: true });
      const file = path.join(dir, 'instadesk-terms', `${CURRENT}.md`);
      await writeFile(file, (await readFile(file, 'utf8')).replace('Welcome to use', 'Welcome to using'));
      await assert.rejects(loadAgreements(dir), /must never change/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the consent API', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('react-clickwrap/core').Agreement} */
  let v1;
  /** @type {import('react-clickwrap/core').Agreement} */
  let v2;

  before(async () => {
    server = await startServer();
    v1 = parseServed((await server.get('/api/agreements/instadesk-terms')).body);
    const markdown2 = (await expected()).v2;
    v2 = parseServed({ id: v1.id, version: NEXT, markdown: markdown2, title: v1.title });
  });
  after(() => server?.stop());

  const account = async (kind = 'person') => {
    const { status, body } = await server.post('/api/accounts', { email: emailFor(kind), name: 'Pat Example', kind });
    assert.equal(status, 201);
    return body.account;
  };

  test('serves the current version with its text and hash', async () => {
    const { status, body } = await server.get('/api/agreements/instadesk-terms');
    assert.equal(status, 200);
    assert.equal(body.version, CURRENT);
    assert.equal(body.sha256, (await loadAgreements()).get(CURRENT)?.sha256);
    assert.deepEqual(body.acknowledgements.callCenter, commitments);
    assert.equal((await server.get(`/api/agreements/instadesk-terms/versions/${NEXT}`)).status, 404, 'not published yet');
  });

  test('stores a valid receipt once, with the server time, and answers a repeat with the stored row', async () => {
    const { id } = await account();
    const receipt = await makeReceipt(v1, id);
    const first = await server.post('/api/consents', receipt);
    assert.equal(first.status, 201);
    assert.equal(first.body.status, 'stored');
    assert.equal(first.body.consent.receiptId, receipt.receiptId);
    const again = await server.post('/api/consents', receipt);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'already-stored');
    assert.deepEqual(again.body.consent, first.body.consent, 'the same row, the same received_at');

    const rows = server.rows('SELECT * FROM consents WHERE receipt_id = ?', receipt.receiptId);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row.account_id, id);
    assert.equal(row.agreement_id, 'instadesk-terms');
    assert.equal(row.version, CURRENT);
    assert.equal(row.sha256, receipt.agreement.sha256);
    assert.equal(row.accepted_at, receipt.acceptedAt);
    assert.ok(Date.parse(row.received_at) >= Date.parse(receipt.acceptedAt));
    assert.deepEqual(JSON.parse(row.receipt_json), receipt);

    const status = await server.get(`/api/accounts/${id}/consent-status`);
    assert.deepEqual(
      { accepted: status.body.accepted, acceptedVersion: status.body.acceptedVersion, currentVersion: status.body.currentVersion },
      { accepted: true, acceptedVersion: CURRENT, currentVersion: CURRENT },
    );
  });

  test('a different body under a stored receipt id is a conflict (409), and changes nothing', async () => {
    const { id } = await account();
    const receipt = await makeReceipt(v1, id);
    assert.equal((await server.post('/api/consents', receipt)).status, 201);
    const other = await makeReceipt(v1, id, { receiptId: receipt.receiptId, locale: 'fr-FR' });
    const { status, body } = await server.post('/api/consents', other);
    assert.equal(status, 409);
    assert.equal(body.error, 'receipt-id-conflict');
    const [row] = server.rows('SELECT receipt_json FROM consents WHERE receipt_id = ?', receipt.receiptId);
    assert.equal(JSON.parse(row.receipt_json).locale, 'en-GB');
  });

  test('rejects (422) a receipt for a text other than the one served, and lists the problems', async () => {
    const { id } = await account();
    const edited = parseServed({ ...v1, markdown: v1.markdown.replace('Welcome to use', 'Welcome to using') });
    const receipt = await makeReceipt(edited, id);
    const { status, body } = await server.post('/api/consents', receipt);
    assert.equal(status, 422);
    assert.deepEqual(body.problems.map((p) => p.code), ['agreement-mismatch']);
    assert.equal(server.rows('SELECT 1 FROM consents WHERE receipt_id = ?', receipt.receiptId).length, 0);
  });

  test('rejects (422) a receipt changed after it was made', async () => {
    const { id } = await account();
    const receipt = await makeReceipt(v1, id);
    const { status, body } = await server.post('/api/consents', { ...receipt, signer: { id, name: 'Someone Else' } });
    assert.equal(status, 422);
    assert.ok(body.problems.some((p) => p.code === 'integrity-mismatch'));
  });

  test('rejects (422) a version never served, an unknown account and what is not JSON (400)', async () => {
    const { id } = await account();
    const early = await server.post('/api/consents', await makeReceipt(v2, id));
    assert.equal(early.status, 422);
    assert.equal(early.body.problems[0].code, 'unknown-version');
    const stranger = await server.post('/api/consents', await makeReceipt(v1, '00000000-0000-4000-8000-000000000000'));
    assert.equal(stranger.status, 422);
    assert.equal(stranger.body.problems[0].code, 'unknown-account');
    const res = await fetch(`${server.url}/api/consents`, { method: 'POST', body: '{not json' });
    assert.equal(res.status, 400);
  });

  test('an organisation account agrees for the organisation and gives all six call-center commitments', async () => {
    const { id } = await account('organization');
    const organization = { name: 'Acme Support Ltd', signerAuthority: 'Administrator' };
    const acks = (list) => list.map((c) => ({ id: c.id, label: c.label, at: new Date() }));

    const five = await server.post('/api/consents', await makeReceipt(v1, id, { organization, acknowledgements: acks(commitments.slice(0, 5)) }));
    assert.equal(five.status, 422);
    assert.deepEqual(five.body.problems.map((p) => p.code), ['acknowledgement-missing']);
    assert.match(five.body.problems[0].message, /call-center-6/);

    const withoutOrganization = await server.post('/api/consents', await makeReceipt(v1, id, { acknowledgements: acks(commitments) }));
    assert.equal(withoutOrganization.status, 422);
    assert.deepEqual(withoutOrganization.body.problems.map((p) => p.code), ['organization-required']);

    const all = await server.post('/api/consents', await makeReceipt(v1, id, { organization, acknowledgements: acks(commitments) }));
    assert.equal(all.status, 201);
  });

  test('while down, POST /api/consents answers 503 with Retry-After and stores nothing; then takes the same receipt', async () => {
    const { id } = await account();
    const receipt = await makeReceipt(v1, id);
    assert.equal((await server.post('/api/admin/down')).body.down, true);
    const res = await fetch(`${server.url}/api/consents`, { method: 'POST', body: JSON.stringify(receipt) });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(server.rows('SELECT 1 FROM consents WHERE receipt_id = ?', receipt.receiptId).length, 0);
    assert.equal((await server.post('/api/admin/up')).body.down, false);
    assert.equal((await server.post('/api/consents', receipt)).status, 201);
  });

  test('declines are stored under their Idempotency-Key, once', async () => {
    const { id } = await account();
    const record = {
      agreement: { id: v1.id, version: v1.version, title: v1.title, sha256: (await makeReceipt(v1, id)).agreement.sha256, canonicalization: 'x' },
      shownAt: new Date(Date.now() - 1000).toISOString(),
      declinedAt: new Date().toISOString(),
      signer: { id, name: 'Pat Example' },
      reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: v1.keyClauses.length },
      locale: 'en-GB',
      uiVariant: 'test',
      replaces: null,
    };
    assert.equal((await server.post('/api/declines', record)).status, 400, 'no Idempotency-Key');
    const key = crypto.randomUUID();
    assert.equal((await server.post('/api/declines', record, { 'idempotency-key': key })).status, 201);
    assert.equal((await server.post('/api/declines', record, { 'idempotency-key': key })).status, 200);
    assert.equal((await server.post('/api/declines', { ...record, locale: 'fr' }, { 'idempotency-key': key })).status, 409);
    assert.equal(server.rows('SELECT 1 FROM declines WHERE account_id = ?', id).length, 1);
  });

  test('publishing the next version: consent status turns false until the account re-consents', async () => {
    const { id } = await account();
    const first = await makeReceipt(v1, id);
    assert.equal((await server.post('/api/consents', first)).status, 201);
    assert.equal((await server.post('/api/admin/publish', { version: NEXT })).body.currentVersion, NEXT);
    let status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual([status.accepted, status.acceptedVersion, status.currentVersion], [false, CURRENT, NEXT]);

    const wrongReplaces = await makeReceipt(v2, id, { replaces: { version: CURRENT, receiptId: crypto.randomUUID() } });
    assert.equal((await server.post('/api/consents', wrongReplaces)).body.problems[0].code, 'replaces-unknown');
    const second = await makeReceipt(v2, id, { replaces: { version: CURRENT, receiptId: first.receiptId } });
    assert.equal((await server.post('/api/consents', second)).status, 201);
    status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual([status.accepted, status.acceptedVersion, status.acceptedReceiptId], [true, NEXT, second.receiptId]);
    // A consent to the earlier version, still in someone's outbox, is still a valid consent to it.
    const { id: late } = await account();
    assert.equal((await server.post('/api/consents', await makeReceipt(v1, late))).status, 201);
  });

  test('the database is a WAL-mode SQLite file with the documented tables', () => {
    assert.equal(server.db().pragma('journal_mode', { simple: true }), 'wal');
    const columns = (table) => server.rows(`PRAGMA table_info(${table})`).map((c) => c.name);
    assert.deepEqual(columns('consents'), [
      'receipt_id', 'account_id', 'agreement_id', 'version', 'sha256', 'accepted_at', 'received_at', 'receipt_json',
    ]);
    assert.deepEqual(columns('declines'), [
      'decline_id', 'account_id', 'agreement_id', 'version', 'sha256', 'declined_at', 'received_at', 'record_json',
    ]);
  });
});
