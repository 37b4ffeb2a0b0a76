/**
 * The Node `http` adapter: turns a web-standard handler into a `(req, res, next?)` listener, for
 * `http.createServer` or as Express middleware (`app.use(toNodeListener(handler))`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUnderBasePath } from './handler-request';
import { describeValue } from './handler-options';
import { DEFAULT_LIMITS } from './limits';

/**
 * A body that declares its length up to this many bytes is read into memory before the handler
 * runs and handed to it as bytes (a web stream over Node's stream costs more than verifying a
 * receipt); any other body (longer, or chunked) is handed on as a stream, which the handler
 * refuses past its own limit without reading the rest. Node's parser never delivers more bytes
 * than a request declares.
 */
const BUFFERED_BODY_BYTES = DEFAULT_LIMITS.maxBodyBytes;

/** A Node request listener, and Express (or Connect) middleware: `next` is called for paths not its own. */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * A Node request listener that answers through `handler`. The URL's origin is fixed
 * (`http://localhost`): the Host header is the client's to choose, so routing never depends on it.
 * The handler sees the path the client asked for, also under an Express mount
 * (`app.use('/api', …)` strips `/api` from `req.url`, not from `req.originalUrl`), so its
 * `basePath` is always the full path. As middleware (given `next`), a request outside the
 * handler's `basePath` goes on to the app's other routes instead of getting a 404.
 */
export function toNodeListener(
  handler: ((request: Request) => Promise<Response>) & { readonly basePath?: string },
): NodeListener {
  if (typeof handler !== 'function')
    throw new TypeError(
      `toNodeListener: pass the handler createClickwrapHandler(…) returns (given ${describeValue(handler)}).`,
    );
  return async (req, res, next) => {
    let response: Response;
    const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    if (next && handler.basePath !== undefined && !isUnderBasePath(pathOf(target), handler.basePath)) {
      next();
      return;
    }
    if (!target.startsWith('/')) {
      response = Response.json(
        { error: 'bad-url', message: 'Send an origin-form request target ("/path").' },
        { status: 400 },
      );
    } else if (bodyReadAlready(req)) {
      // A body parser ahead of it (express.json()) took the bytes: the receipt would look empty
      // and be refused as the client's mistake (400), and the person's consent lost.
      console.error(
        "react-clickwrap/server: the request's body was read before toNodeListener(handler) got it, by a body parser in front of it: mount it before express.json() (or body-parser), e.g. app.use(toNodeListener(handler)) first.",
      );
      response = Response.json(
        { error: 'body-already-read', message: 'The request failed on the server: see its log.' },
        { status: 500 },
      );
    } else {
      const controller = new AbortController();
      // The client gone before the answer was sent: the handler may stop. (Aborting after every
      // answer would build an AbortError, stack and all, per request.)
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const body = await requestBody(req);
      // The client went away before its body was complete: there is no one to answer.
      if (body === ABORTED) return;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const request = new Request(`http://localhost${target}`, {
        method: req.method,
        headers,
        body,
        signal: controller.signal,
        // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
        duplex: 'half',
      });
      response = await handler(request);
    }
    await sendResponse(response, req, res);
  };
}

/**
 * Whether a body the request declares was consumed before the listener ran: the stream has
 * ended unread by us (or body-parser marked it parsed, `_body`).
 */
function bodyReadAlready(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const declares =
    Number(req.headers['content-length']) > 0 || req.headers['transfer-encoding'] !== undefined;
  return declares && (req.readableEnded || (req as IncomingMessage & { _body?: unknown })._body === true);
}

/** The path of a request target as the handler reads it (dot segments resolved), or the target. */
function pathOf(target: string): string {
  try {
    return new URL(`http://localhost${target}`).pathname;
  } catch {
    return target;
  }
}

const ABORTED = Symbol('aborted');

/** The request's body: bytes when it declares a small length, else a stream; none for GET/HEAD. */
async function requestBody(
  req: IncomingMessage,
): Promise<Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined | typeof ABORTED> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-length'] === undefined || !(declared <= BUFFERED_BODY_BYTES)) {
    return webStream(req);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch {
    return ABORTED;
  }
  return Buffer.concat(chunks, length);
}

/**
 * `req` as a web stream, read as the handler reads it; cancelling it (the handler refusing a body
 * past its limit) destroys `req`. Built here rather than with node:stream's `Readable.toWeb`, so
 * that importing react-clickwrap/server, which exports this adapter, loads no Node module.
 */
function webStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

/**
 * Writes `response` to `res`. A body of one chunk (any JSON answer) goes out in one write with its
 * length; a longer one is streamed as it comes.
 */
async function sendResponse(response: Response, req: IncomingMessage, res: ServerResponse) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) {
    res.end();
    return;
  }
  const second = await reader.read();
  if (second.done) {
    if (!res.hasHeader('content-length')) res.setHeader('content-length', first.value.byteLength);
    res.end(first.value);
    return;
  }
  res.write(first.value);
  res.write(second.value);
  for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
  res.end();
}
