import { inject } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { dbNameFor } from '@pairchat/testing';
import { connectMongo } from '../helpers/mongo.ts';
import { storeContract } from './store-contract.ts';

const dbNames = new WeakMap<Store, string>();

storeContract(`mongodb (on ${inject('mongoTarget')})`, {
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
});
