'use client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import summaries from '../../agreements/instadesk-terms.summaries.md?raw';
import { parseAgreement } from '../core/agreement';
import { ClickwrapModal } from './clickwrap-modal';
import { ClickwrapPage } from './clickwrap-page';
import { clauseLabel } from './key-clause-summary';
import { en } from '../messages';
import {
  agreementElement,
  expectNoAxeViolations,
  fillBirthDate,
  SIGNER,
  terms,
} from './test-utils.test-utils';

/** The Instadesk terms with the plain-language summaries of a handful of clauses. */
const agreement = parseAgreement({
  id: 'instadesk-terms',
  version: '2024-05-01',
  markdown: `${terms}\n${summaries}`,
});
const summarised = agreement.keyClauses.filter((c) => c.summary);
const asIs = agreement.keyClauses.find((c) => c.id === '2-scope-of-software-licenses--2-4')!;
const modify = agreement.keyClauses.find((c) => c.id === 'instadesk-terms-and-conditions--3')!;
const TODAY = '2025-06-01';

const notes = () => page.getByRole('note', { name: en.keyClausePlainSummary });
const toolbar = () => page.getByRole('toolbar', { name: en.keyClausesHeading });

beforeEach(async () => {
  await page.viewport(1280, 900);
  vi.spyOn(console, 'error');
});
afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('plain-language summaries on the page', () => {
  describe('given an adult', () => {
    beforeEach(async () => {
      await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={async () => {}} />);
      await expect.element(toolbar()).toBeVisible();
    });

    it('shows "In plain words" beside each summarised clause in the agreement, right after it', async () => {
      expect(summarised.length).toBe(7);
      expect(notes().elements()).toHaveLength(summarised.length);
      const note = agreementElement().querySelector(`#${CSS.escape(clauseDomId(asIs.id))} [role="note"]`);
      expect(note?.textContent).toBe(`${en.keyClausePlainSummary} ${asIs.summary!.general}`);
      // A paragraph clause's note follows the paragraph (a <p> cannot hold it).
      const opening = document.getElementById(clauseDomId(agreement.keyClauses[0]!.id))!;
      expect(opening.tagName).toBe('P');
      expect(opening.nextElementSibling?.getAttribute('role')).toBe('note');
      await expect.element(notes().first()).toBeVisible();
    });

    it('shows each summary under its clause in the summary, as the clause button’s description', async () => {
      const item = toolbar().getByRole('button', { name: new RegExp(`^${escape(clauseLabel(asIs, 110))}`) });
      await expect
        .element(item)
        .toHaveAccessibleDescription(`${en.keyClausePlainSummary} ${asIs.summary!.general}`);
      await expect.element(toolbar().getByText(asIs.summary!.general)).toBeVisible();
      // A clause without a summary has no description.
      const plain = agreement.keyClauses.find((c) => !c.summary)!;
      const other = toolbar().getByRole('button', {
        name: new RegExp(`^${escape(clauseLabel(plain, 110))}`),
      });
      expect(other.element().getAttribute('aria-describedby')).toBeNull();
    });

    it('is reached with the keyboard: a clause’s summary is read with it in the toolbar', async () => {
      agreementElement().focus();
      await userEvent.keyboard('{Tab}');
      const focused = () => document.activeElement as HTMLElement;
      const index = agreement.keyClauses.indexOf(modify);
      for (let i = 0; i < index; i++) await userEvent.keyboard('{ArrowDown}');
      expect(focused().textContent).toContain(clauseLabel(modify, 110));
      await expect
        .element(page.elementLocator(focused()))
        .toHaveAccessibleDescription(`${en.keyClausePlainSummary} ${modify.summary!.general}`);
    });

    it('has no axe violations', async () => {
      await expectNoAxeViolations(document.body);
    });
  });

  describe('given a minor, once the guardian rule applies', () => {
    it('shows the minors’ variants, and a clause without one keeps its general summary', async () => {
      await render(
        <ClickwrapPage
          agreement={agreement}
          signer={SIGNER}
          guardian={{ today: TODAY }}
          onAccept={async () => {}}
        />,
      );
      await expect.element(notes().first()).toBeVisible();
      expect(noteTexts()).toContain(modify.summary!.general);
      await fillBirthDate('2012-03-04');
      await expect.poll(() => noteTexts()).toContain(modify.summary!.minor);
      expect(noteTexts()).not.toContain(modify.summary!.general);
      // 2.4 has no minors' variant: its general summary stays.
      expect(noteTexts()).toContain(asIs.summary!.general);
      await expect.element(toolbar().getByText(modify.summary!.minor!)).toBeVisible();
      expect(document.querySelectorAll('[role="note"][data-variant="minor"]')).toHaveLength(7);
      await expectNoAxeViolations(document.body, 'minor');
    });
  });
});

describe('plain-language summaries in the modal', () => {
  it('shows them beside the clauses and in the summary, axe-clean', async () => {
    await render(
      <ClickwrapModal
        agreement={agreement}
        signer={SIGNER}
        onAccept={async () => {}}
        trigger={<button type="button">Sign up</button>}
      />,
    );
    await userEvent.click(page.getByRole('button', { name: 'Sign up' }));
    const dialog = page.getByRole('dialog');
    await expect.element(dialog).toBeVisible();
    // The agreement's later parts mount right after its first screens.
    await expect
      .poll(() => dialog.getByRole('note', { name: en.keyClausePlainSummary }).elements())
      .toHaveLength(7);
    await expect
      .element(dialog.getByRole('note', { name: en.keyClausePlainSummary }).first())
      .toHaveTextContent(agreement.keyClauses[0]!.summary!.general);
    await expectNoAxeViolations(dialog.element(), 'modal');
  });
});

function noteTexts(): string[] {
  return Array.from(
    document.querySelectorAll('[role="note"] .rcw-clause-summary-text'),
    (n) => n.textContent ?? '',
  );
}

function clauseDomId(id: string): string {
  const el = document.querySelector(`[data-key-clause="${CSS.escape(id)}"]`);
  if (!el?.id) throw new Error(`no element for clause ${id}`);
  return el.id;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
