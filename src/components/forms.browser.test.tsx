'use client';
import { useForm } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ClickwrapPage } from './clickwrap-page';
import { en, format } from '../messages';
import { agreement, COMMITMENTS, frames, scrollToEnd, SIGNER } from './test-utils.test-utils';

const assentName = format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) });
const assent = () => page.getByRole('checkbox', { name: assentName });

beforeEach(async () => {
  await page.viewport(1024, 800);
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('inside a native <form>', () => {
  async function setup() {
    const onSubmit = vi.fn<(data: FormData) => void>();
    await render(
      <form
        aria-label="Sign up"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(new FormData(event.currentTarget));
        }}
      >
        <label>
          Email <input name="email" type="email" defaultValue="anna@example.com" />
        </label>
        <ClickwrapPage
          agreement={agreement}
          signer={SIGNER}
          onAccept={() => {}}
          acknowledgements={COMMITMENTS}
          assentCheckboxProps={{ name: 'consent' }}
        />
        <button type="submit">Create account</button>
        <button type="reset">Start over</button>
      </form>,
    );
    const form = document.querySelector('form')!;
    const input = assent().element() as HTMLInputElement;
    return { onSubmit, form, input };
  }

  it('is a real, required field whose validity blocks submission until consent is complete', async () => {
    const { onSubmit, form, input } = await setup();
    expect(input.name).toBe('consent');
    expect(input.value).toBe('accepted');
    expect(input.required).toBe(true);
    expect(input.validity.valid).toBe(false);
    expect(input.validationMessage).toContain(en.reasons.scrollToEnd);

    await userEvent.click(page.getByRole('button', { name: 'Create account' }));
    expect(onSubmit).not.toHaveBeenCalled();

    // Ticked, but the agreement is not read and the acknowledgements not given: still blocked.
    await userEvent.click(assent());
    await frames(2);
    expect(input.validity.valid).toBe(false);
    expect(input.validationMessage).not.toContain(format(en.reasons.assent, { count: 1 }));
    form.requestSubmit();
    expect(onSubmit).not.toHaveBeenCalled();

    await scrollToEnd();
    for (const ack of COMMITMENTS) await userEvent.click(page.getByLabelText(ack.label));
    await expect.poll(() => input.validity.valid).toBe(true);
    await userEvent.click(page.getByRole('button', { name: 'Create account' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const data = onSubmit.mock.calls[0]![0];
    expect(data.get('consent')).toBe('accepted');
    expect(data.get('email')).toBe('anna@example.com');
  });

  it('a form reset restores it, unticked', async () => {
    const { input } = await setup();
    await userEvent.click(assent());
    await userEvent.click(page.getByLabelText(COMMITMENTS[0]!.label));
    await expect.element(assent()).toBeChecked();
    await userEvent.click(page.getByRole('button', { name: 'Start over' }));
    await expect.element(assent()).not.toBeChecked();
    await expect.element(assent()).toHaveAttribute('data-state', 'unchecked');
    await expect.element(page.getByLabelText(COMMITMENTS[0]!.label)).not.toBeChecked();
    // Still under React's control afterwards.
    await userEvent.click(assent());
    await expect.element(assent()).toBeChecked();
    expect(input.checked).toBe(true);
  });
});

describe('with react-hook-form', () => {
  function SignupForm({ onValid }: { onValid: (data: Record<string, unknown>) => void }) {
    const {
      register,
      handleSubmit,
      formState: { errors },
    } = useForm<{ consent: string | boolean }>();
    return (
      <form noValidate aria-label="Sign up" onSubmit={handleSubmit(onValid)}>
        <ClickwrapPage
          agreement={agreement}
          signer={SIGNER}
          onAccept={() => {}}
          assentCheckboxProps={register('consent', { required: true })}
        />
        {errors.consent ? <p role="alert">Please agree to the terms.</p> : null}
        <button type="submit">Create account</button>
      </form>
    );
  }

  it('registers the assent through the forwarded ref, onChange and onBlur', async () => {
    const onValid = vi.fn();
    await render(<SignupForm onValid={onValid} />);
    await userEvent.click(page.getByRole('button', { name: 'Create account' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Please agree');
    expect(onValid).not.toHaveBeenCalled();

    await userEvent.click(assent());
    await expect.element(assent()).toBeChecked();
    await userEvent.click(page.getByRole('button', { name: 'Create account' }));
    await expect.poll(() => onValid.mock.calls.length).toBe(1);
    expect(onValid.mock.calls[0]![0]).toEqual({ consent: 'accepted' });
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
  });
});
