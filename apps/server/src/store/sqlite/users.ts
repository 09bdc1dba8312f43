import type Database from 'better-sqlite3';
import type { User } from '@pairchat/schema';
import {
  NameTakenError,
  toUser,
  type AccountSummary,
  type ProfileChange,
  type StoredUser,
  type UnmigratedUser,
  type UserRecord,
  type UserTable,
} from '../port.ts';
import { isUniqueViolation } from './sqlite-errors.ts';

/**
 * DDL of the users table, by schema version (see `migrations.ts`). Names are unique by their folded key and by their
 * confusable skeleton. Version 2 adds the skeleton, empty (NULL, which a UNIQUE index lets many rows share) for the
 * users stored before it: `auth/name-guard.ts` fills it at start-up through `withoutSkeleton` and `setSkeleton`, the
 * same rule for every adapter. Version 4 adds the profile (display name, avatar: a media id) and the account's
 * state (disabled by the owner; deleted, with its date); `users_by_avatar` answers "is this media someone's avatar".
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
  '',
  `ALTER TABLE users ADD COLUMN display_name TEXT;
  ALTER TABLE users ADD COLUMN avatar TEXT;
  ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN deleted_at TEXT;
  CREATE INDEX users_by_avatar ON users (avatar) WHERE avatar IS NOT NULL;`,
];

/** The columns of the contract's User, as `toUser` reads them. */
const USER_COLUMNS = 'id, name, display_name AS displayName, avatar, deleted_at IS NOT NULL AS deleted';
const RECORD_COLUMNS =
  'id, name, name_key, name_skeleton, password_hash, created_at, display_name, avatar, disabled, deleted_at';

interface UserRow {
  id: string;
  name: string;
  name_key: string;
  name_skeleton: string | null;
  password_hash: string;
  created_at: string;
  display_name: string | null;
  avatar: string | null;
  disabled: number;
  deleted_at: string | null;
}

interface UserColumns {
  id: string;
  name: string;
  displayName: string | null;
  avatar: string | null;
  deleted: number;
}

const userOf = (r: UserColumns): User => toUser({ ...r, deleted: r.deleted === 1 });

function storedUser(r: UserRow): StoredUser {
  return {
    ...toUser({
      id: r.id,
      name: r.name,
      displayName: r.display_name,
      avatar: r.avatar,
      deleted: r.deleted_at !== null,
    }),
    nameKey: r.name_key,
    nameSkeleton: r.name_skeleton,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    disabled: r.disabled === 1,
  };
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
  private readonly byIdRecord;
  private readonly updatePassword;
  private readonly updateDisabled;
  private readonly markGone;
  private readonly listing;
  private readonly avatarUse;

  constructor(private readonly db: Database.Database) {
    this.insertUser = db.prepare(
      'INSERT INTO users (id, name, name_key, name_skeleton, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byKey = db.prepare<[string], UserRow>(`SELECT ${RECORD_COLUMNS} FROM users WHERE name_key = ?`);
    this.byIdRecord = db.prepare<[string], UserRow>(`SELECT ${RECORD_COLUMNS} FROM users WHERE id = ?`);
    this.byId = db.prepare<[string], UserColumns>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
    this.containing = db.prepare<[string, string, number], UserColumns>(
      `SELECT ${USER_COLUMNS} FROM users WHERE id != ? AND deleted_at IS NULL AND instr(name_key, ?) > 0
       ORDER BY name_key LIMIT ?`,
    );
    this.updatePassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND deleted_at IS NULL');
    this.updateDisabled = db.prepare('UPDATE users SET disabled = ? WHERE id = ? AND deleted_at IS NULL');
    this.markGone = db.prepare(
      `UPDATE users SET deleted_at = ?, password_hash = '', display_name = NULL, avatar = NULL
       WHERE id = ? AND deleted_at IS NULL`,
    );
    this.listing = db.prepare<[string, number], UserRow>(
      `SELECT ${RECORD_COLUMNS} FROM users WHERE name_key > ? ORDER BY name_key LIMIT ?`,
    );
    this.avatarUse = db.prepare<[string], { id: string }>(
      'SELECT id FROM users WHERE avatar = ? AND deleted_at IS NULL LIMIT 1',
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
    return r ? storedUser(r) : null;
  }

  async account(id: string): Promise<StoredUser | null> {
    const r = this.byIdRecord.get(id);
    return r ? storedUser(r) : null;
  }

  async get(id: string): Promise<User | null> {
    const r = this.byId.get(id);
    return r ? userOf(r) : null;
  }

  async search(excludeId: string, keyPart: string, limit: number): Promise<User[]> {
    return this.containing.all(excludeId, keyPart, limit).map(userOf);
  }

  async setProfile(id: string, change: ProfileChange): Promise<User | null> {
    const sets = (['displayName', 'avatar'] as const).filter((f) => change[f] !== undefined);
    if (sets.length > 0) {
      const columns = sets.map((f) => `${f === 'displayName' ? 'display_name' : 'avatar'} = ?`).join(', ');
      this.db
        .prepare(`UPDATE users SET ${columns} WHERE id = ? AND deleted_at IS NULL`)
        .run(...sets.map((f) => change[f]), id);
    }
    const user = await this.get(id);
    return user && !user.deleted ? user : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.updatePassword.run(passwordHash, id).changes === 1;
  }

  async setDisabled(id: string, disabled: boolean): Promise<boolean> {
    return this.updateDisabled.run(Number(disabled), id).changes === 1;
  }

  async markDeleted(id: string, deletedAt: string): Promise<boolean> {
    return this.markGone.run(deletedAt, id).changes === 1;
  }

  async list(limit: number, afterKey = ''): Promise<(AccountSummary & { nameKey: string })[]> {
    return this.listing.all(afterKey, limit).map((r) => ({
      id: r.id,
      name: r.name,
      nameKey: r.name_key,
      displayName: r.display_name,
      disabled: r.disabled === 1,
      deleted: r.deleted_at !== null,
      createdAt: r.created_at,
    }));
  }

  async isAvatar(mediaId: string): Promise<boolean> {
    return this.avatarUse.get(mediaId) !== undefined;
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
