// The server's contract, without a browser: verification of every document against the served
// text, the privacy policy a first consent must include, optional consents, idempotency by
// receipt id, the organisation rules, downtime, declines, and the database file itself.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { expected } from '../scripts/make-v2.mjs';
import { loadAgreements } from '../server/agreements.mjs';
import { MIGRATIONS, openStore } from '../server/db.mjs';
import { CURRENT, EXAMPLE_DIR, NEXT, PRIVACY_ID, PRIVACY_VERSION, emailFor, startServer } from './helpers.mjs';
import { makeReceipt, parseServed } from './receipts.mjs';

const MARKETING = { id: 'marketing-email', label: 'Send me Instadesk product news by e-mail.' };

const commitments = JSON.parse(
  await readFile(path.join(EXAMPLE_DIR, 'agreements/call-center-commitments.json'), 'utf8'),
).items;

describe('the agreement versions', () => {
  test('the second version is the first with the five edits of withFiveChanges, and the manifest pins both hashes', async () => {
    const { manifest, v2, v2File } = await expected();
    assert.equal(await readFile(v2File, 'utf8'), v2, 'run node examples/signup/scripts/make-v2.mjs');
    const onDisk = JSON.parse(await readFile(path.join(EXAMPLE_DIR, 'agreements/manifest.json'), 'utf8'));
    assert.deepEqual(onDisk, manifest);
    assert.deepEqual(onDisk.documents.map((d) => d.id), ['instadesk-terms', PRIVACY_ID]);
    assert.equal(onDisk.agreement, 'instadesk-terms');
    assert.deepEqual(onDisk.documents[0].versions.map((v) => v.version), [CURRENT, NEXT]);
    assert.deepEqual(onDisk.documents[1].versions.map((v) => v.version), [PRIVACY_VERSION]);
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
        await assert.rejects(loadAgreements(dir), new RegExp(`${file.replace('.', '\\.')} does not match .*must never change`));
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

  before(async () => {
    server = await startServer();
    v1 = parseServed((await server.get('/api/agreements/instadesk-terms')).body);
    const markdown2 = (await expected()).v2;
    v2 = parseServed({ id: v1.id, version: NEXT, markdown: markdown2, title: v1.title });
    privacy = parseServed((await server.get(`/api/agreements/${PRIVACY_ID}`)).body);
  });
  after(() => server?.stop());

  /**
   * A first consent, as the app makes it: the Terms and the privacy policy.
   * @param {import('react-clickwrap/core').Agreement} agreement @param {string} signerId
   * @param {Partial<import('react-clickwrap/core').CreateReceiptInput>} [overrides]
   */
  const signupReceipt = (agreement, signerId, overrides = {}) => makeReceipt(agreement, signerId, overrides, [privacy]);
  /** The rows stored beside a consent. @param {string} receiptId */
  const documentRows = (receiptId) =>
    server.rows('SELECT * FROM consent_documents WHERE receipt_id = ? ORDER BY position', receiptId);
  /** @param {string} receiptId */
  const optionRows = (receiptId) => server.rows('SELECT * FROM consent_options WHERE receipt_id = ?', receiptId);

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
    assert.deepEqual(body.optionalConsents, [MARKETING]);
    assert.equal((await server.get(`/api/agreements/instadesk-terms/versions/${NEXT}`)).status, 404, 'not published yet');
  });

  test('serves the privacy policy the same way', async () => {
    const { status, body } = await server.get(`/api/agreements/${PRIVACY_ID}`);
    assert.equal(status, 200);
    assert.deepEqual(
      [body.id, body.version, body.title, body.current, body.published],
      [PRIVACY_ID, PRIVACY_VERSION, 'Example Privacy Policy', true, [PRIVACY_VERSION]],
    );
    assert.equal(body.sha256, (await loadAgreements()).document(PRIVACY_ID)?.get(PRIVACY_VERSION)?.sha256);
    assert.equal(body.markdown, await readFile(path.join(EXAMPLE_DIR, `agreements/${PRIVACY_ID}/${PRIVACY_VERSION}.md`), 'utf8'));
    assert.equal('acknowledgements' in body, false);
    const version = await server.get(`/api/agreements/${PRIVACY_ID}/versions/${PRIVACY_VERSION}`);
    assert.deepEqual([version.status, version.body.sha256, version.body.current], [200, body.sha256, true]);
    assert.equal((await server.get(`/api/agreements/${PRIVACY_ID}/versions/2099-01-01`)).status, 404);
    assert.equal((await server.get('/api/agreements/cookie-policy')).status, 404);
  });

  test('stores a valid receipt once, with the server time, and answers a repeat with the stored row', async () => {
    const { id } = await account();
    const receipt = await signupReceipt(v1, id);
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
    assert.equal(documentRows(receipt.receiptId).length, 2, 'the repeat added no document rows');
    assert.deepEqual(first.body.consent.documents, [
      { id: 'instadesk-terms', version: CURRENT },
      { id: PRIVACY_ID, version: PRIVACY_VERSION },
    ]);

    const status = await server.get(`/api/accounts/${id}/consent-status`);
    assert.deepEqual(
      { accepted: status.body.accepted, acceptedVersion: status.body.acceptedVersion, currentVersion: status.body.currentVersion },
      { accepted: true, acceptedVersion: CURRENT, currentVersion: CURRENT },
    );
  });

  test('a different body under a stored receipt id is a conflict (409), and changes nothing', async () => {
    const { id } = await account();
    const receipt = await signupReceipt(v1, id, { optionalConsents: [{ ...MARKETING, granted: false, at: null }] });
    assert.equal((await server.post('/api/consents', receipt)).status, 201);
    const other = await signupReceipt(v1, id, {
      receiptId: receipt.receiptId,
      optionalConsents: [{ ...MARKETING, granted: true, at: new Date() }],
    });
    const { status, body } = await server.post('/api/consents', other);
    assert.equal(status, 409);
    assert.equal(body.error, 'receipt-id-conflict');
    const [row] = server.rows('SELECT receipt_json FROM consents WHERE receipt_id = ?', receipt.receiptId);
    assert.equal(JSON.parse(row.receipt_json).optionalConsents[0].granted, false);
    assert.deepEqual(optionRows(receipt.receiptId).map((o) => o.granted), [0], 'the first answer, once');
    assert.equal(documentRows(receipt.receiptId).length, 2);
  });

  test('rejects (422) a receipt for a text other than the one served, and lists the problems', async () => {
    const { id } = await account();
    const edited = parseServed({ ...v1, markdown: v1.markdown.replace('Welcome to use', 'Welcome to using') });
    const receipt = await signupReceipt(edited, id);
    const { status, body } = await server.post('/api/consents', receipt);
    assert.equal(status, 422);
    assert.deepEqual(body.problems.map((p) => p.code), ['agreement-mismatch']);
    assert.equal(server.rows('SELECT 1 FROM consents WHERE receipt_id = ?', receipt.receiptId).length, 0);
  });

  test('rejects (422) a first consent without the privacy policy, and says so', async () => {
    const { id } = await account();
    const receipt = await makeReceipt(v1, id);
    const { status, body } = await server.post('/api/consents', receipt);
    assert.equal(status, 422);
    assert.deepEqual(body.problems.map((p) => [p.code, p.path]), [['document-missing', 'additionalDocuments']]);
    assert.match(body.problems[0].message, /does not include the Example Privacy Policy \("privacy-policy"\).*current version \(2024-01-01\)/);
    assert.equal(server.rows('SELECT 1 FROM consents WHERE receipt_id = ?', receipt.receiptId).length, 0);
    assert.equal(documentRows(receipt.receiptId).length, 0);
  });

  test('rejects (422) a receipt whose privacy-policy hash is not the text served', async () => {
    const { id } = await account();
    const tampered = parseServed({ ...privacy, markdown: privacy.markdown.replace('Who we are', 'Who we were') });
    const receipt = await makeReceipt(v1, id, {}, [tampered]);
    const { status, body } = await server.post('/api/consents', receipt);
    assert.equal(status, 422);
    assert.deepEqual(body.problems.map((p) => [p.code, p.path]), [['agreement-mismatch', 'additionalDocuments[0].sha256']]);
    assert.match(body.problems[0].message, /"privacy-policy"/);
    // The same with the hash edited after the receipt was made: the seal breaks too.
    const edited = await signupReceipt(v1, id);
    edited.additionalDocuments[0].sha256 = receipt.additionalDocuments[0].sha256;
    const second = await server.post('/api/consents', edited);
    assert.equal(second.status, 422);
    assert.deepEqual(second.body.problems.map((p) => p.code), ['agreement-mismatch', 'integrity-mismatch']);
    assert.equal(server.rows('SELECT 1 FROM consents WHERE account_id = ?', id).length, 0);
  });

  test('rejects (422) a document or a version of it this server never served', async () => {
    const { id } = await account();
    const future = parseServed({ ...privacy, version: '2099-01-01' });
    const early = await server.post('/api/consents', await makeReceipt(v1, id, {}, [future]));
    assert.equal(early.status, 422);
    assert.deepEqual(early.body.problems.map((p) => [p.code, p.path]), [['unknown-version', 'additionalDocuments[0].version']]);
    const cookies = parseServed({ id: 'cookie-policy', version: '1', markdown: '# Cookie Policy\n\nWe use cookies.' });
    const unknown = await server.post('/api/consents', await makeReceipt(v1, id, {}, [privacy, cookies]));
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.problems.map((p) => [p.code, p.path]), [['unknown-document', 'additionalDocuments[1].id']]);
  });

  test('stores one row per document and per optional consent, granted or not, in the same transaction', async () => {
    const { id } = await account();
    const grantedAt = new Date(Date.now() - 5_000);
    const yes = await signupReceipt(v1, id, { optionalConsents: [{ ...MARKETING, granted: true, at: grantedAt }] });
    assert.equal((await server.post('/api/consents', yes)).status, 201);
    const catalog = await loadAgreements();
    assert.deepEqual(documentRows(yes.receiptId), [
      {
        receipt_id: yes.receiptId, position: 0, document_id: 'instadesk-terms', version: CURRENT,
        sha256: catalog.get(CURRENT)?.sha256, required: 'whole', reached_end: 1,
      },
      {
        receipt_id: yes.receiptId, position: 1, document_id: PRIVACY_ID, version: PRIVACY_VERSION,
        sha256: catalog.document(PRIVACY_ID)?.get(PRIVACY_VERSION)?.sha256, required: 'whole', reached_end: 1,
      },
    ]);
    assert.deepEqual(optionRows(yes.receiptId), [
      { receipt_id: yes.receiptId, option_id: MARKETING.id, label: MARKETING.label, granted: 1, at: grantedAt.toISOString() },
    ]);

    const { id: other } = await account();
    const no = await signupReceipt(v1, other, { optionalConsents: [{ ...MARKETING, granted: false, at: null }] });
    const stored = await server.post('/api/consents', no);
    assert.equal(stored.status, 201);
    assert.deepEqual(stored.body.consent.optionalConsents, [{ id: MARKETING.id, granted: false }]);
    assert.deepEqual(optionRows(no.receiptId).map((o) => [o.option_id, o.granted, o.at]), [[MARKETING.id, 0, null]]);
  });

  test('rejects (422) an optional consent this app does not offer, or with another label', async () => {
    const { id } = await account();
    const reworded = await signupReceipt(v1, id, { optionalConsents: [{ id: MARKETING.id, label: 'Spam me.', granted: true, at: new Date() }] });
    const { status, body } = await server.post('/api/consents', reworded);
    assert.equal(status, 422);
    assert.deepEqual(body.problems.map((p) => [p.code, p.path]), [['optional-consent-unknown', 'optionalConsents[0]']]);
    const other = await signupReceipt(v1, id, { optionalConsents: [{ id: 'sms', label: 'Text me.', granted: false, at: null }] });
    assert.equal((await server.post('/api/consents', other)).body.problems[0].code, 'optional-consent-unknown');
  });

  test('consent-status says whether the current privacy policy is accepted and whether marketing is granted', async () => {
    const { id } = await account();
    const before = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual(before.documents[PRIVACY_ID], {
      accepted: false, acceptedVersion: null, acceptedReceiptId: null, acceptedAt: null,
      currentVersion: PRIVACY_VERSION, currentEffectiveDate: PRIVACY_VERSION,
    });
    assert.deepEqual(before.optionalConsents[MARKETING.id], { offered: false, granted: false, at: null, receiptId: null });

    const at = new Date(Date.now() - 10_000);
    const yes = await signupReceipt(v1, id, { optionalConsents: [{ ...MARKETING, granted: true, at }] });
    assert.equal((await server.post('/api/consents', yes)).status, 201);
    let status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual(
      [status.accepted, status.documents[PRIVACY_ID].accepted, status.documents[PRIVACY_ID].acceptedVersion, status.documents[PRIVACY_ID].acceptedReceiptId],
      [true, true, PRIVACY_VERSION, yes.receiptId],
    );
    assert.deepEqual(status.optionalConsents[MARKETING.id], { offered: true, granted: true, at: at.toISOString(), receiptId: yes.receiptId });

    // A later consent that does not offer it leaves the answer as it was (the privacy policy,
    // accepted already, need not come again)...
    const quiet = await makeReceipt(v1, id);
    assert.equal((await server.post('/api/consents', quiet)).status, 201);
    status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.equal(status.optionalConsents[MARKETING.id].granted, true);
    assert.equal(status.documents[PRIVACY_ID].accepted, true);
    // ...and a later one that offers it again records the new answer.
    const withdrawn = await makeReceipt(v1, id, { optionalConsents: [{ ...MARKETING, granted: false, at: new Date() }] });
    assert.equal((await server.post('/api/consents', withdrawn)).status, 201);
    status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual([status.optionalConsents[MARKETING.id].granted, status.optionalConsents[MARKETING.id].receiptId], [false, withdrawn.receiptId]);
  });

  test('rejects (422) a receipt changed after it was made', async () => {
    const { id } = await account();
    const receipt = await signupReceipt(v1, id);
    const { status, body } = await server.post('/api/consents', { ...receipt, signer: { id, name: 'Someone Else' } });
    assert.equal(status, 422);
    assert.ok(body.problems.some((p) => p.code === 'integrity-mismatch'));
  });

  test('rejects (422) a version never served, an unknown account and what is not JSON (400)', async () => {
    const { id } = await account();
    const early = await server.post('/api/consents', await signupReceipt(v2, id));
    assert.equal(early.status, 422);
    assert.equal(early.body.problems[0].code, 'unknown-version');
    const stranger = await server.post('/api/consents', await signupReceipt(v1, '00000000-0000-4000-8000-000000000000'));
    assert.equal(stranger.status, 422);
    assert.equal(stranger.body.problems[0].code, 'unknown-account');
    const res = await fetch(`${server.url}/api/consents`, { method: 'POST', body: '{not json' });
    assert.equal(res.status, 400);
  });

  test('an organisation account agrees for the organisation and gives all six call-center commitments', async () => {
    const { id } = await account('organization');
    const organization = { name: 'Acme Support Ltd', signerAuthority: 'Administrator' };
    const acks = (list) => list.map((c) => ({ id: c.id, label: c.label, at: new Date() }));

    const five = await server.post('/api/consents', await signupReceipt(v1, id, { organization, acknowledgements: acks(commitments.slice(0, 5)) }));
    assert.equal(five.status, 422);
    assert.deepEqual(five.body.problems.map((p) => p.code), ['acknowledgement-missing']);
    assert.match(five.body.problems[0].message, /call-center-6/);

    const withoutOrganization = await server.post('/api/consents', await signupReceipt(v1, id, { acknowledgements: acks(commitments) }));
    assert.equal(withoutOrganization.status, 422);
    assert.deepEqual(withoutOrganization.body.problems.map((p) => p.code), ['organization-required']);

    const all = await server.post('/api/consents', await signupReceipt(v1, id, { organization, acknowledgements: acks(commitments) }));
    assert.equal(all.status, 201);
  });

  test('while down, POST /api/consents answers 503 with Retry-After and stores nothing; then takes the same receipt', async () => {
    const { id } = await account();
    const receipt = await signupReceipt(v1, id);
    assert.equal((await server.post('/api/admin/down')).body.down, true);
    const res = await fetch(`${server.url}/api/consents`, { method: 'POST', body: JSON.stringify(receipt) });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(server.rows('SELECT 1 FROM consents WHERE receipt_id = ?', receipt.receiptId).length, 0);
    assert.equal((await server.post('/api/admin/up')).body.down, false);
    assert.equal((await server.post('/api/consents', receipt)).status, 201);
    assert.equal(documentRows(receipt.receiptId).length, 2);
  });

  test('declines are stored under their Idempotency-Key, once, with the documents shown', async () => {
    const { id } = await account();
    const notRead = (/** @type {import('react-clickwrap/core').Agreement} */ doc) => ({
      required: 'whole', reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: doc.keyClauses.length,
      changesSeen: [], changesTotal: 0,
    });
    const record = {
      agreement: { id: v1.id, version: v1.version, title: v1.title, sha256: (await makeReceipt(v1, id)).agreement.sha256, canonicalization: 'x' },
      shownAt: new Date(Date.now() - 1000).toISOString(),
      declinedAt: new Date().toISOString(),
      signer: { id, name: 'Pat Example' },
      reading: notRead(v1),
      locale: 'en-GB',
      uiVariant: 'test',
      replaces: null,
      additionalDocuments: [{ id: PRIVACY_ID, version: PRIVACY_VERSION, title: privacy.title, reading: notRead(privacy) }],
    };
    assert.equal((await server.post('/api/declines', record)).status, 400, 'no Idempotency-Key');
    const key = crypto.randomUUID();
    assert.equal((await server.post('/api/declines', record, { 'idempotency-key': key })).status, 201);
    assert.equal((await server.post('/api/declines', record, { 'idempotency-key': key })).status, 200);
    assert.equal((await server.post('/api/declines', { ...record, locale: 'fr' }, { 'idempotency-key': key })).status, 409);
    const rows = server.rows('SELECT * FROM declines WHERE account_id = ?', id);
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0].record_json).additionalDocuments, record.additionalDocuments);

    // A privacy-policy version never served, or a document never served, is refused.
    const future = { ...record, additionalDocuments: [{ ...record.additionalDocuments[0], version: '2099-01-01' }] };
    const refused = await server.post('/api/declines', future, { 'idempotency-key': crypto.randomUUID() });
    assert.deepEqual([refused.status, refused.body.problems.map((p) => p.code)], [422, ['unknown-version']]);
    const cookies = { ...record, additionalDocuments: [{ ...record.additionalDocuments[0], id: 'cookie-policy' }] };
    const unknown = await server.post('/api/declines', cookies, { 'idempotency-key': crypto.randomUUID() });
    assert.deepEqual([unknown.status, unknown.body.problems.map((p) => p.code)], [422, ['unknown-document']]);
  });

  test('publishing the next version: consent status turns false until the account re-consents', async () => {
    const { id } = await account();
    const first = await signupReceipt(v1, id);
    assert.equal((await server.post('/api/consents', first)).status, 201);
    assert.equal((await server.post('/api/admin/publish', { version: NEXT })).body.currentVersion, NEXT);
    let status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual([status.accepted, status.acceptedVersion, status.currentVersion], [false, CURRENT, NEXT]);

    const wrongReplaces = await makeReceipt(v2, id, { replaces: { version: CURRENT, receiptId: crypto.randomUUID() } });
    assert.equal((await server.post('/api/consents', wrongReplaces)).body.problems[0].code, 'replaces-unknown');
    // The privacy policy was accepted in its current version with the first consent: the
    // re-consent to the new Terms need not include it.
    const second = await makeReceipt(v2, id, { replaces: { version: CURRENT, receiptId: first.receiptId } });
    assert.equal((await server.post('/api/consents', second)).status, 201);
    status = (await server.get(`/api/accounts/${id}/consent-status`)).body;
    assert.deepEqual([status.accepted, status.acceptedVersion, status.acceptedReceiptId], [true, NEXT, second.receiptId]);
    assert.deepEqual([status.documents[PRIVACY_ID].accepted, status.documents[PRIVACY_ID].acceptedReceiptId], [true, first.receiptId]);
    assert.deepEqual(documentRows(second.receiptId).map((d) => d.document_id), ['instadesk-terms']);
    // A consent to the earlier version, still in someone's outbox, is still a valid consent to it.
    const { id: late } = await account();
    assert.equal((await server.post('/api/consents', await signupReceipt(v1, late))).status, 201);
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
    assert.deepEqual(columns('consent_documents'), [
      'receipt_id', 'position', 'document_id', 'version', 'sha256', 'required', 'reached_end',
    ]);
    assert.deepEqual(columns('consent_options'), ['receipt_id', 'option_id', 'label', 'granted', 'at']);
    assert.equal(server.db().pragma('user_version', { simple: true }), 2);
    // Every stored consent has its documents beside it, the Terms first.
    assert.deepEqual(
      server.rows(`SELECT count(*) AS n FROM consents AS c
                   WHERE NOT EXISTS (SELECT 1 FROM consent_documents AS d
                                     WHERE d.receipt_id = c.receipt_id AND d.position = 0 AND d.document_id = c.agreement_id
                                       AND d.version = c.version AND d.sha256 = c.sha256)`),
      [{ n: 0 }],
    );
  });
});

