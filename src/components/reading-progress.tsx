'use client';
import { forwardRef, useId, type CSSProperties, type HTMLAttributes } from 'react';
import { dataFlag } from '../internal/merge-props';
import { useClickwrapConfig, useClickwrapContext, useCx } from './root';
import { format } from '../messages';

export type ReadingProgressProps = HTMLAttributes<HTMLDivElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ReadingProgress = forwardRef<HTMLDivElement, ReadingProgressProps>(function ReadingProgress(
  { className, ...rest },
  ref,
) {
  const { messages, locale } = useClickwrapConfig('ReadingProgress');
  const cw = useClickwrapContext('ReadingProgress');
  const cx = useCx();
  const labelId = useId();
  const percent = Math.round(cw.scroll.progress * 100);
  const reached = cw.scroll.reachedEnd;
  // In the UI's digits, as its dates are (the same locale on the server and in the browser).
  const valueText = format(messages.progressValue, { percent }, locale);
  return (
    <div
      ref={ref}
      className={cx('progress', className)}
      data-reached-end={dataFlag(reached)}
      data-value={percent}
      {...rest}
    >
      <div className={cx('progress-header')}>
        <span id={labelId} className={cx('progress-label')}>
          {messages.progressLabel}
        </span>
        <span className={cx('progress-value')} aria-hidden="true">
          {valueText}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
        className={cx('progress-track')}
        data-reached-end={dataFlag(reached)}
        style={{ '--rcw-progress': percent / 100 } as CSSProperties}
      >
        <div className={cx('progress-indicator')} />
      </div>
      {/* Present (empty) from the start, so the one change is announced. */}
      <p aria-live="polite" className={cx('progress-status')}>
        {reached ? messages.reachedEnd : ''}
      </p>
    </div>
  );
});
