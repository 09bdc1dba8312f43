import type Database from 'better-sqlite3';
import type { HiddenMessageTable } from '../port.ts';

/**
 * DDL of hidden_messages, by schema version (see `migrations.ts`): each person's single messages deleted for them
 * only. The table starts at version 2 (step 0 is empty).
 */
export const HIDDEN_MESSAGES_DDL: readonly string[] = [
  '',
  `CREATE TABLE hidden_messages (
    owner_id TEXT NOT NULL,
    chat_key TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (owner_id, chat_key, seq)
  ) WITHOUT ROWID;`,
];

/** SQL that is true when message `m` is in the hidden set of the person bound as `?`. */
export const HIDDEN_FOR_VIEWER =
  'EXISTS (SELECT 1 FROM hidden_messages h WHERE h.owner_id = ? AND h.chat_key = m.chat_key AND h.seq = m.seq)';

/** The hidden sets, in SQLite. */
export class SqliteHiddenMessages implements HiddenMessageTable {
  private readonly insert;
  private readonly has;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO hidden_messages (owner_id, chat_key, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.has = db.prepare<[string, string, number], { seq: number }>(
      'SELECT seq FROM hidden_messages WHERE owner_id = ? AND chat_key = ? AND seq = ?',
    );
  }

  async hide(ownerId: string, chatKey: string, seq: number): Promise<void> {
    this.insert.run(ownerId, chatKey, seq);
  }

  async among(ownerId: string, chatKey: string, seqs: number[]): Promise<Set<number>> {
    return new Set(seqs.filter((seq) => this.has.get(ownerId, chatKey, seq) !== undefined));
  }
}
