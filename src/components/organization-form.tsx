'use client';
import { forwardRef, useId, type FieldsetHTMLAttributes } from 'react';
import { useClickwrapConfig, useClickwrapContext, useCx } from './root';

export type OrganizationFormProps = FieldsetHTMLAttributes<HTMLFieldSetElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const OrganizationForm = forwardRef<HTMLFieldSetElement, OrganizationFormProps>(
  function OrganizationForm({ className, ...rest }, ref) {
    const { messages } = useClickwrapConfig('OrganizationForm');
    const cw = useClickwrapContext('OrganizationForm');
    const cx = useCx();
    const id = useId();
    const org = cw.organization;
    if (!org) return null;
    const nameId = `${id}-name`;
    const authorityId = `${id}-authority`;
    const hintId = `${id}-authority-hint`;
    return (
      <fieldset ref={ref} className={cx('fieldset', cx('organization'), className)} {...rest}>
        <legend className={cx('legend')}>{messages.organizationLegend}</legend>
        <div className={cx('field')}>
          <label htmlFor={nameId} className={cx('label')}>
            {messages.organizationNameLabel}
          </label>
          <input
            {...cw.getOrganizationNameInputProps({
              id: nameId,
              type: 'text',
              className: cx('input'),
            })}
          />
          <p {...cw.getOrganizationErrorProps('name', { className: cx('error') })}>
            {org.shownErrors.name ?? null}
          </p>
        </div>
        <div className={cx('field')}>
          <label htmlFor={authorityId} className={cx('label')}>
            {messages.signerAuthorityLabel}
          </label>
          <p id={hintId} className={cx('hint')}>
            {messages.signerAuthorityHint}
          </p>
          <input
            {...cw.getSignerAuthorityInputProps({
              id: authorityId,
              type: 'text',
              className: cx('input'),
              'aria-describedby': hintId,
            })}
          />
          <p {...cw.getOrganizationErrorProps('signerAuthority', { className: cx('error') })}>
            {org.shownErrors.signerAuthority ?? null}
          </p>
        </div>
      </fieldset>
    );
  },
);
