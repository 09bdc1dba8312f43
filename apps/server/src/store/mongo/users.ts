import type { Collection, Db } from 'mongodb';
import type { User } from '@pairchat/schema';
import type { UserRecord, UserTable } from '../port.ts';
import { DuplicateError } from '../unavailable.ts';
import { isDuplicate } from './driver-errors.ts';

interface UserDoc {
  _id: string;
  name: string;
  nameKey: string;
  passwordHash: string;
  createdAt: string;
}

/** People, in the `users` collection. Names are unique by their folded key. */
export class MongoUsers implements UserTable {
  private readonly users: Collection<UserDoc>;

  constructor(db: Db) {
    this.users = db.collection('users');
  }

  /** This collection's indexes; createIndex is a no-op when an index exists. */
  async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ nameKey: 1 }, { unique: true, name: 'unique_name_key' });
  }

  async create(u: UserRecord): Promise<void> {
    try {
      await this.users.insertOne({
        _id: u.id,
        name: u.name,
        nameKey: u.nameKey,
        passwordHash: u.passwordHash,
        createdAt: u.createdAt,
      });
    } catch (err) {
      if (isDuplicate(err)) throw new DuplicateError('name taken');
      throw err;
    }
  }

  async findByNameKey(nameKey: string): Promise<UserRecord | null> {
    const d = await this.users.findOne({ nameKey });
    return d
      ? { id: d._id, name: d.name, nameKey: d.nameKey, passwordHash: d.passwordHash, createdAt: d.createdAt }
      : null;
  }

  async get(id: string): Promise<User | null> {
    const d = await this.users.findOne({ _id: id });
    return d ? { id: d._id, name: d.name } : null;
  }

  async search(excludeId: string, prefixKey: string, limit: number): Promise<User[]> {
    const docs = await this.users
      .find({ _id: { $ne: excludeId }, nameKey: { $gte: prefixKey, $lt: `${prefixKey}\u{10FFFF}` } })
      .sort({ nameKey: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ id: d._id, name: d.name }));
  }
}
