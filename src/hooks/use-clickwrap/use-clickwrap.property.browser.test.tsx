'use client';

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { verifyReceipt } from '../../core/receipt';
import type { ConsentReceipt } from '../../core/types';
import {
  ASSENT_LABEL,
  CALL_CENTER_COMMITMENTS,
  ClickwrapHarness,
  SIGNER,
  frames,
} from './harness.test-utils';

/**
 * Random sequences of what a person can do to the form. The expected state is modelled here,
 * from the events and the DOM (scroll positions), never from the hook's own `canAccept`.
 */

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const TODAY = '2025-06-01';

const BIRTH_DATES = {
  adult: { value: '1990-04-12', kind: 'adult' },
  eighteenToday: { value: '2007-06-01', kind: 'adult' },
  minor: { value: '2010-01-15', kind: 'minor' },
  seventeen: { value: '2007-06-02', kind: 'minor' },
  future: { value: '2030-01-01', kind: 'invalid' },
  feb30: { value: '2010-02-30', kind: 'invalid' },
  garbage: { value: '15/01/2010', kind: 'invalid' },
  tooOld: { value: '1870-01-01', kind: 'invalid' },
  empty: { value: '', kind: 'missing' },
} as const;
type BirthKey = keyof typeof BIRTH_DATES;

type Event =
  | { kind: 'scroll'; to: 'end' | number }
  | { kind: 'resize'; height: number }
  | { kind: 'assent' }
  | { kind: 'ack'; index: number }
  | { kind: 'birthDate'; key: BirthKey }
  | { kind: 'guardianName'; value: string }
  | { kind: 'relationship'; value: string }
  | { kind: 'attest' }
  | { kind: 'orgName'; value: string }
  | { kind: 'authority'; value: string }
  | { kind: 'accept' };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('scroll' as const),
      to: fc.oneof(fc.constant('end' as const), fc.double({ min: 0, max: 0.9, noNaN: true })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resize' as const),
      height: fc.constantFrom(120, 200, 300, 450),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'assent' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('ack' as const), index: fc.integer({ min: 0, max: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('birthDate' as const),
      key: fc.constantFrom(...(Object.keys(BIRTH_DATES) as BirthKey[])),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('guardianName' as const),
      value: fc.constantFrom('', '   ', 'Karin Berg', ' anna  BERG ', 'Anna Bergström'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('relationship' as const),
      value: fc.constantFrom('', ' ', 'mother', 'legal guardian'),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'attest' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('orgName' as const),
      value: fc.constantFrom('', '  ', 'Acme Ltd', ' Initech '),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('authority' as const),
      value: fc.constantFrom('', 'Director', ' Administrator '),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'accept' as const }) },
);

/** One requirement left unmet (or met wrongly) in an otherwise complete run. */
const SPOILERS = [
  'no-scroll',
  'no-birth-date',
  'invalid-birth-date',
  'guardian-name-empty',
  'guardian-name-is-minor',
  'no-relationship',
  'no-attestation',
  'organization-name-blank',
  'no-authority',
  'one-acknowledgement-missing',
  'no-assent',
] as const;
type Spoiler = (typeof SPOILERS)[number];

/**
 * The events of a complete run with one requirement spoiled, as units whose order does not
 * matter (the guardian's fields exist only once a minor's birth date is entered, so the age
 * gate is one unit). Most runs are then one step from acceptable, which is where a gate that
 * forgets a requirement shows.
 */
function completeRun(who: 'adult' | 'minor', spoil: Spoiler | null, ackLeftOut: number): Event[][] {
  const units: Event[][] = [];
  if (spoil !== 'no-scroll') units.push([{ kind: 'scroll', to: 'end' }]);
  const age: Event[] = [];
  if (spoil === 'invalid-birth-date') age.push({ kind: 'birthDate', key: 'feb30' });
  else if (spoil !== 'no-birth-date') age.push({ kind: 'birthDate', key: who });
  if (who === 'minor' && age.length > 0) {
    if (spoil === 'guardian-name-is-minor') age.push({ kind: 'guardianName', value: ' anna  BERG ' });
    else if (spoil !== 'guardian-name-empty') age.push({ kind: 'guardianName', value: 'Karin Berg' });
    if (spoil !== 'no-relationship') age.push({ kind: 'relationship', value: 'mother' });
    if (spoil !== 'no-attestation') age.push({ kind: 'attest' });
  }
  if (age.length > 0) units.push(age);
  units.push([{ kind: 'orgName', value: spoil === 'organization-name-blank' ? '   ' : 'Acme Ltd' }]);
  if (spoil !== 'no-authority') units.push([{ kind: 'authority', value: 'Director' }]);
  CALL_CENTER_COMMITMENTS.forEach((_, index) => {
    if (spoil !== 'one-acknowledgement-missing' || index !== ackLeftOut) units.push([{ kind: 'ack', index }]);
  });
  if (spoil !== 'no-assent') units.push([{ kind: 'assent' }]);
  return units;
}

