'use client';
/**
 * The headless hooks' public names, re-exported by the main entry (`export *`) beside the
 * components. Kept as one module of their own: an app importing only hooks then reaches them
 * without the components' modules, which esbuild, deciding chunks by whole files, otherwise put
 * in that app's first load once the modal's body became a chunk loaded on demand (68.9 KB
 * instead of 19.8; Vite/Rolldown 18.4 either way).
 */
export { useClickwrap } from './use-clickwrap';
export type {
  ClickwrapAcknowledgement,
  ClickwrapOptionalConsent,
  DeclineRecord,
  UseClickwrapOptions,
  UseClickwrapResult,
} from './use-clickwrap';
export { useDocumentReading } from './use-document-reading';
export { useGuardianCoSign } from './use-guardian-co-sign';
export type {
  GuardianField,
  UseGuardianCoSignOptions,
  UseGuardianCoSignResult,
} from './use-guardian-co-sign';
export { useConsentSettings } from './use-consent-settings';
export type {
  ConsentSettingsDocument,
  ConsentSettingsError,
  ConsentSettingsOptionalConsent,
  UseConsentSettingsOptions,
  UseConsentSettingsResult,
} from './use-consent-settings';
export { useKeyClauses } from './use-key-clauses';
export type { UseKeyClausesOptions, UseKeyClausesResult } from './use-key-clauses';
export { useScrollToEnd } from './use-scroll-to-end';
export type { UseScrollToEndOptions, UseScrollToEndResult } from './use-scroll-to-end';
