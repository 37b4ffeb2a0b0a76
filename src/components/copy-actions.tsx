'use client';
import {
  forwardRef,
  Fragment,
  useId,
  useRef,
  useState,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { buildAgreementCopy } from '../core/copy';
import type { ConsentReceipt } from '../core/types';
import type { Agreement } from '../core/types';
import { Heading, useClickwrapConfig, useClickwrapContext, useCx } from './root';
import { format } from '../messages';

export interface CopyActionsProps extends HTMLAttributes<HTMLDivElement> {
  /** Level of the receipt summary's heading (it is shown in print only). @default 2 */
  headingLevel?: number;
}

/** How long a download's object URL is kept: the browser may read it after the click returns. */
const REVOKE_AFTER_MS = 60_000;

/**
 * After acceptance: "Download a copy" (a `.md` file with the agreement's canonical markdown,
 * exactly as hashed, and the receipt as JSON; see `buildAgreementCopy` in
 * `react-clickwrap/core`; with `documents`, one "Download the {title}" per document, behind one
 * "Download copies" button) and "Print" (the browser's print dialog; `styles.css` prints the whole
 * agreement, unclipped, and the receipt summary, without the controls). Renders nothing before
 * the consent is recorded.
 *
 * The receipt summary under the buttons is `hidden` on screen (the status already shows the
 * receipt id) and shown by the print stylesheet. While printing from here the root carries
 * `data-printing`, and only that clickwrap is printed, not the page around it.
 * @selector .rcw-copy .rcw-copy-menu[data-state="open"|"closed"] .rcw-receipt-summary[data-print-only] .rcw-root[data-printing]
 */
export const CopyActions = forwardRef<HTMLDivElement, CopyActionsProps>(function CopyActions(
  { className, headingLevel = 2, ...rest },
  ref,
) {
  const { agreement, messages, documents } = useClickwrapConfig('CopyActions');
  const cw = useClickwrapContext('CopyActions');
  const cx = useCx();
  const { receipt } = cw;
  if (cw.status !== 'accepted' || !receipt) return null;

  const download = (shown: Agreement) => (event: MouseEvent<HTMLButtonElement>) => {
    const button = event.currentTarget;
    const doc = button.ownerDocument;
    const win = doc.defaultView;
    if (!win) return;
    const copy = buildAgreementCopy(shown, receipt, {
      receiptHeading: messages.copyReceiptHeading,
    });
    const url = win.URL.createObjectURL(new win.Blob([copy.text], { type: copy.mimeType }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = copy.filename;
    link.hidden = true;
    // Inside the clickwrap, so a modal dialog's focus trap and outside-click handling stay calm.
    (button.parentElement ?? doc.body).append(link);
    link.click();
    link.remove();
    win.setTimeout(() => win.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  };

  const print = (event: MouseEvent<HTMLButtonElement>) => {
    const win = event.currentTarget.ownerDocument.defaultView;
    if (!win) return;
    const root = event.currentTarget.closest('[data-theme]');
    root?.setAttribute('data-printing', '');
    win.addEventListener('afterprint', () => root?.removeAttribute('data-printing'), { once: true });
    win.print();
  };

  const shownDocuments = [agreement, ...documents.map((d) => d.agreement)];
  const buttons = (
    <>
      {shownDocuments.map((shown) => (
        <button
          key={shown.id}
          type="button"
          className={cx('button', cx('copy-button'))}
          data-variant="secondary"
          data-action="download"
          data-document={shown.id}
          onClick={download(shown)}
        >
          {documents.length === 0
            ? messages.copyDownload
            : format(messages.copyDownloadDocument, { title: shown.title })}
        </button>
      ))}
      <button
        type="button"
        className={cx('button', cx('copy-button'))}
        data-variant="secondary"
        data-action="print"
        onClick={print}
      >
        {messages.copyPrint}
      </button>
    </>
  );

  return (
    <div ref={ref} className={cx('copy', className)} {...rest}>
      {documents.length === 0 ? (
        <div role="group" aria-label={messages.copyLabel} className={cx('copy-buttons')}>
          {buttons}
        </div>
      ) : (
        // Several documents: one button that shows the downloads and Print, so the bar after a
        // decision stays one row instead of a button per document.
        <CopyMenu label={messages.copyMenu} groupLabel={messages.copyLabel}>
          {buttons}
        </CopyMenu>
      )}
      <ReceiptSummary receipt={receipt} headingLevel={headingLevel} title={agreement.title} />
    </div>
  );
});

/**
 * A disclosure (WAI-ARIA APG): a button with `aria-expanded` that shows a group of buttons.
 * Escape on the button or inside the open group closes it, and focus is on the button.
 */
function CopyMenu({
  label,
  groupLabel,
  children,
}: {
  label: string;
  groupLabel: string;
  children: ReactNode;
}) {
  const cx = useCx();
  const [open, setOpen] = useState(false);
  const groupId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  return (
    <div
      className={cx('copy-menu')}
      data-state={open ? 'open' : 'closed'}
      data-copy-menu={open ? 'open' : 'closed'}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        // Closes the list, not the dialog around it (the modal leaves an Escape from an open
        // list, its button included, to this handler).
        event.stopPropagation();
        event.preventDefault();
        setOpen(false);
        toggleRef.current?.focus();
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className={cx('button', cx('copy-toggle'))}
        data-variant="secondary"
        aria-expanded={open}
        aria-controls={groupId}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <svg aria-hidden="true" viewBox="0 0 12 12" width="12" height="12" focusable="false">
          <path
            d="M2.5 4.5L6 8l3.5-3.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
      </button>
      <div id={groupId} role="group" aria-label={groupLabel} className={cx('copy-buttons')} hidden={!open}>
        {children}
      </div>
    </div>
  );
}

/** The receipt in words, for the printed copy. */
function ReceiptSummary({
  receipt,
  headingLevel,
  title,
}: {
  receipt: ConsentReceipt;
  headingLevel: number;
  title: string;
}) {
  const { messages } = useClickwrapConfig('CopyActions');
  const cx = useCx();
  const headingId = useId();
  const labels = messages.copyReceipt;
  const { signer, organization, guardian, acknowledgements, replaces, optionalConsents } = receipt;
  return (
    <section hidden data-print-only="" aria-labelledby={headingId} className={cx('receipt-summary')}>
      <Heading level={headingLevel} id={headingId} className={cx('receipt-summary-heading')}>
        {messages.copyReceiptHeading}
      </Heading>
      <dl className={cx('receipt-summary-list')}>
        <dt>{labels.receiptId}</dt>
        <dd>{receipt.receiptId}</dd>
        <dt>{labels.acceptedAt}</dt>
        <dd>
          <time dateTime={receipt.acceptedAt}>{receipt.acceptedAt}</time>
        </dd>
        <dt>{labels.agreement}</dt>
        <dd>
          {title} ({receipt.agreement.id}, {receipt.agreement.version})
        </dd>
        <dt>{labels.sha256}</dt>
        <dd>{receipt.agreement.sha256}</dd>
        <dt>{labels.signer}</dt>
        <dd>{signer.name ? `${signer.name} (${signer.id})` : signer.id}</dd>
        {organization ? (
          <>
            <dt>{labels.organization}</dt>
            <dd>
              {organization.name} ({organization.signerAuthority})
            </dd>
          </>
        ) : null}
        {guardian ? (
          <>
            <dt>{labels.guardian}</dt>
            <dd>
              {guardian.name} ({guardian.relationship})
            </dd>
          </>
        ) : null}
        {acknowledgements.length > 0 ? (
          <>
            <dt>{labels.acknowledgements}</dt>
            {acknowledgements.map((ack) => (
              <dd key={ack.id}>{ack.label}</dd>
            ))}
          </>
        ) : null}
        {replaces ? (
          <>
            <dt>{labels.replaces}</dt>
            <dd>
              {replaces.version}
              {replaces.receiptId ? ` (${replaces.receiptId})` : null}
            </dd>
          </>
        ) : null}
        {receipt.additionalDocuments.map((doc) => (
          <Fragment key={doc.id}>
            <dt>{labels.document}</dt>
            <dd>
              {doc.title} ({doc.id}, {doc.version})
            </dd>
            <dt>{labels.sha256}</dt>
            <dd>{doc.sha256}</dd>
          </Fragment>
        ))}
        {optionalConsents.length > 0 ? (
          <>
            <dt>{labels.optionalConsents}</dt>
            {optionalConsents.map((consent) => (
              <dd key={consent.id}>
                {consent.label}: {consent.granted ? labels.granted : labels.notGranted}
              </dd>
            ))}
          </>
        ) : null}
      </dl>
    </section>
  );
}
