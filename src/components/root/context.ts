'use client';
import { createContext, useContext } from 'react';
import type { Agreement } from '../../core/types';
import type {
  ClickwrapAcknowledgement,
  ClickwrapDocument,
  ClickwrapOptionalConsent,
  UseClickwrapResult,
} from '../../hooks/use-clickwrap';
import type { DocumentReading } from '../../hooks/use-document-reading';
import type { UseKeyClausesResult } from '../../hooks/use-key-clauses';
import type { ClickwrapMessages } from '../../messages';
import type { ReconsentModel } from '../reconsent-model';
import type { ClickwrapStore } from './store';

/** `light`, `dark`, or `system` (follows `prefers-color-scheme`). */
export type ClickwrapTheme = 'light' | 'dark' | 'system';

/**
 * A document shown and agreed to with the agreement, e.g. a privacy policy: the layouts render
 * it in its own scroll region (`DocumentScope`), with its own progress and key clauses.
 */
export type ClickwrapDocumentConfig = Omit<ClickwrapDocument, 'reading'>;

/** What rarely changes: shared by every part, and the only context `AgreementView` reads. */
export interface ClickwrapConfig {
  /** The agreement shown (inside a `DocumentScope`, that document). */
  agreement: Agreement;
  /** Every string the parts render. */
  messages: ClickwrapMessages;
  /** BCP 47 tag of the UI language. */
  locale: string;
  /** Colour theme. */
  theme: ClickwrapTheme;
  /** Text direction of the UI: the one given, else its language's. */
  dir: 'ltr' | 'rtl';
  /** Whether the `rcw-` classes are left out. */
  unstyled: boolean;
  /** The required acknowledgements. */
  acknowledgements: readonly ClickwrapAcknowledgement[];
  /** Whether the app passed `guardian.verifyGuardian`. */
  verifiesGuardian: boolean;
  /** The root's one store (inside a `DocumentScope`, its view of that document). */
  store: ClickwrapStore;
  /** The dom id of an agreement section's heading (for the table of contents). */
  sectionDomId: (sectionId: string) => string;
  /** Re-consent: what changed since the accepted version; null for a first consent. */
  reconsent: ReconsentModel | null;
  /**
   * Re-consent asked for after mount (`previous` given late) whose diff could not be loaded: the
   * clickwrap stays as it was, and the notice's place says so and offers to try again
   * (`retrying` while it does). Null otherwise.
   */
  reconsentFailure: { retry: () => void; retrying: boolean } | null;
  /** The additional documents, in the order shown. */
  documents: readonly ClickwrapDocumentConfig[];
  /** The optional consents offered. */
  optionalConsents: readonly ClickwrapOptionalConsent[];
  /** Every document's title, agreement first (for the assent label). */
  titles: readonly string[];
}

/** What changes with every state change. */
export interface ClickwrapStateValue {
  /** The live `useClickwrap` result (inside a `DocumentScope`, with that document's reading). */
  cw: UseClickwrapResult;
  /** True after Decline, until the next accept attempt. */
  declined: boolean;
  /** Which changed passages have been on screen (re-consent; empty otherwise). */
  changes: UseKeyClausesResult;
  /** What has been read of each additional document, by id; kept by the root, not the view. */
  readings: Readonly<Record<string, DocumentReading>>;
}

/** Internal: the rarely changing configuration; `DocumentScope` re-provides it for its document. */
export const ConfigContext = createContext<ClickwrapConfig | null>(null);
/** Internal: the live state; `DocumentScope` re-provides it for its document. */
export const StateContext = createContext<ClickwrapStateValue | null>(null);

function missingProvider(partName: string): Error {
  return new Error(
    `<${partName}> must be used inside <ClickwrapRoot> (or ClickwrapModal/ClickwrapPage, ` +
      'which render one). Wrap your layout: <ClickwrapRoot agreement={…} signer={…} ' +
      'onAccept={…}>…</ClickwrapRoot>.',
  );
}

/** The rarely changing configuration; does not re-render on state changes. */
export function useClickwrapConfig(partName: string): ClickwrapConfig {
  const config = useContext(ConfigContext);
  if (!config) throw missingProvider(partName);
  return config;
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export function useClickwrapContext(partName: string): UseClickwrapResult {
  return useClickwrapState(partName).cw;
}

/** The live state plus component-level flags. */
export function useClickwrapState(partName: string): ClickwrapStateValue {
  const state = useContext(StateContext);
  if (!state) throw missingProvider(partName);
  return state;
}
