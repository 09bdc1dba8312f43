import { inject } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { dbNameFor } from '@pairchat/testing';
import { connectMongo } from '../helpers/mongo.ts';
import { actionsContract } from './actions-contract.ts';
import { mediaUseContract } from './media-use-contract.ts';
import { storeContract, type StoreHarness } from './store-contract.ts';

const dbNames = new WeakMap<Store, string>();

const harness: StoreHarness = {
  async open() {
    const dbName = dbNameFor();
    const store = await connectMongo(dbName);
    dbNames.set(store, dbName);
    return store;
  },
  async reopen(store) {
    const dbName = dbNames.get(store)!;
    await store.close();
    const again = await connectMongo(dbName);
    dbNames.set(again, dbName);
    return again;
  },
};

storeContract(`mongodb (on ${inject('mongoTarget')})`, harness);
actionsContract(`mongodb (on ${inject('mongoTarget')})`, harness);
mediaUseContract(`mongodb (on ${inject('mongoTarget')})`, harness);
