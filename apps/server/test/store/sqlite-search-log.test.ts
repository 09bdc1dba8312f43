import path from 'node:path';
import Database from 'better-sqlite3';
import { pairKey } from '@pairchat/schema';
import { tempDir } from '@pairchat/testing';
import { describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';

/**
 * The texts in the index, and the seqs logged but not yet indexed (past the mark), read from the file by a second
 * connection (what is committed). The index is contentless: its rowids are read, and the texts through the log.
 */
function peek(dir: string) {
  const db = new Database(path.join(dir, 'pairchat.db'), { readonly: true });
  try {
    return {
      indexed: db
        .prepare(
          `SELECT m.content FROM messages_fts f JOIN search_log l ON l.id = f.rowid
           JOIN messages m ON m.chat_key = l.chat_key AND m.seq = l.seq ORDER BY f.rowid`,
        )
        .pluck()
        .all() as string[],
      queued: db
        .prepare('SELECT seq FROM search_log WHERE id > (SELECT indexed_id FROM search_state) ORDER BY id')
        .pluck()
        .all() as number[],
    };
  } finally {
    db.close();
  }
}

describe('the embedded store indexes text for search off the send path', () => {
  it('a send logs its text; the log is indexed a moment later in commit order, with no search asked', async () => {
    // A minute's delay shows what the sends' own transactions wrote; then the default delay indexes it.
    const dir = tempDir();
    const slow = new SqliteStore(dir, { searchIndexDelayMs: 60_000 });
    const [ana, ben] = [await storeUser(slow, 'ana'), await storeUser(slow, 'ben')];
    const now = new Date().toISOString();
    await slow.messages.append(newMessage(ana, ben, 'first words', now));
    await slow.messages.append(newMessage(ben, ana, '第二句话', now));
    expect(peek(dir)).toEqual({ indexed: [], queued: [1, 2] });
    await slow.close();
    const store = new SqliteStore(dir);
    try {
      expect(peek(dir)).toEqual({ indexed: ['first words', '第二句话'], queued: [] });
      await store.messages.append(newMessage(ana, ben, 'third', now));
      await vi.waitFor(() => expect(peek(dir).indexed).toEqual(['first words', '第二句话', 'third']));
      expect(peek(dir).queued).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('a search right after a send finds it (the log is indexed first); a message recalled before it was indexed never is', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir, { searchIndexDelayMs: 60_000 });
    try {
      const [ana, ben] = [await storeUser(store, 'ana'), await storeUser(store, 'ben')];
      const now = new Date().toISOString();
      const key = pairKey(ana.id, ben.id);
      await store.messages.append(newMessage(ana, ben, 'lunch at noon?', now));
      await store.messages.append(newMessage(ana, ben, 'lunch at one!', now));
      await store.messages.recall(key, 2);
      const scopes = [{ chatKey: key, above: 0 }];
      const found = await store.messages.search({ text: 'LUNCH', scopes, viewerId: ben.id, limit: 10 });
      expect(found.map((m) => m.seq)).toEqual([1]);
      expect(peek(dir)).toEqual({ indexed: ['lunch at noon?'], queued: [] });
    } finally {
      await store.close();
    }
  });

  it('matches Cyrillic and Greek without regard to case, as FTS5 folds them, and only the whole query', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    try {
      const [ana, ben] = [await storeUser(store, 'ana'), await storeUser(store, 'ben')];
      const now = new Date().toISOString();
      const key = pairKey(ana.id, ben.id);
      await store.messages.append(newMessage(ana, ben, 'Привет, МИР', now));
      await store.messages.append(newMessage(ana, ben, 'ΚΑΛΗΜΕΡΑ κόσμε', now));
      await store.messages.append(newMessage(ana, ben, 'при мир ривет', now));
      const find = async (text: string) =>
        (await store.messages.search({ text, scopes: [{ chatKey: key, above: 0 }], viewerId: ana.id, limit: 10 })).map(
          (m) => m.seq,
        );
      expect(await find('ПРИВЕТ')).toEqual([1]);
      expect(await find('мир')).toEqual([3, 1]);
      expect(await find('καλημέρα')).toEqual([]);
      expect(await find('καλημερα')).toEqual([2]);
      expect(await find('привет')).toEqual([1]);
    } finally {
      await store.close();
    }
  });

  it('what was not yet indexed at close is indexed at the next start', async () => {
    const dir = tempDir();
    const first = new SqliteStore(dir, { searchIndexDelayMs: 60_000 });
    const [ana, ben] = [await storeUser(first, 'ana'), await storeUser(first, 'ben')];
    await first.messages.append(newMessage(ana, ben, 'kept across a restart', new Date().toISOString()));
    await first.close();
    expect(peek(dir)).toEqual({ indexed: [], queued: [1] });
    const second = new SqliteStore(dir);
    try {
      expect(peek(dir)).toEqual({ indexed: ['kept across a restart'], queued: [] });
    } finally {
      await second.close();
    }
  });
});
