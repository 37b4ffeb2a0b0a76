'use client';

/**
 * The prop getters of `useClickwrap`: what to spread on the checkboxes, the buttons, the reasons
 * and the organisation fields. Each takes the caller's props and merges them (handlers run the
 * caller's first, refs merge).
 */
import type { ChangeEvent, Dispatch } from 'react';
import { RECEIPT_BOUNDS } from '../../core/receipt/bounds';
import { warnOnce } from '../../internal/dev';
import { dataFlag, mergeProps, type AnyProps } from '../../internal/merge-props';
import type { ClickwrapAction, ClickwrapState, OrganizationField } from './reducer';
import type { ClickwrapAcknowledgement, ClickwrapOptionalConsent, UseClickwrapResult } from './types';

/** Drops a caller's `checked`/`defaultChecked`: consent boxes are ticked by the person only. */
function withoutPreTick(props: AnyProps | undefined, getter: string): AnyProps | undefined {
  if (!props || !('checked' in props || 'defaultChecked' in props)) return props;
  const { checked, defaultChecked, ...rest } = props;
  if (process.env.NODE_ENV !== 'production' && (checked || defaultChecked)) {
    warnOnce(
      `${getter} ignores \`checked\` and \`defaultChecked\`: a consent checkbox must be ticked by ` +
        'the person, never pre-ticked (a pre-ticked box is not a valid consent, and the receipt ' +
        'would record an agreement nobody gave). Remove the prop; the hook controls the box.',
    );
  }
  return rest;
}

/** What the getters read and call, as of this render. */
export interface GetterContext {
  state: ClickwrapState;
  dispatch: Dispatch<ClickwrapAction>;
  locked: boolean;
  canAccept: boolean;
  baseId: string;
  missingId: string;
  acknowledgements: readonly ClickwrapAcknowledgement[];
  optionalConsents: readonly ClickwrapOptionalConsent[];
  withOrganization: boolean;
  organizationErrors: Partial<Record<OrganizationField, string>>;
  accept: () => unknown;
  decline: () => unknown;
  setAssented: (value: boolean) => void;
  setAcknowledged: (id: string, value: boolean) => void;
  setOptionalConsent: (id: string, value: boolean) => void;
  setOrganizationName: (value: string) => void;
  setSignerAuthority: (value: string) => void;
  /** Where the assent checkbox and the Accept button are, for the presentation measured at accept. */
  presentationRefs: {
    assent: (element: HTMLElement | null) => void;
    accept: (element: HTMLElement | null) => void;
  };
}

type Getters = Pick<
  UseClickwrapResult,
  | 'getAssentCheckboxProps'
  | 'getAcknowledgementCheckboxProps'
  | 'getOptionalConsentCheckboxProps'
  | 'getAcceptButtonProps'
  | 'getDeclineButtonProps'
  | 'getMissingProps'
  | 'getStatusProps'
  | 'getOrganizationNameInputProps'
  | 'getSignerAuthorityInputProps'
  | 'getOrganizationErrorProps'
>;

