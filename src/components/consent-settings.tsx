'use client';
import {
  createElement,
  forwardRef,
  useId,
  useRef,
  useEffect,
  useState,
  type HTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { useConsentSettings, type UseConsentSettingsOptions } from '../hooks/use-consent-settings';
import { en, format, type ClickwrapMessages } from '../messages';
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

/** A heading of a level (1–6); a host element, so a ref reaches it in React 18 too. */
const Heading = ({
  level,
  innerRef,
  ...props
}: { level: number; innerRef?: Ref<HTMLHeadingElement> } & HTMLAttributes<HTMLHeadingElement>) =>
  createElement(`h${Math.min(6, Math.max(1, Math.round(level)))}`, { ...props, ref: innerRef });

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

function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }
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
  const cx = (part: string, extra?: string) =>
    [unstyled ? '' : `rcw-${part}`, extra].filter(Boolean).join(' ') || undefined;
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const optionalHeadingRef = useRef<HTMLHeadingElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const busy = settings.pending !== null;
  const [refocus, setRefocus] = useState(0);
  // The failed button that had focus when pressed (an optional consent's id, or `all`): it is not
  // described by the error until focus leaves it (see `describe`).
  const [quiet, setQuiet] = useState<string | null>(null);
  const hasFocus = (button: HTMLElement) => button.ownerDocument.activeElement === button;
  const leave = (at: string) => () => setQuiet((was) => (was === at ? null : was));
  useEffect(() => {
    if (refocus > 0) (optionalHeadingRef.current ?? headingRef.current)?.focus();
  }, [refocus]);

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

  const withdrawOne = async (optionId: string, label: string, button: HTMLElement) => {
    if (busy) return;
    setQuiet(hasFocus(button) ? optionId : null);
    setAnnouncement(t.working);
    if (await settings.withdraw([optionId])) {
      setAnnouncement(format(t.withdrawn, { label }));
      // Its button is gone: keep the keyboard user's place at the section (or, when the list
      // could not be reloaded after it, at the view), once what follows has rendered.
      setRefocus((n) => n + 1);
    } else setAnnouncement('');
  };

  const openConfirm = () => {
    setConfirming(true);
    // A new "Yes, withdraw all consent": reached with the error shown, it is described by it.
    setQuiet(null);
    // After the confirmation renders: its text is read when it takes focus.
    requestAnimationFrame(() => confirmRef.current?.focus());
  };
  const cancelConfirm = () => {
    setConfirming(false);
    requestAnimationFrame(() => triggerRef.current?.focus());
  };
  const confirmAll = async (button: HTMLElement) => {
    if (busy) return;
    setQuiet(hasFocus(button) ? 'all' : null);
    setAnnouncement(t.working);
    if (await settings.withdrawAll()) {
      setConfirming(false);
      setAnnouncement(t.withdrawnAll);
      headingRef.current?.focus();
    } else setAnnouncement('');
  };
  const onConfirmKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      cancelConfirm();
    }
  };

  const sub = headingLevel + 1;
  const allShown =
    confirming ||
    settings.documents.some((d) => d.acceptedVersion !== null) ||
    settings.optionalConsents.some((o) => o.granted);
  const titles = settings.documents.filter((d) => d.acceptedVersion !== null).map((d) => d.title);
  // A failed withdrawal is said where the person acted, by the button that failed: in its optional
  // consent's row, or (`all`) below "Withdraw all consent…" and its confirmation. One alert, in
  // one place whether the confirmation is open or not: moved, it would be announced again. Focus
  // stays on the button; a retry clears it (the hook does).
  // The alert is what announces it, once. The button is described by it (aria-describedby) only
  // once focus has left it, for when the person comes back: a description that appears on the
  // focused element is not read by most screen readers, and by some is read with the alert.
  const failed = settings.actionError ? settings.failedWithdrawal : null;
  const failedAt =
    failed === 'all'
      ? allShown
        ? failed
        : undefined
      : settings.optionalConsents.find((o) => failed?.includes(o.id))?.id;
  const errorId = `${id}-error`;
  const describe = (at: string, button = at) => (failedAt === at && quiet !== button ? errorId : undefined);
  const actionError = settings.actionError ? (
    <p id={errorId} role="alert" className={cx('consent-settings-error')}>
      {t.withdrawFailed}{' '}
      {/* The network's own words are the browser's, in English: the reason in the UI's. */}
      {settings.actionError.code === 'network' ? t.unreachable : settings.actionError.message}
    </p>
  ) : null;

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
              // and the status says "Loading…", then the list or this alert again.
              headingRef.current?.focus();
              settings.reload();
            }}
          >
            {t.reload}
          </button>
        </div>
      ) : null}
      {settings.status === 'ready' ? (
        <>
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

          <section aria-labelledby={`${id}-optional`} className={cx('consent-settings-section')}>
            <Heading level={sub} id={`${id}-optional`} innerRef={optionalHeadingRef} tabIndex={-1}>
              {t.optionalHeading}
            </Heading>
            {settings.optionalConsents.length === 0 ? (
              <p>{t.optionalNone}</p>
            ) : (
              <>
                <p className={cx('consent-settings-hint')}>{t.optionalIntro}</p>
                <ul className={cx('consent-options')}>
                  {settings.optionalConsents.map((option) => (
                    <li
                      key={option.id}
                      className={cx('consent-option')}
                      data-granted={option.granted ? '' : undefined}
                    >
                      <span className={cx('consent-option-label')}>{option.label}</span>{' '}
                      <span className={cx('consent-option-state')}>
                        {option.granted
                          ? format(t.optionalGranted, { date: formatDate(option.at, lang) })
                          : t.optionalNotGranted}
                      </span>
                      {option.granted ? (
                        <button
                          type="button"
                          className={cx('button')}
                          data-variant="secondary"
                          aria-label={format(t.withdrawLabel, { label: option.label })}
                          aria-describedby={describe(option.id)}
                          aria-disabled={busy || undefined}
                          onClick={(event) => void withdrawOne(option.id, option.label, event.currentTarget)}
                          onBlur={leave(option.id)}
                        >
                          {t.withdraw}
                        </button>
                      ) : null}
                      {failedAt === option.id ? actionError : null}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          {allShown ? (
            <section aria-labelledby={`${id}-all`} className={cx('consent-settings-section')}>
              <Heading level={sub} id={`${id}-all`}>
                {t.withdrawAllHeading}
              </Heading>
              <p className={cx('consent-settings-hint')}>{t.withdrawAllIntro}</p>
              <button
                ref={triggerRef}
                type="button"
                className={cx('button')}
                data-variant="secondary"
                aria-expanded={confirming}
                aria-controls={confirming ? `${id}-confirm` : undefined}
                // Never quiet: focus reaches it only after "Yes, withdraw all consent" has failed.
                aria-describedby={confirming ? undefined : describe('all', 'trigger')}
                onClick={() => (confirming ? cancelConfirm() : openConfirm())}
              >
                {t.withdrawAll}
              </button>
              {confirming ? (
                <div
                  ref={confirmRef}
                  id={`${id}-confirm`}
                  role="group"
                  tabIndex={-1}
                  aria-labelledby={`${id}-confirm-heading`}
                  aria-describedby={`${id}-confirm-text`}
                  className={cx('consent-confirm')}
                  onKeyDown={onConfirmKeyDown}
                >
                  <Heading level={sub + 1} id={`${id}-confirm-heading`}>
                    {t.confirmHeading}
                  </Heading>
                  <p id={`${id}-confirm-text`}>{format(t.confirmText, { documents: titles }, lang)}</p>
                  <div className={cx('consent-confirm-actions')}>
                    <button
                      type="button"
                      className={cx('button')}
                      data-variant="primary"
                      aria-describedby={describe('all')}
                      aria-disabled={busy || undefined}
                      onClick={(event) => void confirmAll(event.currentTarget)}
                      onBlur={leave('all')}
                    >
                      {t.confirm}
                    </button>
                    <button
                      type="button"
                      className={cx('button')}
                      data-variant="secondary"
                      onClick={cancelConfirm}
                    >
                      {t.cancel}
                    </button>
                  </div>
                </div>
              ) : null}
              {failedAt === 'all' ? actionError : null}
            </section>
          ) : null}
          {/* Its place is not shown (a consent gone from the list since, say): never dropped. */}
          {failedAt === undefined ? actionError : null}
        </>
      ) : null}
    </section>
  );
});
