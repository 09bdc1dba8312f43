import http from 'node:http';
import https from 'node:https';
import webpush from 'web-push';
import { checkEndpoint, publicOnlyLookup } from './endpoint-guard.ts';
import type { VapidKeys } from '../store/port.ts';

/** Where one push goes: a subscription's endpoint and its keys (base64url, RFC 8291 §3). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PostPushOptions {
  vapid: VapidKeys;
  /** VAPID `sub` claim (RFC 8292 §2.1): a `mailto:` or `https:` contact for the push service's operator. */
  subject: string;
  allowInsecure: boolean;
  /** How long the push service keeps an undelivered push, in seconds (RFC 8030 §5.2). */
  ttlSeconds: number;
  /** RFC 8030 §5.4: an undelivered push with the same topic is replaced (≤ 32 base64url characters). */
  topic?: string;
  timeoutMs: number;
  /** Aborts the request (the server is shutting down). */
  signal?: AbortSignal;
}

/**
 * Sends one push (RFC 8030 §5) and resolves with the push service's HTTP status. web-push builds the request: the
 * payload encrypted per RFC 8291 (`Content-Encoding: aes128gcm`) and the VAPID `Authorization: vapid t=…, k=…`
 * header per RFC 8292 with `aud` = the endpoint's origin. The request itself is made here, because web-push speaks
 * https only and cannot refuse addresses: the endpoint is checked again (DNS can change) and the connection's own
 * lookup refuses non-public addresses. Rejects on a refused endpoint, a network error or the timeout.
 */
export async function postPush(target: PushTarget, payload: string, opts: PostPushOptions): Promise<number> {
  const url = await checkEndpoint(target.endpoint, opts.allowInsecure);
  const details = webpush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    payload,
    {
      vapidDetails: { subject: opts.subject, publicKey: opts.vapid.publicKey, privateKey: opts.vapid.privateKey },
      TTL: opts.ttlSeconds,
      urgency: 'high',
      contentEncoding: 'aes128gcm',
      ...(opts.topic !== undefined && { topic: opts.topic }),
    },
  );
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: details.method,
        headers: details.headers,
        timeout: opts.timeoutMs,
        ...(opts.signal && { signal: opts.signal }),
        ...(!opts.allowInsecure && { lookup: publicOnlyLookup }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`push service did not answer within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(details.body);
  });
}
