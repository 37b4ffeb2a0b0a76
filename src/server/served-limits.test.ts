/**
 * A receipt lists, for each document, the key clauses seen and the changed passages read: as
 * many as the version served has. The handler's bounds on arrays and on the body grow to fit
 * what its catalog serves, so a consent to a long agreement is never refused for its length.
 */
import { describe, expect, it } from 'vitest';
import { createReceipt, diffAgreements, parseAgreement, type Agreement } from '../core/index';
import { receiptOverBounds } from '../core/receipt/bounds';
import { createCatalog } from './catalog';
import { createKeyring, generateSigningKey } from './countersign';
import { createClickwrapHandler } from './handler';
import { authenticate, post } from './handler.test-utils';
import { DEFAULT_LIMITS } from './limits';
import { openSqliteStore } from './stores/sqlite';

// 260 bolded liability clauses, each in a section of its own: more than the default 200 items.
const CLAUSES = 260;
const terms = (edited: boolean) =>
  `# Long Terms\n\n` +
  Array.from(
    { length: CLAUSES },
    (_, i) =>
      `## Section ${i + 1}\n\n**We are not liable for any loss under clause ${i + 1}${edited ? ', however caused' : ''}.**\n`,
  ).join('\n');

async function server(limits?: Parameters<typeof createClickwrapHandler>[0]['limits']) {
  const catalog = await createCatalog({
    agreement: {
      id: 'long-terms',
      reading: 'changes',
      versions: [
        { version: '1', markdown: terms(false) },
        { version: '2', markdown: terms(true) },
      ],
      current: '1',
    },
  });
  const handler = createClickwrapHandler({
    store: openSqliteStore({ path: ':memory:' }),
    keyring: createKeyring(await generateSigningKey('test-1')),
    catalog,
    authenticate,
    basePath: '/api/clickwrap',
    ...(limits ? { limits } : {}),
  });
  return { handler };
}

const v1 = parseAgreement({ id: 'long-terms', version: '1', markdown: terms(false) });
const v2 = parseAgreement({ id: 'long-terms', version: '2', markdown: terms(true) });

function readWhole(agreement: Agreement, signer: string) {
  const acceptedAt = new Date();
  const shownAt = new Date(acceptedAt.getTime() - 60_000);
  return createReceipt({
    agreement,
    shownAt,
    acceptedAt,
    signer: { id: signer, name: 'Test Person' },
    locale: 'en-GB',
    uiVariant: 'test',
    reading: {
      required: 'whole',
      reachedEnd: true,
      reachedEndAt: new Date(shownAt.getTime() + 30_000),
      keyClausesSeen: agreement.keyClauses.map((c) => c.id),
      keyClausesTotal: agreement.keyClauses.length,
    },
  });
}

describe('an agreement with more key clauses than the default array bound', () => {
  it('has them (the premise)', () => {
    expect(v1.keyClauses).toHaveLength(CLAUSES);
    expect(CLAUSES).toBeGreaterThan(DEFAULT_LIMITS.maxArrayLength);
  });

  it('stores a receipt that saw every one of them', async () => {
    const { handler } = await server();
    const response = await handler(post('receipts', await readWhole(v1, 'alice')));
    expect(response.status, await response.clone().text()).toBe(201);
  });

  it('stores a re-consent that read every changed passage', async () => {
    const { handler } = await server();
    const first = await readWhole(v1, 'alice');
    expect((await handler(post('receipts', first))).status).toBe(201);
    const changes = diffAgreements(v1, v2).changes.filter((c) => c.kind !== 'removed');
    expect(changes.length).toBeGreaterThan(DEFAULT_LIMITS.maxArrayLength);
    const acceptedAt = new Date();
    const shownAt = new Date(acceptedAt.getTime() - 60_000);
    const receipt = await createReceipt({
      agreement: v2,
      shownAt,
      acceptedAt,
      signer: { id: 'alice', name: 'Test Person' },
      locale: 'en-GB',
      uiVariant: 'test',
      replaces: { version: '1', receiptId: first.receiptId },
      reading: {
        required: 'changes',
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: v2.keyClauses.length,
        changesSeen: changes.map((c) => c.id),
        changesTotal: changes.length,
      },
    });
    const response = await handler(post('receipts', receipt));
    expect(response.status, await response.clone().text()).toBe(201);
  });

  it("keeps the app's own limits when it sets them", async () => {
    const { handler } = await server({ maxListedIds: 100 });
    const response = await handler(post('receipts', await readWhole(v1, 'alice')));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'too-many-items' });
  });

  it('still refuses other arrays longer than the default', async () => {
    const { handler } = await server();
    const receipt = { ...(await readWhole(v1, 'alice')), extra: Array.from({ length: 201 }, () => 1) };
    const response = await handler(post('receipts', receipt));
    expect(response.status).toBe(413);
  });
});

it("the client's check leaves the lists of key clauses and changes to the server's catalog", async () => {
  expect(receiptOverBounds(await readWhole(v1, 'alice'))).toEqual([]);
});
