import path from 'node:path';
import Database from 'better-sqlite3';
import { pairKey } from '@pairchat/schema';
import { tempDir } from '@pairchat/testing';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

describe('the embedded store upgrades a database made before message actions', () => {
  it('keeps every message as text, indexes them for search, and recall takes them out of the index', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'pairchat.db'));
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    const key = pairKey('a', 'b');
    for (const [id, name] of [
      ['a', 'ana'],
      ['b', 'ben'],
    ]) {
      db.prepare(`INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, 'h', 'x')`).run(
        id,
        name,
        name,
      );
    }
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
    // Every version before the one that adds profiles (the last step of users.ts and sessions.ts).
    const before = MIGRATIONS.length - 1;
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
