'use client';
import { forwardRef, useId, type FieldsetHTMLAttributes } from 'react';
import { useClickwrapConfig, useClickwrapContext, useCx } from './root';

export type OptionalConsentsProps = FieldsetHTMLAttributes<HTMLFieldSetElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const OptionalConsents = forwardRef<HTMLFieldSetElement, OptionalConsentsProps>(
  function OptionalConsents({ className, ...rest }, ref) {
    const { messages, optionalConsents } = useClickwrapConfig('OptionalConsents');
    const cw = useClickwrapContext('OptionalConsents');
    const cx = useCx();
    const id = useId();
    if (optionalConsents.length === 0) return null;
    const hintId = `${id}-hint`;
    return (
      <fieldset
        ref={ref}
        aria-describedby={hintId}
        className={cx('fieldset', cx('optional-consents'), className)}
        {...rest}
      >
        <legend className={cx('legend')}>{messages.optionalConsentsLegend}</legend>
        <p id={hintId} className={cx('hint')}>
          {messages.optionalConsentsHint}
        </p>
        {optionalConsents.map((consent, index) => {
          const inputId = `${id}-${index}`;
          return (
            <div key={consent.id} className={cx('check')}>
              <input
                {...cw.getOptionalConsentCheckboxProps(consent.id, {
                  id: inputId,
                  className: cx('checkbox'),
                })}
              />
              <label htmlFor={inputId} className={cx('check-label')}>
                {consent.label}
              </label>
            </div>
          );
        })}
      </fieldset>
    );
  },
);
