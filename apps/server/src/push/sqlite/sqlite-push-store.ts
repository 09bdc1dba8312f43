import Database from 'better-sqlite3';
import type { PushStore, PushSubscriptionRecord, VapidKeys } from '../port.ts';
import { PUSH_DDL } from './push-ddl.ts';

interface SubscriptionRow {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  created_at: string;
}

const toRecord = (r: SubscriptionRow): PushSubscriptionRecord => ({
  userId: r.user_id,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  createdAt: r.created_at,
});

/**
 * The Web Push port on SQLite (better-sqlite3). Give it the embedded store's open `Database` (it creates its own
 * tables there and leaves the handle open on close) or a file path (it opens, in WAL mode, and closes that file).
 */
export class SqlitePushStore implements PushStore {
  private readonly db: Database.Database;
  private readonly owned: boolean;

  constructor(dbOrPath: Database.Database | string, opts: { busyTimeoutMs?: number } = {}) {
    this.owned = typeof dbOrPath === 'string';
    this.db = typeof dbOrPath === 'string' ? new Database(dbOrPath) : dbOrPath;
    if (this.owned) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 2000}`);
    }
    this.db.exec(PUSH_DDL);
  }

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
        `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
           auth = excluded.auth, created_at = excluded.created_at`,
      )
      .run(s.endpoint, s.userId, s.p256dh, s.auth, s.createdAt);
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

  async close(): Promise<void> {
    if (this.owned && this.db.open) this.db.close();
  }
}
