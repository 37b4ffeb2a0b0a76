'use client';
import {
  createContext,
  forwardRef,
  useContext,
  useId,
  useMemo,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { useIsomorphicLayoutEffect } from '../internal/use-isomorphic-layout-effect';
import { useDocumentReading } from '../hooks/use-document-reading';
import { AgreementView } from './agreement-view';
import { KeyClauseSummary } from './key-clause-summary';
import { format } from '../messages';
import { ReadingProgress } from './reading-progress';
import {
  ConfigContext,
  Heading,
  StateContext,
  useClickwrapConfig,
  useClickwrapState,
  useCx,
  type ClickwrapConfig,
  type ClickwrapStateValue,
} from './root';
import { NOT_READ, type RootStore } from './root/store';
import { agreementLanguage } from './root/language';

export interface DocumentScopeProps {
  /** The id of one of the root's `documents` (its `agreement.id`). */
  documentId: string;
  /** The parts to show for that document: `AgreementView`, `ReadingProgress`, `KeyClauseSummary`… */
  children?: ReactNode;
}

const ScopeContext = createContext<string | null>(null);

// Its documentation is on the public name, in src/components/public-parts.ts.
export function DocumentScope({ documentId, children }: DocumentScopeProps) {
  const config = useClickwrapConfig('DocumentScope');
  const parentState = useClickwrapState('DocumentScope');
  if (useContext(ScopeContext) !== null) {
    throw new Error(
      "<DocumentScope> cannot be nested: put each document's scope directly inside the clickwrap root.",
    );
  }
  const doc = config.documents.find((d) => d.agreement.id === documentId);
  if (!doc) {
    throw new Error(
      `<DocumentScope documentId=${JSON.stringify(documentId)}>: no such document. Pass the id of ` +
        `one of the root's \`documents\` (${
          config.documents.map((d) => JSON.stringify(d.agreement.id)).join(', ') || 'none given'
        }).`,
    );
  }

  // The reading hooks observe this view; what they find is kept by the root, and they are
  // controlled by it, so a view mounted again starts from what was already read.
  // Nesting is refused above, so this is the root's own store, not a document's view of it.
  const root = config.store as RootStore;
  const stored = parentState.readings[documentId] ?? NOT_READ;
  const reading = useDocumentReading(doc.agreement, {
    scroll: {
      reachedEnd: stored.reachedEnd,
      onReachedEnd: (at) => root.markReachedEnd(documentId, at),
    },
    keyClauses: {
      seen: stored.keyClausesSeen,
      onSeenChange: (ids) => root.markKeyClausesSeen(documentId, ids),
    },
  });
  const { scroll, keyClauses } = reading;

  // Published before the parts render (they read the store while rendering); the root's
  // listeners are told after this scope commits.
  root.publishDocument(documentId, { scroll, keyClauses });
  const store = root.forDocument(documentId);
  useIsomorphicLayoutEffect(() => {
    root.notify();
  });

  const prefix = useId();
  const { messages } = config;
  const title = doc.agreement.title;
  const scoped = useMemo<ClickwrapConfig>(
    () => ({
      ...config,
      // The parts' names say which document they are about (landmarks must be told apart).
      messages: {
        ...messages,
        progressLabel: format(messages.documentProgressLabel, { title }),
        reachedEnd: format(messages.documentReachedEnd, { title }),
        keyClausesHeading: format(messages.documentKeyClausesHeading, { title }),
      },
      agreement: doc.agreement,
      store,
      // Re-consent marks changes in the agreement only.
      reconsent: null,
      sectionDomId: (id: string) => `${prefix}section-${id}`,
    }),
    [config, messages, title, doc.agreement, store, prefix],
  );
  const state = useMemo<ClickwrapStateValue>(
    () => ({ ...parentState, cw: { ...parentState.cw, scroll, keyClauses } }),
    [parentState, scroll, keyClauses],
  );

  return (
    <ScopeContext.Provider value={documentId}>
      <ConfigContext.Provider value={scoped}>
        <StateContext.Provider value={state}>{children}</StateContext.Provider>
      </ConfigContext.Provider>
    </ScopeContext.Provider>
  );
}

export interface AdditionalDocumentsProps extends HTMLAttributes<HTMLDivElement> {
  /** Level of each document's heading; its own headings and summary nest below it. @default 2 */
  headingLevel?: number;
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const AdditionalDocuments = forwardRef<HTMLDivElement, AdditionalDocumentsProps>(
  function AdditionalDocuments({ headingLevel = 2, className, ...rest }, ref) {
    const { documents } = useClickwrapConfig('AdditionalDocuments');
    const cx = useCx();
    if (documents.length === 0) return null;
    return (
      <div ref={ref} className={cx('documents', className)} {...rest}>
        {documents.map((doc) => (
          <DocumentScope key={doc.agreement.id} documentId={doc.agreement.id}>
            <DocumentSection headingLevel={headingLevel} />
          </DocumentScope>
        ))}
      </div>
    );
  },
);

function DocumentSection({ headingLevel }: { headingLevel: number }) {
  // Reads no changing state, so scrolling re-renders only the parts that show it.
  const { agreement } = useClickwrapConfig('AdditionalDocuments');
  const cx = useCx();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={cx('document')} data-document={agreement.id}>
      <Heading
        level={headingLevel}
        id={headingId}
        className={cx('document-title')}
        lang={agreementLanguage(agreement)}
      >
        {agreement.title}
      </Heading>
      <ReadingProgress />
      <AgreementView headingOffset={headingLevel} />
      <KeyClauseSummary headingLevel={headingLevel + 1} />
    </section>
  );
}
