import { describe, expect, it } from 'vitest';
import { createAppender } from './appender';
import { StoreBusyError, type LogEntryInput, type LogStore } from './log';
import { input } from './stores/conformance';
import { openSqliteStore } from './stores/sqlite';
import { setup } from './test-fixtures';

/** An in-memory store that refuses, as a database would, any transaction holding the entry `bad`. */
function refusing(error: () => Error) {
  const inner = openSqliteStore({ path: ':memory:' });
  const calls: string[][] = [];
  const store: LogStore = {
    ...inner,
    append: async (entries: readonly LogEntryInput[]) => {
      calls.push(entries.map((e) => e.id));
      if (entries.some((e) => e.id === 'bad')) throw error();
      return inner.append(entries);
    },
  };
  return { store, inner, calls };
}

describe('the appender', () => {
  it('fails only the entry the database refuses, not the others of its batch', async () => {
    const { store, inner, calls } = refusing(() => new Error('invalid input syntax for type json'));
    const { keyring } = await setup();
    const appender = createAppender(store, keyring);
    // Appended in one turn: one batch.
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((id) => appender.append(input(id))));
    expect(calls[0]).toEqual(['a', 'bad', 'b']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/invalid input syntax/);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : null))).toEqual([
      'stored',
      null,
      'stored',
    ]);
    expect((await inner.entries(0, 10)).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('fails the whole batch at once when the store is busy (each request gets its 503)', async () => {
    const { store, calls } = refusing(() => new StoreBusyError('locked', 1));
    const { keyring } = await setup();
    const appender = createAppender(store, keyring);
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((id) => appender.append(input(id))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toEqual([['a', 'bad', 'b']]);
  });
});
