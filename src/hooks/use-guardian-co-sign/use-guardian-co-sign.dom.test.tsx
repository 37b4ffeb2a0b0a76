'use client';

import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useGuardianCoSign, type UseGuardianCoSignOptions, type UseGuardianCoSignResult } from './index';

const TODAY = '2025-06-01';
const ADULT = '1990-04-12';
/** 15 years old on TODAY. */
const FIFTEEN = '2010-01-15';

afterEach(cleanup);

/** A plain form built only from the hook's prop getters, as an app would write it. */
function Harness({
  onResult,
  ...options
}: UseGuardianCoSignOptions & { onResult?: (result: UseGuardianCoSignResult) => void }) {
  const g = useGuardianCoSign(options);
  onResult?.(g);
  return (
    <form aria-label="Age check">
      <label>
        Date of birth
        <input {...g.getBirthDateInputProps()} />
      </label>
      <p {...g.getErrorProps('birthDate')}>{g.shownErrors.birthDate}</p>
      {g.decision && <p>{g.decision.reason}</p>}
      {g.required && (
        <fieldset>
          <legend>Legal guardian</legend>
          <label>
            Guardian name
            <input {...g.getGuardianNameInputProps()} />
          </label>
          <p {...g.getErrorProps('name')}>{g.shownErrors.name}</p>
          <label>
            Relationship
            <input {...g.getRelationshipInputProps()} />
          </label>
          <p {...g.getErrorProps('relationship')}>{g.shownErrors.relationship}</p>
          <label>
            <input {...g.getAttestationCheckboxProps()} />
            {g.attestation}
          </label>
          <p {...g.getErrorProps('attestation')}>{g.shownErrors.attestation}</p>
          {options.verifyGuardian && (
            <>
              <button {...g.getVerifyButtonProps()}>Verify guardian</button>
              <p {...g.getErrorProps('verification')}>{g.shownErrors.verification}</p>
              <p>Verification: {g.verification.status}</p>
            </>
          )}
        </fieldset>
      )}
      <button type="button" onClick={g.showErrors}>
        Check
      </button>
      <p>{g.isComplete ? 'Complete' : 'Incomplete'}</p>
    </form>
  );
}

function setup(options: UseGuardianCoSignOptions = {}) {
  const user = userEvent.setup();
  let latest!: UseGuardianCoSignResult;
  const view = render(<Harness today={TODAY} {...options} onResult={(r) => (latest = r)} />);
  return { user, view, result: () => latest };
}

