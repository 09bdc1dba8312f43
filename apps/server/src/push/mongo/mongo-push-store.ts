import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import type { PushStore, PushSubscriptionRecord, VapidKeys } from '../port.ts';

/** `push_vapid`: one document, `_id: 'vapid'`. */
interface VapidDoc {
  _id: 'vapid';
  publicKey: string;
  privateKey: string;
}

/** `push_subscriptions`: one document per endpoint (`_id`), so the endpoint is unique by construction. */
interface SubscriptionDoc {
  _id: string;
  userId: string;
  p256dh: string;
  auth: string;
  createdAt: string;
}

const DUPLICATE_KEY = 11000;

/**
 * The Web Push port on MongoDB (official driver). Give it the MongoDB store's `Db` (it leaves the client open on
 * close) or let {@link MongoPushStore.connect} open a client of its own (closed on close).
 */
export class MongoPushStore implements PushStore {
  private readonly vapid: Collection<VapidDoc>;
  private readonly subscriptions: Collection<SubscriptionDoc>;

  private constructor(
    db: Db,
    private readonly client: MongoClient | null,
  ) {
    this.vapid = db.collection<VapidDoc>('push_vapid');
    this.subscriptions = db.collection<SubscriptionDoc>('push_subscriptions');
  }

  /** On an open database; creates the indexes. */
  static async open(db: Db, client: MongoClient | null = null): Promise<MongoPushStore> {
    const store = new MongoPushStore(db, client);
    await store.subscriptions.createIndex({ userId: 1, createdAt: 1 }, { name: 'by_user' });
    return store;
  }

  /** With a client of its own, connected within `timeoutMs`. */
  static async connect(opts: { uri: string; dbName: string; timeoutMs: number }): Promise<MongoPushStore> {
    const client = new MongoClient(opts.uri, {
      serverSelectionTimeoutMS: opts.timeoutMs,
      connectTimeoutMS: opts.timeoutMs,
    });
    await client.connect();
    try {
      return await MongoPushStore.open(client.db(opts.dbName), client);
    } catch (err) {
      await client.close();
      throw err;
    }
  }

  async claimVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    try {
      await this.vapid.insertOne({ _id: 'vapid', ...candidate });
    } catch (err) {
      // Another process stored its pair first: the unique _id refused ours, and theirs is read back below.
      if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
    }
    const doc = await this.vapid.findOne({ _id: 'vapid' });
    if (!doc) throw new Error('VAPID keys vanished after insert');
    return { publicKey: doc.publicKey, privateKey: doc.privateKey };
  }

  async saveSubscription(s: PushSubscriptionRecord): Promise<void> {
    await this.subscriptions.replaceOne(
      { _id: s.endpoint },
      { userId: s.userId, p256dh: s.p256dh, auth: s.auth, createdAt: s.createdAt },
      { upsert: true },
    );
  }

  async deleteSubscription(endpoint: string, userId?: string): Promise<boolean> {
    const res = await this.subscriptions.deleteOne(
      userId === undefined ? { _id: endpoint } : { _id: endpoint, userId },
    );
    return res.deletedCount > 0;
  }

  async listSubscriptions(userId: string): Promise<PushSubscriptionRecord[]> {
    const docs = await this.subscriptions.find({ userId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map((d) => ({
      userId: d.userId,
      endpoint: d._id,
      p256dh: d.p256dh,
      auth: d.auth,
      createdAt: d.createdAt,
    }));
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
