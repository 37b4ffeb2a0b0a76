'use client';
/**
 * Loads re-consent's diff (`../reconsent-diff`) on demand, once per page: a dynamic `import()`,
 * so bundlers put it (with the `diff` package) in a chunk of its own that only a clickwrap given
 * `previous` fetches. The notice and change summary (`../reconsent`) load beside it, in
 * parallel, so once the diff is there the layouts render them without a second wait.
 */
import type * as ReconsentDiff from '../reconsent-diff';
import { laterParts } from '../on-demand/parts';

type Module = typeof ReconsentDiff;

let loaded: Module | null = null;
let failed: { error: unknown } | null = null;
let loading: Promise<Module> | null = null;

/** Starts loading the module (once); resolves with it. */
export function loadReconsentDiff(): Promise<Module> {
  loading ??= Promise.all([import('../reconsent-diff'), laterParts.load()]).then(
    ([module]) => (loaded = module),
    (error: unknown) => {
      failed = { error };
      throw error;
    },
  );
  return loading;
}

/**
 * The module, once loaded. Until then it suspends (throws the pending import, which works with
 * `<Suspense>` in React 18 and 19 alike); a failed import is thrown as an error for an error
 * boundary to show.
 */
export function readReconsentDiff(): Module {
  if (loaded) return loaded;
  if (failed) throw failed.error;
  throw loadReconsentDiff();
}
