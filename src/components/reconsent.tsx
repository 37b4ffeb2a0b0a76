'use client';
import {
  forwardRef,
  Fragment,
  useId,
  useMemo,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { ClauseChange, WordChange } from '../core/diff';
import { dataFlag } from '../internal/merge-props';
import { scrollAreaTo } from '../internal/scroll-area-to';
import { useLatest } from '../internal/use-latest';
import { Heading, useClickwrapConfig, useClickwrapState, useCx, visuallyHidden } from './root';
import { clauseLabel } from './key-clause-summary';
import { CheckIcon } from './check-icon';
import { format, type ClickwrapMessages, type Message, type MessageValues } from '../messages';
import { formatAcceptedDate, formatCalendarDate } from './reconsent-model';
import { agreementLanguage } from './root/language';

/**
 * Fills `{name}` placeholders with nodes (e.g. a `<time>`); unknown names stay as they are. A
 * text given as a function gets the plain values instead (it returns a string, not nodes).
 */
function formatNodes<P extends MessageValues>(
  message: Message<P>,
  values: NoInfer<P>,
  nodes: Partial<Record<keyof P & string, ReactNode>>,
): ReactNode[] {
  if (typeof message === 'function') return [message(values)];
  return message.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) return part;
    if (Object.hasOwn(nodes, name)) return <span key={i}>{nodes[name as keyof P & string]}</span>;
    return Object.hasOwn(values, name) ? format(part, values) : part;
  });
}

// ---------------------------------------------------------------------------------------------
// ReconsentNotice
// ---------------------------------------------------------------------------------------------

export interface ReconsentNoticeProps extends HTMLAttributes<HTMLElement> {
  /** Level of the notice's heading. @default 2 */
  headingLevel?: number;
}

/**
 * In re-consent (`previous`): "This agreement has changed", when the new version takes effect
 * (its `effectiveDate`, as a calendar date in the UI language) and which version the person
 * accepted, and when. Renders nothing for a first consent. When every change is minor (see
 * `previous.minorChanges`), it says so and offers Continue, which goes on without a fresh assent.
 * @selector .rcw-notice[data-reading="whole"|"changes"][data-change-kind="minor"|"material"|"none"] .rcw-notice-continue
 */
export const ReconsentNotice = forwardRef<HTMLElement, ReconsentNoticeProps>(function ReconsentNotice(
  { className, headingLevel = 2, ...rest },
  ref,
) {
  const { agreement, messages, locale, reconsent } = useClickwrapConfig('ReconsentNotice');
  const cx = useCx();
  const headingId = useId();
  if (!reconsent) return null;
  const { previous } = reconsent;
  const effective = formatCalendarDate(agreement.effectiveDate, locale);
  const accepted = formatAcceptedDate(previous.acceptedAt, locale);
  const version = previous.agreement.version;
  const notice = reconsent.mode === 'notice';
  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      className={cx('notice', className)}
      data-reading={reconsent.reading}
      data-change-kind={reconsent.diff.changeKind}
      {...rest}
    >
      <Heading level={headingLevel} id={headingId} className={cx('notice-heading')}>
        {notice ? messages.minorChangesHeading : messages.reconsentHeading}
      </Heading>
      <p className={cx('notice-text')}>
        {effective && agreement.effectiveDate
          ? formatNodes(
              messages.reconsentUpdatedOn,
              { date: effective },
              { date: <time dateTime={agreement.effectiveDate}>{effective}</time> },
            )
          : messages.reconsentUpdated}{' '}
        {accepted && previous.acceptedAt
          ? formatNodes(
              messages.reconsentPreviouslyAccepted,
              { version, date: accepted },
              { date: <time dateTime={previous.acceptedAt}>{accepted}</time> },
            )
          : format(messages.reconsentPreviousVersion, { version })}
      </p>
      {notice ? (
        <button
          type="button"
          className={[cx('button'), cx('notice-continue')].filter(Boolean).join(' ') || undefined}
          data-variant="primary"
          onClick={() => previous.onContinue?.()}
        >
          {messages.minorChangesContinue}
        </button>
      ) : null}
    </section>
  );
});

