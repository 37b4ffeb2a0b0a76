'use client';
// The modal opened before its body (loaded on demand) has loaded: the browser setup has loaded
// it, so these tests hold the loader back to what a page sees on a slow network (its `read`
// suspends until released) or when the chunk cannot be fetched (it throws until `retry`).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { en, format } from '../../messages';
import { ClickwrapModal } from '../clickwrap-modal';
import {
  AlertBoundary,
  agreement,
  agreementElement,
  deferred,
  expectNoAxeViolations,
  scrollToEnd,
  SIGNER,
} from '../test-utils.test-utils';
import { parseAgreement } from '../../core/agreement';
import { withFiveChanges } from '../../core/diff.fixtures';
import { ClickwrapPage } from '../clickwrap-page';
import { reconsentDiff } from '../root/reconsent-loader';
import type { OnDemand } from './loader';
import { modalEngine } from './modal-parts';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Makes `part` (the modal's body unless said) behave as not loaded yet (or failed) until the test
 * says otherwise.
 */
function holdBack({ fail = false, part = modalEngine as OnDemand<unknown> } = {}) {
  const loaded = part.peek();
  if (!loaded)
    throw new Error('Load the part before holding it back (the browser setup loads the modal body).');
  let state: 'pending' | 'failed' | 'loaded' = fail ? 'failed' : 'pending';
  let gate = deferred();
  const error = new TypeError('Failed to fetch dynamically imported module');
  // One object per failure, as the loader keeps it.
  let failure = { error };
  vi.spyOn(part, 'failure').mockImplementation(() => (state === 'failed' ? failure : null));
  vi.spyOn(part, 'peek').mockImplementation(() => (state === 'loaded' ? loaded : null));
  vi.spyOn(part, 'read').mockImplementation(() => {
    if (state === 'loaded') return loaded;
    if (state === 'failed') throw error;
    throw gate.promise;
  });
  vi.spyOn(part, 'preload').mockImplementation(() => {});
  vi.spyOn(part, 'isLoadError').mockImplementation((caught) => state === 'failed' && caught === error);
  const retry = vi.spyOn(part, 'retry').mockImplementation(() => {
    if (state === 'failed') state = 'pending';
  });
  return {
    retry,
    release() {
      state = 'loaded';
      gate.resolve();
      gate = deferred();
    },
    /** The pending load fails (a new failure). */
    fail() {
      state = 'failed';
      failure = { error };
      gate.reject(error);
      gate = deferred();
    },
  };
}

function setup() {
  const onAccept = vi.fn(async () => {});
  const onDecline = vi.fn();
  const screen = render(
    <ClickwrapModal
      agreement={agreement}
      signer={SIGNER}
      onAccept={onAccept}
      onDecline={onDecline}
      defaultOpen
    />,
  );
  return { screen, onAccept, onDecline };
}

/** The modal mounted closed, with a trigger that opens it. */
const renderWithTrigger = () =>
  render(
    <ClickwrapModal
      agreement={agreement}
      signer={SIGNER}
      onAccept={async () => {}}
      trigger={<button type="button">Review the terms</button>}
    />,
  );

const dialog = () => page.getByRole('dialog');

describe('the modal opened before its body has loaded', () => {
  it('says it is loading, then shows the agreement and focuses it as on any opening', async () => {
    const held = holdBack();
    await setup().screen;
    await expect.element(dialog().getByRole('status')).toHaveTextContent(en.modalLoading);
    await expect.element(dialog()).toHaveAccessibleName(agreement.title);
    // What it says meanwhile is the dialog's description, until the agreement's replaces it.
    await expect.element(dialog()).toHaveAccessibleDescription(en.modalLoading);
    expect(dialog().getByRole('button', { name: en.accept, exact: true }).query()).toBeNull();
    // Waiting, focus is in the dialog, on its title.
    expect(document.activeElement).toBe(dialog().getByRole('heading', { name: agreement.title }).element());
    await expectNoAxeViolations(dialog().element());

    held.release();
    await expect.element(dialog().getByRole('button', { name: en.accept, exact: true })).toBeVisible();
    expect(dialog().getByText(en.modalLoading).query()).toBeNull();
    await expect.poll(() => document.activeElement).toBe(agreementElement());
    await expect.element(dialog()).toHaveAccessibleDescription(format(en.description, { count: 1 }));
  });

  it('leaves focus where the person moved it while waiting', async () => {
    const held = holdBack();
    await setup().screen;
    await expect.element(dialog().getByRole('status')).toHaveTextContent(en.modalLoading);
    await userEvent.tab();
    const close = dialog().getByRole('button', { name: en.close, exact: true });
    await expect.element(close).toHaveFocus();
    held.release();
    await expect.element(dialog().getByRole('button', { name: en.accept, exact: true })).toBeVisible();
    expect(document.activeElement).toBe(close.element());
  });

  it('says so when the body cannot be loaded, loads it on "Try again", and records nothing meanwhile', async () => {
    // React reports the error caught by the boundary.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const held = holdBack({ fail: true });
    const { screen, onAccept, onDecline } = setup();
    await screen;
    const alert = dialog().getByRole('alert');
    await expect.element(alert).toHaveTextContent(en.partLoadFailed);
    await expectNoAxeViolations(dialog().element());
    expect(dialog().getByRole('button', { name: en.accept, exact: true }).query()).toBeNull();

    await userEvent.click(dialog().getByRole('button', { name: en.partLoadRetry }));
    expect(held.retry).toHaveBeenCalledTimes(1);
    await expect.element(dialog().getByRole('status')).toHaveTextContent(en.modalLoading);
    held.release();
    await expect.element(dialog().getByRole('button', { name: en.accept, exact: true })).toBeVisible();
    expect(dialog().getByRole('alert').query()).toBeNull();
    await expect.poll(() => document.activeElement).toBe(agreementElement());
    expect(onAccept).not.toHaveBeenCalled();
    expect(onDecline).not.toHaveBeenCalled();
  });
});

describe('the modal opened from its trigger before it has loaded', () => {
  it('replaces the waiting dialog in place: no second opening animation, focus not sent back to the trigger', async () => {
    const held = holdBack();
    await renderWithTrigger();
    const trigger = page.getByRole('button', { name: 'Review the terms' });
    await userEvent.click(trigger);
    await expect.element(dialog().getByRole('status')).toHaveTextContent(en.modalLoading);
    // Let the waiting dialog's opening animation end.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));

    held.release();
    await expect.element(dialog().getByRole('button', { name: en.accept, exact: true })).toBeVisible();
    expect(dialog().element().getAnimations()).toEqual([]);
    // Radix returns focus from a removed dialog on a timer: it must not take it to the trigger.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(agreementElement());

    // Closed and opened again, it is an ordinary opening.
    await userEvent.keyboard('{Escape}');
    await expect.element(trigger).toHaveFocus();
    await userEvent.click(trigger);
    await expect.element(dialog()).toBeVisible();
    expect(document.activeElement).toBe(agreementElement());
  });
});

describe('the modal mounted closed', () => {
  it('preloads its body, so opening it shows the agreement at once', async () => {
    const preload = vi.spyOn(modalEngine, 'preload');
    await renderWithTrigger();
    expect(preload).toHaveBeenCalledTimes(1);
    await userEvent.click(page.getByRole('button', { name: 'Review the terms' }));
    await expect.element(dialog()).toBeVisible();
    // In the same commit as the dialog: no loading state, focus on the agreement.
    expect(dialog().getByText(en.modalLoading).query()).toBeNull();
    expect(document.activeElement).toBe(agreementElement());
  });
});

describe("re-consent's diff, loaded on demand", () => {
  const current = parseAgreement({
    id: agreement.id,
    version: '2025-06-01',
    markdown: withFiveChanges(agreement.markdown),
  });
  const previous = {
    agreement,
    acceptedAt: '2024-05-02T10:00:00.000Z',
    receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
  };
  const notice = () => page.getByRole('region', { name: en.reconsentHeading });

  it('in the modal: "Loading the agreement…" until it is there; if it cannot be loaded, says so and tries again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await reconsentDiff.load();
    const held = holdBack({ fail: true, part: reconsentDiff });
    await render(
      <ClickwrapModal
        agreement={current}
        previous={previous}
        signer={SIGNER}
        onAccept={() => {}}
        defaultOpen
      />,
    );
    await expect.element(dialog().getByRole('alert')).toHaveTextContent(en.partLoadFailed);
    await expectNoAxeViolations(dialog().element());
    await userEvent.click(dialog().getByRole('button', { name: en.partLoadRetry }));
    expect(held.retry).toHaveBeenCalledTimes(1);
    await expect.element(dialog().getByRole('status')).toHaveTextContent(en.modalLoading);
    held.release();
    await expect.element(notice()).toBeVisible();
    expect(dialog().getByRole('alert').query()).toBeNull();
  });

  it('on a page: if it cannot be loaded, an alert says so instead of an error for the app, and "Try again" loads it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await reconsentDiff.load();
    const held = holdBack({ fail: true, part: reconsentDiff });
    await render(
      <ClickwrapPage agreement={current} previous={previous} signer={SIGNER} onAccept={() => {}} />,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent(en.partLoadFailed);
    await userEvent.click(page.getByRole('button', { name: en.partLoadRetry }));
    await expect.element(page.getByRole('status').filter({ hasText: en.partLoading })).toHaveFocus();
    held.release();
    await expect.element(notice()).toBeVisible();
    expect(page.getByText(en.partLoadFailed).query()).toBeNull();
  });

  describe('given `previous` after mount, and its diff cannot be loaded', () => {
    const assent = () =>
      page.getByRole('checkbox', {
        name: format(en.assentLabel, { title: format(en.documentTitle, { title: current.title }) }),
      });

    for (const layout of ['page', 'modal'] as const) {
      it(`keeps the ${layout} and what was read and ticked, says so in the notice's place, and "Try again" loads it`, async () => {
        vi.spyOn(console, 'error').mockImplementation(() => {});
        await reconsentDiff.load();
        const view = (prev: typeof previous | null) =>
          layout === 'page' ? (
            <ClickwrapPage agreement={current} previous={prev} signer={SIGNER} onAccept={() => {}} />
          ) : (
            <ClickwrapModal
              agreement={current}
              previous={prev}
              signer={SIGNER}
              onAccept={() => {}}
              defaultOpen
            />
          );
        const screen = await render(view(null));
        await scrollToEnd();
        await userEvent.click(assent());
        const held = holdBack({ part: reconsentDiff });
        await screen.rerender(view(previous));
        held.fail();
        const alert = page.getByRole('alert').filter({ hasText: en.partLoadFailed });
        await expect.element(alert).toBeVisible();
        // Nothing was lost: the text read to its end, the box ticked, the dialog open.
        await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
        await expect.element(assent()).toBeChecked();
        if (layout === 'modal') await expect.element(dialog()).toBeVisible();

        const tryAgain = alert.getByRole('button', { name: en.partLoadRetry });
        await userEvent.click(tryAgain);
        expect(held.retry).toHaveBeenCalledTimes(1);
        await expect
          .element(alert.getByRole('button', { name: en.partLoading }))
          .toHaveAttribute('aria-disabled', 'true');
        held.release();
        await expect.element(notice()).toBeVisible();
        await expect.element(notice()).toHaveFocus();
        expect(page.getByText(en.partLoadFailed).query()).toBeNull();
        await expect.element(assent()).toBeChecked();
        await expect.element(agreementElement()).toHaveAttribute('data-reached-end', '');
      });
    }
  });

  it('after "Try again", focus goes to the notice even when a passage had focus before', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await reconsentDiff.load();
    const view = (prev: typeof previous | null) => (
      <ClickwrapPage agreement={current} previous={prev} signer={SIGNER} onAccept={() => {}} />
    );
    const screen = await render(view(null));
    // II 2.4, a key clause the new version changes: focus moves to it, in the agreement.
    await userEvent.click(
      page
        .getByRole('region', { name: en.keyClausesHeading })
        .getByRole('button', { name: /The Software is provided as is/ }),
    );
    expect(document.activeElement?.id).toMatch(/clause-2-scope-of-software-licenses--2-4$/);
    const held = holdBack({ part: reconsentDiff });
    await screen.rerender(view(previous));
    held.fail();
    await userEvent.click(page.getByRole('button', { name: en.partLoadRetry }));
    held.release();
    // The button pressed is gone: focus goes to what took its place, not back into the text.
    await expect.element(notice()).toHaveFocus();
  });

  it('passes on an error that is not a failed load (bad props), while the diff is still loading', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await reconsentDiff.load();
    holdBack({ part: reconsentDiff });
    await render(
      <AlertBoundary>
        <ClickwrapPage
          agreement={{ ...current, markdown: '' }}
          previous={previous}
          signer={SIGNER}
          onAccept={() => {}}
        />
      </AlertBoundary>,
    );
    // The app's boundary gets the message that says what to do, not "could not be loaded".
    await expect.element(page.getByRole('alert')).toHaveTextContent('has no text');
    expect(page.getByText(en.partLoadFailed).query()).toBeNull();
  });
});
