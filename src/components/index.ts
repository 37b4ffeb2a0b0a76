'use client';
// The themed layer's public names. Only the root, modal, page and settings export their props
// types; a part's props are `ComponentProps<typeof Part>` (see src/index.ts: at most 60 names).
export {
  ClickwrapProvider,
  ClickwrapRoot,
  ClickwrapRootElement,
  useClickwrapContext,
  useRootAttributes,
  en,
  zhCN,
  AgreementView,
  ReadingProgress,
  KeyClauseSummary,
  TableOfContents,
  GuardianForm,
  Acknowledgements,
  OptionalConsents,
  AdditionalDocuments,
  DocumentScope,
  OrganizationForm,
  AssentControls,
  AssentCheckbox,
  MissingReasons,
  AcceptButton,
  DeclineButton,
  DeliveryStatus,
  ReconsentNotice,
  ChangeSummary,
  CopyActions,
} from './public-parts';
export type { ClickwrapDocumentConfig, ClickwrapRootProps, ClickwrapTheme } from './root';
export { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
export { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
export type { ClickwrapPreviousConsent } from './reconsent-model';
export { ConsentSettings, type ConsentSettingsProps } from './consent-settings';
export type { ClickwrapMessages } from '../messages';
