'use client';
/**
 * Loads re-consent's diff (`../reconsent-diff`) on demand, once per page: a dynamic `import()`,
 * so bundlers put it (with the `diff` package) in a chunk of its own that only a clickwrap given
 * `previous` fetches. The notice and change summary (`../reconsent`) load beside it, in
 * parallel, so once the diff is there the layouts render them without a second wait.
 */
import type * as ReconsentDiff from '../reconsent-diff';
import { onDemand } from '../on-demand/loader';
import { laterParts } from '../on-demand/parts';

/**
 * The diff, with the notice and change summary beside it. A failed load is kept until `retry`
 * (the boundary's "Try again"), which fetches again whichever of the two had failed.
 */
export const reconsentDiff = onDemand<typeof ReconsentDiff>(() => {
  laterParts.retry();
  return Promise.all([import('../reconsent-diff'), laterParts.load()]).then(([module]) => module);
});

/** Starts loading the module (once); resolves with it. */
export function loadReconsentDiff(): Promise<typeof ReconsentDiff> {
  return reconsentDiff.load();
}

/**
 * The module, once loaded. Until then it suspends (throws the pending import, which works with
 * `<Suspense>` in React 18 and 19 alike); a failed import is thrown as an error for an error
 * boundary to show.
 */
export function readReconsentDiff(): typeof ReconsentDiff {
  return reconsentDiff.read();
}
