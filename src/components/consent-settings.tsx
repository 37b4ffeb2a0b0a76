'use client';
import {
  forwardRef,
  useId,
  useRef,
  useState,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useConsentSettings, type UseConsentSettingsOptions } from '../hooks/use-consent-settings';
import { en, format, type ClickwrapMessages } from '../messages';
import { formatDate, Heading, partClass } from './consent-settings-common';
import { ConsentWithdrawals } from './consent-withdrawals';
import { everyText } from './every-text';
import type { ClickwrapTheme } from './root';

/** Props of {@link ConsentSettings}. */
export interface ConsentSettingsProps
  extends Omit<UseConsentSettingsOptions, 'messages'>, Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The texts. @default en */
  messages?: ClickwrapMessages;
  /** BCP 47 tag of the UI language (`lang`, and how dates are written). @default messages.locale */
  locale?: string;
  /** Colour theme. @default 'system' */
  theme?: ClickwrapTheme;
  /** Level of the view's heading; its sections use the next level. @default 2 */
  headingLevel?: number;
  /** Leave out the `rcw-` classes (style it yourself through the data attributes). @default false */
  unstyled?: boolean;
}

/** How long a download's object URL is kept: the browser may read it after the click returns. */
const REVOKE_AFTER_MS = 60_000;

/** Stands for a value in a formatted text, to find where the value goes (a private-use character). */
const SLOT = '\uE000';

/**
 * A text with one value kept whole, in a left-to-right span that does not wrap: a version
 * such as "2024-01-01" broke at a hyphen over two lines of a button, and right to left its
 * halves were drawn in the wrong order. The text stays the same (and so the accessible name).
 */
function keepWhole(text: (value: string) => string, value: string, className: string | undefined): ReactNode {
  const parts = text(SLOT).split(SLOT);
  if (parts.length === 1) return text(value);
  // One span around it all: in a button (a flex box) each part would be a flex item of its own.
  return (
    <span>
      {parts.flatMap((part, i) =>
        i === 0
          ? [part]
          : [
              <span key={i} dir="ltr" className={className}>
                {value}
              </span>,
              part,
            ],
      )}
    </span>
  );
}

/**
 * "Your consents": what a signed-in person agreed to (each document: the version accepted, when,
 * whether a new version needs their consent), a copy of each version they accepted, and
 * withdrawal of optional consents and, after a confirmation step, of consent as a whole, through
 * react-clickwrap/server (`GET consents`, `POST withdrawals`; `onWithdrawn` gets the server's record
 * of each withdrawal). Built only on `useConsentSettings`.
 * Loads in an effect: on a server it renders its heading and "Loading".
 * @selector .rcw-consent-settings[data-state="loading"|"ready"|"error"] .rcw-consent-document[data-accepted][data-needs-reconsent][data-withdrawn] .rcw-consent-option[data-granted] .rcw-consent-confirm
 */
