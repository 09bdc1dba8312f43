import Database from 'better-sqlite3';
import { SqliteStore } from '/work/wt/actions/apps/server/src/store/sqlite/sqlite-store.ts';
import { tempDir } from '@pairchat/testing';
const dir = tempDir();
const store = new SqliteStore(dir);
void store.close();
const db = new Database(`${dir}/pairchat.db`);
const q = (sql: string) => console.log(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all("x","[]","v").map((r: any) => r.detail).join('\n'), '\n---');
const HITS = (where: string) => `
  SELECT m.* FROM messages_fts f
  JOIN messages m ON m.chat_key = f.chat_key AND m.seq = f.seq
  WHERE ${where} AND f.chat_key IN (SELECT value FROM json_each(?)) AND m.recalled = 0 AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.owner_id = ? AND h.chat_key = m.chat_key AND h.seq = m.seq)
  ORDER BY f.rowid DESC`;
q(HITS('messages_fts MATCH ?'));
q(HITS('instr(lower(f.content), ?) > 0'));
