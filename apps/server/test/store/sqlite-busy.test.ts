import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pairKey } from '@pairchat/schema';
import { tempDir } from '@pairchat/testing';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { call, openChat, register } from '../helpers/client.ts';
import { startServer } from '../helpers/server.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Another process (the admin tool, a backup) holds the database's write lock for `ms`; resolves once it holds it,
 * with `released`, a promise of its exit. A transaction that has read cannot wait for the write lock (SQLite calls the busy
 * handler only for a connection with no transaction open): a deferred write transaction failed at once.
 */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number | null> }> {
  const code = `const D = require(${JSON.stringify(BETTER_SQLITE3)}); const db = new D(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE'); process.stdout.write('held\\n');
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { released: new Promise((resolve) => child.once('exit', resolve)) };
}

describe('the embedded store waits for a write lock held by another process', () => {
  it('a send, a recall and the search indexing wait up to busy_timeout instead of failing at once', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir, { busyTimeoutMs: 5000, searchIndexDelayMs: 60_000 });
    try {
      const [ana, ben] = [await storeUser(store, 'ana'), await storeUser(store, 'ben')];
      const now = new Date().toISOString();
      // A read first, as a send's checks do: a deferred transaction would now fail to upgrade to a write.
      await store.messages.append(newMessage(ana, ben, 'before the lock', now));
      const { released } = await holdWriteLock(path.join(dir, 'pairchat.db'), 300);
      const sent = await store.messages.append(newMessage(ana, ben, 'during the lock', now));
      expect(sent.message.seq).toBe(2);
      expect(await released).toBe(0);

      const { released: again } = await holdWriteLock(path.join(dir, 'pairchat.db'), 300);
      expect(await store.messages.recall(pairKey(ana.id, ben.id), 2)).toMatchObject({ recalled: true });
      await again;
      const { released: third } = await holdWriteLock(path.join(dir, 'pairchat.db'), 300);
      const scopes = [{ chatKey: pairKey(ana.id, ben.id), above: 0 }];
      const found = await store.messages.search({ text: 'lock', scopes, viewerId: ben.id, limit: 10 });
      expect(found.map((m) => m.seq)).toEqual([1]);
      await third;
    } finally {
      await store.close();
    }
  });
});

describe('a send through the server while another process holds the write lock', () => {
  it('waits for the lock and is stored, rather than answering 503 at once', async () => {
    const server = await startServer({ store: (dir) => new SqliteStore(dir, { busyTimeoutMs: 5000 }) });
    try {
      const [ana, ben] = [await register(server.url, 'ana'), await register(server.url, 'ben')];
      const chat = await openChat(server.url, ana, ben);
      const send = (clientId: string) =>
        call(server.url, 'POST', `/api/chats/${chat.id}/messages`, {
          token: ana.token,
          body: { clientId, content: 'hi' },
        });
      expect((await send('c1')).status).toBe(201);
      const { released } = await holdWriteLock(path.join(server.dataDir, 'pairchat.db'), 1000);
      const sent = await send('c2');
      expect(sent.status).toBe(201);
      expect(sent.body.message.seq).toBe(2);
      await released;
    } finally {
      await server.close();
    }
  });
});
