import type Database from 'better-sqlite3';
import type { SessionRecord, SessionTable } from '../port.ts';

/**
 * DDL of the sessions table, by schema version (see `migrations.ts`). Version 4 adds what the list of my sessions
 * shows (`user_agent`, `last_seen_at`: a session stored before it was last seen when it was made) and the index
 * that finds a person's sessions.
 */
export const SESSIONS_DDL: readonly string[] = [
  `CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);`,
  '',
  '',
  `ALTER TABLE sessions ADD COLUMN user_agent TEXT;
  ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
  UPDATE sessions SET last_seen_at = created_at;
  CREATE INDEX sessions_by_user ON sessions(user_id, last_seen_at);`,
];

const COLUMNS = 'token_hash, id, user_id, created_at, expires_at, last_seen_at, user_agent';

interface SessionRow {
  token_hash: string;
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  user_agent: string | null;
}

function toSession(r: SessionRow): SessionRecord {
  return {
    tokenHash: r.token_hash,
    id: r.id,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastSeenAt: r.last_seen_at ?? r.created_at,
    userAgent: r.user_agent,
  };
}

/** At most this many token hashes per `IN (…)` list, far below SQLite's limit of bound parameters. */
const IN_CHUNK = 500;

/** Sign-in sessions, in SQLite. SQLite has no TTL index: the server calls `purgeExpired` now and then. */
export class SqliteSessions implements SessionTable {
  private readonly insert;
  private readonly byHash;
  private readonly remove;
  private readonly removeExpired;
  private readonly touchStmt;
  private readonly ofUser;
  private readonly byIdStmt;
  private readonly allOfUser;
  private readonly removeById;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO sessions (token_hash, id, user_id, created_at, expires_at, last_seen_at, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byHash = db.prepare<[string, string], SessionRow>(
      `SELECT ${COLUMNS} FROM sessions WHERE token_hash = ? AND expires_at > ?`,
    );
    this.remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.touchStmt = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.ofUser = db.prepare<[string, string], SessionRow>(
      `SELECT ${COLUMNS} FROM sessions WHERE user_id = ? AND expires_at > ?
       ORDER BY last_seen_at DESC, created_at DESC, id`,
    );
    this.byIdStmt = db.prepare<[string, string], SessionRow>(
      `SELECT ${COLUMNS} FROM sessions WHERE user_id = ? AND id = ?`,
    );
    this.allOfUser = db.prepare<[string], SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE user_id = ?`);
    this.removeById = db.prepare('DELETE FROM sessions WHERE id = ?');
  }

  async create(s: SessionRecord): Promise<void> {
    this.insert.run(s.tokenHash, s.id, s.userId, s.createdAt, s.expiresAt, s.lastSeenAt, s.userAgent);
  }

  async get(tokenHash: string, now: string): Promise<SessionRecord | null> {
    const r = this.byHash.get(tokenHash, now);
    return r ? toSession(r) : null;
  }

  async delete(tokenHash: string): Promise<void> {
    this.remove.run(tokenHash);
  }

  async purgeExpired(now: string): Promise<number> {
    return this.removeExpired.run(now).changes;
  }

  async touch(tokenHash: string, lastSeenAt: string): Promise<void> {
    this.touchStmt.run(lastSeenAt, tokenHash);
  }

  async listByUser(userId: string, now: string): Promise<SessionRecord[]> {
    return this.ofUser.all(userId, now).map(toSession);
  }

  async byId(userId: string, id: string): Promise<SessionRecord | null> {
    const r = this.byIdStmt.get(userId, id);
    return r ? toSession(r) : null;
  }

  async deleteByUser(userId: string, exceptId?: string): Promise<SessionRecord[]> {
    // Read and delete in one transaction: a session made in between is either both listed and removed, or neither.
    return this.db
      .transaction(() => {
        const gone = this.allOfUser.all(userId).filter((r) => r.id !== exceptId);
        for (const r of gone) this.removeById.run(r.id);
        return gone.map(toSession);
      })
      .immediate();
  }

  async liveAmong(tokenHashes: string[], now: string): Promise<Set<string>> {
    const live = new Set<string>();
    for (let i = 0; i < tokenHashes.length; i += IN_CHUNK) {
      const chunk = tokenHashes.slice(i, i + IN_CHUNK);
      const rows = this.db
        .prepare<unknown[], { token_hash: string }>(
          `SELECT token_hash FROM sessions WHERE expires_at > ? AND token_hash IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(now, ...chunk);
      for (const r of rows) live.add(r.token_hash);
    }
    return live;
  }
}
