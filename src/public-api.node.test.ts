import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as main from './index';
import { MAX_PUBLIC_NAMES, publicNames } from './public-names.test-utils';

// The main entry's contract: hooks and components. A change here is a change to the public API
// (update etc/react-clickwrap.api.md with `npm run api:update` too).
describe('react-clickwrap public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(main).sort()).toEqual([
      'AcceptButton',
      'Acknowledgements',
      'AdditionalDocuments',
      'AgreementView',
      'AssentCheckbox',
      'AssentControls',
      'ChangeSummary',
      'ClickwrapModal',
      'ClickwrapPage',
      'ClickwrapProvider',
      'ClickwrapRoot',
      'ClickwrapRootElement',
      'ConsentSettings',
      'CopyActions',
      'DeclineButton',
      'DeliveryStatus',
      'DocumentScope',
      'GuardianForm',
      'KeyClauseSummary',
      'MissingReasons',
      'OptionalConsents',
      'OrganizationForm',
      'ReadingProgress',
      'ReconsentNotice',
      'TableOfContents',
      'en',
      'useClickwrap',
      'useClickwrapContext',
      'useConsentSettings',
      'useDocumentReading',
      'useGuardianCoSign',
      'useKeyClauses',
      'useRootAttributes',
      'useScrollToEnd',
      'zhCN',
    ]);
  });

  it('exports exactly these names, types included, and at most 60 of them', () => {
    const names = publicNames(fileURLToPath(new URL('./index.ts', import.meta.url)));
    expect(names).toEqual([
      'AcceptButton',
      'Acknowledgements',
      'AdditionalDocuments',
      'AgreementView',
      'AssentCheckbox',
      'AssentControls',
      'ChangeSummary',
      'ClickwrapAcknowledgement',
      'ClickwrapDocumentConfig',
      'ClickwrapMessages',
      'ClickwrapModal',
      'ClickwrapModalProps',
      'ClickwrapOptionalConsent',
      'ClickwrapPage',
      'ClickwrapPageProps',
      'ClickwrapPreviousConsent',
      'ClickwrapProvider',
      'ClickwrapRoot',
      'ClickwrapRootElement',
      'ClickwrapRootProps',
      'ClickwrapTheme',
      'ConsentSettings',
      'ConsentSettingsDocument',
      'ConsentSettingsError',
      'ConsentSettingsOptionalConsent',
      'ConsentSettingsProps',
      'CopyActions',
      'DeclineButton',
      'DeclineRecord',
      'DeliveryStatus',
      'DocumentScope',
      'GuardianField',
      'GuardianForm',
      'KeyClauseSummary',
      'MissingReasons',
      'OptionalConsents',
      'OrganizationForm',
      'ReadingProgress',
      'ReconsentNotice',
      'TableOfContents',
      'UseClickwrapOptions',
      'UseClickwrapResult',
      'UseConsentSettingsOptions',
      'UseConsentSettingsResult',
      'UseGuardianCoSignOptions',
      'UseGuardianCoSignResult',
      'UseKeyClausesOptions',
      'UseKeyClausesResult',
      'UseScrollToEndOptions',
      'UseScrollToEndResult',
      'en',
      'useClickwrap',
      'useClickwrapContext',
      'useConsentSettings',
      'useDocumentReading',
      'useGuardianCoSign',
      'useKeyClauses',
      'useRootAttributes',
      'useScrollToEnd',
      'zhCN',
    ]);
    expect(names.length).toBeLessThanOrEqual(MAX_PUBLIC_NAMES);
  });

  it('keeps the reducer and the derivable result fields internal', () => {
    for (const name of [
      'clickwrapReducer',
      'initialClickwrapState',
      'missingRequirements',
      'defaultReasonMessages',
    ]) {
      expect(main).not.toHaveProperty(name);
    }
  });

  it('has the hooks and components DESIGN.md promises', () => {
    for (const name of [
      'useScrollToEnd',
      'useKeyClauses',
      'useGuardianCoSign',
      'useClickwrap',
      'ClickwrapModal',
      'ClickwrapPage',
      'AgreementView',
      'ReadingProgress',
      'KeyClauseSummary',
      'GuardianForm',
      'AssentControls',
    ]) {
      expect(main[name as keyof typeof main]).toBeDefined();
    }
  });
});
