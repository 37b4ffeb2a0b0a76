'use client';
import { forwardRef, useId, type FieldsetHTMLAttributes } from 'react';
import { dataFlag } from '../internal/merge-props';
import { useClickwrapConfig, useClickwrapContext, useCx } from './root';

export type AcknowledgementsProps = FieldsetHTMLAttributes<HTMLFieldSetElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const Acknowledgements = forwardRef<HTMLFieldSetElement, AcknowledgementsProps>(
  function Acknowledgements({ className, ...rest }, ref) {
    const { messages, acknowledgements } = useClickwrapConfig('Acknowledgements');
    const cw = useClickwrapContext('Acknowledgements');
    const cx = useCx();
    const id = useId();
    if (acknowledgements.length === 0) return null;
    const complete = acknowledgements.every((ack) => cw.acknowledged[ack.id]);
    return (
      <fieldset
        ref={ref}
        className={cx('fieldset', cx('acknowledgements'), className)}
        data-complete={dataFlag(complete)}
        {...rest}
      >
        <legend className={cx('legend')}>{messages.acknowledgementsLegend}</legend>
        {acknowledgements.map((ack, index) => {
          const inputId = `${id}-${index}`;
          return (
            <div key={ack.id} className={cx('check')}>
              <input
                {...cw.getAcknowledgementCheckboxProps(ack.id, {
                  id: inputId,
                  className: cx('checkbox'),
                })}
              />
              <label htmlFor={inputId} className={cx('check-label')}>
                {ack.label}
              </label>
            </div>
          );
        })}
      </fieldset>
    );
  },
);
