import type { Collection, Db } from 'mongodb';
import type { SessionRecord, SessionTable } from '../port.ts';

interface SessionDoc {
  _id: string; // token hash
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date; // a Date, for the TTL index
  /** Absent on sessions stored before the list of sessions was: last seen when made. */
  lastSeenAt?: Date;
  userAgent?: string | null;
}

function toSession(d: SessionDoc): SessionRecord {
  return {
    tokenHash: d._id,
    id: d.id,
    userId: d.userId,
    createdAt: d.createdAt.toISOString(),
    expiresAt: d.expiresAt.toISOString(),
    lastSeenAt: (d.lastSeenAt ?? d.createdAt).toISOString(),
    userAgent: d.userAgent ?? null,
  };
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
    await this.sessions.createIndex({ userId: 1, id: 1 }, { name: 'by_user' });
  }

  async create(s: SessionRecord): Promise<void> {
    await this.sessions.insertOne({
      _id: s.tokenHash,
      id: s.id,
      userId: s.userId,
      createdAt: new Date(s.createdAt),
      expiresAt: new Date(s.expiresAt),
      lastSeenAt: new Date(s.lastSeenAt),
      userAgent: s.userAgent,
    });
  }

  async get(tokenHash: string, now: string): Promise<SessionRecord | null> {
    // The TTL monitor removes expired sessions about once a minute; until then the expiry check here decides.
    const d = await this.sessions.findOne({ _id: tokenHash, expiresAt: { $gt: new Date(now) } });
    return d ? toSession(d) : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sessions.deleteOne({ _id: tokenHash });
  }

  async purgeExpired(now: string): Promise<number> {
    return (await this.sessions.deleteMany({ expiresAt: { $lte: new Date(now) } })).deletedCount;
  }

  async touch(tokenHash: string, lastSeenAt: string): Promise<void> {
    await this.sessions.updateOne({ _id: tokenHash }, { $set: { lastSeenAt: new Date(lastSeenAt) } });
  }

  async listByUser(userId: string, now: string): Promise<SessionRecord[]> {
    const docs = await this.sessions.find({ userId, expiresAt: { $gt: new Date(now) } }).toArray();
    // A person has a handful of sessions: sorted here, so a session without lastSeenAt sorts by its creation.
    return docs
      .map(toSession)
      .sort(
        (a, b) =>
          b.lastSeenAt.localeCompare(a.lastSeenAt) ||
          b.createdAt.localeCompare(a.createdAt) ||
          a.id.localeCompare(b.id),
      );
  }

  async byId(userId: string, id: string): Promise<SessionRecord | null> {
    const d = await this.sessions.findOne({ userId, id });
    return d ? toSession(d) : null;
  }

  async deleteByUser(userId: string, exceptId?: string): Promise<SessionRecord[]> {
    const filter = { userId, ...(exceptId !== undefined && { id: { $ne: exceptId } }) };
    const docs = await this.sessions.find(filter).toArray();
    if (docs.length > 0) await this.sessions.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
    // A session made between the read and the delete is neither listed nor removed: it began after the call.
    return docs.map(toSession);
  }

  async liveAmong(tokenHashes: string[], now: string): Promise<Set<string>> {
    if (tokenHashes.length === 0) return new Set();
    const docs = await this.sessions
      .find({ _id: { $in: tokenHashes }, expiresAt: { $gt: new Date(now) } }, { projection: { _id: 1 } })
      .toArray();
    return new Set(docs.map((d) => d._id));
  }
}
