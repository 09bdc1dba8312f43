import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import type { Store } from '../../src/store/port.ts';
import { tempDir } from '@pairchat/testing';
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
    // A database as the first schema version left it: no skeleton column.
    const dir = tempDir();
    const db = new Database(path.join(dir, 'pairchat.db'));
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    const insert = db.prepare(
      'INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const u of users) insert.run(u.id, u.name, u.nameKey, u.passwordHash, u.createdAt);
    db.close();
    return openAt(dir);
  },
};

storeContract('sqlite', harness);
usersMigrationContract('sqlite', harness);
