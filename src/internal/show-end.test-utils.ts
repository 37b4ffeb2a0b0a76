import { coveredAt } from './scroll';

/**
 * For tests and stories: scrolls `area` to its end and, as a reader does, the page (or a modal's
 * column) until that end is on screen and clear of what is drawn over it (the page's sticky
 * action bar), hit-tested as `useScrollToEnd` does: the end counts as reached only there.
 */
export function showEnd(area: HTMLElement): void {
  area.scrollTo({ top: area.scrollHeight, behavior: 'instant' });
  const end = area.querySelector<HTMLElement>('[data-clickwrap-end-marker]') ?? area;
  end.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  const box = area.getBoundingClientRect();
  const y = Math.min(end === area ? box.bottom : end.getBoundingClientRect().top, box.bottom) - 1;
  if (coveredAt(area, (box.left + box.right) / 2, y))
    end.scrollIntoView({ block: 'center', behavior: 'instant' });
}
