import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
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
