import { authenticate, get, post, testServer } from './handler.test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { ConsentReceipt, CreateReceiptInput } from '../core/index';
import { diffAgreements, hashAgreement, receiptIntegrity } from '../core/index';
import { createCatalog } from './catalog';
import { createClickwrapHandler, type ClickwrapHandlerOptions } from './handler';
import { StoreBusyError, type LogStore } from './log';
import { verifyLog } from './log-verify';
import { openSqliteStore } from './stores/sqlite';
import { AGREEMENTS, MARKETING, TEXTS, catalogInput, makeReceipt, setup } from './test-fixtures';
import { verifyCountersignedReceipt } from './verify-receipt';

const server = testServer;

describe('serving agreement versions', () => {
  it('serves the current version and any version served, each with its hash', async () => {
    const { handler } = await server();
    const current = await handler(get('agreements/instadesk-terms', null));
    expect(current.status).toBe(200);
    const body = await current.json();
    expect(body).toMatchObject({
      id: 'instadesk-terms',
      version: '2023-01-01',
      current: true,
      sha256: await hashAgreement(TEXTS.termsV1),
    });
    expect(body.markdown).toBe(TEXTS.termsV1);
    expect((await handler(get('agreements/privacy-policy/versions/2024-01-01', null))).status).toBe(200);
    expect((await handler(get('agreements/instadesk-terms/versions/1999-01-01', null))).status).toBe(404);
    expect((await handler(get('agreements/nope', null))).status).toBe(404);
  });

  it('answers a malformed URL escape with 400, not 500', async () => {
    const { handler } = await server();
    const response = await handler(get('agreements/%E0%A4%A', null));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'bad-url' });
  });

  it('publishes the keys as a JWKS', async () => {
    const { handler } = await server();
    const jwks = await (await handler(get('.well-known/jwks.json', null))).json();
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kid: 'test-1', kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' }),
    ]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe('accepting a receipt', () => {
  it('stores it once, countersigned, verifiable offline with the JWKS and the text', async () => {
    const { handler } = await server();
    const receipt = await makeReceipt('alice');
    const created = await handler(post('receipts', receipt));
    expect(created.status).toBe(201);
    const record = await created.json();
    expect(record).toMatchObject({ subject: 'alice', seq: 1, receipt: { receiptId: receipt.receiptId } });
    const keys = await (await handler(get('.well-known/jwks.json', null))).text();
    const verified = await verifyCountersignedReceipt(record, {
      keys,
      text: TEXTS.termsV1,
      documents: { 'privacy-policy': TEXTS.privacy },
    });
    expect(verified.problems).toEqual([]);
    expect(verified.proof).toMatchObject({
      kid: 'test-1',
      subject: 'alice',
      signer: { id: 'alice' },
      receivedAt: record.receivedAt,
      // The checkpoint signed after its batch committed covers it: the log reached seq 1.
      log: { seq: 1, count: 1, head: record.checkpoint.head },
    });

    // A retry is answered with the stored record, and a checkpoint signed now that still covers it.
    const again = await handler(post('receipts', receipt));
    expect(again.status).toBe(200);
    const { checkpoint, ...repeated } = await again.json();
    const { checkpoint: first, ...stored } = record;
    expect(repeated).toEqual(stored);
    expect(checkpoint).toMatchObject({ count: 1, head: first.head });
  });

  it('answers a retry with the stored record even when the receipt would no longer pass (too old now)', async () => {
    let clock = new Date();
    const { handler } = await server({ now: () => clock });
    const receipt = await makeReceipt('alice', {}, clock);
    const created = await handler(post('receipts', receipt));
    expect(created.status).toBe(201);
    const { checkpoint: _first, ...record } = await created.json();
    clock = new Date(clock.getTime() + 40 * 24 * 3600_000);
    const retry = await handler(post('receipts', receipt));
    expect(retry.status).toBe(200);
    const { checkpoint: _again, ...repeated } = await retry.json();
    expect(repeated).toEqual(record);
    // A new receipt that old is refused.
    const late = await handler(
      post('receipts', await makeReceipt('alice', {}, new Date(clock.getTime() - 40 * 24 * 3600_000))),
    );
    expect(late.status).toBe(422);
  });

  it('answers 409 for the same id with another body, without echoing what is stored', async () => {
    const { handler } = await server();
    const receipt = await makeReceipt('alice', { signer: { id: 'alice', name: 'Alice Secret' } });
    expect((await handler(post('receipts', receipt))).status).toBe(201);
    const other = await makeReceipt('alice', { receiptId: receipt.receiptId });
    const response = await handler(post('receipts', other));
    expect(response.status).toBe(409);
    const text = await response.text();
    expect(text).not.toMatch(/Alice Secret|marketing/);
    expect(JSON.parse(text)).toMatchObject({ error: 'id-conflict' });
  });

  it('refuses without a signed-in subject (401) and for another signer (403), storing nothing', async () => {
    const { handler, store } = await server();
    const receipt = await makeReceipt('alice');
    expect((await handler(post('receipts', receipt, null))).status).toBe(401);
    const forged = await handler(post('receipts', receipt, 'mallory'));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'signer-not-subject' });
    expect(await store.head()).toBeNull();
  });

  it('lets the app allow another signer (an organisation admin)', async () => {
    const { handler } = await server({
      policy: { allowSigner: (subject, r) => subject === 'admin' && r.signer.id.startsWith('member-') },
    });
    expect((await handler(post('receipts', await makeReceipt('member-1'), 'admin'))).status).toBe(201);
    expect((await handler(post('receipts', await makeReceipt('someone'), 'admin'))).status).toBe(403);
  });

  it("applies the app's own rules to a receipt that meets the server's, answering their problems as its own", async () => {
    const rules = vi.fn((receipt: ConsentReceipt, subject: string) =>
      receipt.optionalConsents.some((c) => c.granted)
        ? []
        : [{ code: 'app-needs-a-choice', path: 'optionalConsents', message: `${subject}: grant one.` }],
    );
    const { handler, store } = await server({ policy: { rules } });
    const declined = await makeReceipt('alice', {
      optionalConsents: [{ ...MARKETING, granted: false, at: new Date() }],
    });
    const refused = await handler(post('receipts', declined));
    expect(refused.status).toBe(422);
    expect((await refused.json()).problems).toEqual([
      { code: 'app-needs-a-choice', path: 'optionalConsents', message: 'alice: grant one.' },
    ]);
    expect(rules).toHaveBeenCalledWith(
      expect.objectContaining({ signer: expect.objectContaining({ id: 'alice' }) }),
      'alice',
    );
    expect(await store.head()).toBeNull();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    // A receipt the server refuses never reaches the app's rules.
    rules.mockClear();
    const future = await makeReceipt('alice', {}, new Date('9999-12-31T00:00:00Z'));
    expect((await handler(post('receipts', future))).status).toBe(422);
    expect(rules).not.toHaveBeenCalled();
  });

  it('lets the server clock decide: a receipt dated 9999 or long ago is refused', async () => {
    const { handler } = await server();
    const future = await makeReceipt('alice', {}, new Date('9999-12-31T00:00:00Z'));
    const ahead = await handler(post('receipts', future));
    expect(ahead.status).toBe(422);
    expect((await ahead.json()).problems).toContainEqual(
      expect.objectContaining({ code: 'clock-ahead', path: 'acceptedAt' }),
    );
    const old = await makeReceipt('alice', {}, new Date('2020-01-01T00:00:00Z'));
    expect((await (await handler(post('receipts', old))).json()).problems).toContainEqual(
      expect.objectContaining({ code: 'too-old' }),
    );
    const slightlyAhead = await makeReceipt('alice', {}, new Date(Date.now() + 60_000));
    expect((await handler(post('receipts', slightlyAhead))).status).toBe(201);
  });

  it('holds every time the receipt records to the server clock, and to acceptedAt (the end reached in 1970, a box ticked in 2099)', async () => {
    const { handler, store } = await server();
    const receipt = await makeReceipt('alice');
    const refused = async (changes: Partial<ConsentReceipt>) => {
      const forged = { ...receipt, ...changes };
      forged.integrity = await receiptIntegrity(forged);
      const response = await handler(post('receipts', forged));
      expect(response.status).toBe(422);
      return (await response.json()).problems.map((p: { code: string; path: string }) => [p.code, p.path]);
    };
    expect(
      await refused({ reading: { ...receipt.reading, reachedEndAt: '1970-01-01T00:00:00.000Z' } }),
    ).toEqual([['too-old', 'reading.reachedEndAt']]);
    expect(
      await refused({
        optionalConsents: receipt.optionalConsents.map((c) => ({ ...c, at: '2099-01-01T00:00:00.000Z' })),
      }),
    ).toEqual([['after-accepted', 'optionalConsents[0].at']]);
    expect(await store.head()).toBeNull();
  });

  it("applies the server's reading requirement, not the receipt's claim", async () => {
    const { handler } = await server();
    const unread = await makeReceipt('alice', {
      reading: {
        required: 'none',
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: AGREEMENTS.terms.keyClauses.length,
      },
    });
    const response = await handler(post('receipts', unread));
    expect(response.status).toBe(422);
    const { problems } = await response.json();
    expect(problems).toContainEqual(expect.objectContaining({ code: 'reading-required', path: 'reading' }));
  });

  it("applies core's receipt policy when the app gives one", async () => {
    const claimsNone = await makeReceipt('alice', {
      reading: {
        required: 'none',
        reachedEnd: true,
        reachedEndAt: new Date(),
        keyClausesSeen: [],
        keyClausesTotal: AGREEMENTS.terms.keyClauses.length,
      },
    });
    const strict = await server({ policy: { receipt: { reading: 'whole' } } });
    const refused = await strict.handler(post('receipts', claimsNone));
    expect((await refused.json()).problems).toEqual([
      expect.objectContaining({ code: 'reading-below-policy', path: 'reading.required' }),
    ]);
    const lenient = await server();
    expect((await lenient.handler(post('receipts', claimsNone))).status).toBe(201);
  });

  it('requires the privacy policy, versions that were served and consents that were offered', async () => {
    const { handler } = await server();
    const withoutPrivacy = await makeReceipt('alice', { additionalDocuments: [] });
    expect((await (await handler(post('receipts', withoutPrivacy))).json()).problems).toEqual([
      expect.objectContaining({ code: 'document-missing' }),
    ]);
    const junk = await makeReceipt('alice', {
      optionalConsents: [{ id: 'sell-my-data', label: 'Yes', granted: true, at: new Date() }],
    });
    expect((await (await handler(post('receipts', junk))).json()).problems).toEqual([
      expect.objectContaining({ code: 'not-offered' }),
    ]);
    const tampered = {
      ...(await makeReceipt('alice')),
      agreement: { ...(await makeReceipt('alice')).agreement, version: '2030-01-01' },
    };
    expect((await (await handler(post('receipts', tampered))).json()).problems).toEqual([
      expect.objectContaining({ code: 'unknown-version' }),
    ]);
    // The title is not in the hashed text: held to the one served, for each document.
    const retitled = await makeReceipt('alice', {
      agreement: { ...AGREEMENTS.terms, title: 'Newsletter preferences (no legal terms)' },
    });
    expect((await (await handler(post('receipts', retitled))).json()).problems).toEqual([
      expect.objectContaining({
        code: 'title-mismatch',
        path: 'agreement.title',
        message: expect.stringContaining('is served as "Instadesk Terms and Conditions"'),
      }),
    ]);
    const otherTitle = {
      ...(await makeReceipt('alice')),
    };
    otherTitle.additionalDocuments = [{ ...otherTitle.additionalDocuments[0]!, title: 'Cookie settings' }];
    expect((await (await handler(post('receipts', otherTitle))).json()).problems).toEqual([
      expect.objectContaining({ code: 'title-mismatch', path: 'additionalDocuments[0].title' }),
    ]);
    const good = await makeReceipt('alice');
    const otherPrivacy = {
      ...good,
      additionalDocuments: [{ ...good.additionalDocuments[0]!, sha256: 'f'.repeat(64) }],
    };
    expect((await (await handler(post('receipts', otherPrivacy))).json()).problems).toContainEqual(
      expect.objectContaining({ code: 'agreement-mismatch', path: 'additionalDocuments[0].sha256' }),
    );
  });

  it('caps the problem list', async () => {
    const { handler } = await server();
    const receipt: Record<string, unknown> = { ...(await makeReceipt('alice')) };
    for (let i = 0; i < 40; i++) receipt[`junk${i}`] = i;
    const response = await handler(post('receipts', receipt));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.problems).toHaveLength(20);
    expect(body.moreProblems).toBeGreaterThanOrEqual(20);
  });
});

