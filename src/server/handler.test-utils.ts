/**
 * The handler as the server tests use it: mounted at /api/clickwrap over an in-memory SQLite
 * store, with a sign-in where the bearer token is the subject, and requests built as a client
 * sends them.
 */
import { createClickwrapHandler, type ClickwrapHandlerOptions } from './handler';
import { openSqliteStore } from './stores/sqlite';
import { setup } from './test-fixtures';

export const BASE = 'http://app.test/api/clickwrap';

/** Sign-in for tests: the bearer token is the subject. */
export const authenticate = (request: Request) =>
  request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null;

/** A POST of `body` (JSON unless a string), signed in as `subject` (null: not signed in). */
export const post = (
  path: string,
  body: unknown,
  subject: string | null = 'alice',
  type = 'application/json',
) =>
  new Request(`${BASE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(subject ? { authorization: `Bearer ${subject}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A GET, signed in as `subject` (null: not signed in). */
export const get = (path: string, subject: string | null = 'alice') =>
  new Request(`${BASE}/${path}`, { headers: subject ? { authorization: `Bearer ${subject}` } : {} });

/** A handler with the example's documents, a fresh keyring and (unless given) a fresh store. */
export async function testServer(over: Partial<ClickwrapHandlerOptions> = {}) {
  const { catalog, keyring } = await setup();
  const store = over.store ?? openSqliteStore({ path: ':memory:' });
  const handler = createClickwrapHandler({
    store,
    keyring,
    catalog,
    authenticate,
    basePath: '/api/clickwrap',
    ...over,
  });
  return { handler, store, keyring, catalog };
}
