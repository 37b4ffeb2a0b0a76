'use client';
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode, RefObject } from 'react';
import { Acknowledgements } from '../acknowledgements';
import { AgreementView } from '../agreement-view';
import { AssentCheckbox, DeliveryStatus, MissingReasons } from '../assent-controls';
import type { ClickwrapModalProps } from '../clickwrap-modal';
import { DecisionButtons } from '../decision-buttons';
import { AdditionalDocuments } from '../document-scope';
import { GuardianForm } from '../guardian-form';
import { KeyClauseSummary } from '../key-clause-summary';
import { OptionalConsents } from '../optional-consents';
import { OrganizationForm } from '../organization-form';
import { ReadingProgress } from '../reading-progress';
import { useClickwrapConfig } from '../root';
import { useCx } from '../root/helpers';
import { CopyActions } from './copy-actions';
import { ChangeSummary, ReconsentNotice } from './reconsent-parts';

/** Props of the modal's body: where the agreement's element goes, and the modal's own props. */
export interface ModalBodyProps {
  /** Set to the agreement's focusable element (the modal focuses it when it opens). */
  agreementRef: RefObject<HTMLDivElement | null>;
  /** The re-consent notice; focusable (tabindex -1) when it offers Continue, where the dialog opens. */
  noticeRef: RefObject<HTMLElement | null>;
  /** Props for the assent checkbox. */
  assentCheckboxProps: ClickwrapModalProps['assentCheckboxProps'];
  /** The app's extra content at the end of the body. */
  children: ReactNode;
}

/**
 * Everything in the modal below its header (part of ./modal-engine.tsx, loaded on demand): the
 * agreement, its summaries, the forms and the action bar.
 */
export function ModalBody({ agreementRef, noticeRef, assentCheckboxProps, children }: ModalBodyProps) {
  const { messages, reconsent } = useClickwrapConfig('ClickwrapModal');
  const cx = useCx();
  return (
    <>
      <div className={cx('modal-body')}>
        <div className={cx('modal-main')}>
          <ReconsentNotice
            ref={noticeRef}
            headingLevel={3}
            tabIndex={reconsent?.mode === 'notice' ? -1 : undefined}
          />
          <ReadingProgress />
          <AgreementView ref={agreementRef} headingOffset={2} />
          <AdditionalDocuments headingLevel={3} />
        </div>
        <div className={cx('modal-side')}>
          <ChangeSummary headingLevel={3} />
          <KeyClauseSummary headingLevel={3} />
          <GuardianForm />
          <OrganizationForm />
          <Acknowledgements />
          <OptionalConsents />
          <AssentCheckbox {...assentCheckboxProps} />
          <MissingReasons />
          {children}
        </div>
      </div>
      <div className={cx('actions')} role="group" aria-label={messages.actionsLabel}>
        <DeliveryStatus />
        <CopyActions headingLevel={3} />
        <DecisionButtons
          done={
            <Dialog.Close className={cx('button')} data-variant="primary" data-action="done">
              {messages.done}
            </Dialog.Close>
          }
        />
      </div>
    </>
  );
}
