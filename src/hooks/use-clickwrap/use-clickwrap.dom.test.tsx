'use client';

import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import terms from '../../../agreements/instadesk-terms.md?raw';
import privacy from '../../../agreements/example-privacy-policy.md?raw';
import { parseAgreement } from '../../core/agreement';
import type { ConsentReceipt } from '../../core/types';
import { format, zhCN } from '../../messages';
import { useClickwrap, type DeclineRecord, type UseClickwrapOptions } from './index';
import { setReceiptMakerLoader } from './receipt-maker';

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const ACKS = [
  { id: 'a', label: 'First commitment' },
  { id: 'b', label: 'Second commitment' },
];

/** The hook with `options`; `rerender(props)` renders it again with `props` on top. */
function setup(options: Partial<UseClickwrapOptions> = {}) {
  return renderHook(
    (props: Partial<UseClickwrapOptions>) =>
      useClickwrap({
        agreement,
        signer: { id: 'user-1', name: 'Anna Berg' },
        onAccept: vi.fn(),
        requireScrollToEnd: false,
        acknowledgements: ACKS,
        ...options,
        ...props,
      }),
    { initialProps: {} },
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('useClickwrap (jsdom: no layout)', () => {
  it('starts with nothing ticked and lists what is missing, in order', () => {
    const { result } = setup({ organization: true });
    expect(result.current.assented).toBe(false);
    expect(result.current.acknowledged).toEqual({});
    expect(result.current.canAccept).toBe(false);
    expect(result.current.missingRequirements.map((m) => m.code)).toEqual([
      'organization-name',
      'signer-authority',
      'acknowledgements',
      'assent',
    ]);
    expect(result.current.status).toBe('idle');
    expect(result.current.receipt).toBeNull();
  });

  it('takes overridden messages', () => {
    const { result } = setup({ acknowledgements: [], messages: { assent: 'Cochez la case.' }, locale: 'fr' });
    expect(result.current.missing).toEqual(['Cochez la case.']);
  });

  it("lists the guardian's problems in the guardian form's own words, in the language given", () => {
    const { result } = setup({
      acknowledgements: [],
      messages: zhCN.reasons,
      locale: 'zh-CN',
      guardian: { birthDate: '2015-01-01', today: '2025-06-01', messages: zhCN.guardian },
    });
    expect(result.current.guardian?.errors.name).toBe(zhCN.guardian.nameRequired);
    expect(result.current.missing).toEqual([
      zhCN.guardian.nameRequired,
      zhCN.guardian.relationshipRequired,
      zhCN.guardian.attestationRequired,
      format(zhCN.reasons.assent, { count: 1 }),
    ]);
  });

  it('returns exactly the props each getter documents', () => {
    const { result } = setup();
    const props = (p: Record<string, unknown>) =>
      Object.keys(p)
        .filter((k) => p[k] !== undefined)
        .sort();
    expect(props(result.current.getAssentCheckboxProps())).toEqual(
      ['aria-required', 'checked', 'data-state', 'onChange', 'ref', 'type'].sort(),
    );
    expect(props(result.current.getAcceptButtonProps())).toEqual(
      ['aria-describedby', 'aria-disabled', 'data-state', 'onClick', 'ref', 'type'].sort(),
    );
    // Not a live region: its counts change as the person reads (see getMissingProps).
    expect(props(result.current.getMissingProps())).toEqual(['data-state', 'id'].sort());
    expect(result.current.getMissingProps().id).toBe(result.current.missingId);
    expect(result.current.getAcceptButtonProps()['aria-describedby']).toBe(result.current.missingId);
  });

  it("runs the caller's handler first, and lets it veto ours", () => {
    const { result } = setup();
    const theirs = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    const props = result.current.getAssentCheckboxProps({ onChange: theirs });
    const event = {
      target: { checked: true },
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    act(() => (props.onChange as (e: unknown) => void)(event));
    expect(theirs).toHaveBeenCalled();
    expect(result.current.assented).toBe(false);
  });

  it('ignores and warns about a pre-ticked acknowledgement', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { result } = setup();
    const props = result.current.getAcknowledgementCheckboxProps('a', { defaultChecked: true });
    expect(props).not.toHaveProperty('defaultChecked');
    expect(props.checked).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('never pre-ticked'));
  });

  it('warns when texts are given without their language, which the receipt would record as English', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    setup({ messages: zhCN.reasons });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/messages are given but locale is not.*'en'/));
    warn.mockClear();
    setup({ messages: zhCN.reasons, locale: 'zh-CN' });
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('locale is not'));
  });

  it("writes the reasons' counts as the locale writes numbers", () => {
    const { result } = setup({ requireAllKeyClausesSeen: true, messages: zhCN.reasons, locale: 'ar-EG' });
    const keyClauses = result.current.missingRequirements.find((m) => m.code === 'key-clauses');
    expect(keyClauses?.message).toMatch(/[٠-٩]/);
    expect(keyClauses?.message).not.toMatch(/[0-9]/);
  });

  it('throws a clear error for an unknown acknowledgement id', () => {
    const { result } = setup();
    expect(() => result.current.getAcknowledgementCheckboxProps('nope')).toThrow(
      /no acknowledgement has the id "nope".*"a", "b"/,
    );
  });

  it('records the time each acknowledgement was ticked', () => {
    const { result } = setup();
    act(() => result.current.setAcknowledged('b', true));
    expect(result.current.acknowledged.b).toBeInstanceOf(Date);
    act(() => result.current.setAcknowledged('b', false));
    expect(result.current.acknowledged.b).toBeUndefined();
  });

  it('unticks an acknowledgement or optional consent whose words change, and only that one', () => {
    const MARKETING = { id: 'news', label: 'Send me product news.' };
    const { result, rerender } = setup({ optionalConsents: [MARKETING] });
    act(() => {
      result.current.setAcknowledged('a', true);
      result.current.setAcknowledged('b', true);
      result.current.setOptionalConsent('news', true);
    });
    // The same words again (a new array) change nothing.
    rerender({ acknowledgements: ACKS.map((a) => ({ ...a })) });
    expect(Object.keys(result.current.acknowledged)).toEqual(['a', 'b']);
    expect(result.current.optionalConsents).toEqual({ news: true });
    // In another language: what was ticked was ticked under other words.
    rerender({
      acknowledgements: [ACKS[0]!, { id: 'b', label: 'Zweite Verpflichtung' }],
      optionalConsents: [{ id: 'news', label: 'Schickt mir Produktneuigkeiten.' }],
    });
    expect(Object.keys(result.current.acknowledged)).toEqual(['a']);
    expect(result.current.optionalConsents).toEqual({ news: false });
    expect(result.current.canAccept).toBe(false);
  });

  it('unticks an optional consent reworded while the form was locked, once it opens again', async () => {
    const MARKETING = { id: 'news', label: 'Send me product news.' };
    const onAccept = vi.fn().mockRejectedValue(new Error('offline'));
    const { result, rerender } = setup({ acknowledgements: [], optionalConsents: [MARKETING], onAccept });
    act(() => {
      result.current.setOptionalConsent('news', true);
      result.current.setAssented(true);
    });
    await act(() => result.current.accept());
    expect(result.current.status).toBe('failed');
    // Another language while the answers are locked, then another text: the form opens again.
    const GERMAN = [{ id: 'news', label: 'Schickt mir Produktneuigkeiten.' }];
    rerender({ optionalConsents: GERMAN });
    rerender({ optionalConsents: GERMAN, agreement: { ...agreement, version: '2' } });
    expect(result.current.status).toBe('idle');
    // Ticked under the English words only: not given to the German ones.
    expect(result.current.optionalConsents).toEqual({ news: false });
    act(() => result.current.setAssented(true));
    onAccept.mockResolvedValue(undefined);
    const receipt = await act(() => result.current.accept());
    expect(receipt?.optionalConsents).toEqual([
      { id: 'news', label: GERMAN[0]!.label, granted: false, at: null },
    ]);
  });

  it('starts over when another document is shown beside the agreement', async () => {
    const policy = (version: string, markdown: string) => ({
      agreement: parseAgreement({ id: 'privacy', version, markdown }),
      reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [] },
      requireScrollToEnd: false,
    });
    const onAccept = vi.fn().mockRejectedValueOnce(new Error('offline'));
    const { result, rerender } = setup({ documents: [policy('1', privacy)], onAccept });
    act(() => {
      result.current.setAssented(true);
      result.current.setAcknowledged('a', true);
      result.current.setAcknowledged('b', true);
    });
    await act(() => result.current.accept());
    expect(result.current.status).toBe('failed');
    // Another privacy policy (a moment later): what was given was given beside the first one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = policy('2', `${privacy}\n\nWe also share your data with partners.\n`);
    rerender({ documents: [second] });
    expect(result.current.status).toBe('idle');
    expect(result.current.assented).toBe(false);
    expect(result.current.acknowledged).toEqual({});
    expect(result.current.canAccept).toBe(false);
    // Given again, the receipt is for the policy now shown, not the undelivered one.
    act(() => {
      result.current.setAssented(true);
      result.current.setAcknowledged('a', true);
      result.current.setAcknowledged('b', true);
    });
    const receipt = await act(() => result.current.accept());
    expect(receipt?.additionalDocuments.map((d) => [d.id, d.version])).toEqual([['privacy', '2']]);
    // The agreement itself was shown when it was: not again when the policy beside it changed.
    const first = onAccept.mock.calls[0]![0] as ConsentReceipt;
    expect(receipt?.shownAt).toBe(first.shownAt);
  });

  it('unticks what is shown again under other words after being left out a while', () => {
    const MARKETING = { id: 'news', label: 'Send me product news.' };
    const { result, rerender } = setup({ optionalConsents: [MARKETING] });
    act(() => {
      result.current.setAcknowledged('b', true);
      result.current.setOptionalConsent('news', true);
    });
    // E.g. another language loading: the lists are empty, then come back in other words.
    rerender({ acknowledgements: [ACKS[0]!], optionalConsents: [] });
    rerender({
      acknowledgements: [ACKS[0]!, { id: 'b', label: 'Zweite Verpflichtung' }],
      optionalConsents: [{ id: 'news', label: 'Schickt mir Produktneuigkeiten.' }],
    });
    expect(result.current.acknowledged).toEqual({});
    expect(result.current.optionalConsents).toEqual({ news: false });
  });

  it('marks the attempt and shows every error when accept is pressed too early', async () => {
    const onAccept = vi.fn();
    const { result } = setup({ onAccept, organization: true, guardian: {} });
    let returned: ConsentReceipt | null | undefined;
    await act(async () => {
      returned = await result.current.accept();
    });
    expect(returned).toBeNull();
    expect(onAccept).not.toHaveBeenCalled();
    expect(result.current.attempted).toBe(true);
    expect(result.current.organization?.shownErrors).toEqual({
      name: 'Enter the name of the organisation you are agreeing for.',
      signerAuthority: 'Enter your role or authority to agree for the organisation.',
    });
    expect(result.current.guardian?.touched.birthDate).toBe(true);
    expect(result.current.guardian?.shownErrors.birthDate).toBe('Enter your date of birth.');
    expect(result.current.getAssentCheckboxProps()['aria-invalid']).toBe(true);
  });

  it('does not compare the guardian with the signer in guardian-only mode', () => {
    const { result } = setup({
      guardian: { mode: 'guardian-only', today: '2025-06-01', defaultBirthDate: '2010-01-15' },
    });
    act(() => result.current.guardian!.setGuardianName('Anna Berg'));
    expect(result.current.guardian!.errors.name).toBeUndefined();
  });

  it("compares the guardian with the signer's name in joint mode", () => {
    const { result } = setup({ guardian: { today: '2025-06-01', defaultBirthDate: '2010-01-15' } });
    act(() => result.current.guardian!.setGuardianName(' anna berg'));
    expect(result.current.guardian!.errors.name).toMatch(/same as the minor's/);
  });
});

