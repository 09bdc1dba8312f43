import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/port.ts';
import { tempDir } from '@pairchat/testing';
import { storeContract } from './store-contract.ts';

const dirs = new WeakMap<Store, string>();

storeContract('sqlite', {
  async open() {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    dirs.set(store, dir);
    return store;
  },
  async reopen(store) {
    const dir = dirs.get(store)!;
    await store.close();
    const again = new SqliteStore(dir);
    dirs.set(again, dir);
    return again;
  },
});
