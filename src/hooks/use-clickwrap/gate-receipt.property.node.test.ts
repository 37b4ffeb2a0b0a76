import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceipt, parseAgreement, verifyReceipt, type ReceiptPolicy } from '../../core';
import type { DocumentReading } from '../use-document-reading';
import { clickwrapReducer, initialClickwrapState, type ClickwrapState } from './reducer';
import { gate } from './gate';
import { agreementRequirement, type ClickwrapGuardianSnapshot, type ClickwrapSnapshot } from './receipt';
import { buildReceiptInput } from './make-receipt';

// Issue 9, finding 1: the accept gate and the receipt follow one rule set. Over random
// clickwraps and random sequences of what a person does, `canAccept` is true exactly when
// `createReceipt` succeeds and the receipt verifies against the texts served and a server policy
// that asks for what the clickwrap asked for. Pure reducer and core only: no React, no browser.

const NUM_RUNS = 10_000;

const terms = parseAgreement({
  id: 'terms',
  version: '2',
  markdown:
    '# Terms\n\n1. **We may end the service.**\n2. You own your data.\n3. **We are not liable for outages.**\n\n' +
    '## Minors\n\nA user under 18 reads this **with a legal guardian**.\n',
});
const privacy = parseAgreement({
  id: 'privacy',
  version: '1',
  markdown: '# Privacy\n\nWe keep logs **for 30 days**.\n\nYou may ask us to delete them.\n',
});
const CHANGE_IDS = ['c1', 'c2', 'c3'];
const ACKS = [
  { id: 'a1', label: 'I will not make harassing calls.' },
  { id: 'a2', label: 'I will not resell numbers.' },
  { id: 'a3', label: 'I will keep call records.' },
];
const OPTIONAL = [{ id: 'news', label: 'Email me product news.' }];
const MINOR_NAME = 'Anna Berg';

interface Config {
  requireScrollToEnd: boolean;
  requireAllKeyClausesSeen: boolean;
  changes: null | { total: number; required: boolean };
  privacy: null | { requireScrollToEnd: boolean; requireAllKeyClausesSeen: boolean };
  acknowledgements: number;
  optional: boolean;
  organization: boolean;
  guardian: boolean;
  signerName: string | null;
}

const config: fc.Arbitrary<Config> = fc.record({
  requireScrollToEnd: fc.boolean(),
  requireAllKeyClausesSeen: fc.boolean(),
  changes: fc.option(fc.record({ total: fc.integer({ min: 0, max: 3 }), required: fc.boolean() })),
  privacy: fc.option(fc.record({ requireScrollToEnd: fc.boolean(), requireAllKeyClausesSeen: fc.boolean() })),
  acknowledgements: fc.integer({ min: 0, max: 3 }),
  optional: fc.boolean(),
  organization: fc.boolean(),
  guardian: fc.boolean(),
  signerName: fc.constantFrom(MINOR_NAME, '  ', '', ' Li Wei ', null),
});

type Event =
  | { type: 'assent'; value: boolean }
  | { type: 'acknowledge'; index: number; value: boolean }
  | { type: 'optional'; value: boolean }
  | { type: 'organizationName' | 'signerAuthority'; value: string }
  | { type: 'reachEnd'; doc: 0 | 1 }
  | { type: 'clauseSeen'; doc: 0 | 1; index: number }
  | { type: 'changeSeen'; index: number }
  | { type: 'birthDate'; value: 'invalid' | 'adult' | 'minor' | null }
  | { type: 'decide' }
  | { type: 'guardianName'; value: string }
  | { type: 'relationship'; value: string }
  | { type: 'attest'; value: boolean };

