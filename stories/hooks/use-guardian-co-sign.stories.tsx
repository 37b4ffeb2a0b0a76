import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { useGuardianCoSign } from '../../src';
import type { GuardianField, UseGuardianCoSignOptions } from '../../src';
import { HookState, stateOf, yesNo } from './parts';

type GuardianCoSignDemoProps = Pick<UseGuardianCoSignOptions, 'mode' | 'minorName' | 'rule'>;

const fieldStyle = { display: 'grid', gap: 4 } as const;

/** An age gate that asks for a legal guardian when the rule says so, with the hook's state. */
function GuardianCoSignDemo(options: GuardianCoSignDemoProps) {
  const g = useGuardianCoSign(options);
  // Always rendered (a live region must exist before its text changes), empty until shown.
  const error = (field: GuardianField) => (
    <p {...g.getErrorProps(field, { style: { margin: 0 } })}>{g.shownErrors[field]}</p>
  );
  const errors = Object.values(g.errors);
  return (
    <div style={{ display: 'grid', gap: 12, maxWidth: 560 }}>
      <form style={{ display: 'grid', gap: 12 }} onSubmit={(event) => event.preventDefault()}>
        <label style={fieldStyle}>
          Date of birth
          <input {...g.getBirthDateInputProps({ inputMode: 'numeric' })} />
        </label>
        {error('birthDate')}
        {g.required && (
          <fieldset style={{ display: 'grid', gap: 12 }}>
            <legend>Legal guardian</legend>
            <label style={fieldStyle}>
              Guardian name
              <input {...g.getGuardianNameInputProps()} />
            </label>
            {error('name')}
            <label style={fieldStyle}>
              Relationship to the minor
              <input {...g.getRelationshipInputProps()} />
            </label>
            {error('relationship')}
            <label>
              <input {...g.getAttestationCheckboxProps()} /> {g.attestation}
            </label>
            {error('attestation')}
          </fieldset>
        )}
      </form>
      <HookState
        label="useGuardianCoSign state"
        items={[
          ['Age', g.decision ? String(g.decision.age.years) : '—'],
          ['Age bracket in the receipt', g.decision?.ageBracket ?? '—'],
          ['Minimum age', String(g.minimumAge)],
          ['Guardian required', yesNo(g.required)],
          ['Decision', g.decision?.reason ?? '—'],
          ['Guardian part', g.isComplete ? 'complete' : 'incomplete'],
          [
            'Missing',
            errors.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {errors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : (
              'nothing'
            ),
          ],
        ]}
      />
    </div>
  );
}

const meta = {
  title: 'Hooks/useGuardianCoSign',
  component: GuardianCoSignDemo,
  args: { mode: 'joint', minorName: 'Anna Berg', rule: { kind: 'agreement' } },
  argTypes: { mode: { control: 'inline-radio', options: ['joint', 'guardian-only'] } },
  parameters: {
    docs: {
      description: {
        component:
          'The agreement asks users under 18 to read it accompanied by a legal guardian. The hook ' +
          "decides from the birth date and a rule (the agreement's 18, COPPA, GDPR Art. 8 by " +
          'country, or your own) whether a guardian must co-sign, and collects and validates ' +
          'their name, relationship and attestation. Errors show once a field has been left.',
      },
    },
  },
} satisfies Meta<typeof GuardianCoSignDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** 1 January, `years` years before this year: the person is exactly `years` old all year. */
function birthDateAged(years: number): string {
  return `${new Date().getFullYear() - years}-01-01`;
}

/** A 15-year-old: the guardian fields appear, and the guardian part completes once filled. */
export const Minor: Story = {
  play: async ({ canvas, userEvent, step }) => {
    await step('enter a birth date making a 15-year-old', async () => {
      await userEvent.type(canvas.getByRole('textbox', { name: 'Date of birth' }), birthDateAged(15));
      await userEvent.tab();
    });

    const name = await canvas.findByRole('textbox', { name: 'Guardian name' });
    await expect(stateOf(canvas, 'Age')).toBe('15');
    await expect(stateOf(canvas, 'Age bracket in the receipt')).toBe('15');
    await expect(stateOf(canvas, 'Guardian required')).toBe('yes');
    await expect(stateOf(canvas, 'Guardian part')).toBe('incomplete');
    await expect(canvas.getByRole('group', { name: 'Legal guardian' })).toBeVisible();

    await step('leaving the name empty shows its error', async () => {
      await userEvent.click(name);
      await userEvent.tab();
      await waitFor(() => expect(name).toHaveAccessibleDescription("Enter the legal guardian's full name."));
      await expect(name).toBeInvalid();
    });

    await step('the guardian fills in the form', async () => {
      await userEvent.type(name, 'Maria Berg');
      await userEvent.type(canvas.getByRole('textbox', { name: 'Relationship to the minor' }), 'parent');
      await userEvent.click(canvas.getByRole('checkbox', { name: /I am the legal guardian/ }));
    });

    await waitFor(() => expect(stateOf(canvas, 'Guardian part')).toBe('complete'));
    await expect(stateOf(canvas, 'Missing')).toBe('nothing');
    await expect(name).toBeValid();
  },
};

/** A 30-year-old: no guardian is asked for, and the age gate is complete at once. */
export const Adult: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Date of birth' }), birthDateAged(30));
    await waitFor(() => expect(stateOf(canvas, 'Guardian part')).toBe('complete'));
    await expect(stateOf(canvas, 'Guardian required')).toBe('no');
    await expect(canvas.queryByRole('group', { name: 'Legal guardian' })).not.toBeInTheDocument();
  },
};
