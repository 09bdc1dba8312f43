import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';
import { PushPayloadSchema, type PushPayload } from '@pairchat/schema';
import { eventually } from '../helpers/client.ts';

/** One POST the push service received. */
export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The status it was answered with. */
  status: number;
}

/**
 * A push service on loopback speaking RFC 8030 §5: it takes a POST per push on the endpoint's path and answers
 * 201, or the statuses queued for that path with {@link answer} (one per request, then 201 again).
 */
export class LocalPushService {
  readonly received: ReceivedPush[] = [];
  private readonly queued = new Map<string, number[]>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<LocalPushService> {
    const server = http.createServer();
    const service = new LocalPushService(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const status = service.queued.get(path)?.shift() ?? 201;
        service.received.push({ path, headers: req.headers, body: Buffer.concat(chunks), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return service;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers the next requests on `path` with these statuses, in order. */
  answer(path: string, ...statuses: number[]): void {
    this.queued.set(path, [...(this.queued.get(path) ?? []), ...statuses]);
  }

  /** Requests received on `path` so far. */
  on(path: string): ReceivedPush[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves once `path` has received `count` requests in all. */
  async waitFor(path: string, count: number, timeoutMs = 10_000): Promise<ReceivedPush[]> {
    await eventually(() => {
      if (this.on(path).length < count) throw new Error(`${path}: ${this.on(path).length} of ${count} pushes`);
    }, timeoutMs);
    return this.on(path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A browser's side of a subscription (W3C Push API): a P-256 key pair and a 16-byte auth secret. */
export class BrowserSubscription {
  private readonly ecdh = crypto.createECDH('prime256v1');
  private readonly authSecret = crypto.randomBytes(16);

  constructor(readonly endpoint: string) {
    this.ecdh.generateKeys();
  }

  /** What `PushSubscription.toJSON()` gives, as a browser posts it. */
  toJSON() {
    return {
      endpoint: this.endpoint,
      expirationTime: null,
      keys: { p256dh: this.ecdh.getPublicKey().toString('base64url'), auth: this.authSecret.toString('base64url') },
    };
  }

  /** Decrypts a push body (RFC 8291, aes128gcm) with this browser's private key, and checks it is a payload. */
  decrypt(push: ReceivedPush): PushPayload {
    const plain = ece.decrypt(push.body, { version: 'aes128gcm', privateKey: this.ecdh, authSecret: this.authSecret });
    return PushPayloadSchema.parse(JSON.parse(plain.toString('utf8')));
  }
}

/**
 * Verifies a push's VAPID header (RFC 8292 §3: `Authorization: vapid t=<JWT>, k=<public key>`): `k` is
 * `publicKey`, the JWT is ES256-signed by that key, `aud` is the endpoint's origin and `exp` is in the future
 * (at most 24 h away). Returns the JWT's claims; throws on any mismatch.
 */
export function verifyVapid(push: ReceivedPush, publicKey: string, origin: string): Record<string, unknown> {
  const header = push.headers.authorization ?? '';
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header);
  if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
  const [, jwt = '', k = ''] = match;
  if (k !== publicKey) throw new Error('VAPID k is not the server key');
  const [head = '', claims = '', signature = ''] = jwt.split('.');
  const point = Buffer.from(k, 'base64url');
  const key = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = crypto.verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('VAPID JWT signature does not verify');
  if ((JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string }).alg !== 'ES256') {
    throw new Error('VAPID JWT is not ES256');
  }
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
  const now = Date.now() / 1000;
  if (body.aud !== origin) throw new Error(`VAPID aud ${String(body.aud)} is not ${origin}`);
  if (typeof body.exp !== 'number' || body.exp <= now || body.exp > now + 24 * 3600) {
    throw new Error('VAPID exp out of range');
  }
  return body;
}
