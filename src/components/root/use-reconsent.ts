'use client';
import { useCallback, useMemo, useState } from 'react';
import type { Agreement } from '../../core/types';
import { warnOnce } from '../../internal/dev';
import type { UseClickwrapOptions } from '../../hooks/use-clickwrap';
import { readReconsentDiff } from './reconsent-loader';
// Types only: what runs of the model comes with the diff, so a first consent loads none of it.
import type { ClickwrapPreviousConsent, ReconsentModel, ReconsentReading } from '../reconsent-model';

/** What the root needs to wire re-consent into `useClickwrap` and the change tracker. */
export interface ReconsentWiring {
  /** What changed since the accepted version; null for a first consent. */
  reconsent: ReconsentModel | null;
  /** The `replaces` to record: the caller's, else taken from `previous`. */
  replaces: UseClickwrapOptions['replaces'];
  /** The changed passages, as key clauses for `useKeyClauses` to observe. */
  tracked: Agreement;
  /** Ids of the changed passages seen so far (of this pair of versions). */
  changesSeen: readonly string[];
  /** `useClickwrap`'s `changes`: what has been read of the changes; null for a first consent. */
  changes: UseClickwrapOptions['changes'];
  /** The change tracker's `onSeenChange`. */
  onChangesSeen: (ids: readonly string[]) => void;
}

/** Re-consent: the diff against the accepted version, and which changed passages were read. */
export function useReconsent(
  agreement: Agreement,
  previous: ClickwrapPreviousConsent | null,
  reconsentReading: ReconsentReading,
  replaces: UseClickwrapOptions['replaces'],
): ReconsentWiring {
  // Keyed on the fields, not on `previous` itself: an inline object is new on every render of
  // the app, and must neither recompute the diff nor forget which changes were read.
  const previousAgreement = previous?.agreement;
  const previousAcceptedAt = previous?.acceptedAt ?? null;
  const previousReceiptId = previous?.receiptId ?? null;
  const hasPrevious = previous != null;
  // Suspends until the diff has loaded (the provider puts a Suspense boundary around this).
  const diffModule = hasPrevious ? readReconsentDiff() : null;
  const compareVersions = diffModule?.compareVersions ?? null;
  const effectiveReading = diffModule?.effectiveReading ?? null;
  // The marking by value too (an inline `{ since, ids }` is new on every render).
  const marking = previous?.minorChanges ?? null;
  const markingKey = marking ? JSON.stringify([marking.since, marking.ids]) : null;
  const comparison = useMemo(
    () => (compareVersions ? compareVersions(previousAgreement, agreement, marking) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `marking` is read by value (markingKey)
    [compareVersions, previousAgreement, agreement, markingKey],
  );
  const requireAssent = previous?.requireAssent ?? false;
  // A new inline callback rebuilds the model only when the app re-renders, not on scroll.
  const onContinue = previous?.onContinue ?? null;
  const canContinue = onContinue !== null;
  const mode: ReconsentModel['mode'] =
    comparison?.diff.changeKind === 'minor' && !requireAssent && canContinue ? 'notice' : 'assent';
  if (
    process.env.NODE_ENV !== 'production' &&
    comparison?.diff.changeKind === 'minor' &&
    !requireAssent &&
    !canContinue
  ) {
    warnOnce(
      'react-clickwrap: every change since the accepted version is marked minor, but `previous.onContinue` ' +
        'is not given, so the person is asked to accept again. Pass `previous.onContinue` to let them ' +
        'continue after the notice, or `previous.requireAssent: true` to silence this.',
    );
  }
  const reconsent = useMemo<ReconsentModel | null>(
    () =>
      comparison && previousAgreement && effectiveReading
        ? {
            ...comparison,
            previous: {
              agreement: previousAgreement,
              acceptedAt: previousAcceptedAt,
              receiptId: previousReceiptId,
              onContinue,
            },
            mode,
            reading: effectiveReading(comparison, reconsentReading),
          }
        : null,
    [
      comparison,
      effectiveReading,
      previousAgreement,
      previousAcceptedAt,
      previousReceiptId,
      reconsentReading,
      mode,
      onContinue,
    ],
  );
  const changeKind = comparison?.diff.changeKind;
  const resolvedReplaces = useMemo(
    () =>
      replaces !== undefined || !previousAgreement
        ? (replaces ?? null)
        : {
            version: previousAgreement.version,
            receiptId: previousReceiptId,
            // The receipt says which kind of change it assents to (none: nothing to say).
            ...(changeKind === 'material' || changeKind === 'minor' ? { changeKind } : {}),
          },
    [replaces, previousAgreement, previousReceiptId, changeKind],
  );
  if (
    process.env.NODE_ENV !== 'production' &&
    replaces &&
    previousAgreement &&
    replaces.version !== previousAgreement.version
  ) {
    warnOnce(
      `react-clickwrap: \`replaces.version\` is "${replaces.version}" but \`previous.agreement\` is ` +
        `version "${previousAgreement.version}". The receipt records \`replaces\`; the notice shows ` +
        '`previous`. Leave `replaces` out: it is taken from `previous`.',
    );
  }

  // Which changed passages have been on screen, held by the root so the gate can count them;
  // a new pair of versions starts with none seen.
  const tracked = useMemo(
    () => comparison?.tracked ?? { ...agreement, keyClauses: [] },
    [comparison, agreement],
  );
  const [seenState, setSeenState] = useState({ tracked, ids: NO_IDS });
  const changesSeen = seenState.tracked === tracked ? seenState.ids : NO_IDS;
  // A union: the tracker may report from a value not rendered yet, and seen stays seen.
  const onChangesSeen = useCallback(
    (ids: readonly string[]) =>
      setSeenState((current) => {
        const was = current.tracked === tracked ? current.ids : NO_IDS;
        const added = ids.filter((id) => !was.includes(id));
        return added.length === 0 && current.tracked === tracked
          ? current
          : { tracked, ids: [...was, ...added] };
      }),
    [tracked],
  );
  const changes = useMemo(() => {
    if (!reconsent) return null;
    const ids = new Set(tracked.keyClauses.map((c) => c.id));
    return {
      seen: changesSeen.filter((id) => ids.has(id)),
      total: tracked.keyClauses.length,
      required: reconsent.reading === 'changes',
    };
  }, [reconsent, changesSeen, tracked]);

  return { reconsent, replaces: resolvedReplaces, tracked, changesSeen, changes, onChangesSeen };
}

const NO_IDS: readonly string[] = [];
