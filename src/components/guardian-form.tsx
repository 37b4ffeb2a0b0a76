'use client';
import { forwardRef, useEffect, useId, useState, type HTMLAttributes } from 'react';
import { dataFlag } from '../internal/merge-props';
import type { MissingCode } from '../hooks/use-clickwrap';
import type { BirthDatePart, GuardianField, UseGuardianCoSignResult } from '../hooks/use-guardian-co-sign';
import { useClickwrapConfig, useClickwrapContext, useCx } from './context';
import { format, type ClickwrapMessages } from '../messages';
import { dateExample } from '../messages/date-order';

const PART_LABEL = {
  day: 'birthDateDayLabel',
  month: 'birthDateMonthLabel',
  year: 'birthDateYearLabel',
} as const satisfies Record<BirthDatePart, keyof ClickwrapMessages>;

export interface GuardianFormProps extends HTMLAttributes<HTMLDivElement> {
  /**
   * The birth-date entry: `parts` (day, month and year fields, the GOV.UK date input: works with
   * any keyboard, screen reader, autofill and locale) or the browser's own `date` picker.
   * @default 'parts'
   */
  birthDateInput?: 'parts' | 'date';
}

/**
 * A field's error, in the element its input is described by. The hook makes it a polite live
 * region, so that an error found on leaving the field is said. Here the form's error summary (an
 * alert) says the errors a press of Accept shows, and a failed guardian check whenever it
 * arrives: this region keeps quiet for those (`aria-live="off"` as the words arrive), so each is
 * said once. Its next change of words is said again.
 */
function FieldError({
  guardian,
  field,
  text,
  summarised = false,
}: {
  guardian: UseGuardianCoSignResult;
  field: GuardianField;
  text: string | undefined;
  /** Whether the error summary says these words whenever they show (a failed guardian check). */
  summarised?: boolean;
}) {
  const cx = useCx();
  const { attempts } = useClickwrapContext('GuardianForm');
  // The words a press showed, until they change; adjusted while rendering (state following a prop).
  const [press, setPress] = useState<{ attempts: number; text: string | undefined | null }>({
    attempts,
    text: null,
  });
  if (press.attempts !== attempts) setPress({ attempts, text });
  else if (press.text !== null && press.text !== text) setPress({ attempts, text: null });
  const quiet = summarised || (text !== undefined && text === press.text);
  return (
    <p
      {...guardian.getErrorProps(field, {
        className: cx('error'),
        'aria-live': quiet ? 'off' : undefined,
      })}
    >
      {text ?? null}
    </p>
  );
}

/** The ids the guardian form gives its fields (its error summary links to them). */
interface GuardianFieldIds {
  birthDate: string;
  birthDateHint: string;
  part: (part: BirthDatePart) => string;
  intro: string;
  name: string;
  relationship: string;
  relationshipHint: string;
  attestation: string;
  verify: string;
  /** The words that say the guardian's check passed (the verify button's description then). */
  verified: string;
}

/**
 * The guardian's fieldset, for a minor: shown only once the birth date makes the signer a minor,
 * a decision made on the client only (the server does not know today's date), so none of it is
 * ever in the server's HTML. It is part of the form, not loaded on demand: it appears the moment
 * the year is typed, so the next Tab reaches the guardian's name on any network.
 */
