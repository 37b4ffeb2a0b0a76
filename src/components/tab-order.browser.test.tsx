'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { en, format } from '../messages';
import { agreement, agreementElement, COMMITMENTS, describeElement, SIGNER } from './test-utils.test-utils';

const TODAY = '2025-06-01';
const MAX_TABS_BETWEEN_STEPS = 5;

/** Presses Tab (a real keyboard event) until `predicate` holds; returns how many presses it took. */
async function tabsUntil(predicate: (el: Element | null) => boolean, max = 120): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (predicate(document.activeElement)) return presses;
    await userEvent.keyboard('{Tab}');
  }
  throw new Error(`gave up after ${max} Tabs; focus is on ${describeElement(document.activeElement)}`);
}

/** The first of the date's fields (month, in the default `en`, US English). */
const birthDateFirst = (el: Element | null) =>
  el instanceof HTMLInputElement && el.autocomplete.startsWith('bday-');
const byLabel = (text: string) => (el: Element | null) =>
  el instanceof HTMLInputElement && (el.labels?.[0]?.textContent ?? '').trim() === text;
const byName = (text: string) => (el: Element | null) =>
  el instanceof HTMLElement && (el.textContent ?? '').trim() === text;

/** Day, month and year are one Tab apart: typed in one go, ending in the year. */
async function enterMinorsBirthDate(): Promise<void> {
  await userEvent.keyboard('4{Tab}3{Tab}2012');
  expect((document.activeElement as HTMLInputElement).autocomplete).toBe('bday-year');
}

/** Walks the form by Tab alone and returns the presses between each two consecutive steps. */
async function measure(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  agreementElement().focus();
  counts['agreement → birth date'] = await tabsUntil(birthDateFirst);
  await enterMinorsBirthDate();
  counts['birth date → guardian name'] = await tabsUntil(byLabel(en.guardianNameLabel));
  await userEvent.keyboard('Maria Berg');
  counts['guardian name → relationship'] = await tabsUntil(byLabel(en.relationshipLabel));
  await userEvent.keyboard('parent');
  counts['relationship → attestation'] = await tabsUntil(byLabel(en.guardian.attestationJoint));
  counts['attestation → first acknowledgement'] = await tabsUntil(byLabel(COMMITMENTS[0]!.label));
  counts['first → last acknowledgement'] = await tabsUntil(byLabel(COMMITMENTS.at(-1)!.label));
  counts['last acknowledgement → assent'] = await tabsUntil(
    byLabel(format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) })),
  );
  counts['assent → Accept'] = await tabsUntil(byName(en.accept));
  return counts;
}

beforeEach(async () => {
  await page.viewport(1280, 900);
});
afterEach(() => vi.restoreAllMocks());

describe('moving between form steps with Tab, with the default agreement (45 key clauses) and a guardian', () => {
  it(`ClickwrapPage: any two consecutive steps are at most ${MAX_TABS_BETWEEN_STEPS} Tabs apart`, async () => {
    await render(
      <ClickwrapPage
        agreement={agreement}
        signer={SIGNER}
        guardian={{ today: TODAY }}
        acknowledgements={COMMITMENTS}
        onAccept={async () => {}}
      />,
    );
    const counts = await measure();
    console.info('ClickwrapPage Tab counts', JSON.stringify(counts));
    for (const [step, presses] of Object.entries(counts)) {
      expect(presses, step).toBeLessThanOrEqual(MAX_TABS_BETWEEN_STEPS);
    }
  });

  it(`ClickwrapModal: any two consecutive steps are at most ${MAX_TABS_BETWEEN_STEPS} Tabs apart`, async () => {
    await render(
      <ClickwrapModal
        agreement={agreement}
        signer={SIGNER}
        guardian={{ today: TODAY }}
        acknowledgements={COMMITMENTS}
        onAccept={async () => {}}
        defaultOpen
      />,
    );
    await expect.element(page.getByRole('dialog')).toBeVisible();
    const counts = await measure();
    console.info('ClickwrapModal Tab counts', JSON.stringify(counts));
    for (const [step, presses] of Object.entries(counts)) {
      expect(presses, step).toBeLessThanOrEqual(MAX_TABS_BETWEEN_STEPS);
    }
  });
});
