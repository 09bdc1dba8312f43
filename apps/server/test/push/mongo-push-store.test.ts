import { describe } from 'vitest';
import { dbNameFor } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { MongoPushStore } from '../../src/push/mongo/mongo-push-store.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { pushStoreContract } from './push-store-contract.ts';

// Runs in the `mongodb` project, whose global setup starts the MongoDB (jongodb unless MONGODB_TEST_URI is set).
describe.skipIf(TEST_STORE !== 'mongodb')('MongoPushStore', () => {
  pushStoreContract('mongodb', async () => {
    const dbName = dbNameFor();
    const open = () => MongoPushStore.connect({ uri: mongoUri(), dbName, timeoutMs: 5000 });
    return Promise.all([open(), open()]);
  });
});
