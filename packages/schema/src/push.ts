import { z } from 'zod';
import { IdSchema } from './entities.ts';

/**
 * Web Push shapes (RFC 8030 delivery, RFC 8291 message encryption, RFC 8292 VAPID) and the payload the service
 * worker shows. A browser hands its subscription over as `PushSubscription.toJSON()` (W3C Push API): the endpoint,
 * `expirationTime`, and the keys as unpadded base64url.
 */

const base64url = (bytes: number, what: string) =>
  z
    .string()
    // Unpadded base64url of `bytes` bytes is exactly ceil(bytes * 4 / 3) characters long.
    .length(Math.ceil((bytes * 4) / 3), `${what}: expected ${bytes} bytes as unpadded base64url`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what}: expected unpadded base64url`);

/** The longest endpoint accepted; real push services use well under 1 KiB. */
export const PUSH_ENDPOINT_MAX = 2048;

/**
 * A URL's host as the WHATWG URL parser gives it (`URL.hostname`): a domain name, an IPv4 address, or an IPv6
 * address in brackets (RFC 3986 §3.2.2 IP-literal; the parser has already checked the address inside).
 */
const ENDPOINT_HOST = new RegExp(`${z.regexes.hostname.source}|^\\[[0-9a-f:.]+\\]$`);

/**
 * A push service's URL. Only its form is checked here; the server also resolves its host and calls only public
 * addresses, IPv6 literals included (see apps/server/src/push/endpoint-guard.ts).
 */
export const PushEndpointSchema = z.url({ protocol: /^https?$/, hostname: ENDPOINT_HOST }).max(PUSH_ENDPOINT_MAX);

/** RFC 8291 §3: `p256dh` is the browser's P-256 public key, an uncompressed point (65 bytes, first byte 0x04). */
export const PushP256dhSchema = base64url(65, 'p256dh').regex(/^B/, 'p256dh: expected an uncompressed P-256 point');
/** RFC 8291 §3.2: the authentication secret, 16 bytes. */
export const PushAuthSchema = base64url(16, 'auth');

export const PushSubscriptionBodySchema = z.strictObject({
  endpoint: PushEndpointSchema,
  /** Sent by `toJSON()`; not used by the server (a push service answering 404/410 ends a subscription). */
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: PushP256dhSchema, auth: PushAuthSchema }),
  /** pairchat's own field: false → pushes to this browser say only "New message", not the text. Default true. */
  preview: z.boolean().optional(),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBodySchema>;

export const PushUnsubscribeBodySchema = z.strictObject({ endpoint: PushEndpointSchema });
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBodySchema>;

/** `GET /api/push/key`: the server's VAPID public key, an uncompressed P-256 point as unpadded base64url. */
export const PushKeyAnswerSchema = z.object({ publicKey: PushP256dhSchema });
export type PushKeyAnswer = z.infer<typeof PushKeyAnswerSchema>;

/** What one push carries once decrypted: what the service worker shows, and the chat a click opens. */
export const PushPayloadSchema = z.object({
  chatId: IdSchema,
  title: z.string().max(256),
  body: z.string().max(2048),
  /** How many messages this push stands for (several within the coalescing window make one push). */
  count: z.number().int().min(1),
});
export type PushPayload = z.infer<typeof PushPayloadSchema>;

/** What a notification says for a message that carries a file instead of text (WeChat's labels). */
const KIND_LABELS: Readonly<Record<string, string>> = { image: '[Photo]', file: '[File]', voice: '[Voice]' };

/**
 * The text a notification (a Web Push, or the page's own) shows for a message: its text on one line, or for a
 * media message its kind's label ("[Photo]", "[File]", "[Voice]"). A message without `kind` is text.
 */
export function notificationPreview(message: { content: string; kind?: string }): string {
  const label = message.kind === undefined ? undefined : KIND_LABELS[message.kind];
  return label ?? message.content.replace(/\s+/g, ' ').trim();
}
