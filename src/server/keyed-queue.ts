/**
 * Work that must not overlap for one key, within one handler: `queue(key, run)` starts `run` once
 * every earlier run for `key` has settled (resolved or rejected), and gives its result. Keys do
 * not wait for each other, and a key's entry is dropped once its queue is empty. The handler
 * queues a subject's withdrawals, so each reads what is in force after the one before it is
 * stored. Handlers in other processes over the same store are not held back by it.
 */
export function createKeyedQueue<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return (key, run) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(run, run);
    const settled = next.then(
      () => {},
      () => {},
    );
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
}