describe('useClickwrap delivery', () => {
  it('retries after an onAccept that throws at once', async () => {
    const onAccept = vi
      .fn<(receipt: ConsentReceipt) => Promise<void>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockImplementationOnce(() => {
        throw new Error('storage full');
      })
      .mockResolvedValueOnce(undefined);
    const { result } = setup({ acknowledgements: [], onAccept });
    act(() => result.current.setAssented(true));
    await act(() => result.current.accept());
    expect(result.current.status).toBe('failed');

    let returned: ConsentReceipt | null | undefined;
    await act(async () => {
      returned = await result.current.accept();
    });
    expect(returned).toBeNull();
    expect(result.current.status).toBe('failed');
    expect(String(result.current.error)).toMatch(/storage full/);

    // Retry again: onAccept is called again, with the same receipt, and this time it lands.
    await act(async () => {
      returned = await result.current.accept();
    });
    expect(onAccept).toHaveBeenCalledTimes(3);
    expect(onAccept.mock.calls[2]![0]).toBe(onAccept.mock.calls[0]![0]);
    expect(returned).toBe(onAccept.mock.calls[0]![0]);
    expect(result.current.status).toBe('accepted');
  });

  it('lets the person decline after an onAccept that throws at once', async () => {
    const onAccept = vi.fn<(receipt: ConsentReceipt) => Promise<void>>(() => {
      throw new Error('storage full');
    });
    const onDecline = vi.fn<(record: DeclineRecord) => void>();
    const { result } = setup({ acknowledgements: [], onAccept, onDecline });
    act(() => result.current.setAssented(true));
    await act(() => result.current.accept());
    await act(() => result.current.accept());
    expect(result.current.status).toBe('failed');
    let record: DeclineRecord | null = null;
    act(() => {
      record = result.current.decline();
    });
    expect(record).toMatchObject({ undeliveredReceiptId: onAccept.mock.calls[0]![0].receiptId });
    expect(onDecline).toHaveBeenCalledTimes(1);
  });

  it('names the undelivered receipt in every decline, not only the first', async () => {
    const onAccept = vi
      .fn<(receipt: ConsentReceipt) => Promise<void>>()
      .mockRejectedValue(new Error('answer lost'));
    const onDecline = vi.fn<(record: DeclineRecord) => void>();
    const { result } = setup({ acknowledgements: [], onAccept, onDecline });
    act(() => result.current.setAssented(true));
    await act(() => result.current.accept());
    const undelivered = onAccept.mock.calls[0]![0];
    // The first decline's own delivery fails (the app's to send), so the person declines again:
    // the same decision, handed on again as the same record, so a retry is recorded once.
    act(() => void result.current.decline());
    act(() => void result.current.decline());
    expect(onDecline.mock.calls.map(([record]) => record.undeliveredReceiptId)).toEqual([
      undelivered.receiptId,
      undelivered.receiptId,
    ]);
    expect(onDecline.mock.calls[1]![0]).toBe(onDecline.mock.calls[0]![0]);
    expect(onDecline.mock.calls[0]![0].id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // Accepting after all makes a new receipt; a decline after its delivery failed names that one.
    await act(() => result.current.accept());
    const second = onAccept.mock.calls[1]![0];
    expect(second.receiptId).not.toBe(undelivered.receiptId);
    act(() => void result.current.decline());
    expect(onDecline.mock.calls[2]![0].undeliveredReceiptId).toBe(second.receiptId);
    // A decision after an accept attempt: another decline, with another id.
    expect(onDecline.mock.calls[2]![0].id).not.toBe(onDecline.mock.calls[0]![0].id);
  });

  it('makes the receipt from the press, not from later props, when a retry follows a maker that did not load', async () => {
    let load = false;
    setReceiptMakerLoader(() => (load ? import('./make-receipt') : Promise.reject(new Error('offline'))));
    try {
      const onAccept = vi.fn();
      const { result, rerender } = setup({
        onAccept,
        acknowledgements: [{ id: 'b', label: 'Second commitment' }],
        optionalConsents: [{ id: 'n', label: 'News by e-mail' }],
      });
      act(() => {
        result.current.setAcknowledged('b', true);
        result.current.setOptionalConsent('n', true);
        result.current.setAssented(true);
      });
      await act(() => result.current.accept());
      expect(result.current.status).toBe('failed');
      expect(onAccept).not.toHaveBeenCalled();
      // While it failed, the app shows the same consents in German (its catalogue arrived).
      rerender({
        acknowledgements: [{ id: 'b', label: 'Zweite Verpflichtung' }],
        optionalConsents: [{ id: 'n', label: 'Neuigkeiten per E-Mail' }],
      });
      load = true;
      const receipt = await act(() => result.current.accept());
      expect(onAccept).toHaveBeenCalledTimes(1);
      // What was ticked at the press, in the words it was ticked under.
      expect(receipt?.acknowledgements.map((a) => a.label)).toEqual(['Second commitment']);
      expect(receipt?.optionalConsents.map((c) => [c.label, c.granted])).toEqual([['News by e-mail', true]]);
    } finally {
      setReceiptMakerLoader();
    }
  });

  it('records a decline whatever the signer name prop holds, and refuses an accept with a clear error', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onAccept = vi.fn();
    const onDecline = vi.fn<(record: DeclineRecord) => void>();
    // A name from an untyped source (a number from an API, before the session is typed).
    const signer = { id: 'user-1', name: 42 as unknown as string };
    const { result } = setup({ acknowledgements: [], signer, onAccept, onDecline });
    act(() => result.current.setAssented(true));
    await act(() => result.current.accept());
    expect(onAccept).not.toHaveBeenCalled();
    expect(result.current.status).toBe('failed');
    expect(String(result.current.error)).toMatch(/signer\.name/);
    let record: DeclineRecord | null = null;
    act(() => {
      record = result.current.decline();
    });
    expect(record).toMatchObject({ signer: { id: 'user-1', name: null } });
    expect(onDecline).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/signer\.name must be a string or null, not number/),
    );
  });
});
