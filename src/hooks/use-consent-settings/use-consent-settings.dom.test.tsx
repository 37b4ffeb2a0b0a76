import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer } from '../../components/consent-settings.test-utils';
import { useConsentSettings } from './index';

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
});
