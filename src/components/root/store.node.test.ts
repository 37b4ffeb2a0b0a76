import { describe, expect, it, vi } from 'vitest';
import type { UseClickwrapResult } from '../../hooks/use-clickwrap';
import type { UseKeyClausesResult } from '../../hooks/use-key-clauses';
import {
  createRootStore,
  currentReading,
  type DocumentView,
  type RootSnapshot,
  type ShownText,
  type StoredReading,
} from './store';

const text = (version: string, markdown = '# Privacy\n\nWe keep your data safe.'): ShownText => ({
  version,
  markdown,
});

/** A root store whose readings live in a plain variable, as the provider's state would. */
function setup(texts: Record<string, ShownText> = { privacy: text('3') }) {
  let readings: Readonly<Record<string, StoredReading>> = {};
  const store = createRootStore((update) => {
    readings = update(readings);
  });
  const cw = {
    status: 'idle',
    scroll: 'root-scroll',
    keyClauses: 'root-clauses',
  } as unknown as UseClickwrapResult;
  const snapshot = (t: Record<string, ShownText>): RootSnapshot => ({
    cw,
    declined: false,
    changes: {} as UseKeyClausesResult,
    texts: new Map(Object.entries(t)),
  });
  store.publish(snapshot(texts));
  return {
    store,
    cw,
    read: (id: string, t = texts) => currentReading(readings, id, t[id]),
    republish: (t: Record<string, ShownText>) => store.publish(snapshot(t)),
  };
}

describe('the root store', () => {
  it('keeps the first time a document’s end was reached', () => {
    const { store, read } = setup();
    const first = new Date('2026-01-01T10:00:00Z');
    store.markReachedEnd('privacy', first);
    store.markReachedEnd('privacy', new Date('2026-01-01T11:00:00Z'));
    expect(read('privacy')).toMatchObject({ reachedEnd: true, reachedEndAt: first });
  });

  it('adds key clauses seen to those already seen, whatever stale list a view reports', () => {
    const { store, read } = setup();
    store.markKeyClausesSeen('privacy', ['a']);
    store.markKeyClausesSeen('privacy', ['b']);
    store.markKeyClausesSeen('privacy', ['a', 'b']);
    expect(read('privacy').keyClausesSeen).toEqual(['a', 'b']);
  });

  it('does not count a reading of another version of the document', () => {
    const { store, read, republish } = setup();
    store.markReachedEnd('privacy', new Date());
    republish({ privacy: text('4') });
    expect(read('privacy', { privacy: text('4') })).toMatchObject({ reachedEnd: false, keyClausesSeen: [] });
  });

  it('does not count a reading of other words under the same version (a corrected or translated text)', () => {
    const { store, read, republish } = setup();
    store.markReachedEnd('privacy', new Date());
    store.markKeyClausesSeen('privacy', ['a']);
    const corrected = { privacy: text('3', '# Privacy\n\nWe share your data with **every partner**.') };
    republish(corrected);
    expect(read('privacy', corrected)).toMatchObject({ reachedEnd: false, keyClausesSeen: [] });
    // The same words parsed again (another object, an equal string) are the same text.
    const again = { privacy: text('3') };
    expect(read('privacy', again)).toMatchObject({ reachedEnd: true, keyClausesSeen: ['a'] });
  });

  it('gives a document a view of the same store: its own reading hooks, the same listeners', () => {
    const { store, cw } = setup();
    const view = store.forDocument('privacy');
    expect(store.forDocument('privacy')).toBe(view);
    expect(() => view.get()).toThrow(/before its <DocumentScope> rendered/);
    const hooks = { scroll: 'doc-scroll', keyClauses: 'doc-clauses' } as unknown as DocumentView;
    store.publishDocument('privacy', hooks);
    expect(view.get()).toMatchObject({ status: cw.status, ...hooks });
    expect(store.get().scroll).toBe(cw.scroll);

    const listener = vi.fn();
    const off = view.subscribe(listener);
    store.notify();
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    store.notify();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
