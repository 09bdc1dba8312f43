import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { PushSubscriptionRecord, PushTable, VapidKeys } from '../port.ts';

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
  /** Absent on subscriptions saved before the choice existed: preview on. */
  preview?: boolean;
  createdAt: string;
}

const DUPLICATE_KEY = 11000;

/** Web Push keys and subscriptions, in the `push_vapid` and `push_subscriptions` collections. */
export class MongoPush implements PushTable {
  private readonly vapid: Collection<VapidDoc>;
  private readonly subscriptions: Collection<SubscriptionDoc>;

  constructor(db: Db) {
    this.vapid = db.collection<VapidDoc>('push_vapid');
    this.subscriptions = db.collection<SubscriptionDoc>('push_subscriptions');
  }

  /** This collection's indexes; createIndex is a no-op when an index exists. */
  async ensureIndexes(): Promise<void> {
    await this.subscriptions.createIndex({ userId: 1, createdAt: 1 }, { name: 'by_user' });
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
      { userId: s.userId, p256dh: s.p256dh, auth: s.auth, preview: s.preview, createdAt: s.createdAt },
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
      preview: d.preview ?? true,
      createdAt: d.createdAt,
    }));
  }
}
