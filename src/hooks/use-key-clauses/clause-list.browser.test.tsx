'use client';
import type { KeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { TERMS } from './harness.test-utils';
import { useKeyClauses } from './index';

const SIX = TERMS.keyClauses.slice(0, 6);

/** A summary grouped by section, built only from the hook's list getters, as an app might. */
function GroupedList({ vetoArrows = false }: { vetoArrows?: boolean }) {
  const keyClauses = useKeyClauses(TERMS);
  const groups = [SIX.slice(0, 3), SIX.slice(3)];
  return (
    <>
      <button type="button">Before</button>
      <h2 id="heading">Terms that limit your rights</h2>
      <div
        {...keyClauses.getClauseListProps({
          'aria-labelledby': 'heading',
          onKeyDown: (event: KeyboardEvent) => {
            if (vetoArrows) event.preventDefault();
          },
        })}
      >
        {groups.map((group, g) => (
          <section key={g} aria-label={`Section ${g + 1}`}>
            <ul>
              {group.map((clause, i) => (
                <li key={clause.id}>
                  <button type="button" {...keyClauses.getClauseListItemProps(clause.id)}>
                    Clause {g * 3 + i + 1}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <button type="button">After</button>
    </>
  );
}

const focusedText = () => document.activeElement?.textContent ?? '';

describe('useKeyClauses: a list of clause controls with one Tab stop', () => {
  it('is a vertical toolbar whose arrow keys cross the groups inside it', async () => {
    await render(<GroupedList />);
    await expect
      .element(page.getByRole('toolbar', { name: 'Terms that limit your rights' }))
      .toHaveAttribute('aria-orientation', 'vertical');
    await userEvent.click(page.getByRole('button', { name: 'Before' }));
    await userEvent.keyboard('{Tab}');
    expect(focusedText()).toBe('Clause 1');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(focusedText()).toBe('Clause 4');
    await userEvent.keyboard('{End}');
    expect(focusedText()).toBe('Clause 6');
    await userEvent.keyboard('{Tab}');
    expect(focusedText()).toBe('After');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(focusedText()).toBe('Clause 6');
    await userEvent.keyboard('{Home}');
    expect(focusedText()).toBe('Clause 1');
  });

  it('leaves Shift+arrows to the browser, and lets the caller veto the keys', async () => {
    const { rerender } = await render(<GroupedList />);
    await userEvent.click(page.getByRole('button', { name: 'Clause 2' }));
    await userEvent.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(focusedText()).toBe('Clause 2');
    await rerender(<GroupedList vetoArrows />);
    await userEvent.keyboard('{ArrowDown}');
    expect(focusedText()).toBe('Clause 2');
  });
});
