import type Database from 'better-sqlite3';
import type { User } from '@pairchat/schema';
import { NameTakenError, type StoredUser, type UnmigratedUser, type UserRecord, type UserTable } from '../port.ts';
import { isUniqueViolation } from './sqlite-errors.ts';

/**
 * DDL of the users table, by schema version (see `migrations.ts`). Names are unique by their folded key and by their
 * confusable skeleton. Version 2 adds the skeleton, empty (NULL, which a UNIQUE index lets many rows share) for the
 * users stored before it: `auth/name-guard.ts` fills it at start-up through `withoutSkeleton` and `setSkeleton`, the
 * same rule for every adapter.
 */
export const USERS_DDL: readonly string[] = [
  `CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );`,
  `ALTER TABLE users ADD COLUMN name_skeleton TEXT;
  CREATE UNIQUE INDEX users_by_name_skeleton ON users (name_skeleton);
  CREATE INDEX users_without_skeleton ON users (created_at, id) WHERE name_skeleton IS NULL;`,
];

interface UserRow {
  id: string;
  name: string;
  name_key: string;
  name_skeleton: string | null;
  password_hash: string;
  created_at: string;
}

/** Which unique index a constraint error names (SQLite's message: "UNIQUE constraint failed: users.name_skeleton"). */
const nameTaken = (err: Error) =>
  new NameTakenError(err.message.includes('name_skeleton') ? 'nameSkeleton' : 'nameKey');

/** People, in SQLite. */
export class SqliteUsers implements UserTable {
  private readonly insertUser;
  private readonly byKey;
  private readonly byId;
  private readonly containing;
  private readonly unmigrated;
  private readonly updateKey;
  private readonly updateSkeleton;

  constructor(db: Database.Database) {
    this.insertUser = db.prepare(
      'INSERT INTO users (id, name, name_key, name_skeleton, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byKey = db.prepare<[string], UserRow>(
      'SELECT id, name, name_key, name_skeleton, password_hash, created_at FROM users WHERE name_key = ?',
    );
    this.byId = db.prepare<[string], User>('SELECT id, name FROM users WHERE id = ?');
    this.containing = db.prepare<[string, string, number], User>(
      `SELECT id, name FROM users WHERE id != ? AND instr(name_key, ?) > 0 ORDER BY name_key LIMIT ?`,
    );
    this.unmigrated = db.prepare<[number], UnmigratedUser>(
      `SELECT id, name, name_key AS nameKey, created_at AS createdAt FROM users WHERE name_skeleton IS NULL
       ORDER BY created_at, id LIMIT ?`,
    );
    this.updateKey = db.prepare('UPDATE users SET name_key = ? WHERE id = ?');
    this.updateSkeleton = db.prepare('UPDATE users SET name_skeleton = ? WHERE id = ?');
  }

  async create(u: UserRecord): Promise<void> {
    try {
      this.write(() => this.insertUser.run(u.id, u.name, u.nameKey, u.nameSkeleton, u.passwordHash, u.createdAt));
    } catch (err) {
      // SQLite names whichever index it checked first; the port promises the name key when both are taken.
      if (err instanceof NameTakenError && this.byKey.get(u.nameKey)) throw new NameTakenError('nameKey');
      throw err;
    }
  }

  async findByNameKey(nameKey: string): Promise<StoredUser | null> {
    const r = this.byKey.get(nameKey);
    return r
      ? {
          id: r.id,
          name: r.name,
          nameKey: r.name_key,
          nameSkeleton: r.name_skeleton,
          passwordHash: r.password_hash,
          createdAt: r.created_at,
        }
      : null;
  }

  async get(id: string): Promise<User | null> {
    return this.byId.get(id) ?? null;
  }

  async search(excludeId: string, keyPart: string, limit: number): Promise<User[]> {
    return this.containing.all(excludeId, keyPart, limit);
  }

  async withoutSkeleton(limit: number): Promise<UnmigratedUser[]> {
    return this.unmigrated.all(limit);
  }

  async setNameKey(id: string, nameKey: string): Promise<void> {
    this.write(() => this.updateKey.run(nameKey, id));
  }

  async setSkeleton(id: string, nameSkeleton: string): Promise<void> {
    this.write(() => this.updateSkeleton.run(nameSkeleton, id));
  }

  /** Runs a write; a unique index's refusal becomes a NameTakenError naming the index. */
  private write(run: () => unknown): void {
    try {
      run();
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(err as Error);
      throw err;
    }
  }
}
