/**
 * The Node `http` adapter: turns a web-standard handler into a `(req, res)` listener, for
 * `http.createServer` or Express (`app.use('/api/clickwrap', toNodeListener(handler))`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A Node request listener that answers through `handler`. The URL's origin is fixed
 * (`http://localhost`): the Host header is the client's to choose, so routing never depends on it.
 * Under Express, mount it with `app.use(path, …)`: `req.url` is then relative to the mount point.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let response: Response;
    const target = req.url ?? '/';
    if (!target.startsWith('/')) {
      response = Response.json(
        { error: 'bad-url', message: 'Send an origin-form request target ("/path").' },
        { status: 400 },
      );
    } else {
      const controller = new AbortController();
      res.on('close', () => controller.abort());
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const request = new Request(`http://localhost${target}`, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        signal: controller.signal,
        // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
        duplex: 'half',
      });
      response = await handler(request);
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (!response.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
  };
}
