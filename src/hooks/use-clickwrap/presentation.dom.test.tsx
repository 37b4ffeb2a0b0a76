'use client';

import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { checkPresentation } from '../../core/presentation';
import type { ConsentReceipt } from '../../core/types';
import { useClickwrap } from './index';

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Harness({ onAccept }: { onAccept: (receipt: ConsentReceipt) => void }) {
  const cw = useClickwrap({ agreement, signer: { id: 'user-1' }, onAccept, requireScrollToEnd: false });
  return (
    <div>
      <input id="assent" {...cw.getAssentCheckboxProps()} />
      <label htmlFor="assent">I have read and agree to the {agreement.title}</label>
      <button {...cw.getAcceptButtonProps()}>Accept</button>
    </div>
  );
}

describe('the presentation recorded where layout cannot be measured', () => {
  it('given jsdom (no layout boxes), the receipt says not measured: no-layout, and guesses nothing', async () => {
    const onAccept = vi.fn();
    render(<Harness onAccept={onAccept} />);
    act(() => screen.getByRole('checkbox', { name: /agree/ }).click());
    await act(async () => screen.getByRole('button', { name: 'Accept' }).click());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    const receipt = onAccept.mock.calls[0]![0] as ConsentReceipt;
    expect(receipt.presentation).toEqual({
      measured: false,
      reason: 'no-layout',
      assent: null,
      acceptButton: null,
      distancePx: null,
      links: null,
      viewport: null,
      theme: null,
      colorScheme: null,
      reducedMotion: null,
    });
    expect(checkPresentation(receipt).every((f) => f.status === 'unknown')).toBe(true);
  });

  it('given a headless use whose getters were never spread, the receipt says the assent was not found', async () => {
    const onAccept = vi.fn();
    const { result } = renderHook(() =>
      useClickwrap({ agreement, signer: { id: 'user-1' }, onAccept, requireScrollToEnd: false }),
    );
    act(() => result.current.setAssented(true));
    await act(async () => {
      await result.current.accept();
    });
    expect(onAccept).toHaveBeenCalledTimes(1);
    expect((onAccept.mock.calls[0]![0] as ConsentReceipt).presentation).toMatchObject({
      measured: false,
      reason: 'assent-not-found',
      assent: null,
    });
  });
});
