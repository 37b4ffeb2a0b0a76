'use client';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { FIVE_CHANGES, withFiveChanges } from '../core/diff.fixtures';
import { ClickwrapPage } from './clickwrap-page';
import { en, format } from '../messages';
import {
  agreement,
  fillBirthDate,
  frames,
  press,
  readAll,
  recordAnnouncements,
  scrollToEnd,
  SIGNER,
} from './test-utils.test-utils';

const missingList = () => page.getByText(en.missingHeading, { exact: true }).element().parentElement!;
const accept = () => page.getByRole('button', { name: en.accept, exact: true });

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

describe('MissingReasons', () => {
  it('does not speak each term read: the end is said once, the counts only shown', async () => {
    const record = recordAnnouncements();
    stop = record.stop;
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        requireAllKeyClausesSeen
        onAccept={() => {}}
        theme="light"
      />,
    );
    const seen = () => /\((\d+) of \d+ read so far\)/.exec(missingList().textContent ?? '')?.[1];
    await expect.poll(seen).toBeDefined();
    const counts = new Set<string | undefined>([seen()]);
    const area = document.querySelector<HTMLElement>('[role="region"][data-progress]')!;
    area.style.scrollBehavior = 'auto';
    for (let top = 0; top < area.scrollHeight; top += area.clientHeight / 3) {
      area.scrollTop = top;
      await frames(2);
      counts.add(seen());
    }
    await readAll();
    // The list followed the reading on screen…
    expect(counts.size).toBeGreaterThan(3);
    // …and a screen reader heard only that the end was reached.
    expect(record.said).toEqual([en.reachedEnd]);
  });

  it('does not speak each changed passage read, nor at load', async () => {
    const previous = {
      agreement,
      acceptedAt: '2024-05-02T10:00:00.000Z',
      receiptId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
    };
    const current = parseAgreement({
      id: agreement.id,
      version: '2025-06-01',
      effectiveDate: '2025-06-01',
      markdown: withFiveChanges(agreement.markdown),
    });
    const record = recordAnnouncements();
    stop = record.stop;
    await render(
      <ClickwrapPage
        agreement={current}
        previous={previous}
        reconsentReading="changes"
        signer={SIGNER}
        onAccept={() => {}}
        theme="light"
      />,
    );
    const changes = page.getByRole('region', { name: en.changesHeading });
    await expect.element(changes).toBeVisible();
    const marked = FIVE_CHANGES.filter((edit) => edit.kind !== 'removed');
    // The observers start a frame or two after mounting: the passage on screen counts first.
    await expect
      .element(document.querySelector<HTMLElement>(`[data-change-id="${marked[0]!.id}"]`))
      .toHaveAttribute('data-change-seen', '');
    const buttons = [...changes.element().querySelectorAll<HTMLElement>('li[data-change]')]
      .filter((li) => li.dataset.change !== 'removed')
      .map((li) => li.querySelector('button')!);
    expect(buttons).toHaveLength(marked.length);
    for (const button of buttons) {
      button.focus();
      await userEvent.keyboard('{Enter}');
      await expect.element(button.closest('li')!).toHaveAttribute('data-seen', '');
    }
    const done = format(en.changesSeenCount, { seen: marked.length, total: marked.length });
    await expect.element(changes.getByRole('status')).toHaveTextContent(done);
    expect(record.said).toEqual([done]);
  });

  it('says what is missing each time Accept is pressed too early, and no more once it changed', async () => {
    await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} theme="light" />);
    const reasons = () => [...missingList().querySelectorAll('li')].map((li) => li.textContent);
    await expect.poll(() => reasons().length).toBeGreaterThan(0);
    const record = recordAnnouncements();
    stop = record.stop;
    await press(accept());
    await expect.poll(() => record.said.length).toBe(1);
    // A polite region beside the list (not a second `status`: the delivery status is that).
    const region = [...document.querySelectorAll('[aria-live="polite"]')].find((el) =>
      el.textContent?.startsWith(en.missingHeading),
    )!;
    expect(region).toBeDefined();
    expect(region.getAttribute('role')).toBeNull();
    const spoken = () => region.textContent ?? '';
    expect(spoken()).toContain(reasons()[0]);
    expect(record.said).toEqual([spoken()]);
    // Pressed again, it is said again (the same words).
    await press(accept());
    await expect.poll(() => record.said.length).toBe(2);
    expect(record.said[1]).toBe(record.said[0]);
    // Once something changed, the words of the press are gone: only the visible list says it.
    await userEvent.click(
      page.getByRole('checkbox', {
        name: format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) }),
      }),
    );
    await expect.poll(spoken).toBe('');
    expect(record.said).toHaveLength(2);
  });

  it("leaves the guardian's reasons to the guardian form's error summary, which says them", async () => {
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        guardian={{ today: '2025-06-01' }}
        onAccept={() => {}}
        theme="light"
      />,
    );
    await scrollToEnd();
    await fillBirthDate('2012-03-04');
    await expect.element(page.getByRole('textbox', { name: en.guardianNameLabel })).toBeVisible();
    const record = recordAnnouncements();
    stop = record.stop;
    await press(accept());
    const alert = page.getByRole('alert').filter({ hasText: en.errorSummaryHeading });
    await expect.element(alert.getByRole('link', { name: en.guardian.nameRequired })).toBeVisible();
    await expect.poll(() => record.said.length).toBe(2);
    // The list still shows every reason…
    const listed = [...missingList().querySelectorAll('li')].map((li) => li.textContent);
    expect(listed).toContain(en.guardian.nameRequired);
    // …the alert says the guardian's, and the press's polite words only the rest: once each.
    const assent = format(en.reasons.assent, { count: 1 });
    expect(record.said).toContain(alert.element().textContent);
    expect(record.said).toContain(`${en.missingHeading} ${assent}`);
    for (const reason of [en.guardian.nameRequired, en.guardian.attestationRequired]) {
      expect(record.said.filter((words) => words.includes(reason))).toHaveLength(1);
    }
    // A field's own error is still said when it comes back after the press, as on leaving it.
    const name = page.getByRole('textbox', { name: en.guardianNameLabel });
    await userEvent.fill(name, 'Eve');
    await expect.poll(() => name.element().getAttribute('aria-invalid')).toBeNull();
    await userEvent.clear(name);
    await userEvent.tab();
    await expect.poll(() => record.said.at(-1)).toBe(en.guardian.nameRequired);
    expect(record.said).toHaveLength(3);
  });

  it('says that the guardian check is missing when Accept is pressed while it runs', async () => {
    let pass: (result: { ok: true }) => void = () => {};
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        guardian={{ today: '2025-06-01', verifyGuardian: () => new Promise((resolve) => (pass = resolve)) }}
        onAccept={() => {}}
        theme="light"
      />,
    );
    await scrollToEnd();
    await fillBirthDate('2012-03-04');
    await userEvent.fill(page.getByRole('textbox', { name: en.guardianNameLabel }), 'Eve Berg');
    await userEvent.fill(page.getByLabelText(en.relationshipLabel, { exact: true }), 'parent');
    await userEvent.click(page.getByRole('checkbox', { name: en.guardian.attestationJoint }));
    await userEvent.click(page.getByRole('button', { name: en.verifyGuardian }));
    await expect
      .element(page.getByRole('button', { name: en.verifyingGuardian }))
      .toHaveAttribute('aria-busy', 'true');
    const record = recordAnnouncements();
    stop = record.stop;
    await press(accept());
    await expect.poll(() => record.said.length).toBe(1);
    // The summary shows nothing of a check still running, so the press's words say it is missing.
    const assent = format(en.reasons.assent, { count: 1 });
    expect(record.said).toEqual([`${en.missingHeading} ${en.guardian.verificationRequired} ${assent}`]);
    // Once it passed, that is said, and the press's words are gone.
    pass({ ok: true });
    await expect.poll(() => record.said.at(-1)).toBe(en.guardianVerified);
    expect(record.said).toHaveLength(2);
  });
});
