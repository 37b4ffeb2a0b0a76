'use client';
// The public name `useConsentSettings` (see ../index.ts for why it is a function of a module of its own).
import type { UseConsentSettingsOptions, UseConsentSettingsResult } from '../use-consent-settings';
import { useConsentSettings as useConsentSettingsHook } from '../use-consent-settings';

/**
 * What a signed-in person agreed to, and withdrawal. Headless: state and actions, no markup.
 * @example const settings = useConsentSettings({ basePath: '/api/clickwrap' });
 */
export function useConsentSettings(options: UseConsentSettingsOptions): UseConsentSettingsResult {
  return useConsentSettingsHook(options);
}
