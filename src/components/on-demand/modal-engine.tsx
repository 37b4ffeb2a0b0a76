'use client';
/**
 * Everything of `ClickwrapModal` but its trigger: the clickwrap's state (the provider, which
 * runs the hooks) and the dialog's content. A module loaded on demand, preloaded when the modal
 * mounts, so that a page with a modal loads only the trigger and Radix's dialog up front; opened
 * before it has loaded, the modal shows its own small dialog meanwhile (../clickwrap-modal.tsx).
 * The provider sits outside the dialog's content: closing the dialog keeps what was read and a
 * receipt being delivered; reopening shows the outcome.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { forwardRef, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import type { Agreement } from '../../core/types';
import type { ClickwrapModalProps } from '../clickwrap-modal';
import {
  ClickwrapProvider,
  ClickwrapRootElement,
  useClickwrapConfig,
  useClickwrapState,
  useCx,
  type ClickwrapProviderProps,
} from '../root';
import { visuallyHidden } from '../root/helpers';
import { defaultDescription } from '../../messages';
import { CloseIcon } from '../close-icon';
import { ModalBody } from './modal-content';

/**
 * Opened before this module had loaded, the modal showed a small dialog of its own meanwhile;
 * this content then takes its place in the open dialog (`replacing`: no second opening
 * animation). `focus` says where focus was in that dialog: `'close'` puts it on this content's
 * Close button, as the person had moved it to that one's.
 */
export interface ModalArrival {
  focus: 'close' | null;
}

/** `ClickwrapModal` once loaded: its provider around the dialog's portal. */
export function ModalEngine({
  provider,
  content,
}: {
  provider: ClickwrapProviderProps;
  content: ModalContentProps;
}) {
  return (
    <ClickwrapProvider {...provider}>
      <WhenAccepted onAccepted={content.onAccepted} />
      <Dialog.Portal>
        <ModalContent {...content} />
      </Dialog.Portal>
    </ClickwrapProvider>
  );
}

/**
 * Calls `onAccepted` when the clickwrap's status becomes `accepted`: the outcome of the text
 * shown now. A delivery that ends after another text was shown does not move the status (its
 * receipt is the old text's), so it neither closes the dialog nor says "Accepted".
 */
function WhenAccepted({ onAccepted }: { onAccepted: () => void }) {
  const { status } = useClickwrapState('ClickwrapModal').cw;
  const was = useRef(status);
  useEffect(() => {
    if (status === 'accepted' && was.current !== 'accepted') onAccepted();
    was.current = status;
  }, [status, onAccepted]);
  return null;
}

/** The dialog's content, as `ClickwrapModal` passes it on. */
export interface ModalContentProps {
  hasTrigger: boolean;
  dismissible: boolean;
  title: ReactNode;
  description: ReactNode;
  className: string | undefined;
  overlayClassName: string | undefined;
  assentCheckboxProps: ClickwrapModalProps['assentCheckboxProps'];
  /** Whether this content replaces the dialog shown while it loaded (see `ModalArrival`). */
  replacing: boolean;
  /** Where focus was in the dialog shown while it loaded. */
  arrivalRef: RefObject<ModalArrival>;
  /** Called once the dialog has closed and its content is gone (the page is no longer hidden). */
  onClosed: () => void;
  /** Called when the text shown is accepted (its receipt delivered): closes and announces. */
  onAccepted: () => void;
  children: ReactNode;
}

/**
 * Whether the agreement's text begins with its title as a top-level heading: the dialog then
 * names itself with the title but shows only the agreement's heading (on a phone the two took
 * some 60 px of the little height there is).
 */
function opensWithTitle(agreement: Agreement): boolean {
  const first = agreement.sections[0];
  return (
    first !== undefined &&
    first.depth === 1 &&
    first.title.trim() === agreement.title.trim() &&
    agreement.markdown.slice(0, first.span.start).trim() === ''
  );
}

/** Whether a decision has been made, so a non-dismissible dialog may close. */
function decided(status: string, declined: boolean): boolean {
  return status === 'accepted' || declined;
}

/**
 * The dialog's content. It does not subscribe to the clickwrap's state (the parts inside do),
 * so a scroll frame re-renders the progress bar, not the agreement. It forwards a ref because
 * `Dialog.Portal` hands its child one through a Slot (React 18 needs forwardRef for that).
 */
