import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { checkPresentation } from '../../core/presentation';
import { verifyReceipt } from '../../core/receipt';
import type { ConsentReceipt } from '../../core/types';
import { checkBounds, DEFAULT_LIMITS } from '../../server/limits';
import { useClickwrap } from './index';

// "A collected consent is never lost": what useClickwrap records of the page, measured in
// Chromium, fits what react-clickwrap/server accepts by default (its own bounds check, run here
// on the receipt as the handler would on the body), however long the statement or the button.

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const OPENING = `I have read and agree to the ${agreement.title}.`;
const STATEMENT = `${OPENING} ${'I understand what they say. '.repeat(90)}`.trim().slice(0, 2500);
const SHOWN = `I agree ${'and continue '.repeat(30)}`.trim();

function Notice(props: {
  onAccept: (receipt: ConsentReceipt) => void;
  button: ReactNode;
  statement?: string;
}) {
  const cw = useClickwrap({
    agreement,
    signer: { id: 'user-1' },
    onAccept: props.onAccept,
    requireScrollToEnd: false,
  });
  return (
    <div style={{ background: '#fff', color: '#222', padding: 16, width: 960 }}>
      <input id="assent" {...cw.getAssentCheckboxProps()} />
      <label htmlFor="assent">{props.statement ?? STATEMENT}</label>
      <button {...cw.getAcceptButtonProps({ style: { minHeight: 32, padding: '4px 12px' } })}>
        {props.button}
      </button>
    </div>
  );
}

beforeEach(async () => {
  await page.viewport(1000, 900);
});

describe('given a 2,500-character assent statement and a button showing 300 characters', () => {
  describe('when the person ticks it and accepts', () => {
    it('records their beginnings, says they were cut, and the default server limits accept the receipt', async () => {
      expect(STATEMENT).toHaveLength(2500);
      const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
      await render(<Notice onAccept={onAccept} button={SHOWN} />);
      await userEvent.click(page.getByRole('checkbox', { name: STATEMENT }));
      await userEvent.click(page.getByRole('button', { name: SHOWN }));
      await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
      const receipt = onAccept.mock.calls[0]![0];

      expect(receipt.presentation).toMatchObject({ measured: true });
      expect(receipt.presentation!.assent).toMatchObject({
        accessibleName: STATEMENT.slice(0, 2000),
        accessibleNameFullLength: 2500,
        visibleText: STATEMENT.slice(0, 2000),
        visibleTextFullLength: 2500,
      });
      expect(receipt.presentation!.acceptButton).toMatchObject({
        label: SHOWN,
        visibleText: SHOWN.slice(0, 200),
        visibleTextFullLength: SHOWN.length,
      });
      expect(receipt.presentation!.acceptButton).not.toHaveProperty('labelFullLength');

      expect(checkBounds(JSON.parse(JSON.stringify(receipt)), DEFAULT_LIMITS)).toBeNull();
      expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
      // Read as beginnings: the statement's opening names the Terms, the shown text cut inside a
      // word is still the beginning of the name. Nothing fails for being cut.
      expect(
        checkPresentation(receipt)
          .filter((f) => f.status === 'fail')
          .map((f) => f.rule),
      ).toEqual([]);
    });
  });
});

/** The width Chromium draws `text` at, in a 40px sans-serif font. */
function drawnWidth(text: string): number {
  const span = document.createElement('span');
  span.style.font = '40px sans-serif';
  span.style.whiteSpace = 'pre';
  span.textContent = text;
  document.body.append(span);
  const width = span.getBoundingClientRect().width;
  span.remove();
  return width;
}

describe('given text the server refuses as text, set on the page from JS', () => {
  it('is drawn one character each: a lone surrogate as U+FFFD, a NUL as a box, like any control character', () => {
    const replacement = drawnWidth('a\ufffdb');
    expect(drawnWidth('a\ud83db')).toBe(replacement);
    expect(drawnWidth('a\ude00b')).toBe(replacement);
    // Not dropped: the NUL takes the room of a box (.notdef), as U+0001 does.
    expect(drawnWidth('a\u0000b')).toBe(drawnWidth('a\u0001b'));
    expect(drawnWidth('a\u0000b')).toBeGreaterThan(drawnWidth('ab') + 5);
  });

  describe('when the statement ends in half an emoji and holds a NUL, and the person accepts', () => {
    it('records U+FFFD in their places, and the default server limits accept the receipt', async () => {
      const statement = `I have read and agree to the\u0000${agreement.title} 😀`.slice(0, -1);
      const onAccept = vi.fn<(receipt: ConsentReceipt) => void>();
      await render(<Notice onAccept={onAccept} button="I agree" statement={statement} />);
      await userEvent.click(page.getByRole('checkbox', { name: /^I have read and agree to the/ }));
      await userEvent.click(page.getByRole('button', { name: 'I agree' }));
      await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
      const receipt = onAccept.mock.calls[0]![0];

      const recorded = statement.replace('\u0000', '\ufffd').replace(/\ud83d$/, '\ufffd');
      expect(receipt.presentation!.assent).toMatchObject({ visibleText: recorded, accessibleName: recorded });
      expect(checkBounds(JSON.parse(JSON.stringify(receipt)), DEFAULT_LIMITS)).toBeNull();
    });
  });
});
