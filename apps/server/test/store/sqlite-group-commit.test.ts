import path from 'node:path';
import Database from 'better-sqlite3';
import { pairKey } from '@pairchat/schema';
import { tempDir } from '@pairchat/testing';
import { describe, expect, it } from 'vitest';
import { DuplicateError } from '../../src/store/port.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';

/**
 * What is committed, read by a second connection: each message's text by seq, the pair's seq counter, and how many
 * text messages the search log holds (of every pair).
 */
function committed(dir: string, chatKey: string) {
  const db = new Database(path.join(dir, 'pairchat.db'), { readonly: true });
  try {
    return {
      texts: db.prepare('SELECT content FROM messages WHERE chat_key = ? ORDER BY seq').pluck().all(chatKey),
      lastSeq: db.prepare('SELECT last_seq FROM pairs WHERE chat_key = ?').pluck().get(chatKey) ?? 0,
      logged: db.prepare('SELECT COUNT(*) FROM search_log').pluck().get(),
    };
  } finally {
    db.close();
  }
}

// The sends asked for in one turn of the event loop share one transaction (messages.ts, `commitQueued`), written
// without a savepoint per send; these are the failures that must still touch only the send that failed.
describe('group commit in the embedded store', () => {
  it('a send refused before it writes (clientId used for another chat) leaves the rest of its group stored', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir, { searchIndexDelayMs: 60_000 });
    try {
      const [ana, ben, cai] = [
        await storeUser(store, 'ana'),
        await storeUser(store, 'ben'),
        await storeUser(store, 'cai'),
      ];
      const now = new Date().toISOString();
      const used = await store.messages.append(newMessage(ana, cai, 'to cai', now));
      const results = await Promise.allSettled([
        store.messages.append(newMessage(ana, ben, 'one', now)),
        store.messages.append(newMessage(ana, ben, 'reused', now, { clientId: used.message.clientId })),
        store.messages.append(newMessage(ana, ben, 'two', now)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateError);
      expect(committed(dir, pairKey(ana.id, ben.id))).toEqual({ texts: ['one', 'two'], lastSeq: 2, logged: 3 });
    } finally {
      await store.close();
    }
  });

  it('a send that fails part way through its writes rolls back alone: no seq, no search log row, no box of it', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir, { searchIndexDelayMs: 60_000 });
    try {
      const [ana, ben, cai] = [
        await storeUser(store, 'ana'),
        await storeUser(store, 'ben'),
        await storeUser(store, 'cai'),
      ];
      const now = new Date().toISOString();
      const first = await store.messages.append(newMessage(ana, ben, 'first', now));
      // The same message id again: refused by the messages table's UNIQUE (id), after the seq and the search
      // log row of that send were written.
      const results = await Promise.allSettled([
        store.messages.append(newMessage(ana, ben, 'second', now)),
        store.messages.append(newMessage(cai, ben, 'same id', now, { id: first.message.id })),
        store.messages.append(newMessage(ben, ana, 'third', now)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(committed(dir, pairKey(ana.id, ben.id))).toEqual({
        texts: ['first', 'second', 'third'],
        lastSeq: 3,
        logged: 3,
      });
      expect(committed(dir, pairKey(cai.id, ben.id))).toMatchObject({ texts: [], lastSeq: 0 });
      expect(await store.chats.find(ben.id, cai.id)).toBeNull();
      expect(await store.chats.find(cai.id, ben.id)).toBeNull();
    } finally {
      await store.close();
    }
  });
});
