import type Database from 'better-sqlite3';
import type { User } from '@pairchat/schema';
import type { UserRecord, UserTable } from '../port.ts';
import { DuplicateError } from '../unavailable.ts';
import { isUniqueViolation } from './sqlite-errors.ts';

/** DDL of the users table, by schema version (see `migrations.ts`). Names are unique by their folded key. */
export const USERS_DDL: readonly string[] = [
  `CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );`,
];

interface UserRow {
  id: string;
  name: string;
  name_key: string;
  password_hash: string;
  created_at: string;
}

/** People, in SQLite. */
export class SqliteUsers implements UserTable {
  private readonly insertUser;
  private readonly byKey;
  private readonly byId;
  private readonly byPrefix;

  constructor(db: Database.Database) {
    this.insertUser = db.prepare(
      'INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byKey = db.prepare<[string], UserRow>(
      'SELECT id, name, name_key, password_hash, created_at FROM users WHERE name_key = ?',
    );
    this.byId = db.prepare<[string], User>('SELECT id, name FROM users WHERE id = ?');
    this.byPrefix = db.prepare<[string, string, string, number], User>(
      `SELECT id, name FROM users WHERE id != ? AND name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?`,
    );
  }

  async create(u: UserRecord): Promise<void> {
    try {
      this.insertUser.run(u.id, u.name, u.nameKey, u.passwordHash, u.createdAt);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError('name taken');
      throw err;
    }
  }

  async findByNameKey(nameKey: string): Promise<UserRecord | null> {
    const r = this.byKey.get(nameKey);
    return r
      ? { id: r.id, name: r.name, nameKey: r.name_key, passwordHash: r.password_hash, createdAt: r.created_at }
      : null;
  }

  async get(id: string): Promise<User | null> {
    return this.byId.get(id) ?? null;
  }

  async search(excludeId: string, prefixKey: string, limit: number): Promise<User[]> {
    return this.byPrefix.all(excludeId, prefixKey, `${prefixKey}\u{10FFFF}`, limit);
  }
}
