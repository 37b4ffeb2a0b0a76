'use client';
import {
  forwardRef,
  useId,
  useMemo,
  useState,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { AgreementSection } from '../core/types';
import { mountAllParts } from '../internal/scroll';
import { scrollAreaTo } from '../internal/scroll-area-to';
import { Heading, useClickwrapConfig, useCx, visuallyHidden } from './root';
import { agreementLanguage } from './root/language';

export interface TableOfContentsProps extends HTMLAttributes<HTMLElement> {
  /** Deepest heading level listed. @default 3 */
  maxDepth?: number;
  /** Level of the visible heading ("Sections of the agreement"). @default 2 */
  headingLevel?: number;
  /**
   * With more entries than this, only the top-level sections are listed and each one's
   * subsections open on demand (a button beside it), so thousands of headings stay usable.
   * @default 60
   */
  collapseAbove?: number;
}

interface Entry {
  section: AgreementSection;
  children: Entry[];
}

/** Entries in a tree, its subtrees included. */
function countEntries(entries: readonly Entry[]): number {
  let total = 0;
  for (const entry of entries) total += 1 + countEntries(entry.children);
  return total;
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

// Its documentation is on the public name, in src/components/public-parts.ts.
export const TableOfContents = forwardRef<HTMLElement, TableOfContentsProps>(function TableOfContents(
  { className, maxDepth = 3, headingLevel = 2, collapseAbove = 60, ...rest },
  ref,
) {
  const { agreement, messages, store, sectionDomId } = useClickwrapConfig('TableOfContents');
  // On the section titles only: the hidden "Subsections of" beside them is the UI's.
  const language = agreementLanguage(agreement);
  const cx = useCx();
  const tree = useMemo(() => sectionTree(agreement.sections, maxDepth), [agreement.sections, maxDepth]);
  const collapsed = useMemo(() => countEntries(tree) > collapseAbove, [tree, collapseAbove]);
  if (tree.length === 0) return null;

  const go = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const area = store.get().scroll.scrollArea;
    let heading = area?.ownerDocument.getElementById(sectionDomId(id));
    // The section may sit in a part of a long agreement not mounted yet: mount them, then look,
    // and go there at once (a smooth scroll through parts just mounted, whose sizes are still
    // estimates, would end beside the heading as they take their real sizes).
    const justMounted = !!area && !heading;
    if (justMounted) {
      mountAllParts(area);
      heading = area.ownerDocument.getElementById(sectionDomId(id));
    }
    if (!area || !heading || !area.contains(heading)) return;
    event.preventDefault();
    scrollAreaTo(area, heading, { gap: 8, behavior: justMounted ? 'instant' : undefined });
    heading.focus({ preventScroll: true });
  };

  const renderList = (entries: Entry[]): ReactNode => (
    <ol className={cx('toc-list')}>
      {entries.map(({ section, children }) => {
        const link = (linkId?: string) => (
          <a
            id={linkId}
            href={`#${sectionDomId(section.id)}`}
            className={cx('toc-link')}
            onClick={(event) => go(event, section.id)}
          >
            <span dir="auto" lang={language}>
              {section.title}
            </span>
          </a>
        );
        return (
          <li key={section.id} className={cx('toc-item')} data-depth={section.depth}>
            {children.length === 0 ? (
              link()
            ) : collapsed ? (
              <TocGroup link={link} label={messages.tocSubsections} className={cx('toc-group')} cx={cx}>
                {() => renderList(children)}
              </TocGroup>
            ) : (
              <>
                {link()}
                {renderList(children)}
              </>
            )}
          </li>
        );
      })}
    </ol>
  );

  return (
    <nav ref={ref} aria-label={messages.tocLabel} className={cx('toc', className)} {...rest}>
      {/* Visible, so sighted readers know what the list is; the nav keeps the same name. */}
      <Heading level={headingLevel} className={cx('toc-heading')}>
        {messages.tocLabel}
      </Heading>
      {renderList(tree)}
    </nav>
  );
});

/**
 * A section whose subsections show on demand: its link, a disclosure button named "Subsections
 * of <title>" (its own hidden text, then the link), and the nested list, built only while open.
 */
function TocGroup({
  link,
  label,
  className,
  cx,
  children,
}: {
  link: (id: string) => ReactNode;
  label: string;
  className: string | undefined;
  cx: ReturnType<typeof useCx>;
  children: () => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <div className={className}>
        {link(`${id}-link`)}
        <button
          type="button"
          className={cx('toc-toggle')}
          aria-expanded={open}
          aria-controls={open ? `${id}-list` : undefined}
          aria-labelledby={`${id}-label ${id}-link`}
          onClick={() => setOpen((value) => !value)}
        >
          <span id={`${id}-label`} style={visuallyHidden}>
            {label}
          </span>
          <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" focusable="false">
            <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
        </button>
      </div>
      {open ? <div id={`${id}-list`}>{children()}</div> : null}
    </>
  );
}
