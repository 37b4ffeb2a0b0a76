'use client';
import {
  forwardRef,
  useEffect,
  useMemo,
  useRef,
  type ComponentPropsWithoutRef,
  type HTMLAttributes,
  type Ref,
} from 'react';
import Markdown, { type Components, type ExtraProps } from 'react-markdown';
import type { PluggableList } from 'unified';
import { mergeProps, mergeRefs } from '../internal/merge-props';
import type { UseKeyClausesResult } from '../hooks/use-key-clauses';
import {
  Heading,
  useClickwrapConfig,
  useCx,
  visuallyHidden,
  type ClickwrapConfig,
  type ClickwrapStore,
} from './root';
import { treeOf } from '../core/agreement/rendered';
import { agreementLanguage, directionOf } from './root/language';
import { AgreementLink } from './agreement-link';
import { ClausePlainSummary, hasPlainSummary } from './clause-summary';
import { remarkParsedTree } from './agreement-render/parsed-tree';
import { LONG_AGREEMENT_CHARS, PARTS_ABOVE_CHARS, rehypeAgreementParts } from './agreement-render/parts';
import { AgreementPart, PartsShownProvider, useProgressiveParts } from './agreement-render/progressive';
import { format } from '../messages';
import type { MarkedChange } from './reconsent-model';

export interface AgreementViewProps extends HTMLAttributes<HTMLDivElement> {
  /**
   * Added to the agreement's own heading levels so they nest under your title: with 1, the
   * agreement's `#` renders as `<h2>`. Levels stop at 6.
   * @default 1
   */
  headingOffset?: number;
  /**
   * Direction of the agreement's text.
   * @default the direction of the agreement's `language` ('rtl' for Arabic, Hebrew, Persian…);
   * 'auto' (from its first strong character) when its language was not given
   */
  textDir?: 'ltr' | 'rtl' | 'auto';
}

type BlockTag = 'p' | 'li' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
type NodeProps<T extends keyof React.JSX.IntrinsicElements> = ComponentPropsWithoutRef<T> & ExtraProps;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const AgreementView = forwardRef<HTMLDivElement, AgreementViewProps>(function AgreementView(
  { className, headingOffset = 1, textDir, ...rest },
  ref,
) {
  const config = useClickwrapConfig('AgreementView');
  const { agreement, messages, store, sectionDomId } = config;
  const cx = useCx();

  const components = useMemo(
    () => createComponents({ config, cx, headingOffset, sectionDomId }),
    [config, cx, headingOffset, sectionDomId],
  );
  const chars = agreement.markdown.length;
  const inParts = chars >= PARTS_ABOVE_CHARS;
  const long = chars >= LONG_AGREEMENT_CHARS;
  // An agreement in parts mounts its first screens, then the rest right after (progressive.tsx).
  // Not in re-consent: the list of changes links to (aria-controls) passages and sections all
  // through the text, which must be in the page when the list is.
  const contentRef = useRef<HTMLDivElement>(null);
  const partsShown = useProgressiveParts(inParts && !config.reconsent, contentRef);
  // The whole rendered agreement, rebuilt only when the text or the renderers change. It renders
  // the tree parseAgreement made (parse once): react-markdown does not parse the text again.
  const content = useMemo(
    () => (
      <Markdown
        skipHtml
        components={components}
        remarkPlugins={[[remarkParsedTree, treeOf(agreement)]]}
        rehypePlugins={long ? IN_PARTS_SKIPPED_OFFSCREEN : inParts ? IN_PARTS : undefined}
      >
        {agreement.markdown}
      </Markdown>
    ),
    [agreement, components, inParts, long],
  );

  useEffect(() => {
    const last: Partial<Record<ReadingAttribute, unknown>> = {};
    const sync = () => syncReadingAttributes(store, last);
    sync();
    return store.subscribe(sync);
  }, [store]);

  // Read, not subscribed: the getters' refs and handlers are stable, and the changing
  // attributes are kept up to date by `syncReadingAttributes`.
  const cw = store.get();
  // The region is named in the UI's language; only the text inside it is in the agreement's.
  const areaProps = cw.scroll.getScrollAreaProps({
    'aria-label': format(messages.agreementLabel, { title: agreement.title }),
    ...rest,
    className: cx('agreement', className),
  });
  // The forwarded ref joins the scroll area's own in a hook, not in the getter: one stable
  // callback ref (not a new one at each render), and no ref handed to a function in render.
  const areaRef = useMergedRef(areaProps.ref as Ref<HTMLDivElement> | undefined, ref);
  return (
    <div {...areaProps} ref={areaRef}>
      {/* The agreement's own direction is its language's, not the UI's (an English agreement in
          a right-to-left UI still reads left to right, an Arabic one starting with a Latin name
          right to left); from its first strong character when its language is not known. */}
      <div
        ref={contentRef}
        className={cx('agreement-content')}
        dir={textDir ?? directionOf(agreementLanguage(agreement)) ?? 'auto'}
        lang={agreementLanguage(agreement)}
      >
        <PartsShownProvider value={partsShown}>{content}</PartsShownProvider>
      </div>
      <div {...cw.scroll.getEndMarkerProps({ className: cx('end-marker') })} />
    </div>
  );
});

