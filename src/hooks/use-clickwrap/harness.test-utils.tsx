'use client';

import { Fragment } from 'react';
import type { Agreement } from '../../core/types';
import {
  useClickwrap,
  type ClickwrapAcknowledgement,
  type UseClickwrapOptions,
  type UseClickwrapResult,
} from './index';

/** The six call-center commitments of section III 2.4, each a required acknowledgement. */
export const CALL_CENTER_COMMITMENTS: readonly ClickwrapAcknowledgement[] = [
  {
    id: 'call-center-1',
    label: 'The source of my outbound call data is legal and compliant and infringes no one’s rights.',
  },
  {
    id: 'call-center-2',
    label: 'I will not make harassing calls, and call customers only with their consent.',
  },
  {
    id: 'call-center-3',
    label: 'I will not call customers who have no demand or who have refused.',
  },
  {
    id: 'call-center-4',
    label: 'My outbound calls involve no commercial marketing and I send no commercial text messages.',
  },
  {
    id: 'call-center-5',
    label: 'I will not change, hide, falsely use, transfer or rent code numbers without authorisation.',
  },
  {
    id: 'call-center-6',
    label: 'I will call only at normal and reasonable times, avoiding people’s rest time.',
  },
];

export const SIGNER = { id: 'user-1', name: 'Anna Berg' };

export const ASSENT_LABEL = 'I have read and agree to the Instadesk Terms and Conditions';

export const STATUS_TEXT = {
  idle: '',
  submitting: 'Sending your consent…',
  accepted: 'Consent recorded.',
  failed: 'Your consent could not be sent. Try again.',
} as const;

interface Block {
  text: string;
  heading: boolean;
  clauseIds: string[];
}

/**
 * The canonical markdown as blocks (runs of non-blank lines), each with the key clauses that
 * start inside it, so a harness can put `getClauseProps` on the right element.
 */
export function blocksOf(agreement: Agreement): Block[] {
  const blocks: Block[] = [];
  for (const match of agreement.markdown.matchAll(/[^\n]+(?:\n[^\n]+)*/g)) {
    const start = match.index;
    const end = start + match[0].length;
    blocks.push({
      text: match[0]
        .replace(/\*\*/g, '')
        .replace(/\\(.)/g, '$1')
        .replace(/^\s*(?:#+|-)\s+/, ''),
      heading: /^#/.test(match[0]),
      clauseIds: agreement.keyClauses
        .filter((c) => c.span.start >= start && c.span.start < end)
        .map((c) => c.id),
    });
  }
  return blocks;
}

export interface ClickwrapHarnessProps extends Partial<UseClickwrapOptions> {
  agreement: Agreement;
  onAccept: UseClickwrapOptions['onAccept'];
  /** Height of the scroll area in px. @default 300 */
  height?: number;
  /** Receives the hook's result after every render. */
  onResult?: (result: UseClickwrapResult) => void;
}

/** A complete clickwrap built only from the hook's prop getters, as an app would write it. */
export function ClickwrapHarness({ height = 300, onResult, ...options }: ClickwrapHarnessProps) {
  const cw = useClickwrap({ signer: SIGNER, ...options });
  onResult?.(cw);
  const g = cw.guardian;
  const org = cw.organization;
  const acknowledgements = options.acknowledgements ?? [];
  return (
    <main>
      <h1 id="terms-title">{options.agreement.title}</h1>
      <div
        {...cw.scroll.getScrollAreaProps({
          style: { height, overflowY: 'auto' as const, padding: 0, margin: 0 },
        })}
      >
        {blocksOf(options.agreement).map((block, i) => {
          const [first, ...rest] = block.clauseIds;
          const Tag = block.heading ? 'h2' : 'p';
          const body = (
            <>
              {rest.map((id) => (
                <span key={id} {...cw.keyClauses.getClauseProps(id)} />
              ))}
              {block.text}
            </>
          );
          return (
            <Fragment key={i}>
              {first ? (
                <Tag {...cw.keyClauses.getClauseProps(first, { style: { fontWeight: 'bold' } })}>{body}</Tag>
              ) : (
                <Tag>{body}</Tag>
              )}
            </Fragment>
          );
        })}
        <div {...cw.scroll.getEndMarkerProps()} />
      </div>

      {g && (
        <section aria-label="Age">
          <label>
            Date of birth
            <input {...g.getBirthDateInputProps()} />
          </label>
          <p {...g.getErrorProps('birthDate')}>{g.shownErrors.birthDate}</p>
          {g.required && (
            <fieldset>
              <legend>Legal guardian</legend>
              <label>
                Guardian name
                <input {...g.getGuardianNameInputProps()} />
              </label>
              <p {...g.getErrorProps('name')}>{g.shownErrors.name}</p>
              <label>
                Relationship
                <input {...g.getRelationshipInputProps()} />
              </label>
              <p {...g.getErrorProps('relationship')}>{g.shownErrors.relationship}</p>
              <label>
                <input {...g.getAttestationCheckboxProps()} />
                {g.attestation}
              </label>
              <p {...g.getErrorProps('attestation')}>{g.shownErrors.attestation}</p>
            </fieldset>
          )}
        </section>
      )}

      {org && (
        <fieldset>
          <legend>Organisation</legend>
          <label>
            Organisation name
            <input {...cw.getOrganizationNameInputProps()} />
          </label>
          <p {...cw.getOrganizationErrorProps('name')}>{org.shownErrors.name}</p>
          <label>
            Your role or authority
            <input {...cw.getSignerAuthorityInputProps()} />
          </label>
          <p {...cw.getOrganizationErrorProps('signerAuthority')}>{org.shownErrors.signerAuthority}</p>
        </fieldset>
      )}

      {acknowledgements.length > 0 && (
        <fieldset>
          <legend>Call-center commitments</legend>
          {acknowledgements.map((ack) => (
            <label key={ack.id} style={{ display: 'block' }}>
              <input {...cw.getAcknowledgementCheckboxProps(ack.id)} />
              {ack.label}
            </label>
          ))}
        </fieldset>
      )}

      <label>
        <input {...cw.getAssentCheckboxProps()} />
        {ASSENT_LABEL}
      </label>

      <button {...cw.getAcceptButtonProps()}>{cw.status === 'failed' ? 'Retry' : 'Accept'}</button>
      <button {...cw.getDeclineButtonProps()}>Decline</button>

      <ul {...cw.getMissingProps()}>
        {cw.missing.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p {...cw.getStatusProps()}>{STATUS_TEXT[cw.status]}</p>
    </main>
  );
}

/** Resolves after `n` animation frames: long enough for observers and batched updates. */
export function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}
