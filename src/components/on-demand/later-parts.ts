'use client';
// The parts a person sees only later, or only in some flows, in one chunk loaded on demand: the
// re-consent notice and change summary (with `previous`), the copy actions (after accepting) and
// the guardian's fields (for a minor). One chunk, not three: every chunk splits the modules it
// shares with the first load into chunks of their own, which costs the first load more than the
// few KB a flow fetches here without using them.
export { ChangeSummary, ReconsentNotice } from '../reconsent';
export { CopyActions } from '../copy-actions';
export { GuardianFields } from './guardian-fields';