const text = fc.constantFrom('', '  ', 'Acme Ltd', ' Administrator ');
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ type: fc.constant('assent' as const), value: fc.boolean() }),
  fc.record({
    type: fc.constant('acknowledge' as const),
    index: fc.integer({ min: 0, max: 2 }),
    value: fc.boolean(),
  }),
  fc.record({ type: fc.constant('optional' as const), value: fc.boolean() }),
  fc.record({ type: fc.constantFrom('organizationName' as const, 'signerAuthority' as const), value: text }),
  fc.record({ type: fc.constant('reachEnd' as const), doc: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({
    type: fc.constant('clauseSeen' as const),
    doc: fc.constantFrom(0 as const, 1 as const),
    index: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ type: fc.constant('changeSeen' as const), index: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    type: fc.constant('birthDate' as const),
    value: fc.constantFrom('invalid' as const, 'adult' as const, 'minor' as const, null),
  }),
  fc.record({ type: fc.constant('decide' as const) }),
  fc.record({
    type: fc.constant('guardianName' as const),
    value: fc.constantFrom('', '  ', 'Li Na', MINOR_NAME, ` ${MINOR_NAME.toLowerCase()}`),
  }),
  fc.record({ type: fc.constant('relationship' as const), value: fc.constantFrom('', ' ', 'parent') }),
  fc.record({ type: fc.constant('attest' as const), value: fc.boolean() }),
);

/** Everything a person does to complete any clickwrap here, given the age they state. */
const completion = (age: 'adult' | 'minor'): Event[] => [
  { type: 'reachEnd', doc: 0 },
  { type: 'reachEnd', doc: 1 },
  ...[0, 1, 2].flatMap((index) => [
    { type: 'clauseSeen' as const, doc: 0 as const, index },
    { type: 'clauseSeen' as const, doc: 1 as const, index },
    { type: 'changeSeen' as const, index },
    { type: 'acknowledge' as const, index, value: true },
  ]),
  { type: 'birthDate', value: age },
  { type: 'decide' },
  { type: 'guardianName', value: 'Li Na' },
  { type: 'relationship', value: 'parent' },
  { type: 'attest', value: true },
  { type: 'organizationName', value: 'Acme Ltd' },
  { type: 'signerAuthority', value: 'Administrator' },
  { type: 'assent', value: true },
];

/**
 * A random start, then (half the time) everything needed to complete, then a few random events
 * that may undo part of it: both answers of the gate come up often, and near the boundary.
 */
const sequence: fc.Arbitrary<Event[]> = fc
  .tuple(
    fc.array(event, { maxLength: 20 }),
    fc.option(fc.constantFrom('adult' as const, 'minor' as const), { freq: 2 }),
    fc.array(event, { maxLength: 3 }),
  )
  .map(([start, age, tail]) => [...start, ...(age ? completion(age) : []), ...tail]);

/** The age gate and guardian form, modelled as plain data the way useGuardianCoSign reports them. */
interface GuardianModel {
  birthDate: 'invalid' | 'adult' | 'minor' | null;
  decided: boolean;
  name: string;
  relationship: string;
  attested: boolean;
}

function guardianSnapshot(g: GuardianModel): ClickwrapGuardianSnapshot {
  const valid = g.birthDate === 'adult' || g.birthDate === 'minor';
  const decided = valid && g.decided;
  const required = decided && g.birthDate === 'minor';
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const invalid = [
    ...(g.name.trim() === '' || same(g.name, MINOR_NAME) ? (['name'] as const) : []),
    ...(g.relationship.trim() === '' ? (['relationship'] as const) : []),
    ...(g.attested ? [] : (['attestation'] as const)),
  ];
  const ageBracket = g.birthDate === 'minor' ? '14' : '18-plus';
  return {
    gate: {
      birthDateEntered: g.birthDate !== null,
      birthDateInvalid: g.birthDate === 'invalid',
      decided,
      required,
      invalid,
    },
    age: decided ? { ageBracket, rule: 'agreement', minimumAge: 18, guardianRequired: required } : null,
    toReceipt: () =>
      required
        ? {
            guardian: {
              name: g.name.trim(),
              relationship: g.relationship.trim(),
              attestation: 'I read it with my child.',
              mode: 'joint',
            },
            minor: { ageBracket, rule: 'agreement', minimumAge: 18 },
          }
        : { guardian: null, minor: null },
  };
}

/** Replays the events into a snapshot, as the hook would hold it at the moment of accepting. */
function replay(c: Config, events: readonly Event[]): ClickwrapSnapshot {
  let time = Date.parse('2025-06-01T10:00:00.000Z');
  const tick = () => new Date((time += 1000));
  let state: ClickwrapState = initialClickwrapState;
  const reading: DocumentReading[] = [
    { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [] },
    { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [] },
  ];
  const clauses = [terms.keyClauses, privacy.keyClauses];
  const changesSeen: string[] = [];
  const g: GuardianModel = { birthDate: null, decided: false, name: '', relationship: '', attested: false };
  const acknowledgements = ACKS.slice(0, c.acknowledgements);
  for (const e of events) {
    switch (e.type) {
      case 'assent':
        state = clickwrapReducer(state, { type: 'assent', value: e.value });
        break;
      case 'acknowledge':
        state = clickwrapReducer(state, {
          type: 'acknowledge',
          id: ACKS[e.index]!.id,
          value: e.value,
          at: tick(),
        });
        break;
      case 'optional':
        state = clickwrapReducer(state, { type: 'optionalConsent', id: 'news', value: e.value, at: tick() });
        break;
      case 'organizationName':
      case 'signerAuthority':
        state = clickwrapReducer(state, { type: e.type, value: e.value });
        break;
      case 'reachEnd':
        if (!reading[e.doc]!.reachedEnd)
          reading[e.doc] = { ...reading[e.doc]!, reachedEnd: true, reachedEndAt: tick() };
        break;
      case 'clauseSeen': {
        const id = clauses[e.doc]![e.index]?.id;
        const r = reading[e.doc]!;
        if (id && !r.keyClausesSeen.includes(id))
          reading[e.doc] = { ...r, keyClausesSeen: [...r.keyClausesSeen, id] };
        break;
      }
      case 'changeSeen':
        if (e.index < (c.changes?.total ?? 0)) changesSeen.push(CHANGE_IDS[e.index]!);
        break;
      case 'birthDate':
        g.birthDate = e.value;
        g.decided = false;
        break;
      case 'decide':
        g.decided = true;
        break;
      case 'guardianName':
        g.name = e.value;
        break;
      case 'relationship':
        g.relationship = e.value;
        break;
      case 'attest':
        g.attested = e.value;
        break;
    }
  }
  return {
    agreement: terms,
    reading: reading[0]!,
    requireScrollToEnd: c.requireScrollToEnd,
    requireAllKeyClausesSeen: c.requireAllKeyClausesSeen,
    changes: c.changes && { seen: changesSeen, total: c.changes.total, required: c.changes.required },
    documents: c.privacy ? [{ agreement: privacy, reading: reading[1]!, ...c.privacy, replaces: null }] : [],
    guardian: c.guardian ? guardianSnapshot(g) : null,
    organization: c.organization,
    acknowledgements,
    optionalConsents: c.optional ? OPTIONAL : [],
    state,
    signer: { id: 'user-1', name: c.signerName },
    locale: 'en',
    uiVariant: 'property',
    replaces: c.changes ? { version: '1' } : null,
  };
}

/** What the server serving this clickwrap would require. */
function policyFor(s: ClickwrapSnapshot): ReceiptPolicy {
  return {
    agreement: { id: terms.id, version: terms.version },
    reading: agreementRequirement(s),
    guardian: s.guardian ? { rule: { kind: 'agreement' } } : null,
    documents: Object.fromEntries(
      s.documents.map((d) => [
        d.agreement.id,
        { version: d.agreement.version, reading: d.requireScrollToEnd ? 'whole' : 'none' },
      ]),
    ),
  };
}

async function receiptVerifies(s: ClickwrapSnapshot): Promise<boolean> {
  let receipt;
  try {
    receipt = await createReceipt(
      buildReceiptInput(s, {
        shownAt: new Date('2025-06-01T09:59:00.000Z'),
        acceptedAt: new Date('2025-06-01T11:00:00.000Z'),
      }),
    );
  } catch {
    return false;
  }
  const served = Object.fromEntries(s.documents.map((d) => [d.agreement.id, d.agreement.markdown]));
  const { ok } = await verifyReceipt(receipt, terms.markdown, {
    additionalDocuments: served,
    policy: policyFor(s),
  });
  return ok;
}

describe('property: the gate and the receipt follow one rule set', () => {
  it(`canAccept exactly when the receipt is made and verifies (${NUM_RUNS.toLocaleString('en')} random event sequences)`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(config, sequence, async (c, events) => {
        const snapshot = replay(c, events);
        const canAccept = gate(snapshot).length === 0;
        if (canAccept) accepted += 1;
        expect(await receiptVerifies(snapshot)).toBe(canAccept);
      }),
      { numRuns: NUM_RUNS },
    );
    // Both sides of the equivalence were exercised, not only refusals.
    expect(accepted).toBeGreaterThan(NUM_RUNS / 10);
  }, 120_000);
});