// ---------------------------------------------------------------------------------------------
// ChangeSummary
// ---------------------------------------------------------------------------------------------

export interface ChangeSummaryProps extends HTMLAttributes<HTMLElement> {
  /** Level of the summary's heading. @default 2 */
  headingLevel?: number;
  /** Longest label of a passage in the list, in characters (the passage shows in full in the text). @default 110 */
  maxLabelLength?: number;
  /** Unchanged words kept on each side of a change in the word-by-word view. @default 6 */
  contextWords?: number;
}

/**
 * "What changed" (re-consent only): how many passages were changed, added and removed, whether
 * key clauses are concerned, and each change in document order. A changed or added passage is a
 * button that scrolls the agreement to it and moves focus there, marked once it has been on
 * screen; a changed one shows its words, deleted (`<del>`) and inserted (`<ins>`), each
 * announced as such. A removed clause shows its previous text and jumps to the section it was
 * removed from. Renders nothing for a first consent.
 * @selector .rcw-changes[data-complete][data-reading="whole"|"changes"] .rcw-change-item[data-change="added"|"changed"|"removed"][data-seen]
 */
export const ChangeSummary = forwardRef<HTMLElement, ChangeSummaryProps>(function ChangeSummary(
  { className, headingLevel = 2, maxLabelLength = 110, contextWords = 6, ...rest },
  ref,
) {
  const { agreement, messages, locale, reconsent, sectionDomId } = useClickwrapConfig('ChangeSummary');
  const { cw, changes } = useClickwrapState('ChangeSummary');
  const cx = useCx();
  const headingId = useId();
  // On the agreement's words only (passages, section titles): the list's own words ("Changed",
  // "Removed from …") are the UI's.
  const language = agreementLanguage(agreement);
  const { seenIds, seenCount, total } = changes;
  const keyClauseDomId = cw.keyClauses.domIdOf;
  const area = cw.scroll.scrollArea;
  const changeDomIdOf = changes.domIdOf;
  // `changes` (and its `scrollToClause`) is new at every render: a click reads the latest one,
  // so the list below need not be rebuilt for it.
  const changesRef = useLatest(changes);

  // Rebuilt only when a passage is seen, not on every scroll frame.
  const list = useMemo(() => {
    if (!reconsent || reconsent.diff.changes.length === 0) return null;
    const sections = new Set(agreement.sections.map((s) => s.id));
    // A jump to a removed passage's section scrolls the agreement's own box, not the page or
    // column around it, as scrollToClause does for a passage (scrollAreaTo).
    const jumpToSection = (sectionId: string | null) => {
      if (!area) return;
      const target = sectionId === null ? area : area.ownerDocument.getElementById(sectionDomId(sectionId));
      if (!target || (target !== area && !area.contains(target))) return;
      scrollAreaTo(area, target, { gap: 8 });
      target.focus({ preventScroll: true });
    };
    return (
      <ol className={cx('changes-list')}>
        {reconsent.diff.changes.map((change) => {
          const seen = change.kind !== 'removed' && seenIds.includes(change.id);
          const key = `${change.kind}:${change.id}:${change.kind === 'removed' ? change.previousSpan.start : change.span.start}`;
          let control: ReactNode;
          const tag =
            change.materiality === 'minor' && reconsent.mode === 'assent' ? (
              <span className={cx('change-minor')}> {messages.changeMinorTag}</span>
            ) : null;
          const kind = (
            <span className={cx('change-kind')}>
              {kindLabel(change, messages)}
              {tag}
            </span>
          );
          if (change.kind === 'removed') {
            const inCurrent = change.sectionId === null || sections.has(change.sectionId);
            const section = change.sectionTitle ?? '';
            const where =
              change.sectionId === null
                ? messages.changeRemovedFromStart
                : formatNodes(
                    messages.changeRemovedFrom,
                    { section },
                    { section: <span lang={language}>{section}</span> },
                  );
            const label = (
              <>
                {kind}{' '}
                <span className={cx('change-label')} dir="auto">
                  {where}
                </span>
              </>
            );
            control = inCurrent ? (
              <button
                type="button"
                className={cx('change-link')}
                aria-controls={change.sectionId === null ? undefined : sectionDomId(change.sectionId)}
                onClick={() => jumpToSection(change.sectionId)}
              >
                {label}
              </button>
            ) : (
              <p className={cx('change-link')} data-static="">
                {label}
              </p>
            );
          } else {
            const domId =
              change.blockType === 'heading'
                ? sectionDomId(change.id)
                : change.isKeyClause
                  ? keyClauseDomId(change.id)
                  : changeDomIdOf(change.id);
            control = (
              <button
                type="button"
                className={cx('change-link')}
                aria-controls={domId}
                onClick={(event: MouseEvent<HTMLButtonElement>) => {
                  event.preventDefault();
                  changesRef.current.scrollToClause(change.id);
                }}
              >
                <span className={cx('change-check')} aria-hidden="true">
                  {seen ? <CheckIcon /> : null}
                </span>
                {kind}{' '}
                <span className={cx('change-label')} dir="auto" lang={language}>
                  {clauseLabel({ text: change.text }, maxLabelLength)}
                </span>
                {seen ? <span style={visuallyHidden}> {messages.keyClauseSeen}</span> : null}
              </button>
            );
          }
          return (
            <li
              key={key}
              className={cx('change-item')}
              data-change={change.kind}
              data-materiality={change.materiality}
              data-seen={dataFlag(seen)}
            >
              {control}
              <ChangeDetail change={change} contextWords={contextWords} />
            </li>
          );
        })}
      </ol>
    );
  }, [
    reconsent,
    agreement.sections,
    seenIds,
    cx,
    messages,
    language,
    maxLabelLength,
    contextWords,
    area,
    sectionDomId,
    keyClauseDomId,
    changeDomIdOf,
    changesRef,
  ]);

  if (!reconsent) return null;
  const { diff, reading } = reconsent;
  const announceDone = reading === 'changes' && total > 0;
  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      className={cx('changes', className)}
      data-reading={reading}
      data-complete={dataFlag(total > 0 && seenCount === total)}
      {...rest}
    >
      <Heading level={headingLevel} id={headingId} className={cx('changes-heading')}>
        {messages.changesHeading}
      </Heading>
      {diff.changes.length === 0 ? (
        <p className={cx('changes-intro')}>{messages.changesNone}</p>
      ) : (
        <>
          <p className={cx('changes-intro')}>
            {reading === 'changes' ? messages.changesIntroChanges : messages.changesIntro}
          </p>
          <p className={cx('changes-count')}>{format(messages.changesCount, diff.summary, locale)}</p>
          {total > 0 ? (
            // Once the status below says the same words, they are read out once.
            <p
              className={cx('changes-seen')}
              aria-hidden={announceDone && seenCount === total ? true : undefined}
            >
              {format(messages.changesSeenCount, { seen: seenCount, total }, locale)}
            </p>
          ) : null}
          {/* Reading only the changes, the last one read is announced, as the end is when the
              whole text is to be read (the list of what is missing only drops its line). Present,
              empty, from the start, so that the one change is announced. */}
          {announceDone ? (
            <p role="status" style={visuallyHidden}>
              {seenCount === total
                ? format(messages.changesSeenCount, { seen: seenCount, total }, locale)
                : ''}
            </p>
          ) : null}
          {diff.keyClausesChanged ? (
            <p className={cx('changes-key-clauses')}>{messages.changesKeyClauses}</p>
          ) : null}
        </>
      )}
      {list}
    </section>
  );
});