const ModalContent = forwardRef<HTMLDivElement, ModalContentProps>(function ModalContent(
  {
    hasTrigger,
    dismissible,
    title,
    description,
    className,
    overlayClassName,
    assentCheckboxProps,
    replacing,
    arrivalRef,
    onClosed,
    children,
  },
  ref,
) {
  const { agreement, store, documents, reconsent } = useClickwrapConfig('ClickwrapModal');
  const cx = useCx();
  const agreementRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);

  const mayClose = () => dismissible || decided(store.get().status, store.declined());
  const guard = (event: Event) => {
    if (!mayClose()) event.preventDefault();
  };

  return (
    <ClickwrapRootElement ref={ref} className={cx('modal-root')}>
      <Dialog.Overlay
        className={cx('modal-overlay', overlayClassName)}
        data-replacing={replacing ? '' : undefined}
      />
      <Dialog.Content
        className={cx('modal', className)}
        data-replacing={replacing ? '' : undefined}
        data-documents={documents.length > 0 ? documents.length + 1 : undefined}
        aria-modal="true"
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          const active =
            event.target instanceof HTMLElement ? event.target.ownerDocument.activeElement : null;
          returnFocusTo.current = active instanceof HTMLElement ? active : null;
          const target = arrivalRef.current.focus === 'close' ? closeRef.current : null;
          arrivalRef.current = { focus: null };
          // Minor changes only: on the notice, which says no fresh assent is needed; the next Tab
          // is its Continue. Otherwise on the agreement, which is there to be read.
          const notice = reconsent?.mode === 'notice' ? noticeRef.current : null;
          (target ?? notice ?? agreementRef.current ?? titleRef.current)?.focus({ preventScroll: true });
        }}
        onCloseAutoFocus={(event) => {
          onClosed();
          // With a trigger Radix returns focus to it; without one, to where focus was.
          if (hasTrigger) return;
          const target = returnFocusTo.current;
          if (target?.isConnected) {
            event.preventDefault();
            target.focus();
          }
        }}
        onEscapeKeyDown={(event) => {
          // Escape in an open list of copies (or on its button) closes that list, not the dialog.
          const target = event.target;
          if (target instanceof Element && target.closest('[data-copy-menu="open"]')) {
            event.preventDefault();
            return;
          }
          guard(event);
        }}
        onPointerDownOutside={guard}
        onInteractOutside={guard}
      >
        <div className={cx('modal-header')}>
          <div className={cx('modal-heading')}>
            <Dialog.Title
              ref={titleRef}
              tabIndex={-1}
              className={cx('title')}
              style={title == null && opensWithTitle(agreement) ? visuallyHidden : undefined}
            >
              {title ?? agreement.title}
            </Dialog.Title>
            <ModalDescription description={description} />
          </div>
          <CloseButton ref={closeRef} dismissible={dismissible} />
        </div>
        <ModalBody
          agreementRef={agreementRef}
          noticeRef={noticeRef}
          assentCheckboxProps={assentCheckboxProps}
        >
          {children}
        </ModalBody>
      </Dialog.Content>
    </ClickwrapRootElement>
  );
});

/**
 * The line under the title, the dialog's accessible description: the instruction to read and
 * accept while the decision is open, then what is true once it is made (the instruction, read
 * to someone who has accepted, told them to go and accept). An app's own description stays.
 */
function ModalDescription({ description }: { description: ReactNode }) {
  const { messages, reconsent, titles, locale } = useClickwrapConfig('ClickwrapModal');
  const { cw, declined } = useClickwrapState('ClickwrapModal');
  const cx = useCx();
  const decision =
    cw.status === 'accepted' ? 'accepted' : declined && cw.status === 'idle' ? 'declined' : null;
  return (
    <Dialog.Description className={cx('description')}>
      {description ?? defaultDescription(messages, reconsent, decision, titles.length, locale)}
    </Dialog.Description>
  );
}

/** The Close button: shown when closing is allowed (always, or once a decision is made). */
const CloseButton = forwardRef<HTMLButtonElement, { dismissible: boolean }>(function CloseButton(
  { dismissible },
  ref,
) {
  const { messages } = useClickwrapConfig('ClickwrapModal');
  const { cw, declined } = useClickwrapState('ClickwrapModal');
  const cx = useCx();
  if (!dismissible && !decided(cw.status, declined)) return null;
  return (
    <Dialog.Close ref={ref} className={cx('close')} aria-label={messages.close}>
      <CloseIcon />
    </Dialog.Close>
  );
});
