import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/port.ts';
import { tempDir } from '@pairchat/testing';
import { accountsContract } from './accounts-contract.ts';
import { actionsContract } from './actions-contract.ts';
import { writeLegacySqlite } from './legacy-users.ts';
import { mediaUseContract } from './media-use-contract.ts';
import { storeContract, type StoreHarness } from './store-contract.ts';
import { usersMigrationContract } from './users-migration-contract.ts';

const dirs = new WeakMap<Store, string>();
const openAt = (dir: string) => {
  const store = new SqliteStore(dir);
  dirs.set(store, dir);
  return store;
};

const harness: StoreHarness = {
  async open() {
    return openAt(tempDir());
  },
  async reopen(store) {
    const dir = dirs.get(store)!;
    await store.close();
    return openAt(dir);
  },
  async openWithLegacyUsers(users) {
    const dir = tempDir();
    writeLegacySqlite(dir, users);
    return openAt(dir);
  },
};

storeContract('sqlite', harness);
actionsContract('sqlite', harness);
mediaUseContract('sqlite', harness);
usersMigrationContract('sqlite', harness);
accountsContract('sqlite', harness);
