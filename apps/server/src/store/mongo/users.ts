import type { Collection, Db } from 'mongodb';
import type { User } from '@pairchat/schema';
import { NameTakenError, type StoredUser, type UnmigratedUser, type UserRecord, type UserTable } from '../port.ts';
import { duplicateOn, isDuplicate } from './driver-errors.ts';

interface UserDoc {
  _id: string;
  name: string;
  nameKey: string;
  /** Absent on users stored before skeletons were, until start-up fills it in (`auth/name-guard.ts`). */
  nameSkeleton?: string;
  passwordHash: string;
  createdAt: string;
}

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
    return d
      ? {
          id: d._id,
          name: d.name,
          nameKey: d.nameKey,
          nameSkeleton: d.nameSkeleton ?? null,
          passwordHash: d.passwordHash,
          createdAt: d.createdAt,
        }
      : null;
  }

  async get(id: string): Promise<User | null> {
    const d = await this.users.findOne({ _id: id });
    return d ? { id: d._id, name: d.name } : null;
  }

  async search(excludeId: string, keyPart: string, limit: number): Promise<User[]> {
    // The part as a literal: every regular-expression metacharacter escaped.
    const literal = keyPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const docs = await this.users
      .find({ _id: { $ne: excludeId }, nameKey: { $regex: literal } })
      .sort({ nameKey: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ id: d._id, name: d.name }));
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
