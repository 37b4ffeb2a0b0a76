'use client';
export {
  ClickwrapProvider,
  ClickwrapRoot,
  ClickwrapRootElement,
  useClickwrapContext,
  useRootAttributes,
  type ClickwrapDocumentConfig,
  type ClickwrapProviderProps,
  type ClickwrapRootProps,
  type ClickwrapRootElementProps,
  type ClickwrapTheme,
} from './root';
export { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
export { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
export { AgreementView, type AgreementViewProps } from './agreement-view';
export { ReadingProgress, type ReadingProgressProps } from './reading-progress';
export { KeyClauseSummary, type KeyClauseSummaryProps } from './key-clause-summary';
export { TableOfContents, type TableOfContentsProps } from './table-of-contents';
export { GuardianForm, type GuardianFormProps } from './guardian-form';
export { Acknowledgements, type AcknowledgementsProps } from './acknowledgements';
export { OptionalConsents, type OptionalConsentsProps } from './optional-consents';
export {
  AdditionalDocuments,
  DocumentScope,
  type AdditionalDocumentsProps,
  type DocumentScopeProps,
} from './document-scope';
export { OrganizationForm, type OrganizationFormProps } from './organization-form';
export {
  AssentControls,
  AssentCheckbox,
  MissingReasons,
  AcceptButton,
  DeclineButton,
  DeliveryStatus,
  type AssentControlsProps,
  type AssentCheckboxProps,
  type MissingReasonsProps,
  type AcceptButtonProps,
  type DeclineButtonProps,
  type DeliveryStatusProps,
} from './assent-controls';
export {
  ReconsentNotice,
  ChangeSummary,
  type ReconsentNoticeProps,
  type ChangeSummaryProps,
} from './reconsent';
export type { ClickwrapPreviousConsent, ReconsentReading } from './reconsent-model';
export { CopyActions, type CopyActionsProps } from './copy-actions';
export { ConsentSettings, type ConsentSettingsProps } from './consent-settings';
export { en, zhCN, type ClickwrapMessages } from '../messages';
