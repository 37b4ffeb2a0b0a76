'use client';
/**
 * A module loaded on demand: a dynamic `import()` (a chunk of its own for the app's bundler),
 * fetched once per page. `load` starts it (from an effect or an event, never at import);
 * `read` gives the module to a render, suspending until it is there, as `React.lazy` does but
 * readable outside a lazy component. A failed load is kept as an error until `retry`.
 */
export interface OnDemand<M> {
  /** Starts loading (once); resolves with the module. A failed load rejects. */
  load(): Promise<M>;
  /** Starts loading (once) and ignores a failure here: `read` reports it where it is shown. */
  preload(): void;
  /** The module, once loaded; until then throws the pending load (for `<Suspense>`), or the error. */
  read(): M;
  /** The module if it has loaded, else null (never starts a load). */
  peek(): M | null;
  /**
   * Its failed load (one object per failure, the same until `retry`), or null; never starts a
   * load. A failure can be told from the next one by identity.
   */
  failure(): { error: unknown } | null;
  /** Forgets a failed load, so the next `load` or `read` fetches it again. */
  retry(): void;
  /** Whether `error` is this part's failed load (what `read` threw for it), not another error. */
  isLoadError(error: unknown): boolean;
}

/** An on-demand module from its dynamic import (`() => import('./x')`). */
export function onDemand<M>(importer: () => Promise<M>): OnDemand<M> {
  let loaded: M | null = null;
  let failed: { error: unknown } | null = null;
  let loading: Promise<M> | null = null;
  const load = (): Promise<M> => {
    loading ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        failed = { error };
        throw error;
      },
    );
    return loading;
  };
  return {
    load,
    preload() {
      load().catch(() => {});
    },
    read() {
      if (loaded) return loaded;
      if (failed) throw failed.error;
      throw load();
    },
    peek: () => loaded,
    failure: () => failed,
    retry() {
      if (!failed) return;
      failed = null;
      loading = null;
    },
    isLoadError: (error) => failed !== null && failed.error === error,
  };
}
