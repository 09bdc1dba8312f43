import Database from 'better-sqlite3';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { tempDir } from '@pairchat/testing';
const dir = tempDir();
const store = new SqliteStore(dir);
void store.close();
const db = new Database(`${dir}/pairchat.db`);
const sql = `SELECT m.* FROM (SELECT rowid, chat_key, seq, content FROM messages_fts WHERE chat_key IN (SELECT value FROM json_each(?)) ORDER BY rowid DESC LIMIT 20000) f
  JOIN messages m ON m.chat_key = f.chat_key AND m.seq = f.seq
  WHERE instr(lower(f.content), ?) > 0 AND m.recalled = 0 AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.owner_id = ? AND h.chat_key = m.chat_key AND h.seq = m.seq)
  ORDER BY f.rowid DESC`;
console.log(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]', 'x', 'v').map((r: any) => r.detail).join('\n'));
