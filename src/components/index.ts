'use client';
// The themed layer's public names. Only the root, modal, page and settings export their props
// types; a part's props are `ComponentProps<typeof Part>` (see src/index.ts: at most 60 names).
export {
  ClickwrapProvider,
  ClickwrapRoot,
  ClickwrapRootElement,
  useClickwrapContext,
  useRootAttributes,
  type ClickwrapDocumentConfig,
  type ClickwrapRootProps,
  type ClickwrapTheme,
} from './root';
export { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
export { ClickwrapPage, type ClickwrapPageProps } from './clickwrap-page';
export { AgreementView } from './agreement-view';
export { ReadingProgress } from './reading-progress';
export { KeyClauseSummary } from './key-clause-summary';
export { TableOfContents } from './table-of-contents';
export { GuardianForm } from './guardian-form';
export { Acknowledgements } from './acknowledgements';
export { OptionalConsents } from './optional-consents';
export { AdditionalDocuments, DocumentScope } from './document-scope';
export { OrganizationForm } from './organization-form';
export {
  AssentControls,
  AssentCheckbox,
  MissingReasons,
  AcceptButton,
  DeclineButton,
  DeliveryStatus,
} from './assent-controls';
export { ReconsentNotice, ChangeSummary } from './on-demand/reconsent-parts';
export type { ClickwrapPreviousConsent } from './reconsent-model';
export { CopyActions } from './on-demand/copy-actions';
export { ConsentSettings, type ConsentSettingsProps } from './consent-settings';
export { en, zhCN, type ClickwrapMessages } from '../messages';