/** Inserts each noise event at its position (clamped), keeping the others' order. */
function interleave(base: Event[], noise: Array<{ at: number; event: Event }>): Event[] {
  const out = [...base];
  for (const { at, event } of noise) out.splice(Math.min(at, out.length), 0, event);
  return out;
}

const runArb = fc.record({
  /** 'random' runs start from nothing; the others start from an almost complete form. */
  start: fc.constantFrom(
    'random' as const,
    'adult' as const,
    'minor' as const,
    'adult' as const,
    'minor' as const,
  ),
  spoil: fc.option(fc.constantFrom(...SPOILERS), { freq: 4 }),
  ackLeftOut: fc.integer({ min: 0, max: CALL_CENTER_COMMITMENTS.length - 1 }),
  order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
  noise: fc.array(fc.record({ at: fc.nat({ max: 20 }), event: eventArb }), { maxLength: 4 }),
  randomEvents: fc.array(eventArb, { maxLength: 14 }),
  failFirst: fc.boolean(),
});

type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never;

function eventsOf(run: Run): Event[] {
  if (run.start === 'random') return run.randomEvents;
  // Shuffle the complete run by the generated keys (fast-check shrinks them towards page order).
  const base = completeRun(run.start, run.spoil, run.ackLeftOut)
    .map((unit, i) => ({ unit, key: run.order[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .flatMap(({ unit }) => unit);
  return interleave(base, run.noise);
}

interface Model {
  reachedEnd: boolean;
  assented: boolean;
  acks: boolean[];
  birth: BirthKey;
  guardianName: string;
  relationship: string;
  attested: boolean;
  orgName: string;
  authority: string;
  /** From the first delivery attempt on, nothing the person gave can change. */
  locked: boolean;
  delivery: 'none' | 'failed' | 'accepted';
}

function initialModel(): Model {
  return {
    reachedEnd: atEndInDom(),
    assented: false,
    acks: CALL_CENTER_COMMITMENTS.map(() => false),
    birth: 'empty',
    guardianName: '',
    relationship: '',
    attested: false,
    orgName: '',
    authority: '',
    locked: false,
    delivery: 'none',
  };
}

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function guardianVisible(m: Model) {
  return BIRTH_DATES[m.birth].kind === 'minor';
}

function requirementsHold(m: Model): boolean {
  const birth = BIRTH_DATES[m.birth].kind;
  const guardianOk =
    birth === 'adult' ||
    (birth === 'minor' &&
      fold(m.guardianName) !== '' &&
      fold(m.guardianName) !== fold(SIGNER.name) &&
      m.relationship.trim() !== '' &&
      m.attested);
  return (
    m.reachedEnd &&
    m.assented &&
    m.acks.every(Boolean) &&
    m.orgName.trim() !== '' &&
    m.authority.trim() !== '' &&
    guardianOk
  );
}

const region = () => page.getByRole('region', { name: 'Agreement' });
const area = () => region().element() as HTMLElement;
const press = (locator: ReturnType<typeof page.getByRole>) => userEvent.click(locator, { force: true });
const textbox = (name: string) => page.getByRole('textbox', { name });

/**
 * Whether the text is scrolled to its end. The hook also needs the end on screen, in the window:
 * the test keeps the whole form in a window tall enough that the page never scrolls (see
 * `WINDOW`), so the model can leave the page's scroll out.
 */
function atEndInDom(): boolean {
  const el = area();
  return Math.ceil(el.scrollTop) + el.clientHeight >= el.scrollHeight - 1;
}

/** A window taller than the whole form, guardian and organisation fields included. */
const WINDOW = { width: 1024, height: 2400 };

async function fillOrCheckLocked(name: string, value: string, model: Model): Promise<boolean> {
  if (model.locked) {
    await expect.element(textbox(name)).toHaveAttribute('readonly');
    return false;
  }
  await userEvent.fill(textbox(name), value);
  // Leave the field before the next event: its error appears on blur and shifts the layout,
  // which would otherwise move a checkbox away between a click's mousedown and mouseup.
  (textbox(name).element() as HTMLElement).blur();
  await frames(2);
  return true;
}

async function apply(event: Event, model: Model, onAccept: ReturnType<typeof vi.fn>) {
  switch (event.kind) {
    case 'scroll': {
      const el = area();
      el.scrollTop =
        event.to === 'end' ? el.scrollHeight : Math.floor((el.scrollHeight - el.clientHeight) * event.to);
      await frames(4);
      model.reachedEnd ||= atEndInDom();
      break;
    }
    case 'resize': {
      area().style.height = `${event.height}px`;
      await frames(4);
      model.reachedEnd ||= atEndInDom();
      break;
    }
    case 'assent':
      await press(page.getByRole('checkbox', { name: ASSENT_LABEL }));
      if (!model.locked) model.assented = !model.assented;
      break;
    case 'ack':
      await press(page.getByRole('checkbox', { name: CALL_CENTER_COMMITMENTS[event.index]!.label }));
      if (!model.locked) model.acks[event.index] = !model.acks[event.index];
      break;
    case 'birthDate':
      if (await fillOrCheckLocked('Date of birth', BIRTH_DATES[event.key].value, model)) {
        model.birth = event.key;
      }
      break;
    case 'guardianName':
      if (!guardianVisible(model)) break;
      if (await fillOrCheckLocked('Guardian name', event.value, model)) model.guardianName = event.value;
      break;
    case 'relationship':
      if (!guardianVisible(model)) break;
      if (await fillOrCheckLocked('Relationship', event.value, model)) model.relationship = event.value;
      break;
    case 'attest':
      if (!guardianVisible(model)) break;
      await press(page.getByRole('checkbox', { name: /I read this agreement together/ }));
      if (!model.locked) model.attested = !model.attested;
      break;
    case 'orgName':
      if (await fillOrCheckLocked('Organisation name', event.value, model)) model.orgName = event.value;
      break;
    case 'authority':
      if (await fillOrCheckLocked('Your role or authority', event.value, model)) {
        model.authority = event.value;
      }
      break;
    case 'accept': {
      const before = onAccept.mock.calls.length;
      // What should happen, decided before pressing, from the model alone.
      const expectCall = model.locked ? model.delivery === 'failed' : requirementsHold(model);
      await press(page.getByRole('button', { name: /^(Accept|Retry)$/ }));
      const status = page.getByRole('status').element() as HTMLElement;
      await expect.poll(() => status.dataset.state).not.toBe('submitting');
      await frames(2);
      expect(onAccept.mock.calls.length - before).toBe(expectCall ? 1 : 0);
      if (expectCall) {
        const shouldFail = failFirstRef.value && before === 0;
        expect(status.dataset.state).toBe(shouldFail ? 'failed' : 'accepted');
        model.locked = true;
        model.delivery = shouldFail ? 'failed' : 'accepted';
      } else if (!model.locked) {
        expect(status.dataset.state).toBe('idle');
      }
      break;
    }
  }
}

/** Whether this run's first delivery fails (read by `apply`). */
const failFirstRef = { value: false };

/**
 * The DOM agrees with the model after every event (the hook may lag a frame or two, and look
 * again 300 ms later; on a 2-core machine busy with other work, frames come late: up to 5 s).
 */
async function expectDomMatches(model: Model) {
  const checked = (name: string | RegExp) =>
    (page.getByRole('checkbox', { name }).element() as HTMLInputElement).checked;
  expect(checked(ASSENT_LABEL)).toBe(model.assented);
  CALL_CENTER_COMMITMENTS.forEach((ack, i) => expect(checked(ack.label)).toBe(model.acks[i]));
  await expect.poll(() => area().hasAttribute('data-reached-end'), { timeout: 5000 }).toBe(model.reachedEnd);
  expect(page.getByRole('group', { name: 'Legal guardian' }).query() !== null).toBe(guardianVisible(model));
}

async function expectReceiptReflects(receipt: ConsentReceipt, model: Model) {
  expect(receipt.signer).toEqual({ id: SIGNER.id, name: SIGNER.name });
  expect(receipt.reading.reachedEnd).toBe(true);
  expect(receipt.reading.reachedEndAt).toEqual(expect.any(String));
  expect(receipt.acknowledgements.map((a) => [a.id, a.label])).toEqual(
    CALL_CENTER_COMMITMENTS.map((a) => [a.id, a.label]),
  );
  expect(receipt.organization).toEqual({
    name: model.orgName.trim(),
    signerAuthority: model.authority.trim(),
  });
  if (BIRTH_DATES[model.birth].kind === 'minor') {
    expect(receipt.guardian).toMatchObject({
      name: model.guardianName.trim().replace(/\s+/g, ' '),
      relationship: model.relationship.trim(),
      mode: 'joint',
      verification: null,
    });
    expect(receipt.minor).toEqual({
      ageBracket: model.birth === 'minor' ? '15' : '16-17',
      rule: 'agreement',
      minimumAge: 18,
    });
  } else {
    expect(receipt.guardian).toBeNull();
    expect(receipt.minor).toBeNull();
  }
  expect(JSON.stringify(receipt)).not.toContain(BIRTH_DATES[model.birth].value || '\u0000');
  expect(Date.parse(receipt.acceptedAt)).toBeGreaterThanOrEqual(Date.parse(receipt.shownAt));
  expect((await verifyReceipt(receipt, terms)).ok).toBe(true);
}

const REASON: Record<Spoiler, string> = {
  'no-scroll': 'Scroll to the end of the agreement.',
  'no-birth-date': 'Enter your date of birth.',
  'invalid-birth-date': 'Enter a valid date of birth.',
  'guardian-name-empty': "Enter the legal guardian's full name.",
  'guardian-name-is-minor': "Enter the legal guardian's full name.",
  'no-relationship': "Enter the legal guardian's relationship to you.",
  'no-attestation': 'The legal guardian must confirm they read the agreement with you.',
  'organization-name-blank': 'Enter the name of the organisation you are agreeing for.',
  'no-authority': 'Enter your role or authority to agree for the organisation.',
  'one-acknowledgement-missing': 'Tick each required acknowledgement (1 of 6 not ticked yet).',
  'no-assent': 'Tick the box to agree to the agreement.',
};

describe('useClickwrap, one requirement short, in Chromium', () => {
  const cases = SPOILERS.map((spoil) => ({
    spoil,
    who:
      spoil.startsWith('guardian') || spoil === 'no-relationship' || spoil === 'no-attestation'
        ? ('minor' as const)
        : ('adult' as const),
  }));

  it.each(cases)('does not accept with $spoil ($who), and says why', async ({ spoil, who }) => {
    const onAccept = vi.fn();
    await render(
      <ClickwrapHarness
        agreement={agreement}
        onAccept={onAccept}
        acknowledgements={CALL_CENTER_COMMITMENTS}
        organization
        guardian={{ today: TODAY }}
      />,
    );
    const model = initialModel();
    for (const event of completeRun(who, spoil, 2).flat()) await apply(event, model, onAccept);
    expect(requirementsHold(model)).toBe(false);
    await apply({ kind: 'accept' }, model, onAccept);
    expect(onAccept).not.toHaveBeenCalled();
    await expect
      .element(page.getByRole('button', { name: 'Accept' }))
      .toHaveAccessibleDescription(REASON[spoil]);
  });

  it.each(['adult', 'minor'] as const)('accepts a complete run (%s)', async (who) => {
    const onAccept = vi.fn();
    await render(
      <ClickwrapHarness
        agreement={agreement}
        onAccept={onAccept}
        acknowledgements={CALL_CENTER_COMMITMENTS}
        organization
        guardian={{ today: TODAY }}
      />,
    );
    const model = initialModel();
    for (const event of completeRun(who, null, 0).flat()) await apply(event, model, onAccept);
    expect(requirementsHold(model)).toBe(true);
    await apply({ kind: 'accept' }, model, onAccept);
    expect(onAccept).toHaveBeenCalledTimes(1);
    await expectReceiptReflects(onAccept.mock.calls[0]![0], model);
  });
});

describe('useClickwrap, property-based, in Chromium', () => {
  it(
    'calls onAccept only when every requirement holds, with a receipt of exactly what was given',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(runArb, async (run) => {
          const { failFirst } = run;
          failFirstRef.value = failFirst;
          await page.viewport(WINDOW.width, WINDOW.height);
          const onAccept = vi.fn(async (_receipt: ConsentReceipt) => {
            if (failFirst && onAccept.mock.calls.length === 1) throw new Error('offline');
          });
          await render(
            <ClickwrapHarness
              agreement={agreement}
              onAccept={onAccept}
              acknowledgements={CALL_CENTER_COMMITMENTS}
              organization
              guardian={{ today: TODAY }}
            />,
          );
          try {
            await frames(3);
            const model = initialModel();
            const events: Event[] = [
              ...eventsOf(run),
              { kind: 'accept' },
              ...(failFirst ? [{ kind: 'accept' } as Event] : []),
            ];
            let lockedModel: Model | null = null;
            for (const event of events) {
              await apply(event, model, onAccept);
              // The premise of the model: the page itself never scrolled the text off screen.
              expect(window.scrollY).toBe(0);
              await expectDomMatches(model);
              if (model.locked && !lockedModel) lockedModel = structuredClone(model);
            }
            // Every delivery carried the same receipt, and it reflects what was given when locked.
            const receipts = onAccept.mock.calls.map(([r]) => r);
            expect(receipts.length).toBeLessThanOrEqual(failFirst ? 2 : 1);
            if (receipts.length > 0) {
              expect(new Set(receipts).size).toBe(1);
              await expectReceiptReflects(receipts[0]!, lockedModel!);
            }
          } finally {
            await cleanup();
            await page.viewport(1024, 768);
          }
        }),
        { numRuns: 30, endOnFailure: true },
      );
    },
  );
});
