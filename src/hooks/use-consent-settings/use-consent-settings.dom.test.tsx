import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer } from '../../components/consent-settings.test-utils';
import { createReceipt, parseAgreement } from '../../core/index';
import { useConsentSettings } from './index';

const posted = (server: ReturnType<typeof createFakeServer>) =>
  server.requests
    .filter((r) => r.method === 'POST')
    .map((r) => ({ id: (r.body as { id: string }).id, status: r.status }));

afterEach(cleanup);

describe('useConsentSettings', () => {
  it('sends a withdrawal asked for twice while under way once, and hands the app one record', async () => {
    const server = createFakeServer();
    const onWithdrawn = vi.fn();
    const { result } = renderHook(() =>
      useConsentSettings({ basePath: '/api/clickwrap', fetch: server.fetch, onWithdrawn }),
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    let answers: boolean[] = [];
    await act(async () => {
      // A double click on a headless button: the second call comes before the first is answered.
      answers = await Promise.all([
        result.current.withdraw(['marketing-email']),
        result.current.withdraw(['marketing-email']),
      ]);
    });
    expect(answers).toEqual([true, true]);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(onWithdrawn).toHaveBeenCalledTimes(1);
    // Once answered, asking again is a new withdrawal (the server then has nothing to withdraw).
    await act(async () => {
      await result.current.withdraw(['marketing-email']);
    });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('retries a lost answer under the same id, and withdraws a consent given since under a new one', async () => {
    let clock = new Date('2026-02-01T10:00:00.000Z');
    const server = createFakeServer({ now: () => clock });
    // The server records the withdrawal, but its answer is lost on the way.
    let loseAnswers = true;
    const fetcher: typeof fetch = async (input, init) => {
      const answer = await server.fetch(input, init);
      if (loseAnswers && init?.method === 'POST') throw new TypeError('Failed to fetch');
      return answer;
    };
    const onWithdrawn = vi.fn();
    const { result } = renderHook(() =>
      useConsentSettings({ basePath: '/api/clickwrap', fetch: fetcher, onWithdrawn }),
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    await act(async () => {
      expect(await result.current.withdrawAll()).toBe(false);
    });
    expect(result.current.actionError?.code).toBe('network');
    // Meanwhile, in another tab, the person accepts again (after the withdrawal, by the server's
    // clock); this page still shows what it showed, and they press Withdraw all again.
    clock = new Date('2026-02-01T12:00:00.000Z');
    const since = '2026-02-01T11:00:00.000Z';
    server.state.accepted['instadesk-terms'] = [{ version: '2023-01-01', receiptId: 'receipt-2', at: since }];
    server.state.accepted['privacy-policy'] = [{ version: '2024-01-01', receiptId: 'receipt-2', at: since }];
    server.state.options['marketing-email'] = { offered: true, granted: true, at: since };
    loseAnswers = false;
    await act(async () => {
      expect(await result.current.withdrawAll()).toBe(true);
    });
    const [lost, retried, again] = posted(server);
    // The retry is the same withdrawal (recorded once, answered 200 with its record of 10:00)…
    expect(retried).toEqual({ id: lost!.id, status: 200 });
    // …which did not end the consent given at 11:00: that is withdrawn too, under a new id.
    expect(again).toMatchObject({ status: 201 });
    expect(again!.id).not.toBe(lost!.id);
    expect(posted(server)).toHaveLength(3);
    expect(onWithdrawn.mock.calls.map(([r]) => r.receivedAt)).toEqual([
      '2026-02-01T10:00:00.000Z',
      '2026-02-01T12:00:00.000Z',
    ]);
    expect(result.current.documents.map((d) => d.accepted)).toEqual([false, false]);
    expect(result.current.optionalConsents[0]).toMatchObject({ id: 'marketing-email', granted: false });
    expect(result.current.pending).toBeNull();
  });

  it('after a 409 (that id holds another withdrawal) tries again under a new id', async () => {
    const server = createFakeServer();
    let conflicts = 1;
    const ids: string[] = [];
    const fetcher: typeof fetch = async (input, init) => {
      if (init?.method === 'POST') {
        ids.push(JSON.parse(String(init.body)).id);
        if (conflicts-- > 0)
          return new Response(
            JSON.stringify({
              error: 'id-conflict',
              message: 'A different withdrawal with this id is already stored.',
            }),
            { status: 409, headers: { 'content-type': 'application/json' } },
          );
      }
      return server.fetch(input, init);
    };
    const { result } = renderHook(() => useConsentSettings({ basePath: '/api/clickwrap', fetch: fetcher }));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    await act(async () => {
      expect(await result.current.withdraw(['marketing-email'])).toBe(false);
    });
    expect(result.current.actionError?.status).toBe(409);
    await act(async () => {
      expect(await result.current.withdraw(['marketing-email'])).toBe(true);
    });
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
    expect(result.current.optionalConsents[0]).toMatchObject({ granted: false });
  });

  it('makes no copy when the text served is not the text the receipt hashed', async () => {
    const server = createFakeServer();
    const path = '/api/clickwrap/agreements/instadesk-terms/versions/2023-01-01';
    const served = await (await server.fetch(path)).json();
    const agreement = parseAgreement({
      id: 'instadesk-terms',
      version: '2023-01-01',
      markdown: served.markdown,
    });
    const receipt = await createReceipt({
      agreement,
      receiptId: server.receiptId,
      shownAt: new Date('2025-03-04T09:10:00.000Z'),
      acceptedAt: new Date('2025-03-04T09:14:00.000Z'),
      signer: { id: 'account-1' },
      locale: 'en-GB',
      uiVariant: 'page',
      reading: {
        required: 'whole',
        reachedEnd: true,
        reachedEndAt: new Date('2025-03-04T09:13:00.000Z'),
        keyClausesSeen: [],
        keyClausesTotal: agreement.keyClauses.length,
      },
    });
    // The server now serves an edited text for the accepted version, with the hash of the edit.
    let edited = false;
    const fetcher: typeof fetch = async (input, init) => {
      const answer = await server.fetch(input, init);
      if (!edited || !String(input).endsWith(path)) return answer;
      const body = await answer.json();
      const markdown = body.markdown.replace('Instadesk', 'Instadesk Ltd');
      const { hashAgreement } = await import('../../core/index');
      return Response.json({ ...body, markdown, sha256: await hashAgreement(markdown) });
    };
    const { result } = renderHook(() =>
      useConsentSettings({ basePath: '/api/clickwrap', fetch: fetcher, getReceipt: () => receipt }),
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    // As served at accept: the copy is the text and the receipt.
    const copy = await result.current.getCopy('instadesk-terms');
    expect(copy.text).toContain(receipt.agreement.sha256);
    edited = true;
    await expect(result.current.getCopy('instadesk-terms')).rejects.toMatchObject({ code: 'hash-mismatch' });
  });

  it('names a copy by its document id in any script', async () => {
    const server = createFakeServer();
    // The app's ids are in Arabic: its server answers the status with them.
    const fetcher: typeof fetch = async (input, init) => {
      const answer = await server.fetch(
        String(input).replace('%D8%B4%D8%B1%D9%88%D8%B7', 'instadesk-terms'),
        init,
      );
      if (!String(input).endsWith('/consents')) return answer;
      const body = await answer.json();
      const { 'instadesk-terms': terms, ...rest } = body.documents;
      return Response.json({ ...body, documents: { شروط: terms, ...rest } });
    };
    const { result } = renderHook(() => useConsentSettings({ basePath: '/api/clickwrap', fetch: fetcher }));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    const copy = await result.current.getCopy('شروط');
    expect(copy.filename).toBe(`شروط-2023-01-01-${server.receiptId}.md`);
  });

  it('when the server has nothing left to withdraw (withdrawn elsewhere), shows that, with no error and no record', async () => {
    const server = createFakeServer();
    const fetcher: typeof fetch = async (input, init) => {
      if (init?.method !== 'POST') return server.fetch(input, init);
      // Withdrawn from another device meanwhile: the server refuses a second withdrawal.
      server.state.options['marketing-email'] = {
        offered: true,
        granted: false,
        at: '2026-02-01T09:00:00.000Z',
      };
      return Response.json(
        {
          error: 'nothing-to-withdraw',
          message: 'Nothing named is in force: marketing-email is not granted.',
        },
        { status: 422 },
      );
    };
    const onWithdrawn = vi.fn();
    const { result } = renderHook(() =>
      useConsentSettings({ basePath: '/api/clickwrap', fetch: fetcher, onWithdrawn }),
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    await act(async () => {
      expect(await result.current.withdraw(['marketing-email'])).toBe(true);
    });
    expect(result.current.actionError).toBeNull();
    expect(result.current.optionalConsents[0]).toMatchObject({ id: 'marketing-email', granted: false });
    expect(onWithdrawn).not.toHaveBeenCalled();
  });

  it('says which withdrawal failed (the ids, or all), and forgets it when the next one starts', async () => {
    const server = createFakeServer();
    const { result } = renderHook(() =>
      useConsentSettings({ basePath: '/api/clickwrap', fetch: server.fetch }),
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.failedWithdrawal).toBeNull();
    server.setOffline(true);
    await act(async () => {
      await result.current.withdraw(['marketing-email', 'marketing-email']);
    });
    expect(result.current.actionError?.code).toBe('network');
    expect(result.current.failedWithdrawal).toEqual(['marketing-email']);
    await act(async () => {
      await result.current.withdrawAll();
    });
    expect(result.current.failedWithdrawal).toBe('all');
    server.setOffline(false);
    let retry: Promise<boolean> | undefined;
    act(() => {
      retry = result.current.withdrawAll();
    });
    // Under way: no failure to show, so the message goes from beside the control at once.
    expect(result.current.actionError).toBeNull();
    expect(result.current.failedWithdrawal).toBeNull();
    await act(async () => {
      expect(await retry).toBe(true);
    });
    expect(result.current.failedWithdrawal).toBeNull();
  });
});
