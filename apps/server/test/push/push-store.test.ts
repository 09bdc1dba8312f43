import { describe } from 'vitest';
import { dbNameFor, tempDir } from '@pairchat/testing';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { connectMongo } from '../helpers/mongo.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { pushStoreContract } from './push-store-contract.ts';

// The run's adapter: SQLite in the `sqlite` project, MongoDB (jongodb unless MONGODB_TEST_URI is set) in `mongodb`.
describe('store.push', () => {
  pushStoreContract(TEST_STORE, async () => {
    if (TEST_STORE === 'mongodb') {
      const dbName = dbNameFor();
      return Promise.all([connectMongo(dbName), connectMongo(dbName)]);
    }
    const dir = tempDir();
    return [new SqliteStore(dir), new SqliteStore(dir)];
  });
});