describe('the store', () => {
  test('migration 2 fills consent_documents and consent_options from the receipts already stored', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-migrate-'));
    const file = path.join(dir, 'consents.db');
    try {
      const catalog = await loadAgreements();
      const terms = /** @type {import('react-clickwrap/core').Agreement} */ (parseServed(/** @type {any} */ (catalog.get(CURRENT))));
      const policy = parseServed(/** @type {any} */ (catalog.document(PRIVACY_ID)?.get(PRIVACY_VERSION)));
      const old = await makeReceipt(terms, 'acc-1');
      const both = await makeReceipt(terms, 'acc-1', { optionalConsents: [{ ...MARKETING, granted: false, at: null }] }, [policy]);
      // A database as schema 1 left it.
      const db = new Database(file);
      db.exec(MIGRATIONS[0]);
      db.pragma('user_version = 1');
      db.prepare("INSERT INTO accounts VALUES ('acc-1', 'a@example.test', 'A', 'person', '2024-01-01T00:00:00.000Z')").run();
      const insert = db.prepare('INSERT INTO consents VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const r of [old, both]) {
        insert.run(r.receiptId, 'acc-1', r.agreement.id, r.agreement.version, r.agreement.sha256, r.acceptedAt, r.acceptedAt, JSON.stringify(r));
      }
      db.close();

      const store = openStore(file);
      try {
        const docs = store.db.prepare('SELECT receipt_id, position, document_id, version, sha256, required, reached_end FROM consent_documents ORDER BY receipt_id = ?, position').all(both.receiptId);
        assert.deepEqual(docs, [
          { receipt_id: old.receiptId, position: 0, document_id: 'instadesk-terms', version: CURRENT, sha256: old.agreement.sha256, required: 'whole', reached_end: 1 },
          { receipt_id: both.receiptId, position: 0, document_id: 'instadesk-terms', version: CURRENT, sha256: both.agreement.sha256, required: 'whole', reached_end: 1 },
          { receipt_id: both.receiptId, position: 1, document_id: PRIVACY_ID, version: PRIVACY_VERSION, sha256: both.additionalDocuments[0].sha256, required: 'whole', reached_end: 1 },
        ]);
        assert.deepEqual(store.optionsOfReceipt(both.receiptId), [
          { receipt_id: both.receiptId, option_id: MARKETING.id, label: MARKETING.label, granted: 0, at: null },
        ]);
        assert.equal(store.db.pragma('user_version', { simple: true }), 2);
      } finally {
        store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
