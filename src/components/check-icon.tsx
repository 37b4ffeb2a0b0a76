'use client';

/**
 * The tick shown beside a clause or a change once it has been on screen: one drawing for every
 * list that marks what was read. Decorative (the list item says "(read)" in words), so hidden
 * from assistive technology; it takes the text colour.
 */
export function CheckIcon() {
  return (
    <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
      <path
        d="M2 6.5l2.5 2.5L10 3.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
