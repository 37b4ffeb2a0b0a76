'use client';
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { UseConsentSettingsResult } from '../hooks/use-consent-settings';
import { format, type ConsentSettingsMessages } from '../messages';
import { formatDate, Heading, type PartClass } from './consent-settings-common';

/**
 * "Withdraw all consent", as a place a withdrawal is asked for and its failure said. A symbol,
 * where an optional consent's row is its id: an app may give an optional consent any id, `all`
 * included, and its row is never taken for withdrawing all, nor the other way round.
 */
const WITHDRAW_ALL = Symbol('withdraw all');

/** Where a withdrawal is asked for: an optional consent's row (its id), or `WITHDRAW_ALL`. */
type Place = string | typeof WITHDRAW_ALL;

/**
 * Why a withdrawal failed, in the UI's language where the person can act on it: no answer (check
 * the connection), the server busy or failing (try again later). Any other answer (signed out, a
 * refusal the app has to look into) in the server's own words.
 */
function failureReason(
  error: NonNullable<UseConsentSettingsResult['actionError']>,
  t: ConsentSettingsMessages,
): string {
  if (error.code === 'network') return t.unreachable;
  if (error.status === 429 || (error.status !== null && error.status >= 500)) return t.busy;
  return error.message;
}

/** Props of {@link ConsentWithdrawals}. */
export interface ConsentWithdrawalsProps {
  /** What `useConsentSettings` returned to the view. */
  settings: UseConsentSettingsResult;
  /** The view's texts. */
  messages: ConsentSettingsMessages;
  /** BCP 47 tag of the UI language (how dates and lists are written). */
  locale: string;
  /** Level of its sections' headings (the view's, plus one). */
  headingLevel: number;
  /** The view's `useId()`: the ids of its parts start with it. */
  baseId: string;
  /** The view's heading: the keyboard user's place when what had focus is gone. */
  viewHeadingRef: RefObject<HTMLHeadingElement | null>;
  /** Says how a withdrawal went in the view's status ('' says nothing). */
  onAnnounce: (text: string) => void;
  /** The view's part classes. */
  cx: PartClass;
}

/**
 * The withdrawals of "Your consents": each optional consent, withdrawn by its own button, and
 * consent as a whole, after a confirmation step; a failed withdrawal is said by the button that
 * failed. Its sections show once the status is `ready`, but it stays mounted with the view: the
 * confirmation stays open across a reload, and when a withdrawal's reload fails, focus still
 * moves to the view's heading.
 */
