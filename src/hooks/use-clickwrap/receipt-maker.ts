/**
 * Loads ./make-receipt.ts (the receipt maker) on demand. `useClickwrap` preloads it in an effect
 * after mount, never at import or in render (server rendering stays import-free); once loaded
 * it is kept here, so accept can measure the presentation synchronously at the click. A failed
 * load is not kept: the next accept (a retry) imports again.
 */
import type * as ReceiptMakerModule from './make-receipt';

/** What ./make-receipt.ts exports. */
export type ReceiptMaker = typeof ReceiptMakerModule;

const importReceiptMaker = (): Promise<ReceiptMaker> => import('./make-receipt');

let loader: () => Promise<ReceiptMaker> = importReceiptMaker;
let loaded: ReceiptMaker | null = null;
let loading: Promise<ReceiptMaker> | null = null;

/** The receipt maker if it has loaded, else null (accept then awaits `loadReceiptMaker`). */
export function loadedReceiptMaker(): ReceiptMaker | null {
  return loaded;
}

/**
 * The receipt maker, importing it once. Rejects with a clear error when it cannot be loaded (a
 * chunk the network could not fetch); the failure is forgotten, so a retry imports again.
 */
export function loadReceiptMaker(): Promise<ReceiptMaker> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= loader().then(
    (module) => {
      loaded = module;
      return module;
    },
    (cause: unknown) => {
      loading = null;
      throw new Error(
        'useClickwrap: the part of the page that makes the consent receipt could not be loaded ' +
          '(a network problem?), so nothing was recorded. Check the connection and accept again ' +
          '(Retry): the answers given are kept.',
        { cause },
      );
    },
  );
  return loading;
}

/**
 * Test seam (not exported from the package): replaces how the receipt maker is imported and
 * forgets any loaded one; called with no argument, restores the real import.
 */
export function setReceiptMakerLoader(next: (() => Promise<ReceiptMaker>) | null = null): void {
  loader = next ?? importReceiptMaker;
  loaded = null;
  loading = null;
}
