'use client';

import { act, cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { createReceipt, hashAgreement, parseAgreement, verifyReceipt } from '../../core';
import type { ConsentReceipt } from '../../core';
import { useClickwrap, type DeclineRecord } from './index';
import { loadedReceiptMaker, setReceiptMakerLoader, type ReceiptMaker } from './receipt-maker';
import * as measure from './measure-presentation';

// The measurement, observed: which state the page was in when it was taken.
vi.mock('./measure-presentation', async (importOriginal) => {
  const real = await importOriginal<typeof measure>();
  return { ...real, measurePresentation: vi.fn(real.measurePresentation) };
});
const measureSpy = vi.mocked(measure.measurePresentation);
let realMeasure: typeof measure.measurePresentation;

// Issue 11: what makes the receipt loads on demand (preloaded after mount). These tests swap
// how it is imported through the internal seam; the real import is put back after each.

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const ACKS = [{ id: 'data', label: 'I understand how my data is used' }];
const realMaker = () => import('./make-receipt');
beforeAll(async () => {
  realMeasure = (await vi.importActual<typeof measure>('./measure-presentation')).measurePresentation;
});

afterEach(() => {
  cleanup();
  setReceiptMakerLoader(null);
  vi.restoreAllMocks();
  measureSpy.mockImplementation(realMeasure);
});

function Harness({
  onAccept,
  onDecline,
}: {
  onAccept: (receipt: ConsentReceipt) => unknown;
  onDecline?: (record: DeclineRecord) => void;
}) {
  const cw = useClickwrap({
    agreement,
    signer: { id: 'user-1', name: 'Anna Berg' },
    onAccept,
    onDecline,
    requireScrollToEnd: false,
    acknowledgements: ACKS,
  });
  return (
    <div>
      <label>
        <input {...cw.getAcknowledgementCheckboxProps('data')} /> {ACKS[0]!.label}
      </label>
      <label>
        <input {...cw.getAssentCheckboxProps()} /> I have read and agree to the {agreement.title}
      </label>
      <button {...cw.getAcceptButtonProps()}>Accept</button>
      <button {...cw.getDeclineButtonProps()}>Decline</button>
      <p {...cw.getStatusProps()}>{cw.status}</p>
      <p data-testid="error">{cw.error instanceof Error ? cw.error.message : ''}</p>
    </div>
  );
}

function tickAll() {
  act(() => screen.getByRole('checkbox', { name: ACKS[0]!.label }).click());
  act(() => screen.getByRole('checkbox', { name: /I have read and agree/ }).click());
}

/** A loader that waits until `release` is called: accept happens before the maker arrives. */
function deferredLoader() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const load = vi.fn(async (): Promise<ReceiptMaker> => {
    await gate;
    return realMaker();
  });
  return { load, release };
}