export function ConsentWithdrawals({
  settings,
  messages: t,
  locale,
  headingLevel,
  baseId: id,
  viewHeadingRef,
  onAnnounce,
  cx,
}: ConsentWithdrawalsProps) {
  const [confirming, setConfirming] = useState(false);
  const optionalHeadingRef = useRef<HTMLHeadingElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const busy = settings.pending !== null;
  // Where the keyboard user's place goes once a withdrawal is recorded and what follows has
  // rendered: the optional consents' section (or the view, when the list is gone), or the view.
  const [refocus, setRefocus] = useState<{ to: 'section' | 'view' } | null>(null);
  // The failed button that had focus when pressed: it is not described by the error until focus
  // leaves it (see `describe`).
  const [quiet, setQuiet] = useState<Place | null>(null);
  const hasFocus = (button: HTMLElement) => button.ownerDocument.activeElement === button;
  const leave = (at: Place) => () => setQuiet((was) => (was === at ? null : was));
  useEffect(() => {
    if (!refocus) return;
    const heading = refocus.to === 'section' ? optionalHeadingRef.current : null;
    const target = heading ?? viewHeadingRef.current;
    // Only when focus is lost (what had it is gone): moved elsewhere while the server was
    // answering, it stays where the person put it.
    const active = target?.ownerDocument.activeElement;
    if (!active || active === target.ownerDocument.body) target?.focus();
  }, [refocus, viewHeadingRef]);

  const withdrawOne = async (optionId: string, label: string, button: HTMLElement) => {
    if (busy) return;
    setQuiet(hasFocus(button) ? optionId : null);
    onAnnounce(t.working);
    if (await settings.withdraw([optionId])) {
      onAnnounce(format(t.withdrawn, { label }));
      // Its button is gone: keep the keyboard user's place at the section (or, when the list
      // could not be reloaded after it, at the view), once what follows has rendered, when
      // focus went with it.
      setRefocus({ to: 'section' });
    } else onAnnounce('');
  };

  const openConfirm = () => {
    setConfirming(true);
    // A new "Yes, withdraw all consent": reached with the error shown, it is described by it.
    setQuiet(null);
    // After the confirmation renders: its text is read when it takes focus.
    requestAnimationFrame(() => confirmRef.current?.focus());
  };
  // Once "Yes" has sent the withdrawal nothing can stop it: Cancel, Escape and the button that
  // opened the confirmation keep it open (unavailable, not dead: each says so by aria-disabled)
  // until the server answers.
  const sendingAll = settings.pending === 'withdrawAll';
  const cancelConfirm = () => {
    if (sendingAll) return;
    setConfirming(false);
    requestAnimationFrame(() => triggerRef.current?.focus());
  };
  const confirmAll = async (button: HTMLElement) => {
    if (busy) return;
    setQuiet(hasFocus(button) ? WITHDRAW_ALL : null);
    onAnnounce(t.working);
    if (await settings.withdrawAll()) {
      setConfirming(false);
      onAnnounce(t.withdrawnAll);
      // The confirmation (and, with nothing left to withdraw, its section) goes: a place in it
      // moves to the view's heading now; one elsewhere stays, unless what had it goes too.
      const doc = button.ownerDocument;
      const active = doc.activeElement;
      if (
        !active ||
        active === doc.body ||
        active === triggerRef.current ||
        confirmRef.current?.contains(active)
      )
        viewHeadingRef.current?.focus();
      setRefocus({ to: 'view' });
    } else onAnnounce('');
  };
  const onConfirmKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      cancelConfirm();
    }
  };

  const allShown =
    confirming ||
    settings.documents.some((d) => d.acceptedVersion !== null) ||
    settings.optionalConsents.some((o) => o.granted);
  const titles = settings.documents.filter((d) => d.acceptedVersion !== null).map((d) => d.title);
  // A failed withdrawal is said where the person acted, by the button that failed: in its optional
  // consent's row, or below "Withdraw all consent…" and its confirmation. One alert, in
  // one place whether the confirmation is open or not: moved, it would be announced again. Focus
  // stays on the button; a retry clears it (the hook does).
  // The alert is what announces it, once. The button is described by it (aria-describedby) only
  // once focus has left it, for when the person comes back: a description that appears on the
  // focused element is not read by most screen readers, and by some is read with the alert.
  const failed = settings.actionError ? settings.failedWithdrawal : null;
  // The hook's `'all'` is withdrawAll()'s; a row's failure is a list of ids, `['all']` included.
  const failedAt: Place | undefined =
    failed === 'all'
      ? allShown
        ? WITHDRAW_ALL
        : undefined
      : settings.optionalConsents.find((o) => failed?.includes(o.id))?.id;
  const errorId = `${id}-error`;
  /** The error's id, for a button at the place that failed. */
  const failedHere = (at: Place) => (failedAt === at ? errorId : undefined);
  /** The same, once focus has left the button that failed. */
  const describe = (at: Place) => (quiet === at ? undefined : failedHere(at));
  const actionError = settings.actionError ? (
    <p id={errorId} role="alert" className={cx('consent-settings-error')}>
      {t.withdrawFailed}{' '}
      {/* The network's and the server's own words are in English (the browser's, the server's):
          the reasons a person can act on in the UI's language, the server's words otherwise. */}
      {failureReason(settings.actionError, t)}
    </p>
  ) : null;

  if (settings.status !== 'ready') return null;
  return (
    <>
      <section aria-labelledby={`${id}-optional`} className={cx('consent-settings-section')}>
        <Heading level={headingLevel} id={`${id}-optional`} innerRef={optionalHeadingRef} tabIndex={-1}>
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
                      ? format(t.optionalGranted, { date: formatDate(option.at, locale) })
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
          <Heading level={headingLevel} id={`${id}-all`}>
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
            aria-disabled={(sendingAll && confirming) || undefined}
            // Never quiet: focus reaches it only after "Yes, withdraw all consent" has failed.
            aria-describedby={confirming ? undefined : failedHere(WITHDRAW_ALL)}
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
              <Heading level={headingLevel + 1} id={`${id}-confirm-heading`}>
                {t.confirmHeading}
              </Heading>
              <p id={`${id}-confirm-text`}>{format(t.confirmText, { documents: titles }, locale)}</p>
              <div className={cx('consent-confirm-actions')}>
                <button
                  type="button"
                  className={cx('button')}
                  data-variant="primary"
                  aria-describedby={describe(WITHDRAW_ALL)}
                  aria-disabled={busy || undefined}
                  onClick={(event) => void confirmAll(event.currentTarget)}
                  onBlur={leave(WITHDRAW_ALL)}
                >
                  {t.confirm}
                </button>
                <button
                  type="button"
                  className={cx('button')}
                  data-variant="secondary"
                  aria-disabled={sendingAll || undefined}
                  onClick={cancelConfirm}
                >
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : null}
          {failedAt === WITHDRAW_ALL ? actionError : null}
        </section>
      ) : null}
      {/* Its place is not shown (a consent gone from the list since, say): never dropped. */}
      {failedAt === undefined ? actionError : null}
    </>
  );
}
