// "A collected consent is never lost": a receipt made by useClickwrap's receipt maker, from what
// the page showed, is one createClickwrapHandler accepts with its default limits. The
// presentation is what measurePresentation records in Chromium for a long assent statement
// (presentation.browser.test.tsx measures it there); here it goes through the hook's receipt
// maker to the default handler, over an in-memory SQLite store.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptPresentation } from '../src/core/presentation/types';
import { makeReceipt } from '../src/hooks/use-clickwrap/make-receipt';
import { initialClickwrapState } from '../src/hooks/use-clickwrap/reducer';
import type { ClickwrapSnapshot } from '../src/hooks/use-clickwrap/receipt';
import { post, testServer } from '../src/server/handler.test-utils';
import { AGREEMENTS, MARKETING } from '../src/server/test-fixtures';

const now = new Date();
const shownAt = new Date(now.getTime() - 60_000);
const readWhole = (keyClauses: readonly { id: string }[]) => ({
  reachedEnd: true,
  reachedEndAt: new Date(shownAt.getTime() + 30_000),
  keyClausesSeen: keyClauses.map((c) => c.id),
});

/** The hook's snapshot at accept: the example's Terms and privacy policy, read whole, assented. */
function snapshot(over: Partial<ClickwrapSnapshot> = {}): ClickwrapSnapshot {
  return {
    agreement: AGREEMENTS.terms,
    reading: readWhole(AGREEMENTS.terms.keyClauses),
    requireScrollToEnd: true,
    requireAllKeyClausesSeen: false,
    changes: null,
    documents: [{ agreement: AGREEMENTS.privacy, reading: readWhole(AGREEMENTS.privacy.keyClauses) }],
    guardian: null,
    organization: false,
    acknowledgements: [],
    optionalConsents: [MARKETING],
    state: { ...initialClickwrapState, assented: true },
    signer: { id: 'alice', name: 'Alice Example' },
    locale: 'en-GB',
    uiVariant: 'page',
    replaces: null,
    ...over,
  };
}

/** What measurePresentation records for a statement of `statement` and a button named `label` showing `shown`. */
function measured(statement: string, label = 'Accept', shown = label): ReceiptPresentation {
  return {
    measured: true,
    reason: null,
    assent: {
      accessibleName: statement,
      visibleText: statement,
      inViewport: true,
      fontSizePx: 16,
      fontWeight: 400,
      contrast: 15.3,
    },
    acceptButton: { label, visibleText: shown, inViewport: true, widthPx: 120, heightPx: 40 },
    distancePx: 12,
    links: { count: 1, underlined: 1, minContrast: 7.1, minContrastWithText: null, distinct: true },
    viewport: { widthPx: 1024, heightPx: 768, devicePixelRatio: 1, visualViewportScale: 1 },
    theme: null,
    colorScheme: 'light',
    reducedMotion: false,
  };
}

