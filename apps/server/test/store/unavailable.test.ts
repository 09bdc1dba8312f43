import { describe, expect, it } from 'vitest';
import { guardUnavailable, StoreUnavailableError } from '../../src/store/unavailable.ts';

class Down extends Error {}
const isDown = (err: unknown) => err instanceof Down;

/** A store-shaped object: methods on itself and on a table, sync and async, failing or not. */
function fakeStore() {
  return {
    name: 'fake',
    items: {
      async find(): Promise<number> {
        throw new Down('connection refused');
      },
      syncFail(): number {
        throw new Down('locked');
      },
      async other(): Promise<number> {
        throw new RangeError('a bug, not an outage');
      },
      async ok(): Promise<number> {
        return 7;
      },
    },
    async ping(): Promise<void> {
      throw new Down('no answer');
    },
  };
}

describe('guardUnavailable', () => {
  it('maps an outage to StoreUnavailableError on every method of the store and its tables', async () => {
    const store = guardUnavailable(fakeStore(), isDown);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.items.find()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(() => store.items.syncFail()).toThrow(StoreUnavailableError);
    await expect(store.items.find()).rejects.toThrow('connection refused');
  });

  it('leaves other errors, results and plain fields as they are', async () => {
    const store = guardUnavailable(fakeStore(), isDown);
    await expect(store.items.other()).rejects.toBeInstanceOf(RangeError);
    expect(await store.items.ok()).toBe(7);
    expect(store.name).toBe('fake');
  });

  it('covers a method added after the store was wrapped: no list of names to keep up to date', async () => {
    const raw = fakeStore() as ReturnType<typeof fakeStore> & { items: { later?: () => Promise<void> } };
    const store = guardUnavailable(raw, isDown);
    raw.items.later = async () => {
      throw new Down('gone');
    };
    await expect(store.items.later!()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