describe('the receipt maker, loaded on demand', () => {
  it('is not imported in render (server or client), and is preloaded once mounted', async () => {
    const load = vi.fn(realMaker);
    setReceiptMakerLoader(load);
    renderToString(<Harness onAccept={vi.fn()} />);
    expect(load).not.toHaveBeenCalled();
    render(<Harness onAccept={vi.fn()} />);
    await vi.waitFor(() => expect(loadedReceiptMaker()).not.toBeNull());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('given an accept before it has loaded, waits for it and delivers the receipt the core makes from the same answers', async () => {
    const { load, release } = deferredLoader();
    setReceiptMakerLoader(load);
    const onAccept = vi.fn();
    render(<Harness onAccept={onAccept} />);
    tickAll();
    await act(async () => screen.getByRole('button', { name: 'Accept' }).click());
    // The answers are locked at once; nothing is delivered until the maker is there.
    expect(screen.getByRole('status').textContent).toBe('submitting');
    expect(onAccept).not.toHaveBeenCalled();
    await act(async () => release());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('status').textContent).toBe('accepted');

    const got = onAccept.mock.calls[0]![0] as ConsentReceipt;
    const expected = await createReceipt({
      receiptId: got.receiptId,
      agreement,
      shownAt: got.shownAt,
      acceptedAt: got.acceptedAt,
      signer: { id: 'user-1', name: 'Anna Berg' },
      acknowledgements: [{ ...ACKS[0]!, at: got.acknowledgements[0]!.at }],
      reading: {
        required: 'none',
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: agreement.keyClauses.length,
      },
      locale: 'en',
      uiVariant: 'headless',
      requirements: { assented: true, acknowledgements: ['data'] },
      presentation: got.presentation,
    });
    expect(got).toEqual(expected);
    // jsdom has no layout: measured once the maker arrived, and honestly not measured.
    expect(got.presentation).toMatchObject({ measured: false, reason: 'no-layout' });
    await expect(verifyReceipt(got, agreement.markdown)).resolves.toMatchObject({ ok: true });
  });

  it('measures the presentation at the click, before the state changes the page, even when the maker has not loaded yet', async () => {
    const seen: (string | null | undefined)[] = [];
    measureSpy.mockImplementation((elements) => {
      seen.push(elements.accept?.getAttribute('data-state'));
      return realMeasure(elements);
    });
    const { load, release } = deferredLoader();
    setReceiptMakerLoader(load);
    const onAccept = vi.fn();
    render(<Harness onAccept={onAccept} />);
    tickAll();
    await act(async () => screen.getByRole('button', { name: 'Accept' }).click());
    // Measured at the click, while the page still looked as the person saw it.
    expect(seen).toEqual(['idle']);
    expect(onAccept).not.toHaveBeenCalled();
    await act(async () => release());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    expect(seen).toEqual(['idle']);
  });

  it('given a maker that cannot load, records nothing, says to retry, and a retry imports it again', async () => {
    let offline = true;
    const load = vi.fn(() =>
      offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : realMaker(),
    );
    setReceiptMakerLoader(load);
    const onAccept = vi.fn();
    render(<Harness onAccept={onAccept} />);
    // The preload after mount failed, and was not kept.
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    tickAll();

    await act(async () => screen.getByRole('button', { name: 'Accept' }).click());
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('failed'));
    expect(load).toHaveBeenCalledTimes(2);
    expect(onAccept).not.toHaveBeenCalled();
    expect(screen.getByTestId('error').textContent).toMatch(
      /could not be loaded .*nothing was recorded.*accept again \(Retry\)/,
    );
    // The answers given are kept for the retry.
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /I have read and agree/ }).checked).toBe(
      true,
    );

    offline = false;
    await act(async () => screen.getByRole('button', { name: 'Accept' }).click());
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    expect(load).toHaveBeenCalledTimes(3);
    expect(screen.getByRole('status').textContent).toBe('accepted');
    const receipt = onAccept.mock.calls[0]![0] as ConsentReceipt;
    expect(receipt.acknowledgements.map((a) => a.id)).toEqual(['data']);
    await expect(verifyReceipt(receipt, agreement.markdown)).resolves.toMatchObject({ ok: true });
  });

  it('hashes the text shown once the maker loads after a failed preload, so a later decline records the hash', async () => {
    let offline = true;
    const load = vi.fn(async (): Promise<ReceiptMaker> => {
      if (offline) throw new TypeError('Failed to fetch dynamically imported module');
      return realMaker();
    });
    setReceiptMakerLoader(load);
    const onDecline = vi.fn();
    // Delivery fails (the app's server is down), so the person can still decline afterwards.
    const onAccept = vi.fn(async () => {
      throw new Error('The server could not be reached.');
    });
    render(<Harness onAccept={onAccept} onDecline={onDecline} />);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    tickAll();
    offline = false;
    await act(async () => screen.getByRole('button', { name: 'Accept' }).click());
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('failed'));
    expect(onAccept).toHaveBeenCalledTimes(1);

    const expected = await hashAgreement(agreement.markdown);
    await vi.waitFor(async () => {
      onDecline.mockClear();
      await act(async () => screen.getByRole('button', { name: 'Decline' }).click());
      expect((onDecline.mock.calls[0]![0] as DeclineRecord).agreement.sha256).toBe(expected);
    });
  });
});