/** The prop getters, and whether each organisation field's error is shown. */
export function clickwrapGetters(ctx: GetterContext): Getters & {
  organizationShown: (field: OrganizationField) => boolean;
} {
  const {
    state,
    dispatch,
    locked,
    canAccept,
    baseId,
    missingId,
    acknowledgements,
    optionalConsents,
    withOrganization,
    organizationErrors,
    accept,
    decline,
    setAssented,
    setAcknowledged,
    setOptionalConsent,
    setOrganizationName,
    setSignerAuthority,
    presentationRefs,
  } = ctx;
  const organizationErrorId = (field: OrganizationField) => `${baseId}-organization-${field}-error`;
  const submitting = state.status === 'submitting';
  const accepted = state.status === 'accepted';

  const checkbox = (checked: boolean, onToggle: (checked: boolean) => void) => ({
    type: 'checkbox',
    checked,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onToggle(event.target.checked),
    'aria-required': true,
    // Checkboxes cannot be natively read-only: aria-disabled keeps them focusable and
    // announced, and the reducer ignores changes, so React keeps the box as it was.
    'aria-disabled': locked || undefined,
    'aria-invalid': (state.attempted && !checked) || undefined,
    // Marked invalid, it says why: the reasons (`getMissingProps`), as Accept does.
    'aria-describedby': state.attempted && !checked ? missingId : undefined,
    'data-state': checked ? 'checked' : 'unchecked',
    'data-invalid': dataFlag(state.attempted && !checked),
  });

  const getAssentCheckboxProps = (props?: AnyProps) =>
    mergeProps(
      { ...checkbox(state.assented, setAssented), ref: presentationRefs.assent },
      withoutPreTick(props, 'getAssentCheckboxProps'),
    );

  const getAcknowledgementCheckboxProps = (id: string, props?: AnyProps) => {
    if (!acknowledgements.some((ack) => ack.id === id)) {
      throw new Error(
        `getAcknowledgementCheckboxProps: no acknowledgement has the id ${JSON.stringify(id)}. ` +
          `Pass one of the ids given in useClickwrap's \`acknowledgements\` option (${
            acknowledgements.map((a) => JSON.stringify(a.id)).join(', ') || 'none given'
          }).`,
      );
    }
    return mergeProps(
      {
        ...checkbox(Boolean(state.acknowledged[id]), (value) => setAcknowledged(id, value)),
        'data-acknowledgement': id,
      },
      withoutPreTick(props, 'getAcknowledgementCheckboxProps'),
    );
  };

  const getOptionalConsentCheckboxProps = (id: string, props?: AnyProps) => {
    if (!optionalConsents.some((consent) => consent.id === id)) {
      throw new Error(
        `getOptionalConsentCheckboxProps: no optional consent has the id ${JSON.stringify(id)}. ` +
          `Pass one of the ids given in useClickwrap's \`optionalConsents\` option (${
            optionalConsents.map((c) => JSON.stringify(c.id)).join(', ') || 'none given'
          }).`,
      );
    }
    const granted = Boolean(state.optional[id]?.granted);
    return mergeProps(
      {
        type: 'checkbox',
        checked: granted,
        onChange: (event: ChangeEvent<HTMLInputElement>) => setOptionalConsent(id, event.target.checked),
        // Optional: never aria-required, never invalid, never in `missing`.
        'aria-disabled': locked || undefined,
        'data-state': granted ? 'checked' : 'unchecked',
        'data-optional-consent': id,
      },
      withoutPreTick(props, 'getOptionalConsentCheckboxProps'),
    );
  };

  const getAcceptButtonProps = (props?: AnyProps) => {
    const blocked = submitting || accepted || (state.status === 'idle' && !canAccept);
    return mergeProps(
      {
        type: 'button',
        onClick: () => {
          void accept();
        },
        'aria-disabled': blocked || undefined,
        'aria-describedby': state.status === 'idle' && !canAccept ? missingId : undefined,
        'aria-busy': submitting || undefined,
        'data-state': state.status,
        'data-retry': dataFlag(state.status === 'failed'),
        ref: presentationRefs.accept,
      },
      props,
    );
  };

  const getDeclineButtonProps = (props?: AnyProps) =>
    mergeProps(
      {
        type: 'button',
        onClick: () => {
          decline();
        },
        'aria-disabled': submitting || accepted || undefined,
      },
      props,
    );

  const getMissingProps = (props?: AnyProps) =>
    mergeProps(
      {
        id: missingId,
        'data-state': canAccept ? 'complete' : 'incomplete',
        'data-attempted': dataFlag(state.attempted),
      },
      props,
    );

  const getStatusProps = (props?: AnyProps) =>
    mergeProps({ role: 'status', 'aria-live': 'polite', 'data-state': state.status }, props);

  const organizationShown = (field: OrganizationField) =>
    (state.touched[field] || state.attempted) && organizationErrors[field] !== undefined;

  const organizationInput = (
    field: OrganizationField,
    value: string,
    set: (value: string) => void,
    autoComplete: string,
  ) => ({
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(event.target.value),
    onBlur: () => dispatch({ type: 'touch', field }),
    autoComplete,
    // Typed by the person, recorded as typed: no longer than the default server accepts, so a
    // consent is never collected with a name it then refuses.
    maxLength: RECEIPT_BOUNDS.maxStringLength,
    'aria-required': true,
    readOnly: locked || undefined,
    'aria-invalid': organizationShown(field) || undefined,
    'aria-describedby': organizationShown(field) ? organizationErrorId(field) : undefined,
    'data-invalid': dataFlag(organizationShown(field)),
  });

  const warnNoOrganization = (getter: string) => {
    if (process.env.NODE_ENV !== 'production' && !withOrganization) {
      warnOnce(
        `${getter} is used, but useClickwrap was not given \`organization: true\`, so the organisation is neither required nor recorded. Pass \`organization: true\`.`,
      );
    }
  };

  const getOrganizationNameInputProps = (props?: AnyProps) => {
    warnNoOrganization('getOrganizationNameInputProps');
    return mergeProps(
      organizationInput('name', state.organizationName, setOrganizationName, 'organization'),
      props,
    );
  };

  const getSignerAuthorityInputProps = (props?: AnyProps) => {
    warnNoOrganization('getSignerAuthorityInputProps');
    return mergeProps(
      organizationInput('signerAuthority', state.signerAuthority, setSignerAuthority, 'organization-title'),
      props,
    );
  };

  const getOrganizationErrorProps = (field: OrganizationField, props?: AnyProps) =>
    mergeProps(
      {
        id: organizationErrorId(field),
        'aria-live': 'polite',
        'data-field': field,
        'data-invalid': dataFlag(organizationShown(field)),
      },
      props,
    );

  return {
    getAssentCheckboxProps,
    getAcknowledgementCheckboxProps,
    getOptionalConsentCheckboxProps,
    getAcceptButtonProps,
    getDeclineButtonProps,
    getMissingProps,
    getStatusProps,
    getOrganizationNameInputProps,
    getSignerAuthorityInputProps,
    getOrganizationErrorProps,
    organizationShown,
  };
}
