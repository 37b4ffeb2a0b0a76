'use client';
import {
  forwardRef,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { mergeRefs } from '../internal/merge-props';
import { resolveScrollBehavior } from '../internal/scroll';
import { useClickwrapConfig, useClickwrapContext, useClickwrapState, useCx, visuallyHidden } from './root';
import { documentTitles, format } from '../messages';

// ---------------------------------------------------------------------------------------------
// AssentCheckbox
// ---------------------------------------------------------------------------------------------

export interface AssentCheckboxProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'checked' | 'defaultChecked'
> {
  /** The label. @default messages.assentLabel with every document's title */
  label?: ReactNode;
  /** Class of the checkbox `<input>` itself (`className` goes on the wrapper of checkbox and label). */
  inputClassName?: string;
  /** The field's name in a form. @default 'clickwrap-assent' */
  name?: string;
  /** The value submitted when ticked. @default 'accepted' */
  value?: string;
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const AssentCheckbox = forwardRef<HTMLInputElement, AssentCheckboxProps>(function AssentCheckbox(
  {
    className,
    inputClassName,
    label,
    name = 'clickwrap-assent',
    value = 'accepted',
    required = true,
    id: idProp,
    ...rest
  },
  ref,
) {
  const { messages, store, acknowledgements, titles, locale, optionalConsents } =
    useClickwrapConfig('AssentCheckbox');
  const cw = useClickwrapContext('AssentCheckbox');
  const cx = useCx();
  const generatedId = useId();
  const id = idProp ?? generatedId;
  const inputRef = useRef<HTMLInputElement | null>(null);
  const mergedRef = useMemo(() => mergeRefs(ref, inputRef), [ref]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  // Native validity follows the gate: a form cannot be submitted until consent is complete.
  const validity = cw.canAccept || cw.status !== 'idle' ? '' : cw.missing.join(' ');
  useEffect(() => {
    inputRef.current?.setCustomValidity(validity);
  }, [validity]);

  // A form reset unticks the boxes in the DOM; the state follows (and a locked state, which
  // ignores the change, is written back by the re-render).
  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const onReset = () => {
      const current = store.get();
      current.setAssented(false);
      for (const ack of acknowledgements) current.setAcknowledged(ack.id, false);
      for (const consent of optionalConsents) current.setOptionalConsent(consent.id, false);
      current.guardian?.setAttested(false);
      rerender();
    };
    form.addEventListener('reset', onReset);
    return () => form.removeEventListener('reset', onReset);
  }, [store, acknowledgements, optionalConsents]);

  return (
    <div className={cx('check', cx('assent'), className)}>
      <input
        {...cw.getAssentCheckboxProps({
          ...rest,
          id,
          name,
          value,
          required,
          ref: mergedRef,
          className: cx('checkbox', inputClassName),
        })}
      />
      <label htmlFor={id} className={cx('check-label')}>
        {label ?? format(messages.assentLabel, { title: documentTitles(messages, titles, locale) })}
      </label>
    </div>
  );
});

// ---------------------------------------------------------------------------------------------
// MissingReasons
// ---------------------------------------------------------------------------------------------

export type MissingReasonsProps = HTMLAttributes<HTMLDivElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const MissingReasons = forwardRef<HTMLDivElement, MissingReasonsProps>(function MissingReasons(
  { className, ...rest },
  ref,
) {
  const { messages, store } = useClickwrapConfig('MissingReasons');
  const cw = useClickwrapContext('MissingReasons');
  const cx = useCx();
  const show = cw.status === 'idle' && cw.missing.length > 0;
  // What a press of Accept too early says: the reasons as they were at that press, until they
  // change (then only the list, which is not live, shows them: a region that spoke each count
  // would talk over the reading). Adjusted while rendering, as React has state follow a prop.
  const reasons = show ? cw.missing.join('\n') : '';
  const [said, setSaid] = useState({ attempts: cw.attempts, reasons: '', spoken: '' });
  if (said.attempts !== cw.attempts) {
    // Less what a mounted part says itself at the press (the guardian form's error summary).
    const spoken = show
      ? cw.missingRequirements
          .filter((m) => !store.spokenFor(m.code))
          .map((m) => m.message)
          .join('\n')
      : '';
    setSaid({ attempts: cw.attempts, reasons, spoken });
  } else if (said.reasons !== '' && said.reasons !== reasons) setSaid({ ...said, reasons: '', spoken: '' });
  return (
    <>
      <div {...cw.getMissingProps({ ...rest, ref, className: cx('missing', className) })}>
        {show ? (
          <>
            <p className={cx('missing-heading')}>{messages.missingHeading}</p>
            <ul className={cx('missing-list')}>
              {cw.missing.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {/* Present (empty) from the start, beside the list (not in Accept's description); a new
          node per press, so the same words are said again. A polite region without the status
          role, as the reading progress's: the delivery status stays the one status there. */}
      <p aria-live="polite" style={visuallyHidden}>
        {said.spoken === '' ? null : (
          <span key={said.attempts}>{[messages.missingHeading, ...said.spoken.split('\n')].join(' ')}</span>
        )}
      </p>
    </>
  );
});

// ---------------------------------------------------------------------------------------------
// AcceptButton and DeclineButton
// ---------------------------------------------------------------------------------------------

export type AcceptButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const AcceptButton = forwardRef<HTMLButtonElement, AcceptButtonProps>(function AcceptButton(
  { className, children, onClick, ...rest },
  ref,
) {
  const { messages } = useClickwrapConfig('AcceptButton');
  const cw = useClickwrapContext('AcceptButton');
  const cx = useCx();
  const blockedNow = cw.status === 'idle' && !cw.canAccept;
  const missingId = cw.missingId;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !blockedNow) return;
    const reasons = event.currentTarget.ownerDocument.getElementById(missingId);
    reasons?.scrollIntoView({ block: 'nearest', behavior: resolveScrollBehavior(reasons) });
  };
  return (
    <button
      {...cw.getAcceptButtonProps({
        ...rest,
        ref,
        onClick: handleClick,
        className: cx('button', className),
        'data-variant': 'primary',
      })}
    >
      {children ?? (cw.status === 'failed' ? messages.retry : messages.accept)}
    </button>
  );
});

export type DeclineButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

// Its documentation is on the public name, in src/components/public-parts.ts.
export const DeclineButton = forwardRef<HTMLButtonElement, DeclineButtonProps>(function DeclineButton(
  { className, children, ...rest },
  ref,
) {
  const { messages } = useClickwrapConfig('DeclineButton');
  const cw = useClickwrapContext('DeclineButton');
  const cx = useCx();
  return (
    <button
      {...cw.getDeclineButtonProps({
        ...rest,
        ref,
        className: cx('button', className),
        'data-variant': 'secondary',
      })}
    >
      {children ?? messages.decline}
    </button>
  );
});

// ---------------------------------------------------------------------------------------------
// DeliveryStatus
// ---------------------------------------------------------------------------------------------

export interface DeliveryStatusProps extends HTMLAttributes<HTMLDivElement> {
  /** How a delivery error is shown. @default its message, when it is an Error or a string */
  renderError?: (error: unknown) => ReactNode;
}

function defaultRenderError(error: unknown): ReactNode {
  if (error instanceof Error) return error.message || null;
  if (typeof error === 'string') return error;
  return null;
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const DeliveryStatus = forwardRef<HTMLDivElement, DeliveryStatusProps>(function DeliveryStatus(
  { className, renderError = defaultRenderError, ...rest },
  ref,
) {
  const { messages } = useClickwrapConfig('DeliveryStatus');
  const { cw, declined } = useClickwrapState('DeliveryStatus');
  const cx = useCx();
  const showDeclined = declined && cw.status === 'idle';
  let content: ReactNode = null;
  if (cw.status === 'submitting') {
    content = <p className={cx('status-text')}>{messages.submitting}</p>;
  } else if (cw.status === 'failed') {
    const detail = renderError(cw.error);
    content = (
      <>
        <p className={cx('status-text')}>
          {messages.failed}
          {detail ? <> {detail}</> : null}
        </p>
        <p className={cx('status-hint')}>{messages.failedHint}</p>
      </>
    );
  } else if (cw.status === 'accepted') {
    content = (
      <p className={cx('status-text')}>
        {messages.accepted}{' '}
        {cw.receipt ? (
          <span className={cx('status-receipt')}>
            {format(messages.receiptId, { id: cw.receipt.receiptId })}
          </span>
        ) : null}
      </p>
    );
  } else if (showDeclined) {
    content = <p className={cx('status-text')}>{messages.declined}</p>;
  }
  return (
    <div
      {...cw.getStatusProps({
        // Focusable from script only: it takes focus when the button that was pressed goes.
        tabIndex: -1,
        ...rest,
        ref,
        className: cx('status', className),
        'data-declined': showDeclined ? '' : undefined,
      })}
    >
      {content}
    </div>
  );
});

// ---------------------------------------------------------------------------------------------
// AssentControls
// ---------------------------------------------------------------------------------------------

export interface AssentControlsProps extends HTMLAttributes<HTMLDivElement> {
  /** Props for the assent checkbox (name, value, react-hook-form's `register(…)`…). */
  assentCheckboxProps?: AssentCheckboxProps & { ref?: React.Ref<HTMLInputElement> };
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const AssentControls = forwardRef<HTMLDivElement, AssentControlsProps>(function AssentControls(
  { className, assentCheckboxProps, ...rest },
  ref,
) {
  const { messages } = useClickwrapConfig('AssentControls');
  const cx = useCx();
  return (
    <div ref={ref} className={cx('assent-controls', className)} {...rest}>
      <AssentCheckbox {...assentCheckboxProps} />
      <MissingReasons />
      <div role="group" aria-label={messages.actionsLabel} className={cx('buttons')}>
        <DeclineButton />
        <AcceptButton />
      </div>
      <DeliveryStatus />
    </div>
  );
});
