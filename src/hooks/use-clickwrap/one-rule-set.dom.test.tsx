'use client';

import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement, verifyReceipt } from '../../core';
import type { ConsentReceipt } from '../../core';
import { useClickwrap, type UseClickwrapOptions } from './index';

// Issue 9, finding 1: the gate and the receipt follow one rule set, so a person who may
// press Accept always gets a receipt that verifies.

const agreement = parseAgreement({ id: 'instadesk-terms', version: '2', markdown: terms });

function setup(options: Partial<UseClickwrapOptions> = {}) {
  const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
  const onDecline = vi.fn();
  const hook = renderHook(() =>
    useClickwrap({
      agreement,
      signer: { id: 'user-1', name: 'Anna Berg' },
      onAccept,
      onDecline,
      requireScrollToEnd: false,
      ...options,
    }),
  );
  return { ...hook, onAccept, onDecline };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('given a re-consent that asks to read the changes, and nothing changed', () => {
  const options = {
    changes: { seen: [], total: 0, required: true },
    replaces: { version: '1' },
  } satisfies Partial<UseClickwrapOptions>;

  it('lets the person accept once they tick the box, and the receipt verifies', async () => {
    const { result, onAccept } = setup(options);
    act(() => result.current.setAssented(true));
    expect(result.current.canAccept).toBe(true);
    let receipt: ConsentReceipt | null = null;
    await act(async () => {
      receipt = await result.current.accept();
    });
    expect(result.current.status).toBe('accepted');
    expect(onAccept).toHaveBeenCalledTimes(1);
    expect(receipt).not.toBeNull();
    const r = receipt as unknown as ConsentReceipt;
    expect(r.reading).toMatchObject({ required: 'changes', changesSeen: [], changesTotal: 0 });
    await expect(verifyReceipt(r, agreement.markdown)).resolves.toEqual({ ok: true, problems: [] });
  });
});

describe('given a signer whose name is only spaces', () => {
  it('records no name on accept, and the receipt verifies', async () => {
    const { result } = setup({ signer: { id: 'user-1', name: '  ' } });
    act(() => result.current.setAssented(true));
    expect(result.current.canAccept).toBe(true);
    let receipt: ConsentReceipt | null = null;
    await act(async () => {
      receipt = await result.current.accept();
    });
    expect(result.current.status).toBe('accepted');
    const r = receipt as unknown as ConsentReceipt;
    expect(r.signer).toEqual({ id: 'user-1', name: null });
    await expect(verifyReceipt(r, agreement.markdown)).resolves.toMatchObject({ ok: true });
  });

  it('records the same (no name) on decline', () => {
    const { result, onDecline } = setup({ signer: { id: 'user-1', name: '  ' } });
    act(() => {
      result.current.decline();
    });
    expect(onDecline).toHaveBeenCalledWith(expect.objectContaining({ signer: { id: 'user-1', name: null } }));
  });

  it('records a padded name trimmed, the same way on accept and decline', async () => {
    const { result, onDecline } = setup({ signer: { id: 'user-1', name: '  Anna Berg ' } });
    act(() => {
      result.current.decline();
    });
    expect(onDecline.mock.calls[0]?.[0].signer).toEqual({ id: 'user-1', name: 'Anna Berg' });
    act(() => result.current.setAssented(true));
    let receipt: ConsentReceipt | null = null;
    await act(async () => {
      receipt = await result.current.accept();
    });
    expect((receipt as unknown as ConsentReceipt).signer).toEqual({ id: 'user-1', name: 'Anna Berg' });
  });
});