const LONG_STATEMENT =
  `I have read and agree to the Instadesk Terms and Conditions. ${'I understand what they say. '.repeat(90)}`
    .trim()
    .slice(0, 2500);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a receipt from the hook, sent to createClickwrapHandler with its default limits', () => {
  it('is stored (201) when the assent statement is 2,500 characters long', async () => {
    expect(LONG_STATEMENT).toHaveLength(2500);
    const { handler } = await testServer();
    const times = { shownAt, acceptedAt: now };
    const receipt = await makeReceipt(snapshot(), times, measured(LONG_STATEMENT));
    const response = await handler(post('receipts', receipt));
    expect(response.status, await response.clone().text()).toBe(201);
    // What is recorded is the statement's beginning, and says that it is only that.
    expect(receipt.presentation?.assent).toMatchObject({
      accessibleName: LONG_STATEMENT.slice(0, 2000),
      accessibleNameFullLength: 2500,
      visibleText: LONG_STATEMENT.slice(0, 2000),
      visibleTextFullLength: 2500,
    });
  });

  it('is stored (201) when the Accept button is named by a 2,500-character aria-label and shows 300 characters', async () => {
    const { handler } = await testServer();
    const times = { shownAt, acceptedAt: now };
    const shown = `I agree ${'and continue '.repeat(30)}`.trim();
    const receipt = await makeReceipt(
      snapshot(),
      times,
      measured('I agree to the Terms and Conditions', `${shown} ${'x'.repeat(2500)}`.slice(0, 2500), shown),
    );
    const response = await handler(post('receipts', receipt));
    expect(response.status, await response.clone().text()).toBe(201);
    expect(receipt.presentation?.acceptButton).toMatchObject({
      labelFullLength: 2500,
      visibleText: shown.slice(0, 200),
      visibleTextFullLength: shown.length,
    });
    expect(receipt.presentation?.acceptButton?.label).toHaveLength(2000);
  });

  // Chromium draws a lone surrogate as U+FFFD and a NUL as a box (.notdef), one character each
  // (receipt-bounds.browser.test.tsx measures it): the receipt records U+FFFD for either, in its
  // place, where the server refuses both as text (400 invalid-text) after the person agreed.
  it('is stored (201) when the statement ends in half an emoji, cut by the app, recording U+FFFD in its place', async () => {
    const { handler } = await testServer();
    const statement = 'I agree to the Terms and Conditions 😀'.slice(0, -1);
    const receipt = await makeReceipt(snapshot(), { shownAt, acceptedAt: now }, measured(statement));
    const response = await handler(post('receipts', receipt));
    expect(response.status, await response.clone().text()).toBe(201);
    const recorded = `${statement.slice(0, -1)}\ufffd`;
    expect(receipt.presentation?.assent).toEqual(
      expect.objectContaining({ accessibleName: recorded, visibleText: recorded }),
    );
    expect(receipt.presentation?.assent).not.toHaveProperty('visibleTextFullLength');
  });

  it('is stored (201) when the statement and the button hold a NUL, recording U+FFFD in its place', async () => {
    const { handler } = await testServer();
    const receipt = await makeReceipt(
      snapshot(),
      { shownAt, acceptedAt: now },
      measured('I agree to the Terms\u0000and Conditions', 'I\u0000agree'),
    );
    const response = await handler(post('receipts', receipt));
    expect(response.status, await response.clone().text()).toBe(201);
    expect(receipt.presentation?.assent?.visibleText).toBe('I agree to the Terms\ufffdand Conditions');
    expect(receipt.presentation?.acceptButton).toMatchObject({
      label: 'I\ufffdagree',
      visibleText: 'I\ufffdagree',
    });
  });

  it('keeps an app-given value as given, and says in development which field the server would refuse', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { handler } = await testServer();
    const label = `Send me news. ${'Really. '.repeat(300)}`;
    const receipt = await makeReceipt(
      snapshot({
        uiVariant: 'u'.repeat(2100),
        optionalConsents: [{ ...MARKETING, label }],
      }),
      { shownAt, acceptedAt: now },
      measured('I agree to the Terms and Conditions'),
    );
    expect(receipt.uiVariant).toHaveLength(2100);
    expect(receipt.optionalConsents[0]!.label).toBe(label);
    const said = warn.mock.calls.map((call) => String(call[0]));
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/`uiVariant` is 2100 characters long, over the 2000 .*Shorten/),
        expect.stringMatching(/`optionalConsents\[0\]\.label` is \d+ characters long/),
      ]),
    );
    // As the warning says: the default server refuses it.
    expect((await handler(post('receipts', receipt))).status).toBe(413);
  });

  it('keeps an app-given value holding half an emoji or a NUL as given, and says in development what to do', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { handler } = await testServer();
    const label = 'Send me news 😀'.slice(0, -1);
    const receipt = await makeReceipt(
      snapshot({ uiVariant: 'page\u0000', optionalConsents: [{ ...MARKETING, label }] }),
      { shownAt, acceptedAt: now },
      measured('I agree to the Terms and Conditions'),
    );
    expect(receipt.uiVariant).toBe('page\u0000');
    expect(receipt.optionalConsents[0]!.label).toBe(label);
    const said = warn.mock.calls.map((call) => String(call[0]));
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /`uiVariant` holds a NUL character \(U\+0000, at position 4\).*\(400 invalid-text\).*Remove it/,
        ),
        expect.stringMatching(
          /`optionalConsents\[0\]\.label` holds a lone surrogate \(\\ud83d at position 13\).*half of a character.*\(400 invalid-text\).*Pass whole characters/,
        ),
      ]),
    );
    // As the warning says: the default server refuses it.
    expect((await handler(post('receipts', receipt))).status).toBe(400);
  });
});
