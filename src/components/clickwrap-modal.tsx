'use client';
import * as Dialog from '@radix-ui/react-dialog';
import {
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
  type Ref,
} from 'react';
import { useControllableState } from '../internal/use-controllable-state';
import { useLatest } from '../internal/use-latest';
import type { DeclineRecord } from '../hooks/use-clickwrap';
import { enModalShell } from '../messages/en-modal-shell';
import type { AssentCheckboxProps } from './assent-controls';
import { CloseIcon } from './close-icon';
import { CatchFailedLoad } from './on-demand/catch-failed-load';
import { modalEngine } from './on-demand/modal-parts';
import type { ModalArrival, ModalContentProps } from './on-demand/modal-engine';
import type { ClickwrapProviderProps } from './root';
import { classNames } from './root/class-names';
import { reconsentDiff } from './root/reconsent-loader';
import { uiLanguage } from './root/language';

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
  /**
   * Close the dialog once the receipt is delivered, or after Decline. The dialog's status goes
   * with it, so the outcome (`messages.accepted` or `messages.declined`) is then announced from a
   * visually hidden status beside the trigger, as is a delivery that ends while it is closed.
   * @default true
   */
  closeOnDecision?: boolean;
  /**
   * The dialog's title. @default the agreement's title, kept as the dialog's name but visually
   * hidden when the agreement opens with the same heading, so the title is not shown twice
   */
  title?: ReactNode;
  /**
   * One line under the title, the dialog's accessible description, kept as given.
   * @default messages.description; in re-consent messages.reconsentDescription (or
   * reconsentDescriptionChanges when reading only the changes); once accepted
   * messages.descriptionAccepted, once declined messages.descriptionDeclined (each told how many
   * documents are shown, so with `documents` they speak of "these documents")
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
 * and the clickwrap's state behind it are a chunk loaded on demand, preloaded when the modal
 * mounts, so a page loads only the trigger and the dialog up front; opened before it has loaded,
 * the dialog says `messages.modalLoading` until it arrives (or, if it cannot be loaded,
 * `messages.partLoadFailed` with a button to try again), and nothing is recorded meanwhile.
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

  // Everything but the trigger is a module of its own, fetched from here so that a person who
  // opens the dialog finds it loaded; opened before that (open at mount, a slow network), the
  // dialog says so.
  const reconsent = providerProps.previous != null;
  useEffect(() => {
    modalEngine.preload();
    // Re-consent's diff too: the dialog says "Loading the agreement…" until both are there, and
    // offers to try again if either cannot be loaded.
    if (reconsent) reconsentDiff.preload();
  }, [reconsent]);

  // Closed on a decision, the dialog takes its own status with it: the outcome is announced from
  // a status outside it, once the content is gone (until then Radix hides the page from screen
  // readers). Accepted while closed (delivered after Escape), it is announced at once.
  const shellMessages = shellTexts(providerProps.messages);
  const [announcement, setAnnouncement] = useState('');
  const pendingAnnouncement = useRef<string | null>(null);
  if (open && announcement !== '') setAnnouncement('');
  const onClosed = useCallback(() => {
    if (pendingAnnouncement.current !== null) setAnnouncement(pendingAnnouncement.current);
    pendingAnnouncement.current = null;
  }, []);
  const openRef = useLatest(open);
  const messagesRef = useLatest(shellMessages);
  const closeOnDecisionRef = useLatest(closeOnDecision);
  const onDeclineRef = useLatest(onDecline);
  // Told by the engine when the text shown now is accepted (not when any delivery ends: one for
  // a text no longer shown must not close the dialog, or say "Accepted").
  const handleAccepted = useCallback(() => {
    if (!openRef.current) setAnnouncement(messagesRef.current.accepted);
    else if (closeOnDecisionRef.current) {
      pendingAnnouncement.current = messagesRef.current.accepted;
      setOpen(false);
    }
  }, [openRef, messagesRef, closeOnDecisionRef, setOpen]);
  const handleDecline = useCallback(
    (record: DeclineRecord) => {
      onDeclineRef.current?.(record);
      if (closeOnDecisionRef.current) {
        pendingAnnouncement.current = messagesRef.current.declined;
        setOpen(false);
      }
    },
    [onDeclineRef, messagesRef, closeOnDecisionRef, setOpen],
  );
  const arrivalRef = useRef<ModalArrival>({ focus: null });
  // Whether the waiting dialog was shown in this opening: the loaded one then replaces it.
  const [replacing, setReplacing] = useState(false);
  const markReplacing = useCallback(() => setReplacing(true), []);
  if (!open && replacing) setReplacing(false);

  const waiting = (retry: (() => void) | null) => (
    <WaitingDialog
      title={title ?? providerProps.agreement?.title}
      dismissible={dismissible}
      className={className}
      overlayClassName={overlayClassName}
      config={providerProps}
      retry={retry}
      openRef={openRef}
      arrivalRef={arrivalRef}
      onShown={markReplacing}
    />
  );

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      {/* Outside the root (the dialog's content is gone): it says which language it speaks. */}
      <span role="status" style={VISUALLY_HIDDEN} {...uiLanguage(providerProps)}>
        {announcement}
      </span>
      <CatchFailedLoad part={reconsent ? [modalEngine, reconsentDiff] : modalEngine} failed={waiting}>
        <Suspense fallback={waiting(null)}>
          <LoadedModal
            provider={{
              ...providerProps,
              uiVariant,
              onAccept,
              onDecline: handleDecline,
            }}
            content={{
              hasTrigger: Boolean(trigger),
              dismissible,
              title,
              description,
              className,
              overlayClassName,
              assentCheckboxProps,
              replacing,
              arrivalRef,
              onClosed,
              onAccepted: handleAccepted,
              children,
            }}
          />
        </Suspense>
      </CatchFailedLoad>
    </Dialog.Root>
  );
}

