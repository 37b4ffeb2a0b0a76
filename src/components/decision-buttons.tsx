'use client';
import { useEffect, useRef, type ReactNode } from 'react';
import { AcceptButton, DeclineButton } from './assent-controls';
import { useClickwrapState, useCx } from './root';

export interface DecisionButtonsProps {
  /**
   * What replaces Decline and Accept once a decision is made (the modal's Done). Without it,
   * after accepting nothing is left here (the status and the copies say the rest), and after
   * declining Decline and Accept stay, so the person can still change their mind.
   */
  done?: ReactNode;
}

/**
 * Decline and Accept while the decision is open; after it, one action (`done`) instead of two
 * disabled buttons. Accept unmounts when the consent is recorded, so focus, which was on it,
 * moves to what replaces it (or to the status) rather than being lost to the page.
 * @selector .rcw-buttons[data-decided]
 */
export function DecisionButtons({ done }: DecisionButtonsProps) {
  const { cw, declined } = useClickwrapState('DecisionButtons');
  const cx = useCx();
  const ref = useRef<HTMLDivElement>(null);
  const accepted = cw.status === 'accepted';
  const decided = accepted || (declined && cw.status === 'idle' && done !== undefined);
  const wasDecided = useRef(decided);

  useEffect(() => {
    const before = wasDecided.current;
    wasDecided.current = decided;
    const group = ref.current;
    if (!decided || before || !group) return;
    const doc = group.ownerDocument;
    const active = doc.activeElement;
    // Only when focus was lost with the button (to the body, or to a dialog that caught it).
    const lost = !active || active === doc.body || active.getAttribute('role') === 'dialog';
    if (!lost) return;
    const bar = group.closest('[role="group"]') ?? group.parentElement;
    const target =
      group.querySelector<HTMLElement>('button') ?? bar?.querySelector<HTMLElement>('[role="status"]');
    target?.focus();
  }, [decided]);

  return (
    <div ref={ref} className={cx('buttons')} data-decided={decided ? '' : undefined}>
      {decided ? (
        done
      ) : (
        <>
          <DeclineButton />
          <AcceptButton />
        </>
      )}
    </div>
  );
}
