import { inject } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { dbNameFor } from '@pairchat/testing';
import { connectMongo } from '../helpers/mongo.ts';
import { accountsContract } from './accounts-contract.ts';
import { actionsContract } from './actions-contract.ts';
import { writeLegacyMongo } from './legacy-users.ts';
import { mediaUseContract } from './media-use-contract.ts';
import { storeContract, type StoreHarness } from './store-contract.ts';
import { usersMigrationContract } from './users-migration-contract.ts';

const dbNames = new WeakMap<Store, string>();
const connect = async (dbName: string) => {
  const store = await connectMongo(dbName);
  dbNames.set(store, dbName);
  return store;
};

const harness: StoreHarness = {
  async open() {
    return connect(dbNameFor());
  },
  async reopen(store) {
    const dbName = dbNames.get(store)!;
    await store.close();
    return connect(dbName);
  },
  async openWithLegacyUsers(users) {
    return connect(await writeLegacyMongo(users));
  },
};

const target = inject('mongoTarget');
storeContract(`mongodb (on ${target})`, harness);
actionsContract(`mongodb (on ${target})`, harness);
mediaUseContract(`mongodb (on ${target})`, harness);
usersMigrationContract(`mongodb (on ${target})`, harness);
accountsContract(`mongodb (on ${target})`, harness);
