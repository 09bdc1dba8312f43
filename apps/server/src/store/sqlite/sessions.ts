import type Database from 'better-sqlite3';
import type { SessionRecord, SessionTable } from '../port.ts';

/** DDL of the sessions table, by schema version (see `migrations.ts`). */
export const SESSIONS_DDL: readonly string[] = [
  `CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);`,
];

interface SessionRow {
  token_hash: string;
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** Sign-in sessions, in SQLite. SQLite has no TTL index: the server calls `purgeExpired` now and then. */
export class SqliteSessions implements SessionTable {
  private readonly insert;
  private readonly byHash;
  private readonly remove;
  private readonly removeExpired;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO sessions (token_hash, id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byHash = db.prepare<[string, string], SessionRow>(
      'SELECT token_hash, id, user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
    );
    this.remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  async create(s: SessionRecord): Promise<void> {
    this.insert.run(s.tokenHash, s.id, s.userId, s.createdAt, s.expiresAt);
  }

  async get(tokenHash: string, now: string): Promise<SessionRecord | null> {
    const r = this.byHash.get(tokenHash, now);
    if (!r) return null;
    return { tokenHash: r.token_hash, id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at };
  }

  async delete(tokenHash: string): Promise<void> {
    this.remove.run(tokenHash);
  }

  async purgeExpired(now: string): Promise<number> {
    return this.removeExpired.run(now).changes;
  }
}
