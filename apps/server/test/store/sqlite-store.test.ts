import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/port.ts';
import { tempDir } from '@pairchat/testing';
import { actionsContract } from './actions-contract.ts';
import { mediaUseContract } from './media-use-contract.ts';
import { storeContract, type StoreHarness } from './store-contract.ts';

const dirs = new WeakMap<Store, string>();

const harness: StoreHarness = {
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
};

storeContract('sqlite', harness);
actionsContract('sqlite', harness);
mediaUseContract('sqlite', harness);
