import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;
const ProxyAddressSchema = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(PROXY_RANGE_NAMES)]);

/** Fastify's `trustProxy` for "believe this many hops, counted from this server". */
export type TrustHops = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY, never "every hop" (a client could then choose its own address by prepending to X-Forwarded-For):
 * - unset, `false` or `0`: no proxy; the socket's address is the client's.
 * - a hop count `N` (1–10; `true` means 1): believe the last N entries a proxy appended. Right only when the server
 *   is reachable through those proxies alone, since a hop count cannot check who the peer is.
 * - a comma-separated list of proxy addresses or CIDR ranges (or `loopback`, `linklocal`, `uniquelocal`): believe
 *   entries added by those addresses only; the client is the first address, from the right, that is not a proxy.
 * The result is Fastify's `trustProxy` option as it is: false, a hop predicate, or the address list.
 */
export const TrustProxySchema = z
  .string()
  .optional()
  .transform((v, ctx): false | TrustHops | string[] => {
    const text = (v ?? '').trim().toLowerCase();
    if (text === '' || text === 'false' || text === '0') return false;
    const hops = text === 'true' ? 1 : /^\d+$/.test(text) ? Number(text) : undefined;
    if (hops !== undefined) {
      if (hops > 10) ctx.addIssue({ code: 'custom', message: 'at most 10 proxy hops' });
      return (_address, hop) => hop < hops;
    }
    const list = text.split(',').map((a) => a.trim());
    for (const address of list) {
      if (!ProxyAddressSchema.safeParse(address).success) {
        ctx.addIssue({ code: 'custom', message: `not a hop count or a proxy address: ${address}` });
      }
    }
    return list;
  });

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * The embedded store's fsync policy. FULL (default): an acknowledged message survives a power cut. NORMAL: it
   * survives a crash or kill of the process, but the last commits may be lost on power loss; faster.
   */
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  MONGODB_URI: optionalText.pipe(z.url({ protocol: /^mongodb(\+srv)?$/ }).optional()),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('pairchat'),
  MONGODB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * How long to wait for MongoDB to be reachable (server selection, connecting) before a request fails with 503. A
   * server that hangs mid-request is noticed later, by the driver's heartbeat (13–15 s with 5000, measured).
   */
  MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  /** A person counts as online this long after the last heartbeat of a process holding their socket. */
  PRESENCE_TTL_SECONDS: z.coerce.number().min(1).max(600).default(30),
  /** Comma-separated origins allowed to open a WebSocket; empty means the server's own origin only. */
  ALLOWED_ORIGINS: optionalText.transform((v) =>
    v === undefined
      ? []
      : v
          .split(',')
          .map((o) => o.trim().replace(/\/$/, ''))
          .filter(Boolean),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Tests only: a session lifetime in seconds, in place of SESSION_TTL_DAYS (to see sockets close at expiry). */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(31_536_000).optional(),
  /**
   * How often every open socket's session is looked up again; a socket whose session is gone (ended where the
   * event did not reach this process, or removed by the admin tool from another process) is closed with 1008. One
   * query per check for all of this process's sockets. Expiry closes a socket at its session's expiry instead.
   */
  SESSION_CHECK_SECONDS: z.coerce.number().min(0.1).max(3600).default(1),
  /** `open` (default): anyone may register. `closed`: `POST /api/auth/register` is 403; the admin tool makes accounts. */
  REGISTRATION: z.enum(['open', 'closed']).default('open'),
  /** scrypt's cost parameter N as a power of two (14 → N = 16384, 16 MiB per hash). */
  SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(14),
  // Abuse limits. Every one can be lifted through the environment (a load test does).
  /** Sign-in and registration attempts per address per minute (each route counted on its own). */
  AUTH_RATE_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /** Sign-in and registration attempts per name per minute from one address (or one device cookie). */
  AUTH_RATE_PER_NAME: z.coerce.number().int().min(1).default(10),
  /**
   * Sign-in attempts per name per hour from every client that never signed in as that name, all together. A client
   * that did (its address, or its device cookie) is never held by this budget (see routes/auth/login-limits.ts).
   */
  AUTH_NAME_BUDGET_PER_HOUR: z.coerce.number().int().min(1).default(100),
  /**
   * How long a client that signed in as a name (its address, its device cookie) stays trusted for that name, in
   * days after its last sign-in (see routes/auth/login-limits.ts). With REDIS_URL the trust is kept in Redis.
   */
  AUTH_TRUST_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Sends per person: SEND_BURST per window of SEND_BURST / SEND_RATE_PER_SECOND seconds (rounded up), counted in
   * Redis across processes when REDIS_URL is set (limits/make-limiter.ts, `burstWindow`).
   */
  SEND_BURST: z.coerce.number().int().min(1).default(30),
  SEND_RATE_PER_SECOND: z.coerce.number().min(0.1).default(10),
  /**
   * WebSocket frames per person per FRAME_LIMIT_WINDOW_SECONDS, per kind: typing, read marks, and every other frame
   * (invalid ones, and any type without a budget of its own; sends count against SEND_BURST). Over a budget a frame
   * is answered with an `error` frame `rate_limited` and dropped; the socket stays open.
   */
  FRAME_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  TYPING_FRAMES_PER_WINDOW: z.coerce.number().int().min(1).default(20),
  READ_FRAMES_PER_WINDOW: z.coerce.number().int().min(1).default(100),
  OTHER_FRAMES_PER_WINDOW: z.coerce.number().int().min(1).default(50),
  /**
   * A person's presence is announced at most once per this many ms (per process): a socket opened and closed in a
   * loop makes one change per window, not one per socket; the state is announced only when it differs from the last.
   */
  PRESENCE_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /** Open sockets per person on one process. */
  MAX_SOCKETS_PER_PERSON: z.coerce.number().int().min(1).default(20),
  /** A socket whose unsent data passes this is closed with 1013 (the client catches up when it comes back). */
  SOCKET_BUFFER_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** How long the embedded store waits for a lock before answering 503. */
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /**
   * Behind a reverse proxy: which hops of X-Forwarded-For/-Proto to believe (the client address for limits, https
   * for Secure cookies). See TrustProxySchema.
   */
  TRUST_PROXY: TrustProxySchema,
  /**
   * A request body must come at BODY_MIN_RATE bytes a second once it has had BODY_TIMEOUT_SECONDS, or its connection
   * is cut (Apache mod_reqtimeout's default rule, body=20,MinRate=500; plugins/body-rate.ts).
   */
  BODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
  BODY_MIN_RATE: z.coerce.number().int().min(1).default(500),
  /** SIGTERM/SIGINT: the process exits within this many milliseconds whatever its clients do. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** Tests only: also allow http push endpoints and hosts on loopback or private networks (contract: Web Push). */
  PUSH_ALLOW_INSECURE_ENDPOINTS: z
    .enum(['true', 'false', ''])
    .default('false')
    .transform((v) => v === 'true'),
  /** Messages of one chat arriving within this many ms make one Web Push. */
  PUSH_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** Largest upload (`POST /api/media`) in bytes; larger ones get 413. Default 25 MiB. */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 ** 3)
    .default(25 * 1024 * 1024),
  /** How long after sending a person may recall a message (WeChat: two minutes). */
  RECALL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /**
   * Who may write to whom (contract: "Contacts, blocking and who may write to whom"): `everyone` (default), or
   * `contacts`, where a send to anyone who is not my contact is refused with `forbidden` (`not_contact`).
   */
  MESSAGING: optionalText.pipe(z.enum(['everyone', 'contacts']).default('everyone')),
  /** Where the built SPA lives; the server serves it at `/` when it exists. */
  WEB_DIST: z.string().optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** The one reader of the environment. Throws ConfigError with one readable line on bad input. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`bad configuration: ${issues.join('; ')}`);
  }
  return parsed.data;
}
