import type { Collection, Db } from 'mongodb';
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
import { duplicateOn, isDuplicate } from './driver-errors.ts';

interface UserDoc {
  _id: string;
  name: string;
  nameKey: string;
  /** Absent on users stored before skeletons were, until start-up fills it in (`auth/name-guard.ts`). */
  nameSkeleton?: string;
  passwordHash: string;
  createdAt: string;
  /** The profile; absent on users stored before profiles were (null). */
  displayName?: string | null;
  avatar?: string | null;
  /** Disabled by the server's owner; absent: false. */
  disabled?: boolean;
  /** When the account was deleted; absent: a live account. */
  deletedAt?: string | null;
}

const userOf = (d: UserDoc): User => toUser({ ...d, id: d._id, deleted: d.deletedAt != null });

function storedUser(d: UserDoc): StoredUser {
  return {
    ...userOf(d),
    nameKey: d.nameKey,
    nameSkeleton: d.nameSkeleton ?? null,
    passwordHash: d.passwordHash,
    createdAt: d.createdAt,
    disabled: d.disabled === true,
  };
}

/** A live account: never deleted (the field absent or null). */
const LIVE = { deletedAt: null };

/** People, in the `users` collection. Names are unique by their folded key and by their confusable skeleton. */
export class MongoUsers implements UserTable {
  private readonly users: Collection<UserDoc>;

  constructor(db: Db) {
    this.users = db.collection('users');
  }

  /**
   * This collection's indexes; createIndex is a no-op when an index exists. The skeleton's unique index is partial
   * (documents that have one), so users stored before skeletons were can wait for start-up to fill theirs in.
   */
  async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ nameKey: 1 }, { unique: true, name: 'unique_name_key' });
    await this.users.createIndex(
      { nameSkeleton: 1 },
      { unique: true, name: 'unique_name_skeleton', partialFilterExpression: { nameSkeleton: { $exists: true } } },
    );
    await this.users.createIndex({ avatar: 1 }, { name: 'by_avatar', sparse: true });
  }

  async create(u: UserRecord): Promise<void> {
    await this.write(() =>
      this.users.insertOne({
        _id: u.id,
        name: u.name,
        nameKey: u.nameKey,
        nameSkeleton: u.nameSkeleton,
        passwordHash: u.passwordHash,
        createdAt: u.createdAt,
      }),
    ).catch(async (err: unknown) => {
      // The server names whichever index it checked first; the port promises the name key when both are taken.
      if (err instanceof NameTakenError && (await this.users.findOne({ nameKey: u.nameKey }))) {
        throw new NameTakenError('nameKey');
      }
      throw err;
    });
  }

  async findByNameKey(nameKey: string): Promise<StoredUser | null> {
    const d = await this.users.findOne({ nameKey });
    return d ? storedUser(d) : null;
  }

  async account(id: string): Promise<StoredUser | null> {
    const d = await this.users.findOne({ _id: id });
    return d ? storedUser(d) : null;
  }

  async get(id: string): Promise<User | null> {
    const d = await this.users.findOne({ _id: id });
    return d ? userOf(d) : null;
  }

  async setProfile(id: string, change: ProfileChange): Promise<User | null> {
    const set: Partial<UserDoc> = {};
    if (change.displayName !== undefined) set.displayName = change.displayName;
    if (change.avatar !== undefined) set.avatar = change.avatar;
    const d = await this.users.findOneAndUpdate({ _id: id, ...LIVE }, { $set: set }, { returnDocument: 'after' });
    return d ? userOf(d) : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return (await this.users.updateOne({ _id: id, ...LIVE }, { $set: { passwordHash } })).matchedCount === 1;
  }

  async setDisabled(id: string, disabled: boolean): Promise<boolean> {
    return (await this.users.updateOne({ _id: id, ...LIVE }, { $set: { disabled } })).matchedCount === 1;
  }

  async markDeleted(id: string, deletedAt: string): Promise<boolean> {
    const gone = { deletedAt, passwordHash: '', displayName: null, avatar: null };
    return (await this.users.updateOne({ _id: id, ...LIVE }, { $set: gone })).matchedCount === 1;
  }

  async list(limit: number, afterKey = ''): Promise<(AccountSummary & { nameKey: string })[]> {
    const docs = await this.users
      .find({ nameKey: { $gt: afterKey } })
      .sort({ nameKey: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({
      id: d._id,
      name: d.name,
      nameKey: d.nameKey,
      displayName: d.displayName ?? null,
      disabled: d.disabled === true,
      deleted: d.deletedAt != null,
      createdAt: d.createdAt,
    }));
  }

  async isAvatar(mediaId: string): Promise<boolean> {
    return (await this.users.findOne({ avatar: mediaId, ...LIVE }, { projection: { _id: 1 } })) !== null;
  }

  async search(excludeId: string, keyPart: string, limit: number): Promise<User[]> {
    // The part as a literal: every regular-expression metacharacter escaped.
    const literal = keyPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const docs = await this.users
      .find({ _id: { $ne: excludeId }, nameKey: { $regex: literal }, ...LIVE })
      .sort({ nameKey: 1 })
      .limit(limit)
      .toArray();
    return docs.map(userOf);
  }

  /** A collection scan (no index selects documents that lack a field), run once per start-up. */
  async withoutSkeleton(limit: number): Promise<UnmigratedUser[]> {
    const docs = await this.users
      .find({ nameSkeleton: { $exists: false } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ id: d._id, name: d.name, nameKey: d.nameKey, createdAt: d.createdAt }));
  }

  async setNameKey(id: string, nameKey: string): Promise<void> {
    await this.write(() => this.users.updateOne({ _id: id }, { $set: { nameKey } }));
  }

  async setSkeleton(id: string, nameSkeleton: string): Promise<void> {
    await this.write(() => this.users.updateOne({ _id: id }, { $set: { nameSkeleton } }));
  }

  /** Runs a write; a unique index's refusal becomes a NameTakenError naming the index. */
  private async write(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (isDuplicate(err)) throw new NameTakenError(duplicateOn(err, 'nameSkeleton') ? 'nameSkeleton' : 'nameKey');
      throw err;
    }
  }
}
