/** Exports a store's log as JSON Lines, the file `react-clickwrap verify-log` reads. */
import type { LogStore } from './log';

/** Options of {@link exportLog}. */
export interface ExportLogOptions {
  /**
   * Export the entries up to this seq only, and the checkpoints that count no more: e.g. the
   * `count` of `handler.checkpoint()`, so that the newest checkpoint exported covers every entry
   * exported (what `verify-log` needs to say VERIFIED), however many are appended meanwhile.
   * @default every entry
   */
  through?: number;
  /** Entries read per query. @default 1000 */
  pageSize?: number;
}

/**
 * Yields the log as JSON Lines: every entry in order (read in pages), then every signed
 * checkpoint as `{ "checkpoint": … }`. Each string ends with a newline. (A number as the second
 * argument is the page size, as before.)
 * @example
 * const head = await handler.checkpoint();
 * for await (const line of exportLog(store, { through: head?.count ?? 0 })) file.write(line);
 */
export async function* exportLog(
  store: LogStore,
  options: ExportLogOptions | number = {},
): AsyncGenerator<string> {
  const { through = Infinity, pageSize = 1000 } =
    typeof options === 'number' ? { pageSize: options } : options;
  let after = 0;
  for (;;) {
    const page = await store.entries(after, pageSize);
    for (const entry of page) {
      if (entry.seq > through) break;
      yield `${JSON.stringify(entry)}\n`;
    }
    if (page.length < pageSize || (page.at(-1)?.seq ?? 0) >= through) break;
    after = page.at(-1)!.seq;
  }
  for (const checkpoint of await store.checkpoints())
    if (checkpoint.count <= through) yield `${JSON.stringify({ checkpoint })}\n`;
}