// Agreements longer than a few screens (the default one too) come in parts, mounted progressively;
// in long documents styles.css lays out all but the last only near the screen
// (content-visibility), so sections off screen cost little (see agreement-render/parts.ts).
const IN_PARTS = [rehypeAgreementParts];
const IN_PARTS_SKIPPED_OFFSCREEN: PluggableList = [[rehypeAgreementParts, { skipOffscreen: true }]];

/** One callback ref setting both refs, new only when one of them changes. */
function useMergedRef<T>(a: Ref<T> | undefined, b: Ref<T> | undefined) {
  return useMemo(() => mergeRefs(a, b), [a, b]);
}

type ReadingAttribute = 'reachedEnd' | 'progress' | 'seen' | 'changesSeen';

/** Writes the reading state onto the rendered agreement, skipping what has not changed. */
function syncReadingAttributes(
  store: ClickwrapStore,
  last: Partial<Record<ReadingAttribute, unknown>>,
): void {
  const cw = store.get();
  const area = cw.scroll.scrollArea;
  if (!area) return;
  if (last.reachedEnd !== cw.scroll.reachedEnd) {
    last.reachedEnd = cw.scroll.reachedEnd;
    area.toggleAttribute('data-reached-end', cw.scroll.reachedEnd);
  }
  const progress = Math.round(cw.scroll.progress * 100);
  if (last.progress !== progress) {
    last.progress = progress;
    area.setAttribute('data-progress', String(progress));
  }
  if (last.seen !== cw.keyClauses.seenIds) {
    last.seen = cw.keyClauses.seenIds;
    const doc = area.ownerDocument;
    for (const clause of cw.keyClauses.clauses) {
      const el = doc.getElementById(cw.keyClauses.domIdOf(clause.id));
      if (el && area.contains(el)) el.toggleAttribute('data-seen', cw.keyClauses.isSeen(clause.id));
    }
  }
  const changes = store.changes();
  if (last.changesSeen !== changes.seenIds) {
    last.changesSeen = changes.seenIds;
    for (const el of area.querySelectorAll('[data-change-id]')) {
      el.toggleAttribute('data-change-seen', changes.isSeen(el.getAttribute('data-change-id') ?? ''));
    }
  }
}

interface ComponentOptions {
  config: ClickwrapConfig;
  cx: ReturnType<typeof useCx>;
  headingOffset: number;
  sectionDomId: (id: string) => string;
}

