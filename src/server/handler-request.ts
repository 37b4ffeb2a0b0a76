/**
 * What createClickwrapHandler checks of a request before any route runs, and how it answers: that
 * it was given a Request, which route under `basePath` and which method, who is asking (the
 * `authenticate` option's answer), and the JSON responses every route gives.
 */
import type { ServedVersion } from './catalog';
import type { ClickwrapHandlerOptions } from './handler';
import { describeValue } from './handler-options';

/** A JSON response that is never cached (`body` as a value, or as JSON text already made). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export const error = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  json(status, { error: code, message }, headers);

/** 409: an event's id already stored with another body. */
export const conflict = (what: string) =>
  error(
    409,
    'id-conflict',
    `A different ${what} with this id is already stored: make a new id for a new ${what}.`,
  );

export const versionView = (v: ServedVersion, current: boolean) => ({
  id: v.id,
  version: v.version,
  title: v.title,
  sha256: v.sha256,
  effectiveDate: v.effectiveDate,
  current,
  markdown: v.markdown,
});

/** `basePath` as routes compare it: a leading slash, no trailing one; the root is "". */
export function normaliseBasePath(basePath: string): string {
  return `/${basePath.replace(/^\/+|\/+$/g, '')}`.replace(/\/$/, '');
}

/** Whether a URL path is one of the handler's (under `basePath`, in either form). */
export function isUnderBasePath(pathname: string, basePath: string): boolean {
  const base = normaliseBasePath(basePath);
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** A 500 (and the app's log told how to mount the handler) when `request` is not a Request; else null. */
export function notARequest(request: unknown): Response | null {
  // Duck-typed, not instanceof: a runtime's or a framework's own Request class is fine.
  const given = request as Partial<Request> | null | undefined;
  if (typeof given?.url === 'string' && typeof given.headers?.get === 'function') return null;
  console.error(
    `react-clickwrap/server: the handler takes a web-standard Request (fetch API), and was given ${describeValue(request)}. ` +
      'In Node http or Express, mount toNodeListener(handler) from react-clickwrap/server; in Hono pass c.req.raw.',
  );
  return error(500, 'not-a-request', 'The request failed on the server: see its log.');
}

/**
 * The path's segments after `base` (normalised), decoded; or the answer: 404 for a path not under
 * it, 400 for a malformed URL.
 */
export function routeSegments(request: Request, base: string): string[] | Response {
  try {
    const { pathname } = new URL(request.url);
    if (!isUnderBasePath(pathname, base)) return error(404, 'not-found', 'No such route.');
    return pathname.slice(base.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return error(400, 'bad-url', 'The URL is malformed (e.g. a "%" escape that is not one).');
  }
}

/** For a request of `method`: runs a route's `answer` when `allowed` (HEAD too for GET), else 405. */
export const methodGuard =
  (method: string) =>
  (allowed: string, answer: () => Promise<Response> | Response): Promise<Response> | Response =>
    method === allowed || (allowed === 'GET' && method === 'HEAD')
      ? answer()
      : error(405, 'method-not-allowed', `Use ${allowed}.`, {
          allow: allowed === 'GET' ? 'GET, HEAD' : allowed,
        });

/** Who is asking, by the app's `authenticate`: their subject, or the answer (401, or 500 for a bad one). */
export async function authenticated(
  options: Pick<ClickwrapHandlerOptions, 'authenticate'>,
  request: Request,
): Promise<string | Response> {
  const subject: unknown = await options.authenticate(request);
  if (typeof subject === 'string' && subject !== '') return subject;
  if (subject === null || subject === undefined || subject === '')
    return error(401, 'unauthenticated', 'Sign in first.');
  // A signed-in person told to sign in would never get their consent recorded: the app's
  // mistake is said to its log, not to them.
  console.error(
    `react-clickwrap/server: authenticate returned ${describeValue(subject)}: return the signed-in user's id as a string (e.g. String(user.id)), or null when no one is signed in.`,
  );
  return error(
    500,
    'authenticate-misconfigured',
    "The server's sign-in check gave no user id: see the server's log.",
  );
}
