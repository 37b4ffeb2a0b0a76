'use client';
import * as Dialog from '@radix-ui/react-dialog';
import {
  forwardRef,
  useCallback,
  useEffect,
  useRef,
  type ReactElement,
  type ReactNode,
  type Ref,
} from 'react';
import type { Agreement, ConsentReceipt } from '../core/types';
import { useControllableState } from '../internal/use-controllable-state';
import { useLatest } from '../internal/use-latest';
import type { DeclineRecord } from '../hooks/use-clickwrap';
import type { AssentCheckboxProps } from './assent-controls';
import {
  ClickwrapProvider,
  ClickwrapRootElement,
  useClickwrapConfig,
  useClickwrapState,
  useCx,
  type ClickwrapProviderProps,
} from './root';
import { visuallyHidden } from './root/helpers';
import { defaultDescription } from '../messages';
import { OnDemandPart } from './on-demand/boundary';
import { modalContent } from './on-demand/modal-parts';
import type { ModalBodyProps } from './on-demand/modal-content';

/** Props of `ClickwrapModal`: every `useClickwrap` option, and the dialog's own. */
export interface ClickwrapModalProps extends Omit<ClickwrapProviderProps, 'children' | 'uiVariant'> {
  /** Which UI collected the consent, recorded in the receipt. @default 'modal' */
  uiVariant?: string;
  /** Controlled: whether the dialog is open. */
  open?: boolean;
  /** Uncontrolled: whether it starts open. @default false */
  defaultOpen?: boolean;
  /** Called when the dialog opens or closes. Closing (Escape, outside click, Close) records no decision. */
  onOpenChange?: (open: boolean) => void;
  /** The element that opens the dialog (a button); focus returns to it on close. */
  trigger?: ReactElement;
  /**
   * Whether Escape, a click outside and the Close button close the dialog. With `false` it
   * stays open until the person accepts or declines.
   * @default true
   */
  dismissible?: boolean;
  /** Close the dialog once the receipt is delivered, or after Decline. @default true */
  closeOnDecision?: boolean;
  /**
   * The dialog's title. @default the agreement's title, kept as the dialog's name but visually
   * hidden when the agreement opens with the same heading, so the title is not shown twice
   */
  title?: ReactNode;
  /**
   * One line under the title. @default messages.description; in re-consent
   * messages.reconsentDescription (or reconsentDescriptionChanges when reading only the changes)
   */
  description?: ReactNode;
  /** Class of the dialog content. */
  className?: string;
  /** Class of the overlay. */
  overlayClassName?: string;
  /** Props for the assent checkbox (a form field name, react-hook-form's `register(…)`…). */
  assentCheckboxProps?: AssentCheckboxProps & { ref?: Ref<HTMLInputElement> };
  /** Extra content at the end of the dialog's body (before the action bar). */
  children?: ReactNode;
}

/**
 * The clickwrap in a modal dialog (Radix Dialog): focus moves to the agreement (never to
 * Accept), is trapped, and returns to the trigger; Escape and an outside click close it without
 * any decision unless `dismissible={false}`. The clickwrap's state lives outside the dialog's
 * content, so closing while a receipt is being delivered loses nothing: reopening shows the
 * outcome. On small screens the dialog fills the viewport; the action bar sits below the
 * scrolling body, so it never covers the focused element. With several documents the main
 * column scrolls, each document in its own region with its summary under it. After a decision
 * the bar holds the status, the copies and one Done button instead of disabled ones. The body
 * below the header is a chunk loaded on demand, preloaded when the modal mounts; opened before it
 * has loaded, the dialog shows `messages.modalLoading` until it arrives.
 * @selector .rcw-modal[data-state="open"|"closed"][data-documents] and the root's data attributes
 */
