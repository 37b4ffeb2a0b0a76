import http from 'node:http';
import express from 'express';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClickwrapHandler } from './handler';
import { toNodeListener } from './node';
import { openSqliteStore } from './stores/sqlite';
import { makeReceipt, setup } from './test-fixtures';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function listen() {
  const { catalog, keyring } = await setup();
  const handler = createClickwrapHandler({
    store: openSqliteStore({ path: ':memory:' }),
    keyring,
    catalog,
    authenticate: (request) => request.headers.get('x-user'),
  });
  const server = http.createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = async () => {
    await handler.drain();
    await new Promise((resolve) => server.close(resolve));
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it('serves the handler over node:http: a receipt stored, a bad escape a 400, a HEAD without body', async () => {
  const origin = await listen();
  const receipt = await makeReceipt('alice');
  const created = await fetch(`${origin}/receipts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': 'alice' },
    body: JSON.stringify(receipt),
  });
  expect(created.status).toBe(201);
  expect(await created.json()).toMatchObject({ subject: 'alice', receipt: { receiptId: receipt.receiptId } });
  const bad = await fetch(`${origin}/agreements/%zz`);
  expect([bad.status, (await bad.json()).error]).toEqual([400, 'bad-url']);
  const head = await fetch(`${origin}/agreements/instadesk-terms`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
});

it('refuses an oversized upload without reading all of it', async () => {
  const origin = await listen();
  const response = await fetch(`${origin}/receipts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': 'alice' },
    body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
  });
  expect([response.status, (await response.json()).error]).toEqual([413, 'body-too-large']);
});

/** Serves `handler` on a free port; the handler's requests are recorded. */
async function listenWith(handler: (request: Request) => Promise<Response>) {
  const server = http.createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return server.address() as AddressInfo;
}

/** Echoes the request's method, body and content type. */
const echo = async (request: Request) =>
  Response.json({
    method: request.method,
    type: request.headers.get('content-type'),
    body: await request.text(),
  });

it('hands the handler the body whether it declares its length or comes chunked', async () => {
  const { port } = await listenWith(echo);
  const declared = await fetch(`http://127.0.0.1:${port}/x`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  });
  expect(declared.headers.get('content-length')).toBe(
    String((await declared.clone().arrayBuffer()).byteLength),
  );
  expect(await declared.json()).toEqual({ method: 'POST', type: 'application/json', body: '{"a":1}' });
  const chunked = await fetch(`http://127.0.0.1:${port}/x`, {
    method: 'PUT',
    body: new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('part one, '));
        controller.enqueue(new TextEncoder().encode('part two'));
        controller.close();
      },
    }),
    // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
    duplex: 'half',
  });
  expect(await chunked.json()).toMatchObject({ method: 'PUT', body: 'part one, part two' });
});

it('streams an answer of several chunks as it comes', async () => {
  const parts = ['{"entries":[', '1,', '2', ']}'];
  const { port } = await listenWith(
    async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      ),
  );
  const response = await fetch(`http://127.0.0.1:${port}/log`);
  expect(response.headers.get('transfer-encoding')).toBe('chunked');
  expect(await response.json()).toEqual({ entries: [1, 2] });
});

it('does not call the handler for a body cut off before its declared length', async () => {
  const handler = vi.fn(echo);
  const { port } = await listenWith(handler);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /receipts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":',
      );
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
  // Give the server a moment to see the close.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(handler).not.toHaveBeenCalled();
});

it("aborts the request's signal when the client leaves before the answer, not after an answer", async () => {
  const signals: AbortSignal[] = [];
  let leave: () => void = () => {};
  const left = new Promise<void>((resolve) => (leave = resolve));
  const { port } = await listenWith(async (request) => {
    signals.push(request.signal);
    if (new URL(request.url).pathname === '/slow') {
      leave();
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
    }
    return Response.json({ ok: true });
  });
  expect(await (await fetch(`http://127.0.0.1:${port}/fast`)).json()).toEqual({ ok: true });
  const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n'));
  await left;
  socket.destroy();
  await vi.waitFor(() => expect(signals[1]!.aborted).toBe(true));
  expect(signals[0]!.aborted).toBe(false);
});

describe('as Express middleware', () => {
  async function app(mount: (app: express.Express, listener: ReturnType<typeof toNodeListener>) => void) {
    const { catalog, keyring } = await setup();
    const handler = createClickwrapHandler({
      store: openSqliteStore({ path: ':memory:' }),
      keyring,
      catalog,
      basePath: '/api/clickwrap',
      authenticate: (request) => request.headers.get('x-user'),
    });
    const server = express();
    mount(server, toNodeListener(handler));
    server.get('/health', (_req, res) => {
      res.json({ ok: true });
    });
    const listening = server.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    close = async () => {
      await handler.drain();
      await new Promise((resolve) => listening.close(resolve));
    };
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }

  it("answers its routes and passes every other path on to the app's routes", async () => {
    const origin = await app((server, listener) => server.use(listener));
    const terms = await fetch(`${origin}/api/clickwrap/agreements/instadesk-terms`);
    expect([terms.status, (await terms.json()).id]).toEqual([200, 'instadesk-terms']);
    const health = await fetch(`${origin}/health`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    expect((await fetch(`${origin}/api/clickwrap/nope`)).status).toBe(404);
  });

  it('answers 500 and tells the log to mount it before express.json() when the body was read already', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const origin = await app((server, listener) => server.use(express.json(), listener));
    const response = await fetch(`${origin}/api/clickwrap/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': 'alice' },
      body: JSON.stringify(await makeReceipt('alice')),
    });
    expect([response.status, (await response.json()).error]).toEqual([500, 'body-already-read']);
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(
        /the request's body was read before toNodeListener\(handler\) .*mount it before express\.json\(\)/,
      ),
    );
    logged.mockRestore();
  });

  it('takes the full path as basePath when mounted under a path too', async () => {
    const origin = await app((server, listener) => server.use('/api/clickwrap', listener));
    const receipt = await makeReceipt('alice');
    const created = await fetch(`${origin}/api/clickwrap/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': 'alice' },
      body: JSON.stringify(receipt),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${origin}/health`)).status).toBe(200);
  });
});

it('refuses, when made, something other than the handler', async () => {
  const { catalog, keyring } = await setup();
  const options = {
    store: openSqliteStore({ path: ':memory:' }),
    keyring,
    catalog,
    authenticate: () => null,
  };
  for (const wrong of [undefined, options, Promise.resolve(createClickwrapHandler(options))]) {
    expect(() => toNodeListener(wrong as never)).toThrow(
      /toNodeListener: pass the handler createClickwrapHandler\(…\) returns/,
    );
  }
});
