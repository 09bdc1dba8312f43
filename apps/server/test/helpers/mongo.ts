import { mongoUri } from '@pairchat/testing/vitest';
import { MongoStore } from '../../src/store/mongo/mongo-store.ts';

/** The MongoDB adapter on database `dbName` of the run's MongoDB (see `@pairchat/testing/vitest`). */
export function connectMongo(dbName: string): Promise<MongoStore> {
  return MongoStore.connect({ uri: mongoUri(), dbName, timeoutMs: 5000 });
}
