'use client';
import { forwardRef, useEffect, useId, type HTMLAttributes } from 'react';
import { dataFlag } from '../internal/merge-props';
import type { BirthDatePart, GuardianField, UseGuardianCoSignResult } from '../hooks/use-guardian-co-sign';
import { useClickwrapConfig, useClickwrapContext, useCx } from './context';
import type { ClickwrapMessages } from '../messages';
import { OnDemandPart } from './on-demand/boundary';
import { LoadedGuardianFields } from './on-demand/guardian';
import { laterParts } from './on-demand/parts';
import type { GuardianFieldIds } from './on-demand/guardian-fields';

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

/** A field's error, in the element its input is described by. */
export function FieldError({
  guardian,
  field,
  text,
}: {
  guardian: UseGuardianCoSignResult;
  field: GuardianField;
  text: string | undefined;
}) {
  const cx = useCx();
  return <p {...guardian.getErrorProps(field, { className: cx('error') })}>{text ?? null}</p>;
}

/** Where the birth date's error leads: the first day/month/year field marked invalid, else the day. */
function birthDateTarget(
  g: UseGuardianCoSignResult,
  ids: { birthDate: string; part: (part: BirthDatePart) => string },
): string {
  const invalid = (['day', 'month', 'year'] as const).find(
    (part) => g.getBirthDatePartProps(part)['aria-invalid'] === true,
  );
  return invalid ? ids.part(invalid) : ids.part('day');
}

/**
 * The GOV.UK error summary: at the top of the form, a heading and a link to each field with an
 * error, in an `alert` region so it is announced when it appears. A link moves focus to its
 * field (without touching the URL: the form may sit in a dialog or a routed app).
 */
function ErrorSummary({ errors }: { errors: Array<[GuardianField, string | undefined, string]> }) {
  const { messages } = useClickwrapConfig('GuardianForm');
  const cx = useCx();
  const headingId = useId();
  const shown = errors.filter((entry): entry is [GuardianField, string, string] => Boolean(entry[1]));
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
  const { messages } = useClickwrapConfig('GuardianForm');
  const cw = useClickwrapContext('GuardianForm');
  const cx = useCx();
  const id = useId();
  const g = cw.guardian;
  // The guardian's fields load on demand: fetched now, well before a birth date can need them
  // (the root preloads them too, for a dialog whose content mounts later).
  const hasGuardian = g != null;
  useEffect(() => {
    if (hasGuardian) laterParts.preload();
  }, [hasGuardian]);
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
  };
  const shown = g.shownErrors;

  return (
    <div
      ref={ref}
      className={cx('guardian', className)}
      data-minor={dataFlag(g.required)}
      data-verification={g.verification.status}
      {...rest}
    >
      <ErrorSummary
        errors={[
          ['birthDate', shown.birthDate, birthDateTarget(g, ids)],
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
            {messages.birthDateHint}
          </p>
          <FieldError guardian={g} field="birthDate" text={shown.birthDate} />
          <div className={cx('date-input')}>
            {(['day', 'month', 'year'] as const).map((part) => (
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

      {g.required ? (
        <OnDemandPart part={laterParts}>
          <LoadedGuardianFields guardian={g} ids={ids} />
        </OnDemandPart>
      ) : null}
    </div>
  );
});
