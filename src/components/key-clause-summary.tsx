'use client';
import {
  forwardRef,
  startTransition,
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
  type HTMLAttributes,
} from 'react';
import { flushSync } from 'react-dom';
import type { KeyClause } from '../core/types';
import { dataFlag } from '../internal/merge-props';
import { Heading, useClickwrapConfig, useClickwrapContext, useCx, visuallyHidden } from './context';
import { format } from '../messages';
import { CheckIcon } from './check-icon';
import { plainSummaryOf, summaryVariantOf } from './clause-summary';
import { agreementLanguage } from './root/language';

export interface KeyClauseSummaryProps extends HTMLAttributes<HTMLElement> {
  /** Level of the summary's heading. @default 2 */
  headingLevel?: number;
  /** Longest label of a clause in the list, in characters (the clause itself shows in full). @default 110 */
  maxLabelLength?: number;
}

/** Past this many clauses, the summary lists the clauses of open sections only. */
const COLLAPSE_ABOVE = 100;

/**
 * Clauses listed with the first render (more than the first screen of the modal's side column
 * shows); the others follow right after, in a transition, so opening a clickwrap does not wait
 * for the layout of clauses no one sees yet.
 */
const INITIAL_CLAUSES = 12;

const subscribeNothing = () => () => {};

/**
 * Whether every clause is listed: false only from the first render until right after it.
 * Server rendering and hydration list all of them (the server's HTML has them), and so do
 * printing and a key pressed in the list (before the list's own keys look for the items).
 */
function useEveryClauseListed(count: number): { all: boolean; listAll: () => void } {
  const fromServer = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  const [listed, setListed] = useState(false);
  if (fromServer && !listed) setListed(true);
  const all = listed || count <= INITIAL_CLAUSES;
  useEffect(() => {
    if (all) return;
    const timer = setTimeout(() => startTransition(() => setListed(true)), 0);
    const listAll = () => flushSync(() => setListed(true));
    window.addEventListener('beforeprint', listAll);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('beforeprint', listAll);
    };
  }, [all]);
  return { all, listAll: () => (all ? undefined : flushSync(() => setListed(true))) };
}