function GuardianFields({ guardian: g, ids }: { guardian: UseGuardianCoSignResult; ids: GuardianFieldIds }) {
  const { messages, locale, verifiesGuardian } = useClickwrapConfig('GuardianForm');
  const cx = useCx();
  const shown = g.shownErrors;
  const verified = g.verification.status === 'verified';
  return (
    <fieldset className={cx('fieldset')} aria-describedby={ids.intro}>
      <legend className={cx('legend')}>{messages.guardianLegend}</legend>
      <p id={ids.intro} className={cx('hint')}>
        {format(messages.guardianIntro, { minimumAge: g.minimumAge }, locale)}
      </p>
      <div className={cx('field')}>
        <label htmlFor={ids.name} className={cx('label')}>
          {messages.guardianNameLabel}
        </label>
        <input
          {...g.getGuardianNameInputProps({
            id: ids.name,
            type: 'text',
            className: cx('input'),
            autoComplete: 'off',
          })}
        />
        <FieldError guardian={g} field="name" text={shown.name} />
      </div>
      <div className={cx('field')}>
        <label htmlFor={ids.relationship} className={cx('label')}>
          {messages.relationshipLabel}
        </label>
        <p id={ids.relationshipHint} className={cx('hint')}>
          {messages.relationshipHint}
        </p>
        <input
          {...g.getRelationshipInputProps({
            id: ids.relationship,
            type: 'text',
            className: cx('input'),
            'aria-describedby': ids.relationshipHint,
          })}
        />
        <FieldError guardian={g} field="relationship" text={shown.relationship} />
      </div>
      <div className={cx('check')}>
        <input {...g.getAttestationCheckboxProps({ id: ids.attestation, className: cx('checkbox') })} />
        <label htmlFor={ids.attestation} className={cx('check-label')}>
          {g.attestation}
        </label>
      </div>
      <FieldError guardian={g} field="attestation" text={shown.attestation} />
      {verifiesGuardian ? (
        <div className={cx('field')}>
          <button
            {...g.getVerifyButtonProps({
              id: ids.verify,
              className: cx('button'),
              'data-variant': 'secondary',
              'aria-describedby': verified ? ids.verified : undefined,
            })}
          >
            {g.verification.status === 'verifying' ? messages.verifyingGuardian : messages.verifyGuardian}
          </button>
          <FieldError guardian={g} field="verification" summarised text={shown.verification} />
          {/* The check passed: said here, politely (its failure is the error summary's to say). */}
          <p id={ids.verified} aria-live="polite" className={cx('error')}>
            {verified ? (g.verification.message ?? messages.guardianVerified) : null}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * Where the birth date's error leads: the date field, or, as three fields, the first field
 * marked invalid in the order they show, else the first field.
 */
function birthDateTarget(
  g: UseGuardianCoSignResult,
  ids: { birthDate: string; part: (part: BirthDatePart) => string },
  input: 'parts' | 'date',
  order: readonly BirthDatePart[],
): string {
  if (input === 'date') return ids.birthDate;
  const invalid = order.find((part) => g.getBirthDatePartProps(part)['aria-invalid'] === true);
  return ids.part(invalid ?? order[0]!);
}

type SummaryEntry = [GuardianField, string, string];

/** The gate's requirements the summary speaks of at an early press of Accept, by its fields. */
const BIRTH_DATE_CODES: readonly MissingCode[] = ['birth-date', 'birth-date-invalid'];
const GUARDIAN_CODES: readonly MissingCode[] = [
  'guardian-name',
  'guardian-relationship',
  'guardian-attestation',
];

/**
 * What the summary would show at a press now, so what `MissingReasons` leaves to it: the birth
 * date's, the guardian's fields while they are shown, and the check unless it is running (its
 * error is not shown then, so the press's polite words say that it is still missing).
 */
function summaryCodes(guardianShown: boolean, checking: boolean): readonly MissingCode[] {
  if (!guardianShown) return BIRTH_DATE_CODES;
  return checking
    ? [...BIRTH_DATE_CODES, ...GUARDIAN_CODES]
    : [...BIRTH_DATE_CODES, ...GUARDIAN_CODES, 'guardian-verification'];
}

/**
 * The GOV.UK error summary: at the top of the form, a heading and a link to each field with an
 * error, in an `alert` region so it is announced when it appears. A link moves focus to its
 * field (without touching the URL: the form may sit in a dialog or a routed app).
 * Its list is taken at each accept attempt (`attempts`), as GOV.UK's is at each submission, and
 * keeps still while the person types: an assertive region that changed with every keystroke
 * would read itself out again over the typing (the field's own message says what is wrong now).
 * It empties once nothing is wrong, and leaves out the guardian's fields while they are not shown
 * (the birth date says an adult). A guardian check that fails, which arrives on its own time,
 * joins it when it does. `MissingReasons` does not say at the press what it would show then (the
 * store's `speakFor`, kept to what it shows at each moment): the alert says each reason once.
 */
function ErrorSummary({
  errors,
  attempts,
  guardianShown,
  checking,
}: {
  errors: Array<[GuardianField, string | undefined, string]>;
  attempts: number;
  guardianShown: boolean;
  /** A guardian check is running. */
  checking: boolean;
}) {
  const { messages, store } = useClickwrapConfig('GuardianForm');
  const cx = useCx();
  const headingId = useId();
  useEffect(() => store.speakFor(summaryCodes(guardianShown, checking)), [store, guardianShown, checking]);
  const now = errors.filter((entry): entry is SummaryEntry => Boolean(entry[1]));
  const [taken, setTaken] = useState<{ attempts: number; entries: SummaryEntry[] }>({
    attempts: 0,
    entries: [],
  });
  // Adjusted while rendering (React's pattern for state that follows a prop): a new attempt
  // takes the list; nothing wrong any more empties it.
  if (taken.attempts !== attempts || (now.length === 0 && taken.entries.length > 0)) {
    setTaken({ attempts, entries: attempts > 0 ? now : [] });
  }
  const late = now.filter(([field]) => field === 'verification' && !taken.entries.some(([f]) => f === field));
  const shown = [...taken.entries, ...late].filter(([field]) => guardianShown || field === 'birthDate');
  return (
    <div
      role="alert"
      aria-labelledby={shown.length > 0 ? headingId : undefined}
      className={cx('error-summary')}
    >
      {shown.length > 0 ? (
        <>
          <p id={headingId} className={cx('error-summary-heading')}>
            {messages.errorSummaryHeading}
          </p>
          <ul className={cx('error-summary-list')}>
            {shown.map(([field, text, target]) => (
              <li key={field}>
                <a
                  href={`#${target}`}
                  data-field={field}
                  onClick={(event) => {
                    const el = event.currentTarget.ownerDocument.getElementById(target);
                    if (!el) return;
                    event.preventDefault();
                    el.scrollIntoView({ block: 'center' });
                    el.focus({ preventScroll: true });
                  }}
                >
                  {text}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const GuardianForm = forwardRef<HTMLDivElement, GuardianFormProps>(function GuardianForm(
  { className, birthDateInput = 'parts', ...rest },
  ref,
) {
  const { messages, locale } = useClickwrapConfig('GuardianForm');
  const cw = useClickwrapContext('GuardianForm');
  const cx = useCx();
  const id = useId();
  const g = cw.guardian;
  if (!g) return null;

  const ids: GuardianFieldIds = {
    birthDate: `${id}-birth-date`,
    birthDateHint: `${id}-birth-date-hint`,
    part: (part: BirthDatePart) => `${id}-birth-date-${part}`,
    intro: `${id}-intro`,
    name: `${id}-name`,
    relationship: `${id}-relationship`,
    relationshipHint: `${id}-relationship-hint`,
    attestation: `${id}-attestation`,
    verify: `${id}-verify`,
    verified: `${id}-verified`,
  };
  const shown = g.shownErrors;
  // The fields in the order the UI's language writes a date (month first in US English, year
  // first in Chinese), the hook's, which its errors follow; the DOM order is the visual and the
  // Tab order. From Intl, pure: the server renders the same order as the browser.
  const order = g.birthDatePartOrder;

  return (
    <div
      ref={ref}
      className={cx('guardian', className)}
      data-minor={dataFlag(g.required)}
      data-verification={g.verification.status}
      {...rest}
    >
      <ErrorSummary
        attempts={cw.attempts}
        guardianShown={g.required}
        checking={g.verification.status === 'verifying'}
        errors={[
          ['birthDate', shown.birthDate, birthDateTarget(g, ids, birthDateInput, order)],
          ['name', shown.name, ids.name],
          ['relationship', shown.relationship, ids.relationship],
          ['attestation', shown.attestation, ids.attestation],
          ['verification', shown.verification, ids.verify],
        ]}
      />
      {birthDateInput === 'parts' ? (
        <fieldset
          {...g.getBirthDateGroupProps({
            className: cx('fieldset', cx('date-fieldset')),
            'aria-describedby': ids.birthDateHint,
          })}
        >
          <legend className={cx('legend')}>{messages.birthDateLabel}</legend>
          <p id={ids.birthDateHint} className={cx('hint')}>
            {format(messages.birthDateHint, { example: dateExample(order, locale) })}
          </p>
          <FieldError guardian={g} field="birthDate" text={shown.birthDate} />
          <div className={cx('date-input')}>
            {order.map((part) => (
              <div key={part} className={cx('field', cx('date-input-item'))}>
                <label htmlFor={ids.part(part)} className={cx('label')}>
                  {messages[PART_LABEL[part]]}
                </label>
                <input
                  {...g.getBirthDatePartProps(part, {
                    id: ids.part(part),
                    className: cx('input', cx('date-input-field'), cx(`date-input-${part}`)),
                    spellCheck: false,
                  })}
                />
              </div>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className={cx('fieldset', cx('field'))}>
          <label htmlFor={ids.birthDate} className={cx('label')}>
            {messages.birthDateLabel}
          </label>
          <input {...g.getBirthDateInputProps({ id: ids.birthDate, type: 'date', className: cx('input') })} />
          <FieldError guardian={g} field="birthDate" text={shown.birthDate} />
        </div>
      )}

      {g.required ? <GuardianFields guardian={g} ids={ids} /> : null}
    </div>
  );
});
