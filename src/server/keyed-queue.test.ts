import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './keyed-queue';

const later = () => {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('createKeyedQueue', () => {
  it("runs one key's work one at a time, in order, and other keys alongside", async () => {
    const queue = createKeyedQueue<string>();
    const log: string[] = [];
    const first = later();
    const a1 = queue('a', async () => {
      log.push('a1 start');
      await first.promise;
      log.push('a1 end');
      return 'a1';
    });
    const a2 = queue('a', async () => {
      log.push('a2 start');
      return 'a2';
    });
    const b1 = queue('b', async () => {
      log.push('b1 start');
      return 'b1';
    });
    expect(await b1).toBe('b1');
    expect(log).toEqual(['a1 start', 'b1 start']);
    first.resolve();
    expect(await Promise.all([a1, a2])).toEqual(['a1', 'a2']);
    expect(log).toEqual(['a1 start', 'b1 start', 'a1 end', 'a2 start']);
  });

  it('goes on after a run that failed, and gives each its own outcome', async () => {
    const queue = createKeyedQueue<string>();
    const failed = queue('a', async () => {
      throw new Error('store down');
    });
    const next = queue('a', async () => 'stored');
    await expect(failed).rejects.toThrow('store down');
    expect(await next).toBe('stored');
  });
});
