'use client';
// The public name `useDocumentReading` (see ../index.ts for why it is a function of a module of its own).
import type { Agreement } from '../../core/types';
import type { UseDocumentReadingOptions, UseDocumentReadingResult } from '../use-document-reading';
import { useDocumentReading as useDocumentReadingHook } from '../use-document-reading';

/**
 * The reading of one document in its own scroll area: `useScrollToEnd` and `useKeyClauses`
 * together, summed up as a `DocumentReading`. `useClickwrap` runs one for its `agreement`; call
 * one per additional document (e.g. a privacy policy shown with the Terms) and pass each
 * `reading` in `useClickwrap`'s `documents`, so that one accept gates on, and one receipt
 * records, every document.
 */
export function useDocumentReading(
  agreement: Agreement,
  options: UseDocumentReadingOptions = {},
): UseDocumentReadingResult {
  return useDocumentReadingHook(agreement, options);
}