export function ClickwrapModal(props: ClickwrapModalProps) {
  const {
    open: openProp,
    defaultOpen = false,
    onOpenChange,
    trigger,
    dismissible = true,
    closeOnDecision = true,
    title,
    description,
    className,
    overlayClassName,
    assentCheckboxProps,
    children,
    onAccept,
    onDecline,
    uiVariant = 'modal',
    ...providerProps
  } = props;

  const [open, setOpen] = useControllableState({
    prop: openProp,
    defaultProp: defaultOpen,
    onChange: onOpenChange,
    name: 'ClickwrapModal `open`',
  });

  // The dialog's body is a module of its own, fetched from here so that a person who opens the
  // dialog finds it loaded; opened before that (open at mount, a slow network), it says so.
  useEffect(() => {
    modalContent.preload();
  }, []);

  const closeOnDecisionRef = useLatest(closeOnDecision);
  const onAcceptRef = useLatest(onAccept);
  const onDeclineRef = useLatest(onDecline);
  const handleAccept = useCallback(
    async (receipt: ConsentReceipt) => {
      const result = await onAcceptRef.current(receipt);
      if (closeOnDecisionRef.current) setOpen(false);
      return result;
    },
    [onAcceptRef, closeOnDecisionRef, setOpen],
  );
  const handleDecline = useCallback(
    (record: DeclineRecord) => {
      onDeclineRef.current?.(record);
      if (closeOnDecisionRef.current) setOpen(false);
    },
    [onDeclineRef, closeOnDecisionRef, setOpen],
  );

  return (
    <ClickwrapProvider
      {...providerProps}
      uiVariant={uiVariant}
      onAccept={handleAccept}
      onDecline={handleDecline}
    >
      <Dialog.Root open={open} onOpenChange={setOpen}>
        {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
        <Dialog.Portal>
          <ModalContent
            hasTrigger={Boolean(trigger)}
            dismissible={dismissible}
            title={title}
            description={description}
            className={className}
            overlayClassName={overlayClassName}
            assentCheckboxProps={assentCheckboxProps}
          >
            {children}
          </ModalContent>
        </Dialog.Portal>
      </Dialog.Root>
    </ClickwrapProvider>
  );
}

interface ModalContentProps {
  hasTrigger: boolean;
  dismissible: boolean;
  title: ReactNode;
  description: ReactNode;
  className: string | undefined;
  overlayClassName: string | undefined;
  assentCheckboxProps: ClickwrapModalProps['assentCheckboxProps'];
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
  { hasTrigger, dismissible, title, description, className, overlayClassName, assentCheckboxProps, children },
  ref,
) {
  const { agreement, messages, store, reconsent, documents } = useClickwrapConfig('ClickwrapModal');
  const cx = useCx();
  const agreementRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const focusedAtOpen = useRef(false);
  const focusOnArrival = useCallback(() => {
    // Opened before the body had loaded, the dialog focused its title (or the alert's Try again,
    // gone now); the agreement gets focus now, as it does on opening once loaded, unless the
    // person has moved it. Loaded at opening, this runs before the dialog focuses anything.
    const title = titleRef.current;
    if (!focusedAtOpen.current || !title) return;
    const dialog = title.closest('[role="dialog"]');
    const active = title.ownerDocument.activeElement;
    if (active === title || active === dialog || !dialog?.contains(active)) {
      agreementRef.current?.focus({ preventScroll: true });
    }
  }, []);

  const mayClose = () => dismissible || decided(store.get().status, store.declined());
  const guard = (event: Event) => {
    if (!mayClose()) event.preventDefault();
  };

  return (
    <ClickwrapRootElement ref={ref} className={cx('modal-root')}>
      <Dialog.Overlay className={cx('modal-overlay', overlayClassName)} />
      <Dialog.Content
        className={cx('modal', className)}
        data-documents={documents.length > 0 ? documents.length + 1 : undefined}
        aria-modal="true"
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          focusedAtOpen.current = true;
          const active =
            event.target instanceof HTMLElement ? event.target.ownerDocument.activeElement : null;
          returnFocusTo.current = active instanceof HTMLElement ? active : null;
          (agreementRef.current ?? titleRef.current)?.focus({ preventScroll: true });
        }}
        onCloseAutoFocus={(event) => {
          // With a trigger Radix returns focus to it; without one, to where focus was.
          if (hasTrigger) return;
          const target = returnFocusTo.current;
          if (target?.isConnected) {
            event.preventDefault();
            target.focus();
          }
        }}
        onEscapeKeyDown={(event) => {
          // Escape in an open list of copies closes that list, not the dialog.
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
            <Dialog.Description className={cx('description')}>
              {description ?? defaultDescription(messages, reconsent)}
            </Dialog.Description>
          </div>
          <CloseButton dismissible={dismissible} />
        </div>
        <OnDemandPart part={modalContent} fallback={<ModalLoading />}>
          <LoadedModalBody
            agreementRef={agreementRef}
            onShown={focusOnArrival}
            assentCheckboxProps={assentCheckboxProps}
          >
            {children}
          </LoadedModalBody>
        </OnDemandPart>
      </Dialog.Content>
    </ClickwrapRootElement>
  );
});

/** The modal's body once loaded (suspends until then: render inside `OnDemandPart`). */
function LoadedModalBody(props: ModalBodyProps) {
  const { ModalBody } = modalContent.read();
  return <ModalBody {...props} />;
}

/** Where the body goes while it loads: a polite status, in the body's place. */
function ModalLoading() {
  const { messages } = useClickwrapConfig('ClickwrapModal');
  const cx = useCx();
  return (
    <div className={cx('modal-body')} aria-busy="true">
      <p role="status" className={cx('modal-loading')}>
        {messages.modalLoading}
      </p>
    </div>
  );
}

/** The Close button: shown when closing is allowed (always, or once a decision is made). */
function CloseButton({ dismissible }: { dismissible: boolean }) {
  const { messages } = useClickwrapConfig('ClickwrapModal');
  const { cw, declined } = useClickwrapState('ClickwrapModal');
  const cx = useCx();
  if (!dismissible && !decided(cw.status, declined)) return null;
  return (
    <Dialog.Close className={cx('close')} aria-label={messages.close}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </Dialog.Close>
  );
}