describe('bounded requests', () => {
  it('refuses oversized, deep, long, wide and non-JSON bodies with a clear 4xx', async () => {
    const { handler, store } = await server();
    const receipt = await makeReceipt('alice');
    const cases: [unknown, number, string, string?][] = [
      [{ ...receipt, signer: { id: 'alice', name: 'x'.repeat(1_000_000) } }, 413, 'body-too-large'],
      [{ ...receipt, signer: { id: 'alice', name: 'x'.repeat(5_000) } }, 413, 'too-long'],
      [
        { ...receipt, acknowledgements: Array.from({ length: 15_000 }, (_, i) => ({ id: `a${i}` })) },
        413,
        'body-too-large',
      ],
      [{ ...receipt, acknowledgements: Array.from({ length: 500 }, () => 1) }, 413, 'too-many-items'],
      [`${'['.repeat(5000)}${']'.repeat(5000)}`, 400, 'too-deep'],
      ['{"receiptId": ', 400, 'invalid-json'],
      // 1e400 reads as Infinity, which the canonical JSON cannot write: it was a 500.
      [
        JSON.stringify(receipt).replace('"keyClausesTotal":', '"x":1e400,"keyClausesTotal":'),
        400,
        'number-out-of-range',
      ],
      [
        `{"signer":{"id":"alice"},"receiptId":"${crypto.randomUUID()}","x":-1e400}`,
        400,
        'number-out-of-range',
      ],
      [receipt, 415, 'unsupported-media-type', 'text/plain'],
      // PostgreSQL cannot store a NUL, and a lone surrogate is no character: refused on every store.
      [{ ...receipt, signer: { id: 'alice', name: 'Alice\u0000' } }, 400, 'invalid-text'],
      [{ ...receipt, signer: { id: 'alice', name: 'Alice \ud800' } }, 400, 'invalid-text'],
      [{ ...receipt, uiVariant: '\udc00x' }, 400, 'invalid-text'],
      [{ ...receipt, ['k\u0000']: 1 }, 400, 'invalid-text'],
    ];
    for (const [body, status, code, type] of cases) {
      const response = await handler(post('receipts', body, 'alice', type));
      expect([response.status, (await response.json()).error]).toEqual([status, code]);
    }
    expect(await store.head()).toBeNull();
  });
});

