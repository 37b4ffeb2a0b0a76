'use client';

import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../messages';
import {
  clickwrapReducer,
  defaultReasonMessages,
  initialClickwrapState,
  isLocked,
  missingRequirements,
  type ClickwrapAction,
  type ClickwrapState,
  type MissingRequirementsInput,
} from './reducer';

const T1 = new Date('2025-06-01T10:00:00.000Z');
const T2 = new Date('2025-06-01T10:05:00.000Z');

const run = (...actions: ClickwrapAction[]): ClickwrapState =>
  actions.reduce(clickwrapReducer, initialClickwrapState);

describe('clickwrapReducer', () => {
  it('starts with nothing ticked, typed or sent', () => {
    expect(initialClickwrapState).toEqual({
      assented: false,
      acknowledged: {},
      optional: {},
      organizationName: '',
      signerAuthority: '',
      touched: {},
      attempted: false,
      attempts: 0,
      status: 'idle',
      error: null,
    });
  });

  it('ticks and unticks the assent', () => {
    expect(run({ type: 'assent', value: true }).assented).toBe(true);
    expect(run({ type: 'assent', value: true }, { type: 'assent', value: false }).assented).toBe(false);
  });

  it('records when each acknowledgement was ticked, and forgets it when unticked', () => {
    const state = run(
      { type: 'acknowledge', id: 'a', value: true, at: T1 },
      { type: 'acknowledge', id: 'b', value: true, at: T1 },
      { type: 'acknowledge', id: 'a', value: false, at: T2 },
    );
    expect(state.acknowledged).toEqual({ b: T1 });
  });

  it('keeps the first tick time when ticked twice', () => {
    const state = run(
      { type: 'acknowledge', id: 'a', value: true, at: T1 },
      { type: 'acknowledge', id: 'a', value: true, at: T2 },
    );
    expect(state.acknowledged.a).toBe(T1);
  });

  it('returns the same object when nothing changes', () => {
    const state = run({ type: 'assent', value: true });
    expect(clickwrapReducer(state, { type: 'assent', value: true })).toBe(state);
    expect(clickwrapReducer(state, { type: 'succeed' })).toBe(state);
  });

  it('moves idle → submitting → accepted', () => {
    const submitting = run({ type: 'submit' });
    expect(submitting.status).toBe('submitting');
    expect(clickwrapReducer(submitting, { type: 'succeed' }).status).toBe('accepted');
  });

  it('moves submitting → failed with the error, and failed → submitting on retry', () => {
    const error = new Error('offline');
    const failed = run({ type: 'submit' }, { type: 'fail', error });
    expect(failed).toMatchObject({ status: 'failed', error });
    const retry = clickwrapReducer(failed, { type: 'submit' });
    expect(retry).toMatchObject({ status: 'submitting', error: null });
  });

  it('never leaves accepted', () => {
    const accepted = run({ type: 'submit' }, { type: 'succeed' });
    for (const action of [
      { type: 'submit' },
      { type: 'fail', error: 1 },
      { type: 'assent', value: false },
    ] as ClickwrapAction[]) {
      expect(clickwrapReducer(accepted, action)).toBe(accepted);
    }
  });

  it('freezes every answer once locked (submitting, failed, accepted)', () => {
    const ready = run(
      { type: 'assent', value: true },
      { type: 'acknowledge', id: 'a', value: true, at: T1 },
      { type: 'organizationName', value: 'Acme' },
    );
    for (const tail of [[], [{ type: 'fail', error: 0 }], [{ type: 'succeed' }]] as ClickwrapAction[][]) {
      const locked = [{ type: 'submit' } as ClickwrapAction, ...tail].reduce(clickwrapReducer, ready);
      expect(isLocked(locked.status)).toBe(true);
      const edits: ClickwrapAction[] = [
        { type: 'assent', value: false },
        { type: 'acknowledge', id: 'a', value: false, at: T2 },
        { type: 'acknowledge', id: 'b', value: true, at: T2 },
        { type: 'organizationName', value: 'Other' },
        { type: 'signerAuthority', value: 'CEO' },
      ];
      for (const edit of edits) expect(clickwrapReducer(locked, edit)).toBe(locked);
    }
  });

  it('records an optional consent granted and withdrawn, with the time of each change', () => {
    const granted = run({ type: 'optionalConsent', id: 'news', value: true, at: T1 });
    expect(granted.optional).toEqual({ news: { granted: true, at: T1 } });
    const withdrawn = clickwrapReducer(granted, {
      type: 'optionalConsent',
      id: 'news',
      value: false,
      at: T2,
    });
    expect(withdrawn.optional).toEqual({ news: { granted: false, at: T2 } });
    // Unticking what was never ticked changes nothing: it stays "left as shown".
    expect(run({ type: 'optionalConsent', id: 'news', value: false, at: T1 })).toBe(initialClickwrapState);
  });

  it('freezes optional consents once locked, and never makes them a requirement', () => {
    const locked = run({ type: 'assent', value: true }, { type: 'submit' });
    expect(clickwrapReducer(locked, { type: 'optionalConsent', id: 'news', value: true, at: T1 })).toBe(
      locked,
    );
  });

  it('notes an accept attempt so every error shows, and counts each one', () => {
    expect(run({ type: 'attempt' }).attempted).toBe(true);
    expect(run({ type: 'attempt' }, { type: 'attempt' }).attempts).toBe(2);
    // Another text starts the answers over, but the attempts made stay counted.
    expect(run({ type: 'attempt' }, { type: 'newText' })).toMatchObject({ attempted: false, attempts: 1 });
    // Locked (a receipt on its way), pressing again is no attempt.
    expect(run({ type: 'assent', value: true }, { type: 'submit' }, { type: 'attempt' }).attempts).toBe(0);
  });

  it('marks organisation fields touched', () => {
    expect(run({ type: 'touch', field: 'name' }).touched).toEqual({ name: true });
  });
});

