/**
 * The embedded store's Web Push tables, idempotent (`IF NOT EXISTS`) so every start may run them. `push_vapid`
 * holds at most one row (id 1): the server's VAPID key pair. `push_subscriptions` is keyed by endpoint, which a
 * push service makes unique per browser subscription (RFC 8030 §4).
 */
export const PUSH_DDL = `
  CREATE TABLE IF NOT EXISTS push_vapid (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS push_subscriptions (
    endpoint TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS push_subscriptions_by_user ON push_subscriptions (user_id, created_at);
`;
