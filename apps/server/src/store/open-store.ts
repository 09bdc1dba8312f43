import type { Config } from '../config.ts';
import type { Store } from './port.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

/** Picks the store adapter from configuration. */
export async function openStore(config: Config): Promise<Store> {
  if (config.MONGODB_URI) {
    throw new Error('MONGODB_URI is set but this build has no MongoDB adapter yet');
  }
  return new SqliteStore(config.DATA_DIR);
}
