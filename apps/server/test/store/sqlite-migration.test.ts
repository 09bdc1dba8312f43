import path from 'node:path';
import Database from 'better-sqlite3';
import { pairKey } from '@pairchat/schema';
import { tempDir } from '@pairchat/testing';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

/** Users `a` (ana) and `b` (ben), as the users table of the first schema versions takes them. */
function addAnaAndBen(db: Database.Database): void {
  const insert = db.prepare(
    `INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, 'h', 'x')`,
  );
  for (const [id, name] of [
    ['a', 'ana'],
    ['b', 'ben'],
  ]) {
    insert.run(id, name, name);
  }
}

describe('the embedded store upgrades a database made before message actions', () => {
  it('keeps every message as text, indexes them for search, and recall takes them out of the index', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'pairchat.db'));
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    const key = pairKey('a', 'b');
    addAnaAndBen(db);
    const texts = ['今天天气很好', 'Hello there', 'hello again'];
    texts.forEach((content, i) =>
      db
        .prepare(
          `INSERT INTO messages (chat_key, seq, id, from_id, to_id, from_name, content, date, client_id)
           VALUES (?, ?, ?, 'a', 'b', 'ana', ?, ?, ?)`,
        )
        .run(key, i + 1, `m${i + 1}`, content, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), `c${i + 1}`),
    );
    db.prepare('INSERT INTO pairs (chat_key, last_seq) VALUES (?, 3)').run(key);
    db.close();

    const store = new SqliteStore(dir);
    try {
      const scopes = [{ chatKey: key, above: 0 }];
      const find = async (text: string) =>
        (await store.messages.search({ text, scopes, viewerId: 'b', limit: 10 })).map((m) => m.seq);
      expect(await store.messages.get(key, 1)).toMatchObject({
        kind: 'text',
        media: null,
        replyTo: null,
        recalled: false,
      });
      expect(await find('天气')).toEqual([1]);
      expect(await find('HELLO')).toEqual([3, 2]);
      await store.messages.recall(key, 3);
      expect(await find('hello')).toEqual([2]);
      expect(await find('again')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('the embedded store upgrades a database made before profiles and the list of sessions', () => {
  it('gives users an empty profile and sessions a lastSeenAt of their sign-in', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'pairchat.db'));
    // Versions 1–3: every version before the one that adds profiles (step 3 of users.ts and sessions.ts).
    const before = 3;
    for (let v = 0; v < before; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${before}`);
    db.prepare(
      `INSERT INTO users (id, name, name_key, name_skeleton, password_hash, created_at) VALUES ('a', 'ana', 'ana', 'ana', 'h', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO sessions (token_hash, id, user_id, created_at, expires_at) VALUES ('th', 's1', 'a', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
    ).run();
    db.close();

    const store = new SqliteStore(dir);
    try {
      expect(await store.users.get('a')).toEqual({
        id: 'a',
        name: 'ana',
        displayName: null,
        avatar: null,
        deleted: false,
      });
      expect(await store.users.account('a')).toMatchObject({ disabled: false });
      expect(await store.sessions.listByUser('a', '2026-06-01T00:00:00.000Z')).toEqual([
        expect.objectContaining({ id: 's1', lastSeenAt: '2026-01-01T00:00:00.000Z', userAgent: null }),
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('the embedded store upgrades the search index of version 4 (stored text, a queue) to version 5', () => {
  it('logs every text message that is not recalled, indexes them at start-up, and drops the old index and queue', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'pairchat.db'));
    for (let v = 0; v < 4; v++) db.exec(MIGRATIONS[v]!);
    db.pragma('user_version = 4');
    addAnaAndBen(db);
    const key = pairKey('a', 'b');
    const insert = db.prepare(
      `INSERT INTO messages (chat_key, seq, id, from_id, to_id, from_name, kind, content, recalled, search_id, date, client_id)
       VALUES (?, ?, ?, 'a', 'b', 'ana', ?, ?, ?, ?, ?, ?)`,
    );
    const date = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    // 1: indexed before the upgrade; 2: still queued; 3: recalled; 4: a photo.
    insert.run(key, 1, 'm1', 'text', 'indexed long ago', 0, 1, date(1), 'c1');
    db.prepare(`INSERT INTO messages_fts (rowid, content, chat_key, seq) VALUES (1, 'indexed long ago', ?, 1)`).run(
      key,
    );
    insert.run(key, 2, 'm2', 'text', 'queued at the upgrade', 0, null, date(2), 'c2');
    db.prepare('INSERT INTO search_queue (chat_key, seq) VALUES (?, 2)').run(key);
    insert.run(key, 3, 'm3', 'text', '', 1, null, date(3), 'c3');
    insert.run(key, 4, 'm4', 'image', '', 0, null, date(4), 'c4');
    db.prepare('INSERT INTO pairs (chat_key, last_seq) VALUES (?, 4)').run(key);
    db.close();

    const store = new SqliteStore(dir);
    try {
      const find = async (text: string) =>
        (await store.messages.search({ text, scopes: [{ chatKey: key, above: 0 }], viewerId: 'b', limit: 10 })).map(
          (m) => m.seq,
        );
      const peek = new Database(path.join(dir, 'pairchat.db'), { readonly: true });
      try {
        expect(peek.prepare('SELECT id, seq FROM search_log ORDER BY id').all()).toEqual([
          { id: 1, seq: 1 },
          { id: 2, seq: 2 },
        ]);
        expect(peek.prepare('SELECT seq, search_id FROM messages ORDER BY seq').all()).toEqual([
          { seq: 1, search_id: 1 },
          { seq: 2, search_id: 2 },
          { seq: 3, search_id: null },
          { seq: 4, search_id: null },
        ]);
        // Indexed at start-up, before any search asked for it; the old queue is gone.
        expect(peek.prepare('SELECT indexed_id FROM search_state').pluck().get()).toBe(2);
        expect(peek.prepare(`SELECT name FROM sqlite_master WHERE name = 'search_queue'`).all()).toEqual([]);
      } finally {
        peek.close();
      }
      expect(await find('long ago')).toEqual([1]);
      expect(await find('UPGRADE')).toEqual([2]);
      await store.messages.recall(key, 2);
      expect(await find('upgrade')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
