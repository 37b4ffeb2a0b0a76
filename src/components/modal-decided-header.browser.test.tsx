'use client';
// The modal's header once the person has decided. Before, the line under the title asks them to
// read to the end and accept; after accepting (or declining) it says what is now true, as the
// dialog's accessible description too, and on a phone the header takes no more than it needs.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapModal, type ClickwrapModalProps } from './clickwrap-modal';
import { ar, en, format, zhCN, type ClickwrapMessages } from '../messages';
import { agreement, scrollToEnd, SIGNER } from './test-utils.test-utils';

const TRIGGER = 'Review the terms';

async function setup(props: Partial<ClickwrapModalProps> = {}) {
  await render(
    <ClickwrapModal
      agreement={agreement}
      signer={SIGNER}
      onAccept={() => Promise.resolve()}
      trigger={<button type="button">{TRIGGER}</button>}
      {...props}
    />,
  );
}

function ui(m: ClickwrapMessages = en) {
  const dialog = () => page.getByRole('dialog');
  return {
    dialog,
    accept: () => dialog().getByRole('button', { name: m.accept, exact: true }),
    decline: () => dialog().getByRole('button', { name: m.decline, exact: true }),
    done: () => dialog().getByRole('button', { name: m.done, exact: true }),
    assent: () =>
      dialog().getByRole('checkbox', {
        name: format(m.assentLabel, { title: format(m.documentTitle, { title: agreement.title }) }),
      }),
    status: () => dialog().getByRole('status'),
  };
}

async function accept(m: ClickwrapMessages = en) {
  await scrollToEnd();
  await userEvent.click(ui(m).assent());
  await userEvent.click(ui(m).accept());
  await expect.element(ui(m).status()).toHaveTextContent(m.accepted);
}

afterEach(async () => {
  await page.viewport(1280, 900);
});

describe('the modal’s description', () => {
  describe('before a decision', () => {
    it('asks the person to read to the end and accept', async () => {
      await setup({ defaultOpen: true });
      await expect.element(ui().dialog()).toHaveAccessibleDescription(format(en.description, { count: 1 }));
    });
  });

  describe('after accepting, the dialog kept open', () => {
    it('says the agreement is accepted', async () => {
      await setup({ defaultOpen: true, closeOnDecision: false });
      await accept();
      await expect
        .element(ui().dialog())
        .toHaveAccessibleDescription(format(en.descriptionAccepted, { count: 1 }));
      await expect
        .element(
          ui()
            .dialog()
            .getByText(format(en.description, { count: 1 })),
        )
        .not.toBeInTheDocument();
    });
  });

  describe('after accepting, the dialog opened again', () => {
    it('says the agreement is accepted', async () => {
      await setup();
      await userEvent.click(page.getByRole('button', { name: TRIGGER }));
      await scrollToEnd();
      await userEvent.click(ui().assent());
      await userEvent.click(ui().accept());
      // It closes on the decision, and says so from outside.
      await expect.element(page.getByRole('status')).toHaveTextContent(en.accepted);
      await expect.poll(() => document.querySelector('[role="dialog"]')).toBeNull();
      await userEvent.click(page.getByRole('button', { name: TRIGGER }));
      await expect
        .element(ui().dialog())
        .toHaveAccessibleDescription(format(en.descriptionAccepted, { count: 1 }));
    });
  });

  describe('after declining, the dialog kept open', () => {
    it('says the agreement is declined', async () => {
      await setup({ defaultOpen: true, closeOnDecision: false });
      await userEvent.click(ui().decline());
      await expect.element(ui().status()).toHaveTextContent(en.declined);
      await expect
        .element(ui().dialog())
        .toHaveAccessibleDescription(format(en.descriptionDeclined, { count: 1 }));
    });
  });

  describe('with the app’s own description', () => {
    it('keeps it after accepting', async () => {
      const own = 'Accept the terms to open your workspace.';
      await setup({ defaultOpen: true, closeOnDecision: false, description: own });
      await expect.element(ui().dialog()).toHaveAccessibleDescription(own);
      await accept();
      await expect.element(ui().dialog()).toHaveAccessibleDescription(own);
    });
  });

  for (const [name, m] of [
    ['ar', ar],
    ['zh-CN', zhCN],
  ] as const)
    describe(`in ${name}`, () => {
      it('says the agreement is accepted, or declined, in that language', async () => {
        await setup({ defaultOpen: true, closeOnDecision: false, messages: m, locale: name });
        await expect.element(ui(m).dialog()).toHaveAccessibleDescription(format(m.description, { count: 1 }));
        await accept(m);
        await expect
          .element(ui(m).dialog())
          .toHaveAccessibleDescription(format(m.descriptionAccepted, { count: 1 }));
      });

      it('says the agreement is declined in that language', async () => {
        await setup({ defaultOpen: true, closeOnDecision: false, messages: m, locale: name });
        await userEvent.click(ui(m).decline());
        await expect
          .element(ui(m).dialog())
          .toHaveAccessibleDescription(format(m.descriptionDeclined, { count: 1 }));
      });
    });
});

describe('the modal’s header on a 375 × 667 phone', () => {
  // With the instruction under the title the header took 83 px (the agreement's own heading, the
  // title hidden) and 107–113 px (an app's title, by font). Accepted, the line is one short
  // sentence (65 and 88 px) and the spacing is halved, as in the bar below: 53 and 76 px.
  for (const [label, title] of [
    ['the agreement’s own heading', undefined],
    ['an app’s title', 'Terms of service'],
  ] as const)
    it(`after accepting, takes at most 70 % of the height it had (${label})`, async () => {
      await page.viewport(375, 667);
      await setup({ defaultOpen: true, closeOnDecision: false, title });
      const header = () => ui().dialog().element().querySelector('.rcw-modal-header')!;
      const before = Math.round(header().getBoundingClientRect().height);
      await accept();
      const after = Math.round(header().getBoundingClientRect().height);
      console.log(`header (${label}): ${before} px before the decision, ${after} px accepted`);
      expect(after, `${label}: ${before} px before, ${after} px accepted`).toBeLessThanOrEqual(before * 0.7);
      // The Close button stays a whole 44 px target inside the dialog.
      const close = ui().dialog().getByRole('button', { name: en.close, exact: true }).element();
      const box = close.getBoundingClientRect();
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.top).toBeGreaterThanOrEqual(ui().dialog().element().getBoundingClientRect().top);
    });
});