const COMPLETE: MissingRequirementsInput = {
  requireScrollToEnd: true,
  reachedEnd: true,
  requireAllKeyClausesSeen: false,
  keyClausesSeen: 0,
  keyClausesTotal: 12,
  guardian: null,
  organization: null,
  acknowledgements: [],
  acknowledged: {},
  assented: true,
};

const codes = (input: Partial<MissingRequirementsInput>) =>
  missingRequirements({ ...COMPLETE, ...input }).map((m) => m.code);

describe('missingRequirements', () => {
  it('is empty when everything holds', () => {
    expect(missingRequirements(COMPLETE)).toEqual([]);
  });

  it('lists every reason, in page order, with English messages', () => {
    const missing = missingRequirements({
      ...COMPLETE,
      reachedEnd: false,
      requireAllKeyClausesSeen: true,
      keyClausesSeen: 3,
      guardian: {
        birthDateEntered: true,
        birthDateInvalid: false,
        decided: true,
        required: true,
        invalid: ['verification', 'name', 'attestation', 'relationship'],
      },
      organization: { name: ' ', signerAuthority: '' },
      acknowledgements: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      acknowledged: { a: T1 },
      assented: false,
    });
    expect(missing).toEqual([
      { code: 'scroll-to-end', message: 'Scroll to the end of the agreement.' },
      { code: 'key-clauses', message: 'Read every term that limits your rights (3 of 12 read so far).' },
      { code: 'guardian-name', message: "Enter the legal guardian's full name." },
      { code: 'guardian-relationship', message: "Enter the legal guardian's relationship to you." },
      {
        code: 'guardian-attestation',
        message: 'The legal guardian must confirm they read the agreement with you.',
      },
      { code: 'guardian-verification', message: 'The legal guardian must be verified.' },
      { code: 'organization-name', message: 'Enter the name of the organisation you are agreeing for.' },
      { code: 'signer-authority', message: 'Enter your role or authority to agree for the organisation.' },
      {
        code: 'acknowledgements',
        message: 'Tick each required acknowledgement (1 of 2 not ticked yet).',
      },
      { code: 'assent', message: 'Tick the box to agree to the agreement.' },
    ]);
  });

  it('does not ask for scrolling or key clauses when not required', () => {
    expect(codes({ requireScrollToEnd: false, reachedEnd: false })).toEqual([]);
    expect(codes({ keyClausesSeen: 0 })).toEqual([]);
    expect(codes({ requireAllKeyClausesSeen: true, keyClausesSeen: 12 })).toEqual([]);
  });

  it('asks for the required passages (re-consent) after the key clauses, until all were seen', () => {
    expect(codes({ passages: null })).toEqual([]);
    expect(codes({ passages: { seen: 4, total: 4 } })).toEqual([]);
    expect(
      missingRequirements({
        ...COMPLETE,
        requireAllKeyClausesSeen: true,
        passages: { seen: 1, total: 4 },
        assented: false,
      }).map((m) => [m.code, m.message]),
    ).toEqual([
      ['key-clauses', 'Read every term that limits your rights (0 of 12 read so far).'],
      ['passages', 'Read every changed passage (1 of 4 read so far).'],
      ['assent', 'Tick the box to agree to the agreement.'],
    ]);
  });

  it('asks for each additional document after the agreement, by its title, until its requirement holds', () => {
    const privacy = {
      id: 'privacy',
      title: 'Privacy Policy',
      requireScrollToEnd: true,
      reachedEnd: false,
      requireAllKeyClausesSeen: true,
      keyClausesSeen: 1,
      keyClausesTotal: 3,
    };
    const cookies = { ...privacy, id: 'cookies', title: 'Cookie Policy', requireAllKeyClausesSeen: false };
    const missing = missingRequirements({
      ...COMPLETE,
      reachedEnd: false,
      documents: [privacy, cookies],
      assented: false,
    });
    expect(missing).toEqual([
      { code: 'scroll-to-end', message: 'Scroll to the end of the agreement.' },
      { code: 'document-end', message: 'Scroll to the end of the Privacy Policy.', documentId: 'privacy' },
      {
        code: 'document-key-clauses',
        message: 'Read every term of the Privacy Policy that limits your rights (1 of 3 read so far).',
        documentId: 'privacy',
      },
      { code: 'document-end', message: 'Scroll to the end of the Cookie Policy.', documentId: 'cookies' },
      // One box agrees to all three.
      { code: 'assent', message: 'Tick the box to agree to the documents.' },
    ]);
    expect(
      codes({
        documents: [
          { ...privacy, reachedEnd: true, keyClausesSeen: 3 },
          { ...cookies, requireScrollToEnd: false },
        ],
      }),
    ).toEqual([]);
  });

  it('asks for a birth date first, then a valid one, then waits for the age decision', () => {
    const guardian = {
      birthDateEntered: false,
      birthDateInvalid: false,
      decided: false,
      required: false,
      invalid: [],
    };
    expect(codes({ guardian })).toEqual(['birth-date']);
    expect(codes({ guardian: { ...guardian, birthDateEntered: true, birthDateInvalid: true } })).toEqual([
      'birth-date-invalid',
    ]);
    expect(codes({ guardian: { ...guardian, birthDateEntered: true } })).toEqual(['age-pending']);
    expect(codes({ guardian: { ...guardian, birthDateEntered: true, decided: true } })).toEqual([]);
  });

  it('ignores guardian fields when no guardian is required', () => {
    expect(
      codes({
        guardian: {
          birthDateEntered: true,
          birthDateInvalid: false,
          decided: true,
          required: false,
          invalid: ['name'],
        },
      }),
    ).toEqual([]);
  });

  it('names a single acknowledgement by its label', () => {
    const missing = missingRequirements({
      ...COMPLETE,
      acknowledgements: [{ id: 'x', label: 'I will not make harassing calls' }],
    });
    expect(missing).toEqual([
      { code: 'acknowledgements', message: 'Tick the box: “I will not make harassing calls”.' },
    ]);
  });

  it('takes overridden messages', () => {
    const missing = missingRequirements(
      { ...COMPLETE, assented: false },
      { ...defaultReasonMessages, assent: 'Cochez la case.' },
    );
    expect(missing).toEqual([{ code: 'assent', message: 'Cochez la case.' }]);
  });

  it('words the guardian reasons as the guardian form does, in the language given', () => {
    const guardian = {
      birthDateEntered: true,
      birthDateInvalid: false,
      decided: true,
      required: true,
      invalid: ['name' as const],
    };
    expect(missingRequirements({ ...COMPLETE, guardian }).map((m) => m.message)).toEqual([
      en.guardian.nameRequired,
    ]);
    expect(
      missingRequirements({ ...COMPLETE, guardian, assented: false }, zhCN.reasons, zhCN.guardian).map(
        (m) => m.message,
      ),
    ).toEqual(['请输入法定监护人的姓名。', '请勾选同意协议。']);
  });

  it('takes a reason as a function of its values (plural logic)', () => {
    const missing = missingRequirements(
      { ...COMPLETE, requireAllKeyClausesSeen: true, keyClausesSeen: 11 },
      {
        keyClauses: ({ seen, total }) =>
          total - seen === 1 ? 'One term left.' : `${total - seen} terms left.`,
      },
    );
    expect(missing.map((m) => m.message)).toEqual(['One term left.']);
  });

  it('is the catalogue, not a copy of it', () => {
    expect(defaultReasonMessages).toBe(en.reasons);
  });
});
