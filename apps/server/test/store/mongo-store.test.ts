import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { dbNameFor } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { connectMongo } from '../helpers/mongo.ts';
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
    // The users collection as the server kept it before skeletons: its one unique index, documents without one.
    const dbName = dbNameFor();
    const client = new MongoClient(mongoUri());
    try {
      const collection = client
        .db(dbName)
        .collection<{ _id: string; name: string; nameKey: string; passwordHash: string; createdAt: string }>('users');
      await collection.createIndex({ nameKey: 1 }, { unique: true, name: 'unique_name_key' });
      await collection.insertMany(
        users.map((u) => ({
          _id: u.id,
          name: u.name,
          nameKey: u.nameKey,
          passwordHash: u.passwordHash,
          createdAt: u.createdAt,
        })),
      );
    } finally {
      await client.close();
    }
    return connect(dbName);
  },
};

const target = inject('mongoTarget');
storeContract(`mongodb (on ${target})`, harness);
usersMigrationContract(`mongodb (on ${target})`, harness);
