'use client';
/**
 * Re-consent, the data side: what changed since the version the person accepted, which passages
 * of the new version are marked and tracked, and how dates are shown. Pure (no React, no DOM).
 */
// Types only: the diff itself (and the `diff` package) loads with `reconsent-diff.ts`, on demand.
import type { AgreementDiff, ClauseChange, MinorChangesMarking } from '../core/diff';
import type { Agreement } from '../core/types';

/** What must be read in re-consent: the whole agreement (to its end) or only what changed. */
export type ReconsentReading = 'whole' | 'changes';

/** The consent a re-consent replaces: the version the person last accepted. */
export interface ClickwrapPreviousConsent {
  /** The version they accepted, from `parseAgreement` (the same agreement id as `agreement`). */
  agreement: Agreement;
  /** When they accepted it (ISO 8601, e.g. the old receipt's `acceptedAt`); shown in the notice. @default null */
  acceptedAt?: string | null;
  /** The old receipt's id, recorded in the new receipt's `replaces.receiptId`. @default null */
  receiptId?: string | null;
  /**
   * The author's marking of the current version's minor changes, `{ since, ids | 'all' }`, as
   * `diffAgreements` takes it. Every change it does not mark is material (fresh assent). When every
   * change is minor, the layout shows a notice of what changed and a Continue button
   * (`onContinue`) instead of asking to accept again. @default null (every change material)
   */
  minorChanges?: MinorChangesMarking | null;
  /** Ask for fresh assent even when every change is minor. @default false */
  requireAssent?: boolean;
  /**
   * Called when the person continues after a notice of minor changes, without accepting again
   * (no receipt is made). Without it, minor changes ask for assent like material ones.
   */
  onContinue?: (() => void) | null;
}

/** An added or changed passage of the current version, as marked in the text. */
export interface MarkedChange {
  /** The block's id in the current version (a key clause's id is its `KeyClause.id`). */
  id: string;
  kind: 'added' | 'changed';
  /** Whether the block is a heading (its element is the section heading). */
  heading: boolean;
}

/** What changed between the accepted version and the current one: computed once per pair. */
export interface VersionComparison {
  diff: AgreementDiff;
  /** The added and changed passages, by where they start in the current version's markdown. */
  markedAt: ReadonlyMap<number, MarkedChange>;
  /**
   * The added and changed passages as clause-like records in document order, so `useKeyClauses`
   * can track which of them have been on screen (only `keyClauses` and the ids are meaningful).
   */
  tracked: Agreement;
}

/** Everything the re-consent parts need. */
export interface ReconsentModel extends VersionComparison {
  previous: ClickwrapPreviousConsent;
  /**
   * `notice`: every change is minor, so the layout shows what changed and a Continue button (no
   * fresh assent); `assent`: re-consent as for any material change.
   */
  mode: 'notice' | 'assent';
  /** What must be read: `changes` only when asked for and there is an added or changed passage. */
  reading: ReconsentReading;
}

/** Whether a change has a passage in the current version (added or changed, not removed). */
export function isMarked(change: ClauseChange): change is Exclude<ClauseChange, { kind: 'removed' }> {
  return change.kind !== 'removed';
}

/** The reading actually required: `changes` needs a passage to read, else it is `whole`. */
export function effectiveReading(comparison: VersionComparison, reading: ReconsentReading): ReconsentReading {
  return reading === 'changes' && comparison.tracked.keyClauses.length > 0 ? 'changes' : 'whole';
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`YYYY-MM-DD`) in the UI language, e.g. "June 1, 2025". Formatted in UTC from
 * `Date.UTC`, so the day shown is the day written in every time zone (`new Date('2025-06-01')`
 * shown in local time is 31 May west of UTC). Null when the value is not such a date.
 */
export function formatCalendarDate(value: string | null | undefined, locale: string): string | null {
  const match = value ? CALENDAR_DATE.exec(value) : null;
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return null;
  return dateFormat(locale).format(date);
}

/**
 * The day of an instant (an ISO 8601 date-time, or a calendar date) in the UI language. The day
 * is taken in UTC, so the server and the browser render the same text (no hydration mismatch);
 * near midnight it can differ by one from the person's local day. Null when unreadable.
 */
export function formatAcceptedDate(value: string | null | undefined, locale: string): string | null {
  if (!value) return null;
  if (CALENDAR_DATE.test(value)) return formatCalendarDate(value, locale);
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : dateFormat(locale).format(new Date(time));
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  } catch {
    // An invalid locale tag: the runtime's default language, still in UTC.
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' });
  }
}
