import { describe, expect, it } from 'vitest';
import { createReceipt, verifyReceipt } from '../receipt';
import { markdown, minimalInput, schema, schemaErrors } from '../receipt/fixtures.test-utils';
import { checkPresentation } from './check';
import { fitPresentation, fitText } from './fit';
import { fairPresentation } from './fixtures.test-utils';
import type { ReceiptPresentation } from './types';

const finding = (p: ReceiptPresentation, rule: string, titles = ['Terms and Conditions']) =>
  checkPresentation(p, { titles, locale: 'en' }).find((f) => f.rule === rule)!;

/** The fair notice with the assent statement (name and text) and the button replaced, then fitted as a receipt records it. */
function measuredAs(statement: string, button?: { label: string; visibleText: string }): ReceiptPresentation {
  const p = fairPresentation();
  return fitPresentation({
    ...p,
    assent: { ...p.assent!, accessibleName: statement, visibleText: statement },
    acceptButton: { ...p.acceptButton!, ...button },
  });
}

describe('fitText', () => {
  it('keeps a text that fits as it is, with no full length', () => {
    expect(fitText('I agree', 2000)).toEqual({ text: 'I agree' });
    expect(fitText('x'.repeat(2000), 2000)).toEqual({ text: 'x'.repeat(2000) });
  });

  it('keeps the beginning of a longer text and its full length, never half a surrogate pair', () => {
    expect(fitText('x'.repeat(2500), 2000)).toEqual({ text: 'x'.repeat(2000), fullLength: 2500 });
    const cut = fitText(`${'x'.repeat(1999)}😀yz`, 2000);
    expect(cut).toEqual({ text: 'x'.repeat(1999), fullLength: 2003 });
  });
});

describe('fitText, given what the server refuses as text', () => {
  it('records U+FFFD for a lone surrogate or a NUL, as Chromium draws one character there, keeping the length', () => {
    expect(fitText('I agree 😀'.slice(0, -1), 2000)).toEqual({ text: 'I agree \ufffd' });
    expect(fitText('\ude00 low, 😀 whole', 2000)).toEqual({ text: '\ufffd low, 😀 whole' });
    expect(fitText('I\u0000agree\u0000', 2000)).toEqual({ text: 'I\ufffdagree\ufffd' });
  });

  it('counts the full length in the same characters, and cuts never half a pair', () => {
    const text = `${'\u0000'.repeat(1999)}😀\ud83d`;
    expect(fitText(text, 2000)).toEqual({ text: '\ufffd'.repeat(1999), fullLength: 2002 });
  });
});

describe('a presentation whose texts were cut to fit a receipt', () => {
  const start = 'I have read and agree to these. ';
  const long = `${start}${'Please read them. '.repeat(140)}See the Terms and Conditions.`;

  it('is fitted once: fitting again changes nothing', () => {
    const once = measuredAs(long);
    expect(once.assent).toMatchObject({
      visibleTextFullLength: long.length,
      accessibleNameFullLength: long.length,
    });
    expect(once.assent!.visibleText).toBe(long.slice(0, 2000));
    expect(fitPresentation(once)).toEqual(once);
  });

  it('is not failed for a title that may stand in the part not recorded: unknown, and it says why', () => {
    const f = finding(measuredAs(long), 'assent-names-agreement');
    expect(f.status).toBe('unknown');
    expect(f.message).toMatch(/first 2000 of its 2\d{3} characters/);
  });

  it('passes when the recorded beginning names the agreement', () => {
    const named = `I have read and agree to the Terms and Conditions. ${'Please read them. '.repeat(140)}`;
    expect(finding(measuredAs(named), 'assent-names-agreement').status).toBe('pass');
    expect(finding(measuredAs(named), 'assent-states-consequence').status).toBe('pass');
  });

  it('still fails a whole statement that names no agreement', () => {
    expect(finding(measuredAs('I have read and agree to these.'), 'assent-names-agreement').status).toBe(
      'fail',
    );
  });

  it("is not failed for Label in Name when the button's shown text was cut in the middle of a word", () => {
    const shown = `I agree ${'and continue '.repeat(30)}`.trim();
    const p = measuredAs('I agree to the Terms and Conditions', { label: shown, visibleText: shown });
    expect(p.acceptButton).toMatchObject({
      visibleText: shown.slice(0, 200),
      visibleTextFullLength: shown.length,
    });
    expect(shown.slice(0, 200)).toMatch(/ contin$/);
    expect(finding(p, 'button-label').status).toBe('pass');
  });

  it('still fails Label in Name when the beginning shown is not in the name', () => {
    const shown = `Continue ${'and continue '.repeat(30)}`.trim();
    const p = measuredAs('I agree to the Terms and Conditions', { label: 'I agree', visibleText: shown });
    expect(finding(p, 'button-label').status).toBe('fail');
  });

  it('verifies in a receipt and fits its JSON Schema; a full length not longer than its text is refused', async () => {
    const receipt = await createReceipt({ ...minimalInput(), presentation: measuredAs(long) });
    expect(await verifyReceipt(receipt, markdown)).toEqual({ ok: true, problems: [] });
    expect(schemaErrors(receipt, schema)).toEqual([]);
    const whole = measuredAs('I agree to the Terms and Conditions');
    whole.assent!.visibleTextFullLength = 35;
    await expect(createReceipt({ ...minimalInput(), presentation: whole })).rejects.toMatchObject({
      path: 'presentation.assent.visibleTextFullLength',
    });
  });
});