describe('text that cannot be stored', () => {
  it('refuses a signed receipt holding a NUL or a lone surrogate (400) on SQLite too, as PostgreSQL must', async () => {
    const { handler, store } = await server();
    for (const name of ['Alice\u0000', 'Alice \ud800']) {
      const receipt = await makeReceipt('alice', { signer: { id: 'alice', name } });
      const response = await handler(post('receipts', receipt));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: 'invalid-text',
        message: expect.stringMatching(/^\$\.signer\.name holds a (NUL character|lone surrogate)/),
      });
    }
    expect(await store.head()).toBeNull();
  });
});

/** alice accepts the Terms of 2023-01-01 on one store; then the server serves those of 2025-06-01. */
async function acceptedThenNewTerms(v2Options: Partial<ClickwrapHandlerOptions> = {}) {
  const { keyring } = await setup();
  const store = openSqliteStore({ path: ':memory:' });
  const options = { store, keyring, authenticate, basePath: '/api/clickwrap' };
  const v1 = createClickwrapHandler({ ...options, catalog: await createCatalog(catalogInput()) });
  const first = await makeReceipt('alice');
  expect((await v1(post('receipts', first))).status).toBe(201);
  const v2 = createClickwrapHandler({
    ...options,
    catalog: await createCatalog(catalogInput('2025-06-01')),
    ...v2Options,
  });
  return { v2, first };
}