function kindLabel(change: ClauseChange, messages: ClickwrapMessages): string {
  if (change.kind === 'added') return messages.changeAdded;
  if (change.kind === 'removed') return messages.changeRemoved;
  return messages.changeChanged;
}

/** Under a change's button: the words changed, the text removed, or a change of emphasis. */
function ChangeDetail({ change, contextWords }: { change: ClauseChange; contextWords: number }) {
  const { messages, locale, agreement } = useClickwrapConfig('ChangeSummary');
  const cx = useCx();
  // The words are the agreement's; "Deleted:" and "Inserted:" before them, the UI's.
  const language = agreementLanguage(agreement);
  if (change.kind === 'added') return null;
  if (change.kind === 'removed') {
    return (
      <p className={cx('change-words')} dir="auto" lang={language}>
        <Deleted text={change.text} messages={messages} locale={locale} className={cx('change-deleted')} />
      </p>
    );
  }
  const differs = change.words.some((w) => w.kind !== 'equal');
  return (
    <>
      {differs ? (
        <p className={cx('change-words')} dir="auto" lang={language}>
          {compactWords(change.words, contextWords).map((piece, i) => {
            if (piece.kind === 'equal') return <span key={i}>{piece.text}</span>;
            // Spaces at either end stay outside the mark, so no underline or strike runs into them.
            const [, before = '', words = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(piece.text) ?? [];
            return (
              <Fragment key={i}>
                {before}
                {piece.kind === 'removed' ? (
                  <Deleted
                    text={words}
                    messages={messages}
                    locale={locale}
                    className={cx('change-deleted')}
                  />
                ) : (
                  <ins className={cx('change-inserted')}>
                    <span style={visuallyHidden} lang={locale}>
                      {messages.wordsInserted}{' '}
                    </span>
                    {words}
                  </ins>
                )}
                {after}
              </Fragment>
            );
          })}
        </p>
      ) : null}
      {change.keyClauseStatusChanged ? (
        <p className={cx('change-note')}>
          {change.isKeyClause ? messages.changeBecameKeyClause : messages.changeNoLongerKeyClause}
        </p>
      ) : differs ? null : (
        <p className={cx('change-note')}>{messages.changeShownDifferently}</p>
      )}
    </>
  );
}

function Deleted({
  text,
  messages,
  locale,
  className,
}: {
  text: string;
  messages: ClickwrapMessages;
  locale: string;
  className: string | undefined;
}) {
  return (
    <del className={className}>
      <span style={visuallyHidden} lang={locale}>
        {messages.wordsDeleted}{' '}
      </span>
      {text}
    </del>
  );
}

/** Word chunks: each word with the spaces after it (spaces before the first word join it). */
function chunks(text: string): string[] {
  const parts = text.split(/(?<=\s)(?=\S)/);
  if (parts.length > 1 && parts[0]?.trim() === '') parts.splice(0, 2, `${parts[0]}${parts[1]}`);
  return parts;
}

const ELLIPSIS = '…';

/**
 * The word diff with long unchanged stretches shortened: `contextWords` words are kept on each
 * side of a change and the rest becomes an ellipsis. Unchanged text in a script written without
 * spaces is cut by characters instead (at most ten per word kept).
 */
export function compactWords(words: readonly WordChange[], contextWords: number): WordChange[] {
  const keep = Math.max(0, Math.round(contextWords));
  const maxChars = keep * 10;
  const lead = (text: string) => {
    const out = Array.from(chunks(text).slice(0, keep).join(''));
    return out.slice(0, maxChars).join('');
  };
  const trail = (text: string) => {
    if (keep === 0) return '';
    const out = Array.from(chunks(text).slice(-keep).join(''));
    return out.slice(Math.max(0, out.length - maxChars)).join('');
  };
  return words.map((piece, i) => {
    if (piece.kind !== 'equal') return piece;
    // Text right after a change keeps its start; text right before one keeps its end.
    const afterChange = i > 0;
    const beforeChange = i < words.length - 1;
    const start = afterChange ? lead(piece.text) : '';
    const end = beforeChange ? trail(piece.text) : '';
    if (start.length + end.length >= piece.text.length) return piece;
    let text: string;
    if (afterChange && beforeChange) text = `${start}${ELLIPSIS} ${end}`;
    else if (afterChange) text = `${start.trimEnd()}${ELLIPSIS}`;
    else text = `${ELLIPSIS}${end}`;
    return { kind: 'equal', text };
  });
}
