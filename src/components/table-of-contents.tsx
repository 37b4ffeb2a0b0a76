'use client';
import { forwardRef, useMemo, type HTMLAttributes, type MouseEvent } from 'react';
import type { AgreementSection } from '../core/types';
import { resolveScrollBehavior } from '../internal/scroll';
import { useClickwrapConfig, useCx } from './root';

export interface TableOfContentsProps extends HTMLAttributes<HTMLElement> {
  /** Deepest heading level listed. @default 3 */
  maxDepth?: number;
}

interface Entry {
  section: AgreementSection;
  children: Entry[];
}

/** Sections as a tree; a lone top-level heading (the document's title) is left out. */
function sectionTree(sections: readonly AgreementSection[], maxDepth: number): Entry[] {
  const topLevel = sections.filter((s) => s.depth === 1).length;
  const minDepth = topLevel <= 1 && sections.some((s) => s.depth > 1) ? 2 : 1;
  const byId = new Map<string, Entry>();
  const roots: Entry[] = [];
  for (const section of sections) {
    if (section.depth < minDepth || section.depth > maxDepth) continue;
    const entry: Entry = { section, children: [] };
    byId.set(section.id, entry);
    const parent = section.parentId ? byId.get(section.parentId) : undefined;
    (parent ? parent.children : roots).push(entry);
  }
  return roots;
}

/**
 * The agreement's sections as links (a `nav` named "Sections of the agreement"). Following one
 * scrolls the agreement's own scroll area, not the page, and moves focus to the heading.
 * Needs an `AgreementView` in the same root.
 */
export const TableOfContents = forwardRef<HTMLElement, TableOfContentsProps>(function TableOfContents(
  { className, maxDepth = 3, ...rest },
  ref,
) {
  const { agreement, messages, store, sectionDomId } = useClickwrapConfig('TableOfContents');
  const language = agreement.language;
  const cx = useCx();
  const tree = useMemo(() => sectionTree(agreement.sections, maxDepth), [agreement.sections, maxDepth]);
  if (tree.length === 0) return null;

  const go = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const area = store.get().scroll.scrollArea;
    const heading = area?.ownerDocument.getElementById(sectionDomId(id));
    if (!area || !heading || !area.contains(heading)) return;
    event.preventDefault();
    const offset = heading.getBoundingClientRect().top - area.getBoundingClientRect().top;
    area.scrollTo({
      top: Math.max(0, area.scrollTop + offset - 8),
      behavior: resolveScrollBehavior(area),
    });
    heading.focus({ preventScroll: true });
  };

  const renderList = (entries: Entry[], top = false) => (
    <ol className={cx('toc-list')} lang={top ? language : undefined}>
      {entries.map(({ section, children }) => (
        <li key={section.id} className={cx('toc-item')} data-depth={section.depth}>
          <a
            href={`#${sectionDomId(section.id)}`}
            className={cx('toc-link')}
            onClick={(event) => go(event, section.id)}
          >
            <span dir="auto">{section.title}</span>
          </a>
          {children.length > 0 ? renderList(children) : null}
        </li>
      ))}
    </ol>
  );

  return (
    <nav ref={ref} aria-label={messages.tocLabel} className={cx('toc', className)} {...rest}>
      {renderList(tree, true)}
    </nav>
  );
});
