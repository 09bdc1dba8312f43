import type { Collection, Db } from 'mongodb';
import type { SessionRecord, SessionTable } from '../port.ts';

interface SessionDoc {
  _id: string; // token hash
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date; // a Date, for the TTL index
}

/** Sign-in sessions, in the `sessions` collection, expired by a TTL index. */
export class MongoSessions implements SessionTable {
  private readonly sessions: Collection<SessionDoc>;

  constructor(db: Db) {
    this.sessions = db.collection('sessions');
  }

  /** This collection's indexes; createIndex is a no-op when an index exists. */
  async ensureIndexes(): Promise<void> {
    await this.sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'session_ttl' });
  }

  async create(s: SessionRecord): Promise<void> {
    await this.sessions.insertOne({
      _id: s.tokenHash,
      id: s.id,
      userId: s.userId,
      createdAt: new Date(s.createdAt),
      expiresAt: new Date(s.expiresAt),
    });
  }

  async get(tokenHash: string, now: string): Promise<SessionRecord | null> {
    // The TTL monitor removes expired sessions about once a minute; until then the expiry check here decides.
    const d = await this.sessions.findOne({ _id: tokenHash, expiresAt: { $gt: new Date(now) } });
    return d
      ? {
          tokenHash: d._id,
          id: d.id,
          userId: d.userId,
          createdAt: d.createdAt.toISOString(),
          expiresAt: d.expiresAt.toISOString(),
        }
      : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sessions.deleteOne({ _id: tokenHash });
  }

  async purgeExpired(now: string): Promise<number> {
    return (await this.sessions.deleteMany({ expiresAt: { $lte: new Date(now) } })).deletedCount;
  }
}
