/**
 * The Web Push table of the storage port (see `../port.ts`): the server's VAPID keys and the browsers'
 * subscriptions.
 */

/** An ECDSA P-256 key pair as web-push makes it: public key an uncompressed point, private key 32 bytes, base64url. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** One browser's Web Push subscription for one person. `p256dh` and `auth` (base64url) encrypt payloads (RFC 8291). */
export interface PushSubscriptionRecord {
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** Whether pushes to this browser carry the sender's text (false: only "New message"). */
  preview: boolean;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * What Web Push keeps: the server's VAPID key pair (RFC 8292), one for every process and restart, and the
 * browsers' subscriptions (RFC 8030 §4, W3C Push API), one per endpoint. The rules (when to push, coalescing,
 * retries, endpoint checks) live in `push/push-sender.ts` above this table.
 */
export interface PushTable {
  /**
   * Stores `candidate` as the server's VAPID keys unless keys are stored already, atomically, and returns the
   * stored keys: processes starting at once all get the same pair, whoever's candidate won.
   */
  claimVapidKeys(candidate: VapidKeys): Promise<VapidKeys>;
  /**
   * Saves a subscription; the endpoint is unique, so saving an endpoint again replaces it (new keys, or a new
   * person signed in on that browser: the push goes to whoever subscribed last).
   */
  saveSubscription(sub: PushSubscriptionRecord): Promise<void>;
  /** Deletes the subscription with this endpoint, only if it is `userId`'s when given; true when one was deleted. */
  deleteSubscription(endpoint: string, userId?: string): Promise<boolean>;
  /** A person's subscriptions, oldest first (`createdAt`, then endpoint). */
  listSubscriptions(userId: string): Promise<PushSubscriptionRecord[]>;
}
