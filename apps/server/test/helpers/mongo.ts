import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { inject } from 'vitest';
import { MongoStore } from '../../src/store/mongo/mongo-store.ts';

/** A database name of its own for each test, or for each data folder (so a restarted server finds its data). */
export function dbNameFor(dataDir?: string): string {
  const base = dataDir ? path.basename(dataDir) : randomUUID();
  return `pc_${base.replace(/[^A-Za-z0-9]/g, '').slice(-20)}`;
}

export function mongoUri(): string {
  // jongodb's URI names a database (/test); the adapter picks its own with dbName.
  return inject('mongoUri');
}

export function connectMongo(dbName: string): Promise<MongoStore> {
  return MongoStore.connect({ uri: mongoUri(), dbName, timeoutMs: 5000 });
}
