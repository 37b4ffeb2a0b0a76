/** A developer's mistakes in createClickwrapHandler's options and calls: each said clearly. */
import { afterEach, expect, it, vi } from 'vitest';
import { catalogInput, makeReceipt, setup } from './test-fixtures';
import { createClickwrapHandler, type ClickwrapHandlerOptions } from './handler';
import { BASE, get, post, testServer } from './handler.test-utils';
import { openSqliteStore } from './stores/sqlite';

afterEach(() => vi.restoreAllMocks());

async function options(): Promise<ClickwrapHandlerOptions> {
  const { catalog, keyring } = await setup();
  return { store: openSqliteStore({ path: ':memory:' }), keyring, catalog, authenticate: () => 'alice' };
}

it('refuses a missing store, keyring, catalog or authenticate, naming it and what to pass', async () => {
  const given = await options();
  const without = (name: keyof ClickwrapHandlerOptions) => () =>
    createClickwrapHandler({ ...given, [name]: undefined });
  expect(without('store')).toThrow(
    /createClickwrapHandler: pass `store`, where consents are kept \(e\.g\. openSqliteStore/,
  );
  expect(without('keyring')).toThrow(/createClickwrapHandler: pass `keyring` \(createKeyring/);
  expect(without('catalog')).toThrow(/createClickwrapHandler: pass `catalog` \(await createCatalog/);
  expect(without('authenticate')).toThrow(
    /createClickwrapHandler: pass `authenticate`, a function of the request that returns the signed-in user's id/,
  );
});

it('says to await a catalog, a keyring or a store passed as a promise, and to call createCatalog on its input', async () => {
  const given = await options();
  expect(() =>
    createClickwrapHandler({ ...given, catalog: Promise.resolve(given.catalog) as never }),
  ).toThrow(/`catalog` is a promise: await it/);
  expect(() => createClickwrapHandler({ ...given, store: Promise.resolve(given.store) as never })).toThrow(
    /`store` is a promise: await it/,
  );
  expect(() => createClickwrapHandler({ ...given, catalog: catalogInput() as never })).toThrow(
    /`catalog` is not a catalog: pass what `await createCatalog\(\{ agreement, … \}\)` returns/,
  );
});

it('refuses an option it does not know, naming it', async () => {
  const given = await options();
  expect(() => createClickwrapHandler({ ...given, basepath: '/api/clickwrap' } as never)).toThrow(
    /createClickwrapHandler: unknown option "basepath" \(it takes store, keyring, catalog, authenticate, /,
  );
});

it('answers 500 and tells the log, not 401 "Sign in first", when authenticate returns something other than an id or null', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { handler } = await testServer({ authenticate: () => 42 as never });
  const response = await handler(post('receipts', await makeReceipt('42'), '42'));
  expect(response.status).toBe(500);
  expect(await response.json()).toMatchObject({ error: 'authenticate-misconfigured' });
  expect(logged).toHaveBeenCalledWith(
    expect.stringMatching(
      /authenticate returned a number \(42\): return the signed-in user's id as a string \(e\.g\. String\(user\.id\)\), or null when no one is signed in\./,
    ),
  );
  const status = await handler(get('consents'));
  expect(status.status).toBe(500);
});

it('answers 500 and tells the log what to pass when called with something other than a Request', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { handler } = await testServer();
  // A Node request (IncomingMessage) passed straight to the handler, instead of toNodeListener.
  const nodeRequest = { url: '/api/clickwrap/consents', method: 'GET', headers: {} };
  for (const wrong of [nodeRequest, `${BASE}/consents`, undefined]) {
    const response = await handler(wrong as never);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: 'not-a-request' });
  }
  expect(logged).toHaveBeenCalledWith(
    expect.stringMatching(
      /the handler takes a web-standard Request.*In Node http or Express, mount toNodeListener\(handler\)/,
    ),
  );
});

it('refuses an option it does not know inside policy, limits or appender, naming where', async () => {
  const given = await options();
  expect(() => createClickwrapHandler({ ...given, policy: { maxClockAheadMS: 60_000 } as never })).toThrow(
    'createClickwrapHandler: unknown option "policy.maxClockAheadMS" (policy takes maxClockAheadMs, maxAgeMs, allowSigner, receipt, rules).',
  );
  expect(() => createClickwrapHandler({ ...given, limits: { maxBody: 1 } as never })).toThrow(
    /unknown option "limits\.maxBody" \(limits takes maxBodyBytes, /,
  );
  expect(() => createClickwrapHandler({ ...given, appender: { checkpointEveryMS: 1 } as never })).toThrow(
    /unknown option "appender\.checkpointEveryMS"/,
  );
});

it('refuses a number option that is not a number >= 0, which would silently lift its bound', async () => {
  const given = await options();
  // A string compares false against every size: '64kb' would have let any body through.
  expect(() => createClickwrapHandler({ ...given, limits: { maxBodyBytes: '64kb' } as never })).toThrow(
    'createClickwrapHandler: limits.maxBodyBytes must be a number >= 0 (Infinity for no bound), not a string (64kb).',
  );
  expect(() => createClickwrapHandler({ ...given, statusEntryLimit: Number.NaN })).toThrow(
    /statusEntryLimit must be a number >= 0 .*, not a number \(NaN\)\./,
  );
  expect(() => createClickwrapHandler({ ...given, appender: { maxQueue: -1 } })).toThrow(
    /appender\.maxQueue must be a number >= 0/,
  );
  expect(() => createClickwrapHandler({ ...given, policy: { maxAgeMs: '30d' } as never })).toThrow(
    /policy\.maxAgeMs must be a number >= 0/,
  );
  // Within range, as documented, each is taken.
  expect(() =>
    createClickwrapHandler({
      ...given,
      statusEntryLimit: 5,
      limits: { maxBodyBytes: 128 * 1024, maxProblems: Infinity },
      appender: { maxBatch: 64, checkpointEveryMs: 0 },
      policy: { maxClockAheadMs: 0 },
    }),
  ).not.toThrow();
});

it('refuses a basePath that is a URL rather than a path', async () => {
  const given = await options();
  expect(() => createClickwrapHandler({ ...given, basePath: 'https://app.example/api/clickwrap' })).toThrow(
    'createClickwrapHandler: basePath "https://app.example/api/clickwrap" must be a path, e.g. "/api/clickwrap" (no origin, query or fragment).',
  );
});

it('tells the log why it answers 503 when the store cannot be reached (a wrong port), at most once a minute', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { openPostgresStore } = await import('./stores/postgres');
  // Port 1: nothing listens there, as with a connection string naming the wrong port.
  const store = openPostgresStore({
    connectionString: 'postgres://postgres@127.0.0.1:1/consents',
    busyTimeoutMs: 500,
  });
  const { handler } = await testServer({ store });
  for (let i = 0; i < 2; i++) {
    const response = await handler(post('receipts', await makeReceipt('alice')));
    expect([response.status, (await response.json()).error]).toEqual([503, 'busy']);
  }
  expect(logged).toHaveBeenCalledTimes(1);
  expect(logged).toHaveBeenCalledWith(
    expect.stringMatching(
      /^react-clickwrap\/server: answering 503 busy: PostgreSQL is unavailable: .*ECONNREFUSED.*\. If this goes on, check the store: that it can be reached \(its URL, host and port\)/,
    ),
  );
  await store.close();
});