/** A re-consent to the 2025-06-01 Terms, read to the end, replacing `replaces`. */
const termsV2ReadWhole = (
  signer: string,
  replaces: { version: string; receiptId: string | null },
  rest: Partial<CreateReceiptInput> = {},
) =>
  makeReceipt(signer, {
    agreement: AGREEMENTS.termsV2,
    reading: termsV2WholeReading(),
    replaces,
    optionalConsents: [],
    ...rest,
  });

/** The 2025-06-01 Terms read to the end, nothing else seen. */
const termsV2WholeReading = () => ({
  required: 'whole' as const,
  reachedEnd: true,
  reachedEndAt: new Date(),
  keyClausesSeen: [],
  keyClausesTotal: AGREEMENTS.termsV2.keyClauses.length,
});

describe('consent status, withdrawal and re-consent', () => {
  it('answers only for the signed-in person, per document', async () => {
    const { handler } = await server();
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    const mine = await (await handler(get('consents'))).json();
    expect(mine.documents['instadesk-terms']).toMatchObject({
      accepted: true,
      acceptedVersion: '2023-01-01',
      needsReconsent: false,
    });
    expect(mine.documents['privacy-policy']).toMatchObject({ accepted: true });
    expect(mine.optionalConsents[MARKETING.id]).toMatchObject({ offered: true, granted: true });
    const bobs = await (await handler(get('consents', 'bob'))).json();
    expect(bobs).toMatchObject({
      subject: 'bob',
      documents: { 'instadesk-terms': { accepted: false, acceptedVersion: null } },
    });
    expect((await handler(get('consents', null))).status).toBe(401);
  });

  it('records withdrawals as events: an optional consent, then consent as a whole', async () => {
    const { handler, store, keyring } = await server();
    await handler(post('receipts', await makeReceipt('alice')));
    const withdrawal = { id: crypto.randomUUID(), optionalConsents: [MARKETING.id] };
    expect((await handler(post('withdrawals', withdrawal))).status).toBe(201);
    expect((await handler(post('withdrawals', withdrawal))).status).toBe(200);
    let status = await (await handler(get('consents'))).json();
    expect(status.optionalConsents[MARKETING.id]).toMatchObject({ granted: false });
    expect(status.documents['instadesk-terms'].accepted).toBe(true);
    expect((await handler(post('withdrawals', { id: crypto.randomUUID(), all: true }))).status).toBe(201);
    status = await (await handler(get('consents'))).json();
    expect(status.documents['instadesk-terms']).toMatchObject({
      accepted: false,
      withdrawnAt: expect.any(String),
    });
    expect(
      (await handler(post('withdrawals', { id: crypto.randomUUID(), optionalConsents: ['nope'] }))).status,
    ).toBe(422);
    const entries = await store.entries(0, 100);
    expect(entries.map((e) => e.kind)).toEqual(['receipt', 'withdrawal', 'withdrawal']);
    expect(await verifyLog(entries, { keys: keyring.jwks(), countersignatures: true })).toMatchObject({
      ok: true,
    });
  });

  /**
   * Alice accepts the Terms and the privacy policy of 2024; then a handler serving a privacy
   * policy of 2026 as well (with `over`'s options) answers her status.
   */
  async function statusAfterNewPrivacyPolicy(over: Partial<ClickwrapHandlerOptions> = {}) {
    const { keyring } = await setup();
    const store = openSqliteStore({ path: ':memory:' });
    const base = { store, keyring, authenticate, basePath: '/api/clickwrap' };
    const before = createClickwrapHandler({ ...base, catalog: await createCatalog(catalogInput()) });
    await before(post('receipts', await makeReceipt('alice')));
    const input = catalogInput();
    input.additional = [
      {
        id: 'privacy-policy',
        versions: [
          { version: '2024-01-01', markdown: TEXTS.privacy },
          { version: '2026-01-01', markdown: `${TEXTS.privacy}\n\nA new paragraph.\n` },
        ],
      },
    ];
    const after = createClickwrapHandler({ ...base, catalog: await createCatalog(input), ...over });
    return (await after(get('consents'))).json();
  }

  it('asks again for a new version of one document alone', async () => {
    const status = await statusAfterNewPrivacyPolicy();
    expect(status.documents['instadesk-terms']).toMatchObject({ accepted: true, needsReconsent: false });
    expect(status.documents['privacy-policy']).toMatchObject({
      accepted: false,
      needsReconsent: true,
      acceptedVersion: '2024-01-01',
      currentVersion: '2026-01-01',
    });
  });

  it("asks only for a notice when the app marks a new version's changes minor", async () => {
    const asked: string[] = [];
    const status = await statusAfterNewPrivacyPolicy({
      changeKind: (documentId, from, to) => {
        asked.push(`${documentId} ${from} -> ${to}`);
        return 'minor';
      },
    });
    expect(asked).toContain('privacy-policy 2024-01-01 -> 2026-01-01');
    expect(status.documents['privacy-policy']).toMatchObject({
      needsReconsent: false,
      needsNotice: true,
      changeKind: 'minor',
      acceptedVersion: '2024-01-01',
      currentVersion: '2026-01-01',
    });
  });

  it('takes a re-consent to new Terms without the privacy policy already accepted, but not a first consent', async () => {
    const { v2, first } = await acceptedThenNewTerms();
    const reconsent = (signer: string) =>
      termsV2ReadWhole(
        signer,
        { version: '2023-01-01', receiptId: first.receiptId },
        { additionalDocuments: [] },
      );
    expect((await v2(post('receipts', await reconsent('alice')))).status).toBe(201);
    const bob = await v2(post('receipts', await reconsent('bob'), 'bob'));
    expect((await bob.json()).problems).toEqual([expect.objectContaining({ code: 'document-missing' })]);
    const status = await (await v2(get('consents'))).json();
    expect(status.documents['instadesk-terms']).toMatchObject({
      accepted: true,
      acceptedVersion: '2025-06-01',
    });
  });

  it('links a re-consent only to a receipt this person stored for the version it replaces', async () => {
    const { v2, first } = await acceptedThenNewTerms();
    const reconsent = termsV2ReadWhole;
    const refused = async (signer: string, replaces: { version: string; receiptId: string | null }) => {
      const response = await v2(post('receipts', await reconsent(signer, replaces), signer));
      expect(response.status).toBe(422);
      return (await response.json()).problems;
    };
    // A receipt id nobody stored, alice's receipt named by bob, and alice's receipt named for a
    // version it did not accept: the record would link this consent to one that was not given.
    expect(await refused('alice', { version: '2023-01-01', receiptId: crypto.randomUUID() })).toEqual([
      expect.objectContaining({
        code: 'replaces-not-accepted',
        path: 'replaces.receiptId',
        message: expect.stringMatching(
          /no stored receipt .* that accepted instadesk-terms.*acceptedReceiptId/,
        ),
      }),
    ]);
    expect(await refused('bob', { version: '2023-01-01', receiptId: first.receiptId })).toEqual([
      expect.objectContaining({ code: 'replaces-not-accepted', path: 'replaces.receiptId' }),
    ]);
    expect(await refused('alice', { version: '2022-01-01', receiptId: first.receiptId })).toEqual([
      expect.objectContaining({
        code: 'replaces-not-accepted',
        path: 'replaces.receiptId',
        message: expect.stringContaining('that receipt accepted version "2023-01-01"'),
      }),
    ]);
    expect((await (await v2(get('consents'))).json()).documents['instadesk-terms'].acceptedVersion).toBe(
      '2023-01-01',
    );
    // A version alone may name a consent given elsewhere; and a withdrawn consent was given, so
    // naming its receipt stays true.
    expect(
      (await v2(post('receipts', await reconsent('bob', { version: '2023-01-01', receiptId: null }), 'bob')))
        .status,
    ).toBe(201);
    expect((await v2(post('withdrawals', { id: crypto.randomUUID(), all: true }))).status).toBe(201);
    const linked = await reconsent('alice', { version: '2023-01-01', receiptId: first.receiptId });
    expect((await v2(post('receipts', linked))).status).toBe(201);
    expect((await (await v2(get('consents'))).json()).documents['instadesk-terms']).toMatchObject({
      accepted: true,
      acceptedVersion: '2025-06-01',
      acceptedReceiptId: linked.receiptId,
    });
  });

  it("takes a re-consent that reads only the changes against the version accepted and the passages changed, not the client's word", async () => {
    const { v2, first } = await acceptedThenNewTerms();
    const termsV2 = AGREEMENTS.termsV2;
    const passages = diffAgreements(AGREEMENTS.terms, termsV2)
      .changes.filter((c) => c.kind !== 'removed')
      .map((c) => c.id);
    expect(passages.length).toBeGreaterThan(0);
    const changesRead = (signer: string, seen: string[], total: number, version = '2023-01-01', rest = {}) =>
      makeReceipt(signer, {
        agreement: termsV2,
        reading: {
          required: 'changes',
          reachedEnd: false,
          reachedEndAt: null,
          keyClausesSeen: [],
          keyClausesTotal: termsV2.keyClauses.length,
          changesSeen: seen,
          changesTotal: total,
        },
        replaces: { version, receiptId: first.receiptId },
        optionalConsents: [],
        ...rest,
      });
    const problems = async (receipt: Promise<ConsentReceipt>, subject = 'alice') => {
      const response = await v2(post('receipts', await receipt, subject));
      expect(response.status).toBe(422);
      return (await response.json()).problems.map((p: { code: string; path: string }) => [p.code, p.path]);
    };
    // Passages made up, or fewer than changed: the server counts them itself.
    expect(
      await problems(changesRead('alice', ['made-up'], 1, '2023-01-01', { additionalDocuments: [] })),
    ).toEqual([
      ['changes-mismatch', 'reading.changesSeen'],
      ['reading-required', 'reading'],
    ]);
    expect(
      await problems(
        changesRead('alice', passages.slice(1), passages.length - 1, '2023-01-01', {
          additionalDocuments: [],
        }),
      ),
    ).toEqual([
      ['changes-mismatch', 'reading.changesTotal'],
      ['reading-required', 'reading'],
    ]);
    // A version never served, or one this person never accepted (bob never consented at all).
    expect(
      await problems(
        changesRead('alice', passages, passages.length, 'never-served', { additionalDocuments: [] }),
      ),
    ).toEqual([
      ['replaces-not-accepted', 'replaces.receiptId'],
      ['replaces-not-accepted', 'replaces.version'],
      ['reading-required', 'reading'],
    ]);
    expect(await problems(changesRead('bob', passages, passages.length), 'bob')).toEqual([
      ['replaces-not-accepted', 'replaces.receiptId'],
      ['replaces-not-accepted', 'replaces.version'],
      ['reading-required', 'reading'],
    ]);
    expect((await (await v2(get('consents', 'bob'))).json()).documents['instadesk-terms'].accepted).toBe(
      false,
    );
    // The real thing: every passage changed since the version alice accepted.
    const real = await changesRead('alice', passages, passages.length, '2023-01-01', {
      additionalDocuments: [],
    });
    expect((await v2(post('receipts', real))).status).toBe(201);
    expect((await (await v2(get('consents'))).json()).documents['instadesk-terms']).toMatchObject({
      accepted: true,
      acceptedVersion: '2025-06-01',
    });
  });

  it("holds the changes a whole reading records to the server's own diff, and their kind to its changeKind", async () => {
    const changeKind = (docId: string, from: string) =>
      docId === 'instadesk-terms' && from === '2023-01-01' ? ('material' as const) : ('none' as const);
    const { v2, first } = await acceptedThenNewTerms({ changeKind });
    const passages = diffAgreements(AGREEMENTS.terms, AGREEMENTS.termsV2)
      .changes.filter((c) => c.kind !== 'removed')
      .map((c) => c.id);
    const wholeWithChanges = (seen: string[], total: number, changeKindRecorded?: 'material' | 'minor') =>
      termsV2ReadWhole(
        'alice',
        {
          version: '2023-01-01',
          receiptId: first.receiptId,
          ...(changeKindRecorded ? { changeKind: changeKindRecorded } : {}),
        } as { version: string; receiptId: string },
        { reading: { ...termsV2WholeReading(), changesSeen: seen, changesTotal: total } },
      );
    const answer = async (receipt: Promise<ConsentReceipt>) => {
      const response = await v2(post('receipts', await receipt));
      const body = await response.json();
      return response.status === 422
        ? body.problems.map((p: { code: string; path: string; message: string }) => [
            p.code,
            p.path,
            p.message,
          ])
        : response.status;
    };
    // Read to the end, so the reading is met; but the changes it says were shown are not the ones
    // between the versions this server served (a client holding another copy of the old text).
    expect(await answer(wholeWithChanges(['made-up'], 1))).toEqual([
      ['changes-mismatch', 'reading.changesSeen', expect.stringMatching(/"made-up" is not one of them/)],
    ]);
    expect(await answer(wholeWithChanges(passages, passages.length + 2))).toEqual([
      [
        'changes-mismatch',
        'reading.changesTotal',
        expect.stringContaining(`${passages.length} changed passages from 2023-01-01 to 2025-06-01`),
      ],
    ]);
    // A kind of change other than the server's: a material change recorded as minor.
    expect(await answer(wholeWithChanges(passages, passages.length, 'minor'))).toEqual([
      [
        'change-kind-mismatch',
        'replaces.changeKind',
        expect.stringMatching(/as minor, but this server counts it as material: .*minorChanges/),
      ],
    ]);
    expect(await answer(wholeWithChanges(passages, passages.length, 'material'))).toBe(201);
    expect((await (await v2(get('consents'))).json()).documents['instadesk-terms']).toMatchObject({
      acceptedVersion: '2025-06-01',
    });
  });

  it('tells a client what a withdrawal or decline of the wrong shape must look like', async () => {
    const { handler, store } = await server();
    const answer = async (path: string, body: unknown) => {
      const response = await handler(post(path, body));
      return { status: response.status, ...(await response.json()) };
    };
    const id = crypto.randomUUID();
    expect(await answer('withdrawals', [id])).toMatchObject({
      status: 422,
      error: 'invalid-withdrawal',
      message: 'Send { id, all: true } or { id, optionalConsents: [ids] }.',
    });
    expect(await answer('withdrawals', { id, all: true, reason: 'x' })).toMatchObject({
      status: 422,
      message: 'Unknown field "reason".',
    });
    expect(await answer('declines', { id: id.toUpperCase(), documents: [] })).toMatchObject({
      status: 422,
      error: 'invalid-decline',
      message: 'id must be a lowercase UUID (it makes a retry idempotent).',
    });
    expect(await answer('declines', 42)).toMatchObject({
      status: 422,
      message: expect.stringMatching(/^Send \{ id, documents: \[\{ id, version \}\] \}/),
    });
    expect(await store.entries(0, 10)).toEqual([]);
  });

  it('records a decline of versions served', async () => {
    const { handler, store, keyring } = await server();
    const decline = {
      id: crypto.randomUUID(),
      documents: [{ id: 'instadesk-terms', version: '2023-01-01' }],
    };
    expect((await handler(post('declines', decline))).status).toBe(201);
    expect(
      (
        await handler(
          post('declines', { ...decline, id: crypto.randomUUID(), documents: [{ id: 'x', version: '1' }] }),
        )
      ).status,
    ).toBe(422);
    const entries = await store.entries(0, 10);
    expect(await verifyLog(entries, { keys: keyring.jwks(), countersignatures: true })).toMatchObject({
      ok: true,
      entries: 1,
    });
  });

  describe('a decline after an accept whose delivery failed (it names that receipt)', () => {
    const declining = (receiptId: unknown) => ({
      id: crypto.randomUUID(),
      documents: [
        { id: 'instadesk-terms', version: '2023-01-01' },
        { id: 'privacy-policy', version: '2024-01-01' },
      ],
      receiptId,
    });
    const status = async (handler: (r: Request) => Promise<Response>, subject = 'alice') =>
      (await handler(get('consents', subject))).json();

    it('takes the receipt back when it was stored before the decline (its answer was lost)', async () => {
      const { handler } = await server();
      const receipt = await makeReceipt('alice');
      expect((await handler(post('receipts', receipt))).status).toBe(201);
      expect((await handler(post('declines', declining(receipt.receiptId)))).status).toBe(201);
      const after = await status(handler);
      expect(after.documents['instadesk-terms']).toMatchObject({ accepted: false, acceptedVersion: null });
      expect(after.documents['privacy-policy']).toMatchObject({ accepted: false });
      expect(after.optionalConsents[MARKETING.id]).toMatchObject({ granted: false });
    });

    it('and when it arrives after the decline (an outbox sent it late): stored, accepting nothing', async () => {
      const { handler } = await server();
      const receipt = await makeReceipt('alice');
      expect((await handler(post('declines', declining(receipt.receiptId)))).status).toBe(201);
      expect((await handler(post('receipts', receipt))).status).toBe(201);
      expect((await status(handler)).documents['instadesk-terms']).toMatchObject({ accepted: false });
      // An accept after the decline is another receipt, and counts.
      expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
      expect((await status(handler)).documents['instadesk-terms']).toMatchObject({ accepted: true });
    });

    it('lets no re-consent name a receipt taken back as the consent it replaces', async () => {
      const { v2, first } = await acceptedThenNewTerms();
      expect((await v2(post('declines', declining(first.receiptId)))).status).toBe(201);
      const status = await (await v2(get('consents'))).json();
      expect(status.documents['instadesk-terms']).toMatchObject({
        acceptedVersion: null,
        acceptedReceiptId: null,
      });
      // The person declined the consent that receipt held: a record saying a new one replaced it
      // would say it was given.
      const response = await v2(
        post(
          'receipts',
          await termsV2ReadWhole('alice', { version: '2023-01-01', receiptId: first.receiptId }),
        ),
      );
      expect(response.status).toBe(422);
      expect((await response.json()).problems).toEqual([
        expect.objectContaining({
          code: 'replaces-not-accepted',
          path: 'replaces.receiptId',
          message: expect.stringMatching(/no stored receipt .* that accepted instadesk-terms/),
        }),
      ]);
      // Naming the version alone (a consent given elsewhere) is still a first consent here.
      expect(
        (
          await v2(
            post('receipts', await termsV2ReadWhole('alice', { version: '2023-01-01', receiptId: null })),
          )
        ).status,
      ).toBe(201);
    });

    it('takes back only the receipt of the showing it declines, not an earlier consent', async () => {
      const { v2, first } = await acceptedThenNewTerms();
      // The new Terms declined, naming the receipt that accepted the old ones: that consent was
      // given and stands (ending it is a withdrawal). Refused, saying so, when that receipt is here.
      const newTerms = {
        ...declining(first.receiptId),
        documents: [
          { id: 'instadesk-terms', version: '2025-06-01' },
          { id: 'privacy-policy', version: '2024-01-01' },
        ],
      };
      const refused = await v2(post('declines', newTerms));
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({
        error: 'invalid-decline',
        message: expect.stringMatching(
          new RegExp(`receipt ${first.receiptId}, which accepted instadesk-terms 2023-01-01.*withdraw`),
        ),
      });
      expect((await status(v2)).documents['instadesk-terms']).toMatchObject({
        acceptedVersion: '2023-01-01',
      });
      // The same decline before that receipt arrives is stored (it cannot be judged yet), and the
      // receipt, arriving later, still counts.
      const { handler } = await server();
      const later = await makeReceipt('alice');
      const otherShowing = {
        ...declining(later.receiptId),
        documents: [{ id: 'privacy-policy', version: '2024-01-01' }],
      };
      expect((await handler(post('declines', otherShowing))).status).toBe(201);
      expect((await handler(post('receipts', later))).status).toBe(201);
      expect((await status(handler)).documents['instadesk-terms']).toMatchObject({ accepted: true });
    });

    it("takes back only the decliner's own receipt, and refuses a receiptId that is not a receipt id", async () => {
      const { handler } = await server();
      const bobs = await makeReceipt('bob');
      expect((await handler(post('receipts', bobs, 'bob'))).status).toBe(201);
      expect((await handler(post('declines', declining(bobs.receiptId)))).status).toBe(201);
      expect((await status(handler, 'bob')).documents['instadesk-terms']).toMatchObject({ accepted: true });
      const refused = await handler(post('declines', declining('not-a-receipt')));
      expect(refused.status).toBe(422);
      expect((await refused.json()).message).toMatch(/receiptId.*undeliveredReceiptId/);
    });
  });
});

