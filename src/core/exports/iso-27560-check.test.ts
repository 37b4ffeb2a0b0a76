import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceipt } from '../types';
import { shapeProblems } from './fixtures/dpv-27560-shape';
import {
  adultReceipt,
  controller,
  expectValid,
  HELPDESK,
  options,
  receiptWithOptions,
  type Node,
} from './fixtures/iso-27560-setup';
import { toIso27560Record } from './iso-27560';
import { Iso27560Error } from './iso-27560-problems';

describe('toIso27560Record checks', () => {
  let adult: ConsentReceipt;
  let withOptions: ConsentReceipt;
  beforeAll(async () => {
    adult = await adultReceipt();
    withOptions = await receiptWithOptions();
  });

  describe('the checks themselves', () => {
    it('catch a term DPV 2.3 does not define, an undeclared prefix and a missing required field', () => {
      const record = toIso27560Record(adult, options()) as Node;
      const bad: Node = {
        ...record,
        'dpv:hasConsentStatus': [{ '@type': 'dpv:ConsentGranted' }],
        'ex:note': 'x',
      };
      delete bad['dpv:hasRight'];
      expect(() => expectValid(bad)).toThrow(/dpv:ConsentGranted/);
      expect(() => expectValid({ ...record, 'ex:note': 'x' })).toThrow(/ex:note/);
      expect(shapeProblems(bad)).toEqual([
        'record: dpv:hasRight missing (§8.3.10 Rights)',
        'each event #0: dpv:isIndicatedAtTime missing (§8.5.3 Event Time)',
        'each event #0: dpv:isIndicatedBy missing (§8.5.5 Expression by Entity)',
        'each event #0: @type names no consent state of §8.5.2 (dpv:ConsentGranted)',
      ]);
    });
  });

  describe('given bad input', () => {
    it('lists every problem with what to pass instead', () => {
      const error = catchError(() =>
        toIso27560Record(withOptions, {
          ...options({
            purposes: [{ ...HELPDESK, category: 'service provision', personalData: [] }],
          }),
          controller: { ...controller, email: 'nope' },
          manageConsentUrl: 'javascript:alert(1)',
          events: [
            { type: 'withdrawn', at: '2024-04-01T00:00:00Z', scope: 'all' },
            { type: 'withdrawn', at: '2024-06-01T00:00:00Z', scope: 'research' },
          ],
        }),
      );
      expect(error.problems.map((p) => [p.code, p.path])).toEqual([
        ['invalid-option', 'options.controller.email'],
        ['invalid-option', 'options.manageConsentUrl'],
        ['invalid-option', 'options.purposes[0].category'],
        ['missing-option', 'options.purposes[0].personalData'],
        ['missing-option', 'options.purposes'],
        ['missing-option', 'options.purposes'],
        ['invalid-event', 'options.events[0].at'],
        ['invalid-event', 'options.events[1].scope'],
      ]);
      expect(error.message).toMatch(
        /receipt.optionalConsents\[0\] \("marketing"\) has no purpose; add one with optionalConsentId: "marketing"/,
      );
      expect(error.message).toMatch(
        /options.events\[1\].scope is "research"; pass "all", or the id of an optional consent the receipt records as granted \("marketing"\)/,
      );
    });

    it('refuses a receipt that is not one', () => {
      const error = catchError(() =>
        toIso27560Record({ ...adult, acceptedAt: 'yesterday' } as ConsentReceipt, options()),
      );
      expect(error).toMatchObject({ code: 'invalid-receipt', path: 'receipt.acceptedAt' });
    });
  });
});

function catchError(fn: () => unknown): Iso27560Error {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Iso27560Error);
    return error as Iso27560Error;
  }
  throw new Error('expected an Iso27560Error, but nothing was thrown');
}
