import type Database from 'better-sqlite3';
import type { BlockRecord, BlockTable } from '../port.ts';

/**
 * DDL of `blocks`, by schema version (see `migrations.ts`); it starts at version 4. The primary key answers "has
 * the recipient blocked the sender" (the send path); the index on the blocked id answers "who blocked me".
 */
export const BLOCKS_DDL: readonly string[] = [
  '',
  '',
  '',
  `CREATE TABLE blocks (
    owner_id   TEXT NOT NULL,
    blocked_id TEXT NOT NULL,
    date       TEXT NOT NULL,
    PRIMARY KEY (owner_id, blocked_id)
  ) WITHOUT ROWID;
  CREATE INDEX blocks_by_blocked ON blocks (blocked_id);`,
];

interface BlockRow {
  owner_id: string;
  blocked_id: string;
  date: string;
}

/** Blocks in the embedded store's database. */
export class SqliteBlocks implements BlockTable {
  private readonly hasStatement;

  constructor(private readonly db: Database.Database) {
    // Prepared once: it runs on every send.
    this.hasStatement = db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM blocks WHERE owner_id = ? AND blocked_id = ?',
    );
  }

  async add(ownerId: string, blockedId: string, date: string): Promise<boolean> {
    const res = this.db
      .prepare('INSERT INTO blocks (owner_id, blocked_id, date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(ownerId, blockedId, date);
    return res.changes > 0;
  }

  async remove(ownerId: string, blockedId: string): Promise<boolean> {
    return (
      this.db.prepare('DELETE FROM blocks WHERE owner_id = ? AND blocked_id = ?').run(ownerId, blockedId).changes > 0
    );
  }

  async has(ownerId: string, blockedId: string): Promise<boolean> {
    return this.hasStatement.get(ownerId, blockedId) !== undefined;
  }

  async list(ownerId: string): Promise<BlockRecord[]> {
    const rows = this.db
      .prepare<[string], BlockRow>('SELECT * FROM blocks WHERE owner_id = ? ORDER BY date DESC, blocked_id DESC')
      .all(ownerId);
    return rows.map((r) => ({ ownerId: r.owner_id, blockedId: r.blocked_id, date: r.date }));
  }

  async blockersOf(blockedId: string): Promise<string[]> {
    const rows = this.db
      .prepare<[string], { owner_id: string }>('SELECT owner_id FROM blocks WHERE blocked_id = ?')
      .all(blockedId);
    return rows.map((r) => r.owner_id);
  }

  async forgetUser(userId: string): Promise<void> {
    this.db.prepare('DELETE FROM blocks WHERE owner_id = ? OR blocked_id = ?').run(userId, userId);
  }
}