/** The text of the elements an element's aria-describedby points at. */
function descriptionOf(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function expectNoAxeViolations(container: HTMLElement) {
  const { violations } = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const guardianGroup = () => screen.queryByRole('group', { name: 'Legal guardian' });
const birthDateInput = () => screen.getByRole('textbox', { name: 'Date of birth' });

async function enterBirthDate(user: ReturnType<typeof userEvent.setup>, value: string) {
  await user.clear(birthDateInput());
  await user.type(birthDateInput(), value);
  await user.tab();
}

describe('useGuardianCoSign', () => {
  // Typed by the person and recorded as typed: no development warning reaches them, so the inputs
  // take no more than a receipt can carry (the default server's 2,000 characters).
  it("takes at most 2,000 characters in the guardian's name and relationship", async () => {
    const { user } = setup({ defaultBirthDate: FIFTEEN });
    for (const name of ['Guardian name', 'Relationship']) {
      const input = screen.getByRole('textbox', { name });
      expect(input).toHaveProperty('maxLength', 2000);
      await user.click(input);
      await user.paste('A'.repeat(2500));
      expect(input).toHaveProperty('value', 'A'.repeat(2000));
    }
  });

  describe('given no birth date yet', () => {
    it('is incomplete and, once checked, asks for the date of birth', async () => {
      const { user, result } = setup();
      expect(result().decision).toBeNull();
      expect(result().isComplete).toBe(false);
      expect(birthDateInput().hasAttribute('aria-invalid')).toBe(false);
      await user.click(screen.getByRole('button', { name: 'Check' }));
      expect(birthDateInput().getAttribute('aria-invalid')).toBe('true');
      expect(descriptionOf(birthDateInput())).toBe('Enter your date of birth.');
    });

    it('decides again when the day changes while the page is open, before anyone accepts', () => {
      vi.useFakeTimers();
      try {
        // The evening before the 18th birthday (under the agreement rule: a guardian until 18).
        vi.setSystemTime(new Date(2025, 5, 1, 23, 59, 30));
        let latest!: UseGuardianCoSignResult;
        render(
          <Harness
            defaultBirthDate="2007-06-02"
            rule={{ kind: 'agreement' }}
            onResult={(r) => (latest = r)}
          />,
        );
        expect(latest.decision?.required).toBe(true);
        expect(guardianGroup()).not.toBeNull();
        // Midnight passes; nothing is typed or clicked.
        act(() => void vi.advanceTimersByTime(60_000));
        expect(latest.decision?.required).toBe(false);
        expect(guardianGroup()).toBeNull();
        expect(latest.toReceipt()).toEqual({ guardian: null, minor: null });
      } finally {
        vi.useRealTimers();
      }
    });

    it('takes today from the local clock in an effect when `today` is not given', async () => {
      const user = userEvent.setup();
      let latest!: UseGuardianCoSignResult;
      render(<Harness defaultBirthDate={ADULT} onResult={(r) => (latest = r)} />);
      await user.click(screen.getByRole('button', { name: 'Check' }));
      expect(latest.decision?.required).toBe(false);
      expect(latest.isComplete).toBe(true);
    });
  });

  describe('given an adult', () => {
    it('shows no guardian section and is complete', async () => {
      const { user, view, result } = setup();
      await enterBirthDate(user, ADULT);
      expect(guardianGroup()).toBeNull();
      expect(result().required).toBe(false);
      expect(birthDateInput().hasAttribute('data-minor')).toBe(false);
      expect(screen.getByText('Complete')).toBeTruthy();
      expect(result().toReceipt()).toEqual({ guardian: null, minor: null });
      await expectNoAxeViolations(view.container);
    });
  });

  describe('given a 15-year-old under the agreement rule', () => {
    it('requires a guardian and says why', async () => {
      const { user, result } = setup();
      await enterBirthDate(user, FIFTEEN);
      expect(guardianGroup()).not.toBeNull();
      expect(result().required).toBe(true);
      expect(birthDateInput().getAttribute('data-minor')).toBe('');
      expect(
        screen.getByText('Under 18: the agreement requires a legal guardian to read it with you.'),
      ).toBeTruthy();
      expect(screen.getByText('Incomplete')).toBeTruthy();
    });

    it('shows an error for each missing part once checked', async () => {
      const { user, view } = setup({ defaultBirthDate: FIFTEEN });
      await user.click(screen.getByRole('button', { name: 'Check' }));
      const name = screen.getByRole('textbox', { name: 'Guardian name' });
      const relationship = screen.getByRole('textbox', { name: 'Relationship' });
      const attestation = screen.getByRole('checkbox', { name: /I read this agreement together/ });
      expect(name.getAttribute('aria-invalid')).toBe('true');
      expect(descriptionOf(name)).toBe("Enter the legal guardian's full name.");
      expect(descriptionOf(relationship)).toBe("Enter the legal guardian's relationship to you.");
      expect(descriptionOf(attestation)).toBe(
        'The legal guardian must confirm they read the agreement with you.',
      );
      expect(screen.getByText("Enter the legal guardian's full name.")).toBeTruthy();
      await expectNoAxeViolations(view.container);
    });

    it('shows an error only after a field is left, not while typing the first time', async () => {
      const { user } = setup({ defaultBirthDate: FIFTEEN });
      const name = screen.getByRole('textbox', { name: 'Guardian name' });
      await user.click(name);
      expect(name.hasAttribute('aria-invalid')).toBe(false);
      await user.tab();
      expect(name.getAttribute('aria-invalid')).toBe('true');
    });

    it("rejects a guardian name equal to the minor's, ignoring case and spacing", async () => {
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, minorName: 'Anna  Berg' });
      const name = screen.getByRole('textbox', { name: 'Guardian name' });
      await user.type(name, '  anna berg ');
      await user.tab();
      expect(descriptionOf(name)).toBe(
        "Enter the legal guardian's own name: it cannot be the same as the minor's.",
      );
      expect(result().errors.name).toBeDefined();
      await user.clear(name);
      await user.type(name, 'Karin Berg');
      expect(name.hasAttribute('aria-invalid')).toBe(false);
      expect(result().errors.name).toBeUndefined();
    });

    it('is complete once the guardian has named themself, their relationship and attested', async () => {
      const { user, result, view } = setup({ defaultBirthDate: FIFTEEN, minorName: 'Anna Berg' });
      await user.type(screen.getByRole('textbox', { name: 'Guardian name' }), 'Karin  Berg ');
      await user.type(screen.getByRole('textbox', { name: 'Relationship' }), 'mother');
      await user.click(screen.getByRole('checkbox', { name: /I read this agreement together/ }));
      expect(screen.getByText('Complete')).toBeTruthy();
      expect(result().errors).toEqual({});
      expect(result().toReceipt()).toEqual({
        guardian: {
          name: 'Karin Berg',
          relationship: 'mother',
          attestation: result().attestation,
          mode: 'joint',
          verification: null,
        },
        minor: { ageBracket: '15', rule: 'agreement', minimumAge: 18 },
      });
      await expectNoAxeViolations(view.container);
    });

    it('records guardian-only mode and its own attestation', async () => {
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, mode: 'guardian-only' });
      await user.type(screen.getByRole('textbox', { name: 'Guardian name' }), 'Karin Berg');
      await user.type(screen.getByRole('textbox', { name: 'Relationship' }), 'mother');
      await user.click(screen.getByRole('checkbox', { name: /on their behalf/ }));
      const receipt = result().toReceipt();
      expect(receipt.guardian?.mode).toBe('guardian-only');
      expect(receipt.guardian?.attestation).toMatch(/I agree to it on their behalf\.$/);
    });

    it('ignores edits while read-only', async () => {
      const { user, view, result } = setup({ defaultBirthDate: FIFTEEN });
      view.rerender(<Harness today={TODAY} defaultBirthDate={FIFTEEN} readOnly onResult={() => {}} />);
      const name = screen.getByRole('textbox', { name: 'Guardian name' });
      expect(name.hasAttribute('readonly')).toBe(true);
      await user.type(name, 'X');
      const box = screen.getByRole('checkbox', { name: /I read this agreement/ });
      expect(box.getAttribute('aria-disabled')).toBe('true');
      await user.click(box);
      expect((box as HTMLInputElement).checked).toBe(false);
      expect(result().guardian.name).toBe('');
    });
  });

  describe('given a verifyGuardian check', () => {
    async function fillGuardian(user: ReturnType<typeof userEvent.setup>) {
      await user.type(screen.getByRole('textbox', { name: 'Guardian name' }), 'Karin Berg');
      await user.type(screen.getByRole('textbox', { name: 'Relationship' }), 'mother');
      await user.click(screen.getByRole('checkbox', { name: /I read this agreement/ }));
    }

    it('is incomplete until verified, then records the reference', async () => {
      const verifyGuardian = vi.fn(async () => ({ ok: true, reference: 'case-42' }));
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, verifyGuardian });
      await fillGuardian(user);
      expect(result().isComplete).toBe(false);
      expect(result().errors.verification).toBe('The legal guardian must be verified.');
      await user.click(screen.getByRole('button', { name: 'Verify guardian' }));
      expect(verifyGuardian).toHaveBeenCalledWith({ name: 'Karin Berg', relationship: 'mother' });
      expect(await screen.findByText('Verification: verified')).toBeTruthy();
      expect(result().isComplete).toBe(true);
      expect(result().toReceipt().guardian?.verification).toBe('case-42');
    });

    it("shows the app's message when verification fails", async () => {
      const verifyGuardian = vi.fn(async () => ({ ok: false, message: 'No parental account matches.' }));
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, verifyGuardian });
      await fillGuardian(user);
      await user.click(screen.getByRole('button', { name: 'Verify guardian' }));
      expect(await screen.findByText('Verification: failed')).toBeTruthy();
      const button = screen.getByRole('button', { name: 'Verify guardian' });
      expect(descriptionOf(button)).toBe('No parental account matches.');
      expect(result().isComplete).toBe(false);
    });

    it('shows a generic message and keeps the error when verification throws', async () => {
      const boom = new Error('network down');
      const verifyGuardian = vi.fn(async () => {
        throw boom;
      });
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, verifyGuardian });
      await fillGuardian(user);
      await user.click(screen.getByRole('button', { name: 'Verify guardian' }));
      expect(await screen.findByText('Verification: failed')).toBeTruthy();
      expect(
        screen.getByText('The legal guardian could not be verified because of an error. Try again.'),
      ).toBeTruthy();
      expect(result().verification.error).toBe(boom);
      expect(result().isComplete).toBe(false);
    });

    it('shows no error while the check runs again after a failure, then its answer', async () => {
      const answers: Array<(r: { ok: boolean; message?: string }) => void> = [];
      const verifyGuardian = vi.fn(
        () => new Promise<{ ok: boolean; message?: string }>((r) => answers.push(r)),
      );
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, verifyGuardian });
      await fillGuardian(user);
      const button = screen.getByRole('button', { name: 'Verify guardian' });
      await user.click(button);
      await act(async () => answers[0]!({ ok: false, message: 'No parental account matches.' }));
      expect(descriptionOf(button)).toBe('No parental account matches.');
      await user.click(button);
      expect(result().verification.status).toBe('verifying');
      expect(result().shownErrors.verification).toBeUndefined();
      expect(screen.queryByText('The legal guardian must be verified.')).toBeNull();
      expect(result().isComplete).toBe(false);
      await act(async () => answers[1]!({ ok: false, message: 'Still no parental account.' }));
      expect(descriptionOf(button)).toBe('Still no parental account.');
    });

    it('forgets a verification when the name changes, and drops a stale answer', async () => {
      let resolve!: (r: { ok: boolean }) => void;
      const verifyGuardian = vi.fn(() => new Promise<{ ok: boolean }>((r) => (resolve = r)));
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, verifyGuardian });
      await fillGuardian(user);
      await user.click(screen.getByRole('button', { name: 'Verify guardian' }));
      expect(result().verification.status).toBe('verifying');
      await user.type(screen.getByRole('textbox', { name: 'Guardian name' }), 'x');
      expect(result().verification.status).toBe('idle');
      await act(async () => resolve({ ok: true }));
      expect(result().verification.status).toBe('idle');
      expect(result().isComplete).toBe(false);
    });
  });

  describe('given the GDPR rule', () => {
    it('treats a 15-year-old in France as able to consent (age 15)', async () => {
      const { result } = setup({ defaultBirthDate: FIFTEEN, rule: { kind: 'gdpr', country: 'FR' } });
      expect(guardianGroup()).toBeNull();
      expect(result().required).toBe(false);
      expect(screen.getByText(/15 or older in France \(FR\)/)).toBeTruthy();
    });

    it('requires a guardian for a 15-year-old in Germany (age 16)', async () => {
      const { user, result } = setup({ defaultBirthDate: FIFTEEN, rule: { kind: 'gdpr', country: 'DE' } });
      expect(guardianGroup()).not.toBeNull();
      await user.type(screen.getByRole('textbox', { name: 'Guardian name' }), 'Karin Berg');
      await user.type(screen.getByRole('textbox', { name: 'Relationship' }), 'mother');
      await user.click(screen.getByRole('checkbox', { name: /I read this agreement/ }));
      expect(result().toReceipt().minor).toEqual({ ageBracket: '15', rule: 'gdpr:DE', minimumAge: 16 });
    });

    it('throws a clear error for a country without a GDPR age', () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(() => render(<Harness today={TODAY} rule={{ kind: 'gdpr', country: 'US' }} />)).toThrow(
        /custom/,
      );
      vi.restoreAllMocks();
    });
  });

  describe('given an invalid birth date in a single input', () => {
    it.each([
      ['in the future', '2030-01-01', 'Date of birth must be in the past.', /is in the future/],
      ['on 30 February', '2010-02-30', 'Date of birth must be a real date.', /February 2010 has 28 days/],
      [
        'unparsable',
        '15/01/2010',
        'Enter your date of birth as year-month-day, for example 2007-03-27.',
        /is not in YYYY-MM-DD form/,
      ],
      [
        'more than 150 years ago',
        '1874-01-01',
        'Date of birth must be less than 150 years ago.',
        /more than 150 years/,
      ],
    ])("shows why when it is %s, in words for the person, not core's", async (_, value, shown, core) => {
      const { user, result } = setup();
      await enterBirthDate(user, value);
      const input = birthDateInput();
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(descriptionOf(input)).toBe(shown);
      expect(screen.getByText(shown)).toBeTruthy();
      expect(screen.queryByText(core)).toBeNull();
      expect(result().errors.birthDate).toBe(shown);
      // Core's developer wording stays available for logs.
      expect(result().ageError?.message).toMatch(core);
      expect(result().decision).toBeNull();
      expect(result().isComplete).toBe(false);
      expect(guardianGroup()).toBeNull();
    });
  });

  describe('controlled birth date', () => {
    it('reports changes and follows the prop', async () => {
      const onBirthDateChange = vi.fn();
      const user = userEvent.setup();
      const view = render(<Harness today={TODAY} birthDate={ADULT} onBirthDateChange={onBirthDateChange} />);
      await user.type(birthDateInput(), '1');
      expect(onBirthDateChange).toHaveBeenLastCalledWith(`${ADULT}1`);
      expect((birthDateInput() as HTMLInputElement).value).toBe(ADULT);
      view.rerender(<Harness today={TODAY} birthDate={FIFTEEN} onBirthDateChange={onBirthDateChange} />);
      expect(guardianGroup()).not.toBeNull();
    });
  });
});
