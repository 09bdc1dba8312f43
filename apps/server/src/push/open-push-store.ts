import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { MongoPushStore } from './mongo/mongo-push-store.ts';
import type { PushStore } from './port.ts';
import { SqlitePushStore } from './sqlite/sqlite-push-store.ts';

/** The embedded push store's file in DATA_DIR, used until the push tables join the main store's database. */
export const PUSH_SQLITE_FILE = 'push.sqlite';

/**
 * Opens a push store of its own from configuration, as open-store.ts picks the main store: MongoDB when
 * MONGODB_URI is set (its own client on MONGODB_DB), else SQLite in DATA_DIR. Closing it closes what it opened.
 */
export async function openPushStore(config: Config): Promise<PushStore> {
  if (config.MONGODB_URI) {
    return MongoPushStore.connect({
      uri: config.MONGODB_URI,
      dbName: config.MONGODB_DB,
      timeoutMs: config.MONGODB_TIMEOUT_MS,
    });
  }
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  return new SqlitePushStore(path.join(config.DATA_DIR, PUSH_SQLITE_FILE), {
    busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
  });
}