describe('a busy store and shutdown', () => {
  it('answers 503 with Retry-After while the store is busy', async () => {
    const inner = openSqliteStore({ path: ':memory:' });
    const busy: LogStore = { ...inner, append: () => Promise.reject(new StoreBusyError('locked', 2)) };
    const { handler } = await server({ store: busy });
    const response = await handler(post('receipts', await makeReceipt('alice')));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
  });

  it('answers 503 at once when too many appends are waiting, instead of queueing without bound', async () => {
    // Each step waits for what it needs to have happened, not for a time: on a busy machine a
    // receipt's verification may take longer than any sleep, and the third request was queued.
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 5));
    };
    const inner = openSqliteStore({ path: ':memory:' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appending = 0;
    const slow: LogStore = {
      ...inner,
      append: async (entries) => {
        appending++;
        await gate;
        return inner.append(entries);
      },
    };
    const { keyring } = await setup();
    let signed = 0;
    const counting = Object.create(keyring, {
      signCanonical: {
        value: async (text: string) => {
          const signature = await keyring.signCanonical(text);
          signed++;
          return signature;
        },
      },
    }) as typeof keyring;
    const { handler } = await server({
      store: slow,
      keyring: counting,
      appender: { maxQueue: 1, maxBatch: 1 },
    });
    const first = handler(post('receipts', await makeReceipt('alice')));
    await until(() => appending === 1); // the first is in the store, held there
    const second = handler(post('receipts', await makeReceipt('alice')));
    await until(() => signed === 2); // the second is signed: appended in the same turn, it waits
    await new Promise((r) => setTimeout(r, 0));
    const third = await handler(post('receipts', await makeReceipt('alice')));
    expect([third.status, third.headers.get('retry-after')]).toEqual([503, '1']);
    release();
    expect((await first).status).toBe(201);
    expect((await second).status).toBe(201);
  });

  it('drains again after a drain that failed (the store locked for the final checkpoint)', async () => {
    const inner = openSqliteStore({ path: ':memory:' });
    let locked = false;
    const store: LogStore = {
      ...inner,
      addCheckpoint: (checkpoint) =>
        locked ? Promise.reject(new StoreBusyError('locked', 1)) : inner.addCheckpoint(checkpoint),
    };
    const { handler, keyring } = await server({ store });
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(201);
    locked = true;
    await expect(handler.drain()).rejects.toBeInstanceOf(StoreBusyError);
    // Still shutting down: new requests are refused meanwhile.
    expect((await handler(post('receipts', await makeReceipt('alice')))).status).toBe(503);
    locked = false;
    await handler.drain();
    const checkpoints = await inner.checkpoints();
    expect(checkpoints.map((c) => c.count)).toEqual([1]);
    expect(await verifyLog(await inner.entries(0, 10), { keys: keyring.jwks(), checkpoints })).toMatchObject({
      ok: true,
      checkpointsVerified: 1,
    });
  });

  it('drains: in-flight requests finish, new ones get 503, a checkpoint is signed', async () => {
    const inner = openSqliteStore({ path: ':memory:' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: LogStore = { ...inner, append: async (entries) => (await gate, inner.append(entries)) };
    const { handler, keyring } = await server({ store: slow });
    const inFlight = handler(post('receipts', await makeReceipt('alice')));
    await new Promise((r) => setTimeout(r, 20));
    const drained = handler.drain();
    const declined = await makeReceipt('alice', {
      optionalConsents: [{ ...MARKETING, granted: false, at: new Date() }],
    });
    const refused = await handler(post('receipts', declined));
    expect(refused.status).toBe(503);
    release();
    expect((await inFlight).status).toBe(201);
    await drained;
    const checkpoints = await inner.checkpoints();
    expect(checkpoints.map((c) => c.count)).toEqual([1]);
    expect(await verifyLog(await inner.entries(0, 10), { keys: keyring.jwks(), checkpoints })).toMatchObject({
      ok: true,
      checkpointsVerified: 1,
    });
  });
});
