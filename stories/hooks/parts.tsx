/**
 * The few plain pieces the hook stories share: the agreement rendered from its markdown, a list
 * of a hook's live state, and a helper for play functions to read that list.
 */
import { createContext, useContext, useMemo } from 'react';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import Markdown from 'react-markdown';
import type { Components, ExtraProps } from 'react-markdown';
import type { within } from 'storybook/test';
import type { UseKeyClausesResult } from '../../src';
import type { Agreement, KeyClause } from '../../src/core';

// ---------------------------------------------------------------------------------------------
// The agreement
// ---------------------------------------------------------------------------------------------

interface ClauseRendering {
  /** Key clauses by the offset their paragraph or list item starts at in the markdown. */
  byStart: ReadonlyMap<number, KeyClause>;
  getClauseProps: UseKeyClausesResult['getClauseProps'];
}

/**
 * Lets the paragraph and list item renderers find their clause props without re-parsing the
 * markdown: the rendered tree is memoised on the text, and only these consumers re-render when
 * a clause is seen.
 */
const ClauseContext = createContext<ClauseRendering | null>(null);

/** The props for a paragraph or list item: the clause's props when one starts at this node. */
function useBlockProps<P extends object>(props: P & ExtraProps): P {
  const { node, ...rest } = props;
  const rendering = useContext(ClauseContext);
  const offset = node?.position?.start.offset;
  const clause = offset === undefined ? undefined : rendering?.byStart.get(offset);
  return (clause && rendering ? rendering.getClauseProps(clause.id, rest) : rest) as P;
}

function Paragraph(props: ComponentPropsWithoutRef<'p'> & ExtraProps) {
  return <p {...useBlockProps(props)} />;
}

function ListItem(props: ComponentPropsWithoutRef<'li'> & ExtraProps) {
  return <li {...useBlockProps(props)} />;
}

const components: Components = { p: Paragraph, li: ListItem };

export interface AgreementMarkdownProps {
  agreement: Agreement;
  /** When given, every key clause (a paragraph or list item with bold text) gets these props. */
  getClauseProps?: UseKeyClausesResult['getClauseProps'];
}

/** The agreement's canonical markdown, rendered as plain HTML. */
export function AgreementMarkdown({ agreement, getClauseProps }: AgreementMarkdownProps) {
  const byStart = useMemo(
    () => new Map(agreement.keyClauses.map((clause) => [clause.span.start, clause])),
    [agreement],
  );
  const rendering = useMemo(
    () => (getClauseProps ? { byStart, getClauseProps } : null),
    [byStart, getClauseProps],
  );
  const document = useMemo(
    () => (
      <Markdown skipHtml components={components}>
        {agreement.markdown}
      </Markdown>
    ),
    [agreement.markdown],
  );
  return <ClauseContext.Provider value={rendering}>{document}</ClauseContext.Provider>;
}

// ---------------------------------------------------------------------------------------------
// A hook's state, live
// ---------------------------------------------------------------------------------------------

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export interface HookStateProps {
  /** The accessible name of the section, e.g. "useScrollToEnd state". */
  label: string;
  /** Term and value pairs, in the order shown. */
  items: ReadonlyArray<readonly [term: string, value: ReactNode]>;
}

/** A hook's state as a description list, so a play function can read it as a person would. */
export function HookState({ label, items }: HookStateProps) {
  return (
    <section aria-label={label}>
      <dl style={{ margin: 0 }}>
        {items.map(([term, value]) => (
          <div key={term} style={{ display: 'flex', gap: 8 }}>
            <dt>{term}:</dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type Canvas = ReturnType<typeof within>;

/** The text shown for `term` in a `HookState` list, e.g. `stateOf(canvas, 'Reached the end')` → "yes". */
export function stateOf(canvas: Canvas, term: string): string {
  const dt = canvas.getByText(`${term}:`, { selector: 'dt' });
  const dd = dt.nextElementSibling;
  if (!dd || dd.tagName !== 'DD') throw new Error(`No value follows the term "${term}".`);
  return dd.textContent ?? '';
}
