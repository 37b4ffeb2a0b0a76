'use client';
import { useMemo, useState } from 'react';
import type { Agreement } from '../../core/types';
import { useOnKeyChange, useTextGeneration } from '../../internal/use-new-text';
import { useKeyClauses, type UseKeyClausesOptions, type UseKeyClausesResult } from '../use-key-clauses';
import { useScrollToEnd, type UseScrollToEndOptions, type UseScrollToEndResult } from '../use-scroll-to-end';

/** What has been read of one document: plain values, for `useClickwrap`'s `documents`. */
export interface DocumentReading {
  /** Whether the end of the document has come into view. Once true, stays true. */
  reachedEnd: boolean;
  /**
   * When the end came into view. When it counted as reached from the start (`defaultReachedEnd`
   * or controlled), the time this hook first saw it reached; null before.
   */
  reachedEndAt: Date | null;
  /** Ids of the document's key clauses that have been on screen, in the order first seen. */
  keyClausesSeen: readonly string[];
}

export interface UseDocumentReadingOptions {
  /** Options for the inner `useScrollToEnd` (its `resetKey` is the agreement's text). */
  scroll?: Omit<UseScrollToEndOptions, 'resetKey'>;
  /** Options for the inner `useKeyClauses` (its `root` is the document's scroll area). */
  keyClauses?: Omit<UseKeyClausesOptions, 'root'>;
}

export interface UseDocumentReadingResult {
  /** Spread `scroll.getScrollAreaProps()` on the document's scroll area, `getEndMarkerProps()` after its text. */
  scroll: UseScrollToEndResult;
  /** Spread `keyClauses.getClauseProps(id)` on each of the document's key clauses. */
  keyClauses: UseKeyClausesResult;
  /** What has been read so far; a new object only when it changes. */
  reading: DocumentReading;
}

// Its documentation is on the public name, in src/hooks/public/use-document-reading.ts.
export function useDocumentReading(
  agreement: Agreement,
  options: UseDocumentReadingOptions = {},
): UseDocumentReadingResult {
  // Another text (id, version or markdown) is read from the start: its end, its key clauses
  // and when the end was first seen.
  const generation = useTextGeneration(agreement);
  const scroll = useScrollToEnd({ ...options.scroll, resetKey: generation });
  const keyClauses = useKeyClauses(agreement, { ...options.keyClauses, root: scroll.scrollArea });

  // `reachedEndAt` is null when the end counted as reached from the start (controlled or
  // defaultReachedEnd); the receipt then records when this hook first saw it reached. Set while
  // rendering, as React's docs adjust state when a prop changes (once: then it is no longer
  // null), so the first reading that says reached already says when, with no extra commit.
  const [observedAt, setObservedAt] = useState<Date | null>(null);
  if (scroll.reachedEnd && scroll.reachedEndAt === null && observedAt === null) {
    setObservedAt(new Date());
  }
  useOnKeyChange(generation, () => setObservedAt(null));

  const reachedEndAt = scroll.reachedEndAt ?? (scroll.reachedEnd ? observedAt : null);
  const reading = useMemo<DocumentReading>(
    () => ({ reachedEnd: scroll.reachedEnd, reachedEndAt, keyClausesSeen: keyClauses.seenIds }),
    [scroll.reachedEnd, reachedEndAt, keyClauses.seenIds],
  );
  return { scroll, keyClauses, reading };
}
