'use client';
/**
 * The legal guardian's co-signing fields (name, relationship, attestation, the app's
 * verification): shown only once the birth date makes the signer a minor, a decision made on
 * the client only (the server does not know today's date), so none of it is ever in the
 * server's HTML. It is in the chunk of parts shown later, preloaded as soon as a clickwrap takes `guardian`.
 */
import type { BirthDatePart, UseGuardianCoSignResult } from '../../hooks/use-guardian-co-sign';
import { format } from '../../messages';
import { FieldError } from '../guardian-form';
import { useClickwrapConfig } from '../root/context';
import { useCx } from '../root/helpers';

/** The ids the guardian form gives its fields (its error summary links to them). */
export interface GuardianFieldIds {
  birthDate: string;
  birthDateHint: string;
  part: (part: BirthDatePart) => string;
  intro: string;
  name: string;
  relationship: string;
  relationshipHint: string;
  attestation: string;
  verify: string;
}

/** The guardian's fieldset, for a minor. */
export function GuardianFields({
  guardian: g,
  ids,
}: {
  guardian: UseGuardianCoSignResult;
  ids: GuardianFieldIds;
}) {
  const { messages, verifiesGuardian } = useClickwrapConfig('GuardianForm');
  const cx = useCx();
  const shown = g.shownErrors;
  return (
    <fieldset className={cx('fieldset')} aria-describedby={ids.intro}>
      <legend className={cx('legend')}>{messages.guardianLegend}</legend>
      <p id={ids.intro} className={cx('hint')}>
        {format(messages.guardianIntro, { minimumAge: g.minimumAge })}
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
            })}
          >
            {g.verification.status === 'verifying' ? messages.verifyingGuardian : messages.verifyGuardian}
          </button>
          <FieldError
            guardian={g}
            field="verification"
            text={
              g.verification.status === 'verified'
                ? (g.verification.message ?? messages.guardianVerified)
                : shown.verification
            }
          />
        </div>
      ) : null}
    </fieldset>
  );
}
