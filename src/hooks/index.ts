'use client';
/**
 * The headless hooks' public names, re-exported by the main entry (`export *`) beside the
 * components. Each is a function of this module calling the hook, not a re-export: esbuild
 * counts a module that re-exports as always used and puts what it imports in an app's first
 * load, so the modal's first load (whose clickwrap state loads on demand) would hold every hook.
 * A function nobody calls is dropped, with its imports. Their documentation lives here.
 */
import type { Agreement } from '../core/types';
import type { UseClickwrapOptions, UseClickwrapResult } from './use-clickwrap';
import type { UseDocumentReadingOptions, UseDocumentReadingResult } from './use-document-reading';
import type { UseGuardianCoSignOptions, UseGuardianCoSignResult } from './use-guardian-co-sign';
import type { UseConsentSettingsOptions, UseConsentSettingsResult } from './use-consent-settings';
import type { UseKeyClausesOptions, UseKeyClausesResult } from './use-key-clauses';
import type { UseScrollToEndOptions, UseScrollToEndResult } from './use-scroll-to-end';
import { useClickwrap as useClickwrapHook } from './use-clickwrap';
import { useDocumentReading as useDocumentReadingHook } from './use-document-reading';
import { useGuardianCoSign as useGuardianCoSignHook } from './use-guardian-co-sign';
import { useConsentSettings as useConsentSettingsHook } from './use-consent-settings';
import { useKeyClauses as useKeyClausesHook } from './use-key-clauses';
import { useScrollToEnd as useScrollToEndHook } from './use-scroll-to-end';
export type {
  ClickwrapAcknowledgement,
  ClickwrapOptionalConsent,
  DeclineRecord,
  UseClickwrapOptions,
  UseClickwrapResult,
} from './use-clickwrap';
export type {
  GuardianField,
  UseGuardianCoSignOptions,
  UseGuardianCoSignResult,
} from './use-guardian-co-sign';
export type {
  ConsentSettingsDocument,
  ConsentSettingsError,
  ConsentSettingsOptionalConsent,
  UseConsentSettingsOptions,
  UseConsentSettingsResult,
} from './use-consent-settings';
export type { UseKeyClausesOptions, UseKeyClausesResult } from './use-key-clauses';
export type { UseScrollToEndOptions, UseScrollToEndResult } from './use-scroll-to-end';

/**
 * The whole clickwrap: reading (scroll to end, key clauses), age gate and guardian, required
 * acknowledgements, organisation signer and the assent, gated into one accept button that
 * explains itself; builds the consent receipt and delivers it once, retrying the same receipt
 * after a failure. The gate and the receipt follow the core's one rule set.
 */
export function useClickwrap(options: UseClickwrapOptions): UseClickwrapResult {
  return useClickwrapHook(options);
}

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

/**
 * Age gate and guardian co-signing: decides from the birth date and a rule whether a legal
 * guardian must take part, collects the guardian's name, relationship and attestation, validates
 * them, optionally runs the app's own verification, and gives the receipt's guardian/minor parts.
 */
export function useGuardianCoSign(options: UseGuardianCoSignOptions = {}): UseGuardianCoSignResult {
  return useGuardianCoSignHook(options);
}

/**
 * What a signed-in person agreed to, and withdrawal. Headless: state and actions, no markup.
 * @example const settings = useConsentSettings({ basePath: '/api/clickwrap' });
 */
export function useConsentSettings(options: UseConsentSettingsOptions): UseConsentSettingsResult {
  return useConsentSettingsHook(options);
}

/**
 * Tracks which key clauses of an agreement have been on screen. One IntersectionObserver,
 * rooted at the scroll area, watches every clause element; measurements are taken once per
 * animation frame and seen clauses are added in one state update. A clause counts as seen
 * when `visibleRatio` of it is on screen, or — when it is taller than the scroll area — when
 * it fills `visibleRatio` of the area. Seen clauses stay seen.
 */
export function useKeyClauses(agreement: Agreement, options: UseKeyClausesOptions = {}): UseKeyClausesResult {
  return useKeyClausesHook(agreement, options);
}

/**
 * Tracks whether the reader has scrolled an agreement to its end, and how far they have got.
 * Content that fits without scrolling counts as read at once. The end is detected two ways:
 * an IntersectionObserver on the end marker (root = the scroll area) and the scroll position
 * itself; resizes and content changes re-check. Once reached, it stays reached.
 */
export function useScrollToEnd(options: UseScrollToEndOptions = {}): UseScrollToEndResult {
  return useScrollToEndHook(options);
}
