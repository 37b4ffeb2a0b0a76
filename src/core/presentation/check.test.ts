import { describe, expect, it } from 'vitest';
import { checkPresentation, type PresentationFinding } from './index';
import { fairPresentation, unmeasuredPresentation } from './fixtures.test-utils';
import type { ReceiptPresentation } from './types';

const TITLES = ['Instadesk Terms and Conditions'];
const ALL_RULES: PresentationFinding['rule'][] = [
  'assent-names-agreement',
  'assent-states-consequence',
  'contrast',
  'links-distinct',
  'visible-together',
  'button-label',
  'target-size',
];

function statusOf(evidence: ReceiptPresentation, rule: PresentationFinding['rule']) {
  const finding = checkPresentation(evidence, { titles: TITLES }).find((f) => f.rule === rule);
  if (!finding) throw new Error(`no finding for ${rule}`);
  return finding;
}

/** The Accept button shows `visibleText` and is named `label` (by default, the same). */
function showButton(p: ReceiptPresentation, visibleText: string | null, label = visibleText ?? ''): void {
  Object.assign(p.acceptButton!, { label, visibleText });
}

function edit(change: (p: ReceiptPresentation) => void): ReceiptPresentation {
  const p = fairPresentation();
  change(p);
  return p;
}

describe('checkPresentation', () => {
  it('given a fair notice, passes every rule, each with its source', () => {
    const findings = checkPresentation(fairPresentation(), { titles: TITLES });
    expect(findings.map((f) => f.rule)).toEqual(ALL_RULES);
    expect(findings.filter((f) => f.status !== 'pass')).toEqual([]);
    for (const f of findings) expect(f.source).toMatch(/v\.|WCAG 2\.2/);
    expect(findings.find((f) => f.rule === 'target-size')?.source).toMatch(/2\.5\.8/);
    expect(findings.find((f) => f.rule === 'contrast')?.source).toMatch(/1\.4\.3/);
    expect(findings.find((f) => f.rule === 'visible-together')?.source).toMatch(/Meyer v\. Uber/);
  });

  it('requires both what is heard and what is seen to name the agreement', () => {
    const heardOnly = edit((p) => void (p.assent!.visibleText = 'I agree'));
    expect(statusOf(heardOnly, 'assent-names-agreement').status).toBe('fail');
    const seenOnly = edit((p) => void (p.assent!.accessibleName = 'I agree'));
    expect(statusOf(seenOnly, 'assent-names-agreement').status).toBe('fail');
  });

  it('takes the titles from a receipt', () => {
    const receipt = {
      agreement: { title: 'Instadesk Terms and Conditions' },
      additionalDocuments: [{ title: 'Privacy Policy' }],
      presentation: edit((p) => {
        p.assent!.accessibleName = 'I agree to the Privacy Policy';
        p.assent!.visibleText = 'I agree to the Privacy Policy';
      }),
    };
    expect(checkPresentation(receipt).find((f) => f.rule === 'assent-names-agreement')?.status).toBe('pass');
    const other = { ...receipt, additionalDocuments: [] };
    const finding = checkPresentation(other).find((f) => f.rule === 'assent-names-agreement');
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain('"Instadesk Terms and Conditions"');
  });

  describe('in the language the notice was shown in', () => {
    const shownIn = (locale: string, statement: string, label: string) => ({
      locale,
      agreement: { title: 'Nutzungsbedingungen' },
      additionalDocuments: [],
      presentation: edit((p) => {
        p.assent!.accessibleName = statement;
        p.assent!.visibleText = statement;
        showButton(p, label);
      }),
    });
    const wording = (receipt: object, options = {}) =>
      checkPresentation(receipt, options)
        .filter((f) => f.rule === 'assent-states-consequence' || f.rule === 'button-label')
        .map((f) => f.status);

    it.each([
      ['de-DE', 'Ich habe die Nutzungsbedingungen gelesen und stimme ihnen zu', 'Akzeptieren'],
      ['de', 'Ich akzeptiere die Nutzungsbedingungen', 'Zustimmen'],
      ['fr-FR', "J'ai lu et j'accepte les Nutzungsbedingungen", 'Accepter'],
      ['es', 'He leído y acepto los Nutzungsbedingungen', 'Aceptar'],
      ['pt-BR', 'Li e concordo com os Nutzungsbedingungen', 'Aceitar'],
    ])('passes a correct notice in %s', (locale, statement, label) => {
      expect(wording(shownIn(locale, statement, label))).toEqual(['pass', 'pass']);
    });

    it('still fails a bare "Weiter" (Continue) in a language it has words for', () => {
      const receipt = shownIn('de', 'Ich habe die Nutzungsbedingungen gelesen und stimme ihnen zu', 'Weiter');
      expect(wording(receipt)).toEqual(['pass', 'fail']);
    });

    it('says unknown, not fail, in a language with no word list, and reads the words given for it', () => {
      const receipt = shownIn('pl', 'Przeczytałem i akceptuję Nutzungsbedingungen', 'Akceptuję');
      const findings = checkPresentation(receipt).filter((f) => f.rule === 'button-label');
      expect(findings[0]).toMatchObject({ status: 'unknown', message: expect.stringContaining('"pl"') });
      expect(wording(receipt, { consentWords: ['akceptuję'] })).toEqual(['pass', 'pass']);
      expect(
        wording(shownIn('pl', 'Przeczytałem Nutzungsbedingungen', 'Dalej'), { consentWords: ['akceptuję'] }),
      ).toEqual(['fail', 'fail']);
    });

    it('takes the language from options.locale when given only the presentation block', () => {
      const { presentation } = shownIn('pl', 'Przeczytałem i akceptuję Nutzungsbedingungen', 'Akceptuję');
      const status = (locale?: string) =>
        checkPresentation(presentation, { titles: ['Nutzungsbedingungen'], locale }).find(
          (f) => f.rule === 'button-label',
        )?.status;
      expect(status('pl')).toBe('unknown');
      expect(status()).toBe('fail');
    });
  });

  describe('each rule fails on its own bad evidence', () => {
    it.each<[PresentationFinding['rule'], (p: ReceiptPresentation) => void, RegExp]>([
      [
        'assent-names-agreement',
        (p) => {
          p.assent!.accessibleName = 'I have read and agree';
          p.assent!.visibleText = 'I have read and agree';
        },
        /does not name any of "Instadesk Terms and Conditions"/,
      ],
      [
        'assent-states-consequence',
        (p) => {
          p.assent!.accessibleName = 'Instadesk Terms and Conditions';
          p.assent!.visibleText = 'Instadesk Terms and Conditions';
        },
        /does not say that the action means agreement/,
      ],
      ['contrast', (p) => void (p.assent!.contrast = 4.49), /4\.49:1 at 16px \(needs 4\.5:1\)/],
      ['contrast', (p) => void (p.links!.minContrast = 3.2), /links at least 3\.2:1/],
      [
        'links-distinct',
        (p) => Object.assign(p.links!, { underlined: 0, minContrastWithText: 1.1, distinct: false }),
        /look like the text around them/,
      ],
      ['visible-together', (p) => void (p.acceptButton!.inViewport = false), /the Accept button was not/],
      ['visible-together', (p) => void (p.assent!.inViewport = false), /statement was not on screen/],
      ['visible-together', (p) => void (p.distancePx = 640), /640px apart \(at most 320px\)/],
      ['button-label', (p) => showButton(p, 'Continue'), /says "Continue"/],
      ['button-label', (p) => showButton(p, 'Next'), /says "Next"/],
      ['button-label', (p) => showButton(p, 'Submit'), /says "Submit"/],
      ['target-size', (p) => void (p.acceptButton!.heightPx = 20), /96 × 20px, under 24 × 24px/],
    ])('%s', (rule, change, message) => {
      const findings = checkPresentation(edit(change), { titles: TITLES });
      const finding = findings.find((f) => f.rule === rule);
      expect(finding?.status).toBe('fail');
      expect(finding?.message).toMatch(message);
      // Only that rule fails.
      expect(findings.filter((f) => f.status === 'fail').map((f) => f.rule)).toEqual([rule]);
    });
  });

  it('allows 3:1 for large text (24px, or 18.66px bold), not for smaller', () => {
    const at = (size: number, weight: number, contrast: number) =>
      statusOf(
        edit((p) => Object.assign(p.assent!, { fontSizePx: size, fontWeight: weight, contrast })),
        'contrast',
      ).status;
    expect(at(24, 400, 3.1)).toBe('pass');
    expect(at(18.66, 700, 3.1)).toBe('pass');
    expect(at(18.66, 400, 3.1)).toBe('fail');
    expect(at(24, 400, 2.9)).toBe('fail');
  });

  it('passes a button label that says what clicking means, in the bundled languages', () => {
    for (const label of ['Accept', 'I agree', 'Agree and continue', '同意', 'أوافق']) {
      expect(
        statusOf(
          edit((p) => showButton(p, label)),
          'button-label',
        ).status,
        label,
      ).toBe('pass');
    }
  });

  describe('the Accept button, as seen and as heard', () => {
    const button = (visibleText: string | null, label: string) =>
      statusOf(
        edit((p) => showButton(p, visibleText, label)),
        'button-label',
      );

    it('fails a button that shows "Continue" but is named "I agree" (Berman), naming both', () => {
      const finding = button('Continue', 'I agree');
      expect(finding.status).toBe('fail');
      expect(finding.message).toContain('shows "Continue" and is named "I agree"');
      expect(finding.message).toContain('what it shows does not say that clicking it means agreement');
      expect(finding.message).toContain('the record says "I agree" where the person saw "Continue"');
      expect(finding.source).toMatch(/Berman/);
      expect(finding.source).toMatch(/2\.5\.3 Label in Name/);
    });

    it('fails a button that shows "I agree" but is named "Continue"', () => {
      const finding = button('I agree', 'Continue');
      expect(finding.status).toBe('fail');
      expect(finding.message).toContain('shows "I agree" and is named "Continue", but its name does not say');
    });

    it('fails a name that leaves out the text shown (WCAG 2.5.3), even when both say agreement', () => {
      const finding = button('I agree', 'Accept');
      expect(finding.status).toBe('fail');
      expect(finding.message).toBe(
        'The button shows "I agree" and is named "Accept". Its name does not contain the text it shows ' +
          '(WCAG 2.5.3 Label in Name): the record says "Accept" where the person saw "I agree". ' +
          'Drop the aria-label, or make it start with the text shown.',
      );
    });

    it('passes a name that holds the text shown and more, and says both', () => {
      const finding = button('Accept', 'Accept the Instadesk Terms and Conditions');
      expect(finding).toMatchObject({
        status: 'pass',
        message:
          'The button (seen as "Accept", heard as "Accept the Instadesk Terms and Conditions") says that clicking it means agreeing.',
      });
      // Case, width and punctuation aside (text-transform: uppercase; "I agree." named "I agree").
      expect(button('ACCEPT', 'Accept').status).toBe('pass');
      expect(button('I agree.', 'I agree').status).toBe('pass');
    });

    it('fails a button that shows no words (an icon), named "I agree" or not', () => {
      const finding = button(null, 'I agree');
      expect(finding.status).toBe('fail');
      expect(finding.message).toContain(
        'shows no text and is named "I agree", but what it shows does not say',
      );
      expect(finding.message).not.toContain('2.5.3');
      expect(button('✓', 'I agree').status).toBe('fail');
    });

    it('judges an older receipt, without the visible text, by its name alone, as before', () => {
      const old = (label: string) =>
        statusOf(
          edit((p) => {
            p.acceptButton!.label = label;
            delete p.acceptButton!.visibleText;
          }),
          'button-label',
        );
      expect(old('Continue')).toMatchObject({
        status: 'fail',
        message:
          'The button says "Continue", which does not say that clicking it means agreement (a bare "Continue", "Next" or "Submit" is not enough). Label it e.g. "Accept" or "I agree".',
      });
      expect(old('I agree')).toMatchObject({
        status: 'pass',
        message: 'The button ("I agree") says that clicking it means agreeing.',
      });
    });

    it('in a language with no word list, is unknown on the words but still fails a name that leaves out the text', () => {
      const polish = (visibleText: string, label: string) =>
        checkPresentation(
          edit((p) => showButton(p, visibleText, label)),
          { titles: TITLES, locale: 'pl' },
        ).find((f) => f.rule === 'button-label');
      expect(polish('Akceptuję', 'Akceptuję')?.status).toBe('unknown');
      const misnamed = polish('Dalej', 'Akceptuję');
      expect(misnamed?.status).toBe('fail');
      expect(misnamed?.message).toBe(
        'The button shows "Dalej" and is named "Akceptuję". Its name does not contain the text it shows ' +
          '(WCAG 2.5.3 Label in Name): the record says "Akceptuję" where the person saw "Dalej". ' +
          'Drop the aria-label, or make it start with the text shown.',
      );
    });
  });

  it('counts links distinct by colour alone at 3:1 against the text', () => {
    const links = (minContrastWithText: number, distinct: boolean) =>
      edit((p) => Object.assign(p.links!, { underlined: 0, minContrastWithText, distinct }));
    expect(statusOf(links(3.2, true), 'links-distinct').status).toBe('pass');
    expect(statusOf(links(2.1, false), 'links-distinct').status).toBe('fail');
    expect(
      statusOf(
        edit((p) => Object.assign(p.links!, { count: 0, underlined: 0, distinct: true })),
        'links-distinct',
      ).status,
    ).toBe('pass');
  });

  it('says unknown, never guesses, where the evidence does not say', () => {
    const unknownBackground = edit((p) => {
      p.assent!.contrast = null;
      p.links!.distinct = null;
    });
    expect(statusOf(unknownBackground, 'contrast').status).toBe('unknown');
    expect(statusOf(unknownBackground, 'links-distinct').status).toBe('unknown');

    const notMeasured = checkPresentation(unmeasuredPresentation('no-layout'), { titles: TITLES });
    expect(notMeasured.map((f) => f.status)).toEqual(ALL_RULES.map(() => 'unknown'));
    expect(notMeasured[0]?.message).toContain('not measured (no-layout)');

    const oldReceipt = checkPresentation({ agreement: { title: 'Terms' } } as never);
    expect(oldReceipt.map((f) => f.status)).toEqual(ALL_RULES.map(() => 'unknown'));
    expect(oldReceipt[0]?.message).toContain('no presentation evidence');
  });

  it('throws a clear error for something that is not a receipt', () => {
    expect(() => checkPresentation(null as never)).toThrow(
      /expects a receipt or its `presentation` block, got null/,
    );
  });
});
