'use client';
// The parts a person sees only later, or only in some flows, in one chunk loaded on demand: the
// re-consent notice and change summary (with `previous`) and the copy actions (after accepting).
// (The guardian's fields are not here: they appear as the year of a minor's birth date is typed,
// and the next Tab must reach them on any network.) One chunk, not two: every chunk splits the modules it
// shares with the first load into chunks of their own, which costs the first load more than the
// few KB a flow fetches here without using them.
export { ChangeSummary, ReconsentNotice } from '../reconsent';
export { CopyActions } from '../copy-actions';
