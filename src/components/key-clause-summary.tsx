'use client';
import { forwardRef, useId, useMemo, type HTMLAttributes } from 'react';
import type { KeyClause } from '../core/types';
import { dataFlag } from '../internal/merge-props';
import { Heading, useClickwrapConfig, useClickwrapContext, useCx, visuallyHidden } from './context';
import { format } from '../messages';
import { CheckIcon } from './check-icon';

export interface KeyClauseSummaryProps extends HTMLAttributes<HTMLElement> {
  /** Level of the summary's heading. @default 2 */
  headingLevel?: number;
  /** Longest label of a clause in the list, in characters (the clause itself shows in full). @default 110 */
  maxLabelLength?: number;
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

/**
 * "Terms that limit your rights": every bolded clause, each a button that jumps to it in the
 * agreement, marked once it has been on screen, with a count. One Tab stop (a vertical toolbar
 * per the WAI-ARIA APG): Up/Down move between the clauses, Home/End jump, Enter or Space goes to it.
 * @selector .rcw-summary .rcw-summary-toolbar .rcw-summary-item[data-seen] [data-complete]
 */
export const KeyClauseSummary = forwardRef<HTMLElement, KeyClauseSummaryProps>(
  function KeyClauseSummary({ className, headingLevel = 2, maxLabelLength = 110, ...rest }, ref) {
    const { messages, agreement } = useClickwrapConfig('KeyClauseSummary');
    const language = agreement.language;
    const cw = useClickwrapContext('KeyClauseSummary');
    const cx = useCx();
    const headingId = useId();
    const introId = useId();
    const { clauses, seenIds, seenCount, total, clauseListTabStop } = cw.keyClauses;
    // Rebuilt only when a clause is seen or the Tab stop moves, not on every scroll frame.
    const keyClauses = cw.keyClauses;
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
        >
          <ol className={cx('summary-list')} lang={language}>
            {clauses.map((clause) => {
              const seen = keyClauses.isSeen(clause.id);
              return (
                <li key={clause.id} className={cx('summary-item')} data-seen={dataFlag(seen)}>
                  <button
                    type="button"
                    {...keyClauses.getClauseListItemProps(clause.id, { className: cx('summary-link') })}
                  >
                    <span className={cx('summary-check')} aria-hidden="true">
                      {seen ? (
                        <CheckIcon />
                      ) : null}
                    </span>
                    <span className={cx('summary-label')} dir="auto">
                      {clauseLabel(clause, maxLabelLength)}
                    </span>
                    <span style={visuallyHidden}>
                      {' '}
                      {seen ? messages.keyClauseSeen : messages.keyClauseUnseen}
                    </span>
                  </button>
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
        keyClauses.domIdOf,
        cw.scroll.scrollArea,
        language,
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
          {format(messages.keyClausesCount, { seen: seenCount, total })}
        </p>
        {list}
      </section>
    );
  },
);
