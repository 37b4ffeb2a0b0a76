/** The public types of `useKeyClauses` (./index.ts). */
import type { MouseEvent, RefCallback } from 'react';
import type { KeyClause } from '../../core/types';
import type { AnyProps, ElementProps } from '../../internal/merge-props';

/** What `useKeyClauses` takes. */
export interface UseKeyClausesOptions {
  /** The scroll area the clauses are read in (the observer root): pass `useScrollToEnd().scrollArea`. Nothing is observed while it is null. */
  root?: HTMLElement | null;
  /** Controlled: ids of the clauses seen, in the order first seen. */
  seen?: readonly string[];
  /** Uncontrolled: ids seen from the start. @default [] */
  defaultSeen?: readonly string[];
  /** Called with the new list whenever clauses are seen, and with `[]` when the agreement becomes another text (another id, version or markdown). */
  onSeenChange?: (ids: string[]) => void;
  /** Called once per clause, with the time, when it is first seen. */
  onClauseSeen?: (clause: KeyClause, at: Date) => void;
  /** Share of a clause (or of the visible scroll area, for clauses taller than it) that must be on screen for it to count as seen. @default 0.5 */
  visibleRatio?: number;
}

/** Options of `scrollToClause`. */
export interface ScrollToClauseOptions {
  /** Move focus to the clause, so keyboard and screen reader users land on it. @default true */
  focus?: boolean;
  /** @default 'smooth', or 'instant' when the user prefers reduced motion */
  behavior?: ScrollBehavior;
}

/** Props for the element that shows a key clause. */
export interface ClauseProps {
  /** Registers the clause with the shared observer; stable per id. */
  ref: RefCallback<HTMLElement>;
  /** The element id (see `domIdOf`), the target of clause links. */
  id: string;
  /** The clause id. @selector [data-key-clause] */
  'data-key-clause': string;
  /** Present once the clause has been on screen. @selector [data-seen] */
  'data-seen'?: '';
  /** Focusable by script only, so `scrollToClause` can move focus to it. */
  tabIndex: number;
}

/** Props for a button or link that jumps to a key clause. */
export interface ClauseLinkProps {
  /** The element id of the clause it jumps to. */
  'aria-controls': string;
  /** Present once the clause has been on screen. @selector [data-seen] */
  'data-seen'?: '';
  /** Scrolls the clause into view and focuses it. */
  onClick: (event: MouseEvent<HTMLElement>) => void;
}

/** What `useKeyClauses` returns: which key clauses were on screen, and prop getters. */
export interface UseKeyClausesResult {
  /** The agreement's key clauses, in document order. */
  clauses: readonly KeyClause[];
  /** Ids of the clauses seen, in the order first seen. */
  seenIds: readonly string[];
  /** Whether the clause with this id has been on screen. */
  isSeen: (id: string) => boolean;
  /** Whether every key clause has been on screen (true when there are none). */
  allSeen: boolean;
  /** How many of the agreement's key clauses have been on screen. */
  seenCount: number;
  /** How many key clauses the agreement has. */
  total: number;
  /** The first clause, in document order, not yet seen; null when all are. */
  nextUnseen: KeyClause | null;
  /** Props for the element showing a clause, merged with yours. */
  getClauseProps: <P extends ElementProps | object = object>(
    id: string,
    props?: P,
  ) => ClauseProps & Omit<P, keyof ClauseProps>;
  /** Props for a control that jumps to a clause, merged with yours (your onClick runs first). */
  getClauseLinkProps: <P extends ElementProps | object = object>(
    id: string,
    props?: P,
  ) => ClauseLinkProps & Omit<P, keyof ClauseLinkProps>;
  /**
   * Props for the element around a list of clause controls (e.g. the summary): one Tab stop for
   * all of them, Up/Down arrows move between them, Home/End jump to the first/last (the WAI-ARIA
   * APG vertical toolbar). Label it, e.g. with `aria-labelledby` on your heading.
   */
  getClauseListProps: <P extends ElementProps | object = object>(props?: P) => AnyProps & P;
  /**
   * Props for a control in that list: `getClauseLinkProps(id)` plus the roving tabIndex (0 for the
   * clause last focused in the list, else the first; -1 for the others).
   */
  getClauseListItemProps: <P extends ElementProps | object = object>(
    id: string,
    props?: P,
  ) => ClauseLinkProps & { tabIndex: number } & Omit<P, keyof ClauseLinkProps | 'tabIndex'>;
  /** The clause whose control in that list takes the Tab stop (null when there are none). */
  clauseListTabStop: string | null;
  /** Scrolls the scroll area (not the page) so the clause is at its top, and focuses it. */
  scrollToClause: (id: string, options?: ScrollToClauseOptions) => void;
  /** The element id used for a clause. */
  domIdOf: (id: string) => string;
}
