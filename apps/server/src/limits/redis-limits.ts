import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Limits } from './limits.ts';
import { makeMemoryLimiter, type LimiterSpec } from './make-limiter.ts';
import { MemoryTrustedClients, type TrustedClients } from './trusted-clients.ts';

/** Every key this adapter writes starts with this: `pairchat:limit:<keyPrefix>:<key>`, `pairchat:trust:<entry>`. */
const LIMIT_KEYS = 'pairchat:limit:';
const TRUST_KEYS = 'pairchat:trust:';
/** A limit check waits this long for Redis at most, then falls back to memory: a stalled Redis must not stall a login. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * The limits in Redis, shared by every process (rate-limiter-flexible's `RateLimiterRedis`: one key per limited key,
 * counted by an atomic Lua INCR with the window as its TTL). One ioredis connection per process, opened here and
 * closed by `close()`; besides `realtime/bus/redis/`, this is the one module of the limits that imports ioredis.
 *
 * When Redis is down or slow, limits neither fail open nor closed: each falls back to a limiter of the same spec in
 * this process's memory (rate-limiter-flexible's `insuranceLimiter`), and trusted clients to a memory copy of those
 * added by this process. So an outage gives each process its own budget (N processes: up to N times one budget, the
 * pre-Redis behaviour) but never removes a limit and never locks anyone out. OWASP advises failing closed for
 * authentication controls; a Redis outage refusing every sign-in would lock out everyone, which is the failure this
 * design refuses. The outage is logged once; ioredis reconnects by itself, and counts resume in Redis.
 */
export class RedisLimits implements Limits {
  readonly name = 'redis';
  readonly trusted: TrustedClients;
  private readonly client: Redis;
  private down = false;

  constructor(
    url: string,
    trustTtlSeconds: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      // Never queue a check while Redis is away: fall back at once instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2000),
    });
    this.client.on('error', (err: Error) => this.markDown(err));
    this.client.on('ready', () => this.markUp());
    this.trusted = new RedisTrustedClients(
      this.client,
      trustTtlSeconds,
      new MemoryTrustedClients(trustTtlSeconds * 1000),
    );
  }

  /** Connects; when Redis is not there yet, the limits run on memory until ioredis has reconnected. */
  async connect(): Promise<void> {
    await this.client.connect().catch((err: unknown) => this.markDown(err as Error));
  }

  readonly makeLimiter = (spec: LimiterSpec): RateLimiterRedis =>
    new RateLimiterRedis({
      ...spec,
      keyPrefix: `${LIMIT_KEYS}${spec.keyPrefix}`,
      storeClient: this.client,
      rejectIfRedisNotReady: true,
      insuranceLimiter: makeMemoryLimiter(spec),
    });

  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined);
    this.client.disconnect();
  }

  private markDown(err: Error): void {
    if (this.down) return;
    this.down = true;
    this.log.warn({ err: err.message }, 'limits: Redis unreachable; each process limits on its own until it is back');
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info('limits: Redis reachable again; limits are shared again');
  }
}

/** {@link TrustedClients} as Redis keys with a TTL; a memory copy answers while Redis does not. */
class RedisTrustedClients implements TrustedClients {
  constructor(
    private readonly client: Redis,
    private readonly ttlSeconds: number,
    private readonly fallback: MemoryTrustedClients,
  ) {}

  async has(entry: string): Promise<boolean> {
    try {
      // A client trusted while Redis was away is known to this process's copy only.
      return (await this.client.exists(`${TRUST_KEYS}${entry}`)) === 1 || (await this.fallback.has(entry));
    } catch {
      return this.fallback.has(entry);
    }
  }

  async add(entry: string): Promise<void> {
    await this.fallback.add(entry);
    await this.client.set(`${TRUST_KEYS}${entry}`, '1', 'EX', this.ttlSeconds).catch(() => undefined);
  }
}
