'use client';
/**
 * The headless hooks' public names, re-exported by the main entry (`export *`) beside the
 * components. Each is a function calling the hook, not a re-export, in a module of its own
 * (`./public/`) that imports only its hook. esbuild counts a module that re-exports as always
 * used, and when any name of a module is used it follows every import of that module: were the
 * six names in one module, an app using only `useScrollToEnd` would get every hook the modal's
 * on-demand chunk uses in its first load (19.6 KB instead of 3.6). Their documentation lives
 * there.
 */
export * from './public/use-clickwrap';
export * from './public/use-document-reading';
export * from './public/use-guardian-co-sign';
export * from './public/use-consent-settings';
export * from './public/use-key-clauses';
export * from './public/use-scroll-to-end';
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
