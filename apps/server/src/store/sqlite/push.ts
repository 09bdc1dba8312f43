import type Database from 'better-sqlite3';
import type { PushSubscriptionRecord, PushTable, VapidKeys } from '../port.ts';

/**
 * The Web Push tables' DDL steps (see migrations.ts; they start at version 2). `push_vapid` holds at most one row
 * (id 1): the server's VAPID key pair. `push_subscriptions` is keyed by endpoint, which a push service makes
 * unique per browser subscription (RFC 8030 §4).
 */
export const PUSH_DDL: readonly string[] = [
  '',
  `CREATE TABLE push_vapid (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL
  );
  CREATE TABLE push_subscriptions (
    endpoint   TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    preview    INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX push_subscriptions_by_user ON push_subscriptions (user_id, created_at);`,
];

interface SubscriptionRow {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  preview: number;
  created_at: string;
}

const toRecord = (r: SubscriptionRow): PushSubscriptionRecord => ({
  userId: r.user_id,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  preview: r.preview === 1,
  createdAt: r.created_at,
});

/** Web Push keys and subscriptions in the embedded store's database. */
export class SqlitePush implements PushTable {
  constructor(private readonly db: Database.Database) {}

  async claimVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    this.db
      .prepare('INSERT INTO push_vapid (id, public_key, private_key) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(candidate.publicKey, candidate.privateKey);
    const row = this.db.prepare('SELECT public_key, private_key FROM push_vapid WHERE id = 1').get() as {
      public_key: string;
      private_key: string;
    };
    return { publicKey: row.public_key, privateKey: row.private_key };
  }

  async saveSubscription(s: PushSubscriptionRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, preview, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
           auth = excluded.auth, preview = excluded.preview, created_at = excluded.created_at`,
      )
      .run(s.endpoint, s.userId, s.p256dh, s.auth, s.preview ? 1 : 0, s.createdAt);
  }

  async deleteSubscription(endpoint: string, userId?: string): Promise<boolean> {
    const res =
      userId === undefined
        ? this.db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint)
        : this.db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?').run(endpoint, userId);
    return res.changes > 0;
  }

  async listSubscriptions(userId: string): Promise<PushSubscriptionRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM push_subscriptions WHERE user_id = ? ORDER BY created_at, endpoint')
      .all(userId) as SubscriptionRow[];
    return rows.map(toRecord);
  }
}
