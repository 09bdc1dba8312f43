import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@pairchat/testing';
import { SqlitePushStore } from '../../src/push/sqlite/sqlite-push-store.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { pushStoreContract } from './push-store-contract.ts';

describe.skipIf(TEST_STORE !== 'sqlite')('SqlitePushStore', () => {
  pushStoreContract('sqlite', async () => {
    const file = path.join(tempDir(), 'push.sqlite');
    return [new SqlitePushStore(file), new SqlitePushStore(file)];
  });

  it('works on a database handle it is given, and leaves it open on close', async () => {
    const db = new Database(path.join(tempDir(), 'main.sqlite'));
    const store = new SqlitePushStore(db);
    const keys = await store.claimVapidKeys({ publicKey: 'pub', privateKey: 'priv' });
    await store.close();
    expect(db.open).toBe(true);
    expect(await new SqlitePushStore(db).claimVapidKeys({ publicKey: 'other', privateKey: 'x' })).toEqual(keys);
    db.close();
  });
});