export const ConsentSettings = forwardRef<HTMLElement, ConsentSettingsProps>(function ConsentSettings(
  {
    basePath,
    fetch,
    optionalConsentLabels,
    getReceipt,
    onWithdrawn,
    messages: given = en,
    locale,
    theme = 'system',
    headingLevel = 2,
    unstyled = false,
    className,
    ...rest
  },
  ref,
) {
  const messages = everyText(given, en);
  const settings = useConsentSettings({
    basePath,
    fetch,
    optionalConsentLabels,
    getReceipt,
    onWithdrawn,
    messages,
  });
  const t = messages.consentSettings;
  const lang = locale ?? messages.locale;
  const cx = partClass(unstyled);
  const id = useId();
  // How a withdrawal went, said in the status (ConsentWithdrawals tells it).
  const [announcement, setAnnouncement] = useState('');
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const download = (documentId: string, title: string) => async (event: MouseEvent<HTMLButtonElement>) => {
    const button = event.currentTarget;
    const win = button.ownerDocument.defaultView;
    if (!win) return;
    setDownloadError(null);
    try {
      const copy = await settings.getCopy(documentId);
      const url = win.URL.createObjectURL(new win.Blob([copy.text], { type: copy.mimeType }));
      const link = button.ownerDocument.createElement('a');
      link.href = url;
      link.download = copy.filename;
      link.hidden = true;
      (button.parentElement ?? button.ownerDocument.body).append(link);
      link.click();
      link.remove();
      win.setTimeout(() => win.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    } catch {
      setDownloadError(format(t.downloadFailed, { title }));
    }
  };

  const sub = headingLevel + 1;

  return (
    <section
      ref={ref}
      className={cx('root', cx('consent-settings', className))}
      data-theme={theme}
      data-state={settings.status}
      lang={lang}
      aria-labelledby={`${id}-heading`}
      {...rest}
    >
      <Heading
        level={headingLevel}
        id={`${id}-heading`}
        innerRef={headingRef}
        tabIndex={-1}
        className={cx('consent-settings-heading')}
      >
        {t.heading}
      </Heading>
      {/* Always rendered, so what it says later is announced. */}
      <p role="status" className={cx('consent-settings-status')}>
        {settings.status === 'loading' ? t.loading : announcement}
      </p>
      {settings.status === 'error' ? (
        <div role="alert" className={cx('consent-settings-error')}>
          <p>{settings.error?.status === 401 ? t.signInRequired : t.loadFailed}</p>
          <button
            type="button"
            className={cx('button')}
            data-variant="secondary"
            onClick={() => {
              // This alert goes while it loads: the keyboard user's place is the view's heading,
              // and the status says "Loading…", then the list or this alert again: never again
              // how the last withdrawal went (announced when it was recorded).
              headingRef.current?.focus();
              setAnnouncement('');
              settings.reload();
            }}
          >
            {t.reload}
          </button>
        </div>
      ) : null}
      {settings.status === 'ready' ? (
        <section aria-labelledby={`${id}-documents`} className={cx('consent-settings-section')}>
          <Heading level={sub} id={`${id}-documents`}>
            {t.documentsHeading}
          </Heading>
          <ul className={cx('consent-documents')}>
            {settings.documents.map((doc) => (
              <li
                key={doc.id}
                className={cx('consent-document')}
                data-accepted={doc.accepted ? '' : undefined}
                data-needs-reconsent={doc.needsReconsent ? '' : undefined}
                data-withdrawn={doc.withdrawnAt && !doc.accepted ? '' : undefined}
              >
                <Heading level={sub + 1}>{doc.title}</Heading>
                {(() => {
                  // Withdrawn since: what they had agreed to stays shown, with its copy.
                  const withdrawn = doc.acceptedVersion === null && doc.withdrawnAt !== null;
                  const version =
                    doc.acceptedVersion ?? (withdrawn ? (doc.lastAcceptedVersion ?? null) : null);
                  const at = doc.acceptedVersion !== null ? doc.acceptedAt : (doc.lastAcceptedAt ?? null);
                  const values = {
                    version: version ?? '',
                    date: formatDate(at, lang),
                    current: doc.currentVersion,
                    withdrawn: formatDate(doc.withdrawnAt, lang),
                  };
                  return (
                    <>
                      <p>
                        {version === null
                          ? t.notAccepted
                          : withdrawn
                            ? format(t.acceptedThenWithdrawn, values)
                            : format(
                                doc.needsReconsent
                                  ? t.needsReconsent
                                  : doc.needsNotice
                                    ? t.minorChanges
                                    : t.accepted,
                                values,
                              )}
                      </p>
                      {withdrawn && version === null ? (
                        <p>{format(t.withdrawnOn, { date: values.withdrawn })}</p>
                      ) : null}
                      {version !== null ? (
                        <button
                          type="button"
                          className={cx('button')}
                          data-variant="secondary"
                          data-action="download"
                          onClick={download(doc.id, doc.title)}
                        >
                          {keepWhole(
                            (v) => format(t.download, { title: doc.title, version: v }),
                            version,
                            cx('consent-version'),
                          )}
                        </button>
                      ) : null}
                    </>
                  );
                })()}
              </li>
            ))}
          </ul>
          {downloadError ? (
            <p role="alert" className={cx('consent-settings-error')}>
              {downloadError}
            </p>
          ) : null}
        </section>
      ) : null}
      {/* Always mounted, shown once ready: what it holds outlives a reload (see there). */}
      <ConsentWithdrawals
        settings={settings}
        messages={t}
        locale={lang}
        headingLevel={sub}
        baseId={id}
        viewHeadingRef={headingRef}
        onAnnounce={setAnnouncement}
        cx={cx}
      />
    </section>
  );
});
