'use client';
// Shared by the browser tests of ConsentSettings (not a test file itself). Kept apart from
// consent-settings.test-utils.ts, the fake server, which the jsdom tests and the stories import
// too: this one needs Chromium (vitest/browser).
import { onTestFinished } from 'vitest';
import { page } from 'vitest/browser';
import { render, type ComponentRenderOptions } from 'vitest-browser-react';
import { ConsentSettings, type ConsentSettingsProps } from './consent-settings';

/** The label the fake server's one optional consent is shown with. */
export const MARKETING = 'Send me Instadesk product news by e-mail.';

/**
 * "Your consents" as the tests see it: mounted at /api/clickwrap, with the marketing label, in
 * British English and the light theme; `overrides` replaces any of those props, `options` is
 * vitest-browser-react's (a `wrapper` around it, say).
 */
export function renderSettings(
  fetch: typeof globalThis.fetch,
  overrides: Partial<ConsentSettingsProps> = {},
  options?: ComponentRenderOptions,
) {
  return render(
    <ConsentSettings
      basePath="/api/clickwrap"
      fetch={fetch}
      optionalConsentLabels={{ 'marketing-email': MARKETING }}
      locale="en-GB"
      theme="light"
      {...overrides}
    />,
    options,
  );
}

/** Sets the viewport for this test, and puts it back to the configured 1024 × 768 after it. */
export async function setViewport(width: number, height = 800): Promise<void> {
  onTestFinished(() => page.viewport(1024, 768));
  await page.viewport(width, height);
}
