import type { Config } from '../config.ts';
import { MongoStore } from './mongo/mongo-store.ts';
import type { Store } from './port.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

/** Picks the store adapter from configuration: MongoDB when MONGODB_URI is set, else the embedded store. */
export async function openStore(config: Config): Promise<Store> {
  if (config.MONGODB_URI) {
    return MongoStore.connect({
      uri: config.MONGODB_URI,
      dbName: config.MONGODB_DB,
      maxPoolSize: config.MONGODB_POOL_SIZE,
      timeoutMs: config.MONGODB_TIMEOUT_MS,
    });
  }
  return new SqliteStore(config.DATA_DIR, {
    synchronous: config.SQLITE_SYNCHRONOUS,
    busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
  });
}