/**
 * The shell's texts from the app's catalogue, each one it lacks (a catalogue for an earlier
 * version) in English: the provider completes the rest, and names what is missing.
 */
function shellTexts(messages: Partial<typeof enModalShell> | undefined): typeof enModalShell {
  if (!messages) return enModalShell;
  const keys = Object.keys(enModalShell) as (keyof typeof enModalShell)[];
  if (keys.every((key) => typeof messages[key] === 'string')) return messages as typeof enModalShell;
  return Object.fromEntries(
    keys.map((key) => [key, typeof messages[key] === 'string' ? messages[key] : enModalShell[key]]),
  ) as typeof enModalShell;
}

/** Out of sight, still read by screen readers (and by any style, `unstyled` too). */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** The modal once loaded, with re-consent's diff when it re-consents (suspends until then). */
function LoadedModal(props: { provider: ClickwrapProviderProps; content: ModalContentProps }) {
  const { ModalEngine } = modalEngine.read();
  // Given after mount, `previous` is waited for in the background, as the provider does: the
  // dialog stays as it is meanwhile instead of giving way to the waiting one; and if the diff
  // cannot be loaded, it stays as it is too (the provider says so in the notice's place).
  const [givenAtMount] = useState(props.provider.previous != null);
  if (useDeferredValue(props.provider.previous != null) && (givenAtMount || reconsentDiff.failure() === null))
    reconsentDiff.read();
  return <ModalEngine {...props} />;
}

interface WaitingDialogProps {
  title: ReactNode;
  dismissible: boolean;
  className: string | undefined;
  overlayClassName: string | undefined;
  config: Pick<ClickwrapProviderProps, 'messages' | 'locale' | 'theme' | 'dir' | 'unstyled'>;
  /** Loads the modal again, after its load failed; null while it loads. */
  retry: (() => void) | null;
  openRef: { readonly current: boolean };
  arrivalRef: { current: ModalArrival };
  onShown: () => void;
}

/**
 * The dialog shown when the modal is opened before the rest has loaded: the same dialog, with the
 * title, Close (when dismissible) and a polite status, or an alert with "Try again" if the load
 * failed. It renders outside the clickwrap's provider (which is part of what loads), so it reads
 * the few texts and the theme from the modal's props. The loaded dialog takes its place without
 * moving focus back to the trigger.
 */
function WaitingDialog({
  title,
  dismissible,
  className,
  overlayClassName,
  config,
  retry,
  openRef,
  arrivalRef,
  onShown,
}: WaitingDialogProps) {
  const messages = shellTexts(config.messages);
  const unstyled = config.unstyled ?? false;
  const cx = (part: string, extra?: string) => classNames(unstyled, part, extra);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const guard = (event: Event) => {
    if (!dismissible) event.preventDefault();
  };
  return (
    <Dialog.Portal>
      <div
        className={classNames(unstyled, 'root', cx('modal-root'))}
        data-theme={config.theme ?? 'system'}
        {...uiLanguage(config)}
      >
        <Dialog.Overlay className={cx('modal-overlay', overlayClassName)} />
        <Dialog.Content
          className={cx('modal', className)}
          aria-modal="true"
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            titleRef.current?.focus({ preventScroll: true });
          }}
          onCloseAutoFocus={(event) => {
            // Still open: the loaded dialog took its place and has placed focus.
            if (openRef.current) event.preventDefault();
          }}
          onFocus={(event) => {
            arrivalRef.current.focus = closeRef.current?.contains(event.target) ? 'close' : null;
          }}
          onEscapeKeyDown={guard}
          onPointerDownOutside={guard}
          onInteractOutside={guard}
        >
          <ShownWhileLoading onShown={onShown} />
          <div className={cx('modal-header')}>
            <div className={cx('modal-heading')}>
              <Dialog.Title ref={titleRef} tabIndex={-1} className={cx('title')}>
                {title}
              </Dialog.Title>
            </div>
            {dismissible ? (
              <Dialog.Close ref={closeRef} className={cx('close')} aria-label={messages.close}>
                <CloseIcon />
              </Dialog.Close>
            ) : null}
          </div>
          <div className={cx('modal-body')} aria-busy={retry ? undefined : true}>
            {retry ? (
              <div role="alert" className={cx('load-failed')} data-load-failed="">
                <Dialog.Description className={cx('load-failed-text')}>
                  {messages.partLoadFailed}
                </Dialog.Description>
                <button type="button" className={cx('button')} data-variant="secondary" onClick={retry}>
                  {messages.partLoadRetry}
                </button>
              </div>
            ) : (
              <Dialog.Description role="status" className={cx('modal-loading')}>
                {messages.modalLoading}
              </Dialog.Description>
            )}
          </div>
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  );
}

/** Tells the modal that the waiting dialog was shown (the loaded one will replace it). */
function ShownWhileLoading({ onShown }: { onShown: () => void }) {
  useEffect(() => {
    onShown();
  }, [onShown]);
  return null;
}
