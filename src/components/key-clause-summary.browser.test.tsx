'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapPage } from './clickwrap-page';
import { clauseLabel } from './key-clause-summary';
import { en } from '../messages';
import { agreement, agreementElement, expectNoAxeViolations, SIGNER } from './test-utils.test-utils';

const clauses = agreement.keyClauses;

const toolbar = () => page.getByRole('toolbar', { name: en.keyClausesHeading });
const items = () => Array.from(document.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button'));
const focusedIndex = () => items().indexOf(document.activeElement as HTMLButtonElement);
const label = (i: number) => clauseLabel(clauses[i]!, 110);

beforeEach(async () => {
  await page.viewport(1280, 900);
  await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={async () => {}} />);
  await expect.element(toolbar()).toBeVisible();
});
afterEach(() => vi.restoreAllMocks());

describe('the key-clause summary, with the keyboard', () => {
  it('is one vertical toolbar named by its heading, with one Tab stop for all 45 clauses', async () => {
    await expect.element(toolbar()).toHaveAttribute('aria-orientation', 'vertical');
    expect(clauses).toHaveLength(45);
    expect(items()).toHaveLength(45);
    expect(items().filter((b) => b.tabIndex === 0)).toEqual([items()[0]]);
    // Still a list inside, so screen readers say how many clauses there are.
    expect(toolbar().getByRole('list').element().querySelectorAll('li')).toHaveLength(45);
  });

  it('is entered with one Tab from the agreement and left with the next', async () => {
    agreementElement().focus();
    await userEvent.keyboard('{Tab}');
    expect(focusedIndex()).toBe(0);
    // The first clause is on screen from the start: its name says it was read.
    await expect.element(page.getByRole('button', { name: `${label(0)} ${en.keyClauseSeen}` })).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    expect(focusedIndex()).toBe(-1);
    expect(toolbar().element().contains(document.activeElement)).toBe(false);
  });

  it('moves with Up/Down, jumps with Home/End, and stops at either end', async () => {
    agreementElement().focus();
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{ArrowDown}');
    expect(focusedIndex()).toBe(1);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedIndex()).toBe(3);
    await userEvent.keyboard('{ArrowUp}');
    expect(focusedIndex()).toBe(2);
    await userEvent.keyboard('{End}');
    expect(focusedIndex()).toBe(44);
    await userEvent.keyboard('{ArrowDown}');
    expect(focusedIndex()).toBe(44);
    await userEvent.keyboard('{Home}');
    expect(focusedIndex()).toBe(0);
    await userEvent.keyboard('{ArrowUp}');
    expect(focusedIndex()).toBe(0);
    // The arrow keys move focus only: they do not scroll the page or the agreement.
    expect(agreementElement().scrollTop).toBe(0);
  });

  it('keeps the Tab stop on the clause last focused, so Shift+Tab comes back to it', async () => {
    agreementElement().focus();
    await userEvent.keyboard('{Tab}{ArrowDown}{ArrowDown}');
    expect(focusedIndex()).toBe(2);
    expect(items().filter((b) => b.tabIndex === 0)).toEqual([items()[2]]);
    await userEvent.keyboard('{Tab}');
    expect(focusedIndex()).toBe(-1);
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(focusedIndex()).toBe(2);
    await expectNoAxeViolations(toolbar().element(), 'focus inside the summary');
  });

  it('goes to the clause with Enter, which then reads as read', async () => {
    agreementElement().focus();
    await userEvent.keyboard('{Tab}{End}');
    const last = clauses.at(-1)!;
    await expect
      .element(page.getByRole('button', { name: `${label(44)} ${en.keyClauseUnseen}` }))
      .toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.dataset.keyClause).toBe(last.id);
    await expect
      .element(page.getByRole('button', { name: `${label(44)} ${en.keyClauseSeen}` }))
      .toBeVisible();
  });

  it('goes to the clause with Space too', async () => {
    agreementElement().focus();
    await userEvent.keyboard('{Tab}{ArrowDown}');
    await userEvent.keyboard(' ');
    await expect
      .poll(() => (document.activeElement as HTMLElement | null)?.dataset.keyClause)
      .toBe(clauses[1]!.id);
  });
});

describe('the key-clause summary, grouped by section', () => {
  it("names each section with its count above its first clause, and 'Next unread' goes to the first clause not read", async () => {
    const starts = Array.from(
      document.querySelectorAll<HTMLElement>('[role="toolbar"] li[data-section-start]'),
    );
    // Fewer groups than clauses, more than one: a section per top-level heading that has clauses.
    expect(starts.length).toBeGreaterThan(1);
    expect(starts.length).toBeLessThan(clauses.length);
    const counts = starts.map((li) => li.querySelector('.rcw-summary-section-count')?.textContent ?? '');
    const totals = counts.map((text) => Number(/of (\d+)/.exec(text)?.[1]));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(clauses.length);

    // What is on screen at first has been counted (the observer reports a frame later).
    await expect
      .poll(() => document.querySelectorAll('[data-key-clause][data-seen]').length)
      .toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = agreement.keyClauses.find(
      (c) => !document.querySelector(`[data-key-clause="${c.id}"][data-seen]`),
    )!;
    await userEvent.click(page.getByRole('button', { name: en.keyClausesNextUnread }));
    await expect
      .element(page.elementLocator(document.querySelector(`[data-key-clause="${next.id}"]`)!))
      .toHaveFocus();
    await expectNoAxeViolations(document.body, 'grouped summary');
  });
});
