'use client';
/**
 * react-clickwrap: the headless hooks and the themed components. Every module here is a client
 * module; the framework-free layer is `react-clickwrap/core`.
 *
 * The surface is kept small on purpose (at most 60 names, checked by `public-api.test.ts` and
 * the API report in `etc/`): the reducer, its actions and the shapes of nested fields stay
 * internal. A part's props type is `ComponentProps<typeof Part>`; a nested field's type is an
 * indexed access, e.g. `UseClickwrapResult['missingRequirements'][number]`.
 */
export { useClickwrap } from './hooks/use-clickwrap';
export type {
  ClickwrapAcknowledgement,
  ClickwrapOptionalConsent,
  DeclineRecord,
  UseClickwrapOptions,
  UseClickwrapResult,
} from './hooks/use-clickwrap';
export { useDocumentReading } from './hooks/use-document-reading';
export { useGuardianCoSign } from './hooks/use-guardian-co-sign';
export type {
  GuardianField,
  UseGuardianCoSignOptions,
  UseGuardianCoSignResult,
} from './hooks/use-guardian-co-sign';
export { useConsentSettings } from './hooks/use-consent-settings';
export type {
  ConsentSettingsDocument,
  ConsentSettingsError,
  ConsentSettingsOptionalConsent,
  UseConsentSettingsOptions,
  UseConsentSettingsResult,
} from './hooks/use-consent-settings';
export { useKeyClauses } from './hooks/use-key-clauses';
export type { UseKeyClausesOptions, UseKeyClausesResult } from './hooks/use-key-clauses';
export { useScrollToEnd } from './hooks/use-scroll-to-end';
export type { UseScrollToEndOptions, UseScrollToEndResult } from './hooks/use-scroll-to-end';
export * from './components';
