'use client';
/**
 * react-clickwrap: the headless hooks and the themed components. Every module here is a client
 * module; the framework-free layer is `react-clickwrap/core`.
 */
export {
  clickwrapReducer,
  defaultReasonMessages,
  initialClickwrapState,
  missingRequirements,
  useClickwrap,
} from './hooks/use-clickwrap';
export type {
  ClickwrapAcknowledgement,
  ClickwrapAction,
  ClickwrapDocument,
  ClickwrapOptionalConsent,
  ClickwrapReasonMessages,
  ClickwrapOrganization,
  ClickwrapState,
  ClickwrapStateReducer,
  ClickwrapStatus,
  DeclineRecord,
  MissingCode,
  MissingRequirement,
  MissingRequirementsInput,
  OrganizationField,
  UseClickwrapOptions,
  UseClickwrapResult,
} from './hooks/use-clickwrap';
export { useDocumentReading } from './hooks/use-document-reading';
export type {
  DocumentReading,
  UseDocumentReadingOptions,
  UseDocumentReadingResult,
} from './hooks/use-document-reading';
export { defaultGuardianCoSignMessages, useGuardianCoSign } from './hooks/use-guardian-co-sign';
export type {
  BirthDatePart,
  BirthDateParts,
  BirthDateProblem,
  GuardianCoSignMessages,
  GuardianField,
  GuardianMode,
  GuardianValues,
  GuardianVerification,
  GuardianVerificationResult,
  UseGuardianCoSignOptions,
  UseGuardianCoSignResult,
  VerifyGuardian,
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
export type {
  ClauseLinkProps,
  ClauseProps,
  ScrollToClauseOptions,
  UseKeyClausesOptions,
  UseKeyClausesResult,
} from './hooks/use-key-clauses';
export { useScrollToEnd } from './hooks/use-scroll-to-end';
export type {
  EndMarkerProps,
  ScrollAreaProps,
  ScrollToOptions,
  UseScrollToEndOptions,
  UseScrollToEndResult,
} from './hooks/use-scroll-to-end';
export * from './components';