/** The `react-markdown` renderers: key clauses, heading ids, links that keep the flow. */
function createComponents({ config, cx, headingOffset, sectionDomId }: ComponentOptions): Components {
  const { agreement } = config;
  // Blocks are matched to the parsed agreement by where they start in the canonical markdown,
  // which is exactly the text react-markdown parses.
  const clauseAt = new Map(agreement.keyClauses.map((c) => [c.span.start, c.id]));
  const sectionAt = new Map(agreement.sections.map((s) => [s.span.start, s.id]));
  const changeAt = config.reconsent?.markedAt ?? NO_CHANGES;

  const block = (tag: 'p' | 'li') =>
    function Block({ node, className, ...props }: HTMLAttributes<HTMLElement> & ExtraProps) {
      const offset = node?.position?.start.offset;
      const id = offset === undefined ? undefined : clauseAt.get(offset);
      const change = offset === undefined ? undefined : changeAt.get(offset);
      const Tag = tag as 'p';
      if (id === undefined && change === undefined) return <Tag className={className} {...props} />;
      return (
        <MarkedBlock
          as={tag}
          clauseId={id}
          change={change}
          className={
            id === undefined
              ? cx('change', className)
              : cx('key-clause', change ? cx('change') : undefined, className)
          }
          {...props}
        />
      );
    };

  const heading = (depth: number) =>
    function AgreementHeading({ node, className, ...props }: NodeProps<'h1'>) {
      const offset = node?.position?.start.offset;
      const id = offset === undefined ? undefined : sectionAt.get(offset);
      const change = offset === undefined ? undefined : changeAt.get(offset);
      const level = Math.min(6, Math.max(1, Math.round(depth + headingOffset)));
      const headingProps = {
        ...props,
        id: id === undefined ? undefined : sectionDomId(id),
        // Focusable by script, so the table of contents can move focus to a section.
        tabIndex: id === undefined ? undefined : -1,
        'data-section': id,
      };
      if (change) {
        return (
          <MarkedBlock
            as={`h${level}` as BlockTag}
            change={change}
            className={cx('agreement-heading', cx('change'), className)}
            {...headingProps}
          />
        );
      }
      return <Heading {...headingProps} level={level} className={cx('agreement-heading', className)} />;
    };

  return {
    p: block('p'),
    li: block('li'),
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    // The parts made by rehypeAgreementParts (markdown itself yields no div: raw HTML is skipped).
    div({ node: _node, className, ...props }) {
      const {
        'data-part-index': index,
        'data-part-last': last,
        'data-part-lines-before': linesBefore,
        ...rest
      } = props as typeof props & {
        'data-part-index'?: number;
        'data-part-last'?: string;
        'data-part-lines-before'?: number;
      };
      return (
        <AgreementPart
          index={Number(index)}
          last={last !== undefined}
          linesBefore={Number(linesBefore)}
          className={cx('agreement-part', className)}
          {...rest}
        />
      );
    },
    // Links never navigate away from the consent flow (see AgreementLink).
    a: AgreementLink,
    img({ node: _node, src, alt, ...props }) {
      if (!src) return alt ? <span>{alt}</span> : null;
      return <img {...props} src={src} alt={alt ?? ''} loading="lazy" decoding="async" />;
    },
  };
}

const NO_CHANGES: ReadonlyMap<number, MarkedChange> = new Map();

/**
 * A key clause, a changed passage, or both: spreads `keyClauses.getClauseProps` and the change
 * tracker's props (read once; `data-seen` and `data-change-seen` are synced by the view).
 */
function MarkedBlock({
  as,
  clauseId,
  change,
  children,
  ...props
}: {
  as: BlockTag;
  clauseId?: string | undefined;
  change?: MarkedChange | undefined;
} & HTMLAttributes<HTMLElement>) {
  const { store, messages, agreement, locale } = useClickwrapConfig('AgreementView');
  const Tag = as as 'p';
  let merged: Record<string, unknown> = props;
  if (clauseId !== undefined) {
    merged = store.get().keyClauses.getClauseProps(clauseId, merged);
    // A small visible tag, drawn by styles.css with empty alt text: the bold text is what is
    // read out, 45 times "Limits your rights" would drown it.
    merged = { ...merged, 'data-key-clause-label': messages.keyClauseTag };
  }
  if (change) {
    merged = mergeProps(
      {
        ...changeProps(store.changes(), change),
        // Shown by styles.css as a visible badge (with empty alt text: the hidden prefix below
        // is what screen readers hear).
        'data-change-label': change.kind === 'added' ? messages.changeAdded : messages.changeChanged,
      },
      merged,
    );
  }
  // The clause's plain-language summary, if it has one: inside a list item, after a paragraph
  // (a <p> cannot hold an <aside>).
  const summary =
    clauseId !== undefined && hasPlainSummary(agreement, clauseId) ? (
      <ClausePlainSummary clauseId={clauseId} />
    ) : null;
  return (
    <>
      <Tag {...merged}>
        {change ? (
          <span style={visuallyHidden} lang={locale}>
            {`${change.kind === 'added' ? messages.changeMarkerAdded : messages.changeMarkerChanged} `}
          </span>
        ) : null}
        {children}
        {as === 'li' ? summary : null}
      </Tag>
      {as === 'li' ? null : summary}
    </>
  );
}

/**
 * The change tracker's props for a passage, named for changes: `data-change-seen` rather than
 * `data-seen`, and no `data-key-clause` (a key clause keeps its own, merged over these).
 */
function changeProps(tracker: UseKeyClausesResult, change: MarkedChange): Record<string, unknown> {
  const { 'data-key-clause': _clause, 'data-seen': seen, ...rest } = tracker.getClauseProps(change.id);
  return {
    ...rest,
    'data-change': change.kind,
    'data-change-id': change.id,
    'data-change-seen': seen,
  };
}
