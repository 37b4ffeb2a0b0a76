'use client';
// One Tab stop for a long list of controls (the WAI-ARIA APG roving tabindex, as in its
// vertical Toolbar pattern): Tab enters at the item last used, Up/Down move, Home/End jump.
import { useState, type FocusEvent, type KeyboardEvent } from 'react';
import { mergeProps, type AnyProps } from '../../internal/merge-props';

/** The attribute that marks an item of the list, whose value is its id. */
const ITEM = 'data-roving-item';

/** The roving tabindex of one list. */
export interface RovingList {
  /** The item that takes the Tab stop: the last one focused, else the first. */
  activeId: string | null;
  /** Props for the container: the composite role and the arrow keys. */
  getListProps: (props?: AnyProps) => AnyProps;
  /** Props for an item: its tabIndex (0 for the active one, -1 for the rest). */
  getItemProps: (id: string, props?: AnyProps) => AnyProps;
}

/** Which item a key moves to, or null for a key that does not move. */
function targetIndex(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** One Tab stop for the items `ids` (in the list's order of rendering); arrow keys move between them. */
export function useRovingList(ids: readonly string[]): RovingList {
  const [focused, setFocused] = useState<string | null>(null);
  // An item that went away (another agreement) gives the Tab stop back to the first.
  const activeId = focused !== null && ids.includes(focused) ? focused : (ids[0] ?? null);

  const getListProps = (props?: AnyProps) =>
    mergeProps(
      {
        role: 'toolbar',
        'aria-orientation': 'vertical',
        onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
          if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
          const from = (event.target as Element).closest(`[${ITEM}]`);
          if (!from || !event.currentTarget.contains(from)) return;
          // Found at the moment of the key press (not in render), so items may be grouped or
          // nested in any markup inside the list.
          const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(`[${ITEM}]`));
          const to = targetIndex(event.key, items.indexOf(from as HTMLElement), items.length);
          if (to === null) return;
          // The keys would otherwise scroll the list or the page as well.
          event.preventDefault();
          items[to]?.focus();
        },
      },
      props,
    );

  const getItemProps = (id: string, props?: AnyProps) =>
    mergeProps(
      {
        [ITEM]: id,
        tabIndex: id === activeId ? 0 : -1,
        onFocus: (_event: FocusEvent<HTMLElement>) => setFocused(id),
      },
      props,
    );

  return { activeId, getListProps, getItemProps };
}
