import webpush from 'web-push';
import type { PushTable, VapidKeys } from '../store/port.ts';

/**
 * The server's VAPID key pair (RFC 8292 §3: an ECDSA P-256 key that signs each push's JWT). Made with web-push at
 * the first start and kept in the store: every process offers a fresh pair and all get the one stored first, so
 * every process and every restart signs with the same key, and browsers' subscriptions (bound to the public key
 * by `applicationServerKey`) stay valid.
 */
export function loadVapidKeys(store: PushTable): Promise<VapidKeys> {
  return store.claimVapidKeys(webpush.generateVAPIDKeys());
}