/** A clause's bold text (else its text), shortened at a word boundary where possible. */
export function clauseLabel(clause: Pick<KeyClause, 'text'> & { boldText?: string }, max: number): string {
  const text = clause.boldText || clause.text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:，。；：]+$/u, '')}…`;
}

/** The section a clause is grouped under: its top-level section (below the document's title). */
function groupIdOf(
  sectionId: string | null,
  sections: ReadonlyMap<string, { parentId: string | null; depth: number }>,
): string | null {
  let id = sectionId;
  for (let hops = 0; id !== null && hops < 10; hops++) {
    const parent = sections.get(id)?.parentId ?? null;
    if (parent === null || (sections.get(parent)?.depth ?? 1) <= 1) return id;
    id = parent;
  }
  return id;
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const KeyClauseSummary = forwardRef<HTMLElement, KeyClauseSummaryProps>(function KeyClauseSummary(
  { className, headingLevel = 2, maxLabelLength = 110, ...rest },
  ref,
) {
  const { messages, agreement, locale } = useClickwrapConfig('KeyClauseSummary');
  // On the agreement's words only (section titles, clauses, summaries): the list's own words
  // ("2 of 5", "(not read yet)", "In plain words") are the UI's.
  const language = agreementLanguage(agreement);
  const cw = useClickwrapContext('KeyClauseSummary');
  const cx = useCx();
  const headingId = useId();
  const introId = useId();
  const { clauses, seenIds, seenCount, total, clauseListTabStop } = cw.keyClauses;
  // Minors are shown the minors' variants of the plain-language summaries (as the receipt records).
  const variant = summaryVariantOf(cw);
  const summaryIdPrefix = useId();
  // Rebuilt only when a clause is seen or the Tab stop moves, not on every scroll frame.
  const keyClauses = cw.keyClauses;
  const sectionsById = useMemo(
    () => new Map(agreement.sections.map((section) => [section.id, section])),
    [agreement.sections],
  );
  // Each clause's group and each group's counts in one pass: thousands of clauses in thousands of
  // sections stay linear (issue 11), not a scan of every clause per section.
  const groups = useMemo(() => {
    const of = clauses.map((clause) => groupIdOf(clause.sectionId, sectionsById));
    const total = new Map<string | null, number>();
    const read = new Map<string | null, number>();
    of.forEach((group, index) => {
      total.set(group, (total.get(group) ?? 0) + 1);
      if (keyClauses.isSeen(clauses[index]!.id)) read.set(group, (read.get(group) ?? 0) + 1);
    });
    return { of, total, read };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- isSeen changes with seenIds
  }, [clauses, seenIds, sectionsById]);
  // Thousands of clauses (issue 11): past COLLAPSE_ABOVE, only open sections list their clauses;
  // the others show their name and count as a button that opens them. The section holding the
  // Tab stop stays open (its clause is where Tab enters), and so does the next unread one.
  const collapsible = total > COLLAPSE_ABOVE;
  const [opened, setOpened] = useState<ReadonlySet<string | null>>(() => new Set());
  const groupOfClause = (id: string | null | undefined) => {
    const index = id == null ? -1 : clauses.findIndex((c) => c.id === id);
    return index < 0 ? undefined : groups.of[index];
  };
  const pinned = new Set([groupOfClause(clauseListTabStop), groupOfClause(cw.keyClauses.nextUnseen?.id)]);
  const listed = useEveryClauseListed(collapsible ? 0 : total);
  // The first render lists the first clauses, and the Tab stop wherever it is.
  const tabStopIndex = clauseListTabStop == null ? -1 : clauses.findIndex((c) => c.id === clauseListTabStop);
  const listedCount = listed.all ? total : Math.max(INITIAL_CLAUSES, tabStopIndex + 1);
  const pinnedKey = [...pinned].map(String).join('\u0000');
  const list = useMemo(
    () => (
      // One Tab stop for all the clauses (arrow keys inside), so the form after the summary is
      // one Tab away, not 45. The list inside keeps "list, 45 items" for screen readers.
      <div
        {...keyClauses.getClauseListProps({
          className: cx('summary-toolbar'),
          'aria-labelledby': headingId,
          'aria-describedby': introId,
        })}
        onKeyDownCapture={listed.listAll}
      >
        <ol className={cx('summary-list')}>
          {clauses.map((clause, index) => {
            if (index >= listedCount) return null;
            const seen = keyClauses.isSeen(clause.id);
            const group = groups.of[index]!;
            const starts = index === 0 || groups.of[index - 1] !== group;
            const open = !collapsible || pinned.has(group) || opened.has(group);
            if (!open && !starts) return null;
            let header = null;
            if (starts) {
              const members = groups.total.get(group) ?? 0;
              const read = groups.read.get(group) ?? 0;
              const Header = collapsible && !pinned.has(group) ? 'button' : 'span';
              const toggle =
                Header === 'button'
                  ? {
                      type: 'button' as const,
                      'aria-expanded': open,
                      // One of the list's arrow-key stops, not a Tab stop of its own.
                      'data-roving-item': '',
                      tabIndex: -1,
                      onClick: () =>
                        setOpened((now) => {
                          const next = new Set(now);
                          if (!next.delete(group)) next.add(group);
                          return next;
                        }),
                    }
                  : {};
              header = (
                <Header
                  className={cx('summary-section')}
                  data-complete={dataFlag(read === members)}
                  {...toggle}
                >
                  {group === null ? (
                    <span className={cx('summary-section-title')}>{messages.keyClausesNoSection}</span>
                  ) : (
                    <span className={cx('summary-section-title')} dir="auto" lang={language}>
                      {sectionsById.get(group)?.title ?? ''}
                    </span>
                  )}{' '}
                  <span className={cx('summary-section-count')}>
                    {format(messages.keyClausesSectionCount, { seen: read, total: members }, locale)}
                  </span>
                </Header>
              );
            }
            if (!open) {
              return (
                <li key={clause.id} className={cx('summary-item')} data-section-start="" data-collapsed="">
                  {header}
                </li>
              );
            }
            const plain = plainSummaryOf(clause, variant);
            const plainId = `${summaryIdPrefix}-${index}`;
            return (
              <li
                key={clause.id}
                className={cx('summary-item')}
                data-seen={dataFlag(seen)}
                data-section-start={dataFlag(starts)}
              >
                {header}
                <button
                  type="button"
                  {...keyClauses.getClauseListItemProps(clause.id, {
                    className: cx('summary-link'),
                    'aria-describedby': plain === null ? undefined : plainId,
                  })}
                >
                  <span className={cx('summary-check')} aria-hidden="true">
                    {seen ? <CheckIcon /> : null}
                  </span>
                  <span className={cx('summary-label')} dir="auto" lang={language}>
                    {clauseLabel(clause, maxLabelLength)}
                  </span>
                  <span style={visuallyHidden}>
                    {' '}
                    {seen ? messages.keyClauseSeen : messages.keyClauseUnseen}
                  </span>
                </button>
                {plain === null ? null : (
                  <p id={plainId} className={cx('summary-plain')} data-variant={variant} dir="auto">
                    <span className={cx('summary-plain-label')}>{messages.keyClausePlainSummary}</span>{' '}
                    <span lang={language}>{plain}</span>
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </div>
    ),
    // `keyClauses` is a new object every render; what the list shows (and what its handlers
    // scroll) changes only with these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      clauses,
      seenIds,
      clauseListTabStop,
      cx,
      maxLabelLength,
      messages.keyClauseSeen,
      messages.keyClauseUnseen,
      messages.keyClausesNoSection,
      messages.keyClausesSectionCount,
      messages.keyClausePlainSummary,
      variant,
      summaryIdPrefix,
      sectionsById,
      groups,
      collapsible,
      opened,
      pinnedKey,
      listedCount,
      keyClauses.domIdOf,
      cw.scroll.scrollArea,
      language,
      locale,
      headingId,
      introId,
    ],
  );
  if (total === 0) return null;
  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      className={cx('summary', className)}
      data-complete={dataFlag(seenCount === total)}
      {...rest}
    >
      <Heading level={headingLevel} id={headingId} className={cx('summary-heading')}>
        {messages.keyClausesHeading}
      </Heading>
      <p id={introId} className={cx('summary-intro')}>
        {messages.keyClausesIntro}
      </p>
      <p className={cx('summary-count')}>
        {format(messages.keyClausesCount, { seen: seenCount, total }, locale)}
      </p>
      {list}
      {cw.keyClauses.nextUnseen ? (
        // After the clauses, so the list stays one Tab from the agreement.
        <button
          type="button"
          className={cx('summary-next')}
          onClick={() => {
            const next = cw.keyClauses.nextUnseen;
            if (next) cw.keyClauses.scrollToClause(next.id);
          }}
        >
          {messages.keyClausesNextUnread}
        </button>
      ) : null}
    </section>
  );
});
