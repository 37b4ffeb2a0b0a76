/** Exports a store's log as JSON Lines, the file `react-clickwrap verify-log` reads. */
import type { LogStore } from './log';

/**
 * Yields the log as JSON Lines: every entry in order (read in pages), then every signed
 * checkpoint as `{ "checkpoint": … }`. Each string ends with a newline.
 * @example for await (const line of exportLog(store)) file.write(line);
 */
export async function* exportLog(store: LogStore, pageSize = 1000): AsyncGenerator<string> {
  let after = 0;
  for (;;) {
    const page = await store.entries(after, pageSize);
    for (const entry of page) yield `${JSON.stringify(entry)}\n`;
    if (page.length < pageSize) break;
    after = page.at(-1)!.seq;
  }
  for (const checkpoint of await store.checkpoints()) yield `${JSON.stringify({ checkpoint })}\n`;
}
